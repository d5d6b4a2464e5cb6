/// A key press, decoded by the terminal backend. App's keymap turns keys into
/// commands; the reducer never sees them.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl with a letter, lowercase: `.control("c")`.
    case control(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete, insert
    case function(Int)
    case resize
}
