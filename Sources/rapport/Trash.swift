import App
import ArgumentParser

struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete a contact; it stays in the trash for 30 days (rapport restore brings it back).")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Who: an id or an unambiguous prefix of a name.") var name: String

    func run() throws {
        let scripting = try database.scripting()
        let contact = try userErrors { try scripting.delete(name) }
        emit(scripting.text.deleted(contact))
    }
}

struct TrashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trash", abstract: "List deleted contacts still restorable (30 days), newest first.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let scripting = try database.scripting()
        let entries = try userErrors { try scripting.trash() }
        output.json ? emit(ScriptJSON.trash(entries)) : emit(scripting.text.trash(entries))
    }
}

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring a deleted contact back with its interactions, promises and events.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Its old id (12 or #12) or an unambiguous prefix of its name.") var name: String

    func run() throws {
        let scripting = try database.scripting()
        let entry = try userErrors { try scripting.restore(name) }
        emit(scripting.text.restored(entry))
    }
}
