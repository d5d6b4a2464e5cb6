import GRDB

/// A bulk's rows on PostgreSQL, sent as multi-row INSERTs: one round trip
/// per few hundred rows instead of one per row.
///
/// Rows wait per statement; `flush` sends every statement's rows in the
/// order the statements were first used, which is the order of their
/// foreign keys (a contact before its emails, an interaction before its
/// participants). A constraint a row breaks is reported when its batch is
/// sent, not when the row was added.
final class PostgresBatches {
    private struct Pending {
        /// `INSERT INTO t (columns)`.
        let head: String
        /// `(?, ?, …)`: one row's values.
        let row: String
        var values: [DatabaseValue] = []
        var count = 0
    }

    private let connection: SQLConnection
    private var pending: [String: Pending] = [:]
    private var order: [String] = []
    private var reserved: [String: ArraySlice<Int64>] = [:]
    /// Rows per INSERT: under PostgreSQL's 65,535 parameters for the widest table.
    static let rowsPerStatement = 1_000

    init(_ connection: SQLConnection) {
        self.connection = connection
    }

    /// Queues one row of `statement` (an `INSERT … VALUES (…)`).
    func add(_ statement: SQLStatement, _ values: [DatabaseValue]) throws {
        if pending[statement.sql] == nil {
            guard let split = statement.sql.range(of: "VALUES", options: .backwards) else {
                try statement.execute(arguments: SQLArguments(values))
                return
            }
            pending[statement.sql] = Pending(head: String(statement.sql[..<split.lowerBound]),
                                             row: String(statement.sql[split.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines))
            order.append(statement.sql)
        }
        pending[statement.sql]!.values += values
        pending[statement.sql]!.count += 1
        if pending[statement.sql]!.count >= Self.rowsPerStatement { try flush() }
    }

    /// Sends every queued row.
    func flush() throws {
        for key in order {
            guard var batch = pending[key], batch.count > 0 else { continue }
            let rows = Array(repeating: batch.row, count: batch.count).joined(separator: ", ")
            try connection.execute(sql: batch.head + "VALUES " + rows, arguments: SQLArguments(values: batch.values))
            batch.values.removeAll(keepingCapacity: true)
            batch.count = 0
            pending[key] = batch
        }
    }

    /// A new id for a row of `table`, from its sequence, taken a block at a time.
    func nextID(of table: String) throws -> Int64 {
        if reserved[table]?.isEmpty ?? true {
            reserved[table] = ArraySlice(try Int64.fetchAll(connection, sql: """
                SELECT nextval(?) FROM generate_series(1, \(Self.rowsPerStatement))
                """, arguments: [table + "_id_seq"]))
        }
        return reserved[table]!.popFirst()!
    }
}
