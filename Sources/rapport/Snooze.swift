import App
import ArgumentParser

struct SnoozeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snooze", abstract: "Keep a contact off the attention list until a day.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Who: an id or an unambiguous prefix of a name.") var name: String
    @Option(help: ArgumentHelp("A day after today: 2026-04-01, 2w, next mon.", valueName: "DATE")) var until: String

    func run() throws {
        let scripting = try database.scripting()
        let (contact, day) = try userErrors { try scripting.snooze(name, until: until) }
        emit(scripting.text.snoozed(contact, until: day))
    }
}

struct Unsnooze: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Put a snoozed contact back on the attention list.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Who: an id or an unambiguous prefix of a name.") var name: String

    func run() throws {
        let scripting = try database.scripting()
        let (contact, was) = try userErrors { try scripting.unsnooze(name) }
        emit(scripting.text.unsnoozed(contact, was: was))
    }
}
