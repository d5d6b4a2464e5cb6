/// How the backend draws one role: colours as terminal colour numbers and
/// attributes. App adapts UI's `Theme` to this, so Terminal does not depend
/// on the theme model.
public struct TerminalStyle: Hashable, Sendable {
    /// -1 for the terminal's default colour, else 0...255 (0-7 ANSI, 8-15
    /// bright, 16-255 the xterm cube and greys). Downsampled to what the
    /// terminal has.
    public var foreground: Int32
    public var background: Int32
    public var attributes: Attributes

    public init(foreground: Int32 = -1, background: Int32 = -1, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = TerminalStyle()

    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let underline = Attributes(rawValue: 1 << 2)
        public static let reverse = Attributes(rawValue: 1 << 3)
        public static let italic = Attributes(rawValue: 1 << 4)
    }
}
