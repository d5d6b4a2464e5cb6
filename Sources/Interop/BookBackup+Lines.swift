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
        var bytes: [UInt8] = []
        append(record, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func contact(_ imported: ImportedContact) -> String { line(.contact(imported)) }
    public static func interaction(_ i: Interaction) -> String { line(.interaction(i)) }
    public static func promise(_ p: Promise) -> String { line(.promise(p)) }
    public static func event(_ e: Event) -> String { line(.event(e)) }
    public static func snooze(_ s: Snooze) -> String { line(.snooze(s)) }

    /// Appends the record's line (without its newline) to `bytes`: an export
    /// writes a million of them into one buffer, never building a String.
    public static func append(_ record: Record, to bytes: inout [UInt8]) {
        var w = LineWriter(bytes: bytes)
        bytes = []
        switch record {
        case .contact(let imported):
            let c = imported.contact
            w.key("{\"anniversary\":"); w.optional(c.anniversary?.description)
            w.key(",\"archived\":"); w.key(c.archived ? "true" : "false")
            w.key(",\"birthday\":"); w.optional(c.birthday?.description)
            w.key(",\"cadence_override\":")
            if let cadence = c.cadenceOverride {
                w.key("{\"ideal_days\":"); w.int(Int64(cadence.idealDays))
                w.key(",\"max_days\":"); w.int(Int64(cadence.maximumDays)); w.key("}")
            } else {
                w.key("null")
            }
            w.key(",\"circle\":"); w.string(c.circle.rawValue)
            w.key(",\"company\":"); w.string(c.company)
            w.key(",\"created_at\":"); w.instant(c.createdAt)
            w.key(",\"drives\":"); w.string(c.drives)
            w.key(",\"email_types\":"); w.lists(imported.emailTypes)
            w.key(",\"emails\":"); w.strings(c.emails)
            w.key(",\"extras\":{")
            var first = true
            for key in imported.extras.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                if !first { w.key(",") }
                w.string(key); w.key(":"); w.strings(imported.extras[key] ?? [])
                first = false
            }
            w.key("},\"id\":"); w.optional(c.id)
            w.key(",\"met_at\":"); w.string(c.metAt)
            w.key(",\"met_on\":"); w.optional(c.metOn?.iso)
            w.key(",\"met_via\":"); w.string(c.metVia)
            w.key(",\"name\":"); w.string(c.name)
            w.key(",\"nickname\":"); w.string(c.nickname)
            w.key(",\"notes\":"); w.string(c.notes)
            w.key(",\"phone_types\":"); w.lists(imported.phoneTypes)
            w.key(",\"phones\":"); w.strings(c.phones)
            w.key(",\"tags\":"); w.strings(c.tags)
            w.key(",\"title\":"); w.string(c.title)
            w.key(",\"type\":\"contact\",\"uid\":"); w.optional(imported.uid)
            w.key(",\"updated_at\":"); w.instant(c.updatedAt); w.key("}")
        case .interaction(let i):
            w.key("{\"contact_ids\":"); w.ids(i.contactIDs)
            w.key(",\"direction\":"); w.string(i.direction.rawValue)
            w.key(",\"id\":"); w.optional(i.id)
            w.key(",\"kind\":"); w.string(i.kind.rawValue)
            w.key(",\"notes\":"); w.string(i.notes)
            w.key(",\"occurred_at\":"); w.instant(i.occurredAt)
            w.key(",\"summary\":"); w.string(i.summary)
            w.key(",\"type\":\"interaction\"}")
        case .promise(let p):
            w.key("{\"contact_id\":"); w.int(p.contactID)
            w.key(",\"created_at\":"); w.instant(p.createdAt)
            w.key(",\"done_at\":")
            if let done = p.doneAt { w.instant(done) } else { w.key("null") }
            w.key(",\"due\":"); w.optional(p.due?.iso)
            w.key(",\"id\":"); w.optional(p.id)
            w.key(",\"interaction_id\":"); w.optional(p.interactionID)
            w.key(",\"owner\":"); w.string(p.owner.rawValue)
            w.key(",\"text\":"); w.string(p.text)
            w.key(",\"type\":\"promise\"}")
        case .event(let e):
            w.key("{\"attendee_ids\":"); w.ids(e.attendeeIDs)
            w.key(",\"id\":"); w.optional(e.id)
            w.key(",\"location\":"); w.string(e.location)
            w.key(",\"name\":"); w.string(e.name)
            w.key(",\"notes\":"); w.string(e.notes)
            w.key(",\"start\":"); w.instant(e.start)
            w.key(",\"type\":\"event\"}")
        case .snooze(let s):
            w.key("{\"contact_id\":"); w.int(s.contactID)
            w.key(",\"type\":\"snooze\",\"until\":"); w.string(s.until.iso); w.key("}")
        }
        bytes = w.bytes
    }
}

/// JSON text appended byte by byte, as `String.jsonQuoted` writes strings.
struct LineWriter {
    var bytes: [UInt8]

    mutating func key(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func string(_ text: String) {
        bytes.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(0x5C); bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(0x5C); bytes.append(UInt8(ascii: "f"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    mutating func int(_ value: Int64) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func optional(_ text: String?) {
        if let text { string(text) } else { key("null") }
    }

    mutating func optional(_ value: Int64?) {
        if let value { int(value) } else { key("null") }
    }

    /// `[a,b,…]`, each element written by `element`.
    mutating func array<T>(_ values: [T], _ element: (inout Self, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    mutating func lists(_ values: [[String]]) { array(values) { $0.strings($1) } }

    mutating func ids(_ values: [Int64]) { array(values) { $0.int($1) } }

    /// `"2026-01-15T12:00:00Z"`, with `.ffffff` when there are microseconds, as `Instant.format`.
    mutating func instant(_ date: Date) {
        let (day, rest, fraction) = Instant.parts(of: date)
        guard (0...9999).contains(day.year) else { string(Instant.format(date)); return }
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var v = value
            while divisor > 0 { bytes.append(UInt8(0x30 + v / divisor)); v %= divisor; divisor /= 10 }
        }
        bytes.append(0x22)
        digits(day.year, 4); bytes.append(UInt8(ascii: "-")); digits(day.month, 2); bytes.append(UInt8(ascii: "-"))
        digits(day.day, 2); bytes.append(UInt8(ascii: "T")); digits(Int(rest / 3600), 2); bytes.append(UInt8(ascii: ":"))
        digits(Int(rest / 60 % 60), 2); bytes.append(UInt8(ascii: ":")); digits(Int(rest % 60), 2)
        if fraction != 0 { bytes.append(UInt8(ascii: ".")); digits(Int(fraction), 6) }
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(0x22)
    }
}
