import GRDB

/// A bulk's rows on PostgreSQL, sent as multi-row INSERTs: one round trip
/// per few hundred rows instead of one per row.
///
/// Rows wait per statement; `flush` sends every statement's rows in the
/// order the statements were first used, which is the order of their
/// foreign keys (a contact before its emails, an interaction before its
/// participants). A constraint a row breaks is reported when its batch is
/// sent, not when the row was added. A clause after the row (`ON CONFLICT
/// …`) is kept once, after all the rows.
final class PostgresBatches {
    private struct Pending {
        /// `INSERT INTO t (columns)`.
        let head: String
        /// `(?, ?, …)`: one row's values.
        let row: String
        /// What follows the row (`ON CONFLICT …`), or "".
        let tail: String
        /// The row's text around its `?`s, when the statement can be written
        /// in PostgreSQL's dialect here (see `flush`); nil: translated as a whole.
        let pieces: [Substring]?
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

    /// Queues one row of `statement` (an `INSERT … VALUES (…)`, maybe followed by `ON CONFLICT …`).
    func add(_ statement: SQLStatement, _ values: [DatabaseValue]) throws {
        if pending[statement.sql] == nil {
            guard let split = statement.sql.range(of: "VALUES", options: .backwards),
                  let (row, tail) = Self.rowAndTail(statement.sql[split.upperBound...]) else {
                try statement.execute(arguments: SQLArguments(values: values))
                return
            }
            let head = String(statement.sql[..<split.lowerBound])
            // Plain `INSERT INTO t (…) VALUES (?, …)`: no quotes, no numbered
            // parameters, no `?` outside the row, nothing else to translate.
            let plain = !statement.sql.contains("'") && !statement.sql.contains("\"") && !head.contains("?")
                && !tail.contains("?") && !head.uppercased().hasPrefix("INSERT OR") && !Self.hasNumberedParameter(row)
            pending[statement.sql] = Pending(head: head, row: row, tail: tail,
                                             pieces: plain ? row.split(separator: "?", omittingEmptySubsequences: false) : nil)
            order.append(statement.sql)
        }
        pending[statement.sql]!.values += values
        pending[statement.sql]!.count += 1
        if pending[statement.sql]!.count >= Self.rowsPerStatement { try flush() }
    }

    /// Whether `text` has a `?N` parameter.
    private static func hasNumberedParameter(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.indices.dropLast().contains { bytes[$0] == UInt8(ascii: "?") && (48...57).contains(bytes[$0 + 1]) }
    }

    /// The parenthesised row at the start of `text` and what follows it.
    private static func rowAndTail(_ text: Substring) -> (row: String, tail: String)? {
        guard let open = text.firstIndex(where: { !$0.isWhitespace }), text[open] == "(" else { return nil }
        var depth = 0
        var quote: Character?
        var index = open
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth == 0 {
                    let end = text.index(after: index)
                    return (String(text[open..<end]), text[end...].trimmingCharacters(in: .whitespacesAndNewlines))
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Sends every queued row.
    ///
    /// A plain statement's text is written here with `$1, $2, …` (one text
    /// per number of rows, which differs from flush to flush): translating a
    /// hundred kilobytes of `?`s a character at a time, and keeping each
    /// text in the session's cache, cost more than the rows. Nor does it ask
    /// for the new ids back, which a bulk gives itself.
    func flush() throws {
        for key in order {
            guard var batch = pending[key], batch.count > 0 else { continue }
            if let pieces = batch.pieces, case let .postgres(session) = connection.engine {
                var sql = batch.head + "VALUES "
                sql.reserveCapacity(sql.utf8.count + batch.count * (batch.row.utf8.count + 8 * pieces.count)
                                    + batch.tail.utf8.count + 1)
                var number = 0
                for row in 0..<batch.count {
                    if row > 0 { sql += ", " }
                    for (index, piece) in pieces.enumerated() {
                        sql += piece
                        if index < pieces.count - 1 {
                            number += 1
                            sql += "$"
                            sql += String(number)
                        }
                    }
                }
                if !batch.tail.isEmpty { sql += " " + batch.tail }
                _ = try session.native(sql, batch.values)
            } else {
                let rows = Array(repeating: batch.row, count: batch.count).joined(separator: ", ")
                try connection.execute(sql: batch.head + "VALUES " + rows + (batch.tail.isEmpty ? "" : " " + batch.tail),
                                       arguments: SQLArguments(values: batch.values))
            }
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
