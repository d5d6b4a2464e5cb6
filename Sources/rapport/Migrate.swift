import App
import ArgumentParser
import Foundation

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the whole book into another, empty one: a file into a team's PostgreSQL database, or back.",
        discussion: """
            Copies everything of the book --db names (contacts, interactions, promises, events, snoozes, \
            the trash, capture and sync state), ids included, into the book --to names, which is created \
            when missing and must have no contacts. One transaction: if anything fails, or the command is \
            killed, the destination is left as it was. The source is not changed. Prints the counts copied.

            A team's book comes with its members, each interaction and promise still theirs; it is copied \
            by the role that owns its tables, since row-level security hides teammates' private \
            interactions from the others.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The destination: a postgres:// URL or a file.", valueName: "URL|FILE"))
    var to: String
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if to.isEmpty { throw ValidationError("--to needs a postgres:// URL or a file") }
    }

    func run() throws {
        let (scripting, destination, me) = try userErrors { () throws -> (Scripting, String, Me) in
            let environment = database.environment
            let config = try Config.load(path: Config.defaultPath(environment: environment), environment: environment)
            let source = database.path(config: config)
            // Opening a missing file would create an empty book, and copy nothing.
            if !PostgresLocation.isURL(source) && !FileManager.default.fileExists(atPath: source) {
                throw UserError("no book at \(source): name the one to copy with --db")
            }
            return (try database.scripting(), Store.resolvePath(explicit: to, environment: environment), config.me)
        }
        let bar = ProgressBar(enabled: isatty(2) == 1)
        let report: MigrateReport
        do {
            report = try userErrors { try scripting.migrate(to: destination, me: me, progress: bar.update) }
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        output.json ? emit(ScriptJSON.migrated(report)) : emit(scripting.text.migrated(report))
    }
}
