import Foundation
import Testing
@testable import App
import UI

/// A team's book at the sizes the dashboard draws: the top line says whose
/// view is shown (its counts shorten before the view's name goes), and a
/// timeline or promise row cut to its column still says which teammate made
/// it and whether it is private.
@Suite struct TeamScreenTests {
    let renderer = DashboardRenderer(calendar: DashboardFixture.calendar)

    func header(width: Int, height: Int, everyone: Bool, keys: [Key] = []) -> String {
        var state = DashboardFixture.state(width: width, height: height)
        state.library?.team = TeamView(me: 1, showsEveryone: everyone, names: [1: "Ana Lima", 2: "Bruno Costa"])
        DashboardFixture.press(keys, &state)
        return renderer.render(state).lines[0]
    }

    @Test(arguments: [(120, 40), (80, 24), (60, 16)])
    func whoseViewItIsStaysOnTheTopLine(width: Int, height: Int) {
        let team = header(width: width, height: height, everyone: true)
        let mine = header(width: width, height: height, everyone: false)
        let forms = ["team view · 1 overdue promise · 5 need attention ", "team view · 1 overdue promise ", "team view "]
        #expect(forms.contains { team.hasSuffix(" " + $0) }, "\(team)")
        #expect(mine.contains("your view") && !mine.contains("team view"), "\(mine)")
        #expect(team.count == width && mine.count == width)
    }

    @Test func theCountsGoFirstThenTheViewNameAlone() {
        #expect(header(width: 120, height: 40, everyone: true).hasSuffix(" team view · 1 overdue promise · 5 need attention "))
        #expect(header(width: 80, height: 24, everyone: true).hasSuffix(" team view · 1 overdue promise "))
        #expect(header(width: 60, height: 16, everyone: true).hasSuffix(" team view "))
        // A contact's detail adds its name to the tabs: the view's name still fits at 80 columns.
        #expect(header(width: 80, height: 24, everyone: false, keys: [.enter]).contains("your view"))
    }

    @Test func aCutRowKeepsWhoMadeItAndThatItIsPrivate() throws {
        var library = try #require(DashboardFixture.state(width: 80, height: 24).library)
        library.team = TeamView(me: 1, showsEveryone: true, names: [1: "Bruno Costa", 2: "Ana Lima"])
        let format = Format(calendar: DashboardFixture.calendar)
        let summary = "Long call about the pilot's scope, pricing and the rollout plan for spring"
        func cell(_ interaction: Interaction, width: Int?) -> String {
            Panes.timelineRow(.interaction(interaction), library: library, format: format, width: width).cells[2].text
        }
        let teammates = Interaction(occurredAt: DashboardFixture.now, kind: .call, summary: summary, contactIDs: [1],
                                    memberID: 2)
        let mine = Interaction(occurredAt: DashboardFixture.now, kind: .call, summary: summary, contactIDs: [1],
                               memberID: 1, isPrivate: true)
        #expect(cell(teammates, width: 30) == "Long call about th… · Ana Lima")
        #expect(cell(mine, width: 30) == "Long call about the… · private")
        // Room enough: the whole; no width known: as before, cut at the end by the list.
        #expect(cell(teammates, width: 200) == summary + " · Ana Lima")
        #expect(cell(teammates, width: nil) == summary + " · Ana Lima")
        // Too narrow for any of the text beside the tail: cut as usual.
        #expect(Panes.keepingTail(summary, " · Ana Lima", width: 13).text == summary + " · Ana Lima")
        // A teammate's promise keeps their name too; a personal book's rows have no tail.
        let promise = Promise(contactID: 1, text: "send the signed pilot agreement and the invoice", owner: .mine,
                              createdAt: DashboardFixture.now, memberID: 2)
        #expect(Panes.promiseRow(promise, library: library, width: 30).cells[2].text == "send the signed pi… · Ana Lima")
        library.team = nil
        #expect(Panes.promiseRow(promise, library: library, width: 30).cells[2].text == promise.text)
    }
}
