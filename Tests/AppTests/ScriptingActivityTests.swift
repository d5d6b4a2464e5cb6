import Foundation
import Testing
@testable import App

@Suite struct ScriptingActivityTests {
    @Test func oneLogWithSeveralPeopleIsOneInteraction() throws {
        let fx = try ScriptingFixture()
        let ana = try fx.add("Ana Lima")
        let bo = try fx.add("Bo Lind")
        var input = NewInteraction(names: ["ana", "#\(bo.id!)", "ana lima"], kind: "Favor-Asked")
        input.summary = "Lunch at Zé's"
        input.on = "3 days ago"
        let (interaction, contacts) = try fx.scripting().log(input)
        #expect(contacts.map(\.name) == ["Ana Lima", "Bo Lind"])
        let stored = try #require(try fx.store.interaction(id: interaction.id!))
        #expect(Set(stored.contactIDs) == [ana.id!, bo.id!])
        #expect(stored.kind == .favourAsked)
        #expect(stored.direction == .ask)
        // Another day is logged at noon in the user's zone; today keeps the time.
        #expect(stored.occurredAt == Day(iso: "2026-03-07")!.start(in: ScriptingFixture.utc).addingTimeInterval(12 * 3600))
        let now = try fx.scripting().log(NewInteraction(names: ["bo"], kind: "call")).interaction
        #expect(now.occurredAt == ScriptingFixture.now)
    }

    @Test func aDirectionOverridesTheKinds() throws {
        let fx = try ScriptingFixture()
        try fx.add("Ana")
        var input = NewInteraction(names: ["ana"], kind: "call")
        input.direction = "give"
        #expect(try fx.scripting().log(input).interaction.direction == .give)
    }

    @Test func badLogsChangeNothing() throws {
        let fx = try ScriptingFixture()
        try fx.add("Ana Lima")
        try fx.add("Ana Souza")
        let before = try fx.everything()
        func attempt(_ names: [String], kind: String = "call", on: String? = nil, direction: String? = nil,
                     summary: String? = nil) -> String {
            var input = NewInteraction(names: names, kind: kind)
            input.on = on
            input.direction = direction
            input.summary = summary
            do {
                _ = try fx.scripting().log(input)
                return "accepted"
            } catch {
                return "\(error)".components(separatedBy: "\n")[0]
            }
        }
        #expect(attempt(["ana lima", "nobody"]) == "no contact matches \"nobody\"")
        #expect(attempt(["ana"]) == "\"ana\" matches 2 contacts; name one by id or a longer prefix:")
        #expect(attempt(["ana lima"], kind: "lunch").hasPrefix("kind: \"lunch\" is not a kind"))
        #expect(attempt(["ana lima"], on: "2026-02-30") == "on: 2026-02-30 is not a date (no such day)")
        #expect(attempt(["ana lima"], on: "tomorrow") == "on: 2026-03-11 is in the future; log what has happened")
        #expect(attempt(["ana lima"], direction: "take") == "direction: \"take\" is not a direction (give, ask, neutral)")
        #expect(attempt(["ana lima"], summary: "a\u{1B}b") == "summary: cannot contain control characters")
        #expect(attempt([]) == "log: name at least one contact")
        #expect(try fx.everything() == before)
    }

    @Test func promisesAreCheckedThenKeptAndReopened() throws {
        let fx = try ScriptingFixture()
        try fx.add("Ana")
        let s = fx.scripting()
        let before = try fx.everything()
        #expect(throws: ScriptingError("promise: cannot be empty")) { try s.promise("ana", text: "  ", due: nil, theirs: false) }
        #expect(throws: ScriptingError("due: 2026-02-30 is not a date (no such day)")) {
            try s.promise("ana", text: "send deck", due: "2026-02-30", theirs: false)
        }
        #expect(throws: ScriptingError.self) { try s.promise("zed", text: "send deck", due: nil, theirs: false) }
        #expect(try fx.everything() == before)

        let promise = try s.promise("ana", text: "send deck", due: "next fri", theirs: true).promise
        #expect(promise.owner == .theirs)
        #expect(promise.due == Day(iso: "2026-03-13"))
        let done = try s.setDone("#\(promise.id!)", done: true)
        #expect(done.changed && done.promise.doneAt == ScriptingFixture.now)
        // Done again: the first time is kept and nothing is written.
        fx.now = ScriptingFixture.now.addingTimeInterval(3600)
        let again = try fx.scripting().setDone("\(promise.id!)", done: true)
        #expect(!again.changed && again.promise.doneAt == ScriptingFixture.now)
        let reopened = try fx.scripting().setDone("\(promise.id!)", done: false)
        #expect(reopened.changed && reopened.promise.isOpen)
        #expect(throws: ScriptingError("no promise with id 999")) { try s.setDone("999", done: true) }
        #expect(throws: ScriptingError("\"abc\" is not a promise id (a number such as 12)")) { try s.setDone("abc", done: true) }
    }

    @Test func timelineHasInteractionsAndPromisesNewestFirst() throws {
        let fx = try ScriptingFixture()
        try fx.add("Ana")
        try fx.add("Bo")
        var old = NewInteraction(names: ["ana", "bo"], kind: "meeting")
        old.on = "2026-03-01"
        _ = try fx.scripting().log(old)
        _ = try fx.scripting().promise("ana", text: "send deck", due: nil, theirs: false)
        let timeline = try fx.scripting().timeline("ana")
        guard timeline.entries.count == 2, case .promise(let p) = timeline.entries[0],
              case .interaction(let i) = timeline.entries[1] else {
            Issue.record("unexpected timeline \(timeline.entries)")
            return
        }
        #expect(p.text == "send deck")
        #expect(i.kind == .meeting)
        #expect(Set(timeline.names.values) == ["Ana", "Bo"])
    }

    @Test func eventsAreAddedListedAndBriefed() throws {
        let fx = try ScriptingFixture()
        try fx.add("Ana")
        let s = fx.scripting()
        var input = NewEvent(name: "Web Summit", on: "2026-03-12")
        input.time = "9:30"
        input.location = "Lisbon"
        input.attendees = ["ana"]
        let (event, attendees) = try s.addEvent(input)
        #expect(attendees.map(\.name) == ["Ana"])
        #expect(event.start == Date(timeIntervalSince1970: 1_773_307_800))  // 2026-03-12T09:30:00Z
        var past = NewEvent(name: "Web Meetup", on: "2026-03-01")
        past.time = nil
        let old = try s.addEvent(past).event
        #expect(ScriptJSON.instant(old.start) == .string("2026-03-01T19:00:00Z"))
        #expect(try s.events(includePast: false).events.map(\.name) == ["Web Summit"])
        #expect(try s.events(includePast: true).events.map(\.name) == ["Web Meetup", "Web Summit"])

        #expect(try s.brief("summit").event.id == event.id)
        #expect(try s.brief("#\(old.id!)").event.id == old.id)
        #expect(try s.brief("summit").attendees.map(\.contact.name) == ["Ana"])
        #expect(throws: ScriptingError.self) { try s.brief("web") }
        #expect(throws: ScriptingError("no event matches \"gala\"")) { try s.brief("gala") }

        let before = try fx.everything()
        for time in ["25:00", "7pm", "12:5"] {
            var bad = NewEvent(name: "Gala", on: "tomorrow")
            bad.time = time
            #expect(throws: ScriptingError.self) { try s.addEvent(bad) }
        }
        #expect(throws: ScriptingError("on: 2026-02-30 is not a date (no such day)")) {
            try s.addEvent(NewEvent(name: "Gala", on: "2026-02-30"))
        }
        #expect(try fx.everything() == before)
    }

    @Test func demoRefusesABookWithContacts() throws {
        let fx = try ScriptingFixture()
        let seeds = DemoSeeds.Source.folder(repositoryRoot.appendingPathComponent("seeds"))
        let summary = try fx.scripting().demo(seeds: seeds)
        #expect(summary.contacts == 40)
        let before = try fx.everything()
        #expect(throws: ScriptingError.self) { try fx.scripting().demo(seeds: seeds) }
        #expect(try fx.everything() == before)
    }
}
