import Domain
import Foundation
import Testing
@testable import Store

@Suite("Snapshot and attention cache")
struct SnapshotTests {
    let folder = TempFolder()

    func makeStore() throws -> Store { try Store(path: folder.book()) }

    @Test func snapshotHoldsEverything() throws {
        // Given contacts with details, interactions (one shared), promises, an event and a snooze
        let store = try makeStore()
        let ana = try store.insert(ContactTests.full)
        let bea = try store.insert(Fixture.contact("Bea"))
        let archived = try store.insert(Contact(name: "Old", archived: true, createdAt: Fixture.t0))
        let lunch = try store.insert(Interaction(occurredAt: Fixture.at(days: 1), kind: .meeting, contactIDs: [bea.id!, ana.id!]))
        let call = try store.insert(Interaction(occurredAt: Fixture.at(days: 2), kind: .call, contactIDs: [bea.id!]))
        let note = try store.insert(Interaction(occurredAt: Fixture.at(days: 3), kind: .note, contactIDs: [archived.id!]))
        let promise = try store.insert(Promise(contactID: ana.id!, text: "deck", due: Fixture.day("2026-01-03"),
                                               createdAt: Fixture.t0, interactionID: lunch.id))
        let done = try store.insert(Promise(contactID: bea.id!, text: "intro", createdAt: Fixture.t0, doneAt: Fixture.at(days: 1)))
        let event = try store.insert(Event(name: "Summit", start: Fixture.at(days: 6), attendeeIDs: [ana.id!]))
        try store.snooze(contactID: bea.id!, until: Fixture.day("2026-02-01"))
        // When a snapshot is taken
        let snapshot = try store.snapshot()
        // Then it holds every row, with links, archived contacts and done promises included
        #expect(snapshot.contacts == [ana, bea, archived])
        #expect(snapshot.interactions == [lunch, call, note])
        #expect(snapshot.promises == [promise, done])
        #expect(snapshot.events == [event])
        #expect(snapshot.snoozes == [Snooze(contactID: bea.id!, until: Fixture.day("2026-02-01"))])
    }

    @Test func snapshotOfAnEmptyBookIsEmpty() throws {
        let snapshot = try makeStore().snapshot()
        #expect(snapshot.contacts.isEmpty && snapshot.interactions.isEmpty && snapshot.promises.isEmpty)
        #expect(snapshot.events.isEmpty && snapshot.snoozes.isEmpty)
    }

    @Test func snapshotKeepsInteractionsWithTheirOwnContactsAtScale() throws {
        // Given 300 contacts and 2,000 interactions with 1 to 3 contacts each, written in one transaction
        let store = try makeStore()
        var expected: [Interaction] = []
        try store.write { tx in
            var ids: [Int64] = []
            for n in 0..<300 { ids.append(try tx.insert(Fixture.contact("Contact \(n)")).id!) }
            for n in 0..<2_000 {
                let people = (0...(n % 3)).map { ids[(n * 7 + $0 * 13) % ids.count] }
                expected.append(try tx.insert(Interaction(occurredAt: Fixture.at(days: Double(n % 50)), kind: .call,
                                                          summary: "#\(n)", contactIDs: people)))
            }
        }
        // Then the snapshot's interactions equal what was written, links and all
        let snapshot = try store.snapshot()
        #expect(snapshot.contacts.count == 300)
        #expect(snapshot.interactions == expected)
    }

    static func attention(_ contactID: Int64, score: Double, level: AttentionLevel = .overdue) -> Attention {
        Attention(contactID: contactID, score: score, level: level,
                  reasons: [Reason(kind: .promiseMine, weight: score, text: "promise \"send deck\" 3d overdue", level: level),
                            Reason(kind: .keepInTouchOverdue, weight: 1.5, text: "47d since last touch (max 45) · ünï", level: .due)],
                  lastTouch: Date(timeIntervalSince1970: 1_767_000_000.25), daysSinceTouch: 47,
                  cadence: Cadence(idealDays: 30, maximumDays: 45), touches: 3, snoozedUntil: Fixture.day("2026-05-01"))
    }

    @Test func attentionCacheIsReplacedWholeAndReadByScore() throws {
        // Given three contacts and a first scoring run
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let bea = try store.insert(Fixture.contact("Bea"))
        let cai = try store.insert(Fixture.contact("Cai"))
        #expect(try store.lastScoredAt() == nil)
        try store.saveAttention([Self.attention(ana.id!, score: 10)], computedAt: Fixture.at(days: 1))
        // When a second run scores Bea and Cai (and a contact deleted meanwhile)
        let calm = Attention(contactID: cai.id!, score: 0, level: .calm, reasons: [], lastTouch: nil,
                             daysSinceTouch: nil, cadence: nil, touches: 0, snoozedUntil: nil)
        try store.saveAttention([calm, Self.attention(bea.id!, score: 140.5), Self.attention(999, score: 1)],
                                computedAt: Fixture.at(days: 2))
        // Then only the second run is cached, highest score first, every field intact
        let ranked = try store.contactsByAttention()
        #expect(ranked.map(\.contact) == [bea, cai])
        #expect(ranked.map(\.attention) == [Self.attention(bea.id!, score: 140.5), calm])
        #expect(try store.contactsByAttention(limit: 1).map(\.contact.id) == [bea.id])
        #expect(try store.attention(contactID: ana.id!) == nil)
        #expect(try store.lastScoredAt() == Fixture.at(days: 2))
        // And an empty run still records when it ran
        try store.saveAttention([], computedAt: Fixture.at(days: 3))
        #expect(try store.contactsByAttention().isEmpty)
        #expect(try store.lastScoredAt() == Fixture.at(days: 3))
    }
}
