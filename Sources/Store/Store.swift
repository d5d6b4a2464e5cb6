// Store: rapport's persistence, on one SQLite file through GRDB, or on a
// PostgreSQL server through postgres-nio (a team sharing one book).
//
// It exists so that App, the command line and Interop speak Domain values
// only: no GRDB or PostgresNIO type appears in its public API, and both
// engines run the same StoreTransaction code (`SQLConnection`). It imports
// Domain, GRDB and PostgresNIO; App and the executable import it.
//
// Invariants kept here for a file (`PostgresServer` says what a server keeps):
// - The file is in WAL mode, so the dashboard reads while a script writes.
// - Writes are IMMEDIATE transactions (GRDB 7's default for writes) with a
//   10 s busy timeout: two rapport processes on one file wait for each other
//   instead of failing with "database is locked".
// - Every SQLite error leaves Store as a `StoreError` with a one-line message.
import Domain
import Foundation
import GRDB

/// The relationship book: opens (creating and migrating) the file or the
/// server's database, and runs reads and atomic writes on it.
public final class Store: Sendable {
    /// The database file, or the server's URL without its password.
    public let path: String
    private let engine: Engine

    private enum Engine: Sendable {
        /// `watcher` never writes, kept to read `PRAGMA data_version`,
        /// which changes on it whenever any other connection (in any process) commits.
        case file(pool: DatabasePool, watcher: DatabaseQueue)
        case server(PostgresServer)
    }

    /// On a team's book, the member this client is (its PostgreSQL role); nil in a file.
    public var currentMember: Int64? {
        if case let .server(server) = engine { return server.memberID }
        return nil
    }

    /// Names this client's member with config.toml's `[me]`, on a team's
    /// book, so teammates see "Ana Lima" rather than a role. Nothing in a file.
    public func nameMember(name: String, emails: [String]) throws {
        guard let member = currentMember, !name.isEmpty || !emails.isEmpty else { return }
        try write { tx in
            try tx.db.execute(sql: "UPDATE member SET name = ?, emails = ? WHERE id = ? AND (name <> ? OR emails <> ?)",
                              arguments: [name, emails.joined(separator: ","), member, name, emails.joined(separator: ",")])
        }
    }

    /// Whether the book is on a PostgreSQL server (a team's) rather than in a file.
    public var isShared: Bool {
        if case .server = engine { return true }
        return false
    }

    /// How long a write waits for another process's write to finish.
    static let busyTimeout: TimeInterval = 10

    /// Opens the database at `path`, creating it (folder 0700, file 0600) and
    /// migrating it to this build's schema.
    ///
    /// Before an existing file is migrated, a copy is written next to it
    /// (`<path>.backup-<last migration>-<yyyyMMdd-HHmmss>`).
    ///
    /// - throws: `StoreError.newerSchema` for a file from a newer rapport
    ///   (left untouched), `.notADatabase` for a file that is not SQLite,
    ///   `.notARapportDatabase`, `.unwritableLocation`, `.readOnly`, …
    ///
    /// A `postgres://` or `postgresql://` URL opens a book on a PostgreSQL
    /// server instead (`PostgresLocation` lists the forms); its schema is
    /// created or migrated there.
    public convenience init(path: String) throws {
        if let location = try PostgresLocation(url: path) {
            try self.init(location: location)
        } else {
            try self.init(path: path, migrator: Schema.migrator(), now: Date())
        }
    }

    /// Opens the book on the PostgreSQL server at `location`.
    public init(location: PostgresLocation) throws {
        path = location.description
        engine = .server(try PostgresServer(location: location))
    }

    /// Opens as a newer build would: with extra migrations (id, SQL) after this build's, at `now`.
    /// For tests of backups and of files from newer builds.
    convenience init(path: String, extraMigrations: [(id: String, sql: String)], now: Date) throws {
        let extra = extraMigrations.map { migration in
            (migration.id, { @Sendable (db: Database) throws in try db.execute(sql: migration.sql) })
        }
        try self.init(path: path, migrator: Schema.migrator(extraMigrations: extra), now: now)
    }

    /// Opens with an explicit migrator and clock.
    init(path: String, migrator: DatabaseMigrator, now: Date) throws {
        self.path = path
        try DatabaseFile.prepare(path: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Store.busyTimeout)
        configuration.label = "rapport"
        let pool: DatabasePool
        do {
            pool = try Self.openPool(path: path, configuration: configuration)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
        DatabaseFile.restrictSideFiles(of: path)
        do {
            try SchemaUpgrade.run(migrator, on: pool, path: path, now: now)
        } catch {
            try? pool.close()
            throw StoreError.wrap(error, path: path)
        }
        var watcherConfiguration = configuration
        watcherConfiguration.readonly = true
        watcherConfiguration.label = "rapport.watcher"
        do {
            engine = .file(pool: pool, watcher: try DatabaseQueue(path: path, configuration: watcherConfiguration))
        } catch {
            try? pool.close()
            throw StoreError.wrap(error, path: path)
        }
    }

    /// Opens the pool. Turning a new file to WAL needs the file to itself for
    /// a moment, and SQLite answers "locked" at once, without the busy
    /// timeout, to a second process doing the same: that one tries again
    /// for up to a second.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 50 {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction: everything it does is
    /// saved together, or, if it throws, nothing is. Before the commit the
    /// history summaries and change log of the contacts it changed are
    /// brought up to date (`flushChanges`), in the same transaction.
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try mappingErrors(path: path) {
            func run(_ transaction: StoreTransaction) throws -> T {
                let result = try body(transaction)
                try transaction.flushChanges()
                return result
            }
            switch engine {
            case let .file(pool, _): return try pool.write { db in try run(StoreTransaction(db)) }
            case let .server(server): return try server.write { session in try run(StoreTransaction(session)) }
            }
        }
    }

    /// Runs `body` in one read transaction: it sees a single consistent state
    /// of the file, whatever other processes commit meanwhile. Writes in it fail.
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try mappingErrors(path: path) {
            switch engine {
            case let .file(pool, _): return try pool.read { db in try body(StoreTransaction(db)) }
            case let .server(server): return try server.read { session in try body(StoreTransaction(session)) }
            }
        }
    }

    /// A number that changes whenever any process (this one included) commits a write.
    ///
    /// Cheap enough to poll from the dashboard's loop: compare with the last
    /// value and reload when it differs. Values are only comparable within one Store.
    /// On a server it is a counter of the notifications heard: no I/O.
    public func changeToken() throws -> Int64 {
        switch engine {
        case let .file(_, watcher):
            return try mappingErrors(path: path) {
                try watcher.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
            }
        case let .server(server):
            return server.changeToken()
        }
    }

    /// Where the database lives: `--db PATH` first, else `$RAPPORT_DB`, else
    /// `configured` (config.toml's `database`), else
    /// `$XDG_DATA_HOME/rapport/rapport.sqlite`, else `$HOME/.local/share/rapport/rapport.sqlite`.
    /// Any of the first three may be a `postgres://` URL.
    ///
    /// Empty values count as unset, as XDG asks. A leading `~/` in `explicit` and `configured` is expanded.
    public static func resolvePath(explicit: String?, configured: String? = nil,
                                   environment: [String: String]) -> String {
        func value(_ key: String) -> String? {
            guard let text = environment[key], !text.isEmpty else { return nil }
            return text
        }
        let home = value("HOME") ?? NSHomeDirectory()
        if let explicit, !explicit.isEmpty {
            return explicit.hasPrefix("~/") ? home + explicit.dropFirst(1) : explicit
        }
        if let fromEnvironment = value("RAPPORT_DB") { return fromEnvironment }
        if let configured, !configured.isEmpty {
            return configured.hasPrefix("~/") ? home + configured.dropFirst(1) : configured
        }
        // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
        if let dataHome = value("XDG_DATA_HOME"), dataHome.hasPrefix("/") {
            return dataHome + "/rapport/rapport.sqlite"
        }
        return home + "/.local/share/rapport/rapport.sqlite"
    }
}
