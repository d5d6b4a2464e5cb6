import Testing
@testable import UI

@Suite struct BufferDiffTests {
    private func buffer(_ lines: [String], width: Int, role: Role = .text) -> Buffer {
        var buffer = Buffer(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { buffer.put(line, x: 0, y: y, role: role) }
        return buffer
    }

    @Test func firstFrameIsEveryCellInRunsOfOneRole() {
        var frame = Buffer(width: 6, height: 2)
        frame.put("ab", x: 0, y: 0, role: .title)
        frame.put("cd", x: 2, y: 0, role: .text)
        #expect(frame.changes(since: nil) == [
            BufferRun(x: 0, y: 0, text: "ab", role: .title, width: 2),
            BufferRun(x: 2, y: 0, text: "cd  ", role: .text, width: 4),
            BufferRun(x: 0, y: 1, text: "      ", role: .text, width: 6),
        ])
    }

    @Test func identicalFramesHaveNoChanges() {
        let frame = buffer(["hello", "王🎉 x"], width: 8)
        #expect(frame.changes(since: frame).isEmpty)
    }

    @Test func onlyChangedCellsAreSentAndGapsSplitRuns() {
        let before = buffer(["abcdef"], width: 6)
        let after = buffer(["aXcYZf"], width: 6)
        #expect(after.changes(since: before) == [
            BufferRun(x: 1, y: 0, text: "X", role: .text, width: 1),
            BufferRun(x: 3, y: 0, text: "YZ", role: .text, width: 2),
        ])
    }

    @Test func aRoleChangeAloneIsAChangeAndSplitsTheRun() {
        let before = buffer(["abcd"], width: 4)
        var after = before
        after.put("bc", x: 1, y: 0, role: .selection)
        after.put("d", x: 3, y: 0, role: .title)
        #expect(after.changes(since: before) == [
            BufferRun(x: 1, y: 0, text: "bc", role: .selection, width: 2),
            BufferRun(x: 3, y: 0, text: "d", role: .title, width: 1),
        ])
    }

    @Test func aNewSizeSendsTheWholeFrame() {
        let before = buffer(["ab"], width: 2)
        let after = buffer(["ab", "cd"], width: 2)
        #expect(after.changes(since: before) == after.changes(since: nil))
        #expect(after.changes(since: before).count == 2)
    }

    @Test func aChangedWideGlyphIsSentWhole() {
        let before = buffer(["a王b"], width: 4)
        let after = buffer(["a玉b"], width: 4)
        #expect(after.changes(since: before) == [BufferRun(x: 1, y: 0, text: "玉", role: .text, width: 2)])
    }

    @Test func aChangeInTheContinuationHalfStartsTheRunAtTheGlyph() {
        let before = buffer(["a王b"], width: 4)
        var after = before
        after[2, 0] = Cell(text: "", width: 0, role: .title)
        let runs = after.changes(since: before)
        #expect(runs == [BufferRun(x: 1, y: 0, text: "王", role: .text, width: 2)])
    }

    @Test func aFullFrameNeverStartsARunOnAContinuation() {
        var frame = buffer(["王🎉ab"], width: 6)
        frame[1, 0] = Cell(text: "", width: 0, role: .title)
        for run in frame.changes(since: nil) {
            #expect(!frame[run.x, run.y].isContinuation)
        }
        #expect(frame.changes(since: nil).map(\.text).joined() == "王🎉ab")
    }

    @Test func narrowTextOverAWideGlyphSendsBothColumns() {
        let before = buffer(["王b"], width: 3)
        let after = buffer(["xyb"], width: 3)
        #expect(after.changes(since: before) == [BufferRun(x: 0, y: 0, text: "xy", role: .text, width: 2)])
    }

    @Test func wideGlyphOverNarrowTextIncludesItsSecondHalf() {
        let before = buffer(["xyz"], width: 3)
        let after = buffer(["王z"], width: 3)
        #expect(after.changes(since: before) == [BufferRun(x: 0, y: 0, text: "王", role: .text, width: 2)])
    }

    @Test func anOrphanContinuationIsSentAsASpace() {
        var frame = Buffer(width: 3, height: 1)
        frame[0, 0] = Cell(text: "", width: 0, role: .text)
        #expect(frame.changes(since: nil) == [BufferRun(x: 0, y: 0, text: "   ", role: .text, width: 3)])
    }

    @Test func runWidthsAddUpToTheRowWidth() {
        let frame = buffer(["王🎉 é ok", "日本語テキスト"], width: 10)
        for y in 0..<2 {
            #expect(frame.changes(since: nil).filter { $0.y == y }.map(\.width).reduce(0, +) == 10)
        }
    }
}
