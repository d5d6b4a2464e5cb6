/// The few colours a theme is made of; every role's look is derived from
/// these (as Textual's design system does), so a new theme is a dozen lines
/// and roles stay consistent with each other.
public struct Palette: Hashable, Sendable {
    public var background: Color = .default
    public var foreground: Color = .default
    public var muted: Color = .default
    public var accent: Color = .default
    /// Bars and input boxes: a little off the background.
    public var surface: Color = .default
    public var selection: Color = .default
    public var border: Color = .default
    public var danger: Color = .default
    public var warning: Color = .default
    public var success: Color = .default

    public init() {}

    /// Slot names as written in a theme's `[palette]` table.
    public static let slots: [String] = [
        "background", "foreground", "muted", "accent", "surface", "selection", "border", "danger", "warning", "success",
    ]

    public subscript(slot: String) -> Color? {
        get {
            switch slot {
            case "background": return background
            case "foreground": return foreground
            case "muted": return muted
            case "accent": return accent
            case "surface": return surface
            case "selection": return selection
            case "border": return border
            case "danger": return danger
            case "warning": return warning
            case "success": return success
            default: return nil
            }
        }
        set {
            let color = newValue ?? .default
            switch slot {
            case "background": background = color
            case "foreground": foreground = color
            case "muted": muted = color
            case "accent": accent = color
            case "surface": surface = color
            case "selection": selection = color
            case "border": border = color
            case "danger": danger = color
            case "warning": warning = color
            case "success": success = color
            default: break
            }
        }
    }
}
