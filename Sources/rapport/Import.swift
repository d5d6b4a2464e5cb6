import App
import ArgumentParser
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import contacts from vCard, CSV (generic, LinkedIn, Google) or a JSON backup.",
        discussion: """
            A FILE may be a folder of .vcf files. The format is detected from the extension and the \
            header unless --format says it. A contact already present (same UID, email or phone) is \
            updated, not duplicated. One transaction: an invalid record refuses the whole import \
            (each problem listed as FILE:LINE: reason, exit 1) unless --skip-invalid.

            Forgiving by default: a malformed vCard line, a property name outside the grammar, a \
            control character in a text field or a date that is not one is dropped or repaired, \
            with a FILE:LINE: warning: line on standard error, and the record is imported; only a \
            damaged file (a card without END:VCARD, binary, not UTF-8) is refused. --strict \
            refuses those records instead. Dates are read as exporters write them (1985-03-14, \
            --03-14, 19850314, 3/14/1985, 14.3.1985, March 14, 1985, 14 Mar 1985, 14. März 1985); \
            a 3/4/1985 takes its order from the file's other dates, else from --date-order, else \
            is left empty with a warning.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "FILE")) var files: [String]
    @Option(help: "vcard, csv, linkedin, google or json (default: detected).") var format: String?
    @Flag(name: .customLong("dry-run"), help: "Print what would be added, updated and skipped; write nothing.")
    var dryRun = false
    @Flag(name: .customLong("skip-invalid"), help: "Import the valid records and list the others.")
    var skipInvalid = false
    @Flag(help: "Refuse records that a forgiving import would repair with a warning.")
    var strict = false
    @Option(name: .customLong("date-order"), help: ArgumentHelp(
        "How 3/4/1985 is read when the file's other dates do not say: dmy or mdy.", valueName: "ORDER"))
    var dateOrder: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one FILE to import") }
        if let format, ImportFormat(rawValue: format.lowercased()) == nil {
            throw ValidationError("--format must be one of: " + ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let dateOrder, DateOrder(rawValue: dateOrder.lowercased()) == nil {
            throw ValidationError("--date-order must be dmy or mdy")
        }
    }

    func run() throws {
        let scripting = try database.scripting()
        let request = ImportRequest(paths: files, format: format.flatMap { ImportFormat(rawValue: $0.lowercased()) },
                                    dryRun: dryRun, skipInvalid: skipInvalid, strict: strict,
                                    dateOrder: dateOrder.flatMap { DateOrder(rawValue: $0.lowercased()) })
        let bar = ProgressBar(enabled: isatty(2) == 1)
        let report: ImportReport
        do {
            // An ImportFailure becomes its lines (FILE:LINE: reason…) on standard error, exit 1.
            report = try userErrors { try scripting.importContacts(request, progress: bar.update) }
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        let safe = isatty(1) == 1
        func name(_ entry: ImportReport.Entry) -> String {
            (entry.id.map { "#\($0) " } ?? "") + (safe ? ScriptText.visible(entry.name) : entry.name)
        }
        var out = ""
        if report.dryRun {
            for entry in report.added { out += "would add \(name(entry))\n" }
            for entry in report.updated { out += "would update \(name(entry)) (same \(entry.note))\n" }
            for entry in report.skipped { out += "would skip \(name(entry)) (\(entry.note))\n" }
        }
        for warning in report.warnings {
            let line = warning.file + (warning.line.map { ":\($0)" } ?? "") + ": warning: " + warning.reason
            FileHandle.standardError.write(Data(((safe ? ScriptText.visible(line) : line) + "\n").utf8))
        }
        for problem in report.problems {
            FileHandle.standardError.write(Data(("skipped " + (safe ? ScriptText.visible(problem.description) : problem.description) + "\n").utf8))
        }
        var summary = report.summary
        if let restored = report.restored {
            summary += "; restored \(restored.interactions) interactions, \(restored.promises) promises, "
                + "\(restored.events) events, \(restored.snoozes) snoozes"
        }
        out += (report.dryRun ? "dry run, nothing written: " : "") + summary + "\n"
        for pair in report.duplicates {
            out += "likely duplicate: \(name(pair.kept)) and \(name(pair.imported)) (same name and company, no shared email); "
                + "merge with: rapport merge #\(pair.kept.id ?? 0) #\(pair.imported.id ?? 0)\n"
        }
        emit(out)
    }
}

/// A progress bar on standard error for imports that take more than a
/// second: done/total and the rate. Nothing when standard error is not a terminal.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private var drawn = false
    private let lock = NSLock()

    init(enabled: Bool) { self.enabled = enabled }

    var update: ImportProgress {
        { [self] done, total in self.draw(done, total) }
    }

    private func draw(_ done: Int, _ total: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed > 1, total > 0 else { return }
        let width = 30
        let filled = min(width, done * width / total)
        let rate = Int(Double(done) / elapsed)
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
            + "\(done)/\(total)  \(rate)/s"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }
}
