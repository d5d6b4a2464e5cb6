import App
import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// The benchmark's superuser connection to a PostgreSQL server (a
/// throwaway one: `make bench` starts it with scripts/test-with-postgres.sh):
/// makes the members' roles and the databases the scenarios use.
final class PostgresAdmin {
    let location: PostgresLocation
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let connection: PostgresConnection
    private let logger: Logger

    init(url: String) throws {
        guard let location = try PostgresLocation(url: url) else { throw BenchError("not a postgres:// URL: \(url)") }
        self.location = location
        var logger = Logger(label: "rapport-bench.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let configuration: PostgresConnection.Configuration
        switch location.endpoint {
        case let .tcp(host, port):
            configuration = .init(host: host, port: port, username: location.user, password: location.password,
                                  database: location.database, tls: .disable)
        case let .socket(folder, port):
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(port)", username: location.user,
                                  password: location.password, database: location.database)
        }
        do {
            connection = try PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1,
                                                        logger: logger).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw BenchError("cannot connect to \(location): \(String(reflecting: error))")
        }
    }

    deinit {
        try? connection.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// Runs `sql` (no parameters) and returns its rows' first columns as text.
    @discardableResult
    func run(_ sql: String) throws -> [String?] {
        do {
            let result = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
            return result.rows.map { row in
                row.first.flatMap { cell in cell.bytes.map { bytes in String(buffer: bytes) } }
            }
        } catch {
            throw BenchError("\(sql): \(String(reflecting: error))")
        }
    }

    func databaseExists(_ name: String) throws -> Bool {
        try !run("SELECT datname FROM pg_database WHERE datname = '\(name)'").isEmpty
    }

    /// Drops `name` if it exists, ending the sessions still on it.
    func dropDatabase(_ name: String) throws {
        try run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
        try run("DROP DATABASE IF EXISTS \(name)")
    }

    /// A login role with a new random password (made when missing); its location on `database`.
    func member(_ role: String, database: String) throws -> PostgresLocation {
        let password = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        try run("""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) LOGIN; END IF;
            END $$
            """)
        try run("ALTER ROLE \(role) LOGIN PASSWORD '\(password)'")
        var location = self.location
        location.user = role
        location.password = password
        location.database = database
        return location
    }

    /// The admin's own location on `database`.
    func admin(database: String) -> PostgresLocation {
        var location = self.location
        location.database = database
        return location
    }
}

extension PostgresLocation {
    /// A URL for this location, its password included (for this process only).
    var urlWithPassword: String {
        let user = self.user.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self.user
        let secret = password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        switch endpoint {
        case let .tcp(host, port):
            return "postgres://\(user)\(secret)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        case let .socket(folder, port):
            return "postgres://\(user)\(secret)@/\(database)?host=\(folder)&port=\(port)"
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
