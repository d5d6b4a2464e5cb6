/// A run of text in one role: the unit widgets are fed with, so that a row
/// can mix, say, a name in `text` with a reason in `attention.overdue`.
public struct Span: Hashable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role = .text) {
        self.text = text
        self.role = role
    }

    /// Columns the span takes once drawn (control characters count as their
    /// one-cell stand-in).
    public var width: Int { DisplayWidth.drawn(text) }
}
