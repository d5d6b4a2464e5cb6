import App
import Foundation
import TestSupport
import Testing

/// Text from contacts never drives the terminal: fields holding ESC, CSI,
/// OSC 52 (clipboard), OSC 8 (links), BEL, NUL, backspace, CR and U+202E
/// are shown as placeholders. What reached the terminal is captured raw
/// (`tmux pipe-pane` for the dashboard, a pseudo-terminal for commands)
/// and searched for each of them.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct TerminalInjectionTests {
    /// Each payload sits between markers, so a raw sequence is told apart from ncurses' own output.
    static let payloads: [(name: String, text: String, raw: String)] = [
        ("CSI", "Q1\u{1B}[31mRED", "\u{1B}[31mRED"),
        ("clear", "Q2\u{1B}[2J\u{1B}[HWIPE", "\u{1B}[HWIPE"),
        ("OSC 52", "Q3\u{1B}]52;c;cHduZWQ=\u{07}CLIP", "\u{1B}]52"),
        ("OSC 8", "Q4\u{1B}]8;;https://evil.example\u{1B}\\LINK\u{1B}]8;;\u{1B}\\", "\u{1B}]8;"),
        ("BEL", "Q5\u{07}BELL", "\u{07}BELL"),
        ("NUL", "Q6\u{0}NULL", "Q6\u{0}"),
        ("backspace", "Q7\u{8}\u{8}BACK", "\u{8}\u{8}BACK"),
        ("CR", "Q8\rCRET", "\rCRET"),
        ("RLO", "Q9\u{202E}REVERSED", "\u{202E}"),
    ]

    /// A book whose every text field holds one of the payloads (stored directly, as an import could).
    static func hostileBook(at path: String) throws {
        let store = try Store(path: path)
        let now = Date()
        for (index, payload) in payloads.enumerated() {
            var contact = Contact(name: "Mallory \(payload.text)", circle: .inner,
                                  createdAt: now.addingTimeInterval(-Double(90 + index) * 86_400))
            contact.company = "Co \(payload.text)"
            contact.notes = "note \(payload.text)"
            contact.tags = ["tag\(payload.text)"]
            let saved = try store.insert(contact)
            _ = try store.insert(Interaction(occurredAt: now.addingTimeInterval(-Double(60 + index) * 86_400), kind: .call,
                                             summary: "call \(payload.text)", contactIDs: [saved.id!]))
            _ = try store.insert(Promise(contactID: saved.id!, text: "promise \(payload.text)", owner: .mine,
                                         due: Day(now, in: .current).adding(days: -3), createdAt: now))
        }
    }

    static func findings(in bytes: [UInt8]) -> [String] {
        var found: [String] = []
        for payload in payloads where bytes.contains(subsequence: Array(payload.raw.utf8)) {
            found.append(payload.name)
        }
        if bytes.contains(subsequence: [0x1B, UInt8(ascii: "]")]) { found.append("an OSC introducer") }
        if bytes.contains(0x07) { found.append("BEL") }
        if bytes.contains(0x00) { found.append("NUL") }
        return found
    }

    @Test func theDashboardShowsPlaceholdersOnly() throws {
        let folder = try temporaryFolder("inject")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/hostile.sqlite"
        try Self.hostileBook(at: database)
        let session = try TmuxSession(environment: ["RAPPORT_DB": database])
        try session.waitFor(text: "Needs attention")
        // Everything drawn from now on is copied, byte for byte, to a file.
        let raw = folder + "/raw.bytes"
        let piped = try Spawn.run("/usr/bin/tmux", ["-L", session.socket, "pipe-pane", "-o", "-t", session.name, "cat >> '\(raw)'"])
        #expect(piped.status == 0)
        // Every view, the contact detail (notes, tags) and a resize (a full redraw).
        for key in ["2", "Enter", "Escape", "3", "4", "1", "Tab", "Tab", "Enter", "Escape"] {
            try session.press(key)
            Thread.sleep(forTimeInterval: 0.3)
        }
        try session.resize(width: 100, height: 30)
        try session.waitFor(text: "Needs attention")
        try session.resize(width: 120, height: 40)
        let screen = try session.waitFor(text: "Mallory")
        let styled = try session.screen(escapes: true)
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
        _ = try Spawn.run("/usr/bin/tmux", ["-L", session.socket, "pipe-pane", "-t", session.name])

        let bytes = [UInt8](FileManager.default.contents(atPath: raw) ?? Data())
        #expect(bytes.count > 10_000, "the pipe caught \(bytes.count) bytes")
        #expect(bytes.contains(subsequence: Array("Mallory".utf8)))
        #expect(Self.findings(in: bytes).isEmpty, "raw in the terminal stream: \(Self.findings(in: bytes))")
        // What tmux shows: placeholders instead, and no bidi override.
        #expect(screen.contains("␛"))
        #expect(!screen.contains("\u{202E}") && !styled.contains("\u{202E}"))
        #expect(!styled.contains("\u{1B}]"))
        Stress.figure("terminal injection: \(Self.payloads.count) payloads in names, companies, notes, tags, summaries and promises; "
                      + "\(bytes.count) raw dashboard bytes checked, none raw")
    }

    @Test(arguments: [["list"], ["show", "Mallory Q1"], ["timeline", "Mallory Q3"], ["due", "--all"], ["trash"]])
    func commandOutputToATerminalShowsPlaceholdersOnly(_ arguments: [String]) throws {
        let folder = try temporaryFolder("inject-cli")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/hostile.sqlite"
        try Self.hostileBook(at: database)
        if arguments == ["trash"] {
            let store = try Store(path: database)
            for contact in try store.contacts() { try store.moveContactToTrash(id: contact.id!, at: Date()) }
        }
        let (status, bytes) = try PseudoTerminal.run(TmuxSession.binary, arguments,
                                                     environment: rapportEnvironment(database: database, home: folder))
        #expect(status == 0, "\(String(decoding: bytes, as: UTF8.self))")
        #expect(bytes.contains(subsequence: Array("Q1".utf8)) || bytes.contains(subsequence: Array("Q3".utf8)))
        #expect(Self.findings(in: bytes).isEmpty, "\(arguments): \(Self.findings(in: bytes))")
        // Commands draw nothing of their own: no escape byte at all reaches the terminal.
        #expect(!bytes.contains(0x1B) && !bytes.contains(0x08))
        #expect(bytes.contains(subsequence: Array("␛".utf8)))
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard !subsequence.isEmpty, subsequence.count <= count else { return false }
        var i = 0
        while i <= count - subsequence.count {
            if self[i] == subsequence[0] && Array(self[i..<i + subsequence.count]) == subsequence { return true }
            i += 1
        }
        return false
    }
}
