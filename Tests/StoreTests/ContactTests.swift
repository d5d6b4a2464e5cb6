import Domain
import Foundation
import Testing
@testable import Store

@Suite("Contacts")
struct ContactTests {
    let folder = TempFolder()

    func makeStore() throws -> Store { try Store(path: folder.book()) }

    static let full = Contact(
        name: "José Álvarez-Núñez 王", nickname: "Pepe", company: "Acme 🎉", title: "CTO",
        emails: ["jose@example.com", "J.Alvarez@Work.example"], phones: ["+34 600-12 34 56", "(555) 010-0000"],
        circle: .inner, cadenceOverride: Cadence(idealDays: 7, maximumDays: 10), tags: ["founder", "madrid", ""],
        birthday: RecurringDate(month: 2, day: 29), anniversary: RecurringDate(month: 6, day: 1, year: 2015),
        metAt: "Web Summit, Lisboa", metOn: Day(iso: "2025-11-12"), metVia: "Ana", drives: "Shipping things\nthat last",
        notes: "Line 1\n\tLine 2 \u{1B}[31m", archived: false,
        createdAt: Date(timeIntervalSince1970: 1_767_225_600.123456), updatedAt: Date(timeIntervalSince1970: 1_767_312_000.5))

    @Test func everyFieldRoundTrips() throws {
        // Given a contact with every field set, unicode and control characters included
        let store = try makeStore()
        // When it is inserted and read back
        let saved = try store.insert(Self.full)
        // Then it has an id and reads back equal, field for field
        let id = try #require(saved.id)
        var expected = Self.full
        expected.id = id
        #expect(saved == expected)
        #expect(try store.contact(id: id) == expected)
    }

    @Test func emptyFieldsRoundTrip() throws {
        // Given a contact with only a name, and one with an empty name
        let store = try makeStore()
        let plain = try store.insert(Contact(name: "Ana", createdAt: Fixture.t0))
        let empty = try store.insert(Contact(name: "", nickname: "", createdAt: Fixture.t0))
        // Then both read back equal, optional fields nil
        #expect(try store.contact(id: plain.id!) == plain)
        #expect(try store.contact(id: empty.id!) == empty)
        #expect(try store.contact(id: plain.id!)?.cadenceOverride == nil)
        #expect(try store.contact(id: 12345) == nil)
    }

    @Test func aContactWithAnIdKeepsIt() throws {
        // Given a contact from a backup, with its id
        let store = try makeStore()
        var restored = Fixture.contact("Ana")
        restored.id = 40
        // When it is inserted, Then it keeps that id, and new contacts come after it
        #expect(try store.insert(restored) == restored)
        #expect(try store.insert(Fixture.contact("Bea")).id == 41)
        // And inserting the same id again is refused
        #expect(throws: StoreError.self) { try store.insert(restored) }
    }

    @Test func updateReplacesFieldsAndDetails() throws {
        // Given a saved contact
        let store = try makeStore()
        var contact = try store.insert(Self.full)
        // When its name, emails, phones and tags change
        contact.name = "Ana Beltrán"
        contact.nickname = ""
        contact.emails = ["ana@example.com"]
        contact.phones = []
        contact.tags = ["vip"]
        contact.cadenceOverride = nil
        contact.birthday = nil
        contact.updatedAt = Fixture.at(days: 3)
        try store.update(contact)
        // Then the stored contact equals the new one, and search follows the new name
        #expect(try store.contact(id: contact.id!) == contact)
        #expect(try store.contacts(matchingPrefix: "jose").isEmpty)
        #expect(try store.contacts(matchingPrefix: "beltran").map(\.id) == [contact.id])
        #expect(try store.contacts(withPhone: "+34600123456").isEmpty)
        // And updating an unknown id is an error
        contact.id = 999
        #expect(throws: StoreError.notFound(kind: "contact", id: 999)) { try store.update(contact) }
    }

    @Test func listsAreOrderedByNameIgnoringCaseAndAccents() throws {
        // Given contacts inserted out of order, one archived
        let store = try makeStore()
        for name in ["zoe", "Émile", "bob", "Ana", "álvaro"] { _ = try store.insert(Fixture.contact(name)) }
        let archived = try store.insert(Fixture.contact("Carla"))
        try store.setArchived(id: archived.id!, true)
        // Then lists are by folded name, archived ones only when asked
        #expect(try store.contacts().map(\.name) == ["álvaro", "Ana", "bob", "Émile", "zoe"])
        #expect(try store.contacts(includeArchived: true).map(\.name) == ["álvaro", "Ana", "bob", "Carla", "Émile", "zoe"])
        #expect(try store.contactCount() == 6)
        #expect(try store.contactCount(includeArchived: false) == 5)
        #expect(try store.contact(id: archived.id!)?.archived == true)
        #expect(throws: StoreError.notFound(kind: "contact", id: 77)) { try store.setArchived(id: 77, true) }
    }

    @Test func prefixSearchIgnoresCaseAndAccentsAndMatchesWordStarts() throws {
        // Given José Álvarez (nickname Pepe), Joselyn and Marie-Claire
        let store = try makeStore()
        let jose = try store.insert(Fixture.contact("José Álvarez", nickname: "Pepe"))
        let joselyn = try store.insert(Fixture.contact("Joselyn Smith"))
        let marie = try store.insert(Fixture.contact("Marie-Claire O'Brien"))
        func ids(_ prefix: String) throws -> [Int64?] { try store.contacts(matchingPrefix: prefix).map(\.id) }
        // Then a prefix of the whole name, of any word, or of the nickname finds them
        #expect(try ids("jose") == [jose.id, joselyn.id])
        #expect(try ids("JOSÉ Á") == [jose.id])
        #expect(try ids("jose alv") == [jose.id])
        #expect(try ids("alv") == [jose.id])
        #expect(try ids("ÁLVAREZ") == [jose.id])
        #expect(try ids("pep") == [jose.id])
        #expect(try ids("claire") == [marie.id])
        #expect(try ids("brien") == [marie.id])
        // And the middle of a word does not match, an empty prefix matches all
        #expect(try ids("lvarez").isEmpty)
        #expect(try ids("mith").isEmpty)
        #expect(try ids("  ").count == 3)
        #expect(try store.contacts(matchingPrefix: "jose", limit: 1).map(\.id) == [jose.id])
    }

    @Test func prefixSearchLeavesOutArchivedUnlessAsked() throws {
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        try store.setArchived(id: ana.id!, true)
        #expect(try store.contacts(matchingPrefix: "an").isEmpty)
        #expect(try store.contacts(matchingPrefix: "an", includeArchived: true).map(\.id) == [ana.id])
    }

    @Test func duplicatesAreFoundByEmailAndNormalisedPhone() throws {
        // Given a contact with an email and a formatted phone
        let store = try makeStore()
        let saved = try store.insert(Self.full)
        _ = try store.insert(Fixture.contact("Someone else"))
        // Then lookups ignore email case and phone punctuation
        #expect(try store.contacts(withEmail: " j.alvarez@work.EXAMPLE ").map(\.id) == [saved.id])
        #expect(try store.contacts(withPhone: "+34600123456").map(\.id) == [saved.id])
        #expect(try store.contacts(withPhone: "555 010 0000").map(\.id) == [saved.id])
        #expect(try store.contacts(withPhone: "---").isEmpty)
        #expect(try store.contacts(withEmail: "nobody@example.com").isEmpty)
    }

    @Test func deletingAContactRemovesWhatOnlyConcernedIt() throws {
        // Given Ana and Bea, a lunch with both, a call with Ana only, a promise, a snooze and an event
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let bea = try store.insert(Fixture.contact("Bea"))
        let lunch = try store.insert(Interaction(occurredAt: Fixture.at(days: 1), kind: .meeting, contactIDs: [ana.id!, bea.id!]))
        let call = try store.insert(Interaction(occurredAt: Fixture.at(days: 2), kind: .call, contactIDs: [ana.id!]))
        _ = try store.insert(Promise(contactID: ana.id!, text: "send deck", createdAt: Fixture.t0))
        try store.snooze(contactID: ana.id!, until: Fixture.day("2026-02-01"))
        let event = try store.insert(Event(name: "Summit", start: Fixture.at(days: 5), attendeeIDs: [ana.id!, bea.id!]))
        // When Ana is deleted
        try store.deleteContact(id: ana.id!)
        // Then her call, promise and snooze are gone, the lunch stays with Bea
        #expect(try store.contact(id: ana.id!) == nil)
        #expect(try store.interaction(id: call.id!) == nil)
        #expect(try store.interaction(id: lunch.id!)?.contactIDs == [bea.id!])
        #expect(try store.openPromises().isEmpty)
        #expect(try store.snoozes().isEmpty)
        #expect(try store.event(id: event.id!)?.attendeeIDs == [bea.id!])
        #expect(throws: StoreError.notFound(kind: "contact", id: ana.id!)) { try store.deleteContact(id: ana.id!) }
    }

    @Test func severalWritesInOneTransactionAreAllOrNothing() throws {
        // Given a store
        let store = try makeStore()
        // When a write inserts a contact and then fails
        #expect(throws: StoreError.notFound(kind: "contact", id: 999)) {
            try store.write { tx in
                let ana = try tx.insert(Fixture.contact("Ana"))
                _ = try tx.insert(Interaction(occurredAt: Fixture.t0, kind: .call, contactIDs: [ana.id!, 999]))
            }
        }
        // Then nothing was saved
        #expect(try store.contactCount() == 0)
    }
}
