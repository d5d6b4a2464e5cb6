import Domain
import Foundation
import Testing
@testable import Store

@Suite("Promises")
struct PromiseTests {
    let folder = TempFolder()

    func makeStore() throws -> Store { try Store(path: folder.book()) }

    @Test func everyFieldRoundTrips() throws {
        // Given a contact and a meeting
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let meeting = try store.insert(Interaction(occurredAt: Fixture.t0, kind: .meeting, contactIDs: [ana.id!]))
        // When promises with all fields, and with none, are saved
        let full = try store.insert(Promise(contactID: ana.id!, text: "Enviar el artículo «über» 📎", owner: .theirs,
                                            due: Fixture.day("2026-02-28"), createdAt: Date(timeIntervalSince1970: 1_767_225_600.000_001),
                                            interactionID: meeting.id, doneAt: Fixture.at(days: 2)))
        let bare = try store.insert(Promise(contactID: ana.id!, text: "", createdAt: Fixture.t0))
        // Then both read back equal
        #expect(try store.promise(id: full.id!) == full)
        #expect(try store.promise(id: bare.id!) == bare)
        #expect(full.createdAt.timeIntervalSince1970 == 1_767_225_600.000_001)
    }

    @Test func unknownContactOrInteractionIsRefused() throws {
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        #expect(throws: StoreError.notFound(kind: "contact", id: 5)) {
            try store.insert(Promise(contactID: 5, text: "x", createdAt: Fixture.t0))
        }
        #expect(throws: StoreError.notFound(kind: "interaction", id: 6)) {
            try store.insert(Promise(contactID: ana.id!, text: "x", createdAt: Fixture.t0, interactionID: 6))
        }
    }

    @Test func openPromisesAreByDueDateThenCreationWithUndatedLast() throws {
        // Given promises with and without due dates, one done
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        func add(_ text: String, due: String?, created: Double, done: Bool = false) throws -> Promise {
            try store.insert(Promise(contactID: ana.id!, text: text, due: due.map(Fixture.day), createdAt: Fixture.at(days: created),
                                     doneAt: done ? Fixture.at(days: 9) : nil))
        }
        _ = try add("undated old", due: nil, created: 1)
        _ = try add("late", due: "2026-03-01", created: 0)
        _ = try add("soon b", due: "2026-02-01", created: 3)
        _ = try add("undated new", due: nil, created: 2)
        _ = try add("soon a", due: "2026-02-01", created: 2)
        _ = try add("done", due: "2026-01-05", created: 0, done: true)
        // Then open ones are soonest due first, same due by creation, undated last
        #expect(try store.openPromises().map(\.text) == ["soon a", "soon b", "late", "undated old", "undated new"])
        #expect(try store.promises(.done).map(\.text) == ["done"])
        #expect(try store.promises(.all).map(\.text) == ["soon a", "soon b", "late", "undated old", "undated new", "done"])
        #expect(try store.promises(contactID: ana.id!, includeDone: false).count == 5)
        #expect(try store.promises(contactID: ana.id!).last?.text == "done")
    }

    @Test func doneCanBeUndone() throws {
        // Given an open promise
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        let promise = try store.insert(Promise(contactID: ana.id!, text: "send deck", createdAt: Fixture.t0))
        // When it is marked done
        let done = try store.setPromiseDone(id: promise.id!, at: Fixture.at(days: 1))
        // Then it is done at that time and no longer open
        #expect(done.doneAt == Fixture.at(days: 1))
        #expect(!done.isOpen)
        #expect(try store.openPromises().isEmpty)
        // When it is undone, Then it is open again and otherwise unchanged
        let undone = try store.setPromiseDone(id: promise.id!, at: nil)
        #expect(undone == promise)
        #expect(try store.openPromises() == [promise])
        // And an unknown id is an error
        #expect(throws: StoreError.notFound(kind: "promise", id: 999)) { try store.setPromiseDone(id: 999, at: nil) }
    }

    @Test func updateAndDelete() throws {
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana"))
        var promise = try store.insert(Promise(contactID: ana.id!, text: "send deck", createdAt: Fixture.t0))
        // When its text and due date change, Then it reads back changed
        promise.text = "send the new deck"
        promise.due = Fixture.day("2026-01-09")
        try store.update(promise)
        #expect(try store.promise(id: promise.id!) == promise)
        // When it is deleted, Then it is gone
        try store.deletePromise(id: promise.id!)
        #expect(try store.promise(id: promise.id!) == nil)
        #expect(throws: StoreError.notFound(kind: "promise", id: promise.id!)) { try store.update(promise) }
    }
}
