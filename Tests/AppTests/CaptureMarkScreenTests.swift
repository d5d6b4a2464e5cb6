import Foundation
import TestSupport
import Testing
@testable import App
import UI

/// The fixture's histories, with some interactions marked as captured.
private struct CapturedHistory: HistorySource {
    let base: MemoryHistory
    let sources: [Int64: String]

    func interactions(of contactID: Int64) -> [Interaction] { base.interactions(of: contactID) }
    func contact(_ id: Int64) -> Contact? { base.contact(id) }
    /// Unfiltered on purpose: the view must mark only what its timeline holds.
    func captureSources(of contactID: Int64) -> [Int64: String] { sources }
}

/// A timeline tells captured interactions from typed ones, and says where
/// each came from.
@Suite struct CaptureMarkScreenTests {
    typealias F = DashboardFixture

    func detail(of contactID: Int64, sources: [Int64: String]) -> Buffer {
        let snapshot = F.snapshot
        let history = CapturedHistory(base: MemoryHistory(snapshot.interactions, contacts: snapshot.contacts),
                                      sources: sources)
        let library = Library(book: Book(snapshot: snapshot), scorer: AttentionScorer(calendar: F.calendar), now: F.now,
                              history: history)
        var state = AppState(size: Size(width: 120, height: 40))
        _ = Reducer(now: { F.now }).reduce(&state, .libraryLoaded(library))
        state.stack = [.contact(contactID)]
        return DashboardRenderer(calendar: F.calendar).render(state)
    }

    @Test func capturedMailAndMeetingsCarryTheirSourceTypedOnesNothing() {
        // 王芳 (2): "Sent the agenda" (email, 102) from a maildir, the intro call (101) from a calendar.
        let buffer = detail(of: 2, sources: [102: "/home/me/Mail/INBOX", 101: "/home/me/cal/work.ics"])
        let lines = buffer.lines
        #expect(lines.first { $0.contains("Sent the agenda") }?.contains("✉ INBOX") == true)
        #expect(lines.first { $0.contains("Intro call about the pilot") }?.contains("⧉ work.ics") == true)
        #expect(lines.first { $0.contains("intro to José") }.map { !$0.contains("✉") && !$0.contains("⧉") } == true)
        assertSnapshot(buffer, named: "contact-detail-captured-120x40")
    }

    @Test func aTimelineWithNothingCapturedHasNoMarkColumn() {
        let plain = detail(of: 2, sources: [:])
        #expect(!plain.lines.joined().contains("✉"))
        // A source of an interaction outside this timeline marks nothing, and adds no column.
        let other = detail(of: 2, sources: [100: "/home/me/Mail/INBOX"])
        #expect(other.lines == plain.lines)
    }
}
