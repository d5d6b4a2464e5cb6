/// A row of bars, one cell per value: interactions per week, at a glance.
///
/// Zero is drawn as a muted "▁" rather than a blank so the baseline shows and
/// a quiet month reads as quiet, not as missing data; any non-zero value gets
/// at least the lowest bar in the sparkline role, so it never looks like zero.
public struct Sparkline: Hashable, Sendable {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var values: [Double]
    /// The value drawn as a full bar; the largest value when nil.
    public var maximum: Double?

    public init(values: [Double], maximum: Double? = nil) {
        self.values = values
        self.maximum = maximum
    }

    public init(values: [Int], maximum: Int? = nil) {
        self.init(values: values.map(Double.init), maximum: maximum.map(Double.init))
    }

    /// The bars for the last `width` values (the most recent are kept).
    public func line(width: Int? = nil) -> Line {
        let shown = width.map { Array(values.suffix(max(0, $0))) } ?? values
        let top = maximum ?? shown.max() ?? 0
        var spans: [Span] = []
        for value in shown {
            let level: Int
            if !(value > 0) || !(top > 0) || !value.isFinite {
                level = 0
            } else {
                level = min(8, max(1, Int((value / top * 8).rounded(.up))))
            }
            let role: Role = level == 0 ? .muted : .sparkline
            let glyph = String(Sparkline.bars[max(0, level - 1)])
            if let last = spans.last, last.role == role {
                spans[spans.count - 1].text += glyph
            } else {
                spans.append(Span(glyph, role))
            }
        }
        return Line(spans)
    }

    public func render(in area: Rect, to buffer: inout Buffer) {
        guard area.height > 0 else { return }
        buffer.put(line(width: area.width), x: area.x, y: area.y, clip: area)
    }
}
