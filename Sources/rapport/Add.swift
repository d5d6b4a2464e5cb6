import App
import ArgumentParser

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a contact; prints its id and name.",
        discussion: "Dates: 2026-03-02, today, yesterday, \"3 days ago\". Birthday: 1990-05-17 or --05-17.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The contact's full name.") var name: String
    @Option(help: "An email address (repeatable).") var email: [String] = []
    @Option(help: "A phone number (repeatable).") var phone: [String] = []
    @Option var company: String?
    @Option var title: String?
    @Option(help: "inner, active, network (default), acquaintance or archived.") var circle: String?
    @Option(help: "A tag (repeatable; commas separate several).") var tag: [String] = []
    @Option(name: .customLong("met-at"), help: ArgumentHelp("Where you met.", valueName: "PLACE")) var metAt: String?
    @Option(name: .customLong("met-on"), help: ArgumentHelp("When you met.", valueName: "DATE")) var metOn: String?
    @Option(name: .customLong("met-via"), help: ArgumentHelp("Who introduced you.", valueName: "NAME")) var metVia: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("1990-05-17 or --05-17.", valueName: "DATE"))
    var birthday: String?
    @Option var notes: String?

    func run() throws {
        let scripting = try database.scripting()
        var input = NewContact(name: name)
        input.emails = email
        input.phones = phone
        input.company = company
        input.title = title
        input.circle = circle
        input.tags = tag
        input.metAt = metAt
        input.metOn = metOn
        input.metVia = metVia
        input.birthday = birthday
        input.notes = notes
        let contact = try userErrors { try scripting.add(input) }
        emit(scripting.text.added(contact))
    }
}
