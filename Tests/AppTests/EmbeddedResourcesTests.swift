import Foundation
import Testing
@testable import App

/// The demo data and themes compiled into the binary are exactly the
/// repository's `seeds/` and `Themes/` files (the EmbedResources plugin
/// rebuilds them; this fails if the two ever differ), and user themes
/// override or add to the built-in ones by name.
@Suite struct EmbeddedResourcesTests {
    static let themeFiles = ((try? FileManager.default.contentsOfDirectory(
        atPath: repositoryRoot.appendingPathComponent("Themes").path)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()

    @Test func embeddedFilesEqualTheRepositorysFiles() throws {
        let expected = ["seeds/contacts.vcf", "seeds/history.toml"] + Self.themeFiles.map { "Themes/" + $0 }
        #expect(BuiltInResources.paths == expected.sorted())
        for path in expected {
            let source = try Data(contentsOf: repositoryRoot.appendingPathComponent(path))
            #expect(BuiltInResources.file(path) == source, "\(path) differs from the built-in copy: rebuild")
        }
    }

    @Test func themeNamesAreTheThemesFolderWithDefaultFirst() {
        #expect(ThemeLoader.names.first == "default")
        #expect(Set(ThemeLoader.names) == Set(Self.themeFiles.map { String($0.dropLast(".toml".count)) }))
        #expect(ThemeLoader.names.contains("light"))
    }

    @Test func builtInThemesLoadWithNoFolderAtAll() {
        for name in ThemeLoader.names {
            let (_, warning) = ThemeLoader.load(requested: name, environment: [:], userFolder: nil, colorCount: 256)
            #expect(warning == nil, "\(name): \(warning ?? "")")
        }
    }

    @Test func theBuiltInDemoLoads() throws {
        let fx = try ScriptingFixture()
        let summary = try fx.scripting().demo()
        #expect(summary.contacts == 40 && summary.events > 0)
        #expect(DemoSeeds.locate(environment: [:]) == .builtIn)
        #expect(DemoSeeds.locate(environment: ["RAPPORT_SEEDS": "/x"]) == .folder(URL(fileURLWithPath: "/x")))
    }

    @Test func aUserThemeOverridesABuiltInOneByNameAndCanAddOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-user-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let builtInLight = ThemeLoader.load(requested: "light", environment: [:], userFolder: nil, colorCount: 256).theme
        let mono = try String(contentsOf: repositoryRoot.appendingPathComponent("Themes/mono.toml"), encoding: .utf8)
        // Given a user light.toml holding the mono theme and a new solarized.toml
        try mono.write(to: folder.appendingPathComponent("light.toml"), atomically: true, encoding: .utf8)
        try mono.write(to: folder.appendingPathComponent("solarized.toml"), atomically: true, encoding: .utf8)
        // When light is chosen, then the user's file wins
        let (light, warning) = ThemeLoader.load(requested: "light", environment: [:], userFolder: folder, colorCount: 256)
        #expect(warning == nil)
        #expect(light != builtInLight)
        #expect(light == ThemeLoader.load(requested: "mono", environment: [:], userFolder: nil, colorCount: 256).theme)
        // and a new name is one more theme, listed after the built-in ones.
        #expect(ThemeLoader.load(requested: "solarized", environment: [:], userFolder: folder, colorCount: 256).warning == nil)
        #expect(ThemeLoader.available(userFolder: folder) == ThemeLoader.names + ["solarized"])
        #expect(ThemeLoader.userFolder(environment: ["XDG_CONFIG_HOME": "/c"]).path == "/c/rapport/themes")
        #expect(ThemeLoader.userFolder(environment: ["HOME": "/h"]).path == "/h/.config/rapport/themes")
    }
}
