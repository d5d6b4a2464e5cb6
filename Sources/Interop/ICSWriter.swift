import Domain
import Foundation

/// Writes an iCalendar file (RFC 5545): to-dos (open promises, follow-ups)
/// and events, with stable UIDs so that a calendar re-subscribing to the
/// export updates its entries instead of duplicating them.
///
/// Lines end in CRLF and are folded at 75 octets; TEXT values are escaped.
public enum ICSWriter {
    public struct Todo: Sendable, Hashable {
        /// Stable across exports: `promise-12@rapport`, `follow-up-3@rapport`.
        public var uid: String
        public var summary: String
        public var description: String
        public var due: Day?
        public var created: Date?
        public var categories: [String]

        public init(uid: String, summary: String, description: String = "", due: Day?, created: Date? = nil,
                    categories: [String] = []) {
            self.uid = uid
            self.summary = summary
            self.description = description
            self.due = due
            self.created = created
            self.categories = categories
        }
    }

    public struct Event: Sendable, Hashable {
        public var uid: String
        public var summary: String
        public var start: Date
        /// Defaults to two hours after the start.
        public var end: Date?
        public var location: String
        public var description: String

        public init(uid: String, summary: String, start: Date, end: Date? = nil, location: String = "",
                    description: String = "") {
            self.uid = uid
            self.summary = summary
            self.start = start
            self.end = end
            self.location = location
            self.description = description
        }
    }

    /// The whole calendar; `now` is every entry's DTSTAMP.
    public static func calendar(todos: [Todo], events: [Event], now: Date) -> String {
        var lines = ContentLines()
        let text = ContentLines.escaped
        let stamp = VCardWriter.timestamp(now)
        lines.append("BEGIN:VCALENDAR")
        lines.append("VERSION:2.0")
        lines.append("PRODID:-//rapport//rapport 0.1//EN")
        lines.append("CALSCALE:GREGORIAN")
        for todo in todos {
            lines.append("BEGIN:VTODO")
            lines.property("UID", [], text(todo.uid))
            lines.property("DTSTAMP", [], stamp)
            if let created = todo.created { lines.property("CREATED", [], VCardWriter.timestamp(created)) }
            lines.property("SUMMARY", [], text(todo.summary))
            if !todo.description.isEmpty { lines.property("DESCRIPTION", [], text(todo.description)) }
            if let due = todo.due { lines.property("DUE", [("VALUE", ["DATE"])], due.iso.replacingOccurrences(of: "-", with: "")) }
            if !todo.categories.isEmpty { lines.property("CATEGORIES", [], todo.categories.map(text).joined(separator: ",")) }
            lines.append("STATUS:NEEDS-ACTION")
            lines.append("END:VTODO")
        }
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.property("UID", [], text(event.uid))
            lines.property("DTSTAMP", [], stamp)
            lines.property("DTSTART", [], VCardWriter.timestamp(event.start))
            lines.property("DTEND", [], VCardWriter.timestamp(event.end ?? event.start.addingTimeInterval(2 * 3600)))
            lines.property("SUMMARY", [], text(event.summary))
            if !event.location.isEmpty { lines.property("LOCATION", [], text(event.location)) }
            if !event.description.isEmpty { lines.property("DESCRIPTION", [], text(event.description)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.text
    }
}
