import App
import Foundation
import TestSupport
import Testing
@testable import Store

/// A read-only file, a full disk and a folder that cannot exist: one clear
/// line, exit 1, nothing half written, and (for the dashboard) the terminal
/// left as it was.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct StorageFailureTests {
    static var isRoot: Bool { geteuid() == 0 }

    func integrity(_ path: String) throws -> String {
        try Store(path: path).read { try $0.fetchString(sql: "PRAGMA integrity_check") ?? "" }
    }

    @Test func aReadOnlyDatabaseIsRefusedWithAMessage() throws {
        let folder = try temporaryFolder("readonly")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"
        let database = data + "/rapport.sqlite"
        let env = rapportEnvironment(database: database, home: folder)
        #expect(try Spawn.run(TmuxSession.binary, ["add", "Ana Lima"], environment: env, capture: true).status == 0)
        let before = FileManager.default.contents(atPath: database)
        let command: (String, [String])
        if Self.isRoot {
            // Root writes anyway: run as nobody, owning a file and folder it may only read.
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                print("skipped: running as root without setpriv to drop privileges"); return
            }
            for path in [folder, data, database, database + "-wal", database + "-shm"] where FileManager.default.fileExists(atPath: path) {
                chown(path, 65534, 65534)
            }
            chmod(database, 0o400)
            chmod(data, 0o500)
            command = ("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", TmuxSession.binary])
        } else {
            chmod(database, 0o400)
            chmod(data, 0o500)
            command = (TmuxSession.binary, [])
        }
        defer { chmod(data, 0o700); chmod(database, 0o600) }
        // The binary must be reachable by nobody; a checkout under a private home is not.
        let probe = try Spawn.run(command.0, command.1 + ["--version"], environment: env, capture: true)
        guard probe.status == 0 else { print("skipped: the binary cannot run as nobody here: \(probe.output)"); return }
        let result = try Spawn.run(command.0, command.1 + ["log", "ana", "--kind", "call"], environment: env, capture: true)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.hasPrefix("rapport: ") && result.output.split(separator: "\n").count == 1, "\(result.output)")
        #expect(result.output.contains("read-only") || result.output.contains("cannot create or open"), "\(result.output)")
        #expect(FileManager.default.contents(atPath: database) == before)
        Stress.figure("read-only database: exit \(result.status), \(result.output.trimmingCharacters(in: .newlines))")
    }

    @Test func aFullDiskLosesNothingReported() throws {
        guard Self.isRoot else { print("skipped: mounting a small tmpfs needs root"); return }
        let folder = try temporaryFolder("full")
        let disk = folder + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let mounted = try Spawn.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk], capture: true)
        guard mounted.status == 0 else {
            print("skipped: mount not permitted here: \(mounted.output)")
            try? FileManager.default.removeItem(atPath: folder)
            return
        }
        defer {
            _ = try? Spawn.run("/bin/umount", [disk])
            try? FileManager.default.removeItem(atPath: folder)
        }
        let database = disk + "/rapport.sqlite"
        let env = rapportEnvironment(database: database, home: folder)
        // Adds with 90 KB of notes each until the disk is full.
        let notes = String(repeating: "A long note about the pilot. ", count: 3000)
        var reported: [Int64] = []
        var refusal = ""
        for n in 0..<40 {
            let result = try Spawn.run(TmuxSession.binary, ["add", "Person \(n)", "--notes", notes], environment: env, capture: true)
            if result.status == 0 {
                reported.append(Int64(result.output.dropFirst().prefix { $0.isNumber })!)
            } else {
                refusal = result.output
                #expect(result.status == 1)
                break
            }
        }
        #expect(!refusal.isEmpty, "1 MB never filled up")
        #expect(refusal.hasPrefix("rapport: ") && refusal.contains("full"), "\(refusal)")
        // The demo into a new file on the full disk: refused, and none of it is there.
        let demoPath = disk + "/demo.sqlite"
        let demo = try Spawn.run(TmuxSession.binary, ["demo", "--db", demoPath], environment: env, capture: true)
        #expect(demo.output.hasPrefix("rapport: ") && demo.output.contains("full"), "\(demo.output)")
        if let demoStore = try? Store(path: demoPath) { #expect(try demoStore.contactCount() == 0) }
        let store = try Store(path: database)
        // Free the space again to check the file (SQLite needs room for its checks).
        #expect(try integrity(database) == "ok")
        for id in reported { #expect(try store.contact(id: id) != nil, "#\(id) was reported but is missing") }
        #expect(try store.contactCount() == reported.count)
        #expect(demo.status == 1, "\(demo.output)")
        Stress.figure("full disk (1 MB tmpfs): \(reported.count) adds reported and all present, then \"\(refusal.trimmingCharacters(in: .newlines))\"; demo refused (exit \(demo.status)), nothing half written, integrity ok")
    }

    @Test func aFolderThatCannotExistGivesAMessageAndTheTerminalIsUntouched() throws {
        let missing = "/proc/rapport-no-such-folder/data/rapport.sqlite"
        let folder = try temporaryFolder("missing")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Spawn.run(TmuxSession.binary, ["list"], environment: rapportEnvironment(database: missing, home: folder),
                                   capture: true)
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("rapport: cannot create or open /proc/rapport-no-such-folder"), "\(result.output)")
        // A missing folder that can be made is made, 0700.
        let made = folder + "/new/deeper/rapport.sqlite"
        #expect(try Spawn.run(TmuxSession.binary, ["list"], environment: rapportEnvironment(database: made, home: folder)).status == 0)
        var info = stat()
        #expect(stat(folder + "/new/deeper", &info) == 0 && info.st_mode & 0o777 == 0o700)
        // The dashboard says so and leaves the terminal as it was.
        let session = try TmuxSession(environment: ["RAPPORT_DB": missing])
        let after = try session.waitFor("the shell prompt") { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(after.contains("rapport: cannot create or open"))
        #expect(after.contains("EXIT=1"))
        #expect(!after.contains("-echo") && !after.contains("-icanon"))
    }
}
