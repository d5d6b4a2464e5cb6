import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `rapport migrate --to URL|FILE`, run as the real binary: a file to a
/// PostgreSQL server and back, refusals, and a copy killed midway.
@Suite(.enabled(if: RapportCLI.binaryExists, "rapport binary not found: run `swift build` first or set RAPPORT_BIN"))
struct MigrateCommandLineTests {
    @Test func aBookGoesToTheServerAndBackWhole() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        // Given the demo with a contact in the trash
        let cli = try RapportCLI()
        #expect(try cli.run("demo").status == 0)
        #expect(try cli.run("delete", "1").status == 0)
        let url = try PostgresTestServer.freshDatabase(prefix: "migrate")
        let shown = try #require(URLComponents(string: url)).path.dropFirst()

        // When it is copied to a server: one line of counts
        let up = try cli.run("migrate", "--to", url)
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stdout.hasPrefix("copied 39 contacts, ") && up.stdout.contains(" and 1 trash entry to postgres://"))
        #expect(up.stdout.hasSuffix("/\(shown)\n") && up.stdout.split(separator: "\n").count == 1, "\(up.stdout)")
        // Then the server's book is sound, and a second copy onto it is refused, changing nothing
        let check = try cli.run("check", "--db", url)
        #expect(check.status == 0 && check.stdout.hasPrefix("ok: 39 contacts, "), "\(check.stdout)\(check.stderr)")
        let again = try cli.run("migrate", "--to", url)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("rapport: postgres://") && again.stderr.hasSuffix(
            "already has 39 contacts; a book is copied only into an empty one\n"), "\(again.stderr)")
        #expect(try cli.run("check", "--db", url).stdout == check.stdout)

        // When the server's book is copied to a new file, with --json
        let back = cli.home + "/back.sqlite"
        let down = try cli.run("migrate", "--db", url, "--to", back, "--json")
        #expect(down.status == 0, "\(down.stderr)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(down.stdout.utf8)) as? [String: Any])
        #expect(counts["contacts"] as? Int == 39 && counts["trash_entries"] as? Int == 1)
        #expect(counts["destination"] as? String == back)
        for key in ["interactions", "promises", "events"] { #expect((counts[key] as? Int ?? 0) > 0, "\(key)") }
        // Then the file holds what the first one held: the whole backup, ids included, and the trash
        func backup(_ book: String) throws -> String {
            let export = try cli.run("export", "--db", book, "--format", "json")
            #expect(export.status == 0, "\(export.stderr)")
            return export.stdout.split(separator: "\n").dropFirst().joined(separator: "\n")  // after the dated header
        }
        #expect(try backup(back) == backup(cli.database))
        #expect(try cli.run("trash", "--db", back, "--json").stdout == cli.run("trash", "--json").stdout)
        #expect(try cli.run("check", "--db", back).stdout.hasPrefix("ok: 39 contacts, "))
        #expect(try cli.run("restore", "--db", back, "1").status == 0)

        // A book is never copied onto itself
        let itself = try cli.run("migrate", "--to", cli.database)
        #expect(itself.status == 1)
        #expect(itself.stderr == "rapport: \(cli.database) is the book being copied; name another destination\n")
    }

    @Test func aMissingSourceIsOneLineAndCreatesNothing() throws {
        let cli = try RapportCLI()
        let result = try cli.run("migrate", "--db", cli.home + "/none.sqlite", "--to", cli.home + "/copy.sqlite")
        #expect(result.status == 1)
        #expect(result.stderr == "rapport: no book at \(cli.home)/none.sqlite: name the one to copy with --db\n")
        #expect(!FileManager.default.fileExists(atPath: cli.home + "/none.sqlite"))
    }

    /// The copy is stopped for sure in the middle: a session of the test holds
    /// a SHARE lock on `trash` (the last table copied), so the copy's INSERT
    /// into it waits, after every contact went in; then rapport is SIGKILLed.
    @Test(.timeLimit(.minutes(5))) func aCopyKilledMidwayLeavesTheServerBookEmpty() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        // Given a few thousand contacts (the demo, then an import) and a trash entry
        let cli = try RapportCLI()
        #expect(try cli.run("demo").status == 0)
        let cards = cli.home + "/people.vcf"
        try Self.cards(3_000).write(toFile: cards, atomically: true, encoding: .utf8)
        let imported = try cli.run("import", cards)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try cli.run("delete", "1").status == 0)
        let url = try PostgresTestServer.freshDatabase(prefix: "migratekill")
        #expect(try cli.run("check", "--db", url).status == 0)  // the schema, made before the lock

        let holder = try LockHolder(url: url, table: "trash")
        let copy = try cli.start(RapportCLI.binary, ["migrate", "--to", url])
        // When the copy waits at the trash, with its contacts written
        let waiting = try Self.poll("the copy to wait for the lock") {
            try PostgresTestServer.psql("""
                SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                    AND query LIKE 'INSERT INTO "trash"%'
                """, url: url).nilIfEmpty
        }
        #expect(try PostgresTestServer.psql("""
            SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE l.pid = \(waiting) AND c.relname = 'contact' AND l.mode = 'RowExclusiveLock'
            """, url: url) == "1")
        kill(copy.processIdentifier, SIGKILL)
        copy.waitUntilExit()
        #expect(copy.terminationReason == .uncaughtSignal)
        try holder.release()
        // Then, once its session is gone, the server's book is as empty as before
        _ = try Self.poll("the killed copy's session to end") {
            try PostgresTestServer.psql("""
                SELECT 'gone' WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid())
                """, url: url).nilIfEmpty
        }
        for table in ["contact", "interaction", "promise", "event", "trash", "contact_summary"] {
            #expect(try PostgresTestServer.psql("SELECT count(*) FROM \(table)", url: url) == "0", "\(table)")
        }
        // And the copy, run again to its end, brings everything
        let again = try cli.run("migrate", "--to", url, "--json")
        #expect(again.status == 0, "\(again.stderr)")
        let counts = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect(counts?["contacts"] as? Int == 3_039)
        #expect(try cli.run("check", "--db", url).stdout.hasPrefix("ok: 3039 contacts, "))
    }

    /// `count` vCards with an email, a phone and a tag each.
    static func cards(_ count: Int) -> String {
        (1...count).map { n in
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:bulk-\(n)\r\nFN:Person \(n) Bulk\r\nEMAIL;TYPE=work:person\(n)@example.com\r\n"
                + "TEL:+1 555 \(String(format: "%04d", n))\r\nCATEGORIES:bulk\r\nEND:VCARD\r\n"
        }.joined()
    }

    /// Asks `probe` every 50 ms until it gives a value (60 s at most).
    static func poll(_ what: String, _ probe: () throws -> String?) throws -> String {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let value = try probe() { return value }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw PostgresTestServer.Failure("waited 60 s for \(what)")
    }
}

/// A psql session holding `LOCK TABLE … IN SHARE MODE` (reads pass, writes
/// wait) until `release`.
private final class LockHolder {
    private let process = Process()
    private let input = Pipe()

    init(url: String, table: String) throws {
        guard let bin = PostgresTestServer.binDirectory else { throw PostgresTestServer.Failure("no RAPPORT_TEST_PG_BIN") }
        process.executableURL = URL(fileURLWithPath: bin + "/psql")
        process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN;\nLOCK TABLE \(table) IN SHARE MODE;\n".utf8))
        _ = try MigrateCommandLineTests.poll("the lock on \(table)") {
            try PostgresTestServer.psql("""
                SELECT 'held' FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = '\(table)' AND l.mode = 'ShareLock' AND l.granted
                """, url: url).nilIfEmpty
        }
    }

    func release() throws {
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
