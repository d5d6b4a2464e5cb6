import Domain
import Foundation
import GRDB

// What vdir sync remembers between runs (migration "v6-sync"). The rules
// (which side wins, what goes to the trash) are the caller's.

extension StoreTransaction {
    /// The vdir at `path`, created on first use with sequence 0 (every contact changed).
    public func syncVdir(path: String) throws -> SyncVdir {
        if let found = try SQLRow.fetchOne(db, sql: "SELECT id, path, change_seq, synced_at FROM sync_vdir WHERE path = ?",
                                        arguments: [path]) {
            return SyncVdir(id: found[0], path: found[1], changeSequence: found[2],
                            syncedAt: (found[3] as Int64?).map(Columns.date(micros:)))
        }
        try db.execute(sql: "INSERT INTO sync_vdir (path) VALUES (?)", arguments: [path])
        return SyncVdir(id: db.lastInsertedRowID, path: path, changeSequence: 0, syncedAt: nil)
    }

    /// Records the end of a sync: the sequence read at its start, and when.
    public func markSynced(vdirID: Int64, changeSequence: Int64, at date: Date) throws {
        try db.execute(sql: "UPDATE sync_vdir SET change_seq = ?, synced_at = ? WHERE id = ?",
                       arguments: [changeSequence, Columns.micros(date), vdirID])
    }

    /// Every file the last sync of this vdir knew, by name.
    public func syncFiles(vdirID: Int64) throws -> [String: SyncFileState] {
        var files: [String: SyncFileState] = [:]
        let rows = try SQLRow.fetchCursor(db, sql: """
            SELECT name, size, modified_ns, inode, hash, contact_id, contact_updated_at FROM sync_file WHERE vdir_id = ?
            """, arguments: [vdirID])
        while let row = try rows.next() {
            files[row[0]] = SyncFileState(size: row[1], modifiedNanos: row[2], inode: row[3], hash: row[4],
                                          contactID: row[5], contactUpdatedMicros: row[6])
        }
        return files
    }

    public func saveSyncFile(vdirID: Int64, name: String, _ state: SyncFileState) throws {
        try db.cachedStatement(sql: """
            INSERT INTO sync_file (vdir_id, name, size, modified_ns, inode, hash, contact_id, contact_updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (vdir_id, name) DO UPDATE SET size = excluded.size, modified_ns = excluded.modified_ns,
                inode = excluded.inode, hash = excluded.hash, contact_id = excluded.contact_id, contact_updated_at = excluded.contact_updated_at
            """).execute(arguments: [vdirID, name, state.size, state.modifiedNanos, state.inode, state.hash, state.contactID,
                                     state.contactUpdatedMicros])
    }

    public func deleteSyncFile(vdirID: Int64, name: String) throws {
        try db.cachedStatement(sql: "DELETE FROM sync_file WHERE vdir_id = ? AND name = ?").execute(arguments: [vdirID, name])
    }

    /// `updatedAt` in microseconds of each of these contacts that exists.
    public func contactUpdatedMicros(ids: [Int64]) throws -> [Int64: Int64] {
        guard !ids.isEmpty else { return [:] }
        var result: [Int64: Int64] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT id, updated_at FROM contact WHERE id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                """, arguments: SQLArguments(Array(chunk)))
            for row in rows { result[row[0]] = row[1] }
        }
        return result
    }
}
