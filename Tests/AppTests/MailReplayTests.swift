import Foundation
import Store
import Testing
@testable import App

/// The replay that turns stored mail into touches once its correspondent
/// is a contact: shared by capture runs, `Scripting.replayCapturedMail` and
/// the dashboard's add and edit writes.
@Suite struct MailReplayTests {
    typealias F = ScriptingFixture

    /// Two messages from lucia@ in one thread on two days, one the day
    /// after in UTC at 00:30: two touches.
    func storeMail(_ fixture: F) throws {
        try fixture.store.write { tx in
            let source = try tx.captureSource(kind: .mail, path: "/home/me/Mail")
            for (key, date) in [("<1@x>", F.now), ("<2@x>", F.now.addingTimeInterval(15.5 * 3600))] {
                let message = CapturedMessage(key: key, thread: "subject:pilot", sentAt: date, subject: "The pilot",
                                              fromMe: false, parties: [.init(email: "lucia@acme.example", name: "Lucía",
                                                                             contactID: nil)])
                try tx.insert(message, sourceID: source.id, touchKey: "unused", summary: "The pilot")
            }
        }
    }

    @Test func scriptingReplayTouchesANewContactOnceAndCaptureWouldFindTheSameKeys() throws {
        let fixture = try F()
        try storeMail(fixture)
        #expect(try fixture.scripting().replayCapturedMail() == 0) // nobody has the address yet
        let lucia = try fixture.store.insert(Contact(name: "Lucía", emails: ["Lucia@Acme.example"], createdAt: F.now))
        #expect(try fixture.scripting().replayCapturedMail() == 2)
        #expect(try fixture.scripting().replayCapturedMail() == 0)
        #expect(try fixture.store.interactions(contactID: lucia.id!).count == 2)
        #expect(try fixture.scripting().suggestions().isEmpty)
        // The keys are capture's own: capturing the second message again adds nothing.
        let key = LocalDays(zone: F.utc.timeZone).mailTouchKey(thread: "subject:pilot", sentAt: F.now.addingTimeInterval(15.5 * 3600))
        let again = try fixture.store.write { tx in
            try tx.touch(key: key, sourceID: tx.captureSource(path: "/home/me/Mail")!.id, at: F.now, kind: .email,
                         summary: "The pilot", contactIDs: [lucia.id!])
        }
        #expect(again == 0)
    }

    @Test func anAddressAddedByAnEditBringsItsMailAlong() throws {
        let fixture = try F()
        try storeMail(fixture)
        var ana = try fixture.store.insert(Contact(name: "Ana", createdAt: F.now))
        let writes = WriteExecutor(store: fixture.store, loadDemo: { _ in }, zone: F.utc.timeZone)
        ana.emails = ["lucia@acme.example"]
        _ = try writes.perform(.updateContact(ana))
        #expect(try fixture.store.interactions(contactID: ana.id!).map(\.summary) == ["The pilot", "The pilot"])
    }
}
