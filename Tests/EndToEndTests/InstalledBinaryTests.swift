import Foundation
import Testing
import TestSupport

/// The binary alone is enough (issue 11): a copy of it in a folder of its
/// own, run from yet another folder with an empty HOME and no RAPPORT_SEEDS,
/// loads the demo from the welcome screen and finds every built-in theme;
/// the user's theme folder overrides a built-in theme by name.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct InstalledBinaryTests {
    /// A temp folder with `bin/rapport` (a copy of the binary under test) and an empty `elsewhere/`.
    final class Install {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-installed-\(UUID().uuidString)")
        var binary: String { root.appendingPathComponent("bin/rapport").path }
        var elsewhere: String { root.appendingPathComponent("elsewhere").path }

        init() throws {
            let manager = FileManager.default
            try manager.createDirectory(atPath: root.appendingPathComponent("bin").path, withIntermediateDirectories: true)
            try manager.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
            try copyExecutable(from: TmuxSession.binary, to: binary)
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    @Test func theWelcomeScreensDemoKeyWorksFromAnyFolder() throws {
        let install = try Install()
        let session = try TmuxSession(environment: ["RAPPORT_SEEDS": ""], binary: install.binary,
                                      directory: install.elsewhere)
        try session.waitFor(text: "Welcome to rapport")
        try session.press("D")
        let screen = try session.waitFor("the demo loaded") { $0.contains("Needs attention") || $0.contains("seeds") }
        #expect(screen.contains("Needs attention"), "screen was:\n\(screen)")
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
    }

    @Test(arguments: ["light", "high-contrast", "mono"])
    func everyBuiltInThemeLoadsFromAnyFolder(_ name: String) throws {
        let install = try Install()
        // NO_COLOR emptied: `swift test` sets it, and it would force mono without reading any theme.
        let session = try TmuxSession(arguments: ["--theme", name], environment: ["RAPPORT_SEEDS": "", "NO_COLOR": ""],
                                      binary: install.binary, directory: install.elsewhere)
        let screen = try session.waitFor(text: "Welcome to rapport")
        #expect(!screen.contains("Themes folder") && !screen.contains("using the default"), "screen was:\n\(screen)")
    }

    @Test func aUserThemeOverridesTheBuiltInOneByName() throws {
        let install = try Install()
        // A user light.toml that is not a valid theme: the built-in light loads
        // without a message, so a message about light means the user's file won.
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: config) }
        try FileManager.default.createDirectory(at: config.appendingPathComponent("rapport/themes"),
                                                withIntermediateDirectories: true)
        try "[roles]\n\"title\" = { fg = \"no-such-colour\" }\n".write(
            to: config.appendingPathComponent("rapport/themes/light.toml"), atomically: true, encoding: .utf8)
        let session = try TmuxSession(width: 200, arguments: ["--theme", "light"],
                                      environment: ["XDG_CONFIG_HOME": config.path, "NO_COLOR": ""], binary: install.binary,
                                      directory: install.elsewhere)
        let screen = try session.waitFor(text: "theme light:")
        #expect(screen.contains("is not a colour"), "screen was:\n\(screen)")
    }
}
