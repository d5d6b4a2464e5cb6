/// A terminal colour: the terminal's default, one of the 16 ANSI colours,
/// or an index into the 256-colour palette.
///
/// Themes name colours; nothing else in the code base does (STYLE.md §5).
public enum Color: Hashable, Sendable {
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
    case indexed(UInt8)

    /// The 16 named colours in ANSI order (index 0…15).
    public static let ansi: [Color] = [
        .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
        .brightBlack, .brightRed, .brightGreen, .brightYellow, .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
    ]

    /// Names as written in theme files, in ANSI order.
    public static let names: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// The 256-palette index, nil for `.default`.
    public var index: Int? {
        switch self {
        case .default: return nil
        case .indexed(let i): return Int(i)
        default: return Color.ansi.firstIndex(of: self)
        }
    }

    /// The colour for a 256-palette index: named for 0…15.
    public init(index: Int) {
        let i = min(max(0, index), 255)
        self = i < 16 ? Color.ansi[i] : .indexed(UInt8(i))
    }

    /// The name a theme file would use: "red", "bright-blue", "238", "default".
    public var name: String {
        switch self {
        case .default: return "default"
        case .indexed(let i): return String(i)
        default: return Color.names[index!]
        }
    }
}
