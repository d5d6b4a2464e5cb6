import Domain
import Foundation
import Testing
@testable import Store

@Suite("Interactions and timelines")
struct InteractionTests {
    let folder = TempFolder()

    func makeStore() throws -> Store { try Store(path: folder.book()) }

    @Test func interactionRoundTripsWithItsContacts() throws {
        // Given two contacts
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let bea = try store.insert(Fixture.contact("Bea"))
        // When a group lunch with both (Bea listed twice) is logged with an overridden direction
        let lunch = Interaction(occurredAt: Date(timeIntervalSince1970: 1_767_225_600.654321), kind: .favourAsked,
                                direction: .neutral, summary: "Almuerzo 🍽 con café", notes: "",
                                contactIDs: [bea.id!, ana.id!, bea.id!])
        let saved = try store.insert(lunch)
        // Then it reads back equal, each contact linked once, in the order given
        #expect(saved.id != nil)
        #expect(saved.contactIDs == [bea.id!, ana.id!])
        #expect(try store.interaction(id: saved.id!) == saved)
        #expect(saved.direction == .neutral && saved.kind == .favourAsked)
        #expect(try store.interactions(contactID: ana.id!) == [saved])
    }

    @Test func anUnknownContactWritesNothing() throws {
        // Given one contact
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        // When an interaction names it and an unknown contact
        // Then the error names the unknown one and no interaction exists
        #expect(throws: StoreError.notFound(kind: "contact", id: 4242)) {
            try store.insert(Interaction(occurredAt: Fixture.t0, kind: .call, contactIDs: [ana.id!, 4242]))
        }
        #expect(throws: StoreError.invalidData("an interaction needs at least one contact")) {
            try store.insert(Interaction(occurredAt: Fixture.t0, kind: .call, contactIDs: []))
        }
        #expect(try store.interactions(contactID: ana.id!).isEmpty)
        #expect(try store.snapshot().interactions.isEmpty)
        #expect(StoreError.notFound(kind: "contact", id: 4242).description == "no contact with id 4242")
    }

    @Test func interactionsOfAContactAreNewestFirstAndLimited() throws {
        // Given five calls with Ana on different days, inserted out of order, and one with Bea only
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let bea = try store.insert(Fixture.contact("Bea"))
        for day in [3.0, 1, 5, 2, 4] {
            _ = try store.insert(Interaction(occurredAt: Fixture.at(days: day), kind: .call, summary: "day \(Int(day))",
                                             contactIDs: [ana.id!]))
        }
        _ = try store.insert(Interaction(occurredAt: Fixture.at(days: 9), kind: .call, contactIDs: [bea.id!]))
        // Then Ana's are newest first, and a limit keeps the newest
        #expect(try store.interactions(contactID: ana.id!).map(\.summary) == ["day 5", "day 4", "day 3", "day 2", "day 1"])
        #expect(try store.interactions(contactID: ana.id!, limit: 2).map(\.summary) == ["day 5", "day 4"])
    }

    @Test func movingAnInteractionInTimeReordersItsContactsHistory() throws {
        // Given two calls with Ana
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let early = try store.insert(Interaction(occurredAt: Fixture.at(days: 1), kind: .call, contactIDs: [ana.id!]))
        let late = try store.insert(Interaction(occurredAt: Fixture.at(days: 2), kind: .call, contactIDs: [ana.id!]))
        // When the early one is moved after the late one (the copy of its time on the links follows by trigger)
        try store.write { try $0.execute(sql: "UPDATE interaction SET occurred_at = occurred_at + 86400000000 * 5 WHERE id = \(early.id!)") }
        // Then it comes first in Ana's history
        #expect(try store.interactions(contactID: ana.id!).map(\.id) == [early.id, late.id])
    }

    @Test func timelineInterleavesPromisesAtTheirCreation() throws {
        // Given Ana with a call on day 1, a promise made on day 2, a meeting on day 3,
        // and a promise made during the meeting (same instant), done later
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let call = try store.insert(Interaction(occurredAt: Fixture.at(days: 1), kind: .call, contactIDs: [ana.id!]))
        let p1 = try store.insert(Promise(contactID: ana.id!, text: "send deck", due: Fixture.day("2026-01-10"),
                                          createdAt: Fixture.at(days: 2)))
        let meeting = try store.insert(Interaction(occurredAt: Fixture.at(days: 3), kind: .meeting, contactIDs: [ana.id!]))
        var p2 = try store.insert(Promise(contactID: ana.id!, text: "intro to Bea", owner: .theirs,
                                          createdAt: Fixture.at(days: 3), interactionID: meeting.id))
        p2 = try store.setPromiseDone(id: p2.id!, at: Fixture.at(days: 4))
        // When the timeline is read
        let timeline = try store.timeline(contactID: ana.id!)
        // Then it is newest first, the promise above the meeting it came from
        #expect(timeline == [.promise(p2), .interaction(meeting), .promise(p1), .interaction(call)])
        #expect(timeline.map(\.date) == [Fixture.at(days: 3), Fixture.at(days: 3), Fixture.at(days: 2), Fixture.at(days: 1)])
    }

    @Test func deletingAnInteractionKeepsItsPromises() throws {
        // Given a promise made in a meeting
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let meeting = try store.insert(Interaction(occurredAt: Fixture.t0, kind: .meeting, contactIDs: [ana.id!]))
        let promise = try store.insert(Promise(contactID: ana.id!, text: "x", createdAt: Fixture.t0, interactionID: meeting.id))
        // When the meeting is deleted
        try store.deleteInteraction(id: meeting.id!)
        // Then the promise stays, unlinked
        #expect(try store.promise(id: promise.id!)?.interactionID == nil)
        #expect(throws: StoreError.notFound(kind: "interaction", id: meeting.id!)) { try store.deleteInteraction(id: meeting.id!) }
    }
}
