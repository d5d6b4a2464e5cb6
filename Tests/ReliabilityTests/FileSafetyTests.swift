import Foundation
import Testing
@testable import App
@testable import Store

/// Private notes stay private: 0600 files in 0700 folders, no link another
/// user controls, no shell, and a config that is only ever read.
@Suite struct FileSafetyTests {
    @Test func databaseSideFilesAndBackupsAreOwnerOnly() throws {
        let scratch = Scratch("modes")
        let old = umask(0o022)
        defer { umask(old) }
        let store = try Store(path: scratch.database)
        _ = try store.insert(Contact(name: "Ana", createdAt: Clock.now))
        #expect(posixMode(scratch.path + "/data") == 0o700)
        for file in scratch.files() {
            #expect(posixMode(scratch.path + "/data/" + file) == 0o600, "\(file)")
        }
        #expect(scratch.files().contains("rapport.sqlite-wal"))
        // A backup taken before a migration (here by a newer build) is 0600 too.
        _ = try Store(path: scratch.database, extraMigrations: [(id: "v99-test", sql: "SELECT 1")], now: Clock.now)
        let backups = scratch.files().filter { $0.contains(".backup-") }
        #expect(backups.count == 1)
        for file in backups { #expect(posixMode(scratch.path + "/data/" + file) == 0o600) }
    }

    @Test func aSymlinkOwnedByAnotherUserIsRefused() throws {
        guard geteuid() == 0 else {
            print("skipped: making a link owned by another user needs root (lchown)")
            return
        }
        let scratch = Scratch("symlink")
        let real = scratch.path + "/real.sqlite"
        _ = try Store(path: real)
        let link = scratch.path + "/link.sqlite"
        #expect(symlink(real, link) == 0)
        // My own link to my own file is fine.
        _ = try Store(path: link)
        // A link owned by nobody (65534) is refused, naming the reason.
        #expect(lchown(link, 65534, 65534) == 0)
        #expect(throws: StoreError.unwritableLocation(path: link, reason: "it is a symbolic link owned by another user (uid 65534)")) {
            try Store(path: link)
        }
        // So is my link to a file nobody owns.
        let theirs = scratch.path + "/theirs.sqlite"
        #expect(FileManager.default.createFile(atPath: theirs, contents: nil))
        #expect(chown(theirs, 65534, 65534) == 0)
        let mine = scratch.path + "/mine.sqlite"
        #expect(symlink(theirs, mine) == 0)
        #expect(throws: StoreError.self) { try Store(path: mine) }
        #expect(FileManager.default.contents(atPath: theirs)?.isEmpty == true)
    }

    @Test func theConfigIsOnlyRead() throws {
        let scratch = Scratch("config")
        let marker = scratch.path + "/executed"
        let config = scratch.path + "/config.toml"
        try """
            #!/bin/sh
            theme = "$(touch \(marker))"
            rescore_seconds = 5
            [keys]
            quit = "`touch \(marker)`"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o755)
        _ = try? Config.load(path: config)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    /// No shell, anywhere in the shipped code: nothing a name or a config value could be smuggled into.
    /// The benchmark harness is not shipped: it starts the rapport binary
    /// itself (posix_spawn with fixed arguments, no shell) to time it.
    @Test func noShellInTheSources() throws {
        let sources = repositoryRoot.appendingPathComponent("Sources")
        let forbidden = [#"/bin/(ba)?sh"#, #"\bsystem\("#, #"\bpopen\("#, #"\bProcess\("#, #"\bexec[lv]p?e?\("#,
                         "posix_spawn", "NSTask", "launchPath", "executableURL"]
        var found: [String] = []
        var files = 0
        for case let item as String in FileManager.default.enumerator(atPath: sources.path)!
        where (item.hasSuffix(".swift") || item.hasSuffix(".h") || item.hasSuffix(".c"))
            && !item.hasPrefix("RapportBenchmarks/") {
            files += 1
            let text = try String(contentsOfFile: sources.appendingPathComponent(item).path, encoding: .utf8)
            for word in forbidden where text.range(of: word, options: .regularExpression) != nil { found.append("\(item): \(word)") }
        }
        #expect(files > 50)
        #expect(found.isEmpty, "\(found)")
    }
}
