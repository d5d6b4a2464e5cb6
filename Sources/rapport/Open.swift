import App
import ArgumentParser
import Foundation
import Terminal
import UI

/// `rapport` with no command: the dashboard.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the dashboard (the default).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp(
        "Colour theme: \(ThemeLoader.names.joined(separator: ", ")), or NAME.toml in $XDG_CONFIG_HOME/rapport/themes.",
        valueName: "NAME"))
    var theme: String?

    func run() throws {
        let environment = database.environment
        let config: Config
        do {
            config = try Config.load(path: Config.defaultPath(environment: environment))
        } catch {
            throw UserError(error)
        }
        let store: Store
        do {
            store = try Store(path: database.path(config: config))
            try store.nameMember(name: config.me.name, emails: config.me.emails)
        } catch {
            throw UserError(error)
        }
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend { _ in .plain }
        } catch {
            throw UserError(error)
        }
        let (chosen, warning) = ThemeLoader.load(
            requested: theme ?? config.theme, environment: environment,
            userFolder: ThemeLoader.userFolder(environment: environment),
            colorCount: backend.colorCount)
        backend.setStyles { TerminalStyle(chosen[$0]) }
        let seeds = DemoSeeds.locate(environment: environment)
        let dashboard = Dashboard(
            backend: backend, store: store, config: config, calendar: Calendar.current,
            startupMessages: warning.map { [$0] } ?? [],
            loadDemo: { store in
                try DemoSeeds.load(from: seeds, into: store, now: Date(), calendar: Calendar.current)
            })
        dashboard.run()
        backend.close()
    }
}

extension UserError: CustomStringConvertible {
    var description: String { message }
}
