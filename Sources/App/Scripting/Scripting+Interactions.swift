import Domain
import Foundation
import Store

/// `rapport log`'s fields as typed.
public struct NewInteraction: Sendable {
    public var names: [String]
    public var kind: String
    public var on: String?
    public var summary: String?
    public var notes: String?
    public var direction: String?
    /// Readable by the member who logs it only (a team's book).
    public var isPrivate = false

    public init(names: [String], kind: String) {
        self.names = names
        self.kind = kind
    }
}

/// What `rapport timeline` prints for one contact.
public struct ContactTimeline: Sendable {
    public var contact: Contact
    /// Newest first; a promise sits where it was made.
    public var entries: [TimelineEntry]
    /// Names of everyone the entries mention, by id.
    public var names: [Int64: String]
    /// Where captured interactions came from, by interaction id.
    public var sources: [Int64: String] = [:]
}

extension Scripting {
    /// Logs one interaction with everyone named (a group lunch is one interaction).
    ///
    /// Today keeps the current time; another day is logged at noon, as the dashboard does.
    /// A day after today is refused: a log records what happened.
    public func log(_ input: NewInteraction) throws -> (interaction: Interaction, contacts: [Contact]) {
        guard !input.names.isEmpty else { throw ScriptingError("log: name at least one contact") }
        let kind = try checked { try FieldRules.kind(input.kind) }
        let direction = try input.direction.map { raw -> Domain.Direction in
            guard let direction = Direction(rawValue: raw.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ScriptingError("direction: \(SafeLine.show(raw)) is not a direction (give, ask, neutral)")
            }
            return direction
        }
        let day = try self.day(input.on, field: "on") ?? today
        guard day <= today else { throw ScriptingError("on: \(day.iso) is in the future; log what has happened") }
        let summary = try checked { try FieldRules.text(input.summary ?? "", field: "summary", oneLine: true) }
        let notes = try checked { try FieldRules.text(input.notes ?? "", field: "notes") }
        if input.isPrivate && !store.isShared {
            throw ScriptingError("private: only a team's book (a postgres:// database) has private interactions; "
                                 + "everything in this file is yours alone")
        }
        let contacts = try contacts(named: input.names)
        let at = day == today ? now : day.start(in: calendar).addingTimeInterval(12 * 3600)
        let interaction = Interaction(occurredAt: at, kind: kind, direction: direction, summary: summary,
                                      notes: notes, contactIDs: contacts.compactMap(\.id), isPrivate: input.isPrivate)
        return (try store.insert(interaction), contacts)
    }

    public func timeline(_ query: String) throws -> ContactTimeline {
        let contact = try contact(named: query)
        return try store.read { tx in
            let entries = try tx.timeline(contactID: contact.id ?? 0)
            var ids = Set<Int64>()
            for case .interaction(let i) in entries { ids.formUnion(i.contactIDs) }
            var names: [Int64: String] = [:]
            for id in ids { names[id] = try tx.contact(id: id)?.name }
            var interactionIDs: [Int64] = []
            for case .interaction(let i) in entries { if let id = i.id { interactionIDs.append(id) } }
            return ContactTimeline(contact: contact, entries: entries, names: names,
                                   sources: try tx.captureSources(ofInteractions: interactionIDs))
        }
    }
}
