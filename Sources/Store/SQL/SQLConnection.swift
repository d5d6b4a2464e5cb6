import GRDB

/// The connection a `StoreTransaction` runs its SQL on: a SQLite file
/// through GRDB, or a PostgreSQL server through a `PostgresSession`.
///
/// Store's SQL is written once, in SQLite's dialect; a PostgreSQL session
/// translates it (`PostgresDialect`). The few operations with no common
/// form (the trash's JSON, bulk writes, integrity checks) ask `engine`.
struct SQLConnection {
    enum Engine {
        case sqlite(Database)
        case postgres(PostgresSession)
    }

    let engine: Engine

    init(_ database: Database) { engine = .sqlite(database) }
    init(_ session: PostgresSession) { engine = .postgres(session) }

    var isPostgres: Bool {
        if case .postgres = engine { return true }
        return false
    }

    func execute(sql: String, arguments: SQLArguments = SQLArguments()) throws {
        switch engine {
        case let .sqlite(db): try db.execute(sql: sql, arguments: arguments.grdb)
        case let .postgres(session): try session.execute(sql, arguments.values)
        }
    }

    /// A statement to run several times. On SQLite it is prepared once and
    /// kept by GRDB for the connection's life.
    func cachedStatement(sql: String) throws -> SQLStatement {
        switch engine {
        case let .sqlite(db): return SQLStatement(connection: self, sql: sql, prepared: try db.cachedStatement(sql: sql))
        case .postgres: return SQLStatement(connection: self, sql: sql, prepared: nil)
        }
    }

    /// A statement prepared for this transaction only (a bulk's statements).
    func makeStatement(sql: String) throws -> SQLStatement {
        switch engine {
        case let .sqlite(db): return SQLStatement(connection: self, sql: sql, prepared: try db.makeStatement(sql: sql))
        case .postgres: return SQLStatement(connection: self, sql: sql, prepared: nil)
        }
    }

    func cursor(sql: String, arguments: SQLArguments) throws -> SQLRowCursor {
        switch engine {
        case let .sqlite(db): return SQLRowCursor(try Row.fetchCursor(db, sql: sql, arguments: arguments.grdb))
        case let .postgres(session): return SQLRowCursor(rows: try session.rows(sql, arguments.values))
        }
    }

    func allRows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        switch engine {
        case let .sqlite(db): return try Row.fetchAll(db, sql: sql, arguments: arguments.grdb).map(SQLRow.sqlite)
        case let .postgres(session): return try session.rows(sql, arguments.values).map(SQLRow.values)
        }
    }

    func firstRow(sql: String, arguments: SQLArguments) throws -> SQLRow? {
        switch engine {
        case let .sqlite(db): return try Row.fetchOne(db, sql: sql, arguments: arguments.grdb).map(SQLRow.sqlite)
        case let .postgres(session): return try session.rows(sql, arguments.values).first.map(SQLRow.values)
        }
    }

    /// The member this connection writes as, on a team's book; nil in a file.
    var currentMemberID: Int64? {
        switch engine {
        case .sqlite: return nil
        case let .postgres(session): return session.memberID
        }
    }

    /// SQL for the member new rows belong to when the caller names none.
    var currentMemberSQL: String { isPostgres ? "rapport_current_member()" : "NULL" }

    /// The id of the row the last INSERT made.
    var lastInsertedRowID: Int64 {
        switch engine {
        case let .sqlite(db): return db.lastInsertedRowID
        case let .postgres(session): return session.lastInsertedID
        }
    }

    /// How many rows the last INSERT, UPDATE or DELETE changed.
    var changesCount: Int {
        switch engine {
        case let .sqlite(db): return db.changesCount
        case let .postgres(session): return session.changesCount
        }
    }

    /// Runs `body` in a savepoint: what it wrote is undone if it throws.
    func inSavepoint(_ body: () throws -> Void) throws {
        switch engine {
        case let .sqlite(db):
            try db.inSavepoint {
                try body()
                return .commit
            }
        case let .postgres(session):
            let name = "rapport_\(session.nextSavepoint())"
            try session.execute("SAVEPOINT \(name)", [])
            do {
                try body()
                try session.execute("RELEASE SAVEPOINT \(name)", [])
            } catch {
                try? session.execute("ROLLBACK TO SAVEPOINT \(name)", [])
                throw error
            }
        }
    }
}

/// A statement of `SQLConnection`, run with different arguments.
struct SQLStatement {
    let connection: SQLConnection
    let sql: String
    /// SQLite's prepared statement; nil on PostgreSQL, where the session caches translations.
    let prepared: Statement?

    func execute(arguments: SQLArguments = SQLArguments()) throws {
        if let prepared {
            try prepared.execute(arguments: arguments.grdb)
        } else {
            try connection.execute(sql: sql, arguments: arguments)
        }
    }

    func cursor(arguments: SQLArguments) throws -> SQLRowCursor {
        if let prepared { return SQLRowCursor(try Row.fetchCursor(prepared, arguments: arguments.grdb)) }
        return try connection.cursor(sql: sql, arguments: arguments)
    }

    func allRows(arguments: SQLArguments) throws -> [SQLRow] {
        if let prepared { return try Row.fetchAll(prepared, arguments: arguments.grdb).map(SQLRow.sqlite) }
        return try connection.allRows(sql: sql, arguments: arguments)
    }

    func firstRow(arguments: SQLArguments) throws -> SQLRow? {
        if let prepared { return try Row.fetchOne(prepared, arguments: arguments.grdb).map(SQLRow.sqlite) }
        return try connection.firstRow(sql: sql, arguments: arguments)
    }
}
