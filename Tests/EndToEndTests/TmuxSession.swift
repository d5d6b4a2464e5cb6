import Foundation

/// The real rapport binary in a tmux session on a private socket, driven
/// as a person would: keys in, screen text out. Waits poll the screen with
/// a deadline instead of sleeping a fixed time (machines are shared).
final class TmuxSession {
    let socket: String
    let name = "rapport"
    let home: URL
    let database: URL

    /// The binary under test: `$RAPPORT_BIN`, else the debug build of this checkout.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["RAPPORT_BIN"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/rapport").path
    }

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: binary)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")
    }

    /// Starts `rapport ARGS` in a fresh temp HOME with its own database;
    /// `binary` and the working `directory` may be another copy and folder.
    init(width: Int = 120, height: Int = 40, arguments: [String] = [], config: String? = nil,
         environment: [String: String] = [:], binary: String = TmuxSession.binary, directory: String? = nil) throws {
        socket = "rapport-test-\(UUID().uuidString.prefix(8))"
        home = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-e2e-\(UUID().uuidString)")
        database = home.appendingPathComponent("data/rapport.sqlite")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".config/rapport"),
                                                withIntermediateDirectories: true)
        if let config {
            try config.write(to: home.appendingPathComponent(".config/rapport/config.toml"), atomically: true, encoding: .utf8)
        }
        var env = ["HOME": home.path, "RAPPORT_DB": database.path, "XDG_CONFIG_HOME": home.path + "/.config",
                   "LANG": "C.UTF-8", "TZ": "UTC"]
        env.merge(environment) { _, new in new }
        let exports = env.map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        let command = "env \(exports) \(Self.quote(binary)) \(arguments.map(Self.quote).joined(separator: " ")); "
            + "echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -Ex -- '-?(echo|icanon)' | tr '\\n' ' '; echo; sleep 600"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"]
                 + (directory.map { ["-c", $0] } ?? []) + [command])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        // The server leaves its socket behind: /tmp/tmux-UID/NAME.
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(folder)/tmux-\(getuid())/\(socket)")
        try? FileManager.default.removeItem(at: home)
    }

    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// Types text literally (no key-name lookup).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []), capture: true)
    }

    /// Polls the screen until `predicate` holds; fails with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure("timed out waiting for \(what); screen was:\n\(last)")
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 20) throws -> String {
        try waitFor(SafeQuote(text), timeout: timeout) { $0.contains(text) }
    }

    /// Runs a rapport command in this session's environment, as a second process.
    @discardableResult
    func rapport(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try Spawn.run(Self.binary, arguments, environment: [
            "HOME": home.path, "RAPPORT_DB": database.path, "LANG": "C.UTF-8", "TZ": "UTC",
            "XDG_CONFIG_HOME": home.path + "/.config", "PATH": "/usr/bin:/bin"], capture: true)
        return (result.status, result.output)
    }

    @discardableResult
    private func tmux(_ arguments: [String], capture: Bool = false) throws -> String {
        // The command that starts the server gets no pipe: the server would
        // inherit it and keep it open, and reading to its end would never return.
        let result = try Spawn.run("/usr/bin/tmux", ["-L", socket] + arguments, capture: capture)
        guard result.status == 0 else {
            throw Failure("tmux \(arguments.prefix(2).joined(separator: " ")) failed (\(result.status))")
        }
        return result.output
    }

    private static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

private func SafeQuote(_ s: String) -> String { "\"\(s)\"" }

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
