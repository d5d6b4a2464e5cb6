import Domain
import Foundation
import Interop
import Store

/// Restoring a whole-book backup: ids kept, into a book with no contacts.
///
/// A version 2 backup is read a line at a time while it is written into the
/// transaction, so that restoring a million interactions holds one line in
/// memory, not the document; a version 1 backup arrives decoded whole. Both
/// run inside a savepoint: a backup with any bad line (one that does not
/// decode, a row SQLite refuses, a file cut short) is undone whole and its
/// problems listed as FILE:LINE, and the import fails unless `--skip-invalid`.
extension ContactImport {
    /// Past this many problems in one backup, reading stops: the rest would only repeat them.
    static let maximumRestoreProblems = 20

    /// A backup that was undone, and why.
    struct RestoreRefused: Error {
        var problems: [ImportProblem]
    }

    /// Restores a version 2 backup from `file`, line by line: a `BackupPipe`
    /// reads and parses on one core while this writes on the other.
    /// - parameter progress: called with the number of records written so far.
    func restoreLines(file: String, _ tx: StoreTransaction, _ report: inout ImportReport, isolated: Bool,
                      progress: (Int) -> Void) throws {
        try requireEmptyBook(tx, file: file)
        let pipe = BackupPipe(file: file)
        defer { pipe.cancel() }
        try restoring(file: file, tx, &report, isolated: isolated) { run in
            reading: while !run.isFull, let batch = pipe.take() {
                for item in batch {
                    switch item {
                    case .record(let record, let line):
                        try run.write(record, line: line)
                        if run.written % 1000 == 0 { progress(run.written) }
                    case .problem(let issue):
                        run.problems.append(ImportProblem(file: file, line: issue.line, reason: issue.reason))
                    }
                    if run.isFull { break reading }
                }
            }
            progress(run.written)
        }
    }

    /// Restores a version 1 backup, decoded whole when the file was read.
    func restore(_ backup: BookBackup, file: String, _ tx: StoreTransaction, _ report: inout ImportReport,
                 isolated: Bool) throws {
        try requireEmptyBook(tx, file: file)
        try restoring(file: file, tx, &report, isolated: isolated) { run in
            let records = backup.contacts.map(BackupLines.Record.contact) + backup.interactions.map(BackupLines.Record.interaction)
                + backup.promises.map(BackupLines.Record.promise) + backup.events.map(BackupLines.Record.event)
                + backup.snoozes.map(BackupLines.Record.snooze)
            for record in records where !run.isFull {
                try run.write(record, line: nil)
            }
        }
    }

    private func requireEmptyBook(_ tx: StoreTransaction, file: String) throws {
        let count = try tx.contactCount()
        guard count == 0 else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: nil, reason:
                "a JSON backup restores into an empty database only (this one has \(count) contact\(count == 1 ? "" : "s")); try --db NEW.sqlite")])
        }
    }

    /// Runs `feed` with a `RestoreRun` that writes records, and throws
    /// `RestoreRefused` when there was any problem.
    ///
    /// - parameter isolated: run in a savepoint, undone on a problem while the
    ///   rest of the import goes on (`--skip-invalid`). Otherwise the caller
    ///   fails the whole transaction on a problem, and no savepoint is needed:
    ///   inside one, SQLite journals every statement, which costs a third of
    ///   a big restore.
    private func restoring(file: String, _ tx: StoreTransaction, _ report: inout ImportReport, isolated: Bool,
                           feed: (RestoreRun) throws -> Void) throws {
        func body() throws -> RestoreRun {
            let run = try tx.bulk(rebuildingIndexes: true) { bulk in
                let run = RestoreRun(file: file, bulk: bulk)
                try feed(run)
                return run
            }
            if !run.problems.isEmpty {
                var problems = run.problems
                if run.isFull {
                    problems.append(ImportProblem(file: file, line: nil, reason:
                        "stopped reading after \(problems.count) problems"))
                }
                throw RestoreRefused(problems: problems)
            }
            return run
        }
        let run = isolated ? try tx.savepoint(body) : try body()
        report.added += run.added
        report.restored = run.restored
    }
}

/// One restore under way: writes records through the bulk writer and
/// keeps the rows SQLite refuses as problems on their lines.
final class RestoreRun {
    let file: String
    private let bulk: BulkWriter
    var problems: [ImportProblem] = []
    var added: [ImportReport.Entry] = []
    var restored = (interactions: 0, promises: 0, events: 0, snoozes: 0)
    private(set) var written = 0

    init(file: String, bulk: BulkWriter) {
        self.file = file
        self.bulk = bulk
    }

    var isFull: Bool { problems.count >= ContactImport.maximumRestoreProblems }

    func write(_ record: BackupLines.Record, line: Int?) throws {
        do {
            switch record {
            case .contact(let imported):
                let saved = try bulk.insert(imported.contact, interop: ContactInterop(
                    uid: imported.uid, extras: imported.extras, emailTypes: imported.emailTypes, phoneTypes: imported.phoneTypes))
                added.append(.init(name: saved.name, id: saved.id, note: ""))
            case .interaction(let interaction):
                try bulk.insert(interaction)
                restored.interactions += 1
            case .promise(let promise):
                try bulk.insert(promise)
                restored.promises += 1
            case .event(let event):
                try bulk.insert(event)
                restored.events += 1
            case .snooze(let snooze):
                try bulk.insert(snooze)
                restored.snoozes += 1
            }
            written += 1
        } catch let error as StoreError {
            problems.append(ImportProblem(file: file, line: line, reason: Self.describe(record) + ": " + Self.reason(error)))
        }
    }

    private static func describe(_ record: BackupLines.Record) -> String {
        func id(_ value: Int64?) -> String { value.map { " #\($0)" } ?? "" }
        switch record {
        case .contact(let c): return "contact" + id(c.contact.id)
        case .interaction(let i): return "interaction" + id(i.id)
        case .promise(let p): return "promise" + id(p.id)
        case .event(let e): return "event" + id(e.id)
        case .snooze(let s): return "snooze of contact #\(s.contactID)"
        }
    }

    private static func reason(_ error: StoreError) -> String {
        if case .invalidData(let message) = error {
            return message == "it refers to a row that does not exist"
                ? "it names a contact or interaction that comes nowhere before it in the backup" : message
        }
        return error.description
    }
}
