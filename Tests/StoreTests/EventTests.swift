import Domain
import Foundation
import Testing
@testable import Store

@Suite("Events and snoozes")
struct EventTests {
    let folder = TempFolder()

    func makeStore() throws -> Store { try Store(path: folder.book()) }

    @Test func eventRoundTripsWithAttendees() throws {
        // Given two contacts
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let bea = try store.insert(Fixture.contact("Bea"))
        // When an event with both is saved
        let event = try store.insert(Event(name: "Réunion à Zürich", start: Fixture.at(days: 7, hours: 18.5),
                                           location: "Kongresshaus", notes: "bring cards\n",
                                           attendeeIDs: [bea.id!, ana.id!]))
        // Then it reads back equal, attendees in the order given
        #expect(try store.event(id: event.id!) == event)
        #expect(try store.allEvents() == [event])
        // And an unknown attendee is refused
        #expect(throws: StoreError.notFound(kind: "contact", id: 77)) {
            try store.insert(Event(name: "x", start: Fixture.t0, attendeeIDs: [77]))
        }
    }

    @Test func updateReplacesAttendees() throws {
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let bea = try store.insert(Fixture.contact("Bea"))
        var event = try store.insert(Event(name: "Dinner", start: Fixture.t0, attendeeIDs: [ana.id!]))
        event.attendeeIDs = [bea.id!]
        event.location = "Casa"
        try store.update(event)
        #expect(try store.event(id: event.id!) == event)
        try store.deleteEvent(id: event.id!)
        #expect(try store.event(id: event.id!) == nil)
    }

    @Test func eventsInARangeAreByStart() throws {
        // Given events on days 1, 3, 5 and 7
        let store = try makeStore()
        for day in [5.0, 1, 7, 3] {
            _ = try store.insert(Event(name: "day \(Int(day))", start: Fixture.at(days: day)))
        }
        // Then a range includes its start and excludes its end
        #expect(try store.events(from: Fixture.at(days: 3), to: Fixture.at(days: 7)).map(\.name) == ["day 3", "day 5"])
        #expect(try store.events(from: Fixture.at(days: 8), to: Fixture.at(days: 9)).isEmpty)
        #expect(try store.allEvents().map(\.name) == ["day 1", "day 3", "day 5", "day 7"])
    }

    @Test func eventsAreFoundByFoldedPrefixOfTheNameOrAWord() throws {
        let store = try makeStore()
        _ = try store.insert(Event(name: "Web Summit Lisboa", start: Fixture.at(days: 2)))
        _ = try store.insert(Event(name: "Ñoño 50%_off", start: Fixture.at(days: 1)))
        #expect(try store.events(matchingPrefix: "web").map(\.name) == ["Web Summit Lisboa"])
        #expect(try store.events(matchingPrefix: "SUMM").map(\.name) == ["Web Summit Lisboa"])
        #expect(try store.events(matchingPrefix: "nono").map(\.name) == ["Ñoño 50%_off"])
        #expect(try store.events(matchingPrefix: "50%_").map(\.name) == ["Ñoño 50%_off"])
        #expect(try store.events(matchingPrefix: "50%x").isEmpty)
        #expect(try store.events(matchingPrefix: "ummit").isEmpty)
    }

    @Test func snoozeSetsReplacesAndClears() throws {
        // Given two contacts
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let bea = try store.insert(Fixture.contact("Bea"))
        // When both are snoozed and Ana's snooze is moved
        try store.snooze(contactID: ana.id!, until: Fixture.day("2026-02-01"))
        try store.snooze(contactID: bea.id!, until: Fixture.day("2026-03-01"))
        try store.snooze(contactID: ana.id!, until: Fixture.day("2026-04-01"))
        // Then there is one snooze per contact, the latest one
        #expect(try store.snoozes() == [Snooze(contactID: ana.id!, until: Fixture.day("2026-04-01")),
                                        Snooze(contactID: bea.id!, until: Fixture.day("2026-03-01"))])
        // When Ana's is cleared, Then only Bea's remains
        try store.snooze(contactID: ana.id!, until: nil)
        #expect(try store.snoozes().map(\.contactID) == [bea.id!])
        #expect(throws: StoreError.notFound(kind: "contact", id: 99)) { try store.snooze(contactID: 99, until: nil) }
    }
}
