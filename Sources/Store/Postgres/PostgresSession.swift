import Foundation
import GRDB
import PostgresNIO

/// One connection to a PostgreSQL server, used by one transaction at a time.
///
/// Store's API is synchronous, so every statement waits for its answer on
/// the calling thread; postgres-nio does the I/O on its own event loop.
/// Parameters are sent as text of unspecified type (as libpq's text
/// parameters are), so the server infers each from its place in the query,
/// as SQLite's loose typing lets the same SQL assume.
final class PostgresSession: @unchecked Sendable {
    let connection: PostgresConnection
    let location: PostgresLocation
    private let logger: Logger
    /// Statements translated once per text.
    private var translations: [String: PostgresDialect.Translation] = [:]
    private(set) var lastInsertedID: Int64 = 0
    /// The member (row of `member`) this connection's role is, once known.
    var memberID: Int64?
    private(set) var changesCount = 0
    private var savepointCount = 0
    /// The longest a statement may wait for its answer (an import's bulk
    /// statements are the longest, a few seconds).
    static let statementDeadline = TimeAmount.seconds(120)

    private init(connection: PostgresConnection, location: PostgresLocation, logger: Logger) {
        self.connection = connection
        self.location = location
        self.logger = logger
    }

    /// Opens a connection and waits for it to be ready.
    /// - throws: `StoreError.cannotConnect` in one line: the server, what failed, what to check.
    static func connect(to location: PostgresLocation, on group: any EventLoopGroup,
                        timeout: TimeInterval = 10) throws -> PostgresSession {
        var logger = Logger(label: "rapport.postgres")
        logger.logLevel = .critical
        let configuration = try PostgresErrors.configuration(for: location, timeout: timeout)
        do {
            let connection = try PostgresConnection.connect(on: group.next(), configuration: configuration,
                                                            id: 1, logger: logger).wait()
            return PostgresSession(connection: connection, location: location, logger: logger)
        } catch {
            throw PostgresErrors.connecting(error, to: location)
        }
    }

    var isClosed: Bool { connection.isClosed }

    func close() {
        try? connection.close().wait()
    }

    func nextSavepoint() -> Int {
        savepointCount += 1
        return savepointCount
    }

    func execute(_ sql: String, _ values: [DatabaseValue]) throws {
        _ = try run(sql, values)
    }

    func rows(_ sql: String, _ values: [DatabaseValue]) throws -> [[DatabaseValue]] {
        try run(sql, values)
    }

    /// Runs SQL as written, untranslated (PostgreSQL's own statements).
    func native(_ sql: String, _ values: [DatabaseValue] = []) throws -> [[DatabaseValue]] {
        try perform(sql, values, returnsID: false)
    }

    /// Runs Store's SQL, translated; a script of several statements (as
    /// GRDB's `execute` takes them) runs one statement at a time, each with
    /// its share of the arguments.
    private func run(_ sql: String, _ values: [DatabaseValue]) throws -> [[DatabaseValue]] {
        if let cached = translations[sql] {
            return try perform(cached.sql, values, returnsID: cached.returnsID)
        }
        let statements = sql.contains(";") ? PostgresMigration.statements(sql) : [sql]
        guard statements.count > 1 else {
            let translation = PostgresDialect.translate(sql)
            translations[sql] = translation
            return try perform(translation.sql, values, returnsID: translation.returnsID)
        }
        var remaining = values[...]
        var rows: [[DatabaseValue]] = []
        for statement in statements {
            let count = PostgresDialect.parameterCount(statement)
            let translation = PostgresDialect.translate(statement)
            rows = try perform(translation.sql, Array(remaining.prefix(count)), returnsID: translation.returnsID)
            remaining = remaining.dropFirst(count)
        }
        return rows
    }

    private func perform(_ sql: String, _ values: [DatabaseValue], returnsID: Bool) throws -> [[DatabaseValue]] {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value.storage {
            case .null: bindings.appendNull()
            case let .int64(number): try bindings.append(UntypedParameter(text: String(number)))
            case let .double(number): try bindings.append(UntypedParameter(text: "\(number)"))
            case let .string(text): try bindings.append(UntypedParameter(text: text))
            case let .blob(data): try bindings.append(UntypedParameter(text: "\\x" + data.map { String(format: "%02x", $0) }.joined()))
            }
        }
        let metadata: PostgresQueryMetadata
        // A server that vanished without closing the connection (a cable, a
        // suspended laptop) would leave the statement waiting for good: past
        // the deadline the connection is closed, which fails the statement.
        let connection = self.connection
        let watchdog = connection.eventLoop.scheduleTask(in: Self.statementDeadline) {
            let _: EventLoopFuture<Void> = connection.close()
        }
        defer { watchdog.cancel() }
        // Rows are converted as they arrive, on the connection's event loop,
        // while the server still sends the rest: the wire's rows are then
        // never all held beside their values (100,000 contacts twice over),
        // and converting overlaps the server's work rather than following it.
        let received = ReceivedRows()
        do {
            metadata = try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) { row in
                var values: [DatabaseValue] = []
                values.reserveCapacity(row.count)
                for cell in row { values.append(Self.value(cell)) }
                received.rows.append(values)
            }.wait()
        } catch {
            throw PostgresErrors.statement(error, location: location)
        }
        changesCount = metadata.rows ?? 0
        // The query's future has completed: the event loop is done with them.
        let rows = received.rows
        if returnsID {
            if let id = rows.last?.first.flatMap(Int64.fromDatabaseValue) { lastInsertedID = id }
            return []
        }
        return rows
    }

    /// A cell as the value SQLite would have given: integers, reals, text, blobs, NULL.
    private static func value(_ cell: PostgresCell) -> DatabaseValue {
        guard var bytes = cell.bytes else { return .null }
        // The common columns read straight from their bytes (binary integers
        // and reals are big-endian): a book's load reads millions of them.
        if cell.format == .binary {
            switch cell.dataType {
            case .int8 where bytes.readableBytes == 8:
                return bytes.readInteger(as: Int64.self)!.databaseValue
            case .int4 where bytes.readableBytes == 4:
                return Int64(bytes.readInteger(as: Int32.self)!).databaseValue
            case .float8 where bytes.readableBytes == 8:
                return Double(bitPattern: bytes.readInteger(as: UInt64.self)!).databaseValue
            case .text, .varchar, .name:
                return (bytes.readString(length: bytes.readableBytes) ?? "").databaseValue
            default:
                break
            }
        }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return (try? cell.decode(Int64.self)).map(\.databaseValue) ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map { ($0 ? 1 : 0 as Int64).databaseValue } ?? .null
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map(\.databaseValue) ?? .null
        case .numeric:
            guard let decimal = try? cell.decode(Decimal.self) else { return .null }
            let number = NSDecimalNumber(decimal: decimal)
            if decimal == Decimal(number.int64Value) { return number.int64Value.databaseValue }
            return number.doubleValue.databaseValue
        case .bytea:
            guard var bytes = cell.bytes else { return .null }
            return Data(bytes.readBytes(length: bytes.readableBytes) ?? []).databaseValue
        default:
            guard var bytes = cell.bytes else { return .null }
            if cell.dataType == .jsonb && cell.format == .binary { bytes.moveReaderIndex(forwardBy: 1) }
            return (bytes.readString(length: bytes.readableBytes) ?? "").databaseValue
        }
    }
}

/// The rows of one statement, filled on the connection's event loop and read
/// by the session once the statement's future has completed.
private final class ReceivedRows: @unchecked Sendable {
    var rows: [[DatabaseValue]] = []
}

/// A parameter sent as text with no type, for the server to infer.
private struct UntypedParameter: PostgresThrowingDynamicTypeEncodable {
    let text: String
    var psqlType: PostgresDataType { .null }  // OID 0: unspecified
    var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer,
                                                  context: PostgresEncodingContext<JSONEncoder>) throws {
        byteBuffer.writeString(text)
    }
}
