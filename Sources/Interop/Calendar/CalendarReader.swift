import Foundation

/// Reads iCalendar files (RFC 5545) as Google Calendar, Outlook/Exchange,
/// Apple Calendar and khal write them, into the occurrences of their events
/// within a window (`CalendarReader+Occurrences.swift` expands them).
///
/// As the vCard reader, it works on bytes and walks the input once; a damaged
/// VEVENT is skipped with an `ImportIssue` naming the line of its
/// BEGIN:VEVENT, and the rest of the file still reads. Only a file that is
/// not iCalendar at all is refused as a whole.
///
/// Invariants kept here: VTODO, VJOURNAL and VALARM are read past, never
/// into; a VEVENT's properties belong to it only while it is the innermost
/// open component; VTIMEZONEs are collected before any time is resolved, so
/// their place in the file does not matter.
public enum CalendarReader {
    /// The occurrences of the file's events that start within `[from, to]`.
    ///
    /// - Parameter zone: the zone of floating times and all-day dates (the
    ///   machine's, unless a test fixes one).
    /// - Throws: `ImportIssue` when the bytes are not an iCalendar file.
    public static func read(_ bytes: [UInt8], from: Date, to: Date,
                            zone: TimeZone = .current) throws(ImportIssue) -> CalendarReading {
        let parsed = try parse(normalized(bytes))
        var reading = CalendarReading(skipped: parsed.issues)
        let resolver = ZoneResolver(floating: zone, definitions: parsed.zones)
        // Clamped to ±30,000 years so that no Date traps the conversion to Int.
        let limit = 1e12
        let window = Window(from: Int(max(-limit, min(limit, from.timeIntervalSince1970.rounded(.down)))),
                            to: Int(max(-limit, min(limit, to.timeIntervalSince1970.rounded(.up)))))
        occurrences(of: parsed.events, in: window, resolver: resolver, into: &reading)
        return reading
    }

    /// Reads a file; its bytes that are not iCalendar are reported with its path.
    public static func read(file path: String, from: Date, to: Date,
                            zone: TimeZone = .current) throws -> CalendarReading {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try read([UInt8](data), from: from, to: to, zone: zone)
    }

    struct Parsed {
        var events: [EventDraft] = []
        var zones: [String: ZoneRules] = [:]
        var issues: [ImportIssue] = []
    }

    /// A UTF-8 BOM dropped; UTF-16 (with a BOM) re-encoded as UTF-8.
    private static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]),
           let text = String(data: Data(bytes), encoding: .utf16) {
            return Array(text.utf8)
        }
        return bytes
    }

    /// Refuses bytes whose first non-blank line is not BEGIN:VCALENDAR (a
    /// binary file, a vCard…); a blank file is an empty calendar.
    private static func checkStart(_ bytes: [UInt8]) throws(ImportIssue) {
        var index = 0, line = 1
        while index < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[index]) {
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) { line += 1 }
            index += 1
        }
        guard index < bytes.count else { return }
        let wanted = Array("BEGIN:VCALENDAR".utf8)
        let found = bytes[index..<min(bytes.count, index + wanted.count)]
        if found.count == wanted.count, zip(found, wanted).allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) == $1 }) {
            return
        }
        var end = index
        while end < bytes.count, end - index < 30, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        throw ImportIssue(line: line, reason: "not an iCalendar file: expected BEGIN:VCALENDAR, found \""
                          + CalendarText.clean(String(decoding: bytes[index..<end], as: UTF8.self)) + "\"")
    }

    static let nestingLimit = 32

    static func parse(_ bytes: [UInt8]) throws(ImportIssue) -> Parsed {
        try checkStart(bytes)
        var parsed = Parsed()
        var stack: [String] = []
        var event: EventDraft?
        var zone: ZoneDraft?
        var observance: ZoneDraft.ObservanceDraft?

        func dropEvent(_ reason: String) {
            if let open = event { parsed.issues.append(ImportIssue(line: open.line, reason: reason)) }
            event = nil
        }

        CalendarLine.forEach(in: bytes) { line in
            switch line.name {
            case "BEGIN":
                // Real calendars nest four deep; past that, a BEGIN is noise, and a deep stack
                // would make every unmatched END a long search.
                guard stack.count < Self.nestingLimit else { return }
                let component = CalendarText.clean(line.raw).uppercased()
                if component == "VEVENT" {
                    // A VEVENT inside a VEVENT means the first one lost its END: drop it, keep the new one.
                    if let open = stack.lastIndex(of: "VEVENT") {
                        dropEvent("VEVENT without END:VEVENT")
                        stack.removeSubrange(open...)
                    }
                    if stack.last == "VCALENDAR" { event = EventDraft(line: line.line) }
                } else if component == "VTIMEZONE", stack.last == "VCALENDAR" {
                    zone = ZoneDraft()
                } else if component == "STANDARD" || component == "DAYLIGHT", stack.last == "VTIMEZONE", zone != nil {
                    observance = ZoneDraft.ObservanceDraft()
                }
                stack.append(String(component.prefix(40)))
            case "END":
                let component = CalendarText.clean(line.raw).uppercased()
                guard let open = stack.lastIndex(of: component) else { return } // a stray END changes nothing
                if open != stack.count - 1, stack[(open + 1)...].contains("VEVENT") {
                    dropEvent("VEVENT without END:VEVENT")
                }
                stack.removeSubrange(open...)
                switch component {
                case "VEVENT":
                    if let done = event { finish(done, into: &parsed) }
                    event = nil
                case "STANDARD", "DAYLIGHT":
                    if let done = observance { zone?.observances.append(done) }
                    observance = nil
                case "VTIMEZONE":
                    if let done = zone, let id = done.id, let rules = done.rules { parsed.zones[id] = rules }
                    zone = nil
                default: break
                }
            default:
                switch stack.last {
                case "VEVENT": event?.apply(line)
                // TZID is TEXT here, so Exchange's "(UTC+01:00) Amsterdam\, Berlin" comes escaped; in a parameter it is quoted.
                case "VTIMEZONE": if line.name == "TZID" { zone?.id = CalendarText.unescaped(line.value) }
                case "STANDARD", "DAYLIGHT": observance?.apply(line)
                default: break
                }
            }
        }
        if event != nil { dropEvent("VEVENT without END:VEVENT") }
        return parsed
    }

    private static func finish(_ draft: EventDraft, into parsed: inout Parsed) {
        if let problem = draft.problem {
            parsed.issues.append(ImportIssue(line: draft.line, reason: "VEVENT skipped: " + problem))
        } else if draft.uid == nil || draft.uid!.isEmpty {
            parsed.issues.append(ImportIssue(line: draft.line, reason: "VEVENT skipped: no UID"))
        } else if draft.start == nil {
            parsed.issues.append(ImportIssue(line: draft.line, reason: "VEVENT skipped: no DTSTART"))
        } else {
            parsed.events.append(draft)
        }
    }
}
