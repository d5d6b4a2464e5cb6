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

    public func render(in area: Rect, to buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        buffer.fill(clip, role: .text)
        var lines = [Line("!", role: .statusError)]
        for wording in wordings {
            let wrapped = Line(wording, role: .statusError).wrapped(to: clip.width)
            // A wording fits if no word had to be broken and the lines fit.
            let words = wording.split(separator: " ").count
            let brokenWord = wrapped.count > words || wording.split(separator: " ").contains { DisplayWidth.of($0) > clip.width }
            if wrapped.count <= clip.height, !brokenWord {
                lines = wrapped
                break
            }
        }
        let top = clip.y + (clip.height - lines.count) / 2
        for (i, line) in lines.enumerated() {
            let x = clip.x + (clip.width - line.width) / 2
            buffer.put(line, x: x, y: top + i, clip: clip)
        }
    }
}
