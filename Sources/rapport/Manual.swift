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
        // The parser's description is what `--experimental-dump-help` prints;
        // ArgumentParser offers it only that way, so ask this same binary.
        let process = Process()
        process.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--experimental-dump-help"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let json = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw UserError("--experimental-dump-help failed with status \(process.terminationStatus)")
        }
        do {
            let page = try ManualPage.render(dumpHelp: json, version: Rapport.configuration.version)
            FileHandle.standardOutput.write(Data(page.utf8))
        } catch {
            throw UserError(error)
        }
    }
}
