import Domain
import Foundation
import Store

/// `rapport add`'s fields as typed, before any check.
public struct NewContact: Sendable {
    public var name: String
    public var emails: [String] = []
    public var phones: [String] = []
    public var company: String?
    public var title: String?
    public var circle: String?
    public var tags: [String] = []
    public var metAt: String?
    public var metOn: String?
    public var metVia: String?
    public var birthday: String?
    public var notes: String?

    public init(name: String) { self.name = name }
}

/// One contact with what `rapport show` prints about it.
public struct ContactDetail: Sendable {
    public var contact: Contact
    public var attention: Attention?
    /// Open first, then kept; each group by due day.
    public var promises: [Promise]
    /// Newest first, at most `ContactDetail.recentCount`.
    public var recent: [Interaction]
    /// From today on, soonest first.
    public var upcomingEvents: [Event]
    public var names: [Int64: String]
    /// Where captured interactions came from (a mail or calendar source), by interaction id.
    public var sources: [Int64: String] = [:]
    /// On a team's book: who of the team knows this contact, and the members' names.
    public var knownBy: [KnownBy] = []
    public var team: TeamView?

    public static let recentCount = 5
}

extension Scripting {
    /// Checks every field, then adds the contact in one write.
    public func add(_ input: NewContact) throws -> Contact {
        let contact = try checked { () throws -> Contact in
            var contact = Contact(name: try FieldRules.name(input.name), createdAt: now)
            contact.emails = try input.emails.map(FieldRules.email)
            contact.phones = try input.phones.map(FieldRules.phone)
            contact.company = try FieldRules.text(input.company ?? "", field: "company", oneLine: true)
            contact.title = try FieldRules.text(input.title ?? "", field: "title", oneLine: true)
            if let circle = input.circle { contact.circle = try FieldRules.circle(circle) }
            contact.tags = try FieldRules.tags(input.tags.joined(separator: ","))
            contact.metAt = try FieldRules.text(input.metAt ?? "", field: "met at", oneLine: true)
            if let metOn = input.metOn {
                let day = try FieldRules.day(metOn, field: "met on", today: today)
                guard day <= today else { throw FieldRules.Violation(field: "met on", "\(day.iso) is in the future") }
                contact.metOn = day
            }
            if let via = input.metVia { contact.metVia = try FieldRules.name(via, field: "met via") }
            if let birthday = input.birthday { contact.birthday = try FieldRules.recurringDate(birthday, field: "birthday") }
            contact.notes = try FieldRules.text(input.notes ?? "", field: "notes")
            contact.archived = contact.circle == .archived
            return contact
        }
        return try store.insert(contact)
    }

    /// `list`'s lines (id, name, company, circle), by name, from one narrow query.
    public func listLines(circle: String?, includeArchived: Bool) throws -> [ContactLine] {
        let wanted = try circle.map { raw in try checked { try FieldRules.circle(raw) } }
        return try store.read { tx in
            try tx.contactLines(includeArchived: includeArchived || wanted == .archived, circle: wanted)
        }
    }

    /// Contacts by name; archived ones only with `includeArchived`, one circle with `circle`.
    public func list(circle: String?, includeArchived: Bool) throws -> [Contact] {
        let wanted = try circle.map { raw in try checked { try FieldRules.circle(raw) } }
        let contacts = try store.contacts(includeArchived: includeArchived || wanted == .archived)
        guard let wanted else { return contacts }
        return contacts.filter { $0.circle == wanted }
    }

    /// One contact, scored from its own summary, promises, events and
    /// snooze: a handful of indexed reads, whatever the size of the book.
    public func show(_ query: String) throws -> ContactDetail {
        let contact = try contact(named: query)
        let id = contact.id ?? 0
        return try store.read { tx in
            let byID = try tx.promises(contactIDs: [id])
            let recent = try tx.interactions(contactID: id, limit: ContactDetail.recentCount)
            let events = try tx.events(from: now, to: .distantFuture).filter { $0.attendeeIDs.contains(id) }
            let snooze = try tx.snoozes(contactIDs: [id]).first?.until
            // On a team's book, scored as the member sees it: their touches, their promises.
            let member = store.isShared ? store.currentMember : nil
            let history = member == nil ? try tx.historySummary(contactID: id)
                : try tx.historySummaries(ids: [id], member: member)[id] ?? .empty
            let mine = byID.filter { $0.isOpen && (member == nil || $0.memberID == nil || $0.memberID == member) }
            let attention = contact.archived ? nil : scorer.attention(
                for: contact, history: history, openPromises: mine,
                upcomingEvents: events, snoozedUntil: snooze, today: today, now: now)
            let upcoming = try tx.events(from: today.start(in: calendar), to: .distantFuture)
                .filter { $0.attendeeIDs.contains(id) }
            let referenced = Set(recent.flatMap(\.contactIDs) + upcoming.flatMap(\.attendeeIDs))
            let names = try tx.names(of: Array(referenced)).merging([id: contact.name]) { _, new in new }
            let promises = byID.sorted { a, b in a.isOpen != b.isOpen ? a.isOpen : Library.promiseOrder(a, b) }
            var detail = ContactDetail(contact: contact, attention: attention, promises: promises, recent: recent,
                                       upcomingEvents: upcoming, names: names,
                                       sources: try tx.captureSources(ofInteractions: recent.compactMap(\.id)))
            if store.isShared {
                detail.knownBy = try tx.memberHistories(contactID: id).map(KnownBy.init)
                detail.team = TeamView(me: member, showsEveryone: false, members: try tx.members())
            }
            return detail
        }
    }

    /// Keeps a contact off the attention list until `until` (a day after today).
    public func snooze(_ query: String, until raw: String) throws -> (contact: Contact, until: Day) {
        let contact = try contact(named: query)
        guard let until = try day(raw, field: "until") else { throw ScriptingError("until: a date is needed") }
        guard until > today else { throw ScriptingError("until: \(until.iso) is not after today") }
        try store.snooze(contactID: contact.id ?? 0, until: until)
        return (contact, until)
    }

    /// Puts a snoozed contact back on the attention list; returns the day it was snoozed until, if any.
    public func unsnooze(_ query: String) throws -> (contact: Contact, was: Day?) {
        let contact = try contact(named: query)
        let id = contact.id ?? 0
        return try store.write { tx in
            let was = try tx.snoozes().first { $0.contactID == id }?.until
            if was != nil { try tx.snooze(contactID: id, until: nil) }
            return (contact, was)
        }
    }
}
