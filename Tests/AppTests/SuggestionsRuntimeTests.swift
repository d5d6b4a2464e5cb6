import Foundation
import GRDB
import Store
import Testing
@testable import App
import UI

/// View 5 on the real runtime and a real SQLite file: mail stored by
/// capture (through the Store API, no mail reader involved), keys in,
/// contacts, touches and dismissals out.
@Suite struct SuggestionsRuntimeTests {
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    /// Noon UTC `days` ago, plus `hours`.
    static func at(daysAgo days: Int, hours: Double = 0) -> Date {
        utc.startOfDay(for: Date()).addingTimeInterval(Double(-days) * 86_400 + (12 + hours) * 3600)
    }

    /// One contact (Ana), and mail with two people who are not contacts:
    /// Lucía both ways, in two threads (three messages, two of them one
    /// thread on one day: one touch); 陈伟 once, to the user.
    func storeWithMail() throws -> (Store, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-suggest-\(UUID().uuidString)")
        let store = try Store(path: folder.appendingPathComponent("rapport.sqlite").path)
        _ = try store.insert(Contact(name: "Ana Lima", emails: ["ana@northwind.example"], circle: .inner,
                                     createdAt: Self.at(daysAgo: 30)))
        try store.write { tx in
            let source = try tx.captureSource(kind: .mail, path: "/home/me/Mail")
            func store(_ key: String, thread: String, at date: Date, fromMe: Bool, _ email: String, _ name: String,
                       _ subject: String) throws {
                let message = CapturedMessage(key: key, thread: thread, sentAt: date, subject: subject, fromMe: fromMe,
                                              parties: [.init(email: email, name: name, contactID: nil)])
                // No contact has the address: no touch yet, whatever the key.
                #expect(try tx.insert(message, sourceID: source.id, touchKey: "mail:\(thread)|pending", summary: subject) == 0)
            }
            try store("<1@x>", thread: "subject:pilot", at: Self.at(daysAgo: 3), fromMe: false,
                      "lucia@acme.example", "Lucía Fernández", "The pilot")
            try store("<2@x>", thread: "subject:pilot", at: Self.at(daysAgo: 3, hours: 1), fromMe: true,
                      "lucia@acme.example", "Lucía Fernández", "Re: The pilot")
            try store("<3@x>", thread: "subject:pricing", at: Self.at(daysAgo: 1), fromMe: false,
                      "lucia@acme.example", "Lucía Fernández", "Pricing")
            try store("<4@x>", thread: "subject:hello", at: Self.at(daysAgo: 5), fromMe: false,
                      "chen@shenzhen.example", "陈伟", "Hello")
        }
        #expect(try store.read { try $0.mailSuggestions() }.map(\.email) == ["lucia@acme.example", "chen@shenzhen.example"])
        return (store, folder)
    }

    func run(_ store: Store, _ script: [(waitFor: String, key: Key)]) -> ScriptedBackend {
        let backend = ScriptedBackend(size: Size(width: 120, height: 40), script: script)
        Dashboard(backend: backend, store: store, config: Config(), calendar: Self.utc, loadDemo: { _ in }).run()
        return backend
    }

    @Test func addingASuggestionMakesItsPastMailTouchesAndItLeavesTheList() throws {
        let (store, folder) = try storeWithMail()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = run(store, [
            ("Needs attention", .character("5")),
            ("1 sent · 2 received", .character("a")),   // Lucía, first: two-way
            ("Add contact from mail", .enter),
            ("added Lucía Fernández", .character("2")),
            ("Contacts (2)", .character("/")),
            ("Contacts (2)", .character("L")),
            ("search: L", .character("u")),
            ("search: Lu", .enter),                      // keep the filter
            ("search: Lu", .enter),                      // open her
            ("✉ Mail", .character("5")),                 // her timeline marks the captured mail
            ("Suggestions from mail (1)", .character("q")),
        ])
        #expect(!backend.timedOut, "screen was:\n\(backend.screen)")
        let lucia = try #require(try store.contacts(includeArchived: true).first { $0.name == "Lucía Fernández" })
        #expect(lucia.emails == ["lucia@acme.example"])
        // Two touches: the pilot thread on one day (two messages), pricing on another.
        let touches = try store.interactions(contactID: lucia.id!)
        #expect(touches.map(\.summary).sorted() == ["Pricing", "The pilot"])
        #expect(touches.allSatisfy { $0.kind == .email })
        let sources = try store.read { try $0.captureSources(ofInteractions: touches.compactMap(\.id)) }
        #expect(Set(sources.values) == ["/home/me/Mail"])
        #expect(try store.read { try $0.mailSuggestions() }.map(\.email) == ["chen@shenzhen.example"])
        #expect(try store.read { try $0.unappliedMessages() }.isEmpty)
    }

    @Test func xDismissesASuggestionForGood() throws {
        let (store, folder) = try storeWithMail()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("rapport.sqlite").path
        let backend = run(store, [
            ("Needs attention", .character("5")),
            ("1 sent · 2 received", .character("x")),
            ("dismissed Lucía Fernández <lucia@acme.example>", .character("5")),
            ("Suggestions from mail (1)", .character("q")),
        ])
        #expect(!backend.timedOut, "screen was:\n\(backend.screen)")
        #expect(!backend.screen.contains("lucia@acme.example"))
        #expect(try store.contactCount() == 1)
        // A fresh connection sees the dismissal, and the mail itself is kept.
        let reopened = try Store(path: path)
        #expect(try reopened.read { try $0.mailSuggestions() }.map(\.email) == ["chen@shenzhen.example"])
        let rows = try DatabaseQueue(path: path).read { db in
            (try String.fetchAll(db, sql: "SELECT email FROM suggestion_dismissed"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM mail_party WHERE email = 'lucia@acme.example'") ?? 0)
        }
        #expect(rows.0 == ["lucia@acme.example"])
        #expect(rows.1 == 3)
    }

    /// Space dismisses too (it is x's other key), so the dismissal can be undone.
    @Test func uBringsADismissedSuggestionBack() throws {
        let (store, folder) = try storeWithMail()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = run(store, [
            ("Needs attention", .character("5")),
            ("1 sent · 2 received", .character(" ")),
            ("(u: undo)", .character("u")),
            ("undone: dismissed Lucía Fernández", .character("5")),
            ("Suggestions from mail (2)", .character("q")),
        ])
        #expect(!backend.timedOut, "screen was:\n\(backend.screen)")
        #expect(backend.screen.contains("lucia@acme.example"))
        #expect(try store.read { try $0.mailSuggestions() }.map(\.email) == ["lucia@acme.example", "chen@shenzhen.example"])
    }
}
