/// Progress toward rapport as dots, ●●●○○○○: rapport takes several touches
/// (playbook rule 4), and dots say "3 of 7" faster than a number.
public struct RapportDots: Hashable, Sendable {
    public var filled: Int
    public var total: Int

    public init(filled: Int, of total: Int) {
        self.total = max(0, total)
        self.filled = min(max(0, filled), self.total)
    }

    /// The dots as a line, to put in a table cell.
    public var line: Line {
        var spans: [Span] = []
        if filled > 0 { spans.append(Span(String(repeating: "●", count: filled), .dotFilled)) }
        if total > filled { spans.append(Span(String(repeating: "○", count: total - filled), .dotEmpty)) }
        return Line(spans)
    }

    public func render(in area: Rect, to buffer: inout Buffer) {
        guard area.height > 0 else { return }
        buffer.put(line, x: area.x, y: area.y, clip: area)
    }
}
