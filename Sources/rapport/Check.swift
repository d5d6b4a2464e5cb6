import App
import ArgumentParser
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the database: its integrity check, and every contact's history summary recomputed from its interactions.",
        discussion: "Prints what it checked; exit status 1 when a problem was found (each is listed).")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let scripting = try database.scripting()
        let report = try userErrors { try scripting.check() }
        emit(scripting.text.check(report))
        if !report.problems.isEmpty { throw ExitCode(1) }
    }
}
