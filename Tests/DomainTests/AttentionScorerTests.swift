import Foundation
import Testing
@testable import Domain

/// Builds snapshots at chosen dates in UTC, so each rule is checked at a known "now".
struct Fixture {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    let today = Day(iso: "2026-11-23")!
    var now: Date { today.start(in: Self.calendar).addingTimeInterval(10 * 3600) }
    var snapshot = Snapshot()
    var nextID: Int64 = 1

    func date(daysAgo: Int) -> Date { today.adding(days: -daysAgo).start(in: Self.calendar).addingTimeInterval(12 * 3600) }

    @discardableResult
    mutating func contact(_ name: String, circle: Circle = .active, createdDaysAgo: Int = 400,
                          configure: (inout Contact) -> Void = { _ in }) -> Int64 {
        var contact = Contact(id: nextID, name: name, circle: circle, createdAt: date(daysAgo: createdDaysAgo))
        configure(&contact)
        snapshot.contacts.append(contact)
        nextID += 1
        return contact.id!
    }

    mutating func log(_ kind: InteractionKind, daysAgo: Int, with ids: Int64...) {
        snapshot.interactions.append(Interaction(id: nextID, occurredAt: date(daysAgo: daysAgo), kind: kind, contactIDs: ids))
        nextID += 1
    }

    mutating func promise(_ text: String, to id: Int64, owner: PromiseOwner = .mine, dueInDays: Int?, done: Bool = false) {
        snapshot.promises.append(Promise(id: nextID, contactID: id, text: text, owner: owner,
                                         due: dueInDays.map { today.adding(days: $0) },
                                         createdAt: date(daysAgo: 10), doneAt: done ? date(daysAgo: 1) : nil))
        nextID += 1
    }

    func score(_ playbook: Playbook = .standard) -> [Attention] {
        AttentionScorer(playbook: playbook, calendar: Self.calendar).score(snapshot, at: now)
    }

    func attention(_ id: Int64, _ playbook: Playbook = .standard) -> Attention {
        score(playbook).first { $0.contactID == id }!
    }
}

@Suite struct AttentionScorerTests {
    @Test func overduePromiseOfMineDominatesAndGrowsPerDay() {
        var f = Fixture()
        let ana = f.contact("Ana")
        let ben = f.contact("Ben")
        f.log(.call, daysAgo: 200, with: ben) // long silence, past the maximum
        f.log(.call, daysAgo: 1, with: ana)
        f.promise("send deck", to: ana, dueInDays: -3)
        let ranked = f.score()
        #expect(ranked.first?.contactID == ana)
        #expect(ranked.first?.reasons.first?.text == "promise \"send deck\" 3d overdue")
        #expect(ranked.first?.level == .overdue)

        var later = f
        later.snapshot.promises[0].due = f.today.adding(days: -10)
        #expect(later.attention(ana).score > f.attention(ana).score)
    }

    @Test func theirPromiseWeighsLessThanMine() {
        var f = Fixture()
        let mine = f.contact("Mine")
        let theirs = f.contact("Theirs")
        f.log(.call, daysAgo: 1, with: mine, theirs)
        f.promise("intro to Ana", to: mine, dueInDays: -5)
        f.promise("send contract", to: theirs, owner: .theirs, dueInDays: -5)
        #expect(f.attention(mine).score > f.attention(theirs).score)
        #expect(f.attention(theirs).reasons.first?.text == "their promise \"send contract\" 5d overdue: follow up")
    }

    @Test func promiseDueTodayIsDueNotOverdue() {
        var f = Fixture()
        let ana = f.contact("Ana")
        f.log(.call, daysAgo: 1, with: ana)
        f.promise("call back", to: ana, dueInDays: 0)
        let attention = f.attention(ana)
        #expect(attention.reasons.map(\.kind) == [.promiseDueToday])
        #expect(attention.level == .due)
    }

    @Test func donePromiseNoLongerCounts() {
        var f = Fixture()
        let ana = f.contact("Ana")
        f.log(.call, daysAgo: 1, with: ana)
        f.promise("send deck", to: ana, dueInDays: -3, done: true)
        #expect(f.attention(ana).score == 0)
    }

    @Test func followUpAfterFirstMeeting() {
        var f = Fixture()
        let new = f.contact("New", createdDaysAgo: 3)
        f.log(.meeting, daysAgo: 3, with: new)
        #expect(f.attention(new).reasons.map(\.text) == ["met 3d ago, no follow-up"])
        #expect(f.attention(new).level == .overdue)

        // Within the window it is a gentle nudge; after a follow-up, nothing.
        var fresh = Fixture()
        let met = fresh.contact("Met", createdDaysAgo: 1)
        fresh.log(.meeting, daysAgo: 1, with: met)
        #expect(fresh.attention(met).level == .due)
        fresh.log(.email, daysAgo: 0, with: met)
        #expect(fresh.attention(met).reasons.isEmpty)
    }

    @Test func cadenceDueThenOverdueResetByAnyInteraction() {
        var f = Fixture()
        let ana = f.contact("Ana", circle: .active) // 30 / 45
        for day in stride(from: 400, to: 100, by: -30) { f.log(.call, daysAgo: day, with: ana) }
        f.log(.call, daysAgo: 35, with: ana)
        #expect(f.attention(ana).reasons.map(\.text) == ["35d since last touch (ideal 30)"])
        #expect(f.attention(ana).level == .due)

        var overdue = f
        overdue.snapshot.interactions.removeLast()
        overdue.log(.call, daysAgo: 47, with: ana)
        #expect(overdue.attention(ana).reasons.map(\.text) == ["47d since last touch (max 45)"])
        #expect(overdue.attention(ana).level == .overdue)

        overdue.log(.message, daysAgo: 2, with: ana)
        #expect(overdue.attention(ana).score == 0)
    }

    @Test func noteDoesNotResetTheClock() {
        var f = Fixture()
        let ana = f.contact("Ana", circle: .inner)
        f.log(.call, daysAgo: 30, with: ana)
        f.log(.note, daysAgo: 1, with: ana)
        #expect(f.attention(ana).daysSinceTouch == 30)
        #expect(f.attention(ana).level == .overdue)
    }

    @Test func contactWithNoInteractionsCountsFromWhenAdded() {
        var f = Fixture()
        let quiet = f.contact("Quiet", circle: .active, createdDaysAgo: 50)
        let attention = f.attention(quiet)
        #expect(attention.touches == 0)
        #expect(attention.lastTouch == nil)
        #expect(attention.reasons.map(\.text) == ["50d and never touched (max 45)"])
    }

    @Test func cadenceOverrideBeatsTheCircle() {
        var f = Fixture()
        let ana = f.contact("Ana", circle: .network) { $0.cadenceOverride = Cadence(idealDays: 7, maximumDays: 10) }
        f.log(.call, daysAgo: 12, with: ana)
        #expect(f.attention(ana).reasons.map(\.text) == ["12d since last touch (max 10)"])
        #expect(f.attention(ana).cadence == Cadence(idealDays: 7, maximumDays: 10))
    }

    @Test func archivedCircleHasNoCadenceAndArchivedContactsAreLeftOut() {
        var f = Fixture()
        let old = f.contact("Old", circle: .archived)
        f.log(.call, daysAgo: 900, with: old)
        let hidden = f.contact("Hidden") { $0.archived = true }
        f.promise("x", to: hidden, dueInDays: -3)
        #expect(f.attention(old).score == 0)
        #expect(!f.score().contains { $0.contactID == hidden })
    }

    @Test func newRelationshipSilenceWeighsMoreThanEstablished() {
        var f = Fixture()
        let new = f.contact("New")
        let old = f.contact("Old")
        f.log(.call, daysAgo: 50, with: new)
        for day in [300, 250, 200, 150, 120, 90, 70, 50] { f.log(.call, daysAgo: day, with: old) }
        #expect(f.attention(new).touches == 1)
        #expect(f.attention(old).touches == 8)
        #expect(f.attention(new).score > f.attention(old).score)
    }

    @Test func runOfAsksMeansGiveFirstButOneFavourIsFine() {
        var f = Fixture()
        let ana = f.contact("Ana")
        f.log(.intro, daysAgo: 20, with: ana)
        f.log(.favourAsked, daysAgo: 10, with: ana)
        #expect(f.attention(ana).score == 0)
        f.log(.call, daysAgo: 8, with: ana) // neutral does not break the run
        f.log(.pitch, daysAgo: 5, with: ana)
        f.log(.pitch, daysAgo: 3, with: ana)
        f.log(.pitch, daysAgo: 1, with: ana)
        #expect(f.attention(ana).reasons.map(\.text) == ["4 asks in a row: give first"])
        f.log(.gift, daysAgo: 0, with: ana)
        #expect(f.attention(ana).score == 0)
    }

    @Test func directionOverrideIsHonoured() {
        var f = Fixture()
        let ana = f.contact("Ana")
        f.log(.pitch, daysAgo: 3, with: ana)
        f.snapshot.interactions.append(Interaction(id: 99, occurredAt: f.date(daysAgo: 1), kind: .email,
                                                   direction: .ask, contactIDs: [ana]))
        #expect(f.attention(ana).reasons.map(\.kind) == [.giveFirst])
    }

    @Test func attendeesOfAnUpcomingEventGetPrep() {
        var f = Fixture()
        let ana = f.contact("Ana")
        let ben = f.contact("Ben")
        f.log(.call, daysAgo: 1, with: ana, ben)
        f.snapshot.events.append(Event(id: 50, name: "Founders Dinner",
                                       start: f.today.adding(days: 2).start(in: Fixture.calendar).addingTimeInterval(19 * 3600),
                                       attendeeIDs: [ana]))
        f.snapshot.events.append(Event(id: 51, name: "Far Away Summit",
                                       start: f.today.adding(days: 30).start(in: Fixture.calendar), attendeeIDs: [ben]))
        #expect(f.attention(ana).reasons.map(\.text) == ["at Founders Dinner in 2d"])
        #expect(f.attention(ben).score == 0)
    }

    @Test func upcomingBirthdayIncludingLeapDayInANonLeapYear() {
        var f = Fixture()
        let ana = f.contact("Ana") { $0.birthday = RecurringDate(month: 11, day: 28, year: 1990) }
        let leap = f.contact("Leap") { $0.birthday = RecurringDate(month: 2, day: 29) }
        f.log(.call, daysAgo: 1, with: ana, leap)
        #expect(f.attention(ana).reasons.map(\.text) == ["birthday in 5d"])
        #expect(f.attention(leap).score == 0)

        // 2027 has no Feb 29: the birthday is on Feb 28, and is flagged.
        var march = Fixture()
        let leapling = march.contact("Leapling") { $0.birthday = RecurringDate(month: 2, day: 29) }
        let scorer = AttentionScorer(calendar: Fixture.calendar)
        let now = Day(iso: "2027-02-25")!.start(in: Fixture.calendar)
        march.log(.call, daysAgo: 0, with: leapling)
        march.snapshot.interactions[0].occurredAt = now
        let result = scorer.score(march.snapshot, at: now).first!
        #expect(result.reasons.map(\.text) == ["birthday in 3d"])
    }

    @Test func snoozedContactLeavesTheList() {
        var f = Fixture()
        let ana = f.contact("Ana")
        f.promise("send deck", to: ana, dueInDays: -3)
        f.snapshot.snoozes.append(Snooze(contactID: ana, until: f.today.adding(days: 5)))
        let attention = f.attention(ana)
        #expect(attention.score == 0)
        #expect(!attention.needsAttention)
        #expect(attention.snoozedUntil == f.today.adding(days: 5))
        #expect(attention.reasons.contains { $0.kind == .promiseMine }) // still explained, if someone looks

        // A snooze that has ended no longer hides the contact.
        f.snapshot.snoozes[0].until = f.today
        #expect(f.attention(ana).needsAttention)
    }

    @Test func reasonsAreOrderedHeaviestFirstAndExplained() {
        var f = Fixture()
        let ana = f.contact("Ana", circle: .active)
        f.log(.call, daysAgo: 47, with: ana)
        f.promise("send deck", to: ana, dueInDays: -3)
        let attention = f.attention(ana)
        #expect(attention.explanation == "promise \"send deck\" 3d overdue · 47d since last touch (max 45)")
        #expect(attention.score == attention.reasons.reduce(0) { $0 + $1.weight })
    }

    @Test func playbookTuningChangesTheRules() {
        var f = Fixture()
        let ana = f.contact("Ana", circle: .active)
        f.log(.call, daysAgo: 35, with: ana)
        var strict = Playbook.standard
        strict.keepInTouch.active = Cadence(idealDays: 10, maximumDays: 20)
        #expect(f.attention(ana).level == .due)
        #expect(f.attention(ana, strict).level == .overdue)
    }
}
