import App
import ArgumentParser

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Add and list events.",
        subcommands: [EventAdd.self, EventList.self])
}

struct EventAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an event; prints its id.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The event's name.") var name: String
    @Option(help: ArgumentHelp("Its day: 2026-03-02, next fri, in 2 weeks.", valueName: "DATE")) var on: String
    @Option(help: ArgumentHelp("Start time, HH:MM (default 19:00).", valueName: "HH:MM")) var time: String?
    @Option(help: ArgumentHelp("Where.", valueName: "PLACE")) var at: String?
    @Option(help: ArgumentHelp("An attendee (repeatable).", valueName: "NAME")) var with: [String] = []
    @Option var notes: String?

    func run() throws {
        let scripting = try database.scripting()
        var input = NewEvent(name: name, on: on)
        input.time = time
        input.location = at
        input.attendees = with
        input.notes = notes
        let (event, attendees) = try userErrors { try scripting.addEvent(input) }
        emit(scripting.text.eventAdded(event, attendees: attendees))
    }
}

struct EventList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Upcoming events, soonest first.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Include past events.") var all = false

    func run() throws {
        let scripting = try database.scripting()
        let (events, names) = try userErrors { try scripting.events(includePast: all) }
        output.json ? emit(ScriptJSON.events(events, names: names)) : emit(scripting.text.events(events, names: names))
    }
}

struct Brief: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prepare for an event: each attendee, how you met, promises both ways, last interactions.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The event: its id or a prefix of its name.") var event: String
    @Flag(help: "Print Markdown.") var markdown = false

    func run() throws {
        let scripting = try database.scripting()
        let brief = try userErrors { try scripting.brief(event) }
        let text = scripting.text
        emit(text.block(brief.text(format: text.format, markdown: markdown)))
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the demo contacts, history and events into an empty database.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let scripting = try database.scripting()
        let seeds = DemoSeeds.locate(environment: database.environment)
        let summary = try userErrors { try scripting.demo(seeds: seeds) }
        emit(scripting.text.demo(summary, path: scripting.store.path))
    }
}
