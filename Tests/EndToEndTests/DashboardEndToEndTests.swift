import App
import Foundation
import Testing

/// The real binary in tmux, as a person uses it: the keys the help screen
/// lists do what it says, and the database holds the result afterwards.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct DashboardEndToEndTests {
    /// A fresh dashboard with the demo loaded from the welcome screen's key.
    func startWithDemo(width: Int = 120, height: Int = 40, config: String? = "rescore_seconds = 5\n") throws -> TmuxSession {
        let session = try TmuxSession(width: width, height: height, config: config)
        try session.waitFor(text: "Welcome to rapport")
        try session.press("D")
        try session.waitFor(text: "Needs attention")
        return session
    }

    @Test func markTopPromiseDoneLogThroughTheFormAndQuit() throws {
        let session = try startWithDemo()
        let store = try Store(path: session.database.path)
        let openBefore = try store.openPromises().filter { $0.owner == .mine }
        #expect(!openBefore.isEmpty)

        // x on the top contact marks its most pressing promise done.
        let top = try session.screen()
        try session.press("x")
        try session.waitFor(text: "done:")
        let openAfter = try store.openPromises().filter { $0.owner == .mine }
        #expect(openAfter.count == openBefore.count - 1)
        let kept = Set(openBefore.compactMap(\.id)).subtracting(openAfter.compactMap(\.id))
        #expect(kept.count == 1)
        // The dashboard said which one, and it was on screen before.
        let keptText = try store.promise(id: kept.first!)!.text
        let now = try session.screen()
        #expect(top.contains(String(keptText.prefix(12))) || now.contains(String(keptText.prefix(12))))

        // u undoes it.
        try session.press("u")
        try session.waitFor(text: "undone:")
        #expect(try store.openPromises().filter { $0.owner == .mine }.count == openBefore.count)

        // l opens the log form; typing a summary and Enter saves one interaction.
        let interactionsBefore = try store.snapshot().interactions.count
        try session.press("l")
        try session.waitFor(text: "Log an interaction")
        try session.type("Coffee to plan the pilot")
        try session.press("Enter")
        try session.waitFor(text: "logged meeting with")
        let snapshot = try store.snapshot()
        #expect(snapshot.interactions.count == interactionsBefore + 1)
        #expect(snapshot.interactions.contains { $0.summary == "Coffee to plan the pilot" && $0.kind == .meeting })

        // q quits and the terminal is restored (echo and canonical mode back on).
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
        // The shell prints the stty flags just after EXIT=: wait for them too.
        let after = try session.waitFor(text: "icanon")
        #expect(after.contains("echo") && !after.contains("-echo"))
        #expect(after.contains("icanon") && !after.contains("-icanon"))
    }

    @Test func invalidFormInputChangesNothing() throws {
        let session = try startWithDemo()
        let store = try Store(path: session.database.path)
        let before = try store.snapshot().promises.count
        try session.press("p")
        try session.waitFor(text: "Promise with")
        try session.type("send the article")
        try session.press("Tab", "Tab", "C-a", "C-k")
        for _ in 0..<12 { try session.press("BSpace") }
        try session.type("2026-02-30")
        try session.press("Enter")
        try session.waitFor(text: "no such day")
        try session.press("Escape")
        try session.waitFor(text: "cancelled, nothing saved")
        #expect(try store.snapshot().promises.count == before)
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
    }

    @Test func resizeRelayoutsAndTooSmallSaysSo() throws {
        let session = try startWithDemo()
        try session.resize(width: 70, height: 20)
        try session.waitFor("the 70x20 layout") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains("Needs attention") && lines.allSatisfy { $0.count <= 70 }
        }
        try session.resize(width: 50, height: 12)
        try session.waitFor(text: "need 60x16")
        try session.resize(width: 120, height: 40)
        try session.waitFor(text: "Promises (")
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
    }

    @Test func anotherProcessWritingShowsUpOnTheOpenDashboard() throws {
        let session = try startWithDemo()
        // A second process (this test) writes to the same file.
        let store = try Store(path: session.database.path)
        let contact = try store.insert(Contact(name: "Priya Fresh-Contact", circle: .inner, createdAt: Date()))
        _ = try store.insert(Promise(contactID: contact.id!, text: "send the onboarding doc", owner: .mine,
                                     due: Day(Date(), in: .current).adding(days: -1), createdAt: Date()))
        try session.waitFor(text: "Priya Fresh-Contact", timeout: 15)
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
    }

    @Test func helpListsTheKeysAndEscClosesIt() throws {
        let session = try startWithDemo()
        try session.press("?")
        let help = try session.waitFor(text: "Help: keys")
        for label in ["log", "promise", "done", "snooze", "undo", "quit"] { #expect(help.contains(label)) }
        try session.press("Escape")
        try session.waitFor("help closed") { !$0.contains("Help: keys") }
        try session.press("C-c")
        try session.waitFor(text: "EXIT=0")
    }

    @Test func controlCharactersInANameNeverReachTheTerminal() throws {
        let session = try startWithDemo()
        let store = try Store(path: session.database.path)
        let id = try store.insert(Contact(name: "Mallory\u{1B}]52;c;cHduZWQ=\u{07}\u{1B}[2J", circle: .inner,
                                          createdAt: Date().addingTimeInterval(-90 * 86400))).id!
        _ = try store.insert(Promise(contactID: id, text: "x\u{1B}[31mred", owner: .mine,
                                     due: Day(Date(), in: .current).adding(days: -9), createdAt: Date()))
        let screen = try session.waitFor(text: "Mallory")
        #expect(screen.contains("Mallory␛]52;c;cHdu"))
        let raw = try session.screen(escapes: true)
        #expect(!raw.contains("\u{1B}]52"))
        #expect(!raw.contains("\u{07}"))
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
    }
}
