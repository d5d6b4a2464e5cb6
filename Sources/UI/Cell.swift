// UI: rapport's screens as data. Widgets draw into an in-memory `Buffer` of
// cells; nothing here calls curses, so every screen is testable as text.
// May import Foundation only; App and Terminal import it.

/// One terminal cell: a grapheme and the role that styles it.
///
/// A wide glyph (CJK, emoji) takes two cells: the first holds the grapheme
/// with `width == 2`, the second is a continuation with empty `text`.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var width: UInt8
    public var role: Role

    public init(text: String, width: UInt8, role: Role) {
        self.text = text
        self.width = width
        self.role = role
    }

    public static let blank = Cell(text: " ", width: 1, role: .text)

    public var isContinuation: Bool { width == 0 && text.isEmpty }
}
