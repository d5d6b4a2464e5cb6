import Domain
import Foundation
import Store
import Synchronization

/// Everything the dashboard shows, computed off the UI thread from the
/// book's summaries: the attention list, the promises pane, the orders of
/// the contacts view. Views read it; moving the selection never recomputes
/// it. Histories are not in it: `timeline(of:)` reads them on demand.
public struct Library: Sendable {
    public let scoredAt: Date
    public let today: Day
    /// The user's calendar and time zone, in which days are counted.
    public let calendar: Calendar
    /// Touches that make rapport (the dots), from the playbook.
    public let rapportTouches: Int
    /// Contacts as lists show them (see `Book.contacts`); `contact(_:)` has them in full.
    public let contactsByID: [Int64: Contact]
    /// Not archived, highest score first; snoozed contacts last.
    public let attention: [Attention]
    public let attentionByID: [Int64: Attention]
    /// The contact ids of `attention`, in its order.
    let attentionIDs: [Int64]
    public let promisesByContact: [Int64: [Promise]]
    /// Open promises: mine before theirs, most overdue first, undated last.
    public let openPromises: [Promise]
    /// Done promises, most recently kept first.
    public let donePromises: [Promise]
    /// Soonest first.
    public let events: [Event]
    public let eventsByContact: [Int64: [Event]]
    /// Folded text that search matches against, kept with the book.
    let searchIndex: SearchIndex

    /// Contacts with a positive score that are not snoozed (the dashboard's count).
    public let needingAttentionCount: Int
    /// Open promises of mine past their due day (the header's and promise pane's count).
    public let overdueMinePromiseCount: Int
    /// Every contact id, highest score first, ties by name, archived ones
    /// last by name: the contacts view's default order.
    public let contactsByScore: [Int64]
    /// Days of instants in `calendar`, computed without a `Calendar` call each.
    public let days: DayCounter
    /// Tells libraries apart, so views can keep results per library.
    public let generation: UInt64
    /// Contact ids by name (the book's order).
    let byName: [Int64]
    /// Where timelines are read when shown.
    let history: any HistorySource
    /// Correspondents from captured mail who are no contacts (view 5), in
    /// the store's order; nil until the scoring job has read them (a preview).
    public internal(set) var suggestions: [MailSuggestion]?
    /// On a team's book: the members and whose view is scored; nil in a personal book.
    public internal(set) var team: TeamView?
    private let orders = LazyOrders()

    /// A library from a snapshot with its interactions (tests and small books).
    public init(snapshot: Snapshot, scorer: AttentionScorer, now: Date) {
        self.init(book: Book(snapshot: snapshot), scorer: scorer, now: now,
                  history: MemoryHistory(snapshot.interactions, contacts: snapshot.contacts))
    }

    /// Scores every contact of `book` at `now`: arithmetic on summaries.
    public init(book: Book, scorer: AttentionScorer, now: Date, history: any HistorySource) {
        let scored = Library.score(book, scorer: scorer, now: now)
        self.init(book: book, attention: scored, scorer: scorer, now: now, history: history)
    }

    /// Every live contact's attention, in the attention list's order.
    public static func score(_ book: Book, scorer: AttentionScorer, now: Date) -> [Attention] {
        let today = scorer.days.day(now)
        var upcoming: [Int64: [Event]] = [:]
        for event in book.events where event.start >= now {
            for id in event.attendeeIDs { upcoming[id, default: []].append(event) }
        }
        var results: [Attention] = []
        var order: [(score: Double, rank: Int, index: Int)] = []
        results.reserveCapacity(book.records.count)
        order.reserveCapacity(book.records.count)
        for record in book.records.values where !record.facts.archived && !record.teammatesOnly {
            let events = upcoming.isEmpty ? [] : upcoming[record.facts.id] ?? []
            let attention = scorer.attention(for: record.facts, history: record.history, openPromises: record.openPromises,
                                             upcomingEvents: events, snoozedUntil: record.snooze, today: today, now: now)
            order.append((attention.score, record.nameRank, results.count))
            results.append(attention)
        }
        // Ties by name: the book's name ranks, integers instead of collation;
        // small keys are sorted, not the attentions themselves.
        order.sort { a, b in a.score != b.score ? a.score > b.score : a.rank < b.rank }
        return order.map { results[$0.index] }
    }

    /// A library around scores already computed (`scored`, in the attention list's order).
    /// - Parameter openPromises: the open promises of live contacts in the
    ///   pane's order, when `book` does not hold every contact (a preview).
    init(book: Book, attention scored: [Attention], needing: Int? = nil, openPromises given: [Promise]? = nil,
         scorer: AttentionScorer, now: Date, history: any HistorySource) {
        self.scoredAt = now
        self.days = scorer.days
        self.today = scorer.days.day(now)
        self.calendar = scorer.calendar
        self.rapportTouches = scorer.playbook.rapport.touches
        self.generation = Library.nextGeneration()
        self.history = history
        let contacts = book.contacts
        self.contactsByID = contacts
        self.searchIndex = book.searchIndex

        self.attention = scored.filter { $0.snoozedUntil == nil } + scored.filter { $0.snoozedUntil != nil }
        self.attentionIDs = attention.map(\.contactID)
        var attentionByID: [Int64: Attention] = [:]
        attentionByID.reserveCapacity(scored.count)
        for a in scored where attentionByID[a.contactID] == nil { attentionByID[a.contactID] = a }
        self.attentionByID = attentionByID
        self.needingAttentionCount = needing ?? scored.reduce(0) { $0 + ($1.needsAttention ? 1 : 0) }

        self.promisesByContact = book.promises
        var open: [Promise] = []
        var done: [Promise] = []
        for (id, list) in book.promises where contacts[id]?.archived == false {
            for promise in list { if promise.isOpen { open.append(promise) } else { done.append(promise) } }
        }
        if let given { open = given } else { open.sort(by: Library.promiseOrder) }
        self.openPromises = open
        self.donePromises = done.sorted { a, b in
            a.doneAt != b.doneAt ? (a.doneAt ?? .distantPast) > (b.doneAt ?? .distantPast) : (a.id ?? 0) < (b.id ?? 0)
        }
        let today = self.today
        self.overdueMinePromiseCount = open.reduce(0) { $0 + ($1.owner == .mine && $1.daysOverdue(on: today) > 0 ? 1 : 0) }
        self.events = book.events
        var eventsByContact: [Int64: [Event]] = [:]
        for event in book.events { for id in event.attendeeIDs { eventsByContact[id, default: []].append(event) } }
        self.eventsByContact = eventsByContact

        // Scored contacts are in the contacts view's score order; archived
        // ones (no score) follow, by name.
        var byScore = scored.map(\.contactID)
        byScore += book.byName.lazy.filter { attentionByID[$0] == nil }
        self.contactsByScore = byScore
        self.byName = book.byName
    }

    /// The contact in full, read from the store when the book holds it
    /// (nil when it is gone).
    public func contact(_ id: Int64) -> Contact? {
        guard let listed = contactsByID[id] else { return nil }
        // Until the full contact is read (in the background, on a team's book), the listed one.
        return history.contact(id) ?? listed
    }

    /// No contacts at all: the welcome screen.
    public var isEmpty: Bool { contactsByID.isEmpty }

    private static let generations = Mutex<UInt64>(0)
    static func nextGeneration() -> UInt64 { generations.withLock { $0 += 1; return $0 } }

    /// Every contact in the contacts view's `sort` order (unfiltered),
    /// computed once per library: sorting 100,000 names on each keystroke
    /// would not keep up with typing.
    public func contacts(sortedBy sort: ContactSort) -> [Int64] {
        switch sort {
        case .score: return contactsByScore
        case .name: return byName
        case .lastTouch:
            return orders.value(\.byLastTouch) {
                let touched = { (id: Int64) in attentionByID[id]?.lastTouch ?? .distantPast }
                return byName.sorted { a, b in touched(a) != touched(b) ? touched(a) > touched(b) : a < b }
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
        default: return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : (a.id ?? 0) < (b.id ?? 0)
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
    /// where they were made. Interactions are read from the store when asked.
    public func timeline(of contactID: Int64) -> [TimelineItem] {
        var items = history.interactions(of: contactID).map(TimelineItem.interaction)
        items += (promisesByContact[contactID] ?? []).map(TimelineItem.promise)
        return items.sorted { $0.date > $1.date }
    }

    /// The capture source (a path) of each of a contact's captured
    /// interactions, read with its timeline.
    /// On a team's book, who of the team knows this contact (read with the timeline).
    public func knownBy(_ contactID: Int64) -> [KnownBy] { history.knownBy(contactID) }

    public func captureSources(of contactID: Int64) -> [Int64: String] {
        history.captureSources(of: contactID)
    }

    /// The newest `limit` interactions of a contact.
    public func recentInteractions(of contactID: Int64, limit: Int) -> [Interaction] {
        Array(history.interactions(of: contactID).prefix(limit))
    }

    /// Touches per month for the twelve months up to `today`, oldest first.
    public func monthlyInteractions(of contactID: Int64) -> [Int] {
        var counts = Array(repeating: 0, count: 12)
        for interaction in history.interactions(of: contactID) where interaction.kind.isTouch {
            let day = days.day(interaction.occurredAt)
            let months = (today.year - day.year) * 12 + (today.month - day.month)
            if (0..<12).contains(months) { counts[11 - months] += 1 }
        }
        return counts
    }
}

/// Orders of the contact list computed on first use and kept with their library.
final class LazyOrders: Sendable {
    struct Orders {
        var byLastTouch: [Int64]?
    }
    private let orders = Mutex(Orders())

    func value(_ key: WritableKeyPath<Orders, [Int64]?>, _ compute: () -> [Int64]) -> [Int64] {
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
