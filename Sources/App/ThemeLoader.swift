import Foundation
import UI

/// Picks and reads the colour theme: `--theme`, else config.toml's
/// `theme`, else "default"; `NO_COLOR` (any value) or a terminal without
/// colours forces mono. The built-in themes (compiled in from `Themes/`) can
/// be overridden or added to by name with files in the user's theme folder,
/// `$XDG_CONFIG_HOME/rapport/themes/NAME.toml`. A missing or broken theme
/// falls back to the built-in default and says why, for the status line.
public enum ThemeLoader {
    /// The built-in themes, "default" first.
    public static let names: [String] = {
        let names = BuiltInResources.paths.compactMap { path -> String? in
            guard path.hasPrefix("Themes/"), path.hasSuffix(".toml") else { return nil }
            return String(path.dropFirst("Themes/".count).dropLast(".toml".count))
        }
        return names.filter { $0 == "default" } + names.filter { $0 != "default" }
    }()

    /// `$XDG_CONFIG_HOME/rapport/themes` (else `~/.config/rapport/themes`).
    public static func userFolder(environment: [String: String]) -> URL {
        URL(fileURLWithPath: Config.defaultPath(environment: environment))
            .deletingLastPathComponent().appendingPathComponent("themes")
    }

    /// The built-in themes, then the user's additions, by name.
    public static func available(userFolder: URL?) -> [String] {
        let files = userFolder.flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0.path) } ?? []
        let added = files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(".toml".count)) }
            .filter { !names.contains($0) }.sorted()
        return names + added
    }

    public static func load(requested: String?, environment: [String: String], userFolder: URL?,
                            colorCount: Int) -> (theme: Theme, warning: String?) {
        if environment["NO_COLOR"].map({ !$0.isEmpty }) == true || colorCount < 8 {
            return (.mono, nil)
        }
        let name = requested ?? "default"
        let fallback = Theme.ansi.downsampled(toColors: colorCount)
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !name.isEmpty else {
            return (fallback, "theme \(SafeText.visible(name)) is not a theme name; using the default")
        }
        let text: String, path: String
        if let userPath = userFolder?.appendingPathComponent("\(name).toml").path,
           FileManager.default.fileExists(atPath: userPath) {
            guard let data = FileManager.default.contents(atPath: userPath),
                  let decoded = String(data: data, encoding: .utf8) else {
                return (fallback, "theme \(name): \(userPath) cannot be read as UTF-8 text; using the default")
            }
            text = decoded
            path = userPath
        } else if let data = BuiltInResources.file("Themes/\(name).toml") {
            text = String(decoding: data, as: UTF8.self)
            path = "(built-in) Themes/\(name).toml"
        } else {
            let have = available(userFolder: userFolder).joined(separator: ", ")
            return (fallback, "theme \(name) not found (have: \(have)); using the default")
        }
        do {
            let table = try SettingsReader.parse(text, file: path)
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
