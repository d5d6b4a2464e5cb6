import App
import ArgumentParser

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Log an interaction with one or more contacts (several names: one interaction with all of them).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Who: an id (12, #12) or an unambiguous prefix of a name.") var names: [String]
    @Option(help: ArgumentHelp("meeting, call, message, email, intro, gift, help, favour-asked, pitch, social, event, note.",
                               valueName: "KIND"))
    var kind: String
    @Option(help: ArgumentHelp("When (default today): 2026-03-02, yesterday, \"3 days ago\".", valueName: "DATE"))
    var on: String?
    @Option var summary: String?
    @Option var notes: String?
    @Option(help: ArgumentHelp("give, ask or neutral (default: from the kind).", valueName: "DIRECTION"))
    var direction: String?
    @Flag(help: "On a team's book: only you can read it (the others' summaries still count it as a touch).")
    var `private` = false

    func validate() throws {
        if names.isEmpty { throw ValidationError("Name at least one contact.") }
    }

    func run() throws {
        let scripting = try database.scripting()
        var input = NewInteraction(names: names, kind: kind)
        input.on = on
        input.summary = summary
        input.notes = notes
        input.direction = direction
        input.isPrivate = `private`
        let (interaction, contacts) = try userErrors { try scripting.log(input) }
        emit(scripting.text.logged(interaction, with: contacts))
    }
}
