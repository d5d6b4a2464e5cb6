import App
import Foundation
import Interop
import UI

/// The measured scenarios, each over one data set.
struct Scenarios {
    let data: DataSet
    var databasePath: String
    let vcardPath: String
    let runs: Int
    let rapportBinary: String?
    let benchBinary: String
    var figures: [Figure] = []

    static let calendar = DataSet.utc
    static let scorer = AttentionScorer(calendar: calendar)
    static let size = Size(width: 120, height: 40)

    /// "sqlite", or "postgres" when `databasePath` is a server's URL (`PostgresScenarios`).
    var engine = "sqlite"
    /// Extra environment for child processes (the server's password).
    var childEnvironment: [String] = []

    mutating func add(_ name: String, _ samples: [Double], unit: String = "ms", target: String = "") {
        figures.append(Figure(name: name, size: data.contactCount, unit: unit, samples: samples, target: target,
                              engine: engine))
        let f = figures.last!
        let tag = engine == "sqlite" ? "" : "[\(engine)] "
        FileHandle.standardError.write(Data("  \(Report.label(data.contactCount)) \(tag)\(name): median \(Report.format(f.median)) \(unit), p99 \(Report.format(f.p99))\n".utf8))
    }

    static let names = ["import", "backup", "rescoring", "keys", "dashboard", "commands", "capture"]

    /// Every scenario, or those named in `only` (import, backup, rescoring, keys, dashboard, commands, capture).
    mutating func runAll(only: Set<String>? = nil) throws {
        func wanted(_ name: String) -> Bool { only?.contains(name) ?? true }
        if wanted("import") { try importFile() }
        if wanted("backup") { try backup() }
        if wanted("rescoring") { try rescoring() }
        if wanted("keys") { try keystrokes() }
        if wanted("dashboard") { try dashboardProcess() }
        if wanted("commands") { try commands() }
        if wanted("capture") { try capture() }
    }

    /// `rapport capture` as cron runs it: the first capture of a generated
    /// maildir (as many messages as the book has contacts, so 100,000 at
    /// 100k) into a copy of the book, the re-run with nothing new, then a
    /// 10,000-event calendar.
    mutating func capture() throws {
        guard let rapport = rapportBinary else { return }
        // Migrated once here, so no run pays for the schema upgrade.
        _ = try Store(path: databasePath)
        let folder = databasePath + ".capture"
        let maildir = folder + "/Maildir"
        let me = "sam@reyes.example"
        let messages = min(data.contactCount, 100_000)
        // Half the correspondents are contacts, half strangers (suggestions).
        let correspondents = (0..<min(data.contactCount, 5_000)).map { index -> (name: String, email: String) in
            let contact = data.contact(index)
            return index % 2 == 0 ? (contact.name, contact.emails[0])
                : (contact.name + " Other", "stranger\(index)@elsewhere.example")
        }
        if !FileManager.default.fileExists(atPath: folder + "/.maildir-done") {
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try writeMaildir(at: URL(fileURLWithPath: maildir), messages: messages, me: me,
                             correspondents: correspondents, seed: data.seed)
            _ = FileManager.default.createFile(atPath: folder + "/.maildir-done", contents: nil)
        }
        let calendarFile = folder + "/calendar.ics"
        try writeCalendar(at: URL(fileURLWithPath: calendarFile), events: 10_000, me: me,
                          attendees: correspondents, around: Date(), seed: data.seed)
        let config = folder + "/config/rapport"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try "[me]\nname = \"Sam Reyes\"\nemails = [\"\(me)\"]\n"
            .write(toFile: config + "/config.toml", atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME=" + folder + "/config"]
        let scratch = databasePath + ".capture-scratch"
        var first: [Double] = [], again: [Double] = [], calendar: [Double] = [], memory: [Double] = []
        for _ in 0..<max(1, data.contactCount >= 100_000 ? 2 : runs / 3) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
            // The log holds committed pages too: a copy without it would miss them.
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: databasePath + suffix) {
                try FileManager.default.copyItem(atPath: databasePath + suffix, toPath: scratch + suffix)
            }
            let arguments = ["capture", "mail", maildir, "--db", scratch]
            let run = try timedSpawn(rapport, arguments, environment: environment)
            if run.code != 0 { FileHandle.standardError.write(Data("  rapport capture exited \(run.code)\n".utf8)) }
            first.append(run.milliseconds)
            memory.append(run.peakMB)
            again.append(try timedSpawn(rapport, arguments, environment: environment).milliseconds)
            calendar.append(try timedSpawn(rapport, ["capture", "calendar", calendarFile, "--db", scratch],
                                           environment: environment).milliseconds)
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
        add("rapport capture mail: first run (\(messages) messages)", first, target: "≤10 s for 100,000 messages")
        add("rapport capture mail: re-run, nothing new", again, target: "≤1 s at 100,000 messages")
        add("rapport capture mail: peak memory", memory, unit: "MB")
        add("rapport capture calendar (10,000 events)", calendar, target: "≤2 s")
    }

    /// vCard parsing in process, then `rapport import` of the whole file into
    /// an empty database, as a user runs it (the release binary).
    mutating func importFile() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: vcardPath))
        var parse: [Double] = []
        for _ in 0..<max(1, runs / 2) {
            parse.append(try timed { _ = try VCardReader.contacts(in: bytes, now: DataSet.reference) })
        }
        add("vCard parse", parse)
        guard let rapport = rapportBinary else { return }
        let scratch = databasePath + ".import-scratch"
        var total: [Double] = [], memory: [Double] = []
        for _ in 0..<max(1, runs / 2) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
            let run = try timedSpawn(rapport, ["import", vcardPath, "--db", scratch])
            if run.code != 0 { FileHandle.standardError.write(Data("  rapport import exited \(run.code)\n".utf8)) }
            total.append(run.milliseconds)
            memory.append(run.peakMB)
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
        add("rapport import FILE.vcf (empty book)", total, target: "≤2 s at 100k; ≤ abook convert at 10k")
        add("rapport import FILE.vcf peak memory", memory, unit: "MB")
    }

    /// `rapport export --format json` of the whole book, then `rapport import`
    /// of that backup into an empty database (the restore), with its peak memory.
    mutating func backup() throws {
        guard let rapport = rapportBinary else { return }
        let backup = databasePath + ".backup.jsonl"
        let scratch = databasePath + ".restore-scratch"
        let count = max(1, data.contactCount >= 100_000 ? 2 : runs / 2)
        var export: [Double] = [], restore: [Double] = [], memory: [Double] = []
        for _ in 0..<count {
            let run = try timedSpawn(rapport, ["export", "--format", "json", "--out", backup, "--db", databasePath])
            if run.code != 0 { FileHandle.standardError.write(Data("  rapport export exited \(run.code)\n".utf8)) }
            export.append(run.milliseconds)
        }
        add("rapport export --format json (whole book)", export, target: "≤5 s at 100k")
        for _ in 0..<count {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
            let run = try timedSpawn(rapport, ["import", "--format", "json", backup, "--db", scratch])
            if run.code != 0 { FileHandle.standardError.write(Data("  rapport import (restore) exited \(run.code)\n".utf8)) }
            restore.append(run.milliseconds)
            memory.append(run.peakMB)
        }
        for path in [backup, scratch, scratch + "-wal", scratch + "-shm"] { try? FileManager.default.removeItem(atPath: path) }
        add("rapport import --format json (restore)", restore, target: "≤20 s at 100k")
        add("restore peak memory", memory, unit: "MB", target: "≤500 MB at 100k")
    }

    /// The background job: the book's summaries loaded once, a full
    /// rescoring (arithmetic over summaries), the Library around it, and the
    /// incremental pass after one write.
    mutating func rescoring() throws {
        try rescoring(on: try Store(path: databasePath))
    }

    /// The same on an open store; on a team's book the member's own view, as
    /// the dashboard scores it.
    mutating func rescoring(on store: Store) throws {
        var load: [Double] = [], score: [Double] = [], library: [Double] = [], incremental: [Double] = []
        var book = Book()
        for _ in 0..<runs {
            load.append(try timed { book = try store.read { try Book.load($0, member: store.currentMember) } })
            score.append(timed { _ = Library.score(book, scorer: Self.scorer, now: DataSet.reference) })
            library.append(timed {
                _ = Library(book: book, scorer: Self.scorer, now: DataSet.reference, history: StoreHistory(store: store))
            })
            // Another process logs a touch; the job reloads that contact and rescores.
            let logged = try store.insert(Interaction(occurredAt: DataSet.reference, kind: .call, contactIDs: [1]))
            incremental.append(try timed {
                _ = try store.read { try book.refresh($0) }
                _ = Library(book: book, scorer: Self.scorer, now: DataSet.reference, history: StoreHistory(store: store))
            })
            try store.deleteInteraction(id: logged.id!)
        }
        add("load the book's summaries (start)", load)
        add("full rescoring (scores from summaries)", score, target: "≤50 ms at 100k")
        add("Library from scores", library)
        add("after a write: reload changed + rescore + Library", incremental)
    }

    /// Keystroke to frame, in process: key router, reducer, renderer, buffer diff.
    mutating func keystrokes() throws {
        try keystrokes(on: try Store(path: databasePath))
    }

    /// The same on an open store. On a team's book, as the dashboard runs
    /// there: the member's view, histories and contacts read on a
    /// background queue (`StoreHistory` with `inBackground:`), so a key
    /// draws what is at hand and the read lands in a later frame.
    mutating func keystrokes(on store: Store) throws {
        let history = store.isShared ? StoreHistory(store: store, inBackground: {}) : StoreHistory(store: store)
        let library = Library(book: try store.read { try Book.load($0, member: store.currentMember) }, scorer: Self.scorer,
                              now: DataSet.reference, history: history)
        let reducer = Reducer(now: { DataSet.reference })
        let renderer = DashboardRenderer(calendar: Self.calendar)
        var state = AppState(size: Self.size)
        _ = reducer.reduce(&state, .libraryLoaded(library))
        var previous = renderer.render(state)
        func press(_ key: Key) -> Double {
            timed {
                if let action = KeyRouter.action(for: key, in: state) { _ = reducer.reduce(&state, action) }
                let frame = renderer.render(state)
                _ = frame.changes(since: previous)
                previous = frame
            }
        }
        let rounds = max(20, runs * 10)
        var moves: [Double] = []
        for _ in 0..<rounds { moves.append(press(.down)) }
        for _ in 0..<rounds { moves.append(press(.up)) }
        moves.append(press(.end))
        moves.append(press(.home))
        add("key: move in attention list", moves, target: "p99 ≤2 ms, flat")
        var open: [Double] = [], back: [Double] = []
        for _ in 0..<max(10, runs * 3) {
            open.append(press(.enter))
            back.append(press(.escape))
            _ = press(.down)
        }
        add("key: open contact (Enter)", open, target: "p99 ≤2 ms")
        add("key: back (Esc)", back)
        if store.isShared {
            // Enter on a contact not read yet, to the frame the dashboard draws
            // when the background reads (its timeline, the contact in full) are in.
            var drawn: [Double] = []
            // The reads the Enter presses above started are done first.
            Thread.sleep(forTimeInterval: 1)
            for _ in 0..<max(10, runs * 3) {
                for _ in 0..<3 { _ = press(.down) }
                let start = monotonicNanos()
                _ = press(.enter)
                guard case let .contact(id)? = state.screen else { break }
                // Both reads in (the reader's own copies; asking again starts nothing new).
                while history.contact(id) == nil || history.interactions(of: id).isEmpty,
                      monotonicNanos() - start < 5_000_000_000 { usleep(50) }
                _ = reducer.reduce(&state, .historyRead)
                previous = renderer.render(state)
                drawn.append(Double(monotonicNanos() - start) / 1e6)
                _ = press(.escape)
            }
            add("open contact: Enter to the timeline drawn (background read)", drawn)
        }
        /// `/`, a query typed letter by letter, a backspace, Enter and Esc, a few times over.
        func searches() -> [Double] {
            var samples: [Double] = []
            for _ in 0..<max(3, runs) {
                samples.append(press(.character("/")))
                for c in "ana li" { samples.append(press(.character(c))) }
                samples.append(press(.backspace))
                samples.append(press(.enter))
                samples.append(press(.escape))
            }
            return samples
        }
        add("key: search keystroke", searches(), target: "p99 ≤10 ms")
        _ = press(.character("2"))
        var contacts: [Double] = []
        for _ in 0..<rounds { contacts.append(press(.down)) }
        add("key: move in contacts view", contacts, target: "p99 ≤2 ms")
        add("key: search keystroke in contacts view", searches(), target: "p99 ≤10 ms")
        _ = press(.character("3"))
        var promises: [Double] = []
        for _ in 0..<rounds { promises.append(press(.down)) }
        add("key: move in promises view", promises, target: "p99 ≤2 ms")
    }

    /// The real dashboard runtime in a child process with an in-memory
    /// backend: process start to the first frame that lists contacts, and
    /// peak memory once the full Library has been built.
    mutating func dashboardProcess() throws {
        // As after any earlier session (or `rapport due`): the attention cache is filled.
        try AttentionCache(store: try Store(path: databasePath), scorer: Self.scorer).refresh(now: DataSet.reference)
        try dashboardChildren()
    }

    /// Start to first frame and peak memory of `rapport-bench dashboard` children.
    mutating func dashboardChildren() throws {
        var first: [Double] = [], memory: [Double] = []
        for _ in 0..<max(1, runs / 2) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: benchBinary)
            process.arguments = ["dashboard", databasePath, "--hold", data.contactCount >= 100_000 ? "12" : "3"]
            if !childEnvironment.isEmpty {
                var environment = ProcessInfo.processInfo.environment
                for pair in childEnvironment {
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    if parts.count == 2 { environment[parts[0]] = parts[1] }
                }
                process.environment = environment
            }
            let pipe = Pipe()
            process.standardOutput = pipe
            let t0 = monotonicNanos()
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            var values: [String: Double] = [:]
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, let v = Double(parts[1]) { values[String(parts[0])] = v }
            }
            if let at = values["first-frame-ns"] { first.append((at - Double(t0)) / 1e6) }
            if let mb = values["peak-mb"] { memory.append(mb) }
        }
        add("start to first dashboard frame", first, target: engine == "sqlite" ? "≤150 ms at 100k" : "≤300 ms at 100k")
        add("dashboard peak memory", memory, unit: "MB", target: engine == "sqlite" ? "≤150 MB at 100k" : "")
    }

    /// The scripting commands, as a user runs them (the release binary).
    mutating func commands() throws {
        guard let rapport = rapportBinary else { return }
        let name = data.contact(data.contactCount / 2).name
        // A last name, as a mail client's completion asks (not the generation number after it).
        let word = String(name.split(separator: " ").last { $0.allSatisfy(\.isLetter) } ?? "")
        for (label, arguments) in [("rapport --version", ["--version"]), ("rapport list", ["list"]),
                                   ("rapport show NAME", ["show", name]), ("rapport mutt-query WORD", ["mutt-query", word]),
                                   ("rapport due", ["due"])] {
            var samples: [Double] = []
            for _ in 0..<max(3, runs) {
                // posix_spawn and waitpid: Foundation's Process.waitUntilExit
                // polls every 50 ms, which would round every figure up.
                let status = try timedSpawn(rapport, arguments + ["--db", databasePath])
                samples.append(status.milliseconds)
                if status.code != 0 { FileHandle.standardError.write(Data("  \(label) exited \(status.code)\n".utf8)) }
            }
            add(label, samples, target: "≥100× faster than khard at 10k")
        }
    }
}

/// A backend with no terminal: keeps the frames, sends no keys, quits after `hold` seconds.
final class MemoryBackend: Backend {
    let size: Size
    var frames = 0
    var firstContactsFrame: UInt64?
    let quitAt: UInt64
    var previous: Buffer?

    init(size: Size, holdSeconds: Double) {
        self.size = size
        self.quitAt = monotonicNanos() + UInt64(holdSeconds * 1e9)
    }

    func draw(_ buffer: Buffer) {
        _ = buffer.changes(since: previous)
        previous = buffer
        frames += 1
        if firstContactsFrame == nil, buffer.lines.contains(where: { $0.contains("Needs attention (") }) {
            firstContactsFrame = monotonicNanos()
        }
    }

    func nextKey(timeoutMilliseconds: Int) -> Key? {
        if monotonicNanos() >= quitAt { return .character("q") }
        usleep(UInt32(timeoutMilliseconds) * 1000)
        return nil
    }

    func suspend() {}
    func close() {}
}

/// Runs `path` with `arguments` (stdout and stderr to /dev/null, HOME in a
/// temporary folder) and returns how long it took, its exit status and its
/// peak resident memory (`PeakSampler`).
func timedSpawn(_ path: String, _ arguments: [String],
                environment extra: [String] = []) throws -> (milliseconds: Double, code: Int32, peakMB: Double) {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argumentList: [String] = [path] + arguments
    let environment: [String] = ["HOME=\(NSTemporaryDirectory())", "PATH=/usr/bin:/bin", "LANG=C.UTF-8"] + extra
    let argv: [UnsafeMutablePointer<CChar>?] = argumentList.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let start = monotonicNanos()
    let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
    guard spawned == 0 else { throw POSIXError(.init(rawValue: spawned) ?? .EINVAL) }
    let sampler = PeakSampler(pid: pid)
    // Ended, not yet reaped: the sampler stops before the pid can be reused.
    var info = siginfo_t()
    waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT)
    let elapsed = Double(monotonicNanos() - start) / 1e6
    let peak = sampler.finish()
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return (elapsed, (status >> 8) & 0xFF, peak)
}

/// A running process's peak resident memory, from its own high-water mark
/// (`VmHWM` in /proc/PID/status) read every 2 ms until `finish`.
///
/// Not the `ru_maxrss` that `wait4` gives: when a process execs, Linux
/// carries over the high-water mark of the memory it was forked from, so
/// every child's `ru_maxrss` is at least the size of the benchmark itself
/// (hundreds of MB after loading a 100k book), whatever the child used.
final class PeakSampler: @unchecked Sendable {
    private let pid: pid_t
    private let lock = NSLock()
    private var stopped = false
    private var peakKB = 0
    private let ended = DispatchSemaphore(value: 0)

    init(pid: pid_t) {
        self.pid = pid
        Thread.detachNewThread { [self] in
            while !lock.withLock({ stopped }) {
                if let kb = highWaterKB(of: pid) { lock.withLock { peakKB = max(peakKB, kb) } }
                usleep(2000)
            }
            ended.signal()
        }
    }

    /// Stops sampling (once the process has ended, before it is reaped) and returns the peak in MB.
    func finish() -> Double {
        lock.withLock { stopped = true }
        ended.wait()
        return Double(lock.withLock { peakKB }) / 1024
    }
}

/// `VmHWM` of process `pid` (`self` for this one) in kB; nil once it has ended.
func highWaterKB(of pid: pid_t?) -> Int? {
    let path = pid.map { "/proc/\($0)/status" } ?? "/proc/self/status"
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 8192)
    let count = read(fd, &buffer, buffer.count)
    guard count > 0 else { return nil }
    let text = String(decoding: buffer[..<count], as: UTF8.self)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
}
