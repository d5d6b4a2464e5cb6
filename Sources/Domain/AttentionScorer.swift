import Foundation

/// Scores every contact by how much it needs attention, from a snapshot at
/// one moment: the relationship playbook (DESIGN.md) as a pure function.
///
/// Each rule adds a `Reason` with its weight; the score is their sum and the
/// reasons explain it in words. The "now" and the calendar (time zone) are
/// parameters, so every rule can be tested at any date.
public struct AttentionScorer: Sendable {
    public var playbook: Playbook
    public var calendar: Calendar {
        didSet { days = DayCounter(calendar: calendar) }
    }
    /// Days of instants in `calendar`, without a `Calendar` call per interaction.
    public private(set) var days: DayCounter

    public init(playbook: Playbook = .standard, calendar: Calendar) {
        self.playbook = playbook
        self.calendar = calendar
        self.days = DayCounter(calendar: calendar)
    }

    /// Attention for every contact that is not archived, highest score first,
    /// ties broken by name. Snoozed contacts are included with `snoozedUntil`
    /// set and a score of zero, so a list can still show them.
    public func score(_ snapshot: Snapshot, at now: Date) -> [Attention] {
        score(snapshot, index: SnapshotIndex(snapshot), at: now)
    }

    /// The same, with the snapshot already regrouped (the dashboard keeps the index).
    public func score(_ snapshot: Snapshot, index: SnapshotIndex, at now: Date) -> [Attention] {
        score(snapshot.contacts, index: index, at: now)
    }

    /// Attention for `contacts` that are not archived, from their grouped
    /// histories, promises, events and snoozes; highest score first.
    public func score(_ contacts: [Contact], index: SnapshotIndex, at now: Date) -> [Attention] {
        let today = days.day(now)
        var results: [(Attention, String)] = []
        results.reserveCapacity(contacts.count)
        for contact in contacts where !contact.archived {
            guard let id = contact.id else { continue }
            results.append((attention(for: contact, id: id, index: index, today: today, now: now), contact.name))
        }
        results.sort { a, b in Self.ranksBefore(a.0, a.1, b.0, b.1) }
        return results.map(\.0)
    }

    /// The attention list's order: higher score first, ties by name.
    public static func ranksBefore(_ a: Attention, _ aName: String, _ b: Attention, _ bName: String) -> Bool {
        if a.score != b.score { return a.score > b.score }
        return NameOrder.ascending(aName, bName)
    }

    /// One contact's attention; `index` comes from the same snapshot.
    func attention(for contact: Contact, id: Int64, index: SnapshotIndex, today: Day, now: Date) -> Attention {
        attention(for: contact, history: index.histories[id] ?? .empty, openPromises: index.openPromises[id] ?? [],
                  upcomingEvents: index.upcomingEvents[id] ?? [], snoozedUntil: index.snoozes[id],
                  today: today, now: now)
    }

    /// One contact's attention from its history summary, open promises,
    /// events (soonest first) and snooze: all that the playbook reads.
    public func attention(for contact: Contact, history: HistorySummary, openPromises: [Promise],
                          upcomingEvents: [Event], snoozedUntil snooze: Day?, today: Day, now: Date) -> Attention {
        attention(for: ScoringFacts(contact), history: history, openPromises: openPromises,
                  upcomingEvents: upcomingEvents, snoozedUntil: snooze, today: today, now: now)
    }

    /// The same from the contact's facts alone (what the dashboard keeps).
    public func attention(for contact: ScoringFacts, history: HistorySummary, openPromises: [Promise],
                          upcomingEvents: [Event], snoozedUntil snooze: Day?, today: Day, now: Date) -> Attention {
        let id = contact.id
        let lastTouch = history.lastTouch
        let cadence = playbook.cadence(circle: contact.circle, override: contact.cadenceOverride)
        let reference: Day = lastTouch.map { days.day($0) }
            ?? contact.metOn ?? days.day(contact.createdAt)
        let daysSince = reference.days(until: today)

        var reasons: [Reason] = []
        reasons += promiseReasons(openPromises, today: today)
        if let reason = followUpReason(contact: contact, history: history, today: today) { reasons.append(reason) }
        if let cadence, let reason = keepInTouchReason(cadence: cadence, daysSince: daysSince,
                                                       touched: lastTouch != nil, touchCount: history.touches) {
            reasons.append(reason)
        }
        if let reason = giveFirstReason(asksInARow: history.asksInARow) { reasons.append(reason) }
        if let reason = eventReason(upcomingEvents, today: today, now: now) { reasons.append(reason) }
        reasons += importantDateReasons(contact, today: today)
        reasons.sort { $0.weight > $1.weight }

        let snoozedUntil = snooze.flatMap { $0 > today ? $0 : nil }
        let score = snoozedUntil == nil ? reasons.reduce(0) { $0 + $1.weight } : 0
        var level = AttentionLevel.calm
        for reason in reasons where reason.level > level { level = reason.level }
        return Attention(contactID: id, score: score,
                         level: level,
                         reasons: reasons, lastTouch: lastTouch,
                         daysSinceTouch: lastTouch == nil ? nil : daysSince,
                         cadence: cadence, touches: history.touches, snoozedUntil: snoozedUntil)
    }

    // MARK: Rule 1: keep promises

    func promiseReasons(_ promises: [Promise], today: Day) -> [Reason] {
        let rules = playbook.promises
        var reasons: [Reason] = []
        for promise in promises {
            let overdue = promise.daysOverdue(on: today)
            let counted = Double(min(overdue, rules.maximumDaysCounted))
            switch promise.owner {
            case .mine where overdue > 0:
                reasons.append(Reason(kind: .promiseMine, weight: rules.mineWeight + rules.minePerDay * counted,
                                      detail: .promise(promise.text, days: overdue), level: .overdue))
            case .mine where overdue == 0 && promise.due != nil:
                reasons.append(Reason(kind: .promiseDueToday, weight: rules.dueTodayWeight,
                                      detail: .promise(promise.text, days: 0), level: .due))
            case .theirs where overdue > 0:
                reasons.append(Reason(kind: .promiseTheirs, weight: rules.theirsWeight + rules.theirsPerDay * counted,
                                      detail: .promise(promise.text, days: overdue), level: .due))
            default:
                break
            }
        }
        return reasons
    }

    // MARK: Rule 2: follow up after meeting someone

    func followUpReason(contact: ScoringFacts, history: HistorySummary, today: Day) -> Reason? {
        let rules = playbook.followUp
        // The first meeting is the "met on" day, else a first interaction in
        // person; a relationship that began with a call has nothing to follow up.
        let firstMeeting = history.firstTouchInPerson ? history.firstTouch.map { days.day($0) } : nil
        guard let met = contact.metOn ?? firstMeeting else { return nil }
        let since = met.days(until: today)
        guard since >= 0, since <= rules.giveUpAfterDays else { return nil }
        // Some touch came on a later day exactly when the newest one did.
        let followedUp = history.lastTouch.map { days.day($0) > met } ?? false
        guard !followedUp else { return nil }
        let late = since > rules.withinDays
        return Reason(kind: .followUp, weight: late ? rules.weight : rules.weight / 2,
                      detail: .followUp(sinceDays: since), level: late ? .overdue : .due)
    }

    // MARK: Rules 3 and 4: keep in touch; rapport takes several interactions

    func keepInTouchReason(cadence: Cadence, daysSince: Int, touched: Bool, touchCount: Int) -> Reason? {
        let rules = playbook.keepInTouch
        guard daysSince > cadence.idealDays else { return nil }
        // A silence weighs more while rapport is still being built.
        let progress = min(1, Double(touchCount) / Double(max(1, playbook.rapport.touches)))
        let boost = 1 + playbook.rapport.newRelationshipBoost * (1 - progress)
        let intervalsPast = Double(daysSince - cadence.idealDays) / Double(max(1, cadence.idealDays))
        if daysSince > cadence.maximumDays {
            let weight = min(rules.maximumWeight, rules.overdueWeight + rules.perIntervalPast * intervalsPast) * boost
            return Reason(kind: .keepInTouchOverdue, weight: weight,
                          detail: .keepInTouch(daysSince: daysSince, touched: touched, limit: cadence.maximumDays),
                          level: .overdue)
        }
        let weight = min(rules.maximumWeight, rules.dueWeight + rules.perIntervalPast * intervalsPast) * boost
        return Reason(kind: .keepInTouchDue, weight: weight,
                      detail: .keepInTouch(daysSince: daysSince, touched: touched, limit: cadence.idealDays), level: .due)
    }

    // MARK: Rule 5: give before you ask

    /// The asks since the last give (`HistorySummary.asksInARow`): one favour
    /// asked is a bonding move, a run of them is not.
    func giveFirstReason(asksInARow asks: Int) -> Reason? {
        let rules = playbook.giveFirst
        guard asks >= rules.asksInARow else { return nil }
        return Reason(kind: .giveFirst, weight: rules.weight + rules.perExtraAsk * Double(asks - rules.asksInARow),
                      detail: .asks(asks), level: .due)
    }

    // MARK: Rule 6: prepare for events

    func eventReason(_ events: [Event], today: Day, now: Date) -> Reason? {
        let rules = playbook.eventPrep
        guard let next = events.first(where: { $0.start >= now }) else { return nil }
        let inDays = today.days(until: days.day(next.start))
        guard inDays <= rules.withinDays else { return nil }
        // Closer events weigh more: a dinner tonight beats one next week.
        let closeness = 1 - Double(inDays) / Double(max(1, rules.withinDays + 1))
        return Reason(kind: .eventPrep, weight: rules.weight * (0.5 + closeness),
                      detail: .upcoming(next.name, inDays: inDays), level: .due)
    }

    // MARK: Rule 7: important dates

    func importantDateReasons(_ contact: ScoringFacts, today: Day) -> [Reason] {
        guard contact.birthday != nil || contact.anniversary != nil else { return [] }
        var reasons: [Reason] = []
        if let reason = importantDateReason(contact.birthday, .birthday, "birthday", today: today) { reasons.append(reason) }
        if let reason = importantDateReason(contact.anniversary, .anniversary, "anniversary", today: today) {
            reasons.append(reason)
        }
        return reasons
    }

    private func importantDateReason(_ date: RecurringDate?, _ kind: Reason.Kind, _ label: String, today: Day) -> Reason? {
        guard let date else { return nil }
        let inDays = today.days(until: date.nextOccurrence(onOrAfter: today))
        guard inDays <= playbook.importantDates.withinDays else { return nil }
        return Reason(kind: kind, weight: playbook.importantDates.weight, detail: .upcoming(label, inDays: inDays), level: .due)
    }

    /// A promise's text in quotes, cut short so a reason stays one line.
    static func quoted(_ text: String) -> String {
        let limit = 40
        let trimmed = text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
        return "\"\(trimmed)\""
    }
}

/// What scoring reads, grouped per contact: history summaries, open
/// promises, upcoming events and snoozes.
public struct SnapshotIndex: Sendable {
    public var histories: [Int64: HistorySummary] = [:]
    public var openPromises: [Int64: [Promise]] = [:]
    /// Soonest first.
    public var upcomingEvents: [Int64: [Event]] = [:]
    public var snoozes: [Int64: Day] = [:]

    /// Summarises the snapshot's interactions (tests and small books; Store
    /// keeps the summaries of a real book, see `init(histories:…)`).
    public init(_ snapshot: Snapshot) {
        self.init(histories: HistorySummary.group(snapshot.interactions), promises: snapshot.promises,
                  events: snapshot.events, snoozes: snapshot.snoozes)
    }

    /// - Parameter promises: open ones are kept, in the given order.
    public init(histories: [Int64: HistorySummary], promises: [Promise], events: [Event], snoozes: [Snooze]) {
        self.histories = histories
        for promise in promises where promise.isOpen {
            openPromises[promise.contactID, default: []].append(promise)
        }
        for event in events.sorted(by: { $0.start < $1.start }) {
            for id in event.attendeeIDs { upcomingEvents[id, default: []].append(event) }
        }
        for snooze in snoozes { self.snoozes[snooze.contactID] = snooze.until }
    }
}
