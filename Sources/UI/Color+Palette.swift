extension Color {
    /// Approximate RGB of a 256-palette index, as xterm draws it. Used only to
    /// find nearest colours (for "#rrggbb" and 8-colour downsampling); real
    /// terminals vary in 0…15, which is why themes prefer indices ≥ 16.
    static func rgb(ofIndex index: Int) -> (r: Int, g: Int, b: Int) {
        let basic: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return basic[max(0, index)] }
        if index >= 232 {
            let level = 8 + 10 * (index - 232)
            return (level, level, level)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let i = index - 16
        return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
    }

    /// The palette index in `candidates` closest to `rgb`, by a weighted
    /// distance that tracks perceived difference better than plain RGB.
    static func nearest(to target: (r: Int, g: Int, b: Int), among candidates: some Sequence<Int>) -> Int {
        var best = 0, bestDistance = Int.max
        for candidate in candidates {
            let c = rgb(ofIndex: candidate)
            let dr = c.r - target.r, dg = c.g - target.g, db = c.b - target.b
            let distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db
            if distance < bestDistance { best = candidate; bestDistance = distance }
        }
        return best
    }

    /// The nearest colour of the 6×6×6 cube and grey ramp (16…255) to an
    /// RGB value; 0…15 are skipped because terminals redefine them.
    public static func nearest(red: Int, green: Int, blue: Int) -> Color {
        .indexed(UInt8(nearest(to: (red, green, blue), among: 16...255)))
    }

    /// This colour as a terminal with `colors` colours can show it: 256 and
    /// up unchanged; 16: indices mapped to the nearest ANSI colour; 8: bright
    /// variants become their base colour; fewer: the default colour.
    public func downsampled(toColors colors: Int) -> Color {
        guard let index else { return self }
        if colors >= 256 { return self }
        if colors >= 16 {
            return index < 16 ? self : Color(index: Color.nearest(to: Color.rgb(ofIndex: index), among: 0..<16))
        }
        if colors >= 8 {
            if index < 16 { return Color(index: index % 8) }
            return Color(index: Color.nearest(to: Color.rgb(ofIndex: index), among: 0..<8))
        }
        return .default
    }
}
