import Domain
import Foundation
import Store

/// `rapport event add`'s fields as typed.
public struct NewEvent: Sendable {
    public var name: String
    public var on: String
    /// `HH:MM` in the user's time zone; `NewEvent.defaultTime` when nil.
    public var time: String?
    public var location: String?
    public var attendees: [String] = []
    public var notes: String?

    /// Networking events are mostly evenings; the demo's events start at 19:00 too.
    public static let defaultTime = (hour: 19, minute: 0)

    public init(name: String, on: String) {
        self.name = name
        self.on = on
    }
}

extension Scripting {
    public func addEvent(_ input: NewEvent) throws -> (event: Event, attendees: [Contact]) {
        let name = try checked { try FieldRules.name(input.name, field: "event name") }
        guard let day = try day(input.on, field: "on") else { throw ScriptingError("on: a date is needed") }
        let (hour, minute) = try input.time.map(Scripting.clockTime) ?? NewEvent.defaultTime
        let location = try checked { try FieldRules.text(input.location ?? "", field: "at", oneLine: true) }
        let notes = try checked { try FieldRules.text(input.notes ?? "", field: "notes") }
        let attendees = try contacts(named: input.attendees)
        guard let start = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: day.start(in: calendar)) else {
            throw ScriptingError("time: \(hour):\(minute) does not exist on \(day.iso) here")
        }
        let event = Event(name: name, start: start, location: location, notes: notes,
                          attendeeIDs: attendees.compactMap(\.id))
        return (try store.insert(event), attendees)
    }

    /// Events by start; past ones only with `includePast`.
    public func events(includePast: Bool) throws -> (events: [Event], names: [Int64: String]) {
        let library = try library()
        let events = includePast ? library.events : library.upcomingEvents
        return (events, library.contactsByID.mapValues(\.name))
    }

    /// The event `query` names (an id, `#id`, or a prefix of its name or a
    /// word of it) and its brief.
    public func brief(_ query: String) throws -> EventBrief {
        let library = try library()
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
        if let id = Int64(digits), let event = library.events.first(where: { $0.id == id }) {
            return EventBrief(event: event, library: library)
        }
        let folded = trimmed.folded
        let matches = trimmed.isEmpty ? [] : library.events.filter { event in
            let name = event.name.folded
            return name.hasPrefix(folded) || name.split(separator: " ").contains { $0.hasPrefix(folded) }
        }
        let exact = matches.filter { $0.name.folded == folded }
        switch (matches.count, exact.count) {
        case (0, _): throw ScriptingError("no event matches \(SafeLine.show(query))")
        case (1, _): return EventBrief(event: matches[0], library: library)
        case (_, 1): return EventBrief(event: exact[0], library: library)
        default:
            let format = Format(calendar: calendar)
            throw ScriptingError("\(SafeLine.show(query)) matches \(matches.count) events; name one by id:",
                                 details: matches.map { "  #\($0.id ?? 0)  \(ScriptText.visible($0.name))  \(format.dayAndTime($0.start))" })
        }
    }

    /// `19:30` or `9:05` as hour and minute.
    static func clockTime(_ raw: String) throws -> (Int, Int) {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { throw ScriptingError("time: \(SafeLine.show(raw)) is not a time of day (HH:MM, such as 19:30)") }
        return (hour, minute)
    }
}
