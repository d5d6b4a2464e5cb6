import Domain
import Foundation
import Testing
@testable import App
@testable import Store

/// A deleted contact is kept 30 days with everything that went with it,
/// comes back whole with `restore` (or `u` in the dashboard), and is purged after.
@Suite struct TrashTests {
    /// Ana with an email, tags, a solo interaction, a group lunch with Ben,
    /// a promise linked to the lunch, an event, and a snooze; Ben on his own.
    func book() throws -> (Scratch, Store, ana: Contact, ben: Contact, lunch: Interaction, event: Event) {
        let scratch = Scratch("trash")
        let store = try Store(path: scratch.database)
        var ana = Contact(name: "Ana Lima", createdAt: Clock.days(-100))
        ana.emails = ["ana@example.com"]
        ana.tags = ["pilot", "payments"]
        ana = try store.insert(ana)
        let ben = try store.insert(Contact(name: "Ben Okafor", createdAt: Clock.days(-100)))
        _ = try store.insert(Interaction(occurredAt: Clock.days(-20), kind: .call, summary: "Intro call", contactIDs: [ana.id!]))
        let lunch = try store.insert(Interaction(occurredAt: Clock.days(-10), kind: .meeting, summary: "Lunch",
                                                 contactIDs: [ana.id!, ben.id!]))
        _ = try store.insert(Promise(contactID: ana.id!, text: "send the deck", owner: .mine, due: Day(iso: "2026-03-12"),
                                     createdAt: Clock.days(-10), interactionID: lunch.id))
        _ = try store.insert(Promise(contactID: ana.id!, text: "intro to Kim", owner: .theirs, createdAt: Clock.days(-9)))
        let event = try store.insert(Event(name: "Founders Dinner", start: Clock.days(5), attendeeIDs: [ben.id!, ana.id!]))
        try store.snooze(contactID: ana.id!, until: Day(iso: "2026-03-20"))
        return (scratch, store, ana, ben, lunch, event)
    }

    /// Everything about one contact, as comparable text.
    func everything(_ store: Store, _ id: Int64) throws -> String {
        let contact = try store.contact(id: id)
        let interactions = try store.interactions(contactID: id).map { "\($0.id!) \($0.summary) \($0.contactIDs)" }
        let promises = try store.promises(contactID: id).map { "\($0.id!) \($0.text) \($0.interactionID as Any) \($0.due as Any)" }
        let events = try store.allEvents().filter { $0.attendeeIDs.contains(id) }.map { "\($0.id!) \($0.name)" }
        let snooze = try store.snoozes().filter { $0.contactID == id }.map { "\($0.until)" }
        return "\(contact as Any)\n\(interactions)\n\(promises)\n\(events)\n\(snooze)"
    }

    @Test func deleteThenRestoreBringsBackEverything() throws {
        let (scratch, store, ana, ben, lunch, event) = try book()
        _ = scratch
        let before = try everything(store, ana.id!)
        // When Ana is moved to the trash
        let trashID = try store.moveContactToTrash(id: ana.id!, at: Clock.now)
        // Then she is gone, her solo call with her, the group lunch stays for Ben
        #expect(try store.contact(id: ana.id!) == nil)
        #expect(try store.interactions(contactID: ben.id!).map(\.id) == [lunch.id])
        #expect(try store.interaction(id: lunch.id!)?.contactIDs == [ben.id!])
        #expect(try store.event(id: event.id!)?.attendeeIDs == [ben.id!])
        let listed = try store.trash(now: Clock.now)
        #expect(listed.map(\.contact.name) == ["Ana Lima"])
        #expect(listed.first?.contact.tags == ["pilot", "payments"])
        #expect(listed.first?.interactions == 2 && listed.first?.promises == 2)
        // When she is restored
        let restored = try store.restoreFromTrash(id: trashID)
        // Then she, her interactions, promises (still linked to the lunch), event and snooze are back, under the same ids
        #expect(restored.id == ana.id)
        #expect(try everything(store, ana.id!) == before)
        #expect(try store.interaction(id: lunch.id!)?.contactIDs == [ben.id!, ana.id!] ||
                store.interaction(id: lunch.id!)?.contactIDs == [ana.id!, ben.id!])
        #expect(try store.trash(now: Clock.now).isEmpty)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func restoringAfterTheOtherParticipantWasDeletedToo() throws {
        let (scratch, store, ana, ben, lunch, _) = try book()
        _ = scratch
        let anaTrash = try store.moveContactToTrash(id: ana.id!, at: Clock.now)
        let benTrash = try store.moveContactToTrash(id: ben.id!, at: Clock.now)
        #expect(try store.interaction(id: lunch.id!) == nil)
        // Restoring Ana first recreates the lunch; restoring Ben links him back to it
        try store.restoreFromTrash(id: anaTrash)
        #expect(try store.interaction(id: lunch.id!)?.contactIDs == [ana.id!])
        try store.restoreFromTrash(id: benTrash)
        #expect(Set(try store.interaction(id: lunch.id!)?.contactIDs ?? []) == [ana.id!, ben.id!])
        #expect(try store.promises(contactID: ana.id!).contains { $0.interactionID == lunch.id })
    }

    @Test func entriesArePurgedAfterThirtyDays() throws {
        let (scratch, store, ana, ben, _, _) = try book()
        _ = scratch
        try store.moveContactToTrash(id: ana.id!, at: Clock.now)
        try store.moveContactToTrash(id: ben.id!, at: Clock.days(20))
        // Day 29 after Ana's delete: both listed; day 31: only Ben; the purge removes Ana's row for good
        #expect(try store.trash(now: Clock.days(29)).count == 2)
        #expect(try store.trash(now: Clock.days(31)).map(\.contact.name) == ["Ben Okafor"])
        #expect(try store.purgeTrash(now: Clock.days(31)) == 1)
        #expect(try store.count("trash") == 1)
        #expect(try store.purgeTrash(now: Clock.days(51)) == 1)
        #expect(try store.count("trash") == 0)
    }

    @Test func scriptingDeleteTrashRestoreByNameAndId() throws {
        let (scratch, store, ana, ben, _, _) = try book()
        _ = scratch
        let scripting = Scripting(store: store, now: Clock.now, calendar: Clock.utc)
        #expect(try scripting.delete("ana").id == ana.id)
        #expect(try scripting.delete("#\(ben.id!)").id == ben.id)
        let text = ScriptText(safe: true, calendar: Clock.utc, today: scripting.today).trash(try scripting.trash())
        #expect(text.contains("Ana Lima") && text.contains("purged 2026-04-09"))
        #expect(throws: ScriptingError.self) { try scripting.restore("zed") }
        #expect(try scripting.restore("lima").contact.id == ana.id)
        #expect(try scripting.restore("\(ben.id!)").contact.id == ben.id)
        #expect(try scripting.trash().isEmpty)
        // Thirty-one days later, a deleted contact cannot be restored any more
        try scripting.delete("ana")
        let later = Scripting(store: store, now: Clock.days(31), calendar: Clock.utc)
        #expect(throws: ScriptingError.self) { try later.restore("ana") }
        #expect(try store.count("trash") == 0)
    }

    @Test func dashboardDeleteIsUndoneWithU() throws {
        let (scratch, store, ana, _, _, _) = try book()
        _ = scratch
        let before = try everything(store, ana.id!)
        let executor = WriteExecutor(store: store, loadDemo: { _ in }, now: { Clock.now })
        // X: the reducer asks for a delete of the selected contact
        var state = AppState(size: .init(width: 120, height: 40))
        state.library = Library(snapshot: try store.snapshot(), scorer: AttentionScorer(playbook: .standard, calendar: Clock.utc),
                                now: Clock.now)
        state.view = .contacts
        let effects = Reducer(now: { Clock.now }).reduce(&state, .command(.delete))
        guard case .write(let write, let description, false)? = effects.first, case .deleteContact = write else {
            Issue.record("X did not ask for a delete: \(effects)")
            return
        }
        #expect(description.hasPrefix("deleted "))
        // The write runs; its inverse, run by u, brings the contact back whole
        guard case .deleteContact(let id) = write else { return }
        let inverse = try #require(try executor.perform(write))
        #expect(try store.contact(id: id) == nil)
        let redo = try executor.perform(inverse)
        #expect(redo == .deleteContact(id))
        if id == ana.id { #expect(try everything(store, ana.id!) == before) }
        #expect(try store.contact(id: id) != nil)
    }

    @Test func archiveIsUndoneWithU() throws {
        let (scratch, store, ana, _, _, _) = try book()
        _ = scratch
        let executor = WriteExecutor(store: store, loadDemo: { _ in })
        let undo = try #require(try executor.perform(.setArchived(ana.id!, true)))
        #expect(try store.contact(id: ana.id!)?.archived == true)
        _ = try executor.perform(undo)
        #expect(try store.contact(id: ana.id!)?.archived == false)
    }
}
