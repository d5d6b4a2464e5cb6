import Foundation
import Testing
@testable import App
import UI

/// Choosing and reading themes: the shipped files load, NO_COLOR and
/// colourless terminals get mono, and a broken or missing file falls back
/// to the default with a message rather than failing to start.
@Suite struct ThemeLoaderTests {
    let themes = repositoryRoot.appendingPathComponent("Themes")

    @Test(arguments: ThemeLoader.names)
    func shippedThemesLoadWithoutWarnings(_ name: String) {
        let (theme, warning) = ThemeLoader.load(requested: name, environment: [:], userFolder: themes, colorCount: 256)
        #expect(warning == nil)
        #expect(theme[.selection] != theme[.text] || theme[.selection].reverse)
    }

    @Test func lightIsNotTheDefault() {
        let light = ThemeLoader.load(requested: "light", environment: [:], userFolder: themes, colorCount: 256).theme
        let dark = ThemeLoader.load(requested: "default", environment: [:], userFolder: themes, colorCount: 256).theme
        #expect(light != dark)
    }

    @Test func noColorAndColourlessTerminalsGetMono() {
        #expect(ThemeLoader.load(requested: "light", environment: ["NO_COLOR": "1"], userFolder: themes,
                                 colorCount: 256).theme == .mono)
        #expect(ThemeLoader.load(requested: nil, environment: [:], userFolder: themes, colorCount: 0).theme == .mono)
    }

    @Test func eightColourTerminalsGetOnlyTheEightColours() {
        let theme = ThemeLoader.load(requested: "default", environment: [:], userFolder: themes, colorCount: 8).theme
        for role in Role.allCases {
            for color in [theme[role].foreground, theme[role].background] {
                #expect(color.index.map { $0 < 8 } ?? true, "\(role.rawValue) uses \(color.name)")
            }
        }
    }

    @Test func missingAndBrokenThemesFallBackWithAMessage() throws {
        let (_, missing) = ThemeLoader.load(requested: "solarized", environment: [:], userFolder: themes, colorCount: 256)
        #expect(missing?.contains("theme solarized not found") == true)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[roles]\n\"title\" = { fg = \"no-such-colour\" }\n".write(
            to: folder.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        try "[palette\n".write(to: folder.appendingPathComponent("garbled.toml"), atomically: true, encoding: .utf8)
        let (fallback, broken) = ThemeLoader.load(requested: "broken", environment: [:], userFolder: folder, colorCount: 256)
        #expect(broken?.hasPrefix("theme broken:") == true)
        #expect(fallback == Theme.ansi)
        let (_, garbled) = ThemeLoader.load(requested: "garbled", environment: [:], userFolder: folder, colorCount: 256)
        #expect(garbled?.contains("line 1") == true)
        let (_, path) = ThemeLoader.load(requested: "../etc/passwd", environment: [:], userFolder: folder, colorCount: 256)
        #expect(path?.contains("is not a theme name") == true)
    }
}
