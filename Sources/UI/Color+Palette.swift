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

    /// This colour as a terminal with `colors` colours shows it: 256 and
    /// up unchanged; 16 and 8: a palette index becomes the ANSI colour of
    /// the same hue (bright variants only with 16); fewer: the default.
    ///
    /// By hue rather than by RGB distance: a pastel green (114) is nearer
    /// to white than to ANSI green in RGB, but a theme meant "green".
    public func downsampled(toColors colors: Int) -> Color {
        guard let index else { return self }
        if colors >= 256 { return self }
        if colors < 8 { return .default }
        if index < 16 { return colors >= 16 ? self : Color(index: index % 8) }
        let (r, g, b) = Color.rgb(ofIndex: index)
        let high = max(r, g, b), low = min(r, g, b), spread = high - low
        if spread * 10 < high * 3 || high < 80 {
            // Grey: by lightness.
            let light = (high + low) / 2
            if colors >= 16 { return light < 60 ? .black : light < 160 ? .brightBlack : light < 230 ? .white : .brightWhite }
            return light < 128 ? .black : .white
        }
        let d = Double(spread)
        var hue: Double
        if high == r {
            hue = 60 * (Double(g - b) / d)
        } else if high == g {
            hue = 60 * (2 + Double(b - r) / d)
        } else {
            hue = 60 * (4 + Double(r - g) / d)
        }
        if hue < 0 { hue += 360 }
        let sector = Int((hue / 60).rounded()) % 6
        let base: [Color] = [.red, .yellow, .green, .cyan, .blue, .magenta]
        let color = base[sector]
        return colors >= 16 && high >= 215 ? Color(index: color.index! + 8) : color
    }
}
