import App
import ArgumentParser
import Foundation

/// `rapport generate-manual`: prints rapport.1 (used by `make install`).
/// Hidden: it is a build step, not something a user needs in the help.
struct GenerateManual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manual",
        abstract: "Print the man page, rapport.1, written from this parser's own definitions.",
        shouldDisplay: false)

    func run() throws {
        // ArgumentParser hands out its description of the commands only as
        // the message of the `--experimental-dump-help` request; asking for
        // it here, in process, needs no second process.
        let json: String
        do {
            _ = try Rapport.parseAsRoot(["--experimental-dump-help"])
            throw UserError("the argument parser gave no description of its commands")
        } catch let error as UserError {
            throw error
        } catch {
            json = Rapport.fullMessage(for: error)
        }
        do {
            let page = try ManualPage.render(dumpHelp: Data(json.utf8), version: Rapport.configuration.version)
            FileHandle.standardOutput.write(Data(page.utf8))
        } catch {
            throw UserError(error)
        }
    }
}
