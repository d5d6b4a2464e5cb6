import Foundation
import Testing
@testable import UI

@Suite struct ThemeTests {
    @Test func parsesColourNames() {
        #expect(Color(parsing: "red") == .red)
        #expect(Color(parsing: " Bright-Blue ") == .brightBlue)
        #expect(Color(parsing: "bright_green") == .brightGreen)
        #expect(Color(parsing: "brightcyan") == .brightCyan)
        #expect(Color(parsing: "grey") == .brightBlack)
        #expect(Color(parsing: "default") == .default)
        #expect(Color(parsing: "238") == .indexed(238))
        #expect(Color(parsing: "9") == .brightRed)
        #expect(Color(parsing: "#ff0000") == .indexed(196))
        #expect(Color(parsing: "#444444") == .indexed(238))
        #expect(Color(parsing: "#5f87af") == .indexed(67))
        for bad in ["", "256", "-1", "reddish", "#12345", "#gggggg", "１２", "bright-", "0x10"] {
            #expect(Color(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func downsamplesTo8And16Colours() {
        #expect(Color.indexed(196).downsampled(toColors: 8) == .red)
        #expect(Color.indexed(196).downsampled(toColors: 16) == .brightRed)
        #expect(Color.indexed(234).downsampled(toColors: 8) == .black)
        #expect(Color.indexed(252).downsampled(toColors: 8) == .white)
        #expect(Color.indexed(24).downsampled(toColors: 8) == .cyan)
        #expect(Color.indexed(75).downsampled(toColors: 8) == .blue)
        #expect(Color.indexed(114).downsampled(toColors: 8) == .green)
        #expect(Color.indexed(114).downsampled(toColors: 16) == .brightGreen)
        #expect(Color.indexed(221).downsampled(toColors: 8) == .yellow)
        #expect(Color.indexed(130).downsampled(toColors: 8) == .yellow)
        #expect(Color.indexed(244).downsampled(toColors: 16) == .brightBlack)
        #expect(Color.brightYellow.downsampled(toColors: 8) == .yellow)
        #expect(Color.indexed(75).downsampled(toColors: 256) == .indexed(75))
        #expect(Color.red.downsampled(toColors: 2) == .default)
        #expect(Color.default.downsampled(toColors: 8) == .default)
        for i in 0...255 {
            let c = Color(index: i).downsampled(toColors: 8)
            #expect(c.index! < 8)
        }
    }

    @Test func collapsedColoursFallBackToDefaultForeground() {
        let look = Appearance(foreground: .indexed(236), background: .black).downsampled(toColors: 8)
        #expect(look == Appearance(foreground: .default, background: .black))
    }

    @Test func derivesRolesFromThePaletteAndOverridesOneByOne() throws {
        let theme = try Theme(name: "t", palette: ["accent": "75", "danger": "red", "surface": "236"],
                              roles: ["list.selection": ["bg": "accent", "bold": "false"], "text.muted": ["dim": "true"]])
        #expect(theme[.title] == Appearance(foreground: .indexed(75), bold: true))
        #expect(theme[.attentionOverdue] == Appearance(foreground: .red, bold: true))
        #expect(theme[.statusBar] == Appearance(background: .indexed(236)))
        #expect(theme[.selection] == Appearance(background: .indexed(75)))
        #expect(theme[.muted] == Appearance(dim: true))
        let changed = theme.overriding(.title, with: Appearance(underline: true))
        #expect(changed[.title] == Appearance(underline: true))
        #expect(changed[.header] == theme[.header])
        for role in Role.allCases { #expect(theme.appearances[role] != nil) }
    }

    @Test func reportsClearErrors() {
        func error(palette: [String: String] = [:], roles: [String: [String: String]] = [:]) -> String {
            do {
                _ = try Theme(name: "t", palette: palette, roles: roles)
                return "no error"
            } catch {
                return String(describing: error)
            }
        }
        #expect(error(palette: ["acent": "red"]).hasPrefix("palette.acent: unknown palette colour (known: background,"))
        #expect(error(palette: ["accent": "reddish"]).hasPrefix("palette.accent: \"reddish\" is not a colour"))
        #expect(error(roles: ["list.selected": [:]]).hasPrefix("roles.\"list.selected\": unknown role (known: text,"))
        #expect(error(roles: ["title": ["colour": "red"]]).hasPrefix("roles.\"title\".colour: unknown attribute (known: fg, bg,"))
        #expect(error(roles: ["title": ["fg": "257"]]).hasPrefix("roles.\"title\".fg: \"257\" is not a colour"))
        #expect(error(roles: ["title": ["bold": "yes"]]) == "roles.\"title\".bold: \"yes\" is not true or false")
        // The first problem in sorted order is reported, so messages are stable.
        #expect(error(roles: ["z.bad": [:], "a.bad": [:]]).hasPrefix("roles.\"a.bad\""))
    }

    @Test func monoUsesNoColour() {
        for role in Role.allCases {
            #expect(Theme.mono[role].foreground == .default && Theme.mono[role].background == .default)
        }
        #expect(Theme.mono[.selection] != Theme.mono[.text])
        #expect(Theme.mono[.attentionOverdue] != Theme.mono[.attentionCalm])
    }

    @Test func ansiFallbackNeedsOnly8Colours() {
        for role in Role.allCases {
            #expect((Theme.ansi[role].foreground.index ?? 0) < 16)
            #expect(Theme.ansi.downsampled(toColors: 8)[role].foreground.index ?? 0 < 8)
        }
    }

    // MARK: The theme files

    static let themeFiles = ["default", "light", "high-contrast", "mono"]

    static func themesDirectory() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes")
    }

    @Test(arguments: themeFiles)
    func everyRoleKeyInTheFileIsAKnownRole(file: String) throws {
        let text = try String(contentsOf: Self.themesDirectory().appendingPathComponent(file + ".toml"), encoding: .utf8)
        let tables = MiniThemeReader.read(text)
        #expect(!tables.roles.isEmpty)
        for key in tables.roles.keys {
            #expect(Role(rawValue: key) != nil, "\(file).toml: unknown role \(key)")
        }
        // And the tables are accepted as a whole.
        #expect(throws: Never.self) { try Theme(name: file, palette: tables.palette, roles: tables.roles) }
    }

    @Test func monoFileMatchesBuiltInMono() throws {
        let text = try String(contentsOf: Self.themesDirectory().appendingPathComponent("mono.toml"), encoding: .utf8)
        let tables = MiniThemeReader.read(text)
        let theme = try Theme(name: "mono", palette: tables.palette, roles: tables.roles)
        for role in Role.allCases { #expect(theme[role] == Theme.mono[role], "\(role.rawValue)") }
    }

    @Test func filesLookRightOn8Colours() throws {
        for file in Self.themeFiles {
            let text = try String(contentsOf: Self.themesDirectory().appendingPathComponent(file + ".toml"), encoding: .utf8)
            let tables = MiniThemeReader.read(text)
            let theme = try Theme(name: file, palette: tables.palette, roles: tables.roles).downsampled(toColors: 8)
            // The selection must stay distinguishable from plain text.
            #expect(theme[.selection] != theme[.text], "\(file)")
            #expect(theme[.attentionOverdue] != theme[.attentionDue], "\(file)")
        }
    }
}

/// Just enough line parsing for the theme files' own shape (`key = "v"` in
/// [palette], `"role" = { k = v, ... }` in [roles]); App reads real TOML.
enum MiniThemeReader {
    static func read(_ text: String) -> (palette: [String: String], roles: [String: [String: String]]) {
        var palette: [String: String] = [:], roles: [String: [String: String]] = [:]
        var table = ""
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") { table = line.trimmingCharacters(in: CharacterSet(charactersIn: "[]")); continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = unquote(line[..<eq])
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            switch table {
            case "palette": palette[key] = unquote(Substring(value))
            case "roles":
                var attributes: [String: String] = [:]
                let inner = value.trimmingCharacters(in: CharacterSet(charactersIn: "{} "))
                for pair in inner.split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    if parts.count == 2 { attributes[unquote(parts[0])] = unquote(parts[1]) }
                }
                roles[key] = attributes
            default: break
            }
        }
        return (palette, roles)
    }

    static func unquote(_ s: Substring) -> String {
        s.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
}
