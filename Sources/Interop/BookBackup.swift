import Domain
import Foundation

/// The whole book as one JSON document: rapport's backup format, version 1
/// (version 2, JSON Lines, is `BackupLines`; both are read back).
///
/// `{"version": 1, "exported_at", "contacts", "interactions", "promises",
/// "events", "snoozes"}`; keys snake_case and sorted, every key present
/// (`null` when unset), instants ISO 8601 UTC with microseconds when they
/// have any (`2026-11-23T11:36:12.250000Z`, the store's resolution), days
/// `YYYY-MM-DD`. Ids are kept, so restoring into an empty file gives back
/// the same database. A contact carries what import keeps beyond rapport's
/// fields: `uid`, `extras`, `email_types`, `phone_types`.
public struct BookBackup: Sendable, Equatable {
    public static let version = 1

    public var contacts: [ImportedContact]
    public var interactions: [Interaction]
    public var promises: [Promise]
    public var events: [Event]
    public var snoozes: [Snooze]

    public init(contacts: [ImportedContact], interactions: [Interaction], promises: [Promise], events: [Event],
                snoozes: [Snooze]) {
        self.contacts = contacts
        self.interactions = interactions
        self.promises = promises
        self.events = events
        self.snoozes = snoozes
    }

    /// The document, pretty-printed with sorted keys.
    public func encoded(exportedAt: Date) -> Data {
        let document = Document(version: BookBackup.version, exportedAt: Instant(exportedAt),
                                contacts: contacts.map(ContactDTO.init), interactions: interactions.map(InteractionDTO.init),
                                promises: promises.map(PromiseDTO.init), events: events.map(EventDTO.init),
                                snoozes: snoozes.map(SnoozeDTO.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data()
    }

    /// The book as a version 2 backup (`BackupLines`), in memory: for small
    /// books and tests; `rapport export` writes the lines as it reads the store.
    public func encodedLines(exportedAt: Date) -> Data {
        let counts = BackupLines.Counts(contacts: contacts.count, interactions: interactions.count, promises: promises.count,
                                        events: events.count, snoozes: snoozes.count)
        var text = BackupLines.header(exportedAt: exportedAt, counts: counts) + "\n"
        for c in contacts { text += BackupLines.contact(c) + "\n" }
        for i in interactions { text += BackupLines.interaction(i) + "\n" }
        for p in promises { text += BackupLines.promise(p) + "\n" }
        for e in events { text += BackupLines.event(e) + "\n" }
        for s in snoozes { text += BackupLines.snooze(s) + "\n" }
        return Data(text.utf8)
    }

    /// Reads a backup of either version (2 is recognised by its first line);
    /// the whole of it in memory: `BackupLineReader` reads version 2 a line at a time.
    /// - Throws: `ImportIssue` saying which key is wrong, or which version is unknown.
    public static func decode(_ data: Data) throws(ImportIssue) -> BookBackup {
        var given = false
        var lines = BackupLineReader(chunks: {
            defer { given = true }
            return given ? nil : data
        })
        if try lines.header() != nil {
            var backup = BookBackup(contacts: [], interactions: [], promises: [], events: [], snoozes: [])
            while let record = try lines.next() {
                switch record {
                case .contact(let c): backup.contacts.append(c)
                case .interaction(let i): backup.interactions.append(i)
                case .promise(let p): backup.promises.append(p)
                case .event(let e): backup.events.append(e)
                case .snooze(let s): backup.snoozes.append(s)
                }
            }
            return backup
        }
        struct Probe: Decodable { var version: Int? }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: data) else {
            throw ImportIssue(line: 1, reason: "not a rapport JSON backup (not a JSON object)")
        }
        guard probe.version == BookBackup.version else {
            throw ImportIssue(line: 1, reason: probe.version.map { "backup version \($0) is not supported (this rapport reads versions 1 and 2)" }
                ?? "not a rapport JSON backup (no \"version\": 1)")
        }
        do {
            let document = try JSONDecoder().decode(Document.self, from: data)
            return BookBackup(contacts: try document.contacts.map { try $0.imported() },
                              interactions: document.interactions.map(\.interaction),
                              promises: document.promises.map(\.promise),
                              events: document.events.map(\.event),
                              snoozes: document.snoozes.map(\.snooze))
        } catch let error as DecodingError {
            throw ImportIssue(line: nil, reason: BookBackup.describe(error))
        } catch let issue as ImportIssue {
            throw issue
        } catch {
            throw ImportIssue(line: nil, reason: "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { key in key.intValue.map { "[\($0)]" } ?? "." + key.stringValue }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): wrong type (\(context.debugDescription))"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

// MARK: - The document

/// An instant as `2026-11-23T11:36:12Z`, with `.ffffff` when it has microseconds.
struct Instant: Codable, Equatable {
    var date: Date

    init(_ date: Date) { self.date = date }

    init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = Instant.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\(text.debugDescription) is not an ISO 8601 UTC instant"))
        }
        self.date = date
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Instant.format(date))
    }

    /// The UTC day, second of the day and microsecond of `date`: arithmetic,
    /// not Calendar, as a backup formats millions of instants.
    static func parts(of date: Date) -> (day: Day, second: Int64, micro: Int64) {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var seconds = micros / 1_000_000, fraction = micros % 1_000_000
        if fraction < 0 { seconds -= 1; fraction += 1_000_000 }
        var days = seconds / 86_400, rest = seconds % 86_400
        if rest < 0 { days -= 1; rest += 86_400 }
        return (Day(ordinal: Int(days) + Instant.epochOrdinal), rest, fraction)
    }

    static func format(_ date: Date) -> String {
        let (day, rest, fraction) = parts(of: date)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = day.iso + "T" + two(rest / 3600) + ":" + two(rest / 60 % 60) + ":" + two(rest % 60)
        if fraction != 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        return text + "Z"
    }

    static let epochOrdinal = Day(year: 1970, month: 1, day: 1)!.ordinal

    /// Parses what `format` writes (up to nine fraction digits, the
    /// microseconds kept), on bytes: a restore parses millions.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for i in from..<(from + count) {
                    guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                    value = value * 10 + Int(b[i] - 0x30)
                }
                return value
            }
            guard b.count >= 20, b[b.count - 1] == UInt8(ascii: "Z"), b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
                  b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
                  let year = number(0, 4), let month = number(5, 2), let dayOfMonth = number(8, 2),
                  let day = Day(year: year, month: month, day: dayOfMonth),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  hour < 24, minute < 60, second < 61 else { return nil }
            var micros: Int64 = 0
            let fraction = b.count - 1 - 19
            if fraction > 0 {
                guard b[19] == UInt8(ascii: "."), fraction >= 2, fraction <= 10,
                      let digits = number(20, fraction - 1) else { return nil }
                var value = Int64(digits)
                var count = fraction - 1
                while count > 6 { value /= 10; count -= 1 }
                while count < 6 { value *= 10; count += 1 }
                micros = value
            }
            let days = Int64(day.ordinal - Instant.epochOrdinal)
            let total = ((days * 24 + Int64(hour)) * 60 + Int64(minute)) * 60 + Int64(second)
            return Date(timeIntervalSince1970: Double(total * 1_000_000 + micros) / 1_000_000)
        }
    }
}

private struct Document: Codable {
    var version: Int
    var exportedAt: Instant?
    var contacts: [ContactDTO]
    var interactions: [InteractionDTO]
    var promises: [PromiseDTO]
    var events: [EventDTO]
    var snoozes: [SnoozeDTO]

    enum CodingKeys: String, CodingKey {
        case version, exportedAt = "exported_at", contacts, interactions, promises, events, snoozes
    }
}

struct CadenceDTO: Codable {
    var idealDays: Int
    var maxDays: Int
    enum CodingKeys: String, CodingKey { case idealDays = "ideal_days", maxDays = "max_days" }
}

struct ContactDTO: Codable {
    var id: Int64?
    var name: String
    var nickname: String
    var company: String
    var title: String
    var emails: [String]
    var emailTypes: [[String]]?
    var phones: [String]
    var phoneTypes: [[String]]?
    var circle: Circle
    var cadenceOverride: CadenceDTO?
    var tags: [String]
    var birthday: RecurringDate?
    var anniversary: RecurringDate?
    var metAt: String
    var metOn: Day?
    var metVia: String
    var drives: String
    var notes: String
    var archived: Bool
    var createdAt: Instant
    var updatedAt: Instant
    var uid: String?
    var extras: [String: [String]]?

    enum CodingKeys: String, CodingKey {
        case id, name, nickname, company, title, emails, emailTypes = "email_types", phones, phoneTypes = "phone_types"
        case circle, cadenceOverride = "cadence_override", tags, birthday, anniversary, metAt = "met_at"
        case metOn = "met_on", metVia = "met_via", drives, notes, archived, createdAt = "created_at"
        case updatedAt = "updated_at", uid, extras
    }

    init(_ imported: ImportedContact) {
        let c = imported.contact
        id = c.id; name = c.name; nickname = c.nickname; company = c.company; title = c.title
        emails = c.emails; emailTypes = imported.emailTypes; phones = c.phones; phoneTypes = imported.phoneTypes
        circle = c.circle
        cadenceOverride = c.cadenceOverride.map { CadenceDTO(idealDays: $0.idealDays, maxDays: $0.maximumDays) }
        tags = c.tags; birthday = c.birthday; anniversary = c.anniversary; metAt = c.metAt; metOn = c.metOn
        metVia = c.metVia; drives = c.drives; notes = c.notes; archived = c.archived
        createdAt = Instant(c.createdAt); updatedAt = Instant(c.updatedAt); uid = imported.uid; extras = imported.extras
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(name, forKey: .name); try c.encode(nickname, forKey: .nickname)
        try c.encode(company, forKey: .company); try c.encode(title, forKey: .title)
        try c.encode(emails, forKey: .emails); try c.encode(emailTypes ?? [], forKey: .emailTypes)
        try c.encode(phones, forKey: .phones); try c.encode(phoneTypes ?? [], forKey: .phoneTypes)
        try c.encode(circle, forKey: .circle); try c.encode(cadenceOverride, forKey: .cadenceOverride)
        try c.encode(tags, forKey: .tags); try c.encode(birthday, forKey: .birthday)
        try c.encode(anniversary, forKey: .anniversary); try c.encode(metAt, forKey: .metAt)
        try c.encode(metOn, forKey: .metOn); try c.encode(metVia, forKey: .metVia); try c.encode(drives, forKey: .drives)
        try c.encode(notes, forKey: .notes); try c.encode(archived, forKey: .archived)
        try c.encode(createdAt, forKey: .createdAt); try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(uid, forKey: .uid); try c.encode(extras ?? [:], forKey: .extras)
    }

    func imported() throws -> ImportedContact {
        var contact = Contact(id: id, name: name, nickname: nickname, company: company, title: title, emails: emails,
                              phones: phones, circle: circle,
                              cadenceOverride: cadenceOverride.map { Cadence(idealDays: $0.idealDays, maximumDays: $0.maxDays) },
                              tags: tags, birthday: birthday, anniversary: anniversary, metAt: metAt, metOn: metOn,
                              metVia: metVia, drives: drives, notes: notes, archived: archived,
                              createdAt: createdAt.date, updatedAt: updatedAt.date)
        contact.updatedAt = updatedAt.date
        return ImportedContact(contact: contact, uid: uid, emailTypes: emailTypes ?? [], phoneTypes: phoneTypes ?? [],
                               extras: extras ?? [:], line: 0)
    }
}

struct InteractionDTO: Codable {
    var id: Int64?
    var occurredAt: Instant
    var kind: InteractionKind
    var direction: Direction
    var summary: String
    var notes: String
    var contactIDs: [Int64]

    enum CodingKeys: String, CodingKey {
        case id, occurredAt = "occurred_at", kind, direction, summary, notes, contactIDs = "contact_ids"
    }

    init(_ i: Interaction) {
        id = i.id; occurredAt = Instant(i.occurredAt); kind = i.kind; direction = i.direction
        summary = i.summary; notes = i.notes; contactIDs = i.contactIDs
    }

    var interaction: Interaction {
        Interaction(id: id, occurredAt: occurredAt.date, kind: kind, direction: direction, summary: summary, notes: notes,
                    contactIDs: contactIDs)
    }
}

struct PromiseDTO: Codable {
    var id: Int64?
    var contactID: Int64
    var text: String
    var owner: PromiseOwner
    var due: Day?
    var createdAt: Instant
    var interactionID: Int64?
    var doneAt: Instant?

    enum CodingKeys: String, CodingKey {
        case id, contactID = "contact_id", text, owner, due, createdAt = "created_at"
        case interactionID = "interaction_id", doneAt = "done_at"
    }

    init(_ p: Promise) {
        id = p.id; contactID = p.contactID; text = p.text; owner = p.owner; due = p.due
        createdAt = Instant(p.createdAt); interactionID = p.interactionID; doneAt = p.doneAt.map(Instant.init)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(contactID, forKey: .contactID); try c.encode(text, forKey: .text)
        try c.encode(owner, forKey: .owner); try c.encode(due, forKey: .due); try c.encode(createdAt, forKey: .createdAt)
        try c.encode(interactionID, forKey: .interactionID); try c.encode(doneAt, forKey: .doneAt)
    }

    var promise: Promise {
        Promise(id: id, contactID: contactID, text: text, owner: owner, due: due, createdAt: createdAt.date,
                interactionID: interactionID, doneAt: doneAt?.date)
    }
}

struct EventDTO: Codable {
    var id: Int64?
    var name: String
    var start: Instant
    var location: String
    var notes: String
    var attendeeIDs: [Int64]

    enum CodingKeys: String, CodingKey { case id, name, start, location, notes, attendeeIDs = "attendee_ids" }

    init(_ e: Event) {
        id = e.id; name = e.name; start = Instant(e.start); location = e.location; notes = e.notes
        attendeeIDs = e.attendeeIDs
    }

    var event: Event {
        Event(id: id, name: name, start: start.date, location: location, notes: notes, attendeeIDs: attendeeIDs)
    }
}

struct SnoozeDTO: Codable {
    var contactID: Int64
    var until: Day

    enum CodingKeys: String, CodingKey { case contactID = "contact_id", until }

    init(_ s: Snooze) { contactID = s.contactID; until = s.until }

    var snooze: Snooze { Snooze(contactID: contactID, until: until) }
}
