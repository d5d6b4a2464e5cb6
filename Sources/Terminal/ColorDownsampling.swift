/// Fits a 256-colour index to a terminal with fewer colours, by nearest
/// colour in RGB among those it has. Themes ship 8-colour variants; this
/// keeps a 256-colour theme readable when used anyway.
public enum ColorDownsampling {
    /// `color` (-1 for default, 0...255) as a colour the terminal can show.
    ///
    /// - Parameter colorCount: the terminal's `COLORS`: 256 or more keeps every
    ///   index; 16 to 255 keeps 0-15 and maps the rest to the nearest of them;
    ///   8 to 15 maps bright colours to normal ones and the rest to the nearest
    ///   of 0-7. Below 8 there are no colours: the result is -1.
    public static func color(_ color: Int32, colorCount: Int) -> Int32 {
        guard color >= 0 else { return -1 }
        guard colorCount >= 8 else { return -1 }
        let index = Int(min(color, 255))
        // Between 16 and 255 colours the extra indices are not xterm's: keep 0-15.
        if colorCount >= 256 || index < min(colorCount, 16) { return Int32(index) }
        let available = colorCount >= 16 ? 16 : 8
        if index < 16 { return Int32(index - 8) }  // bright → normal, on 8 colours
        return nearest(to: rgb(index), among: available)
    }

    /// xterm's default RGB for a palette index.
    public static func rgb(_ index: Int) -> (r: Int, g: Int, b: Int) {
        switch index {
        case 0..<16:
            return ansi[index]
        case 16..<232:
            let cube = index - 16
            let level = { (step: Int) in step == 0 ? 0 : 55 + 40 * step }
            return (level(cube / 36), level((cube / 6) % 6), level(cube % 6))
        default:
            let grey = 8 + 10 * (min(index, 255) - 232)
            return (grey, grey, grey)
        }
    }

    private static let ansi: [(r: Int, g: Int, b: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static func nearest(to target: (r: Int, g: Int, b: Int), among count: Int) -> Int32 {
        var best = 0
        var bestDistance = Int.max
        for index in 0..<count {
            let c = ansi[index]
            let distance = (c.r - target.r) * (c.r - target.r)
                + (c.g - target.g) * (c.g - target.g)
                + (c.b - target.b) * (c.b - target.b)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return Int32(best)
    }
}
