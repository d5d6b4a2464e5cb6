import App
import Foundation
import TestSupport
import Testing
@testable import Store

// Glibc's Swift module does not export tgkill; it is a plain C function.
@_silgen_name("tgkill") private func c_tgkill(_ pid: Int32, _ tid: Int32, _ signal: Int32) -> Int32

/// Every way out of the dashboard leaves a working shell behind: echo and
/// canonical mode on (`stty -a`), the cursor visible (`#{cursor_flag}`),
/// and the normal screen back (`#{alternate_on}`).
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct TerminalRestoreTests {
    enum Exit: String, CaseIterable {
        case q, ctrlC = "C-c", sigterm = "SIGTERM", sighup = "SIGHUP"
        case crashInBackgroundThread = "SIGSEGV on a background thread", abort = "SIGABRT"
        case writeErrorThenQuit = "a failing write, then q"
    }

    func tmux(_ session: TmuxSession, _ arguments: [String]) throws -> String {
        try Spawn.run("/usr/bin/tmux", ["-L", session.socket] + arguments, capture: true).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The rapport process: the pane's shell's child.
    func rapportPID(_ session: TmuxSession) throws -> Int32 {
        let shell = try tmux(session, ["display-message", "-p", "-t", session.name, "#{pane_pid}"])
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            // The pane runs `sh -c "env … rapport …"`; env execs rapport, so the shell's child is rapport
            // (or the shell itself became it).
            let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
            for pid in children.split(separator: " ").compactMap({ Int32($0) }) {
                if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"), exe.hasSuffix("rapport") {
                    return pid
                }
            }
            if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(shell)/exe"), exe.hasSuffix("rapport") {
                return Int32(shell)!
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure("rapport's pid not found under \(shell)")
    }

    @Test(arguments: Exit.allCases)
    func theShellWorksAfter(_ exit: Exit) throws {
        let session = try TmuxSession(config: "rescore_seconds = 5\n")
        try session.waitFor(text: "Welcome to rapport")
        try session.press("D")
        try session.waitFor(text: "Needs attention")
        #expect(try tmux(session, ["display-message", "-p", "-t", session.name, "#{alternate_on}"]) == "1")
        let pid = try rapportPID(session)
        switch exit {
        case .q, .ctrlC:
            try session.press(exit.rawValue)
        case .sigterm:
            kill(pid, SIGTERM)
        case .sighup:
            kill(pid, SIGHUP)
        case .abort:
            kill(pid, SIGABRT)
        case .crashInBackgroundThread:
            // A fault raised on a thread that is not the UI loop's (the scoring timer's queue or
            // another worker), as a crash in a background job would be.
            let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task").compactMap { Int32($0) }
            let background = try #require(threads.first { $0 != pid }, "no background thread in \(threads)")
            #expect(c_tgkill(pid, background, SIGSEGV) == 0)
        case .writeErrorThenQuit:
            // Another process makes every promise update fail; x then reports the error in the status line.
            let store = try Store(path: session.database.path)
            try store.write { try $0.execute(sql: """
                CREATE TRIGGER reliability_test_failure BEFORE UPDATE ON promise
                BEGIN SELECT RAISE(ABORT, 'simulated failure'); END
                """) }
            try session.press("3")
            try session.waitFor(text: "Promises (")
            try session.press("x")
            try session.waitFor(text: "not saved")
            try session.press("q")
        }
        if exit == .crashInBackgroundThread || exit == .abort {
            // The runtime's backtracer reports the crash on the restored terminal, then offers
            // to interact for 30 s; any key ends it.
            let report = try session.waitFor("the crash report", timeout: 30) {
                $0.contains("any other key to quit") || $0.contains("EXIT=")
            }
            if report.contains("any other key to quit") {
                try session.press("q")
                try session.waitFor("the backtracer to finish") { !$0.contains("any other key to quit") }
            }
            // Even a signal sent from outside, which the backtracer returns from, ends the process.
            let deadline = Date().addingTimeInterval(10)
            while kill(pid, 0) == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            #expect(kill(pid, 0) != 0, "rapport outlived \(exit.rawValue)")
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
        let after = try session.waitFor("the shell prompt after \(exit.rawValue)", timeout: 40) {
            $0.contains("EXIT=") && $0.contains("icanon")
        }
        let status = after.components(separatedBy: "EXIT=").last?.prefix { $0.isNumber } ?? ""
        switch exit {
        case .q, .ctrlC, .writeErrorThenQuit: #expect(status == "0")
        // SIGTERM and SIGHUP are caught: the loop stops and rapport exits normally (a second one kills it).
        case .sigterm, .sighup: #expect(status == "0")
        case .abort, .crashInBackgroundThread: #expect(Int(status).map { $0 >= 128 } == true, "status \(status)")
        }
        #expect(after.contains("echo") && !after.contains("-echo"), "\(after)")
        #expect(!after.contains("-icanon"))
        #expect(try tmux(session, ["display-message", "-p", "-t", session.name, "#{cursor_flag}"]) == "1")
        #expect(try tmux(session, ["display-message", "-p", "-t", session.name, "#{alternate_on}"]) == "0")
    }

    /// Sizes from 1x1 to 500x200, then rapid resizes without waiting: never a crash,
    /// and tiny sizes say they are too small.
    @Test(.timeLimit(.minutes(3))) func everySizeAndRapidResizes() throws {
        let session = try TmuxSession(config: "rescore_seconds = 5\n")
        try session.waitFor(text: "Welcome to rapport")
        try session.press("D")
        try session.waitFor(text: "Needs attention")
        let sizes = [(1, 1), (2, 1), (1, 2), (3, 3), (10, 2), (20, 5), (40, 12), (59, 15), (60, 16), (500, 200), (500, 1),
                     (1, 200), (80, 24), (200, 60)]
        for (width, height) in sizes {
            try session.resize(width: width, height: height)
            Thread.sleep(forTimeInterval: 0.15)
            #expect(!(try session.screen()).contains("EXIT="), "gone at \(width)x\(height)")
        }
        try session.resize(width: 30, height: 8)
        try session.waitFor(text: "need 60x16")
        try session.resize(width: 59, height: 30)
        try session.waitFor(text: "too small: need 60x16, have 59x30")
        var random = SplitMix(seed: Stress.seed)
        let rapid = Stress.count("RAPPORT_STRESS_RESIZES", bounded: 100, stress: 1000)
        for _ in 0..<rapid {
            try session.resize(width: Int.random(in: 1...500, using: &random), height: Int.random(in: 1...200, using: &random))
        }
        try session.resize(width: 120, height: 40)
        try session.waitFor(text: "Needs attention")
        try session.press("q")
        let after = try session.waitFor("the shell prompt") { $0.contains("EXIT=") && $0.contains("icanon") }
        #expect(after.contains("EXIT=0"))
        Stress.figure("resizes: \(sizes.count) sizes from 1x1 to 500x200 and \(rapid) rapid random resizes, no crash")
    }
}
