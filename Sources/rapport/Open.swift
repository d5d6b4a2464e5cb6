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

    @Option(help: ArgumentHelp("Colour theme: \(ThemeLoader.names.joined(separator: ", ")).", valueName: "NAME"))
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
            store = try Store(path: database.path)
        } catch {
            throw UserError(error)
        }
        let executable = CommandLine.arguments[0]
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend { _ in .plain }
        } catch {
            throw UserError(error)
        }
        let (chosen, warning) = ThemeLoader.load(
            requested: theme ?? config.theme, environment: environment,
            themesFolder: Resources.folder("Themes", environment: environment, executable: executable),
            colorCount: backend.colorCount)
        backend.setStyles { TerminalStyle(chosen[$0]) }
        let seeds = DemoSeeds.locate(environment: environment, executable: executable)
        let dashboard = Dashboard(
            backend: backend, store: store, config: config, calendar: Calendar.current,
            startupMessages: warning.map { [$0] } ?? [],
            loadDemo: { store in
                guard let seeds else { throw UserError("the seeds folder was not found (set RAPPORT_SEEDS)") }
                try DemoSeeds.load(from: seeds, into: store, now: Date(), calendar: Calendar.current)
            })
        dashboard.run()
        backend.close()
    }
}

extension UserError: CustomStringConvertible {
    var description: String { message }
}
