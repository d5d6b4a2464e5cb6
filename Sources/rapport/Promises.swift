import App
import ArgumentParser

struct PromiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promise", abstract: "Record a promise (mine unless --theirs); prints its id.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Who: an id or an unambiguous prefix of a name.") var name: String
    @Argument(help: "What was promised, e.g. \"send the deck\".") var text: String
    @Option(help: ArgumentHelp("Due day: 2026-03-02, tomorrow, fri, 2w.", valueName: "DATE")) var due: String?
    @Flag(help: "They promised it to me.") var theirs = false

    func run() throws {
        let scripting = try database.scripting()
        let (promise, contact) = try userErrors { try scripting.promise(name, text: text, due: due, theirs: theirs) }
        emit(scripting.text.promised(promise, to: contact))
    }
}

struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mark a promise kept.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The promise id (12 or #12).") var id: String

    func run() throws {
        let scripting = try database.scripting()
        let result = try userErrors { try scripting.setDone(id, done: true) }
        emit(scripting.text.done(result.promise, contact: result.contact, changed: result.changed))
    }
}

struct Undone: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open a kept promise again (undo done).")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The promise id (12 or #12).") var id: String

    func run() throws {
        let scripting = try database.scripting()
        let result = try userErrors { try scripting.setDone(id, done: false) }
        emit(scripting.text.done(result.promise, contact: result.contact, changed: result.changed))
    }
}
