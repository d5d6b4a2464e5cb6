import Foundation
import GRDB
import PostgresNIO
import Synchronization

/// A team's book on a PostgreSQL server: the connections Store's
/// transactions run on, the schema, and the change notifications.
///
/// - Writes take a transaction-level advisory lock first, so writers are
///   serialised as IMMEDIATE transactions serialise them on a file, and the
///   summaries each write folds stay consistent. Reads are REPEATABLE READ
///   READ ONLY: one consistent state, like a read on a file.
/// - Idle connections are kept for the next transaction; a connection
///   found closed (the server restarted) is replaced before BEGIN.
/// - Every write ends with `NOTIFY rapport`; one listening connection
///   counts the notifications, and `changeToken()` reads that counter
///   without I/O.
final class PostgresServer: Sendable {
    let location: PostgresLocation
    /// The member this client's role is (made on its first connection); nil
    /// for the role that owns the schema, or a superuser: the administrator,
    /// whose writes (a demo, an import for the team) belong to no member.
    let memberID: Int64?
    private let group: MultiThreadedEventLoopGroup
    private let idle = Mutex<[PostgresSession]>([])
    private let listener = Mutex<PostgresSession?>(nil)
    private let changes = ChangeCounter()
    /// The advisory lock key writers take (an arbitrary constant: "rapp").
    static let writeLockKey: Int64 = 0x7261_7070
    /// The key the schema migration takes, so two clients never migrate at once.
    static let migrationLockKey: Int64 = 0x7261_7071
    static let channel = "rapport"

    init(location: PostgresLocation) throws {
        self.location = location
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let session: PostgresSession
        do {
            session = try PostgresSession.connect(to: location, on: group)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        do {
            try PostgresMigration.run(on: session, location: location)
            memberID = try Self.joinAsMember(session, location: location)
        } catch {
            session.close()
            try? group.syncShutdownGracefully()
            throw error
        }
        session.memberID = memberID
        checkIn(session)
        startListening()
    }

    deinit {
        for session in idle.withLock({ $0 }) { session.close() }
        listener.withLock { $0?.close() }
        try? group.syncShutdownGracefully()
    }

    // MARK: Transactions

    func write<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED", lock: true, body)
    }

    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", lock: false, body)
    }

    private func transaction<T>(begin: String, lock: Bool, _ body: (PostgresSession) throws -> T) throws -> T {
        let session = try checkOut()
        do {
            _ = try session.native(begin)
            if lock { _ = try session.native("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))") }
        } catch {
            session.close()
            throw error
        }
        do {
            let result = try body(session)
            if lock { _ = try session.native("SELECT pg_notify('\(Self.channel)', '')") }
            do {
                _ = try session.native("COMMIT")
            } catch let error as StoreError where error.isConnectionProblem {
                // The server may have committed before the connection went.
                session.close()
                throw StoreError.commitUnknown(server: location.serverDescription)
            }
            checkIn(session)
            return result
        } catch {
            if (try? session.native("ROLLBACK")) != nil { checkIn(session) } else { session.close() }
            throw error
        }
    }

    private func checkOut() throws -> PostgresSession {
        while let session = idle.withLock({ $0.popLast() }) {
            if !session.isClosed { return session }
        }
        let session = try PostgresSession.connect(to: location, on: group)
        session.memberID = memberID
        return session
    }

    /// The `member` row of the connected role, made the first time it connects;
    /// none for the administrator (see `memberID`).
    private static func joinAsMember(_ session: PostgresSession, location: PostgresLocation) throws -> Int64? {
        let administers = try session.native("""
            SELECT pg_get_userbyid(relowner) = current_user
                OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
            FROM pg_class WHERE oid = 'member'::regclass
            """).first?.first.flatMap(Bool.fromDatabaseValue) ?? false
        if administers { return nil }
        _ = try session.native("INSERT INTO member (role) VALUES (current_user) ON CONFLICT (role) DO NOTHING")
        guard let id = try session.native("SELECT rapport_current_member()").first?.first.flatMap(Int64.fromDatabaseValue)
        else { throw StoreError.database("no member row for \(location.user) on \(location)") }
        return id
    }

    private func checkIn(_ session: PostgresSession) {
        guard !session.isClosed else { return }
        let kept = idle.withLock { sessions -> Bool in
            guard sessions.count < 4 else { return false }
            sessions.append(session)
            return true
        }
        if !kept { session.close() }
    }

    // MARK: Changes

    /// A number that changes whenever anyone commits a write to the book.
    /// Read from memory: the listener counts notifications as they come.
    func changeToken() -> Int64 {
        if listener.withLock({ $0?.isClosed ?? true }) { startListening() }
        return changes.value
    }

    /// Opens the listening connection, if the server can be reached; while
    /// it cannot, every call of `changeToken` tries again and counts as a change.
    private func startListening() {
        guard let session = try? PostgresSession.connect(to: location, on: group, timeout: 2) else {
            changes.bump()
            return
        }
        let counter = changes
        session.connection.addListener(channel: Self.channel) { _, _ in counter.bump() }
        do {
            _ = try session.native("LISTEN \(Self.channel)")
        } catch {
            session.close()
            return
        }
        let previous = listener.withLock { current -> PostgresSession? in
            let old = current
            current = session
            return old
        }
        previous?.close()
        // A reconnection may have missed notifications: count one.
        changes.bump()
    }
}

/// The count of changes seen, bumped from postgres-nio's event loop.
private final class ChangeCounter: Sendable {
    private let count = Atomic<Int64>(0)
    var value: Int64 { count.load(ordering: .acquiring) }
    func bump() { count.add(1, ordering: .releasing) }
}
