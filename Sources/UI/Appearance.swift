/// How one role looks: colours and attributes, as a terminal can show them.
public struct Appearance: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool
    public var italic: Bool

    public init(foreground: Color = .default, background: Color = .default, bold: Bool = false, dim: Bool = false,
                underline: Bool = false, reverse: Bool = false, italic: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
        self.italic = italic
    }

    public static let plain = Appearance()

    /// Colours as a terminal with `colors` colours shows them. When two
    /// different colours collapse into one (dark grey on black, say), the
    /// foreground falls back to the default so the text stays readable.
    public func downsampled(toColors colors: Int) -> Appearance {
        var copy = self
        copy.foreground = foreground.downsampled(toColors: colors)
        copy.background = background.downsampled(toColors: colors)
        if copy.foreground == copy.background, copy.foreground != .default, foreground != background {
            copy.foreground = .default
        }
        return copy
    }
}
