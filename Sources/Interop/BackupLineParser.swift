import Domain
import Foundation

/// A fast reader for the lines rapport itself writes: a flat JSON object of
/// strings, integers, booleans, nulls, and lists and small objects of them.
///
/// `JSONDecoder` spends most of a restore in Codable's machinery (about 20
/// microseconds a line); this walks the bytes once. It is only a shortcut:
/// for anything it does not recognise exactly (a number with a fraction, a
/// duplicate key, a value of the wrong type, a missing key) it answers nil,
/// and the line is decoded again by `JSONDecoder`, which either reads it or
/// says precisely what is wrong. So it never accepts a line that the decoder
/// would refuse, and never needs error messages of its own.
struct BackupLineParser {
    /// One JSON value, as much as a backup line needs.
    indirect enum Value {
        case string(String), integer(Int64), bool(Bool), null
        case array([Value]), object([String: Value])
    }

    /// The record on `bytes`, or nil when this parser cannot vouch for it.
    static func record(_ bytes: ArraySlice<UInt8>) -> BackupLines.Record? {
        bytes.withContiguousStorageIfAvailable { buffer -> BackupLines.Record? in
            var parser = Scanner(bytes: buffer)
            guard case .object(let fields)? = parser.value(depth: 0), parser.atEnd else { return nil }
            return record(Fields(values: fields))
        } ?? nil
    }

    private static func record(_ f: Fields) -> BackupLines.Record? {
        guard let type = f.string("type") else { return nil }
        switch type {
        case "contact":
            guard let name = f.string("name"), let nickname = f.string("nickname"), let company = f.string("company"),
                  let title = f.string("title"), let emails = f.strings("emails"), let phones = f.strings("phones"),
                  let circle = f.string("circle").flatMap(Circle.init(rawValue:)), let tags = f.strings("tags"),
                  let metAt = f.string("met_at"), let metVia = f.string("met_via"), let drives = f.string("drives"),
                  let notes = f.string("notes"), let archived = f.bool("archived"),
                  let createdAt = f.instant("created_at"), let updatedAt = f.instant("updated_at"),
                  let id = f.optional("id", f.integer), let emailTypes = f.optional("email_types", f.lists),
                  let phoneTypes = f.optional("phone_types", f.lists), let uid = f.optional("uid", f.string),
                  let extras = f.optional("extras", f.extras), let birthday = f.optional("birthday", f.recurring),
                  let anniversary = f.optional("anniversary", f.recurring), let metOn = f.optional("met_on", f.day),
                  let cadence = f.optional("cadence_override", f.cadence) else { return nil }
            let contact = Contact(id: id, name: name, nickname: nickname, company: company, title: title, emails: emails,
                                  phones: phones, circle: circle, cadenceOverride: cadence, tags: tags, birthday: birthday,
                                  anniversary: anniversary, metAt: metAt, metOn: metOn, metVia: metVia, drives: drives,
                                  notes: notes, archived: archived, createdAt: createdAt, updatedAt: updatedAt)
            return .contact(ImportedContact(contact: contact, uid: uid, emailTypes: emailTypes ?? [], phoneTypes: phoneTypes ?? [],
                                            extras: extras ?? [:], line: 0))
        case "interaction":
            guard let occurredAt = f.instant("occurred_at"), let kind = f.string("kind").flatMap(InteractionKind.init(rawValue:)),
                  let direction = f.string("direction").flatMap(Direction.init(rawValue:)), let summary = f.string("summary"),
                  let notes = f.string("notes"), let contactIDs = f.integers("contact_ids"),
                  let id = f.optional("id", f.integer) else { return nil }
            return .interaction(Interaction(id: id, occurredAt: occurredAt, kind: kind, direction: direction, summary: summary,
                                            notes: notes, contactIDs: contactIDs))
        case "promise":
            guard let contactID = f.integer("contact_id"), let text = f.string("text"),
                  let owner = f.string("owner").flatMap(PromiseOwner.init(rawValue:)), let createdAt = f.instant("created_at"),
                  let id = f.optional("id", f.integer), let due = f.optional("due", f.day),
                  let interactionID = f.optional("interaction_id", f.integer),
                  let doneAt = f.optional("done_at", f.instant) else { return nil }
            return .promise(Promise(id: id, contactID: contactID, text: text, owner: owner, due: due, createdAt: createdAt,
                                    interactionID: interactionID, doneAt: doneAt))
        case "event":
            guard let name = f.string("name"), let start = f.instant("start"), let location = f.string("location"),
                  let notes = f.string("notes"), let attendees = f.integers("attendee_ids"),
                  let id = f.optional("id", f.integer) else { return nil }
            return .event(Event(id: id, name: name, start: start, location: location, notes: notes, attendeeIDs: attendees))
        case "snooze":
            guard let contactID = f.integer("contact_id"), let until = f.day("until") else { return nil }
            return .snooze(Snooze(contactID: contactID, until: until))
        default:
            return nil
        }
    }

    /// Typed reads of an object's keys; nil for a missing key or another type.
    private struct Fields {
        let values: [String: Value]

        func string(_ key: String) -> String? { if case .string(let s)? = values[key] { return s }; return nil }
        func integer(_ key: String) -> Int64? { if case .integer(let n)? = values[key] { return n }; return nil }
        func bool(_ key: String) -> Bool? { if case .bool(let b)? = values[key] { return b }; return nil }
        func instant(_ key: String) -> Date? { string(key).flatMap(Instant.parse) }
        func day(_ key: String) -> Day? { string(key).flatMap { Day(iso: $0) } }
        func recurring(_ key: String) -> RecurringDate? { string(key).flatMap { RecurringDate(text: $0) } }

        func strings(_ key: String) -> [String]? { values[key].flatMap(Fields.strings) }

        func integers(_ key: String) -> [Int64]? {
            guard case .array(let items)? = values[key] else { return nil }
            var result: [Int64] = []
            for item in items {
                guard case .integer(let n) = item else { return nil }
                result.append(n)
            }
            return result
        }

        func lists(_ key: String) -> [[String]]? {
            guard case .array(let items)? = values[key] else { return nil }
            var result: [[String]] = []
            for item in items {
                guard let list = Fields.strings(item) else { return nil }
                result.append(list)
            }
            return result
        }

        func extras(_ key: String) -> [String: [String]]? {
            guard case .object(let members)? = values[key] else { return nil }
            var result: [String: [String]] = [:]
            for (name, value) in members {
                guard let list = Fields.strings(value) else { return nil }
                result[name] = list
            }
            return result
        }

        func cadence(_ key: String) -> Cadence? {
            guard case .object(let members)? = values[key], case .integer(let ideal)? = members["ideal_days"],
                  case .integer(let maximum)? = members["max_days"], let i = Int(exactly: ideal),
                  let m = Int(exactly: maximum) else { return nil }
            return Cadence(idealDays: i, maximumDays: m)
        }

        /// An optional key: `.some(nil)` when missing or null, nil when present but unreadable.
        func optional<T>(_ key: String, _ read: (String) -> T?) -> T?? {
            switch values[key] {
            case nil, .null?: return .some(nil)
            default:
                guard let value = read(key) else { return .none }
                return .some(value)
            }
        }

        static func strings(_ value: Value) -> [String]? {
            guard case .array(let items) = value else { return nil }
            var result: [String] = []
            result.reserveCapacity(items.count)
            for item in items {
                guard case .string(let s) = item else { return nil }
                result.append(s)
            }
            return result
        }
    }

    /// The bytes of one line, walked once.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var atEnd: Bool {
            mutating get {
                skipSpaces()
                return index == bytes.count
            }
        }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
                index += 1
            }
        }

        mutating func value(depth: Int) -> Value? {
            guard depth < 8 else { return nil }
            skipSpaces()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "{"):
                index += 1
                var members: [String: Value] = [:]
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                    index += 1
                    guard let member = value(depth: depth + 1), members.updateValue(member, forKey: key) == nil else { return nil }
                    skipSpaces()
                    guard index < bytes.count else { return nil }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                    return nil
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [Value] = []
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    guard let item = value(depth: depth + 1) else { return nil }
                    items.append(item)
                    skipSpaces()
                    guard index < bytes.count else { return nil }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    return nil
                }
            case UInt8(ascii: "t"): return word("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return word("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return word("null") ? .null : nil
            default: return integer()
            }
        }

        private mutating func word(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for i in 0..<count where bytes[index + i] != text.utf8Start[i] { return false }
            index += count
            return true
        }

        /// An integer that fits Int64, written as JSON writes it (no fraction, no exponent).
        private mutating func integer() -> Value? {
            var negative = false
            if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
            let start = index
            var value: Int64 = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[index] - 0x30))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                index += 1
            }
            let digits = index - start
            guard digits > 0, digits == 1 || bytes[start] != 0x30 else { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") { return nil }
            return .integer(negative ? -value : value)
        }

        /// A string with its escapes decoded; nil for a control character, a
        /// bad escape or bytes that are not UTF-8.
        private mutating func string() -> String? {
            index += 1
            let start = index
            var plain = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    return plain ? Scanner.text(raw) : Scanner.unescaped(raw)
                }
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") { plain = false; index += 1 }
                index += 1
            }
            return nil
        }

        private static func text(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
            let text = String(decoding: raw, as: UTF8.self)
            if raw.allSatisfy({ $0 < 0x80 }) || text.utf8.elementsEqual(raw) { return text }
            return nil
        }

        private static func unescaped(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
            JSONUnescaping.unescaped(raw)?.withUnsafeBufferPointer { text($0) }
        }
    }
}
