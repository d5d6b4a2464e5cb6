import Domain
import Foundation
import GRDB

/// Which promises a listing returns.
public enum PromiseFilter: Sendable {
    case open, done, all
}

extension StoreTransaction {
    /// Open before done; then by due date, promises without one last; then oldest first.
    static let promiseOrder = "done_at IS NOT NULL, due IS NULL, due, created_at, id"

    /// Records a promise and returns it with its id.
    /// - throws: `StoreError.notFound` when its contact or interaction does not exist.
    public func insert(_ promise: Promise) throws -> Promise {
        try requireExisting([promise.contactID], in: "contact", kind: "contact")
        try requireExisting(promise.interactionID.map { [$0] } ?? [], in: "interaction", kind: "interaction")
        var saved = promise.normalized
        try db.execute(sql: """
            INSERT INTO promise (\(Promise.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, \(db.currentMemberSQL)))
            """, arguments: [promise.id, promise.contactID, promise.text, promise.owner.rawValue, promise.due?.iso,
                             Columns.micros(promise.createdAt), promise.interactionID,
                             promise.doneAt.map(Columns.micros), promise.memberID])
        saved.id = db.lastInsertedRowID
        saved.memberID = promise.memberID ?? db.currentMemberID
        return saved
    }

    /// Replaces every field of the promise with id `promise.id`.
    @discardableResult
    public func update(_ promise: Promise) throws -> Promise {
        guard let id = promise.id else { throw StoreError.invalidData("a promise to update needs an id") }
        try requireExisting([promise.contactID], in: "contact", kind: "contact")
        try requireExisting(promise.interactionID.map { [$0] } ?? [], in: "interaction", kind: "interaction")
        try db.execute(sql: """
            UPDATE promise SET contact_id = ?, text = ?, owner = ?, due = ?, created_at = ?,
                interaction_id = ?, done_at = ?
            WHERE id = ?
            """, arguments: [promise.contactID, promise.text, promise.owner.rawValue, promise.due?.iso,
                             Columns.micros(promise.createdAt), promise.interactionID,
                             promise.doneAt.map(Columns.micros), id])
        guard db.changesCount > 0 else { throw StoreError.notFound(kind: "promise", id: id) }
        return promise.normalized
    }

    /// Marks a promise done at `date`, or open again when `date` is nil (undo), and returns it.
    /// - throws: `StoreError.notFound` for an unknown id.
    @discardableResult
    public func setPromiseDone(id: Int64, at date: Date?) throws -> Promise {
        try db.execute(sql: "UPDATE promise SET done_at = ? WHERE id = ?",
                       arguments: [date.map(Columns.micros), id])
        guard db.changesCount > 0, let promise = try promise(id: id) else {
            throw StoreError.notFound(kind: "promise", id: id)
        }
        return promise
    }

    public func deletePromise(id: Int64) throws {
        try db.execute(sql: "DELETE FROM promise WHERE id = ?", arguments: [id])
        guard db.changesCount > 0 else { throw StoreError.notFound(kind: "promise", id: id) }
    }

    public func promise(id: Int64) throws -> Promise? {
        try SQLRow.fetchOne(db, sql: "SELECT \(Promise.columns) FROM promise WHERE id = ?", arguments: [id])
            .map(Promise.init(row:))
    }

    /// Open promises, soonest due first, promises without a due date last, then oldest first.
    public func openPromises() throws -> [Promise] {
        try promises(.open)
    }

    /// Promises in `filter`, open ones first, each group by due date (none last) then creation.
    public func promises(_ filter: PromiseFilter) throws -> [Promise] {
        let condition = switch filter {
        case .open: " WHERE done_at IS NULL"
        case .done: " WHERE done_at IS NOT NULL"
        case .all: ""
        }
        return try SQLRow.fetchAll(db, sql: "SELECT \(Promise.columns) FROM promise\(condition) ORDER BY \(Self.promiseOrder)")
            .map(Promise.init(row:))
    }

    /// The promises with one contact, in both directions, open ones first.
    public func promises(contactID: Int64, includeDone: Bool = true) throws -> [Promise] {
        try SQLRow.fetchAll(db, sql: """
            SELECT \(Promise.columns) FROM promise
            WHERE contact_id = ?\(includeDone ? "" : " AND done_at IS NULL")
            ORDER BY \(Self.promiseOrder)
            """, arguments: [contactID]).map(Promise.init(row:))
    }
}
