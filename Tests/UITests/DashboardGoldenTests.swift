import Testing
@testable import UI

/// The widgets composed as App's default screen will be, at the sizes users
/// run: a check that layout, borders and clipping work together.
@Suite struct DashboardGoldenTests {
    static let minimum = Size(width: 60, height: 16)

    static func dashboard(width: Int, height: Int, selected: Int = 1) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        guard width >= minimum.width, height >= minimum.height else {
            TooSmallNotice(needed: minimum, actual: buffer.size).render(in: buffer.area, to: &buffer)
            return buffer
        }
        let rows = buffer.area.split(.vertical, [.fill(1), .length(1)])
        let panes = rows[0].split(.horizontal, [.percentage(55), .fill(1)])
        let right = panes[1].split(.vertical, [.fill(2), .min(5)])

        let attention = Block(title: "Attention", footer: "Enter open", focused: true)
        attention.render(in: panes[0], to: &buffer)
        let list = Fixtures.table()
        var state = ListState()
        state.select(index: selected, count: list.count, visibleHeight: list.visibleRows(in: attention.inner(panes[0])))
        list.render(in: attention.inner(panes[0]), to: &buffer, state: state)

        let person = Fixtures.people[selected]
        let timeline = Block(title: person.name)
        timeline.render(in: right[0], to: &buffer)
        let inner = timeline.inner(right[0])
        let parts = inner.split(.vertical, [.length(1), .length(1), .fill(1)])
        buffer.put(Line([Span("touches ", .muted)]) + RapportDots(filled: person.touches, of: 7).line
                   + Line("  weekly ", role: .muted) + Sparkline(values: [0, 1, 0, 2, 3, 0, 1, 4]).line(),
                   in: parts[0], row: 0)
        buffer.put(Line(person.reason, role: .attentionOverdue).truncated(to: parts[1].width), in: parts[1], row: 0)
        Paragraph(Fixtures.notes).render(in: parts[2], to: &buffer)

        let promises = Block(title: "Promises overdue")
        promises.render(in: right[1], to: &buffer)
        let lines = [
            Line([Span("3d ", .promiseOverdue), Span("send deck to Ana Lima")]),
            Line([Span("1d ", .promiseOverdue), Span("intro 王小明 to José")]),
            Line([Span("today ", .promiseDue), Span("article for Zoë 🎉")]),
        ]
        ListView(lines: lines, focused: false).render(in: promises.inner(right[1]), to: &buffer, state: ListState(selected: 0))

        StatusLine(hints: Fixtures.hints, right: "scored 11:42").render(in: rows[1], to: &buffer)
        return buffer
    }

    @Test(arguments: [(120, 40), (80, 24), (60, 16)])
    func dashboard(width: Int, height: Int) {
        assertSnapshot(Self.dashboard(width: width, height: height), named: "dashboard-\(width)x\(height)")
    }

    @Test func dashboardTooSmall() {
        assertSnapshot(Self.dashboard(width: 59, height: 16), named: "dashboard-59x16")
    }

    @Test func helpOverDashboard() {
        var buffer = Self.dashboard(width: 120, height: 40)
        HelpView(entries: Fixtures.help, footer: "Esc close").render(in: buffer.area, to: &buffer)
        assertSnapshot(buffer, named: "dashboard-help-120x40")
    }
}
