import Foundation
import Testing
@testable import App

@Suite struct ScriptingContactTests {
    @Test func addChecksAndSavesEveryField() throws {
        // Given an empty book
        let fx = try ScriptingFixture()
        // When a contact is added with every option
        var input = NewContact(name: "  José Álvarez ")
        input.emails = ["jose@example.com"]
        input.phones = ["+34 600 000 000"]
        input.company = "Northwind"
        input.title = "CTO"
        input.circle = "Inner"
        input.tags = ["founder, spain", "Founder"]
        input.metAt = "Web Summit"
        input.metOn = "yesterday"
        input.metVia = "Ana"
        input.birthday = "--05-17"
        input.notes = "Two kids.\nRuns marathons."
        let saved = try fx.scripting().add(input)
        // Then it is stored, trimmed, with days relative to today
        let savedID = try #require(saved.id)
        let stored = try #require(try fx.store.contact(id: savedID))
        #expect(stored.name == "José Álvarez")
        #expect(stored.circle == .inner)
        #expect(stored.tags == ["founder", "spain"])
        #expect(stored.metOn == Day(iso: "2026-03-09"))
        #expect(stored.birthday?.description == "--05-17")
        #expect(stored.notes == "Two kids.\nRuns marathons.")
        #expect(stored.metVia == "Ana")
        #expect(stored.createdAt == ScriptingFixture.now)
    }

    @Test(arguments: [
        ("", "name: cannot be empty"),
        ("   ", "name: cannot be empty"),
        ("Evil\u{1B}[2JName", "name: cannot contain control characters"),
        ("Line\nBreak", "name: cannot contain control characters"),
    ])
    func badNamesAreRefusedAndNothingIsWritten(name: String, message: String) throws {
        let fx = try ScriptingFixture()
        #expect(throws: ScriptingError(message)) { try fx.scripting().add(NewContact(name: name)) }
        #expect(try fx.store.contactCount() == 0)
    }

    @Test func badFieldsAreRefusedWithTheirName() throws {
        let fx = try ScriptingFixture()
        func attempt(_ change: (inout NewContact) -> Void) -> String {
            var input = NewContact(name: "Ana")
            change(&input)
            do {
                _ = try fx.scripting().add(input)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(attempt { $0.circle = "friends" }.hasPrefix("circle: \"friends\" is not a circle"))
        #expect(attempt { $0.metOn = "2026-02-30" } == "met on: 2026-02-30 is not a date (no such day)")
        #expect(attempt { $0.metOn = "tomorrow" } == "met on: 2026-03-11 is in the future")
        #expect(attempt { $0.emails = ["not-an-email"] }.hasPrefix("email:"))
        #expect(attempt { $0.phones = ["call me"] }.hasPrefix("phone:"))
        #expect(attempt { $0.birthday = "13-45" }.hasPrefix("birthday:"))
        #expect(attempt { $0.company = "Bad\u{7}Co" } == "company: cannot contain control characters")
        #expect(try fx.store.contactCount() == 0)
    }

    @Test func namesAreFoundByIdOrAccentFreePrefix() throws {
        let fx = try ScriptingFixture()
        let jose = try fx.add("José Álvarez", company: "Northwind")
        try fx.add("Ana Lima")
        let s = fx.scripting()
        #expect(try s.contact(named: "jose").id == jose.id)
        #expect(try s.contact(named: "ALV").id == jose.id)
        #expect(try s.contact(named: "#\(jose.id!)").id == jose.id)
        #expect(try s.contact(named: "\(jose.id!)").id == jose.id)
        #expect(throws: ScriptingError("no contact matches \"zed\"")) { try s.contact(named: "zed") }
    }

    @Test func anAmbiguousPrefixListsTheCandidates() throws {
        let fx = try ScriptingFixture()
        let a = try fx.add("Ana Lima", company: "Northwind")
        let b = try fx.add("Ana Souza")
        do {
            _ = try fx.scripting().contact(named: "an")
            Issue.record("expected an error")
        } catch let error as ScriptingError {
            #expect(error.message == "\"an\" matches 2 contacts; name one by id or a longer prefix:")
            #expect(error.details == ["  #\(a.id!)  Ana Lima (Northwind)", "  #\(b.id!)  Ana Souza"])
        }
        // An exact full name wins over longer names.
        try fx.add("Ana")
        #expect(try fx.scripting().contact(named: "ana").name == "Ana")
    }

    @Test func archivedContactsNeverMakeAPrefixAmbiguousButCanBeNamed() throws {
        let fx = try ScriptingFixture()
        let live = try fx.add("Bo Lind")
        let old = try fx.add("Bo Archer", circle: "archived")
        #expect(old.archived)
        #expect(try fx.scripting().contact(named: "bo").id == live.id)
        #expect(try fx.scripting().contact(named: "archer").id == old.id)
    }

    @Test func listFiltersByCircleAndHidesArchived() throws {
        let fx = try ScriptingFixture()
        try fx.add("Cara", circle: "inner")
        try fx.add("Bea", circle: "network")
        try fx.add("Abe", circle: "archived")
        let s = fx.scripting()
        #expect(try s.list(circle: nil, includeArchived: false).map(\.name) == ["Bea", "Cara"])
        #expect(try s.list(circle: nil, includeArchived: true).map(\.name) == ["Abe", "Bea", "Cara"])
        #expect(try s.list(circle: "inner", includeArchived: false).map(\.name) == ["Cara"])
        #expect(try s.list(circle: "archived", includeArchived: false).map(\.name) == ["Abe"])
        #expect(throws: ScriptingError.self) { try s.list(circle: "bogus", includeArchived: false) }
    }

    @Test func snoozeNeedsADayAfterTodayAndUnsnoozeUndoesIt() throws {
        let fx = try ScriptingFixture()
        let ana = try fx.add("Ana")
        let s = fx.scripting()
        let before = try fx.everything()
        #expect(throws: ScriptingError("until: 2026-03-10 is not after today")) { try s.snooze("ana", until: "today") }
        #expect(throws: ScriptingError("until: 2026-02-30 is not a date (no such day)")) {
            try s.snooze("ana", until: "2026-02-30")
        }
        #expect(try fx.everything() == before)
        #expect(try s.snooze("ana", until: "2w").until == Day(iso: "2026-03-24"))
        #expect(try fx.store.snoozes() == [Snooze(contactID: ana.id!, until: Day(iso: "2026-03-24")!)])
        #expect(try s.unsnooze("ana").was == Day(iso: "2026-03-24"))
        #expect(try fx.store.snoozes().isEmpty)
        #expect(try s.unsnooze("ana").was == nil)
    }

    @Test func showGathersPromisesInteractionsAndEvents() throws {
        let fx = try ScriptingFixture()
        try fx.add("Ana")
        try fx.add("Bo")
        let s = fx.scripting()
        _ = try s.log(NewInteraction(names: ["ana", "bo"], kind: "meeting"))
        let kept = try s.promise("ana", text: "send deck", due: "yesterday", theirs: false).promise
        _ = try s.setDone("\(kept.id!)", done: true)
        _ = try s.promise("ana", text: "intro to Eve", due: nil, theirs: true)
        var event = NewEvent(name: "Founders Dinner", on: "fri")
        event.attendees = ["ana"]
        _ = try s.addEvent(event)
        let detail = try s.show("ana")
        #expect(detail.promises.map(\.text) == ["intro to Eve", "send deck"])
        #expect(detail.recent.count == 1)
        #expect(detail.upcomingEvents.map(\.name) == ["Founders Dinner"])
        #expect(detail.attention?.reasons.contains { $0.kind == .eventPrep } == true)
    }
}
