import App
import Foundation
import TestSupport
import Testing

/// The dashboard open while a script writes hundreds of `rapport log` in a
/// loop: no "database is locked" anywhere, every write lands, and the
/// dashboard shows the last one within one timer period.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct TwoProcessTests {
    static let writes = Stress.count("RAPPORT_STRESS_WRITES", bounded: 200, stress: 1000)
    /// The dashboard's rescore period in this test.
    static let period: TimeInterval = 5

    @Test(.timeLimit(.minutes(10))) func aScriptLoggingWhileTheDashboardIsOpen() throws {
        let session = try TmuxSession(config: "rescore_seconds = \(Int(Self.period))\n")
        try session.waitFor(text: "Welcome to rapport")
        try session.press("D")
        try session.waitFor(text: "Needs attention")
        let (status, added) = try session.rapport(["add", "Zed Loopwriter", "--circle", "inner"])
        #expect(status == 0, "\(added)")
        // Open Zed's detail: it lists his latest interactions.
        try session.press("2")
        try session.waitFor(text: "Contacts (41)")
        try session.press("/")
        try session.type("Loopwriter")
        try session.waitFor(text: "Zed Loopwriter")
        try session.press("Enter", "Enter")
        try session.waitFor(text: "Esc back")

        var ids: [Int64] = []
        var failures: [String] = []
        var lockedOnScreen = 0
        let started = Date()
        for n in 0..<Self.writes {
            let (status, output) = try session.rapport(["log", "zed", "--kind", "note", "--summary", "loop \(n) done"])
            if status != 0 || output.lowercased().contains("locked") || output.contains("busy") {
                failures.append("\(n): \(status) \(output)")
            } else if let id = Int64(output.dropFirst().prefix { $0.isNumber }) {
                ids.append(id)
            }
            if n % 25 == 0 {
                let screen = try session.screen().lowercased()
                if screen.contains("locked") || screen.contains("busy") || screen.contains("not saved") { lockedOnScreen += 1 }
            }
        }
        let loopSeconds = Date().timeIntervalSince(started)
        let lastWrite = Date()
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        #expect(lockedOnScreen == 0)
        // The dashboard shows the last write within one timer period.
        try session.waitFor(text: "loop \(Self.writes - 1) done", timeout: Self.period + 1)
        let latency = Date().timeIntervalSince(lastWrite)
        // Every write landed, exactly once.
        let store = try Store(path: session.database.path)
        let zed = try #require(try store.contacts(matchingPrefix: "Zed Loopwriter").first)
        let logged = try store.interactions(contactID: zed.id!)
        #expect(Set(logged.compactMap(\.id)) == Set(ids))
        #expect(logged.count == Self.writes)
        #expect(!(try session.screen()).lowercased().contains("locked"))
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
        Stress.figure("two processes: \(Self.writes) `rapport log` while the dashboard was open (\(String(format: "%.1f", loopSeconds)) s), "
                      + "\(ids.count) landed, 0 locked; last write on screen after \(String(format: "%.1f", latency)) s (period \(Int(Self.period)) s)")
    }
}
