import App
import Foundation
import Store
import Testing

/// View 5 in the real binary: mail that capture stored (written here with
/// the Store API, so no mail reader is involved) shows as a suggestion, and
/// `x` dismisses it for good.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct SuggestionsEndToEndTests {
    /// A contact, and mail with two people who are not contacts.
    func storeMail(in store: Store) throws {
        _ = try store.insert(Contact(name: "Ana Lima", emails: ["ana@northwind.example"], circle: .inner,
                                     createdAt: Date().addingTimeInterval(-30 * 86_400)))
        try store.write { tx in
            let source = try tx.captureSource(kind: .mail, path: "/home/me/Mail")
            let mail: [(String, Bool, String, String, Double)] = [
                ("<1@x>", false, "lucia@acme.example", "Lucía Fernández", 3),
                ("<2@x>", true, "lucia@acme.example", "Lucía Fernández", 2),
                ("<3@x>", false, "chen@shenzhen.example", "陈伟", 5),
            ]
            for (key, fromMe, email, name, daysAgo) in mail {
                let message = CapturedMessage(key: key, thread: "id:" + key, sentAt: Date().addingTimeInterval(-daysAgo * 86_400),
                                              subject: "Hello", fromMe: fromMe,
                                              parties: [.init(email: email, name: name, contactID: nil)])
                try tx.insert(message, sourceID: source.id, touchKey: "mail:id:\(key)|0", summary: "Hello")
            }
        }
    }

    @Test func fiveShowsASuggestionAndXDismissesItForGood() throws {
        let session = try TmuxSession(width: 120, height: 40, config: "rescore_seconds = 5\n")
        try session.waitFor(text: "Welcome to rapport")
        // Written by this test, a second process: the open dashboard picks it up.
        let store = try Store(path: session.database.path)
        try storeMail(in: store)
        try session.waitFor(text: "Needs attention", timeout: 15)

        try session.press("5")
        let shown = try session.waitFor(text: "Lucía Fernández")
        #expect(shown.contains("lucia@acme.example") && shown.contains("1 sent · 1 received"))
        #expect(shown.contains("陈伟") && shown.contains("Suggestions from mail (2)"))

        try session.press("x")
        try session.waitFor(text: "dismissed Lucía Fernández")
        try session.press("5") // clears the status message, which names her
        let after = try session.waitFor("the list without Lucía") {
            $0.contains("Suggestions from mail (1)") && !$0.contains("lucia@acme.example")
        }
        #expect(after.contains("陈伟"))

        try session.press("q")
        try session.waitFor(text: "EXIT=0")
        let reopened = try Store(path: session.database.path)
        #expect(try reopened.read { try $0.mailSuggestions() }.map(\.email) == ["chen@shenzhen.example"])
        #expect(try reopened.contactCount() == 1)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let dismissed = try Spawn.run("/usr/bin/sqlite3", [session.database.path, "SELECT email FROM suggestion_dismissed"],
                                          capture: true)
            #expect(dismissed.output.trimmingCharacters(in: .whitespacesAndNewlines) == "lucia@acme.example")
        }
    }
}
