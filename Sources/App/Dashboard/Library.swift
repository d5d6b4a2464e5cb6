import Domain
import Foundation
import Synchronization

/// Everything the dashboard shows, computed off the UI thread from one
/// store snapshot: the attention list, per-contact timelines, the promises
/// pane. Views read it; moving the selection never recomputes it.
public struct Library: Sendable {
    /// The snapshot scored, without its interactions (see `interactionsByContact`).
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

    /// Contacts with a positive score that are not snoozed (the dashboard's count).
    public let needingAttentionCount: Int
    /// Open promises of mine past their due day (the header's and promise pane's count).
    public let overdueMinePromiseCount: Int
    /// Every contact, highest score first, ties by name, archived ones last
    /// by name: the contacts view's default order.
    public let contactsByScore: [Contact]
    /// Days of instants in `calendar`, computed without a `Calendar` call each.
    public let days: DayCounter
    /// Tells libraries apart, so views can keep results per library.
    public let generation: UInt64
    private let orders = LazyOrders()

    public init(snapshot: Snapshot, scorer: AttentionScorer, now: Date) {
        // Interactions live on in `interactionsByContact` only: a second
        // array of a million of them would double the dashboard's memory.
        self.snapshot = Snapshot(contacts: snapshot.contacts, promises: snapshot.promises,
                                 events: snapshot.events, snoozes: snapshot.snoozes)
        self.scoredAt = now
        self.days = scorer.days
        self.today = scorer.days.day(now)
        self.calendar = scorer.calendar
        self.rapportTouches = scorer.playbook.rapport.touches
        self.generation = Library.nextGeneration()
        var contacts: [Int64: Contact] = [:]
        contacts.reserveCapacity(snapshot.contacts.count)
        for contact in snapshot.contacts { if let id = contact.id { contacts[id] = contact } }
        self.contactsByID = contacts

        var index = SnapshotIndex(snapshot)
        let scored = scorer.score(snapshot, index: index, at: now)
        self.attention = scored.filter { $0.snoozedUntil == nil } + scored.filter { $0.snoozedUntil != nil }
        var attentionByID: [Int64: Attention] = [:]
        attentionByID.reserveCapacity(scored.count)
        for a in scored where attentionByID[a.contactID] == nil { attentionByID[a.contactID] = a }
        self.attentionByID = attentionByID
        self.needingAttentionCount = scored.reduce(0) { $0 + ($1.needsAttention ? 1 : 0) }

        // Turned newest first list by list, each old list freed as it goes.
        var interactions = index.interactions
        index.interactions = [:]
        for id in Array(interactions.keys) { interactions[id] = SnapshotIndex.newestFirst(interactions.removeValue(forKey: id)!) }
        self.interactionsByContact = interactions

        let open = snapshot.promises.filter { $0.isOpen && contacts[$0.contactID]?.archived == false }
            .sorted(by: Library.promiseOrder)
        let shared = Shared(snapshot: snapshot, contacts: contacts, openPromises: open, today: today)
        self.openPromises = open
        self.promisesByContact = shared.promisesByContact
        self.donePromises = shared.donePromises
        self.overdueMinePromiseCount = shared.overdueMinePromiseCount
        self.events = shared.events
        self.eventsByContact = shared.eventsByContact
        self.searchKeys = shared.searchKeys

        // Scored contacts are in exactly the order the contacts view sorts by
        // score (the same comparison over the same id-ordered input); archived
        // ones (no score) follow, by name.
        var byScore = scored.compactMap { contacts[$0.contactID] }
        byScore += snapshot.contacts.filter { c in c.id.map { attentionByID[$0] == nil } ?? true }
            .sorted { NameOrder.ascending($0.name, $1.name) }
        self.contactsByScore = byScore
    }

    private static let generations = Mutex<UInt64>(0)
    static func nextGeneration() -> UInt64 { generations.withLock { $0 += 1; return $0 } }

    /// Every contact in the contacts view's `sort` order (unfiltered),
    /// computed once per library: sorting 100,000 names on each keystroke
    /// would not keep up with typing.
    public func contacts(sortedBy sort: ContactSort) -> [Contact] {
        switch sort {
        case .score: return contactsByScore
        case .name:
            return orders.value(\.byName) {
                snapshot.contacts.sorted { NameOrder.ascending($0.name, $1.name) }
            }
        case .lastTouch:
            return orders.value(\.byLastTouch) {
                let touched = { (c: Contact) in attentionByID[c.id ?? -1]?.lastTouch ?? .distantPast }
                return snapshot.contacts.sorted { touched($0) > touched($1) }
            }
        }
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
        events.filter { days.day($0.start) >= today }
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
            let day = days.day(interaction.occurredAt)
            let months = (today.year - day.year) * 12 + (today.month - day.month)
            if (0..<12).contains(months) { counts[11 - months] += 1 }
        }
        return counts
    }
}

extension Library {
    /// The parts of a library that the full one and the first-frame preview
    /// build the same way from their snapshot.
    struct Shared {
        var promisesByContact: [Int64: [Promise]] = [:]
        var donePromises: [Promise]
        var overdueMinePromiseCount: Int
        var events: [Event]
        var eventsByContact: [Int64: [Event]] = [:]
        var searchKeys: [Int64: SearchKey] = [:]

        /// - Parameter openPromises: the open promises of live contacts, in the promises pane's order.
        init(snapshot: Snapshot, contacts: [Int64: Contact], openPromises: [Promise], today: Day) {
            for promise in snapshot.promises { promisesByContact[promise.contactID, default: []].append(promise) }
            donePromises = snapshot.promises.filter { !$0.isOpen && contacts[$0.contactID]?.archived == false }
                .sorted { ($0.doneAt ?? .distantPast) > ($1.doneAt ?? .distantPast) }
            overdueMinePromiseCount = openPromises.reduce(0) {
                $0 + ($1.owner == .mine && $1.daysOverdue(on: today) > 0 ? 1 : 0)
            }
            events = snapshot.events.sorted { $0.start < $1.start }
            for event in events { for id in event.attendeeIDs { eventsByContact[id, default: []].append(event) } }
            searchKeys.reserveCapacity(contacts.count)
            for (id, c) in contacts {
                let name = (c.name + " " + c.nickname).folded
                searchKeys[id] = SearchKey(name: name, all: ([name, c.company, c.title, c.notes, c.drives] + c.tags)
                    .joined(separator: " ").folded)
            }
        }
    }
}

/// What search looks through for one contact.
public struct SearchKey: Sendable {
    public let name: String
    public let all: String
    /// Both keys are ASCII: search can compare bytes.
    let isASCII: Bool

    public init(name: String, all: String) {
        self.name = name
        self.all = all
        self.isASCII = all.isASCII && name.isASCII
    }
}

/// Orders of the contact list computed on first use and kept with their library.
final class LazyOrders: Sendable {
    struct Orders {
        var byName: [Contact]?
        var byLastTouch: [Contact]?
    }
    private let orders = Mutex(Orders())

    func value(_ key: WritableKeyPath<Orders, [Contact]?>, _ compute: () -> [Contact]) -> [Contact] {
        if let cached = orders.withLock({ $0[keyPath: key] }) { return cached }
        let computed = compute()
        orders.withLock { $0[keyPath: key] = computed }
        return computed
    }
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
