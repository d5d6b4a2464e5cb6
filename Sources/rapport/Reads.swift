import App
import ArgumentParser

/// `--json` for the commands that print data.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON (sorted keys, UTC instants, YYYY-MM-DD days).") var json = false
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List contacts by name.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this circle: inner, active, network, acquaintance, archived.") var circle: String?
    @Flag(help: "Include archived contacts.") var archived = false

    func run() throws {
        let scripting = try database.scripting()
        if output.json {
            emit(ScriptJSON.list(try userErrors { try scripting.list(circle: circle, includeArchived: archived) }))
        } else {
            emit(scripting.text.list(try userErrors { try scripting.listLines(circle: circle, includeArchived: archived) }))
        }
    }
}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a contact: details, why it needs attention, promises, recent interactions, events.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Who: an id or an unambiguous prefix of a name.") var name: String

    func run() throws {
        let scripting = try database.scripting()
        let detail = try userErrors { try scripting.show(name) }
        output.json ? emit(ScriptJSON.show(detail)) : emit(scripting.text.show(detail))
    }
}

struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "A contact's interactions and promises, newest first.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Who: an id or an unambiguous prefix of a name.") var name: String

    func run() throws {
        let scripting = try database.scripting()
        let timeline = try userErrors { try scripting.timeline(name) }
        output.json ? emit(ScriptJSON.timeline(timeline)) : emit(scripting.text.timeline(timeline))
    }
}

struct Due: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who needs attention, highest score first, with the reasons in words.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Include contacts with nothing due and snoozed ones.") var all = false
    @Flag(help: "On a team's book: the team's view, where anyone's touch counts (default: your own).") var team = false

    func run() throws {
        let scripting = try database.scripting()
        let items = try userErrors { try scripting.due(all: all, team: team) }
        output.json ? emit(ScriptJSON.due(items)) : emit(scripting.text.due(items))
    }
}
