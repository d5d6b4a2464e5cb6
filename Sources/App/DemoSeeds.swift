import Domain
import Foundation
import Interop
import Store

/// Loads the demo data set (contacts.vcf plus history.toml, whose dates are
/// days relative to today; built in from `seeds/`, or a folder) into an empty store, in one
/// transaction, so the demo always looks alive and never half loads.
public enum DemoSeeds {
    public struct Summary: Equatable, Sendable {
        public var contacts = 0, interactions = 0, promises = 0, events = 0
    }

    /// Where the seeds come from: the copy compiled into the binary, or a
    /// folder (`$RAPPORT_SEEDS`, for working on the seeds themselves).
    public enum Source: Equatable, Sendable {
        case builtIn
        case folder(URL)
    }

    /// `$RAPPORT_SEEDS` when set, else the built-in seeds.
    public static func locate(environment: [String: String]) -> Source {
        if let path = environment["RAPPORT_SEEDS"], !path.isEmpty { return .folder(URL(fileURLWithPath: path)) }
        return .builtIn
    }

    /// Loads the seeds in `folder` into `store`; refuses when it already has contacts.
    @discardableResult
    public static func load(from folder: URL, into store: Store, now: Date, calendar: Calendar) throws -> Summary {
        try load(from: .folder(folder), into: store, now: now, calendar: calendar)
    }

    /// Loads the seeds into `store`; refuses when it already has contacts.
    @discardableResult
    public static func load(from source: Source, into store: Store, now: Date, calendar: Calendar) throws -> Summary {
        let (vcf, contactsData) = try read("contacts.vcf", from: source)
        let (historyPath, historyData) = try read("history.toml", from: source)
        let cards: [ImportedContact]
        do {
            cards = try VCardReader.contacts(in: contactsData, now: now)
        } catch {
            throw SettingsError(file: vcf, "line \(error.line): \(error.reason)")
        }
        guard let historyText = String(data: historyData, encoding: .utf8) else {
            throw SettingsError(file: historyPath, "is not UTF-8 text")
        }
        let history = try SettingsReader.parse(historyText, file: historyPath)
        let plan = try DemoPlan(history: history, file: historyPath, today: Day(now, in: calendar),
                                now: now, calendar: calendar)

        return try store.write { tx in
            guard try tx.contactCount() == 0 else {
                throw SettingsError(file: store.path, "already has contacts; the demo loads only into an empty database")
            }
            var summary = Summary()
            var ids: [String: Int64] = [:]
            for card in cards {
                var contact = card.contact
                if let uid = card.uid, let extra = plan.contacts[uid] {
                    extra.apply(to: &contact)
                }
                let saved = try tx.insert(contact)
                if let uid = card.uid { ids[uid] = saved.id }
                summary.contacts += 1
            }
            func id(_ uid: String) throws -> Int64 {
                guard let id = ids[uid] else { throw SettingsError(file: historyPath, "unknown contact uid \(uid)") }
                return id
            }
            for item in plan.interactions {
                var interaction = item.interaction
                interaction.contactIDs = try item.with.map(id)
                _ = try tx.insert(interaction)
                summary.interactions += 1
            }
            for item in plan.promises {
                var promise = item.promise
                promise.contactID = try id(item.with)
                _ = try tx.insert(promise)
                summary.promises += 1
            }
            for item in plan.events {
                var event = item.event
                event.attendeeIDs = try item.attendees.map(id)
                _ = try tx.insert(event)
                summary.events += 1
            }
            for (uid, extra) in plan.contacts {
                if let days = extra.snoozedForDays {
                    try tx.snooze(contactID: try id(uid), until: plan.today.adding(days: days))
                }
            }
            return summary
        }
    }
    /// A seed file's name for messages and its bytes.
    private static func read(_ name: String, from source: Source) throws -> (name: String, data: Data) {
        switch source {
        case .builtIn:
            guard let data = BuiltInResources.file("seeds/" + name) else {
                throw SettingsError(file: "seeds/" + name, "was not built into this binary")
            }
            return ("(built-in) seeds/" + name, data)
        case .folder(let folder):
            let path = folder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SettingsError(file: path, "cannot be read")
            }
            return (path, data)
        }
    }
}

/// history.toml turned into dated values, checked before anything is written.
struct DemoPlan {
    struct ContactExtra {
        var metOn: Day?
        var birthdayOn: Day?
        var snoozedForDays: Int?

        func apply(to contact: inout Contact) {
            if let metOn { contact.metOn = metOn }
            if let day = birthdayOn {
                contact.birthday = RecurringDate(month: day.month, day: day.day, year: contact.birthday?.year)
                    ?? RecurringDate(month: day.month, day: day.day)
            }
        }
    }

    var today: Day
    var contacts: [String: ContactExtra] = [:]
    var interactions: [(interaction: Interaction, with: [String])] = []
    var promises: [(promise: Promise, with: String)] = []
    var events: [(event: Event, attendees: [String])] = []

    init(history: [String: SettingValue], file: String, today: Day, now: Date, calendar: Calendar) throws {
        self.today = today
        func tables(_ key: String) throws -> [[String: SettingValue]] {
            guard let value = history[key] else { return [] }
            guard case .array(let items) = value, items.allSatisfy({ $0.table != nil }) else {
                throw SettingsError(file: file, "[[\(key)]] must be a list of tables")
            }
            return items.compactMap(\.table)
        }
        func at(_ daysAgo: Int, hour: Int) -> Date {
            today.adding(days: -daysAgo).start(in: calendar).addingTimeInterval(TimeInterval(hour) * 3600)
        }
        func int(_ t: [String: SettingValue], _ key: String) -> Int? { t[key]?.int }
        func string(_ t: [String: SettingValue], _ key: String, in section: String) throws -> String {
            guard let s = t[key]?.string else { throw SettingsError(file: file, "[[\(section)]] needs \(key)") }
            return s
        }
        func strings(_ t: [String: SettingValue], _ key: String) -> [String] {
            if case .array(let items)? = t[key] { return items.compactMap(\.string) }
            return t[key]?.string.map { [$0] } ?? []
        }

        for t in try tables("contact") {
            let uid = try string(t, "uid", in: "contact")
            contacts[uid] = ContactExtra(metOn: int(t, "met_days_ago").map { today.adding(days: -$0) },
                                         birthdayOn: int(t, "birthday_in_days").map { today.adding(days: $0) },
                                         snoozedForDays: int(t, "snoozed_for_days"))
        }
        for t in try tables("interaction") {
            let kindName = try string(t, "kind", in: "interaction")
            guard let kind = InteractionKind(rawValue: kindName) else {
                throw SettingsError(file: file, "unknown interaction kind \(kindName)")
            }
            let direction = try t["direction"]?.string.map { name -> Domain.Direction in
                guard let d = Direction(rawValue: name) else { throw SettingsError(file: file, "unknown direction \(name)") }
                return d
            }
            let interaction = Interaction(occurredAt: at(int(t, "days_ago") ?? 0, hour: int(t, "hour") ?? 12),
                                          kind: kind, direction: direction, summary: t["summary"]?.string ?? "",
                                          notes: t["notes"]?.string ?? "", contactIDs: [])
            interactions.append((interaction, strings(t, "with")))
        }
        for t in try tables("promise") {
            let owner = PromiseOwner(rawValue: t["owner"]?.string ?? "mine") ?? .mine
            let created = at(int(t, "created_days_ago") ?? 0, hour: 11)
            let promise = Promise(contactID: 0, text: try string(t, "text", in: "promise"), owner: owner,
                                  due: int(t, "due_in_days").map { today.adding(days: $0) }, createdAt: min(created, now),
                                  doneAt: int(t, "done_days_ago").map { min(at($0, hour: 16), now) })
            promises.append((promise, try string(t, "with", in: "promise")))
        }
        for t in try tables("event") {
            let start = today.adding(days: int(t, "in_days") ?? 0).start(in: calendar)
                .addingTimeInterval(TimeInterval(int(t, "hour") ?? 19) * 3600)
            let event = Event(name: try string(t, "name", in: "event"), start: start,
                              location: t["location"]?.string ?? "", notes: t["notes"]?.string ?? "")
            events.append((event, strings(t, "attendees")))
        }
    }
}
