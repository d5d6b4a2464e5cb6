import App
import ArgumentParser
import Foundation

struct Capture: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Log touches from mail and calendars on disk: headers only, nothing leaves the machine.",
        discussion: """
            rapport capture mail PATH…      maildirs (with subfolders), mbox files, .eml messages
            rapport capture calendar PATH…  .ics files and folders of them (vdir)
            rapport capture                 the sources of [capture] mail and calendars in config.toml

            Needs [me] name and emails in config.toml, to tell mail sent from mail received. A message \
            from you touches each recipient who is a contact; a message to you touches its sender; one \
            touch per contact, thread and day. List and bulk mail, no-reply senders and messages to more \
            than max_recipients people are skipped. Past calendar meetings with contacts become meetings; \
            those within horizon_days become events. Re-runs add nothing twice and read only what is new. \
            Correspondents who are not contacts are listed by `rapport suggestions`.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("mail or calendar, then paths; nothing for the configured sources.",
                                 valueName: "KIND PATH"))
    var arguments: [String] = []
    @Flag(name: .customLong("dry-run"), help: "Print the touches and events that would be added; write nothing.")
    var dryRun = false
    @Option(name: .customLong("forget"), help: ArgumentHelp("Remove what one source added.", valueName: "SOURCE"))
    var forget: String?

    func validate() throws {
        if forget != nil {
            if !arguments.isEmpty || dryRun { throw ValidationError("--forget takes no other arguments") }
            return
        }
        guard let kind = arguments.first else { return }
        guard kind == "mail" || kind == "calendar" else {
            throw ValidationError("say what to capture: rapport capture mail PATH… or rapport capture calendar PATH…")
        }
        if arguments.count == 1 { throw ValidationError("name at least one PATH to capture \(kind) from") }
    }

    func run() throws {
        let (scripting, config) = try database.scriptingAndConfig()
        let safe = isatty(1) == 1
        func visible(_ text: String) -> String { safe ? ScriptText.visible(text) : text }
        if let forget {
            let gone = try userErrors { try scripting.forgetCapture(path: forget) }
            emit("forgot \(visible(forget)): removed \(gone.interactions) touches, \(gone.events) events, "
                 + "\(gone.messages) messages\n")
            return
        }
        var request = CaptureRequest(dryRun: dryRun)
        switch arguments.first {
        case "mail": request.mail = Array(arguments.dropFirst())
        case "calendar": request.calendars = Array(arguments.dropFirst())
        default:
            request.mail = config.capture.mail
            request.calendars = config.capture.calendars
            if request.mail.isEmpty && request.calendars.isEmpty {
                throw UserError("no sources configured: add [capture] mail = [\"~/Mail\"] or calendars = [\"~/.calendars\"] "
                                + "to config.toml, or name them: rapport capture mail PATH…")
            }
        }
        let bar = ProgressBar(enabled: isatty(2) == 1)
        let report: CaptureReport
        do {
            report = try userErrors {
                try scripting.capture(request, me: config.me, settings: config.capture, progress: bar.update)
            }
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        var out = report.wouldAdd.map { visible($0) + "\n" }.joined()
        for source in report.sources {
            for problem in source.unreadable.prefix(20) {
                FileHandle.standardError.write(Data(("skipped " + visible(problem) + "\n").utf8))
            }
            if source.unreadable.count > 20 {
                FileHandle.standardError.write(Data("skipped \(source.unreadable.count - 20) more unreadable\n".utf8))
            }
            if source.failure != nil { FileHandle.standardError.write(Data(("rapport: " + visible(source.summary) + "\n").utf8)) }
            else { out += (dryRun ? "dry run, nothing written: " : "") + visible(source.summary) + "\n" }
        }
        if report.replayed > 0 { out += "\(report.replayed) touches from earlier mail with new contacts\n" }
        emit(out)
        if report.failed { throw ExitCode.failure }
    }
}

struct Suggestions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "People you correspond with who are not contacts, two-way correspondence first.",
        discussion: "From captured mail. Dismiss one for good with --dismiss EMAIL; add one with rapport add.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Never suggest this address again.", valueName: "EMAIL")) var dismiss: String?
    @Option(help: "At most this many.") var limit: Int?

    func run() throws {
        let scripting = try database.scripting()
        if let dismiss {
            try userErrors { try scripting.dismissSuggestion(email: dismiss) }
            emit("dismissed \(isatty(1) == 1 ? ScriptText.visible(dismiss) : dismiss)\n")
            return
        }
        let suggestions = try userErrors { try scripting.suggestions(limit: limit) }
        output.json ? emit(ScriptJSON.suggestions(suggestions)) : emit(scripting.text.suggestions(suggestions))
    }
}
