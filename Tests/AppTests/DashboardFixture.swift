import Foundation
@testable import App
import UI

/// A small relationship book at a fixed "now" in UTC, for reducer and
/// screen tests: overdue promises both ways, a CJK name, an emoji, a name
/// holding an escape sequence, an upcoming event.
enum DashboardFixture {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
    static let today = Day(iso: "2026-11-23")!
    static let now = today.start(in: calendar).addingTimeInterval(10 * 3600 + 42 * 60)

    static func at(daysAgo: Int, hour: Int = 12) -> Date {
        today.adding(days: -daysAgo).start(in: calendar).addingTimeInterval(TimeInterval(hour) * 3600)
    }

    static let snapshot: Snapshot = {
        let created = at(daysAgo: 300)
        let contacts = [
            Contact(id: 1, name: "Ana Lima", company: "Northwind", title: "CTO", emails: ["ana@northwind.example"],
                    circle: .inner, tags: ["fintech"], metAt: "Web Summit", metOn: Day(iso: "2025-11-12"),
                    drives: "Shipping the payments rewrite before her team doubles", notes: "Two kids; runs on Sundays.",
                    createdAt: created),
            Contact(id: 2, name: "王芳", nickname: "Fang", company: "深圳科技", circle: .active, createdAt: created),
            Contact(id: 3, name: "José Álvarez", company: "Initech", circle: .active,
                    birthday: RecurringDate(month: 11, day: 26), createdAt: created),
            Contact(id: 4, name: "Zoë 🎉 Park", company: "Acme", circle: .network, createdAt: created),
            Contact(id: 5, name: "Evil\u{1B}[31mName", company: "Bad\u{07}Corp", circle: .acquaintance, createdAt: created),
            Contact(id: 6, name: "Sam Quiet", circle: .network, createdAt: created),
            Contact(id: 7, name: "Old Friend", circle: .inner, archived: true, createdAt: created),
        ]
        var interactions: [Interaction] = []
        var next: Int64 = 100
        func log(_ kind: InteractionKind, _ daysAgo: Int, _ ids: [Int64], _ summary: String) {
            interactions.append(Interaction(id: next, occurredAt: at(daysAgo: daysAgo), kind: kind, summary: summary,
                                            contactIDs: ids))
            next += 1
        }
        log(.meeting, 30, [1], "Coffee: payments rewrite")
        log(.call, 25, [1, 2], "Intro call about the pilot")
        log(.email, 5, [2], "Sent the agenda")
        log(.pitch, 12, [3], "Pitched the analytics add-on")
        log(.pitch, 6, [3], "Followed up on pricing")
        log(.social, 100, [4], "Dinner at the meetup")
        log(.message, 200, [5], "Hello")
        log(.call, 10, [6], "Catch-up")
        let promises = [
            Promise(id: 200, contactID: 1, text: "send the pricing deck", owner: .mine, due: today.adding(days: -3),
                    createdAt: at(daysAgo: 30)),
            Promise(id: 201, contactID: 2, text: "intro to José", owner: .mine, due: today, createdAt: at(daysAgo: 5)),
            Promise(id: 202, contactID: 3, text: "send the signed NDA", owner: .theirs, due: today.adding(days: -2),
                    createdAt: at(daysAgo: 6)),
            Promise(id: 203, contactID: 4, text: "article on onboarding", owner: .mine, due: today.adding(days: 7),
                    createdAt: at(daysAgo: 1)),
            Promise(id: 204, contactID: 1, text: "book the venue", owner: .mine, due: today.adding(days: -20),
                    createdAt: at(daysAgo: 40), doneAt: at(daysAgo: 21)),
        ]
        let events = [
            Event(id: 300, name: "Founders Dinner", start: today.adding(days: 5).start(in: calendar).addingTimeInterval(19 * 3600),
                  location: "Lisbon", notes: "Bring cards.", attendeeIDs: [1, 2, 4]),
        ]
        return Snapshot(contacts: contacts, interactions: interactions, promises: promises, events: events,
                        snoozes: [Snooze(contactID: 6, until: today.adding(days: 10))])
    }()

    static var library: Library {
        Library(snapshot: snapshot, scorer: AttentionScorer(calendar: calendar), now: now)
    }

    static func state(width: Int = 120, height: Int = 40) -> AppState {
        var state = AppState(size: Size(width: width, height: height))
        _ = Reducer(now: { now }).reduce(&state, .libraryLoaded(library))
        return state
    }

    /// Feeds keys through the real keymap, router and reducer; returns every effect.
    @discardableResult
    static func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        let reducer = Reducer(now: { now })
        var effects: [Effect] = []
        for key in keys {
            guard let action = KeyRouter.action(for: key, in: state) else { continue }
            effects += reducer.reduce(&state, action)
        }
        return effects
    }

    static func type(_ text: String) -> [Key] { text.map { Key.character($0) } }
}
