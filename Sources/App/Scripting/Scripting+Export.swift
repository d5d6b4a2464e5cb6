import Domain
import Foundation
import Interop
import Store

/// The formats `rapport export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case vcard, csv, json, ics
}

/// What `rapport export` is asked to do.
public struct ExportRequest: Sendable {
    public var format: ExportFormat
    /// A file, or a folder for one `.vcf` per contact (vCard only); nil for standard output.
    public var out: String?
    /// Only contacts whose name, nickname, company, email or tag contains it (ignoring case and accents).
    public var contacts: String?
    public var vcardVersion: VCardWriter.Version
    /// Without `out`, a JSON backup goes straight to standard output as it is
    /// written (`text` stays nil) instead of being built in memory.
    public var standardOutput: Bool

    public init(format: ExportFormat, out: String? = nil, contacts: String? = nil, vcardVersion: VCardWriter.Version = .v4,
                standardOutput: Bool = false) {
        self.format = format
        self.out = out
        self.contacts = contacts
        self.vcardVersion = vcardVersion
        self.standardOutput = standardOutput
    }
}

/// What an export wrote.
public struct ExportResult: Sendable {
    /// The text, when no `--out` was given.
    public var text: String?
    /// The files written.
    public var files: [String] = []
    public var count = 0
}

extension Scripting {
    /// Exports the book. Files are written 0600, each through a temporary
    /// file renamed into place, so a reader never sees half an export.
    public func export(_ request: ExportRequest) throws -> ExportResult {
        if request.format == .json { return try exportBackup(request) }
        let (snapshot, interop) = try store.read { tx in (try tx.snapshot(), try tx.allInterop()) }
        let selected = try selectedContacts(snapshot, interop, query: request.contacts)
        var result = ExportResult()
        switch request.format {
        case .vcard:
            result.count = selected.count
            if let out = request.out, isFolder(out) {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                for contact in selected {
                    let path = (out as NSString).appendingPathComponent(VCardWriter.fileName(for: contact))
                    try Scripting.writePrivately(Data(VCardWriter.write(contact, version: request.vcardVersion, now: now).utf8), to: path)
                    result.files.append(path)
                }
                return result
            }
            return try deliver(Data(VCardWriter.write(selected, version: request.vcardVersion, now: now).utf8), request, &result)
        case .csv:
            result.count = selected.count
            return try deliver(try ContactCSV.write(selected), request, &result)
        case .json:
            return try exportBackup(request)
        case .ics:
            let calendar = self.calendar(snapshot, contacts: Set(selected.compactMap(\.contact.id)))
            result.count = calendar.todos.count + calendar.events.count
            return try deliver(Data(ICSWriter.calendar(todos: calendar.todos, events: calendar.events, now: now).utf8),
                               request, &result)
        }
    }

    private func deliver(_ data: Data, _ request: ExportRequest, _ result: inout ExportResult) throws -> ExportResult {
        if let out = request.out {
            try Scripting.writePrivately(data, to: out)
            result.files = [out]
        } else {
            result.text = String(decoding: data, as: UTF8.self)
        }
        return result
    }

    private func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    /// Writes `data` to `path` with mode 0600, atomically.
    static func writePrivately(_ data: Data, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.rapport-export-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw ScriptingError("cannot write \(path) (is the folder there and writable?)")
        }
        chmod(temporary, 0o600)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ScriptingError("cannot write \(path): \(reason)")
        }
    }

    private func imported(_ contact: Contact, _ interop: [Int64: ContactInterop]) -> ImportedContact {
        let fields = interop[contact.id ?? 0] ?? ContactInterop()
        return ImportedContact(contact: contact, uid: fields.uid, emailTypes: fields.emailTypes, phoneTypes: fields.phoneTypes,
                               extras: fields.extras, line: 0)
    }

    /// Contacts by name; those matching `query` when given.
    private func selectedContacts(_ snapshot: Snapshot, _ interop: [Int64: ContactInterop], query: String?) throws -> [ImportedContact] {
        var contacts = snapshot.contacts
        if let query {
            let wanted = query.trimmingCharacters(in: .whitespaces).folded
            guard !wanted.isEmpty else { throw ScriptingError("--contacts needs some text to match") }
            contacts = contacts.filter { Scripting.matches($0, wanted) }
        }
        contacts.sort { ($0.name.folded, $0.id ?? 0) < ($1.name.folded, $1.id ?? 0) }
        return contacts.map { imported($0, interop) }
    }

    /// Whether `folded` occurs in the contact's name, nickname, company, an email or a tag.
    static func matches(_ contact: Contact, _ folded: String) -> Bool {
        ([contact.name, contact.nickname, contact.company] + contact.emails + contact.tags)
            .contains { $0.folded.contains(folded) }
    }

    /// Open promises, follow-ups turning due within 30 days, and events, as calendar entries.
    func calendar(_ snapshot: Snapshot, contacts: Set<Int64>) -> (todos: [ICSWriter.Todo], events: [ICSWriter.Event]) {
        let names = Dictionary(snapshot.contacts.compactMap { c in c.id.map { ($0, c.name) } }, uniquingKeysWith: { a, _ in a })
        var todos: [ICSWriter.Todo] = []
        for promise in snapshot.promises where promise.isOpen && contacts.contains(promise.contactID) {
            let name = names[promise.contactID] ?? "#\(promise.contactID)"
            let summary = promise.owner == .mine ? "\(promise.text) (for \(name))" : "\(name) promised: \(promise.text)"
            todos.append(ICSWriter.Todo(uid: "promise-\(promise.id ?? 0)@rapport", summary: summary,
                                        description: promise.owner == .mine ? "Promised to \(name)." : "Follow up with \(name).",
                                        due: promise.due, created: promise.createdAt, categories: ["rapport", "promise"]))
        }
        let horizon = today.adding(days: 30)
        let snoozed = Set(snapshot.snoozes.filter { $0.until > today }.map(\.contactID))
        for attention in scorer.score(snapshot, at: now) {
            guard contacts.contains(attention.contactID), !snoozed.contains(attention.contactID),
                  let cadence = attention.cadence, let last = attention.lastTouch,
                  let contact = snapshot.contacts.first(where: { $0.id == attention.contactID }), !contact.archived else { continue }
            let due = Day(last, in: calendar).adding(days: cadence.idealDays)
            guard due <= horizon else { continue }
            todos.append(ICSWriter.Todo(uid: "follow-up-\(attention.contactID)@rapport", summary: "Get in touch with \(contact.name)",
                                        description: "Last touch \(Day(last, in: calendar).iso); keep in touch every \(cadence.idealDays) days.",
                                        due: max(due, today), categories: ["rapport", "follow-up"]))
        }
        let events = snapshot.events.filter { $0.attendeeIDs.isEmpty || $0.attendeeIDs.contains(where: contacts.contains) }
            .map { event in
                ICSWriter.Event(uid: "event-\(event.id ?? 0)@rapport", summary: event.name, start: event.start,
                                location: event.location,
                                description: ([event.notes] + ["With: " + event.attendeeIDs.compactMap { names[$0] }.joined(separator: ", ")])
                                    .filter { !$0.isEmpty && $0 != "With: " }.joined(separator: "\n"))
            }
        return (todos, events)
    }
}
