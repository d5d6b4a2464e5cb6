import Foundation
import GRDB
import GRDBSQLite

/// Writes the rows `BookCopy` reads into one table of the destination: on
/// SQLite, one prepared INSERT stepped per row with its values bound on the
/// C API (GRDB's `StatementArguments` cost more than SQLite's work here, as
/// `BulkWriter` found); on PostgreSQL, rows gathered and sent as multi-row
/// INSERTs of a few hundred rows (at most ~30,000 parameters each).
final class CopyRowWriter {
    private let connection: SQLConnection
    private let head: String
    private let tail: String
    private let width: Int
    private let batchRows: Int
    private let prepared: Statement?
    /// Untyped SQLite columns, by index: integers a server kept as text are integers again there.
    private let untyped: [Int]
    private var pending: [DatabaseValue] = []
    private var fullBatchSQL: String?
    /// SQLite copies the bytes (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private static let empty: StaticString = ""

    /// - parameter upsertKey: merges into the rows there by this key (the source's values win) instead of adding.
    init(_ connection: SQLConnection, table: String, columns: [String], untyped: Set<String>,
         upsertKey: [String]?) throws {
        self.connection = connection
        width = columns.count
        batchRows = max(1, min(500, 30_000 / max(1, width)))
        let names = columns.map(\.quotedDatabaseIdentifier)
        head = "INSERT INTO \(table.quotedDatabaseIdentifier) (\(names.joined(separator: ", "))) VALUES "
        if let key = upsertKey, !key.isEmpty {
            let updated = columns.filter { !key.contains($0) }.map(\.quotedDatabaseIdentifier)
                .map { "\($0) = excluded.\($0)" }
            tail = " ON CONFLICT (\(key.map(\.quotedDatabaseIdentifier).joined(separator: ", "))) DO "
                + (updated.isEmpty ? "NOTHING" : "UPDATE SET " + updated.joined(separator: ", "))
        } else {
            tail = ""
        }
        switch connection.engine {
        case let .sqlite(db):
            let parameters = Array(repeating: "?", count: width).joined(separator: ", ")
            prepared = try db.makeStatement(sql: head + "(" + parameters + ")" + tail)
            self.untyped = columns.indices.filter { untyped.contains(columns[$0]) }
        case .postgres:
            prepared = nil
            self.untyped = []
        }
    }

    func add(_ row: [DatabaseValue]) throws {
        guard let prepared, case let .sqlite(db) = connection.engine else {
            pending += row
            if pending.count >= batchRows * width { try flush() }
            return
        }
        let handle = prepared.sqliteStatement
        sqlite3_reset(handle)
        for (offset, value) in row.enumerated() {
            var value = value
            if untyped.contains(offset), case let .string(text) = value.storage, let number = Int64(text),
               String(number) == text {
                value = number.databaseValue
            }
            Self.bind(value, at: Int32(offset + 1), of: handle)
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let extended = sqlite3_extended_errcode(db.sqliteConnection)
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code == SQLITE_ROW ? code : extended),
                                message: message, sql: prepared.sql)
        }
    }

    /// Sends the rows gathered (PostgreSQL).
    func flush() throws {
        guard case let .postgres(session) = connection.engine, !pending.isEmpty else { return }
        let rows = pending.count / width
        let sql: String
        if rows == batchRows, let full = fullBatchSQL {
            sql = full
        } else {
            sql = head + (0..<rows).map { row in
                "(" + (1...width).map { "$\(row * width + $0)" }.joined(separator: ", ") + ")"
            }.joined(separator: ", ") + tail
            if rows == batchRows { fullBatchSQL = sql }
        }
        _ = try session.native(sql, pending)
        pending.removeAll(keepingCapacity: true)
    }

    private static func bind(_ value: DatabaseValue, at index: Int32, of handle: OpaquePointer?) {
        switch value.storage {
        case .null:
            sqlite3_bind_null(handle, index)
        case let .int64(number):
            sqlite3_bind_int64(handle, index, number)
        case let .double(number):
            sqlite3_bind_double(handle, index, number)
        case var .string(text):
            text.withUTF8 { bytes in
                // An empty buffer may have no address, and a NULL pointer would bind NULL, not ''.
                let pointer = bytes.baseAddress.map(UnsafeRawPointer.init) ?? UnsafeRawPointer(empty.utf8Start)
                _ = sqlite3_bind_text(handle, index, pointer.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                                      transient)
            }
        case let .blob(data):
            data.withUnsafeBytes { bytes in
                let pointer = bytes.baseAddress ?? UnsafeRawPointer(empty.utf8Start)
                _ = sqlite3_bind_blob(handle, index, pointer, Int32(bytes.count), transient)
            }
        }
    }
}
