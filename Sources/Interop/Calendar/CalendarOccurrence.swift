import Foundation

/// Someone an event names: its ORGANIZER or an ATTENDEE.
public struct CalendarPerson: Hashable, Sendable {
    public enum Participation: String, Hashable, Sendable {
        case needsAction = "NEEDS-ACTION", accepted = "ACCEPTED", declined = "DECLINED"
        case tentative = "TENTATIVE", delegated = "DELEGATED"
    }

    /// The address without `mailto:`; "" when the value is not an address.
    public var email: String
    /// CN, decoded; "" when absent.
    public var name: String
    public var participation: Participation

    public init(email: String, name: String = "", participation: Participation = .needsAction) {
        self.email = email
        self.name = name
        self.participation = participation
    }
}

/// One occurrence of a VEVENT: a single event, or one instance of a
/// recurring one, with its override applied.
public struct CalendarOccurrence: Hashable, Sendable {
    /// UID, and for an instance of a recurring event its original start
    /// (`20261203T090000Z`), so a re-run finds the same occurrence again.
    public var uid: String
    public var recurrenceID: String?
    public var start: Date
    public var end: Date?
    public var allDay: Bool
    /// SUMMARY, unescaped, controls removed; "" when absent.
    public var summary: String
    public var organizer: CalendarPerson?
    public var attendees: [CalendarPerson]
    /// STATUS:CANCELLED on the event or its override.
    public var cancelled: Bool

    public init(uid: String, recurrenceID: String? = nil, start: Date, end: Date? = nil, allDay: Bool = false,
                summary: String = "", organizer: CalendarPerson? = nil, attendees: [CalendarPerson] = [],
                cancelled: Bool = false) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.start = start
        self.end = end
        self.allDay = allDay
        self.summary = summary
        self.organizer = organizer
        self.attendees = attendees
        self.cancelled = cancelled
    }

    /// The key a re-run updates by.
    public var key: String { recurrenceID.map { uid + "/" + $0 } ?? uid }
}

/// What reading one `.ics` file gave: its occurrences within the window
/// asked for, and the components it skipped, with a reason and a line.
public struct CalendarReading: Sendable {
    public var occurrences: [CalendarOccurrence]
    public var skipped: [ImportIssue]

    public init(occurrences: [CalendarOccurrence] = [], skipped: [ImportIssue] = []) {
        self.occurrences = occurrences
        self.skipped = skipped
    }
}
