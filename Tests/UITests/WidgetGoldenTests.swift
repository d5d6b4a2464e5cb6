import Testing
@testable import UI

/// Each widget drawn into a buffer and compared with its golden screen.
@Suite struct WidgetGoldenTests {
    @Test func blockTitlesFocusAndFooter() {
        var buffer = Buffer(width: 40, height: 12)
        Block(title: "Attention", focused: true).render(in: Rect(x: 0, y: 0, width: 20, height: 4), to: &buffer)
        Block(title: "A very long pane title 王小明", footer: "Enter open").render(in: Rect(x: 20, y: 0, width: 20, height: 4), to: &buffer)
        Block(title: "Tiny").render(in: Rect(x: 0, y: 5, width: 6, height: 3), to: &buffer)
        Block(title: "x").render(in: Rect(x: 8, y: 5, width: 2, height: 2), to: &buffer)
        Block().render(in: Rect(x: 12, y: 5, width: 1, height: 3), to: &buffer)
        Block().render(in: Rect(x: 14, y: 5, width: 5, height: 1), to: &buffer)
        Block(title: "Promises", footer: "d done · u undo", focused: false)
            .render(in: Rect(x: 20, y: 5, width: 20, height: 7), to: &buffer)
        assertSnapshot(buffer, named: "block")
    }

    @Test func tableAlignsCJKEmojiAndStandIns() {
        var buffer = Buffer(width: 60, height: 9)
        Fixtures.table().render(in: buffer.area.inset(by: 1), to: &buffer, state: ListState(selected: 2))
        assertSnapshot(buffer, named: "table-60")
        // Every row's later columns start at the same display column.
        for y in 2...7 {
            let rapportColumn = (0..<60).first { buffer[$0, y].text == "●" || buffer[$0, y].text == "○" }
            #expect(rapportColumn == 48, "row \(y)")
        }
    }

    @Test func tableNarrowAndUnfocused() {
        var buffer = Buffer(width: 32, height: 6)
        Fixtures.table(focused: false).render(in: buffer.area, to: &buffer, state: ListState(selected: 5, offset: 0))
        assertSnapshot(buffer, named: "table-32-unfocused")
    }

    @Test func listScrollsToSelection() {
        var buffer = Buffer(width: 24, height: 6)
        let list = ListView(count: 50) { Line("contact \($0)") }
        var state = ListState()
        for _ in 0..<30 { state.select(.next, count: 50, visibleHeight: list.visibleRows(in: buffer.area)) }
        list.render(in: buffer.area, to: &buffer, state: state)
        assertSnapshot(buffer, named: "list-scrolled")
        #expect(buffer.lines.last!.hasPrefix("contact 29"))
    }

    @Test func listRendersOnlyVisibleRows() {
        nonisolated(unsafe) var asked: [Int] = []
        let list = ListView(count: 1_000_000) { i in asked.append(i); return Line("row \(i)") }
        var buffer = Buffer(width: 20, height: 10)
        var state = ListState()
        state.select(index: 765_432, count: 1_000_000, visibleHeight: 10)
        list.render(in: buffer.area, to: &buffer, state: state)
        #expect(asked == Array(765_423...765_432))
        #expect(buffer.lines.last!.hasPrefix("row 765432"))
    }

    @Test func emptyListShowsMessage() {
        var buffer = Buffer(width: 30, height: 3)
        ListView(lines: [], emptyMessage: "nobody needs attention today").render(in: buffer.area, to: &buffer, state: ListState())
        assertSnapshot(buffer, named: "list-empty")
    }

    @Test func paragraphWrapsAndScrolls() {
        var buffer = Buffer(width: 64, height: 10)
        let left = Rect(x: 0, y: 0, width: 30, height: 10), right = Rect(x: 32, y: 0, width: 32, height: 10)
        Paragraph(Fixtures.notes).render(in: left, to: &buffer)
        Paragraph(Fixtures.notes, scroll: 3).render(in: right, to: &buffer)
        assertSnapshot(buffer, named: "paragraph")
        #expect(Paragraph(Fixtures.notes).maxScroll(in: left) == 3)
    }

    @Test func statusLineDropsHintsThatDoNotFit() {
        var buffer = Buffer(width: 80, height: 7)
        StatusLine(hints: Fixtures.hints, right: "scored 11:42").render(in: Rect(x: 0, y: 0, width: 80, height: 1), to: &buffer)
        StatusLine(hints: Fixtures.hints, right: "scored 11:42").render(in: Rect(x: 0, y: 1, width: 40, height: 1), to: &buffer)
        StatusLine(hints: Fixtures.hints, right: "scored 11:42").render(in: Rect(x: 0, y: 2, width: 20, height: 1), to: &buffer)
        StatusLine(hints: Fixtures.hints, right: "scored 11:42").render(in: Rect(x: 0, y: 3, width: 9, height: 1), to: &buffer)
        StatusLine(hints: Fixtures.hints, message: .info("promise marked done · u to undo"), right: "scored 11:42")
            .render(in: Rect(x: 0, y: 4, width: 80, height: 1), to: &buffer)
        StatusLine(message: .error("cannot import: line 3: \"\u{1B}[2J\" is not a date"))
            .render(in: Rect(x: 0, y: 5, width: 40, height: 1), to: &buffer)
        StatusLine(hints: Fixtures.hints).render(in: Rect(x: 0, y: 6, width: 3, height: 1), to: &buffer)
        assertSnapshot(buffer, named: "status-line")
    }

    @Test func overlayClearsWhatIsBelow() {
        var buffer = Buffer(width: 40, height: 10)
        for y in 0..<10 { buffer.put("王小明 background text 王小明 background", x: 0, y: y, role: .muted) }
        let inner = Overlay(title: "Snooze", footer: "Esc cancel", width: 21, height: 6).render(in: buffer.area, to: &buffer)
        buffer.put(Line("until 2026-12-01"), in: inner, row: 1)
        assertSnapshot(buffer, named: "overlay")
        #expect(inner == Rect(x: 10, y: 3, width: 19, height: 4))
    }

    @Test func formFieldsErrorsAndCursor() {
        var buffer = Buffer(width: 44, height: 8)
        let view = FormView(state: Fixtures.form())
        view.render(in: buffer.area.inset(by: 1), to: &buffer)
        assertSnapshot(buffer, named: "form")
        #expect(view.cursorPosition(in: buffer.area.inset(by: 1))! == (x: 16, y: 1))
    }

    @Test func sparklineAndDots() {
        var buffer = Buffer(width: 24, height: 4)
        Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 16]).render(in: Rect(x: 0, y: 0, width: 24, height: 1), to: &buffer)
        Sparkline(values: Array(1...30)).render(in: Rect(x: 0, y: 1, width: 10, height: 1), to: &buffer)
        RapportDots(filled: 3, of: 7).render(in: Rect(x: 0, y: 2, width: 24, height: 1), to: &buffer)
        RapportDots(filled: 9, of: 7).render(in: Rect(x: 10, y: 2, width: 24, height: 1), to: &buffer)
        RapportDots(filled: 2, of: 7).render(in: Rect(x: 0, y: 3, width: 4, height: 1), to: &buffer)
        assertSnapshot(buffer, named: "sparkline-dots")
        #expect(Sparkline(values: [0, 0]).line().text == "▁▁")
        #expect(Sparkline(values: [1, 100], maximum: 100).line().text == "▁█")
    }

    @Test(arguments: [(80, 24), (40, 10), (20, 5), (12, 3), (5, 2), (1, 1)])
    func tooSmallNoticeDegrades(width: Int, height: Int) {
        var buffer = Buffer(width: width, height: height)
        TooSmallNotice(needed: Size(width: 60, height: 16), actual: Size(width: width, height: height))
            .render(in: buffer.area, to: &buffer)
        assertSnapshot(buffer, named: "too-small-\(width)x\(height)")
    }

    @Test func helpInColumns() {
        var wide = Buffer(width: 120, height: 40)
        HelpView(entries: Fixtures.help, footer: "↑↓ scroll · Esc close").render(in: wide.area, to: &wide)
        assertSnapshot(wide, named: "help-120x40")
        var medium = Buffer(width: 80, height: 24)
        HelpView(entries: Fixtures.help, footer: "↑↓ scroll · Esc close").render(in: medium.area, to: &medium)
        assertSnapshot(medium, named: "help-80x24")
    }

    @Test func helpScrollsWhenTooTall() {
        let help = HelpView(entries: Fixtures.help)
        let screen = Rect(x: 0, y: 0, width: 30, height: 10)
        #expect(help.maxScroll(in: screen) == 13)
        var buffer = Buffer(width: 30, height: 10)
        var scrolled = help
        scrolled.scroll = 5
        scrolled.render(in: screen, to: &buffer)
        assertSnapshot(buffer, named: "help-30x10-scrolled")
    }
}
