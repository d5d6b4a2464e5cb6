import Foundation
import GRDB

/// One open transaction on the book, handed to `Store.write` and `Store.read`.
///
/// Every query and every write of Store lives on this type, so that App can
/// group several writes (an import, "log interaction and add its promise")
/// atomically, and so that Store's one-call methods reuse the same SQL. It
/// is only valid inside the closure it was given to and cannot cross threads.
/// Inside `Store.read` the connection is read-only: a write there fails
/// with `StoreError.readOnly`.
public struct StoreTransaction {
    let db: SQLConnection

    init(_ db: Database) {
        self.db = SQLConnection(db)
    }

    init(_ session: PostgresSession) {
        self.db = SQLConnection(session)
    }

    init(connection: SQLConnection) {
        self.db = connection
    }

    /// `ids` as a JSON array, for `IN (SELECT value FROM json_each(?))`:
    /// one bound argument however many ids, no SQLite variable limit.
    func jsonArray(_ ids: some Sequence<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// Throws `notFound` for the first id in `ids` with no row in `table`.
    func requireExisting(_ ids: [Int64], in table: String, kind: String) throws {
        guard !ids.isEmpty else { return }
        let found = try Set(Int64.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM \(table) WHERE id IN (SELECT value FROM json_each(?))"),
            arguments: [jsonArray(ids)]))
        if let missing = ids.first(where: { !found.contains($0) }) {
            throw StoreError.notFound(kind: kind, id: missing)
        }
    }

    /// Groups `(owner id, value)` rows into lists per owner, in row order.
    func grouped<Value: DatabaseValueConvertible>(_ sql: String, arguments: SQLArguments = SQLArguments(),
                                                  as: Value.Type) throws -> [Int64: [Value]] {
        var result: [Int64: [Value]] = [:]
        let cursor = try SQLRow.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            let owner: Int64 = row[0]
            let value: Value = row[1]
            result[owner, default: []].append(value)
        }
        return result
    }
}

// Raw SQL, internal: for tests (`@testable import Store`) and future repair tools.
extension StoreTransaction {
    func execute(sql: String) throws {
        try db.execute(sql: sql)
    }

    func fetchString(sql: String) throws -> String? {
        try String.fetchOne(db, sql: sql)
    }
}
