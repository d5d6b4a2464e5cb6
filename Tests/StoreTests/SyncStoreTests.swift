import Domain
import Foundation
import Testing
@testable import Store

/// What vdir sync remembers between runs (migration "v6-sync").
@Suite("Sync state")
struct SyncStoreTests {
    let folder = TempFolder()

    func makeStore() throws -> Store { try Store(path: folder.book()) }

    @Test func aVdirIsMadeOnceAndRemembersItsSequenceAndFiles() throws {
        // Given a store with one contact
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana")).id!
        // When a vdir is first seen, its sequence is 0: every contact counts as changed
        let first = try store.write { try $0.syncVdir(path: "/home/ana/.contacts") }
        #expect(first.changeSequence == 0 && first.syncedAt == nil)
        #expect(try store.read { try $0.contactsChanged(since: first.changeSequence) } == [ana])
        // When a file and the sequence are recorded
        let state = SyncFileState(size: 120, modifiedNanos: 1_767_225_600_123_456_789, hash: -42, contactID: ana,
                                  contactUpdatedMicros: 99)
        let sequence = try store.write { tx -> Int64 in
            try tx.saveSyncFile(vdirID: first.id, name: "ana.vcf", state)
            let sequence = try tx.changeSequence()
            try tx.markSynced(vdirID: first.id, changeSequence: sequence, at: Fixture.t0)
            return sequence
        }
        // Then the same path gives the same vdir, with them
        let again = try store.write { try $0.syncVdir(path: "/home/ana/.contacts") }
        #expect(again.id == first.id && again.changeSequence == sequence && again.syncedAt == Fixture.t0)
        #expect(try store.read { try $0.syncFiles(vdirID: first.id) } == ["ana.vcf": state])
        #expect(try store.read { try $0.contactsChanged(since: sequence) }.isEmpty)
        // And another path is another vdir, with no files
        let other = try store.write { try $0.syncVdir(path: "/srv/contacts") }
        let otherFiles = try store.read { try $0.syncFiles(vdirID: other.id) }
        #expect(other.id != first.id && otherFiles.isEmpty)
        // When the file is saved again, then deleted
        var moved = state
        moved.size = 130
        try store.write { try $0.saveSyncFile(vdirID: first.id, name: "ana.vcf", moved) }
        #expect(try store.read { try $0.syncFiles(vdirID: first.id) } == ["ana.vcf": moved])
        try store.write { try $0.deleteSyncFile(vdirID: first.id, name: "ana.vcf") }
        #expect(try store.read { try $0.syncFiles(vdirID: first.id) }.isEmpty)
    }

    @Test func theTrashDoesNotCarryAContactsSyncRows() throws {
        // Given Ana paired with a card
        let store = try makeStore()
        let ana = try store.insert(Fixture.contact("Ana")).id!
        let vdir = try store.write { try $0.syncVdir(path: "/v") }
        try store.write {
            try $0.saveSyncFile(vdirID: vdir.id, name: "ana.vcf", SyncFileState(
                size: 1, modifiedNanos: 1, hash: 1, contactID: ana, contactUpdatedMicros: 1))
        }
        // When she goes to the trash, the row stays (no foreign key), and her updated time is gone
        let trashID = try store.write { try $0.moveContactToTrash(id: ana, at: Fixture.t0) }
        #expect(try store.read { try $0.syncFiles(vdirID: vdir.id) }.count == 1)
        #expect(try store.read { try $0.contactUpdatedMicros(ids: [ana]) }.isEmpty)
        // Then restoring her restores no sync row and refuses nothing
        try store.write { try $0.deleteSyncFile(vdirID: vdir.id, name: "ana.vcf") }
        try store.write { _ = try $0.restoreFromTrash(id: trashID) }
        #expect(try store.read { try $0.syncFiles(vdirID: vdir.id) }.isEmpty)
        #expect(try store.read { try $0.contactUpdatedMicros(ids: [ana]) }.keys.sorted() == [ana])
    }
}
