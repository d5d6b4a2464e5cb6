import App
import ArgumentParser
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export contacts as vCard or CSV, the whole book as JSON, or promises and follow-ups as ICS.",
        discussion: """
            vCard 4.0 (or --vcard-version 3.0): one file, or one .vcf per contact when --out is a folder. \
            CSV columns: \(ContactCSV.exportHeader.joined(separator: ",")). JSON: the whole database \
            as JSON Lines (backup version 2: a header line, then one record a line), re-importable with `rapport import --format json` into an empty file. ICS: open promises and \
            follow-ups due within 30 days as to-dos, events as events. Files are created with mode 0600; \
            without --out the export goes to standard output.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "vcard, csv, json or ics.") var format: String
    @Option(help: ArgumentHelp("A file, or a folder for one .vcf per contact.", valueName: "FILE|DIR")) var out: String?
    @Option(help: ArgumentHelp("Only contacts whose name, company, email or tag contains this.", valueName: "QUERY"))
    var contacts: String?
    @Option(name: .customLong("vcard-version"), help: "4.0 (default) or 3.0.") var vcardVersion = "4.0"

    func validate() throws {
        guard ExportFormat(rawValue: format.lowercased()) != nil else {
            throw ValidationError("--format must be one of: " + ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard VCardWriter.Version(rawValue: vcardVersion) != nil else {
            throw ValidationError("--vcard-version must be 4.0 or 3.0")
        }
    }

    func run() throws {
        let scripting = try database.scripting()
        let request = ExportRequest(format: ExportFormat(rawValue: format.lowercased())!, out: out, contacts: contacts,
                                    vcardVersion: VCardWriter.Version(rawValue: vcardVersion)!, standardOutput: true)
        let result = try userErrors { try scripting.export(request) }
        if let text = result.text {
            emit(text)
        } else if out != nil {
            let noun = request.format == .ics ? "entr" + (result.count == 1 ? "y" : "ies") : "contact" + (result.count == 1 ? "" : "s")
            let place = result.files.count == 1 ? result.files[0] : "\(result.files.count) files in \(out ?? "")"
            FileHandle.standardError.write(Data("rapport: exported \(result.count) \(noun) to \(place)\n".utf8))
        }
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge contact B into contact A (A's fields win; B's history moves to A; B is deleted).")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The contact kept: an id or an unambiguous prefix of a name.") var a: String
    @Argument(help: "The contact merged into A and deleted.") var b: String

    func run() throws {
        let scripting = try database.scripting()
        let (merged, removed) = try userErrors { try scripting.merge(a, b) }
        let safe = isatty(1) == 1
        func show(_ text: String) -> String { safe ? ScriptText.visible(text) : text }
        emit("#\(merged.id ?? 0) \(show(merged.name)) (merged #\(removed.id ?? 0) \(show(removed.name)) into it)\n")
    }
}

struct MuttQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutt-query",
        abstract: "Look up email addresses for mutt's query_command.",
        discussion: """
            Prints a first line (rapport: N matches), then email<TAB>name<TAB>company for each address \
            of the contacts whose name, nickname, company or email contains STRING, ignoring case and \
            accents. Exit 1 when nothing matches. In muttrc: set query_command = "rapport mutt-query %s"
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "What to look for.") var string: String

    func run() throws {
        let scripting = try database.scripting()
        let matches = try userErrors { try scripting.mailMatches(string) }
        func field(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        }
        guard !matches.isEmpty else {
            emit("rapport: no matches\n")
            Foundation.exit(1)
        }
        var out = "rapport: \(matches.count) match\(matches.count == 1 ? "" : "es")\n"
        for match in matches { out += field(match.email) + "\t" + field(match.name) + "\t" + field(match.company) + "\n" }
        emit(out)
    }
}
