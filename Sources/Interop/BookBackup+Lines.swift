import Domain
import Foundation

/// rapport's backup, version 2: JSON Lines, one record a line, so that a
/// book of a million interactions is written and read a line at a time, in
/// bounded memory.
///
/// Line 1 is the header, `{"counts": {"contacts": N, "events": N,
/// "interactions": N, "promises": N, "snoozes": N}, "exported_at": "…",
/// "version": 2}`; then contacts, interactions, promises, events and
/// snoozes, in that order (each refers only to lines above it), each line an
/// object with a `type` (`contact`, `interaction`, `promise`, `event`,
/// `snooze`) and the keys of version 1's records, snake_case and sorted. The
/// counts let a reader tell a truncated file from a whole one.
public enum BackupLines {
    public static let version = 2

    /// How many records of each kind a backup holds.
    public struct Counts: Sendable, Equatable, Codable {
        public var contacts = 0, interactions = 0, promises = 0, events = 0, snoozes = 0

        public init(contacts: Int = 0, interactions: Int = 0, promises: Int = 0, events: Int = 0, snoozes: Int = 0) {
            self.contacts = contacts
            self.interactions = interactions
            self.promises = promises
            self.events = events
            self.snoozes = snoozes
        }

        public var total: Int { contacts + interactions + promises + events + snoozes }
    }

    /// One record of a backup.
    public enum Record: Sendable, Equatable {
        case contact(ImportedContact)
        case interaction(Interaction)
        case promise(Promise)
        case event(Event)
        case snooze(Snooze)
    }

    // MARK: Writing (each line without its newline)

    public static func header(exportedAt: Date, counts: Counts) -> String {
        "{\"counts\":{\"contacts\":\(counts.contacts),\"events\":\(counts.events),\"interactions\":\(counts.interactions),"
            + "\"promises\":\(counts.promises),\"snoozes\":\(counts.snoozes)},\"exported_at\":"
            + Instant.format(exportedAt).jsonQuoted + ",\"version\":\(version)}"
    }

    public static func line(_ record: Record) -> String {
        switch record {
        case .contact(let c): return contact(c)
        case .interaction(let i): return interaction(i)
        case .promise(let p): return promise(p)
        case .event(let e): return event(e)
        case .snooze(let s): return snooze(s)
        }
    }

    public static func contact(_ imported: ImportedContact) -> String {
        let c = imported.contact
        var out = "{\"anniversary\":" + optional(c.anniversary?.description) + ",\"archived\":" + (c.archived ? "true" : "false")
        out += ",\"birthday\":" + optional(c.birthday?.description) + ",\"cadence_override\":"
        out += c.cadenceOverride.map { "{\"ideal_days\":\($0.idealDays),\"max_days\":\($0.maximumDays)}" } ?? "null"
        out += ",\"circle\":" + c.circle.rawValue.jsonQuoted + ",\"company\":" + c.company.jsonQuoted
        out += ",\"created_at\":" + Instant.format(c.createdAt).jsonQuoted + ",\"drives\":" + c.drives.jsonQuoted
        out += ",\"email_types\":" + lists(imported.emailTypes) + ",\"emails\":" + strings(c.emails)
        out += ",\"extras\":{"
        var first = true
        for key in imported.extras.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            out += (first ? "" : ",") + key.jsonQuoted + ":" + strings(imported.extras[key] ?? [])
            first = false
        }
        out += "},\"id\":" + optional(c.id) + ",\"met_at\":" + c.metAt.jsonQuoted + ",\"met_on\":" + optional(c.metOn?.iso)
        out += ",\"met_via\":" + c.metVia.jsonQuoted + ",\"name\":" + c.name.jsonQuoted + ",\"nickname\":" + c.nickname.jsonQuoted
        out += ",\"notes\":" + c.notes.jsonQuoted + ",\"phone_types\":" + lists(imported.phoneTypes)
        out += ",\"phones\":" + strings(c.phones) + ",\"tags\":" + strings(c.tags) + ",\"title\":" + c.title.jsonQuoted
        out += ",\"type\":\"contact\",\"uid\":" + optional(imported.uid) + ",\"updated_at\":"
        out += Instant.format(c.updatedAt).jsonQuoted + "}"
        return out
    }

    public static func interaction(_ i: Interaction) -> String {
        "{\"contact_ids\":" + ids(i.contactIDs) + ",\"direction\":" + i.direction.rawValue.jsonQuoted + ",\"id\":" + optional(i.id)
            + ",\"kind\":" + i.kind.rawValue.jsonQuoted + ",\"notes\":" + i.notes.jsonQuoted + ",\"occurred_at\":"
            + Instant.format(i.occurredAt).jsonQuoted + ",\"summary\":" + i.summary.jsonQuoted + ",\"type\":\"interaction\"}"
    }

    public static func promise(_ p: Promise) -> String {
        "{\"contact_id\":\(p.contactID),\"created_at\":" + Instant.format(p.createdAt).jsonQuoted + ",\"done_at\":"
            + optional(p.doneAt.map(Instant.format)) + ",\"due\":" + optional(p.due?.iso) + ",\"id\":" + optional(p.id)
            + ",\"interaction_id\":" + optional(p.interactionID) + ",\"owner\":" + p.owner.rawValue.jsonQuoted
            + ",\"text\":" + p.text.jsonQuoted + ",\"type\":\"promise\"}"
    }

    public static func event(_ e: Event) -> String {
        "{\"attendee_ids\":" + ids(e.attendeeIDs) + ",\"id\":" + optional(e.id) + ",\"location\":" + e.location.jsonQuoted
            + ",\"name\":" + e.name.jsonQuoted + ",\"notes\":" + e.notes.jsonQuoted + ",\"start\":"
            + Instant.format(e.start).jsonQuoted + ",\"type\":\"event\"}"
    }

    public static func snooze(_ s: Snooze) -> String {
        "{\"contact_id\":\(s.contactID),\"type\":\"snooze\",\"until\":" + s.until.iso.jsonQuoted + "}"
    }

    private static func optional(_ text: String?) -> String { text?.jsonQuoted ?? "null" }
    private static func optional(_ id: Int64?) -> String { id.map { String($0) } ?? "null" }
    private static func strings(_ values: [String]) -> String { "[" + values.map(\.jsonQuoted).joined(separator: ",") + "]" }
    private static func lists(_ values: [[String]]) -> String { "[" + values.map(strings).joined(separator: ",") + "]" }
    private static func ids(_ values: [Int64]) -> String { "[" + values.map { String($0) }.joined(separator: ",") + "]" }
}
