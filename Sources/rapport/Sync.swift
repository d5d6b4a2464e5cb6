import App
import ArgumentParser
import Foundation

struct Sync: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Keep contacts in step with a vdir (a folder of .vcf files, as khard and vdirsyncer use it).",
        discussion: """
            rapport sync vdir PATH…   sync these folders with the book, both ways
            rapport sync              the folders of [sync] vdirs in config.toml

            New and changed cards come in (matched by UID as import matches); contacts added or changed \
            in rapport go out as vCard 4.0 cards, rapport's fields as X-RAPPORT-* properties. A card \
            deleted from the folder moves its contact to the trash (rapport restore brings it back); a \
            contact deleted in rapport has its card deleted. A contact changed on both sides is a \
            conflict: the newer side wins (the card's REV against the contact's last change), the other \
            version is kept in the trash as a copy, and the conflict is reported. Interactions and \
            promises are never touched. Cards are written through a temp file and a rename.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("vdir, then folders; nothing for the configured folders.", valueName: "vdir PATH"))
    var arguments: [String] = []
    @Flag(name: .customLong("dry-run"), help: "Print what would be synced; write nothing, in the folder or the book.")
    var dryRun = false

    func validate() throws {
        guard let kind = arguments.first else { return }
        guard kind == "vdir" else { throw ValidationError("say what to sync: rapport sync vdir PATH…") }
        if arguments.count == 1 { throw ValidationError("name at least one folder: rapport sync vdir PATH…") }
    }

    func run() throws {
        let (scripting, config) = try database.scriptingAndConfig()
        let safe = isatty(1) == 1
        func visible(_ text: String) -> String { safe ? ScriptText.visible(text) : text }
        let vdirs = arguments.isEmpty ? config.sync.vdirs : Array(arguments.dropFirst())
        if vdirs.isEmpty {
            throw UserError("no folders configured: add [sync] vdirs = [\"~/.contacts/personal\"] to config.toml, "
                            + "or name them: rapport sync vdir PATH…")
        }
        let bar = ProgressBar(enabled: isatty(2) == 1)
        let report: SyncReport
        do {
            report = try userErrors { try scripting.sync(SyncRequest(vdirs: vdirs, dryRun: dryRun), progress: bar.update) }
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        var out = ""
        for folder in report.folders {
            for problem in folder.problems.prefix(20) {
                FileHandle.standardError.write(Data(("skipped " + visible(problem) + "\n").utf8))
            }
            if folder.problems.count > 20 {
                FileHandle.standardError.write(Data("skipped \(folder.problems.count - 20) more unreadable\n".utf8))
            }
            if folder.failure != nil {
                FileHandle.standardError.write(Data(("rapport: " + visible(folder.summary) + "\n").utf8))
            } else {
                out += (dryRun ? "dry run, nothing written: " : "") + visible(folder.summary) + "\n"
            }
        }
        emit(out)
        if report.failed { throw ExitCode.failure }
    }
}
