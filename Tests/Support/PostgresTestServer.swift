import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server of a test run: `scripts/test-with-postgres.sh` (which
/// `make test` goes through) starts a throwaway cluster and passes it on in
///   RAPPORT_TEST_PG_URL         postgres://rapport_admin:PASSWORD@127.0.0.1:PORT/postgres (a superuser)
///   RAPPORT_TEST_PG_SOCKET_DIR  its Unix socket's folder (trust, no password)
///   RAPPORT_TEST_PG_PORT        its port
///   RAPPORT_TEST_PG_BIN         the PostgreSQL bin folder (psql here)
/// Tests share the server, so each takes a database of its own
/// (`freshDatabase`) and gives roles unique names (`uniqueName`): roles belong
/// to the whole cluster. Statements run through psql, so that this target
/// needs no package.
///
///     @Test func something() throws {
///         guard try PostgresTestServer.requireOrSkip() else { return }
///         let url = try PostgresTestServer.freshDatabase(prefix: "members")
///         ...
///     }
public enum PostgresTestServer {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    private static func variable(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// RAPPORT_TEST_PG_URL: the admin URL (rapport_admin, a superuser, database `postgres`).
    public static var adminURL: String? { variable("RAPPORT_TEST_PG_URL") }
    /// RAPPORT_TEST_PG_SOCKET_DIR: the folder of the server's Unix socket.
    public static var socketDirectory: String? { variable("RAPPORT_TEST_PG_SOCKET_DIR") }
    /// RAPPORT_TEST_PG_PORT.
    public static var port: Int? { variable("RAPPORT_TEST_PG_PORT").flatMap(Int.init) }
    /// RAPPORT_TEST_PG_BIN: the PostgreSQL bin folder.
    public static var binDirectory: String? { variable("RAPPORT_TEST_PG_BIN") }

    /// The server of the run is there: its URL is given and psql is at hand.
    public static var isAvailable: Bool {
        guard adminURL != nil, let bin = binDirectory else { return false }
        return FileManager.default.isExecutableFile(atPath: bin + "/psql")
    }

    /// True when the server is there. Otherwise under CI=true this throws (the
    /// test fails, saying why); elsewhere it prints one line and returns false,
    /// and the caller returns: `guard try PostgresTestServer.requireOrSkip() else { return }`.
    public static func requireOrSkip(_ test: String = #function) throws -> Bool {
        if isAvailable { return true }
        let missing = adminURL == nil ? "RAPPORT_TEST_PG_URL is not set"
            : binDirectory == nil ? "RAPPORT_TEST_PG_BIN is not set"
            : "no psql in RAPPORT_TEST_PG_BIN=\(binDirectory ?? "")"
        let why = "\(test): no PostgreSQL test server (\(missing); run the tests through "
            + "scripts/test-with-postgres.sh, as make test does)"
        if ProcessInfo.processInfo.environment["CI"] == "true" { throw Failure(why) }
        print("skipped: " + why)
        return false
    }

    /// Creates a database with a name of its own on the run's server and
    /// returns its URL, for rapport_admin.
    public static func freshDatabase(prefix: String = "t") throws -> String {
        guard let admin = adminURL else {
            throw Failure("no PostgreSQL test server: RAPPORT_TEST_PG_URL is not set")
        }
        return try freshDatabase(prefix: prefix, adminURL: admin)
    }

    static func freshDatabase(prefix: String, adminURL: String) throws -> String {
        let name = uniqueName(prefix)
        _ = try psql("CREATE DATABASE \(quoteIdentifier(name))", url: adminURL)
        return try url(adminURL, database: name)
    }

    /// `prefix_` and 12 random hex digits: lower case letters, digits and `_`
    /// only, so that it needs no quoting, and at most 63 bytes (PostgreSQL's limit).
    public static func uniqueName(_ prefix: String = "t") -> String {
        let cleaned = String(prefix.lowercased().unicodeScalars.map {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_"
        }.prefix(40))
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        return (cleaned.isEmpty ? "t" : cleaned) + "_" + suffix
    }

    /// Runs SQL with `psql -X -A -t -q -v ON_ERROR_STOP=1 -c SQL` against `url`
    /// and returns its output, trimmed (`-A -t`: one row a line, columns
    /// separated by `|`, no headers). The URL's password goes to psql in
    /// PGPASSWORD, not on its command line. Throws with psql's stderr.
    @discardableResult
    public static func psql(_ sql: String, url: String) throws -> String {
        try runPsql(["-c", sql], url: url, input: nil, shown: sql)
    }

    /// A role that can log in, with a password (SCRAM, as the server stores
    /// them). Roles belong to the whole cluster: take a `uniqueName`. The
    /// statement goes to psql on its stdin, so that the password is on no
    /// command line.
    public static func createRole(_ name: String, password: String, url: String) throws {
        let sql = "CREATE ROLE \(quoteIdentifier(name)) LOGIN PASSWORD \(quoteLiteral(password));\n"
        try runPsql(["-f", "-"], url: url, input: sql, shown: "CREATE ROLE \(quoteIdentifier(name)) LOGIN PASSWORD …")
    }

    /// `url` with another user, password or database; nil keeps what is there.
    public static func url(_ url: String, user: String? = nil, password: String? = nil,
                           database: String? = nil) throws -> String {
        guard var components = URLComponents(string: url) else { throw Failure("not a URL: \(url)") }
        if let user { components.user = user }
        if let password { components.password = password }
        if let database { components.path = "/" + database }
        guard let result = components.string else { throw Failure("could not make a URL from \(url)") }
        return result
    }

    /// "name" with its quotes doubled.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// 'text' with its quotes doubled (standard_conforming_strings is on).
    public static func quoteLiteral(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    // MARK: psql

    private static var psqlPath: String {
        if let bin = binDirectory { return bin + "/psql" }
        return "/usr/bin/psql"
    }

    @discardableResult
    private static func runPsql(_ arguments: [String], url: String, input: String?, shown: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw Failure("not a URL: \(url)") }
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = components.password
        components.password = nil
        guard let withoutPassword = components.string else { throw Failure("could not read the URL \(url)") }
        if environment["PGCONNECT_TIMEOUT"] == nil { environment["PGCONNECT_TIMEOUT"] = "20" }
        let result = try run(psqlPath, ["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", withoutPassword]
                                + arguments, environment: environment, input: input)
        guard result.status == 0 else {
            let statement = shown.count > 300 ? String(shown.prefix(300)) + "…" : shown
            throw Failure("psql exited \(result.status) on \(statement): "
                          + result.error.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Outcome {
        let status: Int32
        let output: String
        let error: String
    }

    /// Runs a program to its end: stdout and stderr read at once (neither pipe
    /// can fill and stall it), `input` written to its stdin.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                    input: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let outPipe = Pipe(), errPipe = Pipe()
        let inPipe = input == nil ? nil : Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe ?? FileHandle.nullDevice
        do { try process.run() } catch { throw Failure("could not run \(executable): \(error)") }
        if let input, let inPipe {
            // Short statements: the pipe's buffer takes them whole, and the
            // child holds the reading end, so this neither blocks nor raises SIGPIPE.
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        let errors = Collected()
        let reader = errPipe.fileHandleForReading
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.data = reader.readDataToEndOfFile()
            group.leave()
        }
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       output: String(decoding: out, as: UTF8.self),
                       error: String(decoding: errors.data, as: UTF8.self))
    }

    /// Written by one thread before `DispatchGroup.leave`, read after `wait`.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }
}

/// A PostgreSQL server of one test's own, for what the shared one must not
/// suffer: stopping it, restarting it (fault tests). `scripts/pg-cluster.sh`
/// runs it from a folder in /tmp; it keeps its port and admin password across
/// `stop`/`start`/`restart`, so the same URL reaches it again. Deinit stops it
/// and deletes the folder. Call `PostgresTestServer.requireOrSkip()` first.
public final class PrivatePostgresServer {
    /// The cluster's folder: data/, the Unix socket, log (the server's), port, password.
    public let folder: String
    /// The admin URL: postgres://rapport_admin:PASSWORD@127.0.0.1:PORT/postgres.
    public private(set) var url: String = ""

    /// The folder of the server's Unix socket (trust: no password).
    public var socketDirectory: String { folder }
    public var port: Int? { URLComponents(string: url)?.port }
    /// The server's log, to show when a test fails.
    public var log: String { (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? "" }

    /// scripts/pg-cluster.sh, beside this file's folder.
    public static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/pg-cluster.sh").path
    }

    /// Creates the cluster and starts it.
    public init() throws {
        // In /tmp, not $TMPDIR: the socket's path must stay short.
        var template = Array("/tmp/rapport-pg.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PostgresTestServer.Failure("could not create a folder in /tmp: errno \(errno)")
        }
        folder = String(cString: made)
        do {
            try start()
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    deinit {
        try? stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Starts it (again), on its port.
    public func start() throws { url = try cluster("start") }

    /// Stops it at once (`pg_ctl stop -m immediate`): clients see the
    /// connection drop, as when the server crashes. Nothing if it is stopped.
    public func stop() throws { _ = try cluster("stop") }

    public func restart() throws { url = try cluster("restart") }

    /// A database of its own on this server; its URL, for rapport_admin.
    public func freshDatabase(prefix: String = "t") throws -> String {
        try PostgresTestServer.freshDatabase(prefix: prefix, adminURL: url)
    }

    private func cluster(_ command: String) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        if let bin = PostgresTestServer.binDirectory { environment["RAPPORT_PG_BIN"] = bin }
        let result = try PostgresTestServer.run("/bin/bash", [Self.script, command, folder], environment: environment)
        guard result.status == 0 else {
            throw PostgresTestServer.Failure("pg-cluster.sh \(command) \(folder) exited \(result.status): "
                                             + result.error.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
