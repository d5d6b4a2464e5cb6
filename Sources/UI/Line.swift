/// One row of styled text, measured and cut by display width.
///
/// Every cut happens between characters (grapheme clusters), so a wide glyph
/// or an emoji sequence is either kept whole or dropped whole: a line cut to
/// 5 columns may come out 4 wide, and `padded` or `aligned` fill the gap.
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }

    public init(_ text: String, role: Role = .text) { self.spans = [Span(text, role)] }

    public init(stringLiteral value: String) { self.init(value) }

    public static let empty = Line([])

    /// Columns the line takes once drawn.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// The plain text, roles dropped.
    public var text: String { spans.map(\.text).joined() }

    public static func + (lhs: Line, rhs: Line) -> Line { Line(lhs.spans + rhs.spans) }

    /// The line cut to at most `width` columns, ending in `ellipsis` when
    /// anything was cut. The ellipsis takes the role of the text it replaces.
    public func truncated(to width: Int, ellipsis: String = "…") -> Line {
        guard width > 0 else { return .empty }
        if self.width <= width { return self }
        let ellipsisWidth = DisplayWidth.drawn(ellipsis)
        guard ellipsisWidth <= width else { return prefix(columns: width) }
        var kept = prefix(columns: width - ellipsisWidth)
        let role = kept.spans.last?.role ?? spans.first?.role ?? .text
        kept.spans.append(Span(ellipsis, role))
        return kept
    }

    /// The longest leading part that fits in `columns`, no ellipsis.
    public func prefix(columns: Int) -> Line {
        var result: [Span] = []
        var used = 0
        for span in spans {
            var kept = ""
            for character in span.text {
                let w = DisplayWidth.drawn(character)
                if used + w > columns { break }
                used += w
                kept.append(character)
            }
            if !kept.isEmpty { result.append(Span(kept, span.role)) }
            if kept.count < span.text.count { break }
        }
        return Line(result)
    }

    /// The line with trailing spaces of `role` up to `width` columns (no cut).
    public func padded(to width: Int, role: Role = .text) -> Line {
        let gap = width - self.width
        guard gap > 0 else { return self }
        return Line(spans + [Span(String(repeating: " ", count: gap), role)])
    }

    /// The line cut with an ellipsis if too wide, then placed in exactly
    /// `width` columns (one less only when a wide glyph could not fit).
    public func aligned(_ alignment: Alignment, in width: Int, role: Role = .text) -> Line {
        let cut = truncated(to: width)
        let gap = width - cut.width
        guard gap > 0 else { return cut }
        let left: Int
        switch alignment {
        case .left: left = 0
        case .right: left = gap
        case .center: left = gap / 2
        }
        var result = cut.spans
        if left > 0 { result.insert(Span(String(repeating: " ", count: left), role), at: 0) }
        if gap - left > 0 { result.append(Span(String(repeating: " ", count: gap - left), role)) }
        return Line(result)
    }

    /// Right-aligned in `width` columns; shorthand for `aligned(.right, in:)`.
    public func rightAligned(in width: Int, role: Role = .text) -> Line {
        aligned(.right, in: width, role: role)
    }
}
