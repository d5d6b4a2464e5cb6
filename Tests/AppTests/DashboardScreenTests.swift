import Foundation
import TestSupport
import Testing
@testable import App
import UI

/// Whole screens, rendered from state into the buffer and compared with
/// goldens in Snapshots/ (RECORD_SNAPSHOTS=1 re-records them).
@Suite struct DashboardScreenTests {
    let renderer = DashboardRenderer(calendar: DashboardFixture.calendar)

    @Test(arguments: [(120, 40), (80, 24), (60, 16)])
    func dashboard(width: Int, height: Int) {
        let state = DashboardFixture.state(width: width, height: height)
        assertSnapshot(renderer.render(state), named: "dashboard-\(width)x\(height)")
    }

    @Test(arguments: [(59, 16), (60, 15), (20, 6)])
    func tooSmall(width: Int, height: Int) {
        let buffer = renderer.render(DashboardFixture.state(width: width, height: height))
        #expect(buffer.lines.joined().contains("need 60x16"))
        assertSnapshot(buffer, named: "too-small-\(width)x\(height)")
    }

    @Test func welcomeOnAnEmptyDatabase() {
        var state = AppState(size: Size(width: 80, height: 24))
        _ = Reducer().reduce(&state, .libraryLoaded(Library(snapshot: Snapshot(), scorer: AttentionScorer(calendar: DashboardFixture.calendar),
                                                           now: DashboardFixture.now)))
        assertSnapshot(renderer.render(state), named: "welcome-80x24")
    }

    @Test func views() {
        for (key, name) in [("2", "contacts"), ("3", "promises"), ("4", "events")] {
            var state = DashboardFixture.state(width: 100, height: 24)
            DashboardFixture.press([.character(Character(key))], &state)
            assertSnapshot(renderer.render(state), named: "view-\(name)-100x24")
        }
    }

    @Test func contactDetailAndEventPrep() {
        var state = DashboardFixture.state(width: 120, height: 40)
        DashboardFixture.press([.enter], &state)
        assertSnapshot(renderer.render(state), named: "contact-detail-120x40")
        var prep = DashboardFixture.state(width: 100, height: 30)
        DashboardFixture.press([.character("4"), .enter], &prep)
        assertSnapshot(renderer.render(prep), named: "event-prep-100x30")
    }

    @Test func helpAndFormOverlays() {
        var help = DashboardFixture.state(width: 120, height: 40)
        DashboardFixture.press([.character("?")], &help)
        assertSnapshot(renderer.render(help), named: "help-120x40")
        var form = DashboardFixture.state(width: 80, height: 24)
        DashboardFixture.press([.character("l")] + DashboardFixture.type("Lunch") + [.up, .backspace, .backspace]
                               + DashboardFixture.type("2026-02-30") + [.enter], &form)
        assertSnapshot(renderer.render(form), named: "log-form-error-80x24")
    }

    @Test func controlCharactersFromDataNeverReachTheBuffer() {
        for (w, h) in [(120, 40), (80, 24)] {
            var state = DashboardFixture.state(width: w, height: h)
            DashboardFixture.press([.character("2")], &state)
            let text = renderer.render(state).lines.joined()
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
            #expect(text.contains("Evil␛[31mName"))
        }
    }
}
