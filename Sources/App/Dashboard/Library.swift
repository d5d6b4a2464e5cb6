import Domain
import Foundation

/// Everything the dashboard shows, computed off the UI thread from one
/// store snapshot: the attention list, per-contact timelines, the promises
/// pane. Views read it; moving the selection never recomputes it.
public struct Library: Sendable {
    public let snapshot: Snapshot
    public let scoredAt: Date
    public let today: Day
    /// The user's calendar and time zone, in which days are counted.
    public let calendar: Calendar
    /// Touches that make rapport (the dots), from the playbook.
    public let rapportTouches: Int
    public let contactsByID: [Int64: Contact]
    /// Not archived, highest score first; snoozed contacts last.
    public let attention: [Attention]
    public let attentionByID: [Int64: Attention]
    /// Newest first.
    public let interactionsByContact: [Int64: [Interaction]]
    public let promisesByContact: [Int64: [Promise]]
    /// Open promises: mine before theirs, most overdue first, undated last.
    public let openPromises: [Promise]
    /// Done promises, most recently kept first.
    public let donePromises: [Promise]
    /// Soonest first.
    public let events: [Event]
    public let eventsByContact: [Int64: [Event]]
    /// Folded text that search matches against, computed once per snapshot.
    public let searchKeys: [Int64: SearchKey]

    public init(snapshot: Snapshot, scorer: AttentionScorer, now: Date) {
        self.snapshot = snapshot
        self.scoredAt = now
        self.today = Day(now, in: scorer.calendar)
        self.calendar = scorer.calendar
        self.rapportTouches = scorer.playbook.rapport.touches
        var contacts: [Int64: Contact] = [:]
        contacts.reserveCapacity(snapshot.contacts.count)
        for contact in snapshot.contacts { if let id = contact.id { contacts[id] = contact } }
        self.contactsByID = contacts

        let scored = scorer.score(snapshot, at: now)
        self.attention = scored.filter { $0.snoozedUntil == nil } + scored.filter { $0.snoozedUntil != nil }
        self.attentionByID = Dictionary(scored.map { ($0.contactID, $0) }, uniquingKeysWith: { a, _ in a })

        var interactions: [Int64: [Interaction]] = [:]
        for interaction in snapshot.interactions.sorted(by: { $0.occurredAt > $1.occurredAt }) {
            for id in interaction.contactIDs { interactions[id, default: []].append(interaction) }
        }
        self.interactionsByContact = interactions

        var promises: [Int64: [Promise]] = [:]
        for promise in snapshot.promises { promises[promise.contactID, default: []].append(promise) }
        self.promisesByContact = promises
        let live = snapshot.promises.filter { contacts[$0.contactID]?.archived == false }
        self.openPromises = live.filter(\.isOpen).sorted(by: Library.promiseOrder)
        self.donePromises = live.filter { !$0.isOpen }.sorted { ($0.doneAt ?? .distantPast) > ($1.doneAt ?? .distantPast) }

        self.events = snapshot.events.sorted { $0.start < $1.start }
        var byContact: [Int64: [Event]] = [:]
        for event in events { for id in event.attendeeIDs { byContact[id, default: []].append(event) } }
        self.eventsByContact = byContact

        var keys: [Int64: SearchKey] = [:]
        keys.reserveCapacity(contacts.count)
        for (id, c) in contacts {
            let name = (c.name + " " + c.nickname).folded
            keys[id] = SearchKey(name: name, all: ([name, c.company, c.title, c.notes, c.drives] + c.tags)
                .joined(separator: " ").folded)
        }
        self.searchKeys = keys
    }

    /// Mine first; then by due day (undated last); then oldest first.
    static func promiseOrder(_ a: Promise, _ b: Promise) -> Bool {
        if a.owner != b.owner { return a.owner == .mine }
        switch (a.due, b.due) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.createdAt < b.createdAt
        }
    }

    public func name(of contactID: Int64) -> String { contactsByID[contactID]?.name ?? "#\(contactID)" }

    /// Upcoming events (from today on), soonest first.
    public var upcomingEvents: [Event] {
        events.filter { Day($0.start, in: calendar) >= today }
    }

    /// The open promises of one contact, in the promises pane's order.
    public func openPromises(of contactID: Int64) -> [Promise] {
        (promisesByContact[contactID] ?? []).filter(\.isOpen).sorted(by: Library.promiseOrder)
    }

    /// A contact's interactions and promises, newest first, promises placed
    /// where they were made.
    public func timeline(of contactID: Int64) -> [TimelineItem] {
        var items = (interactionsByContact[contactID] ?? []).map(TimelineItem.interaction)
        items += (promisesByContact[contactID] ?? []).map(TimelineItem.promise)
        return items.sorted { $0.date > $1.date }
    }

    /// Interactions per month for the twelve months up to `today`, oldest first.
    public func monthlyInteractions(of contactID: Int64) -> [Int] {
        var counts = Array(repeating: 0, count: 12)
        for interaction in interactionsByContact[contactID] ?? [] where interaction.kind.isTouch {
            let day = Day(interaction.occurredAt, in: calendar)
            let months = (today.year - day.year) * 12 + (today.month - day.month)
            if (0..<12).contains(months) { counts[11 - months] += 1 }
        }
        return counts
    }
}

/// What search looks through for one contact.
public struct SearchKey: Sendable {
    public let name: String
    public let all: String
}

/// One line of a timeline.
public enum TimelineItem: Sendable, Hashable {
    case interaction(Interaction)
    case promise(Promise)

    public var date: Date {
        switch self {
        case .interaction(let i): return i.occurredAt
        case .promise(let p): return p.createdAt
        }
    }
}
