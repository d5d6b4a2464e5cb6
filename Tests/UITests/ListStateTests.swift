import Testing
@testable import UI

@Suite struct ListStateTests {
    @Test func movesAndKeepsSelectionVisible() {
        var state = ListState()
        state.select(.next, count: 100, visibleHeight: 10)
        #expect(state == ListState(selected: 0, offset: 0))
        for _ in 0..<12 { state.select(.next, count: 100, visibleHeight: 10) }
        #expect(state == ListState(selected: 12, offset: 3))
        state.select(.pageDown, count: 100, visibleHeight: 10)
        #expect(state == ListState(selected: 21, offset: 12))
        state.select(.last, count: 100, visibleHeight: 10)
        #expect(state == ListState(selected: 99, offset: 90))
        state.select(.next, count: 100, visibleHeight: 10)
        #expect(state.selected == 99)
        state.select(.pageUp, count: 100, visibleHeight: 10)
        #expect(state == ListState(selected: 90, offset: 90))
        state.select(.previous, count: 100, visibleHeight: 10)
        #expect(state == ListState(selected: 89, offset: 89))
        state.select(.first, count: 100, visibleHeight: 10)
        #expect(state == ListState(selected: 0, offset: 0))
    }

    @Test func emptyListHasNoSelection() {
        var state = ListState(selected: 5, offset: 3)
        state.select(.next, count: 0, visibleHeight: 10)
        #expect(state == ListState())
    }

    @Test func shrinkingListOrPaneClamps() {
        var state = ListState(selected: 50, offset: 45)
        state.keepVisible(count: 20, visibleHeight: 10)
        #expect(state == ListState(selected: 19, offset: 10))
        state.keepVisible(count: 20, visibleHeight: 3)
        #expect(state == ListState(selected: 19, offset: 17))
        state.keepVisible(count: 20, visibleHeight: 0)
        #expect(state.selected == 19 && state.offset == 19)
    }

    @Test func invariantHoldsOverRandomMoves() {
        var generator = SystemRandomNumberGenerator()
        let moves: [ListState.Move] = [.next, .previous, .first, .last, .pageUp, .pageDown]
        var state = ListState()
        for _ in 0..<2000 {
            let count = Int.random(in: 0...40, using: &generator)
            let height = Int.random(in: 1...12, using: &generator)
            state.select(moves.randomElement(using: &generator)!, count: count, visibleHeight: height)
            if count == 0 {
                #expect(state.selected == nil)
            } else {
                let s = state.selected!
                #expect(s >= 0 && s < count)
                #expect(s >= state.offset && s < state.offset + height)
            }
        }
    }
}
