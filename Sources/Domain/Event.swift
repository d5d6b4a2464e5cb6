import Foundation

/// A networking event, dinner or conference that some contacts attend.
public struct Event: Hashable, Codable, Sendable, Identifiable {
    public var id: Int64?
    public var name: String
    public var start: Date
    public var location: String
    public var notes: String
    public var attendeeIDs: [Int64]

    public init(id: Int64? = nil, name: String, start: Date, location: String = "",
                notes: String = "", attendeeIDs: [Int64] = []) {
        self.id = id
        self.name = name
        self.start = start
        self.location = location
        self.notes = notes
        self.attendeeIDs = attendeeIDs
    }
}

/// A contact kept off the attention list until a day.
public struct Snooze: Hashable, Codable, Sendable {
    public var contactID: Int64
    public var until: Day

    public init(contactID: Int64, until: Day) {
        self.contactID = contactID
        self.until = until
    }
}

/// Everything scoring reads, taken at one moment from the store.
public struct Snapshot: Sendable {
    public var contacts: [Contact]
    public var interactions: [Interaction]
    public var promises: [Promise]
    public var events: [Event]
    public var snoozes: [Snooze]

    public init(contacts: [Contact] = [], interactions: [Interaction] = [], promises: [Promise] = [],
                events: [Event] = [], snoozes: [Snooze] = []) {
        self.contacts = contacts
        self.interactions = interactions
        self.promises = promises
        self.events = events
        self.snoozes = snoozes
    }
}
