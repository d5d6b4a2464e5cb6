import GRDB

// The values Store's SQL reads and binds, the same on both engines.
//
// GRDB's `DatabaseValue` and `DatabaseValueConvertible` carry the values
// (NULL, integer, real, text, blob are all either engine needs: the
// PostgreSQL schema keeps SQLite's column types), so the code that turns
// rows into Domain values is written once. A row from SQLite wraps GRDB's
// `Row` as it is, with no copy; a row from PostgreSQL holds its values.

/// Arguments for the `?` parameters of a statement, in order.
struct SQLArguments: ExpressibleByArrayLiteral {
    var values: [DatabaseValue]

    init() { values = [] }

    init(_ values: some Sequence<(any DatabaseValueConvertible)?>) {
        self.values = values.map { $0?.databaseValue ?? .null }
    }

    init(values: [DatabaseValue]) { self.values = values }

    init(arrayLiteral elements: (any DatabaseValueConvertible)?...) {
        self.init(elements)
    }

    var isEmpty: Bool { values.isEmpty }

    var grdb: StatementArguments { StatementArguments(values) }

    static func += (lhs: inout SQLArguments, rhs: SQLArguments) {
        lhs.values += rhs.values
    }
}

/// One row of a result, read by column index.
enum SQLRow {
    case sqlite(Row)
    case values([DatabaseValue])

    /// Column `index` as `Value`; an optional type reads NULL as nil, as GRDB's `Row` does.
    subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value {
        switch self {
        case let .sqlite(row): return Self.decode(row[index] as DatabaseValue)
        case let .values(values): return Self.decode(values[index])
        }
    }

    /// The same for the types SQLite reads straight from its columns
    /// (integers, reals, text): GRDB's fast path, converting as SQLite does.
    subscript<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int) -> Value {
        switch self {
        case let .sqlite(row): return row[index]
        case let .values(values): return Self.decode(values[index])
        }
    }

    /// `value` as `Value`, converted between numbers and text as SQLite
    /// converts them (a number kept as text in a column of no type, as
    /// `meta.value` is on PostgreSQL; a count read as text).
    private static func decode<Value: DatabaseValueConvertible>(_ value: DatabaseValue) -> Value {
        if let decoded = Value.fromDatabaseValue(value) { return decoded }
        let converted: DatabaseValue?
        switch value.storage {
        case let .string(text):
            converted = Int64(text).map(\.databaseValue) ?? Double(text).map(\.databaseValue)
        case let .int64(number):
            converted = String(number).databaseValue
        case let .double(number):
            converted = "\(number)".databaseValue
        default:
            converted = nil
        }
        guard let converted, let decoded = Value.fromDatabaseValue(converted) else {
            fatalError("the database value \(value) is not a \(Value.self)")
        }
        return decoded
    }

    /// The raw value of column `index`.
    func databaseValue(at index: Int) -> DatabaseValue {
        switch self {
        case let .sqlite(row): return row[index] as DatabaseValue
        case let .values(values): return values[index]
        }
    }

    var count: Int {
        switch self {
        case let .sqlite(row): return row.count
        case let .values(values): return values.count
        }
    }
}

/// Rows read one at a time: SQLite's are stepped as they are read (a row is
/// valid until the next call); PostgreSQL's arrived whole.
final class SQLRowCursor {
    private enum Source {
        case sqlite(RowCursor)
        case rows([[DatabaseValue]])
    }
    private let source: Source
    private var position = 0

    init(_ cursor: RowCursor) { source = .sqlite(cursor) }
    init(rows: [[DatabaseValue]]) { source = .rows(rows) }

    func next() throws -> SQLRow? {
        switch source {
        case let .sqlite(cursor):
            return try cursor.next().map(SQLRow.sqlite)
        case let .rows(rows):
            guard position < rows.count else { return nil }
            position += 1
            return .values(rows[position - 1])
        }
    }
}

extension SQLRow {
    static func fetchCursor(_ connection: SQLConnection, sql: String,
                            arguments: SQLArguments = SQLArguments()) throws -> SQLRowCursor {
        try connection.cursor(sql: sql, arguments: arguments)
    }

    static func fetchCursor(_ statement: SQLStatement, arguments: SQLArguments = SQLArguments()) throws -> SQLRowCursor {
        try statement.cursor(arguments: arguments)
    }

    static func fetchAll(_ connection: SQLConnection, sql: String,
                         arguments: SQLArguments = SQLArguments()) throws -> [SQLRow] {
        try connection.allRows(sql: sql, arguments: arguments)
    }

    static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = SQLArguments()) throws -> [SQLRow] {
        try statement.allRows(arguments: arguments)
    }

    static func fetchOne(_ connection: SQLConnection, sql: String,
                         arguments: SQLArguments = SQLArguments()) throws -> SQLRow? {
        try connection.firstRow(sql: sql, arguments: arguments)
    }

    static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = SQLArguments()) throws -> SQLRow? {
        try statement.firstRow(arguments: arguments)
    }
}

extension DatabaseValueConvertible {
    /// The first column of every row; NULLs are skipped.
    static func fetchAll(_ connection: SQLConnection, sql: String,
                         arguments: SQLArguments = SQLArguments()) throws -> [Self] {
        try connection.allRows(sql: sql, arguments: arguments).compactMap { $0[0] as Self? }
    }

    static func fetchAll(_ statement: SQLStatement, arguments: SQLArguments = SQLArguments()) throws -> [Self] {
        try statement.allRows(arguments: arguments).compactMap { $0[0] as Self? }
    }

    /// The first column of the first row, or nil (no row, or NULL).
    static func fetchOne(_ connection: SQLConnection, sql: String,
                         arguments: SQLArguments = SQLArguments()) throws -> Self? {
        try connection.firstRow(sql: sql, arguments: arguments).flatMap { $0[0] as Self? }
    }

    static func fetchOne(_ statement: SQLStatement, arguments: SQLArguments = SQLArguments()) throws -> Self? {
        try statement.firstRow(arguments: arguments).flatMap { $0[0] as Self? }
    }
}
