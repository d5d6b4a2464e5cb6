import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A process started without waiting for it, so that a test can kill it
/// mid-write; with `capture`, its standard output and error go to one pipe,
/// read after it ends, else to /dev/null. Waited for with `waitpid`:
/// Foundation's `Process` can miss the exit of a child (tmux's client) when
/// waited on from a test's thread.
final class Child {
    let pid: pid_t
    private let output: Int32?

    init(_ path: String, _ arguments: [String], environment: [String: String]? = nil, capture: Bool = true) throws {
        var pipe: [Int32] = [-1, -1]
        if capture { guard Glibc.pipe(&pipe) == 0 else { throw Failure("pipe failed") } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capture {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 2)
            posix_spawn_file_actions_addclose(&actions, pipe[0])
            posix_spawn_file_actions_addclose(&actions, pipe[1])
        } else {
            // A tmux server started this way must not inherit a pipe: it would keep it open for good.
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // The test runner's threads block signals, and a child inherits that
        // mask: without this, tmux and rapport would never see SIGWINCH.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, env)
        if capture { close(pipe[1]) }
        guard spawned == 0 else {
            if capture { close(pipe[0]) }
            throw Failure("could not start \(path): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
        self.output = capture ? pipe[0] : nil
    }

    func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

    /// Waits for the end; the status is the exit code, or 128 + the signal.
    func wait() -> (status: Int32, output: String) {
        var data = Data()
        if let output {
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(output, &chunk, chunk.count)
                if n <= 0 { break }
                data.append(contentsOf: chunk[0..<n])
            }
            close(output)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, String(decoding: data, as: UTF8.self))
    }
}

// Glibc's Swift module hides the XSI pseudo-terminal calls (no _XOPEN_SOURCE);
// their C signatures are plain ints and pointers, so declare them directly.
@_silgen_name("posix_openpt") private func c_posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func c_grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func c_unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func c_ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// Runs a program with its standard output and error on a new pseudo-terminal
/// and returns the raw bytes that reached the terminal.
enum PseudoTerminal {
    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, bytes: [UInt8]) {
        let master = c_posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, c_grantpt(master) == 0, c_unlockpt(master) == 0, let name = c_ptsname(master) else {
            throw Failure("no pseudo-terminal")
        }
        let slavePath = String(cString: name)
        // Held open here too, so reading the master never sees a hang-up before the child opens it.
        let slave = open(slavePath, O_RDWR | O_NOCTTY)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, slave, 1)
        posix_spawn_file_actions_adddup2(&actions, slave, 2)
        posix_spawn_file_actions_addclose(&actions, slave)
        posix_spawn_file_actions_addclose(&actions, master)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, env)
        guard spawned == 0 else { throw Failure("could not start \(path)") }
        // Read while it runs (a full pty buffer would block it), then drain.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        var status: Int32 = 0
        var done = false
        while true {
            let n = read(master, &chunk, chunk.count)
            if n > 0 { bytes += chunk[0..<n]; continue }
            if done { break }
            if waitpid(pid, &status, WNOHANG) == pid {
                done = true
                close(slave)
                continue
            }
            usleep(5_000)
        }
        close(master)
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, bytes)
    }
}


struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The environment of a rapport command on `database`, isolated from the user's.
func rapportEnvironment(database: String, home: String) -> [String: String] {
    ["HOME": home, "RAPPORT_DB": database, "LANG": "C.UTF-8", "TZ": "UTC", "XDG_CONFIG_HOME": home + "/.config",
     "PATH": "/usr/bin:/bin"]
}

func temporaryFolder(_ label: String) throws -> String {
    let path = NSTemporaryDirectory() + "rapport-\(label)-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
