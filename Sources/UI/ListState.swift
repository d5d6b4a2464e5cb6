/// Selection and scroll position of a list, kept apart from the list's rows
/// (as ratatui's `ListState`) so App stores it in its state and the reducer
/// moves it without rendering anything.
///
/// Invariant after every operation: when `count > 0`, `selected` is in
/// `0..<count` and lies in `offset..<offset + visibleHeight`.
public struct ListState: Hashable, Sendable {
    /// The selected row, nil when the list is empty.
    public var selected: Int?
    /// The first row shown.
    public var offset: Int

    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    public enum Move: Hashable, Sendable {
        case next, previous, first, last, pageUp, pageDown
    }

    /// Moves the selection and scrolls just enough to keep it in view.
    public mutating func select(_ move: Move, count: Int, visibleHeight: Int) {
        guard count > 0 else { self = ListState(); return }
        let page = max(1, visibleHeight - 1)
        let current = min(selected ?? -1, count - 1)
        let target: Int
        switch move {
        case .next: target = current + 1
        case .previous: target = current < 0 ? 0 : current - 1
        case .first: target = 0
        case .last: target = count - 1
        case .pageDown: target = current + page
        case .pageUp: target = current - page
        }
        select(index: target, count: count, visibleHeight: visibleHeight)
    }

    /// Selects `index` (clamped to the list) and scrolls it into view.
    public mutating func select(index: Int, count: Int, visibleHeight: Int) {
        guard count > 0 else { self = ListState(); return }
        selected = min(max(0, index), count - 1)
        keepVisible(count: count, visibleHeight: visibleHeight)
    }

    /// Restores the invariant after the list or the pane changed size:
    /// clamps the selection, scrolls it into view, and never leaves empty
    /// rows at the bottom while rows above are hidden.
    public mutating func keepVisible(count: Int, visibleHeight: Int) {
        guard count > 0 else { self = ListState(); return }
        let height = max(1, visibleHeight)
        let index = min(max(0, selected ?? 0), count - 1)
        selected = index
        var top = min(max(0, offset), max(0, count - height))
        if index < top { top = index }
        if index >= top + height { top = index - height + 1 }
        offset = top
    }

    /// This state with the invariant restored; what rendering uses.
    public func keptVisible(count: Int, visibleHeight: Int) -> ListState {
        var copy = self
        copy.keepVisible(count: count, visibleHeight: visibleHeight)
        return copy
    }
}
