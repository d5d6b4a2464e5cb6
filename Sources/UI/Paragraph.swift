/// Wrapped, scrollable text: a contact's notes, an event's prep sheet.
///
/// Wrapping is recomputed from the source lines at every render because the
/// width changes on resize; `scroll` counts wrapped lines, so App clamps it
/// with `maxScroll(in:)`.
public struct Paragraph: Hashable, Sendable {
    public var lines: [Line]
    public var scroll: Int

    public init(lines: [Line], scroll: Int = 0) {
        self.lines = lines.flatMap { $0.splitAtNewlines() }
        self.scroll = scroll
    }

    public init(_ text: String, role: Role = .text, scroll: Int = 0) {
        self.init(lines: [Line(text, role: role)], scroll: scroll)
    }

    /// The lines as wrapped to `width`.
    public func wrappedLines(width: Int) -> [Line] {
        lines.flatMap { line in line.spans.isEmpty ? [Line([])] : line.wrapped(to: width) }
    }

    /// The largest useful scroll for `area`.
    public func maxScroll(in area: Rect) -> Int {
        max(0, wrappedLines(width: area.width).count - area.height)
    }

    public func render(in area: Rect, to buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        buffer.fill(clip, role: .text)
        let wrapped = wrappedLines(width: area.width)
        let start = min(max(0, scroll), max(0, wrapped.count - 1))
        for (row, line) in wrapped.dropFirst(start).prefix(area.height).enumerated() {
            buffer.put(line, in: area, row: row)
        }
    }
}
