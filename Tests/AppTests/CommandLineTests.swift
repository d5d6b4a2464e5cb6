import Foundation
import GRDB
import Testing
@testable import App

/// End to end: the real `rapport` binary in a temp HOME with `RAPPORT_DB`.
///
/// The binary is `$RAPPORT_BIN` (set by `make test`), else the debug build
/// of this checkout; without it these tests are skipped, saying so.
@Suite(.enabled(if: RapportCLI.binaryExists,
                "rapport binary not found: run `swift build` first or set RAPPORT_BIN"))
struct CommandLineTests {
    @Test func demoThenDueRanksContactsWithReasons() throws {
        let cli = try RapportCLI()
        let demo = try cli.run("demo")
        #expect(demo.status == 0)
        #expect(demo.stdout.contains("40 contacts"))
        let due = try cli.run("due")
        #expect(due.status == 0)
        let lines = due.stdout.split(separator: "\n")
        #expect(lines.count >= 5)
        let scores = lines.compactMap { Int($0.split(separator: " ").first ?? "") }
        #expect(scores.count == lines.count)
        #expect(scores == scores.sorted(by: >))
        #expect(lines.first?.contains("overdue") == true)
        #expect(due.stdout.contains("since last touch"))
        // Loading the demo twice is refused and changes nothing.
        let before = try cli.run("list", "--json", "--archived").stdout
        let again = try cli.run("demo")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already has 40 contacts"))
        #expect(try cli.run("list", "--json", "--archived").stdout == before)
    }

    @Test func checkSaysOkOnASoundBookAndNamesATamperedSummary() throws {
        let cli = try RapportCLI()
        #expect(try cli.run("demo").status == 0)
        let ok = try cli.run("check")
        #expect(ok.status == 0)
        #expect(ok.stdout.hasPrefix("ok: 40 contacts, "))
        #expect(ok.stdout.contains("every history summary matches its interactions"))
        // A summary changed behind rapport's back (as a bug would) is found and named; check changes nothing.
        let queue = try DatabaseQueue(path: cli.database)
        try queue.write { try $0.execute(sql: "UPDATE contact_summary SET last_touch_at = last_touch_at - 86400000000 WHERE contact_id = 3") }
        let bad = try cli.run("check")
        #expect(bad.status == 1)
        #expect(bad.stdout.hasPrefix("1 problem in 40 contacts"))
        #expect(bad.stdout.contains("contact #3: stored"))
        #expect(try cli.run("check").stdout == bad.stdout)
    }

    @Test func aPromiseDueYesterdayPutsItsContactOnTopUntilDone() throws {
        let cli = try RapportCLI()
        for name in ["Ana Lima", "Bo Lind", "Cy Park"] { #expect(try cli.run("add", name, "--met-on", "300 days ago").status == 0) }
        #expect(try cli.run("log", "ana", "bo", "cy", "--kind", "meeting", "--on", "200 days ago").status == 0)
        let promise = try cli.run("promise", "cy", "send deck", "--due", "yesterday")
        #expect(promise.status == 0)
        let id = try #require(promise.stdout.split(separator: " ").first.map(String.init))
        #expect(id.hasPrefix("#"))
        let due = try cli.run("due")
        let top = try #require(due.stdout.split(separator: "\n").first)
        #expect(top.contains("Cy Park") && top.contains("promise \"send deck\" 1d overdue"))
        let json = try cli.run("due", "--json")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect((parsed?.first?["contact"] as? [String: Any])?["name"] as? String == "Cy Park")

        #expect(try cli.run("done", id).status == 0)
        #expect(!(try cli.run("due").stdout.contains("send deck")))
        #expect(try cli.run("undone", id).status == 0)
        #expect(try cli.run("due").stdout.contains("send deck"))
    }

    @Test func badInputExitsOneAndChangesNothing() throws {
        let cli = try RapportCLI()
        #expect(try cli.run("add", "Ana Lima", "--company", "Northwind").status == 0)
        #expect(try cli.run("add", "Ana Souza").status == 0)
        #expect(try cli.run("add", "José Álvarez").status == 0)
        let before = try cli.state()
        let cases: [([String], String)] = [
            (["log", "zed", "--kind", "call"], "rapport: no contact matches \"zed\""),
            (["log", "an", "--kind", "call"], "rapport: \"an\" matches 2 contacts"),
            (["log", "jose", "--kind", "lunch"], "rapport: kind: \"lunch\" is not a kind"),
            (["promise", "jose", "send deck", "--due", "2026-02-30"], "rapport: due: 2026-02-30 is not a date"),
            (["log", "jose", "--kind", "call", "--on", "2026-02-30"], "rapport: on: 2026-02-30 is not a date"),
            (["add", ""], "rapport: name: cannot be empty"),
            (["add", "Evil\u{1B}[2J"], "rapport: name: cannot contain control characters"),
            (["add", "Dee", "--circle", "friends"], "rapport: circle: \"friends\" is not a circle"),
            (["done", "999"], "rapport: no promise with id 999"),
            (["show", "nobody"], "rapport: no contact matches \"nobody\""),
        ]
        for (arguments, message) in cases {
            let result = try cli.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.hasPrefix(message), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
        // The ambiguous prefix lists both candidates with company and id.
        let ambiguous = try cli.run("log", "an", "--kind", "call").stderr
        #expect(ambiguous.contains("#1  Ana Lima (Northwind)") && ambiguous.contains("#2  Ana Souza"))
        #expect(try cli.state() == before)
        // "jose" finds "José Álvarez".
        #expect(try cli.run("log", "jose", "--kind", "call").stdout.contains("José Álvarez"))
    }

    @Test func usageErrorsExitTwo() throws {
        let cli = try RapportCLI()
        #expect(try cli.run("list", "--bogus").status == 2)
        #expect(try cli.run("log", "ana").status == 2)  // --kind missing
        #expect(try cli.run("promise").status == 2)
    }

    @Test func theDatabaseFileIsPrivate() throws {
        let cli = try RapportCLI()
        #expect(try cli.run("add", "Ana").status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: cli.database)[.posixPermissions] as? NSNumber
        #expect(mode.map { $0.intValue & 0o777 } == 0o600)
    }

    @Test func twoProcessesLoggingAtOnceBothSucceed() throws {
        let cli = try RapportCLI()
        #expect(try cli.run("add", "Ana").status == 0)
        let loop = #"for i in $(seq 20); do "$RAPPORT_BIN" log ana --kind call --summary "$0 $i" >/dev/null || exit 1; done"#
        let writers = try ["first", "second"].map { name in try cli.start("/bin/sh", ["-c", loop, name]) }
        for writer in writers { writer.waitUntilExit() }
        #expect(writers.map(\.terminationStatus) == [0, 0])
        let timeline = try cli.run("timeline", "ana", "--json")
        let parsed = try JSONSerialization.jsonObject(with: Data(timeline.stdout.utf8)) as? [String: Any]
        #expect((parsed?["entries"] as? [Any])?.count == 40)
    }

    @Test func anEscapeInANameReachesATerminalOnlyAsAPlaceholder() throws {
        let cli = try RapportCLI()
        // Stored raw below the checks, as an old or hand-edited file could hold it.
        #expect(try cli.run("add", "Mallory").status == 0)
        let store = try Store(path: cli.database)
        var mallory = try #require(try store.contact(id: 1))
        mallory.name = "Mal\u{1B}]0;pwned\u{7}lory"
        try store.update(mallory)
        // Under a pseudo-terminal (script(1)): a placeholder, never the raw escape.
        let tty = try cli.run("/usr/bin/script", ["-qec", "\"$RAPPORT_BIN\" list", "/dev/null"], direct: true)
        #expect(tty.status == 0)
        #expect(tty.stdout.contains("Mal␛]0;pwned␇lory"))
        #expect(!tty.stdout.contains("\u{1B}"))
        // Piped: the text as stored, for scripts; JSON escapes it.
        #expect(try cli.run("list").stdout.contains("Mal\u{1B}]0;pwned\u{7}lory"))
        #expect(try cli.run("list", "--json").stdout.contains(#""Mal\u001b]0;pwned\u0007lory""#))
    }
}

/// One temp HOME and database (removed when released), and a way to run the binary in it.
final class RapportCLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["RAPPORT_BIN"], !path.isEmpty { return path }
        return repositoryRoot.appendingPathComponent(".build/debug/rapport").path
    }

    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    let home: String
    var database: String { home + "/data/rapport.sqlite" }

    init() throws {
        home = NSTemporaryDirectory() + "rapport-cli-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: home) }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("XDG_") && !$0.key.hasPrefix("RAPPORT_") }
        env["HOME"] = home
        env["RAPPORT_DB"] = database
        env["RAPPORT_BIN"] = RapportCLI.binary
        env["RAPPORT_SEEDS"] = repositoryRoot.appendingPathComponent("seeds").path
        env["TERM"] = "xterm-256color"
        return env
    }

    func start(_ executable: String, _ arguments: [String], output: Pipe? = nil, errors: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    func run(_ arguments: String...) throws -> Result { try run(arguments) }

    func run(_ arguments: [String]) throws -> Result { try run(RapportCLI.binary, arguments, direct: true) }

    func run(_ executable: String, _ arguments: [String], direct: Bool) throws -> Result {
        let output = Pipe(), errors = Pipe()
        let process = try start(executable, arguments, output: output, errors: errors)
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    /// Everything a command can read, as text: equal before and after means nothing was written.
    func state() throws -> String {
        let parts = [try run("list", "--json", "--archived"), try run("event", "list", "--all", "--json")]
        var text = parts.map(\.stdout).joined()
        for id in 1...3 { text += try run("timeline", "\(id)", "--json").stdout }
        return text
    }
}
