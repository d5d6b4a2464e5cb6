import Domain
import Foundation
import Interop
import Store

/// What `rapport import` is asked to do.
public struct ImportRequest: Sendable {
    public var paths: [String]
    /// nil detects each file's format from its extension and first bytes.
    public var format: ImportFormat?
    public var dryRun: Bool
    public var skipInvalid: Bool
    /// Refuse what a forgiving import repairs or drops with a warning (`ReadingOptions`).
    public var strict: Bool
    /// How `3/4/1985` is read when a file's other dates do not say.
    public var dateOrder: DateOrder?

    public init(paths: [String], format: ImportFormat? = nil, dryRun: Bool = false, skipInvalid: Bool = false,
                strict: Bool = false, dateOrder: DateOrder? = nil) {
        self.paths = paths
        self.format = format
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
        self.strict = strict
        self.dateOrder = dateOrder
    }

    var readingOptions: ReadingOptions { ReadingOptions(strict: strict, dateOrder: dateOrder) }
}

/// A record (or file) refused, printed `FILE:LINE: reason`; or, as a
/// report's warning, something repaired or dropped in a record that was kept.
public struct ImportProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public var description: String { file + (line.map { ":\($0)" } ?? "") + ": " + reason }
}

/// What an import did (or, dry, would do).
public struct ImportReport: Sendable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var id: Int64?
        /// Why it was skipped ("unchanged"), or what it matched on ("uid", "email", "phone").
        public var note: String
    }

    /// Two contacts that look like one person: same name and company, no shared email.
    public struct Duplicate: Sendable, Hashable {
        public var kept: Entry
        public var imported: Entry
    }

    public var added: [Entry] = []
    public var updated: [Entry] = []
    public var skipped: [Entry] = []
    public var problems: [ImportProblem] = []
    /// What a forgiving import repaired or dropped; printed `FILE:LINE: warning: reason`.
    public var warnings: [ImportProblem] = []
    public var duplicates: [Duplicate] = []
    /// For a JSON backup: interactions, promises, events and snoozes restored.
    public var restored: (interactions: Int, promises: Int, events: Int, snoozes: Int)?
    public var dryRun = false

    /// `3 added, 1 updated, 2 skipped, 1 error, 4 warnings`.
    public var summary: String {
        var parts = ["\(added.count) added", "\(updated.count) updated", "\(skipped.count) skipped"]
        if !problems.isEmpty { parts.append("\(problems.count) error\(problems.count == 1 ? "" : "s")") }
        if !warnings.isEmpty { parts.append("\(warnings.count) warning\(warnings.count == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }
}

/// The import was refused: every problem, and nothing written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]

    public var description: String {
        let count = problems.count
        return (problems.map(\.description)
            + ["nothing imported: \(count) invalid record\(count == 1 ? "" : "s") (--skip-invalid imports the valid ones)"])
            .joined(separator: "\n")
    }
}

/// Progress of a running import, for a bar or a status line.
public typealias ImportProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// Reads files into contacts, then applies them in one transaction.
///
/// A contact already in the book (same UID, else a shared email, else a
/// shared normalised phone) is updated, never duplicated, so importing the
/// same file twice changes nothing the second time. A dry run runs the very
/// same transaction and rolls it back.
struct ContactImport {
    let store: Store
    let now: Date

    /// One file's contacts, or a whole-book backup.
    enum Source {
        case contacts(file: String, [ImportedContact])
        /// A version 1 backup, decoded whole.
        case backup(file: String, BookBackup)
        /// A version 2 backup, read line by line while it is restored.
        case backupLines(file: String, counts: BackupLines.Counts)
    }

    // MARK: Reading

    /// Reads every path (a folder is a vdir: its `.vcf` files, by name).
    func read(_ request: ImportRequest) -> (sources: [Source], problems: [ImportProblem], warnings: [ImportProblem]) {
        var sources: [Source] = []
        var problems: [ImportProblem] = []
        var warnings: [ImportProblem] = []
        let options = request.readingOptions
        for path in request.paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(ImportProblem(file: path, line: nil, reason: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let cards = names.filter { $0.lowercased().hasSuffix(".vcf") || $0.lowercased().hasSuffix(".vcard") }.sorted()
                if cards.isEmpty { problems.append(ImportProblem(file: path, line: nil, reason: "the folder has no .vcf files")) }
                for name in cards {
                    read(file: (path as NSString).appendingPathComponent(name), format: .vcard, options: options,
                         into: &sources, &problems, &warnings)
                }
            } else {
                read(file: path, format: request.format, options: options, into: &sources, &problems, &warnings)
            }
        }
        return (sources, problems, warnings)
    }

    private func read(file: String, format: ImportFormat?, options: ReadingOptions, into sources: inout [Source],
                      _ problems: inout [ImportProblem], _ warnings: inout [ImportProblem]) {
        func problem(_ issue: ImportIssue) { problems.append(ImportProblem(file: file, line: issue.line, reason: issue.reason)) }
        func warning(_ issue: ImportIssue) { warnings.append(ImportProblem(file: file, line: issue.line, reason: issue.reason)) }
        // The first 64 KB tell the format; a backup is then read as it is restored, not here.
        guard let handle = FileHandle(forReadingAtPath: file),
              let head = try? handle.read(upToCount: 64 * 1024) ?? Data() else {
            problems.append(ImportProblem(file: file, line: nil, reason: "cannot be read"))
            return
        }
        defer { try? handle.close() }
        let detected = format ?? ImportFormat.detect(path: file, data: head)
        if detected == .json {
            var reader = BackupLineReader(chunks: { try handle.read(upToCount: 1 << 20) })
            reader.prepend(head)
            do throws(ImportIssue) {
                if let counts = try reader.header() {
                    sources.append(.backupLines(file: file, counts: counts))
                    return
                }
            } catch {
                return problem(error)
            }
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            problems.append(ImportProblem(file: file, line: nil, reason: "cannot be read"))
            return
        }
        switch detected {
        case .vcard:
            // Each card is mapped as soon as it is read, the file's halves on
            // two cores; a structural error anywhere still refuses the file alone.
            let parts = VCardReader.parts(of: data, count: ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1)
            let readings = parallelMap(parts.count, splittingFrom: 2) { readCards(parts[$0], options: options) }
            var contacts: [ImportedContact] = []
            var cardCount = 0
            for reading in readings {
                if let failure = reading.failure { return problem(ImportIssue(failure)) }
            }
            var issues: [ImportIssue] = []
            var hints = Set<DateOrder>()
            for reading in readings {
                hints.formUnion(reading.dateOrderHints)
                contacts += reading.contacts
                cardCount += reading.cardCount
                issues += reading.issues
            }
            guard cardCount > 0 else {
                return problem(ImportIssue(line: 1, reason: data.isEmpty ? "the file is empty" : "no BEGIN:VCARD in the file"))
            }
            // A 3/4/1985 is decided by the whole file's dates, both halves.
            let resolved = ExportedDate.resolve(contacts, order: options.dateOrder ?? ExportedDate.fileOrder(hints), strict: options.strict, now: now)
            (issues + resolved.issues).sorted { ($0.line ?? 0) < ($1.line ?? 0) }.forEach(problem)
            resolved.contacts.flatMap(\.warnings).forEach(warning)
            sources.append(.contacts(file: file, resolved.contacts))
        case .json:
            do {
                sources.append(.backup(file: file, try BookBackup.decode(data)))
            } catch {
                problem(error)
            }
        case let csv:
            do {
                let reading = try ContactCSV.read(data, flavor: csv.csvFlavor, now: now, options: options)
                reading.issues.forEach(problem)
                reading.warnings.forEach(warning)
                sources.append(.contacts(file: file, reading.contacts))
            } catch {
                problem(error)
            }
        }
    }

    /// What one part of a vCard file gave.
    struct PartReading: Sendable {
        var contacts: [ImportedContact] = []
        var issues: [ImportIssue] = []
        var cardCount = 0
        var dateOrderHints = Set<DateOrder>()
        var failure: VCardError?
    }

    private func readCards(_ part: VCardReader.Part, options: ReadingOptions) -> PartReading {
        var reading = PartReading()
        do {
            try VCardReader.forEachCard(in: part, options: options) { card in
                reading.cardCount += 1
                reading.dateOrderHints.formUnion(card.dateOrderHints)
                do {
                    var imported = try VCardReader.contact(from: card, now: now, options: options)
                    // vCard 2.1's quoted-printable keeps CRLF in notes; rapport stores LF.
                    if imported.contact.notes.utf8.contains(0x0D) {
                        imported.contact.notes = imported.contact.notes.replacingOccurrences(of: "\r\n", with: "\n")
                    }
                    if imported.contact.drives.utf8.contains(0x0D) {
                        imported.contact.drives = imported.contact.drives.replacingOccurrences(of: "\r\n", with: "\n")
                    }
                    reading.contacts.append(try checked(imported))
                } catch let error as VCardError {
                    reading.issues.append(ImportIssue(error))
                } catch let issue as ImportIssue {
                    reading.issues.append(issue)
                } catch {
                    reading.issues.append(ImportIssue(line: card.line, reason: "\(error)"))
                }
            }
        } catch {
            reading.failure = error
        }
        return reading
    }

    /// The limits rapport keeps on every contact, checked on a card.
    private func checked(_ imported: ImportedContact) throws -> ImportedContact {
        let c = imported.contact
        do {
            _ = try FieldRules.name(c.name)
            _ = try FieldRules.text(c.notes, field: "NOTE")
            _ = try FieldRules.text(c.drives, field: "X-RAPPORT-DRIVES")
            for (field, value) in [("NICKNAME", c.nickname), ("ORG", c.company), ("TITLE", c.title), ("X-RAPPORT-MET-AT", c.metAt),
                                   ("X-RAPPORT-MET-VIA", c.metVia)] {
                _ = try FieldRules.text(value, field: field, oneLine: true)
            }
            for email in c.emails where !email.contains("@") {
                throw FieldRules.Violation(field: "EMAIL", "\(SafeLine.show(email)) is not an email address")
            }
        } catch let violation as FieldRules.Violation {
            throw ImportIssue(line: imported.line, reason: violation.description)
        }
        return imported
    }

    // MARK: Applying

    private struct DryRunRollback: Error {}

    /// Applies the sources in one transaction (rolled back when `dryRun`).
    func apply(_ sources: [Source], dryRun: Bool, skipInvalid: Bool = false, progress: ImportProgress?) throws -> ImportReport {
        var report = ImportReport()
        report.dryRun = dryRun
        let total = sources.reduce(0) { sum, source in
            switch source {
            case .contacts(_, let list): return sum + list.count
            case .backup(_, let backup): return sum + backup.contacts.count
            case .backupLines(_, let counts): return sum + counts.total
            }
        }
        do {
            try store.write { tx in
                var index = try ImportIndex(tx)
                var done = 0
                for source in sources {
                    do {
                        switch source {
                        case .contacts(_, let contacts):
                            try tx.bulk(rebuildingIndexes: index.contacts.isEmpty) { bulk in
                                for imported in contacts {
                                    try apply(imported, bulk, &index, &report)
                                    done += 1
                                    if done % 50 == 0 || done == total { progress?(done, total) }
                                }
                            }
                        case .backup(let file, let backup):
                            try restore(backup, file: file, tx, &report, isolated: skipInvalid)
                            done += backup.contacts.count
                            progress?(done, total)
                        case .backupLines(let file, let counts):
                            let before = done
                            try restoreLines(file: file, tx, &report, isolated: skipInvalid) { written in
                                done = before + written
                                progress?(done, total)
                            }
                            done = before + counts.total
                        }
                    } catch let refused as RestoreRefused {
                        // The backup was undone; the rest of the import goes on only with --skip-invalid.
                        guard skipInvalid else { throw ImportFailure(problems: refused.problems) }
                        report.problems += refused.problems
                    }
                }
                if dryRun { throw DryRunRollback() }
            }
        } catch is DryRunRollback {
            return report
        }
        return report
    }

    private func apply(_ imported: ImportedContact, _ bulk: BulkWriter, _ index: inout ImportIndex,
                       _ report: inout ImportReport) throws {
        if let (existing, matchedOn) = index.match(imported) {
            let existingInterop = index.interop[existing.id!] ?? ContactInterop()
            var (merged, interop) = ContactMerge.imported(imported, over: existing, existingInterop)
            let entry = ImportReport.Entry(name: merged.name, id: existing.id, note: matchedOn)
            if merged == existing && interop == existingInterop {
                report.skipped.append(ImportReport.Entry(name: merged.name, id: existing.id, note: "unchanged"))
                return
            }
            if let uid = interop.uid, let owner = index.byUID[uid], owner != existing.id {
                interop.uid = existingInterop.uid // the UID names another contact: keep this one's
            }
            merged.updatedAt = now
            let saved = try bulk.update(merged, interop: interop)
            index.add(saved, interop)
            report.updated.append(entry)
        } else {
            var contact = imported.contact
            contact.id = nil
            let likely = index.likelyDuplicate(of: contact)
            let interop = ContactInterop(uid: imported.uid, extras: imported.extras, emailTypes: imported.emailTypes,
                                         phoneTypes: imported.phoneTypes)
            let saved = try bulk.insert(contact, interop: interop)
            index.add(saved, interop)
            let entry = ImportReport.Entry(name: saved.name, id: saved.id, note: "")
            report.added.append(entry)
            if let likely {
                report.duplicates.append(.init(kept: .init(name: likely.name, id: likely.id, note: ""), imported: entry))
            }
        }
    }
}

extension Scripting {
    /// Imports contacts from files: reads and checks everything first, then
    /// writes in one transaction; any invalid record refuses the whole
    /// import (`ImportFailure`) unless `skipInvalid`. What a forgiving read
    /// repaired or dropped is in the report's warnings (unless `strict`,
    /// which refuses it instead).
    /// - parameter refreshAttention: score what the import changed into the
    ///   attention cache, so that the first dashboard or `rapport due` after
    ///   it reads scores instead of computing them (the dashboard, whose job
    ///   keeps the cache itself, passes false).
    public func importContacts(_ request: ImportRequest, progress: ImportProgress? = nil,
                               refreshAttention: Bool = true) throws -> ImportReport {
        let importer = ContactImport(store: store, now: now)
        let (sources, problems, warnings) = importer.read(request)
        if !problems.isEmpty && !request.skipInvalid { throw ImportFailure(problems: problems) }
        var report = try importer.apply(sources, dryRun: request.dryRun, skipInvalid: request.skipInvalid, progress: progress)
        report.problems = problems + report.problems
        report.warnings = warnings
        if refreshAttention && !request.dryRun { try AttentionCache(store: store, scorer: scorer).refresh(now: now) }
        return report
    }
}

/// The book's contacts in memory for the length of one import: who has
/// which UID, email, phone, and name with company. Matching against it
/// costs no query per record (10,000 cards would otherwise prepare
/// hundreds of thousands of statements); it is kept current as the import
/// adds and updates contacts, inside the same transaction.
struct ImportIndex {
    var contacts: [Int64: Contact] = [:]
    var interop: [Int64: ContactInterop] = [:]
    var byUID: [String: Int64] = [:]
    var byEmail: [String: Int64] = [:]
    var byPhone: [String: Int64] = [:]
    var byNameAndCompany: [String: [Int64]] = [:]

    init(_ tx: StoreTransaction) throws {
        interop = try tx.allInterop()
        for contact in try tx.contacts(includeArchived: true) { add(contact, interop[contact.id!] ?? ContactInterop()) }
    }

    mutating func add(_ contact: Contact, _ fields: ContactInterop) {
        guard let id = contact.id else { return }
        contacts[id] = contact
        interop[id] = fields.isEmpty ? nil : fields
        if let uid = fields.uid, byUID[uid] == nil { byUID[uid] = id }
        for email in contact.emails where byEmail[ImportIndex.email(email)] == nil { byEmail[ImportIndex.email(email)] = id }
        for phone in contact.phones {
            let key = ImportIndex.phone(phone)
            if !key.isEmpty, byPhone[key] == nil { byPhone[key] = id }
        }
        let key = ImportIndex.nameKey(contact)
        if !(byNameAndCompany[key] ?? []).contains(id) { byNameAndCompany[key, default: []].append(id) }
    }

    /// The contact this one already is: same UID, else a shared email, else a
    /// shared phone; a record with none of those (a LinkedIn row without an
    /// email) is the one contact of the same name and company, so that
    /// importing the same file twice never duplicates it.
    func match(_ imported: ImportedContact) -> (Contact, String)? {
        if let uid = imported.uid, let id = byUID[uid], let contact = contacts[id] { return (contact, "uid") }
        for email in imported.contact.emails {
            if let id = byEmail[ImportIndex.email(email)], let contact = contacts[id] { return (contact, "email") }
        }
        for phone in imported.contact.phones {
            let key = ImportIndex.phone(phone)
            if !key.isEmpty, let id = byPhone[key], let contact = contacts[id] { return (contact, "phone") }
        }
        if imported.uid == nil, imported.contact.emails.isEmpty, imported.contact.phones.isEmpty,
           let ids = byNameAndCompany[ImportIndex.nameKey(imported.contact)], ids.count == 1,
           let contact = contacts[ids[0]] {
            return (contact, "name and company")
        }
        return nil
    }

    /// A contact with the same name and company (ignoring case and accents) and no email in common.
    func likelyDuplicate(of contact: Contact) -> Contact? {
        let emails = Set(contact.emails.map(ImportIndex.email))
        return (byNameAndCompany[ImportIndex.nameKey(contact)] ?? []).compactMap { contacts[$0] }.first { other in
            Set(other.emails.map(ImportIndex.email)).isDisjoint(with: emails)
        }
    }

    static func email(_ email: String) -> String { email.trimmingSpacesAndNewlines.lowercased() }

    /// Digits and a leading `+`, as Store compares phones.
    static func phone(_ phone: String) -> String {
        var result = ""
        for scalar in phone.unicodeScalars {
            if scalar == "+" && result.isEmpty { result.append("+") }
            if ("0"..."9").contains(scalar) { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    static func nameKey(_ contact: Contact) -> String { contact.name.folded + "\u{0}" + contact.company.folded }
}
