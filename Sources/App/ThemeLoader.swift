import Foundation
import UI

/// Picks and reads the colour theme: `--theme`, else config.toml's
/// `theme`, else "default"; `NO_COLOR` (any value) or a terminal without
/// colours forces mono. A missing or broken theme file falls back to the
/// built-in default and says why, for the status line.
public enum ThemeLoader {
    public static let names = ["default", "light", "high-contrast", "mono"]

    public static func load(requested: String?, environment: [String: String], themesFolder: URL?,
                            colorCount: Int) -> (theme: Theme, warning: String?) {
        if environment["NO_COLOR"].map({ !$0.isEmpty }) == true || colorCount < 8 {
            return (.mono, nil)
        }
        let name = requested ?? "default"
        let fallback = Theme.ansi.downsampled(toColors: colorCount)
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !name.isEmpty else {
            return (fallback, "theme \(SafeText.visible(name)) is not a theme name; using the default")
        }
        guard let folder = themesFolder else {
            return (fallback, name == "default" ? nil : "no Themes folder found; using the default theme")
        }
        let path = folder.appendingPathComponent("\(name).toml").path
        guard FileManager.default.fileExists(atPath: path) else {
            return (fallback, "theme \(name) not found (have: \(names.joined(separator: ", "))); using the default")
        }
        do {
            let table = try SettingsReader.load(path: path)
            let palette = (table["palette"]?.table ?? [:]).compactMapValues(\.string)
            var roles: [String: [String: String]] = [:]
            for (role, value) in table["roles"]?.table ?? [:] {
                roles[role] = (value.table ?? [:]).mapValues { v in
                    v.string ?? v.bool.map { $0 ? "true" : "false" } ?? "\(v)"
                }
            }
            let theme = try Theme(name: table["name"]?.string ?? name, palette: palette, roles: roles)
            return (theme.downsampled(toColors: colorCount), nil)
        } catch {
            return (fallback, "theme \(name): \(error); using the default")
        }
    }
}
