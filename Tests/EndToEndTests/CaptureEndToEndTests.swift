import App
import Foundation
import TestSupport
import Testing
@testable import Store

/// Capture as a user runs it: the real binary over a real maildir, killed
/// halfway and run again, and in the open dashboard.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct CaptureEndToEndTests {
    static let meConfig = """
        [me]
        name = "Sam Reyes"
        emails = ["sam@reyes.example"]

        """

    /// Writes `count` messages between the user and `people` into a maildir at `root`.
    static func writeMaildir(_ root: String, count: Int, people: [String], startingAt start: Date) throws {
        for folder in ["cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        for n in 0..<count {
            let person = people[n % people.count]
            let fromMe = n % 3 == 0
            let date = formatter.string(from: start.addingTimeInterval(Double(n) * 1_800))
            let header = [
                "From: " + (fromMe ? "Sam Reyes <sam@reyes.example>" : person),
                "To: " + (fromMe ? person : "sam@reyes.example"),
                "Subject: " + (n % 5 == 0 ? "Re: " : "") + "Topic \(n / 4)",
                "Date: " + date, "Message-ID: <m\(n)@test.example>",
            ] + (n % 4 == 0 ? [] : ["References: <m\(n - n % 4)@test.example>"])
            let text = header.joined(separator: "\r\n") + "\r\n\r\nbody\r\n"
            let folder = fromMe ? ".Sent/cur" : "cur"
            try text.write(toFile: "\(root)/\(folder)/\(1_700_000_000 + n).M\(n)P1.host:2,S", atomically: false, encoding: .utf8)
        }
    }

    static func seedContacts(_ path: String, count: Int) throws -> [String] {
        let store = try Store(path: path)
        return try (0..<count).map { n in
            var contact = Contact(name: "Person \(n)", createdAt: Date(timeIntervalSince1970: 1_700_000_000))
            contact.emails = ["person\(n)@corp.example"]
            _ = try store.insert(contact)
            return "Person \(n) <person\(n)@corp.example>"
        }
    }

    /// What capture wrote, comparable across databases: each touch by its key and people.
    static func captured(_ path: String) throws -> [String] {
        let store = try Store(path: path)
        return try store.read { tx in
            try String.fetchAll(tx.db, sql: """
                SELECT i.capture_key || ' ' || i.occurred_at || ' ' ||
                       (SELECT group_concat(contact_id) FROM (SELECT contact_id FROM interaction_contact
                        WHERE interaction_id = i.id ORDER BY contact_id))
                FROM interaction i WHERE capture_key IS NOT NULL ORDER BY 1
                """) + String.fetchAll(tx.db, sql: "SELECT key FROM mail_message ORDER BY key")
        }
    }

    @Test(.timeLimit(.minutes(5))) func aRunKilledHalfwayThenRunAgainGivesWhatOneRunGives() throws {
        let folder = try temporaryFolder("capture-kill")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/.config/rapport", withIntermediateDirectories: true)
        try Self.meConfig.write(toFile: folder + "/.config/rapport/config.toml", atomically: true, encoding: .utf8)
        let reference = folder + "/reference.sqlite"
        let people = try Self.seedContacts(reference, count: 40)
        try Self.writeMaildir(folder + "/Mail", count: 12_000, people: people + ["Stranger <x@elsewhere.example>"],
                              startingAt: Date(timeIntervalSince1970: 1_760_000_000))
        let killedPath = folder + "/killed.sqlite"
        _ = try Self.seedContacts(killedPath, count: 40)

        // One uninterrupted run is the reference.
        let started = Date()
        let whole = try Child(TmuxSession.binary, ["capture", "mail", folder + "/Mail"],
                              environment: rapportEnvironment(database: reference, home: folder)).wait()
        let duration = Date().timeIntervalSince(started)
        #expect(whole.status == 0, "\(whole.output)")
        let expected = try Self.captured(reference)
        #expect(expected.count > 12_000)

        // Killed at three moments, then run to the end.
        var random = SplitMix(seed: Stress.seed)
        for _ in 0..<3 {
            let child = try Child(TmuxSession.binary, ["capture", "mail", folder + "/Mail"],
                                  environment: rapportEnvironment(database: killedPath, home: folder))
            Thread.sleep(forTimeInterval: duration * Double(random.next() % 80 + 10) / 100)
            child.kill(SIGKILL)
            _ = child.wait()
            #expect(try CrashSafetyTests.integrity(killedPath) == "ok")
        }
        let last = try Child(TmuxSession.binary, ["capture", "mail", folder + "/Mail"],
                             environment: rapportEnvironment(database: killedPath, home: folder)).wait()
        #expect(last.status == 0, "\(last.output)")
        let got = try Self.captured(killedPath)
        let missing = Array(Set(expected).subtracting(got)).sorted().prefix(3)
        let extra = Array(Set(got).subtracting(expected)).sorted().prefix(3)
        #expect(missing.isEmpty && extra.isEmpty && got.count == expected.count,
                "missing \(missing), extra \(extra), \(got.count) rows, expected \(expected.count)")
        #expect(try CrashSafetyTests.integrity(killedPath) == "ok")
    }

    @Test func aMessageDroppedIntoAConfiguredMaildirShowsOnTheOpenDashboard() throws {
        let config = "rescore_seconds = 5\n" + Self.meConfig + "[capture]\nmail = [\"~/Mail\"]\ninterval_seconds = 5\n"
        let session = try TmuxSession(config: config)
        let mail = session.home.appendingPathComponent("Mail").path
        try Self.writeMaildir(mail, count: 0, people: [], startingAt: Date())
        try session.waitFor(text: "Welcome to rapport")
        try session.press("D")
        try session.waitFor(text: "Needs attention")
        // Someone the dashboard lists only for being out of touch, with an address.
        let store = try Store(path: session.database.path)
        let due = try session.rapport(["due", "--json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(due.output.utf8)) as? [[String: Any]])
        let lonely = try #require(items.first { item in
            let reasons = (item["attention"] as? [String: Any])?["reasons"] as? [[String: Any]] ?? []
            guard !reasons.isEmpty, reasons.allSatisfy({ ["due", "overdue"].contains($0["kind"] as? String) }),
                  let id = (item["contact"] as? [String: Any])?["id"] as? Int64 ?? ((item["contact"] as? [String: Any])?["id"] as? Int).map(Int64.init)
            else { return false }
            return (try? store.contact(id: id))??.emails.isEmpty == false
        })
        let contact = try #require(lonely["contact"] as? [String: Any])
        let id = (contact["id"] as? Int64) ?? Int64(contact["id"] as! Int)
        let person = try #require(try store.contact(id: id))
        let before = try store.interactions(contactID: id).count
        // On screen, their row is marked as needing attention.
        let name = String(person.name.prefix(14))
        try session.waitFor("\(name) marked as needing attention") { $0.contains("│● " + name) }
        // A reply from them arrives.
        let header = "From: \(person.name) <\(person.emails[0])>\r\nTo: sam@reyes.example\r\nSubject: Catching up\r\n"
            + "Date: \(Date().formatted(.iso8601))\r\nMessage-ID: <fresh@test.example>\r\n\r\nHi!\r\n"
        try header.write(toFile: mail + "/new/1800000000.M1P1.host", atomically: false, encoding: .utf8)
        try session.waitFor(text: "captured 1 touch", timeout: 30)
        #expect(try store.interactions(contactID: id).count == before + 1)
        // And once rescored, the row is calm: they left "needs attention".
        let after = try session.waitFor("\(name) calm", timeout: 30) { $0.contains("│· " + name) }
        #expect(!after.contains("│● " + name))
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
    }
}
