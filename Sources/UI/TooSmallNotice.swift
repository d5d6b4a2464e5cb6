/// What the whole screen shows when the terminal is smaller than the layout
/// needs, instead of a garbled dashboard.
///
/// It must draw something sensible at any size down to 1×1 (and nothing at
/// 0×0): it tries shorter and shorter wordings and takes the first that fits.
public struct TooSmallNotice: Hashable, Sendable {
    public var needed: Size
    public var actual: Size

    public init(needed: Size, actual: Size) {
        self.needed = needed
        self.actual = actual
    }

    var wordings: [String] {
        let need = "\(needed.width)x\(needed.height)", have = "\(actual.width)x\(actual.height)"
        return [
            "terminal too small: need \(need), have \(have)",
            "too small: need \(need), have \(have)",
            "need \(need) have \(have)",
            "need \(need)",
            "too small",
            "small",
        ]
    }

    /// The first wording that fits on one line, else the first that fits
    /// wrapped without breaking a word, else "!".
    func bestFit(width: Int, height: Int) -> [Line] {
        let candidates = wordings.map { Line($0, role: .statusError) }
        if let one = candidates.first(where: { $0.width <= width }), height >= 1 { return [one] }
        for line in candidates {
            let wrapped = line.wrapped(to: width)
            let words = line.text.split(separator: " ")
            if wrapped.count <= height, wrapped.count <= words.count,
               !words.contains(where: { DisplayWidth.of($0) > width }) {
                return wrapped
            }
        }
        return [Line("!", role: .statusError)]
    }

    public func render(in area: Rect, to buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        buffer.fill(clip, role: .text)
        let lines = bestFit(width: clip.width, height: clip.height)
        let top = clip.y + (clip.height - lines.count) / 2
        for (i, line) in lines.enumerated() {
            let x = clip.x + (clip.width - line.width) / 2
            buffer.put(line, x: x, y: top + i, clip: clip)
        }
    }
}
