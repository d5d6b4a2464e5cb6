/// One field of a form being edited: its label, text, cursor and error.
///
/// The cursor counts characters (grapheme clusters), not bytes or columns,
/// so moving over 王 or 🎉 takes one key press and never lands inside it.
public struct FormField: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case text
        /// One of a fixed set of values, cycled rather than typed.
        case choice([String])
    }

    public var label: String
    public var kind: Kind
    public var value: String
    /// Characters before the cursor, `0...value.count`.
    public var cursor: Int
    /// First display column shown; rendering adjusts it to keep the cursor in view.
    public var scroll: Int
    /// Shown under the field in `input.error`, e.g. "not a date".
    public var error: String?

    public init(label: String, kind: Kind = .text, value: String = "", error: String? = nil) {
        self.label = label
        self.kind = kind
        self.value = value
        self.cursor = value.count
        self.scroll = 0
        self.error = error
    }

    /// Display column of the cursor within the value.
    public var cursorColumn: Int { DisplayWidth.drawn(value.prefix(cursor)) }

    /// `scroll` adjusted so the cursor shows in a field `width` columns wide,
    /// with the cell after the text counted (the cursor may sit there).
    public func visibleScroll(width: Int) -> Int {
        guard width > 0 else { return 0 }
        let column = cursorColumn
        let cursorWidth = cursor < value.count ? DisplayWidth.drawn(value[value.index(value.startIndex, offsetBy: cursor)]) : 1
        var start = min(max(0, scroll), column)
        if column + cursorWidth > start + width { start = column + cursorWidth - width }
        return max(0, start)
    }
}
