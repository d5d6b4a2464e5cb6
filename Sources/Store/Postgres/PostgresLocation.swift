import Foundation

/// Where a team's book lives: a `postgres://` or `postgresql://` URL, in
/// libpq's forms.
///
///     postgres://ana@db.example.com:5432/team
///     postgresql://ana:secret@127.0.0.1/team?sslmode=require
///     postgres:///team?host=/var/run/postgresql     (a Unix socket folder)
///     postgres://%2Fvar%2Frun%2Fpostgresql/team
///
/// The user defaults to `$PGUSER`, then `$USER`; the database to the user's
/// name; the host to the local socket folder `/var/run/postgresql`. The
/// password comes from the URL, else `$PGPASSWORD`, else `~/.pgpass` (read
/// only when no one else can read it, as libpq does). It is never printed:
/// `description` leaves it out.
public struct PostgresLocation: Equatable, Sendable, CustomStringConvertible {
    public enum Endpoint: Equatable, Sendable {
        case tcp(host: String, port: Int)
        /// The socket file `<folder>/.s.PGSQL.<port>`.
        case socket(folder: String, port: Int)
    }

    /// libpq's `sslmode`; `prefer` (TLS when the server offers it) unless the URL says otherwise.
    public enum TLSMode: String, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Whether `text` names a PostgreSQL book rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `url`; nil when it is not a PostgreSQL URL at all.
    /// - throws: `StoreError.invalidLocation` for a PostgreSQL URL that cannot be read.
    public init?(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(url) else { return nil }
        func invalid(_ why: String) -> StoreError {
            StoreError.invalidLocation(url: Self.redacted(url), reason: why)
        }
        let rest = url.drop(while: { $0 != ":" }).dropFirst(3)  // after "://"
        let (beforeQuery, query) = Self.split(String(rest), at: "?")
        let (authority, pathPart) = Self.split(beforeQuery, at: "/")
        var userInfo: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[..<at])
            hostPort = String(authority[authority.index(after: at)...])
        }
        var user: String?
        var password: String?
        if let userInfo {
            let (name, secret) = Self.split(userInfo, at: ":")
            user = name.removingPercentEncoding
            password = secret.isEmpty && !userInfo.contains(":") ? nil : secret.removingPercentEncoding
        }
        var host: String?
        var port: Int?
        if hostPort.hasPrefix("[") {  // [::1]:5432
            guard let close = hostPort.firstIndex(of: "]") else { throw invalid("an IPv6 address needs its closing ]") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) ?? -1 }
        } else if !hostPort.isEmpty {
            let (name, portText) = Self.split(hostPort, at: ":")
            host = name.removingPercentEncoding
            if hostPort.contains(":") { port = Int(portText) ?? -1 }
        }
        var database = pathPart.removingPercentEncoding ?? pathPart
        var tls = TLSMode.prefer
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let (key, value) = Self.split(String(pair), at: "=")
            let decoded = value.removingPercentEncoding ?? value
            switch key {
            case "host": host = decoded
            case "port": port = Int(decoded) ?? -1
            case "user": user = decoded
            case "password": password = decoded
            case "dbname": database = decoded
            case "sslmode":
                guard let mode = TLSMode(rawValue: decoded) else {
                    throw invalid("sslmode must be disable, allow, prefer, require, verify-ca or verify-full")
                }
                tls = mode
            case "application_name", "connect_timeout": break
            default: throw invalid("unknown parameter \(key)")
            }
        }
        if let port, !(1...65535).contains(port) { throw invalid("the port must be a number from 1 to 65535") }
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        let resolvedUser = user.flatMap { $0.isEmpty ? nil : $0 } ?? value("PGUSER") ?? value("USER") ?? "postgres"
        let resolvedPort = port ?? value("PGPORT").flatMap(Int.init) ?? 5432
        let resolvedHost = host.flatMap { $0.isEmpty ? nil : $0 } ?? value("PGHOST") ?? "/var/run/postgresql"
        self.user = resolvedUser
        self.database = database.isEmpty ? resolvedUser : database
        self.tls = tls
        if resolvedHost.hasPrefix("/") {
            endpoint = .socket(folder: resolvedHost, port: resolvedPort)
        } else {
            endpoint = .tcp(host: resolvedHost, port: resolvedPort)
        }
        self.password = password ?? value("PGPASSWORD")
        if self.password == nil {
            let home = value("HOME") ?? NSHomeDirectory()
            self.password = Self.passwordFile(value("PGPASSFILE") ?? home + "/.pgpass", for: self)
        }
    }

    /// The URL without its password, for messages.
    public var description: String {
        let database = self.database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? self.database
        let user = self.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? self.user
        switch endpoint {
        case let .tcp(host, port):
            let shown = host.contains(":") ? "[\(host)]" : host
            return "postgres://\(user)@\(shown):\(port)/\(database)"
        case let .socket(folder, port):
            let suffix = port == 5432 ? "" : "&port=\(port)"
            return "postgres://\(user)@/\(database)?host=\(folder)\(suffix)"
        }
    }

    /// Where the server is, for "cannot connect to …" messages.
    public var serverDescription: String {
        switch endpoint {
        case let .tcp(host, port): return "\(host):\(port)"
        case let .socket(folder, port): return "\(folder)/.s.PGSQL.\(port)"
        }
    }

    /// `url` with any password replaced by `***`, for a URL that could not be parsed.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"),
              let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    private static func split(_ text: String, at separator: Character) -> (String, String) {
        guard let index = text.firstIndex(of: separator) else { return (text, "") }
        return (String(text[..<index]), String(text[text.index(after: index)...]))
    }

    /// The password for `location` in a libpq password file
    /// (`host:port:database:user:password`, `*` matching anything), or nil.
    /// A file that others can read is ignored, as libpq ignores it.
    static func passwordFile(_ path: String, for location: PostgresLocation) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = attributes[.posixPermissions] as? NSNumber, mode.intValue & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let (host, port): (String, Int)
        switch location.endpoint {
        case let .tcp(name, number): (host, port) = (name, number)
        case let .socket(_, number): (host, port) = ("localhost", number)
        }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = passFields(String(line))
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ value: String) -> Bool { field == "*" || field == value }
            if matches(fields[0], host), matches(fields[1], String(port)), matches(fields[2], location.database),
               matches(fields[3], location.user) {
                return fields[4]
            }
        }
        return nil
    }

    /// A .pgpass line's fields: `:` separates, `\` escapes `:` and `\`.
    private static func passFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false }
            else if character == "\\" { escaped = true }
            else if character == ":" && fields.count < 4 { fields.append(current); current = "" }
            else { current.append(character) }
        }
        fields.append(current)
        return fields
    }
}
