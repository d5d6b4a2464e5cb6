import App
import Foundation
import UI

/// The scenarios on a team's book: the same data set in a PostgreSQL
/// database on a server on loopback, used as a member uses it.
///
/// The schema is the administrator's (the URL given is a superuser's, as
/// scripts/test-with-postgres.sh makes it); the book is written and read by
/// a member role, `rapport_bench_ana`, so that the server's row-level
/// security applies as it does to a team; `rapport_bench_bruno` is the
/// teammate whose writes reach Ana's open dashboard. The book is written
/// once per server (database `rapport_bench_<N>_<seed>`) through the bulk
/// writer, as the SQLite data set is; a throwaway server writes it again.
///
/// `--only postgres` runs them all; `postgres-import`, `postgres-rescoring`,
/// `postgres-keys`, `postgres-dashboard`, `postgres-live` one each.
struct PostgresScenarios {
    static let names = ["import", "rescoring", "keys", "dashboard", "live"]
    static let member = "rapport_bench_ana"
    static let teammate = "rapport_bench_bruno"

    let admin: PostgresAdmin
    /// Figures go through the SQLite scenarios' `add`, tagged "postgres".
    var scenarios: Scenarios
    var data: DataSet { scenarios.data }
    var figures: [Figure] { scenarios.figures }
    var book: String { "rapport_bench_\(data.contactCount)_\(data.seed)" }

    init(data: DataSet, admin: PostgresAdmin, vcardPath: String, runs: Int, rapportBinary: String?, benchBinary: String) {
        self.admin = admin
        scenarios = Scenarios(data: data, databasePath: "", vcardPath: vcardPath, runs: runs,
                              rapportBinary: rapportBinary, benchBinary: benchBinary)
        scenarios.engine = "postgres"
    }

    static func wanted(_ name: String, only: Set<String>?) -> Bool {
        guard let only else { return true }
        return only.contains("postgres") || only.contains("postgres-" + name)
    }

    mutating func runAll(only: Set<String>?) throws {
        func wanted(_ name: String) -> Bool { Self.wanted(name, only: only) }
        let ana = try admin.member(Self.member, database: book)
        scenarios.childEnvironment = ["PGPASSWORD=\(ana.password ?? "")"]
        if wanted("import") { try importFile(as: ana) }
        guard ["rescoring", "keys", "dashboard", "live"].contains(where: wanted) else { return }
        try prepareBook(as: ana)
        scenarios.databasePath = ana.description
        let store = try Store(location: ana)
        if wanted("rescoring") { try scenarios.rescoring(on: store) }
        if wanted("keys") { try scenarios.keystrokes(on: store) }
        // As after any earlier session: the attention cache is current.
        try AttentionCache(store: store, scorer: Scenarios.scorer).refresh(now: DataSet.reference)
        if wanted("dashboard") { try scenarios.dashboardChildren() }
        if wanted("live") { try teammateWrites(ana: ana, bruno: try admin.member(Self.teammate, database: book)) }
    }

    private func log(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Makes database `name` through a partial one renamed at the end, so an
    /// interrupted run starts over: the administrator makes the schema, then `fill`.
    private func makeDatabase(_ name: String, _ fill: (_ database: String) throws -> Void) throws {
        guard try !admin.databaseExists(name) else { return }
        let partial = name + "_partial"
        try admin.dropDatabase(partial)
        try admin.run("CREATE DATABASE \(partial)")
        _ = try Store(location: admin.admin(database: partial))  // the schema, as `rapport check` makes it
        try fill(partial)
        for attempt in 0... {
            // Sessions just closed may not have left the server yet.
            try admin.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(partial)' AND pid <> pg_backend_pid()")
            do {
                try admin.run("ALTER DATABASE \(partial) RENAME TO \(name)")
                return
            } catch where attempt < 50 {
                usleep(100_000)
            }
        }
    }

    /// The data set, written by Ana through the bulk writer in one transaction.
    mutating func prepareBook(as ana: PostgresLocation) throws {
        var generated: Double?
        try makeDatabase(book) { partial in
            log("generating \(data.contactCount) contacts, \(data.interactionCount) interactions on PostgreSQL…")
            var writer = ana
            writer.database = partial
            generated = try timed { try data.write(into: try Store(location: writer)) }
            log("  generated in \(Report.format(generated! / 1000)) s")
            // What autovacuum does within minutes of a bulk load: the
            // planner's statistics, hint bits and the visibility map, so
            // that the scenarios see a book in its steady state.
            try PostgresAdmin(url: admin.admin(database: partial).urlWithPassword).run("VACUUM (ANALYZE)")
            // And the load's dirty pages written now, not by the checkpointer during the scenarios.
            try admin.run("CHECKPOINT")
        }
        if let generated {
            scenarios.add("write the generated book (bulk writer, one transaction)", [generated])
        }
    }

    /// `rapport import FILE.vcf` by a member into an empty team's book (its
    /// schema made beforehand by the administrator, as a team sets it up).
    mutating func importFile(as ana: PostgresLocation) throws {
        guard let rapport = scenarios.rapportBinary else { return }
        let template = "rapport_bench_empty"
        try makeDatabase(template) { partial in
            var member = ana
            member.database = partial
            _ = try Store(location: member)  // Ana is a member of it
        }
        let scratch = "rapport_bench_import"
        var target = ana
        target.database = scratch
        var total: [Double] = [], memory: [Double] = []
        for _ in 0..<max(1, scenarios.runs / 2) {
            try admin.dropDatabase(scratch)
            try admin.run("CREATE DATABASE \(scratch) TEMPLATE \(template)")
            let run = try timedSpawn(rapport, ["import", scenarios.vcardPath, "--db", target.description],
                                     environment: scenarios.childEnvironment)
            if run.code != 0 { log("  rapport import exited \(run.code)") }
            total.append(run.milliseconds)
            memory.append(run.peakMB)
        }
        try admin.dropDatabase(scratch)
        scenarios.add("rapport import FILE.vcf (empty book)", total, target: "≤5 s at 100k")
        scenarios.add("rapport import FILE.vcf peak memory", memory, unit: "MB")
    }

    /// A teammate's write reaching an open dashboard: Ana's dashboard (the
    /// real runtime, on an in-memory backend, in this process) shows her top
    /// contact's timeline; Bruno, through his own Store, logs a call with
    /// that contact. Measured from the end of his commit: when Ana's store
    /// hears of it (LISTEN/NOTIFY), and when a frame shows the timeline with
    /// one more entry (the scoring job's poll, Book.refresh, rescoring, the
    /// library delivered, the timeline read in the background, the redraw).
    mutating func teammateWrites(ana: PostgresLocation, bruno: PostgresLocation) throws {
        let store = try Store(location: ana)
        guard let top = try store.contactsByAttention(limit: 1).first, let contactID = top.contact.id else {
            throw BenchError("the attention cache is empty")
        }
        let backend = ProbeBackend(size: Scenarios.size)
        let dashboard = UnsafeBox(Dashboard(backend: backend, store: store, config: Config(), calendar: Scenarios.calendar,
                                            clock: { DataSet.reference }, loadDemo: { _ in }))
        let ended = DispatchSemaphore(value: 0)
        let thread = Thread {
            dashboard.value.run()
            ended.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        defer {
            backend.quit()
            ended.wait()
        }
        // The first frame (from the cache), then the full library; then nothing for a while.
        guard backend.waitForFrames(2, timeout: 300) else { throw BenchError("the dashboard drew no full library") }
        backend.waitQuiet(seconds: 1.5)
        backend.send(.enter)
        guard backend.waitFor(timeout: 30, { lines in lines.contains { $0.contains("Timeline (") } }) else {
            throw BenchError("Enter did not open a contact")
        }
        backend.waitQuiet(seconds: 1)
        let frame = backend.lines
        guard frame.contains(where: { $0.contains(top.contact.name) }),
              let count = frame.lazy.compactMap(Self.timelineCount).first else {
            throw BenchError("the opened contact is not \(top.contact.name):\n" + frame.joined(separator: "\n"))
        }
        let mate = try Store(location: bruno)
        var written: [Int64] = []
        defer { for id in written { try? mate.deleteInteraction(id: id) } }
        var shown = count
        var write: [Double] = [], heard: [Double] = [], onScreen: [Double] = []
        let samples = data.contactCount >= 100_000 ? 30 : 40
        for index in 0...samples {
            // Any moment of the dashboard's 0.2 s poll.
            usleep(UInt32.random(in: 0..<200_000))
            shown += 1
            backend.watch("Timeline (\(shown))")
            let token = try store.changeToken()
            let start = monotonicNanos()
            let saved = try mate.insert(Interaction(occurredAt: DataSet.reference.addingTimeInterval(Double(index - samples - 1)),
                                                    kind: .call, summary: "bench: Bruno's call \(index)",
                                                    contactIDs: [contactID]))
            let committed = monotonicNanos()
            written.append(saved.id!)
            while try store.changeToken() == token, monotonicNanos() - committed < 10_000_000_000 { usleep(50) }
            let notified = monotonicNanos()
            guard let seen = backend.waitForWatch(timeout: 20) else {
                throw BenchError("write \(index) not on screen after 20 s:\n" + backend.lines.joined(separator: "\n"))
            }
            if index > 0 {  // the first one warms Bruno's connection up
                write.append(Double(committed - start) / 1e6)
                heard.append(Double(notified - committed) / 1e6)
                onScreen.append(Double(seen - committed) / 1e6)
            }
            backend.waitQuiet(seconds: 0.3)
        }
        scenarios.add("teammate's write: one interaction, committed", write)
        scenarios.add("teammate's write: heard by the dashboard (NOTIFY)", heard)
        scenarios.add("teammate's write: on the open dashboard", onScreen, target: "≤1 s")
    }

    /// N in "Timeline (N)".
    static func timelineCount(_ line: String) -> Int? {
        guard let range = line.range(of: "Timeline (") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }
}

/// Moves a value to another thread that alone uses it from then on.
final class UnsafeBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A backend for a dashboard run on another thread: keys are sent to it,
/// each frame's text is kept, and a watched text's first appearance is
/// timed. Waits for keys as ncurses does (up to the timeout, returning as
/// soon as one comes).
final class ProbeBackend: Backend, @unchecked Sendable {
    let size: Size
    private let lock = NSCondition()
    private var keys: [Key] = []
    private var quitting = false
    private var frames = 0
    private var lastFrame: UInt64 = 0
    private var text: [String] = []
    private var watched: String?
    private var seen: UInt64?
    private var previous: Buffer?

    init(size: Size) { self.size = size }

    func draw(_ buffer: Buffer) {
        _ = buffer.changes(since: previous)
        previous = buffer
        let lines = buffer.lines
        let now = monotonicNanos()
        lock.withLock {
            frames += 1
            lastFrame = now
            text = lines
            if let watched, seen == nil, lines.contains(where: { $0.contains(watched) }) { seen = now }
            lock.broadcast()
        }
    }

    func nextKey(timeoutMilliseconds: Int) -> Key? {
        let deadline = Date().addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        return lock.withLock {
            while keys.isEmpty && !quitting {
                if !lock.wait(until: deadline) { break }
            }
            if quitting { return .control("c") }
            return keys.isEmpty ? nil : keys.removeFirst()
        }
    }

    func suspend() {}
    func close() {}

    func send(_ key: Key) { lock.withLock { keys.append(key); lock.broadcast() } }
    func quit() { lock.withLock { quitting = true; lock.broadcast() } }
    var lines: [String] { lock.withLock { text } }

    /// Times the first frame from now on whose text contains `text`.
    func watch(_ text: String) { lock.withLock { watched = text; seen = nil } }

    /// When the watched text was first drawn; nil after `timeout` seconds.
    func waitForWatch(timeout: Double) -> UInt64? {
        let deadline = Date().addingTimeInterval(timeout)
        return lock.withLock {
            while seen == nil { if !lock.wait(until: deadline) { break } }
            return seen
        }
    }

    func waitForFrames(_ count: Int, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return lock.withLock {
            while frames < count { if !lock.wait(until: deadline) { break } }
            return frames >= count
        }
    }

    func waitFor(timeout: Double, _ condition: ([String]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return lock.withLock {
            while !condition(text) { if !lock.wait(until: deadline) { break } }
            return condition(text)
        }
    }

    /// Until no frame has been drawn for `seconds`.
    func waitQuiet(seconds: Double) {
        while true {
            let since = lock.withLock { Double(monotonicNanos() - lastFrame) / 1e9 }
            if since >= seconds { return }
            usleep(UInt32((seconds - since) * 1e6) + 1000)
        }
    }
}
