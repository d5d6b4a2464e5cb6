import Foundation
import PostgresNIO

/// PostgreSQL's failures as `StoreError`s: one line each, naming the
/// server (never the password), what failed and what to check.
enum PostgresErrors {
    static func configuration(for location: PostgresLocation,
                              timeout: TimeInterval) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch location.endpoint {
        case let .socket(folder, port):
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(port)", username: location.user,
                                  password: location.password, database: location.database)
        case let .tcp(host, port):
            configuration = .init(host: host, port: port, username: location.user, password: location.password,
                                  database: location.database, tls: try tls(location.tls))
            if location.tls == .verifyFull { configuration.options.tlsServerName = host }
        }
        configuration.options.connectTimeout = .milliseconds(Int64(timeout * 1000))
        return configuration
    }

    private static func tls(_ mode: PostgresLocation.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw StoreError.database("TLS could not be set up: \(error)")
        }
        return mode == .allow || mode == .prefer ? .prefer(context) : .require(context)
    }

    /// A failure to open a connection.
    static func connecting(_ error: any Error, to location: PostgresLocation) -> StoreError {
        let server = location.serverDescription
        func cannot(_ reason: String) -> StoreError { .cannotConnect(server: server, reason: reason) }
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] {
                let message = error.serverInfo?[.message] ?? ""
                switch state {
                case "28P01", "28000":
                    return cannot("authentication failed for user \(location.user): check the password (URL, PGPASSWORD or ~/.pgpass)")
                case "3D000":
                    return cannot("database \(location.database) does not exist: create it (createdb \(location.database)) or fix the URL")
                case "53300":
                    return cannot("the server has too many connections; try again later")
                default:
                    return cannot(oneLine(message))
                }
            }
            switch error.code {
            case .authMechanismRequiresPassword:
                return cannot("the server asks for a password for user \(location.user): put it in the URL, PGPASSWORD or ~/.pgpass")
            case .sslUnsupported:
                return cannot("the server does not offer TLS, which sslmode asks for")
            default:
                if let underlying = error.underlying { return connecting(underlying, to: location) }
                return cannot(error.code.description)
            }
        }
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("timeout") || text.contains("Timeout") {
            return cannot("no answer in time: check the host, the port and any firewall")
        }
        if text.contains("Connection refused") || text.contains("connection reset") {
            switch location.endpoint {
            case .tcp:
                return cannot("connection refused: is the server running and listening on that port (listen_addresses)?")
            case .socket:
                return cannot("connection refused: is the server running?")
            }
        }
        if text.contains("No such file") || text.contains("ENOENT") {
            return cannot("no socket there: is the server running, and is the socket folder right?")
        }
        if text.contains("unknown") || text.contains("resolve") || text.contains("NXDOMAIN") || text.contains("getaddrinfo") {
            return cannot("unknown host: check the host name")
        }
        return cannot(oneLine(text))
    }

    /// A failure of a statement on an open connection.
    static func statement(_ error: any Error, location: PostgresLocation) -> any Error {
        guard let error = error as? PSQLError else { return error }
        guard let info = error.serverInfo, let state = info[.sqlState] else {
            switch error.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown:
                return StoreError.connectionLost(server: location.serverDescription)
            default:
                return StoreError.database(error.code.description)
            }
        }
        let message = oneLine(info[.message] ?? state)
        switch state {
        case "25006": return StoreError.readOnly(path: location.description)
        case "23503": return StoreError.invalidData("it refers to a row that does not exist")
        case "23505", "23514", "23502":
            return StoreError.invalidData(message)
        case "42501": return StoreError.database("permission denied: \(message)")
        case "57P01", "57P02", "57P03", "08000", "08003", "08006":
            return StoreError.connectionLost(server: location.serverDescription)
        case "40001", "40P01": return StoreError.locked(path: location.description)
        case "53100": return StoreError.diskFull(path: location.description)
        default: return StoreError.database(message)
        }
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
