// rapport: the executable. Argument parsing only: each command wires App,
// Store and (for the dashboard) the ncurses backend together.
import App
import ArgumentParser
import Foundation

@main
struct Rapport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapport",
        abstract: "A relationship dashboard for the terminal: who needs attention, and why.",
        discussion: """
            With no command, opens the dashboard. Data lives in one SQLite file: --db PATH, \
            else $RAPPORT_DB, else $XDG_DATA_HOME/rapport/rapport.sqlite.

            --db PATH and --theme NAME may also come before the command, as in \
            `rapport --db demo.sqlite list`; they are read as if written after it.
            """,
        version: "0.1.0",
        subcommands: [
            Open.self, Add.self, Log.self, PromiseCommand.self, Done.self, Undone.self,
            SnoozeCommand.self, Unsnooze.self, List.self, Show.self, Timeline.self, Due.self,
            EventCommand.self, Brief.self, Demo.self, Import.self, Export.self, Merge.self, MuttQuery.self,
            Delete.self, TrashCommand.self, Restore.self, Check.self, Capture.self, Sync.self, Suggestions.self,
            Migrate.self, GenerateManual.self,
        ],
        defaultSubcommand: Open.self
    )

    /// Exit codes: 0 ok, 1 a user error with a clear message, 2 usage.
    static func main() {
        do {
            var command = try parseAsRoot(movingLeadingOptions(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as UserError {
            FileHandle.standardError.write(Data("rapport: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            // A bare ExitCode (a command that printed its own errors) has no message: no blank line.
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            if code == .validationFailure { Foundation.exit(2) }
            Foundation.exit(code == .failure ? 1 : code.rawValue)
        }
    }
}

/// A problem the user can fix (unknown name, impossible date, locked
/// database): one line on standard error and exit status 1.
struct UserError: Error {
    let message: String

    init(_ message: String) { self.message = message }
    init(_ error: Error) { self.message = "\(error)" }
}

/// Options every command takes.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The database file, or a team's postgres:// URL.", valueName: "PATH|URL"))
    var db: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `--db`, else `$RAPPORT_DB`, else config.toml's `database`, else the XDG data folder.
    func path(config: Config) -> String {
        Store.resolvePath(explicit: db, configured: config.database, environment: environment)
    }
}
