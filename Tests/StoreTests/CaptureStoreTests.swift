import Domain
import Foundation
import Testing
@testable import Store

/// Capture's contract with the store: a message once, a touch per key,
/// nothing a tombstone names, and a source forgotten whole.
@Suite("Capture")
struct CaptureStoreTests {
    let folder = TempFolder()

    func makeStore() throws -> Store { try Store(path: folder.book()) }

    func contact(_ store: Store, _ name: String, email: String) throws -> Int64 {
        var contact = Fixture.contact(name)
        contact.emails = [email]
        return try store.insert(contact).id!
    }

    func message(_ key: String, thread: String = "t1", at days: Double = 0, fromMe: Bool = false,
                 _ parties: [(String, Int64?)]) -> CapturedMessage {
        CapturedMessage(key: key, thread: thread, sentAt: Fixture.t0.addingTimeInterval(days * 86_400),
                        subject: "Lunch", fromMe: fromMe,
                        parties: parties.map { .init(email: $0.0, name: "", contactID: $0.1) })
    }

    @Test func oneTouchPerKeyGathersEveryContactAndKeepsSummariesRight() throws {
        // Given two contacts and a mail source
        let store = try makeStore()
        let ana = try contact(store, "Ana", email: "ana@example.com")
        let bo = try contact(store, "Bo", email: "bo@example.com")
        // When three messages of one thread on one day reach Ana, then Bo
        let added = try store.write { tx -> [Int?] in
            let source = try tx.captureSource(kind: .mail, path: "/mail")
            return try [
                tx.insert(message("m1", fromMe: true, [("ana@example.com", ana)]), sourceID: source.id, touchKey: "k", summary: "Lunch"),
                tx.insert(message("m2", [("ana@example.com", ana)]), sourceID: source.id, touchKey: "k", summary: "Lunch"),
                tx.insert(message("m3", fromMe: true, [("bo@example.com", bo)]), sourceID: source.id, touchKey: "k", summary: "Lunch"),
            ]
        }
        // Then one interaction holds both, each counted once, and the summaries match
        #expect(added == [1, 0, 1])
        let anas = try store.interactions(contactID: ana)
        #expect(anas.count == 1 && Set(anas[0].contactIDs) == [ana, bo] && anas[0].kind == .email)
        #expect(try store.read { try $0.summaryMismatches() }.isEmpty)
        #expect(try store.read { try $0.isKnownMessage(key: "m2") })
        // The same message again (another source has it too) writes nothing.
        let again = try store.write { tx in
            try tx.insert(message("m2", [("ana@example.com", ana)]), sourceID: tx.captureSource(kind: .mail, path: "/archive").id,
                          touchKey: "other", summary: "Lunch")
        }
        #expect(again == nil)
        #expect(try store.interactions(contactID: ana).count == 1)
        #expect(try store.read { try $0.thread(ofMessages: ["nope", "m3"]) } == "t1")
    }

    @Test func aDeletedCaptureStaysDeleted() throws {
        // Given a captured touch
        let store = try makeStore()
        let ana = try contact(store, "Ana", email: "ana@example.com")
        let source = try store.write { try $0.captureSource(kind: .mail, path: "/mail") }
        try store.write { _ = try $0.touch(key: "k", sourceID: source.id, at: Fixture.t0, kind: .email, summary: "", contactIDs: [ana]) }
        let id = try #require(try store.interactions(contactID: ana).first?.id)
        // When the user deletes it and capture offers it again
        try store.deleteInteraction(id: id)
        let again = try store.write { try $0.touch(key: "k", sourceID: source.id, at: Fixture.t0, kind: .email, summary: "", contactIDs: [ana]) }
        // Then it does not come back
        #expect(again == 0)
        #expect(try store.interactions(contactID: ana).isEmpty)
        // And removing what the source says is gone leaves no tombstone behind
        try store.write { _ = try $0.touch(key: "k2", sourceID: source.id, at: Fixture.t0, kind: .meeting, summary: "", contactIDs: [ana]) }
        #expect(try store.write { try $0.removeCaptured(key: "k2") } == 1)
        #expect(try store.read { try $0.isTombstoned("k2") } == false)
    }

    @Test func forgettingASourceRemovesWhatItAddedAndNothingElse() throws {
        // Given touches and an event from two sources, and a hand-logged call
        let store = try makeStore()
        let ana = try contact(store, "Ana", email: "ana@example.com")
        let call = try store.insert(Interaction(occurredAt: Fixture.t0, kind: .call, contactIDs: [ana]))
        let (mail, calendar) = try store.write { tx in
            (try tx.captureSource(kind: .mail, path: "/mail"), try tx.captureSource(kind: .calendar, path: "/cal"))
        }
        try store.write { tx in
            try tx.insert(message("m1", [("ana@example.com", ana)]), sourceID: mail.id, touchKey: "mail-k", summary: "")
            try tx.saveCaptureFile(sourceID: mail.id, name: "1700.x", CaptureFileState())
            _ = try tx.touch(key: "meeting-k", sourceID: calendar.id, at: Fixture.t0, kind: .meeting, summary: "", contactIDs: [ana])
            try tx.upsertCapturedEvent(key: "event-k", sourceID: calendar.id, name: "Board", startAt: Fixture.t0.addingTimeInterval(86_400), contactIDs: [ana])
        }
        // When the mail source is forgotten
        let gone = try store.write { try $0.forgetCaptureSource(id: mail.id) }
        // Then its touch, message and files are gone, the rest stays, summaries match
        #expect(gone == ForgottenCapture(interactions: 1, events: 0, messages: 1))
        #expect(try store.interactions(contactID: ana).map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.call, .meeting])
        #expect(try store.read { try $0.isKnownMessage(key: "m1") } == false)
        #expect(try store.read { try $0.captureFiles(sourceID: mail.id) }.isEmpty)
        #expect(try store.allEvents().count == 1)
        #expect(try store.interaction(id: call.id!) != nil)
        #expect(try store.read { try $0.summaryMismatches() }.isEmpty)
    }

    @Test func suggestionsRankTwoWayFirstAndLeaveContactsAndDismissalsOut() throws {
        // Given mail with a contact, a two-way stranger, a one-way stranger with more mail, and a dismissed one
        let store = try makeStore()
        let ana = try contact(store, "Ana", email: "ana@example.com")
        try store.write { tx in
            let source = try tx.captureSource(kind: .mail, path: "/mail")
            let list: [CapturedMessage] = [
                message("1", fromMe: true, [("ana@example.com", ana)]),
                message("2", at: 1, fromMe: true, [("kai@example.com", nil)]),
                message("3", at: 2, [("kai@example.com", nil)]),
                message("4", at: 3, [("news@example.com", nil)]),
                message("5", at: 4, [("news@example.com", nil)]),
                message("6", at: 5, [("news@example.com", nil)]),
                message("7", at: 6, [("spam@example.com", nil)]),
            ]
            for (n, each) in list.enumerated() {
                try tx.insert(each, sourceID: source.id, touchKey: "k\(n)", summary: "")
            }
            try tx.dismissSuggestion(email: "spam@example.com")
        }
        // Then Kai (both ways) leads, then the one-way sender, and neither Ana nor the dismissed appear
        let suggestions = try store.read { try $0.mailSuggestions() }
        #expect(suggestions.map(\.email) == ["kai@example.com", "news@example.com"])
        #expect(suggestions[0].sent == 1 && suggestions[0].received == 1 && suggestions[0].isTwoWay)
        #expect(suggestions[1].received == 3 && suggestions[1].last == Fixture.t0.addingTimeInterval(5 * 86_400))
    }

    @Test func mailOfANewContactIsOfferedForReplayOnce() throws {
        // Given a message from a stranger
        let store = try makeStore()
        try store.write { tx in
            let source = try tx.captureSource(kind: .mail, path: "/mail")
            try tx.insert(message("m1", [("kai@example.com", nil)]), sourceID: source.id, touchKey: "k", summary: "")
        }
        #expect(try store.read { try $0.unappliedMessages() }.isEmpty)
        // When the stranger becomes a contact
        let kai = try contact(store, "Kai", email: "Kai@Example.com")
        // Then the message is offered once with the contact, and not after it is applied
        let offered = try store.read { try $0.unappliedMessages() }
        #expect(offered.map(\.message.key) == ["m1"] && offered.first?.message.parties.first?.contactID == kai)
        try store.write { try $0.markApplied(messageKey: "m1", email: "kai@example.com", contactID: kai) }
        #expect(try store.read { try $0.unappliedMessages() }.isEmpty)
        #expect(try store.read { try $0.mailSuggestions() }.isEmpty)
    }

    @Test func theTrashKeepsProvenanceUnlessTheSourceWasForgotten() throws {
        // Given Ana with a captured touch, moved to the trash
        let store = try makeStore()
        let ana = try contact(store, "Ana", email: "ana@example.com")
        let source = try store.write { try $0.captureSource(kind: .mail, path: "/mail") }
        try store.write { _ = try $0.touch(key: "k", sourceID: source.id, at: Fixture.t0, kind: .email, summary: "", contactIDs: [ana]) }
        let first = try store.write { try $0.moveContactToTrash(id: ana, at: Fixture.t0) }
        // When she is restored
        _ = try store.write { try $0.restoreFromTrash(id: first) }
        // Then the touch is still known as captured from the source
        let id = try #require(try store.interactions(contactID: ana).first?.id)
        #expect(try store.read { try $0.captureSources(ofInteractions: [id]) } == [id: "/mail"])
        // And when the source is forgotten while she is in the trash, she still comes back, as logged by hand
        let second = try store.write { try $0.moveContactToTrash(id: ana, at: Fixture.t0) }
        _ = try store.write { try $0.forgetCaptureSource(id: source.id) }
        _ = try store.write { try $0.restoreFromTrash(id: second) }
        #expect(try store.interactions(contactID: ana).count == 1)
        #expect(try store.read { try $0.captureSources(ofInteractions: [id]) }.isEmpty)
        #expect(try store.read { try $0.summaryMismatches() }.isEmpty)
    }

    @Test func aCapturedEventMovesKeepsTheUsersNotesAndStaysDeleted() throws {
        // Given a captured event the user added notes to
        let store = try makeStore()
        let ana = try contact(store, "Ana", email: "ana@example.com")
        let source = try store.write { try $0.captureSource(kind: .calendar, path: "/cal") }
        let start = Fixture.t0.addingTimeInterval(3 * 86_400)
        #expect(try store.write { try $0.upsertCapturedEvent(key: "e", sourceID: source.id, name: "Board", startAt: start, contactIDs: [ana]) })
        var event = try #require(try store.allEvents().first)
        event.notes = "bring the deck"
        try store.update(event)
        // When the calendar moves it a day, then says the same again
        let moved = start.addingTimeInterval(86_400)
        #expect(try store.write { try $0.upsertCapturedEvent(key: "e", sourceID: source.id, name: "Board", startAt: moved, contactIDs: [ana]) })
        #expect(try store.write { try $0.upsertCapturedEvent(key: "e", sourceID: source.id, name: "Board", startAt: moved, contactIDs: [ana]) } == false)
        // Then it moved and kept the notes
        let after = try #require(try store.allEvents().first)
        #expect(after.start == moved && after.notes == "bring the deck")
        #expect(try store.allEvents().count == 1)
        // And once the user deletes it, capture does not bring it back
        try store.deleteEvent(id: after.id!)
        #expect(try store.write { try $0.upsertCapturedEvent(key: "e", sourceID: source.id, name: "Board", startAt: moved, contactIDs: [ana]) } == false)
        #expect(try store.allEvents().isEmpty)
    }

    @Test func aPathIsOneKindOfSource() throws {
        let store = try makeStore()
        _ = try store.write { try $0.captureSource(kind: .mail, path: "/x") }
        #expect(throws: StoreError.invalidData("/x is captured as mail, not calendar")) {
            try store.write { try $0.captureSource(kind: .calendar, path: "/x") }
        }
    }
}

extension CaptureStoreTests {
    @Test func aDeletedContactsMailIsASuggestionAgainAndReplaysWhenTheyReturn() throws {
        // Given Kai's message applied to Kai
        let store = try makeStore()
        let kai = try contact(store, "Kai", email: "kai@example.com")
        try store.write { tx in
            let source = try tx.captureSource(kind: .mail, path: "/mail")
            try tx.insert(message("m1", [("kai@example.com", kai)]), sourceID: source.id, touchKey: "k", summary: "")
        }
        #expect(try store.read { try $0.mailSuggestions() }.isEmpty)
        // When Kai is deleted, Kai is a suggestion again
        try store.deleteContact(id: kai)
        #expect(try store.read { try $0.mailSuggestions() }.map(\.email) == ["kai@example.com"])
        // And added back, the message is offered for replay to the new contact
        let again = try contact(store, "Kai", email: "kai@example.com")
        #expect(try store.read { try $0.unappliedMessages() }.first?.message.parties.first?.contactID == again)
    }
}
