import Domain
import Foundation

// One-call forms of StoreTransaction's operations, each in its own
// transaction. Group several writes with `Store.write` instead.

extension Store {
    // MARK: Contacts

    public func insert(_ contact: Contact) throws -> Contact { try write { try $0.insert(contact) } }
    @discardableResult
    public func update(_ contact: Contact) throws -> Contact { try write { try $0.update(contact) } }
    public func setArchived(id: Int64, _ archived: Bool) throws { try write { try $0.setArchived(id: id, archived) } }
    public func deleteContact(id: Int64) throws { try write { try $0.deleteContact(id: id) } }
    public func contact(id: Int64) throws -> Contact? { try read { try $0.contact(id: id) } }
    public func contacts(includeArchived: Bool = false) throws -> [Contact] {
        try read { try $0.contacts(includeArchived: includeArchived) }
    }
    public func contactCount(includeArchived: Bool = true) throws -> Int {
        try read { try $0.contactCount(includeArchived: includeArchived) }
    }
    public func contacts(matchingPrefix prefix: String, includeArchived: Bool = false, limit: Int? = nil) throws -> [Contact] {
        try read { try $0.contacts(matchingPrefix: prefix, includeArchived: includeArchived, limit: limit) }
    }
    public func contacts(withEmail email: String) throws -> [Contact] { try read { try $0.contacts(withEmail: email) } }
    public func contacts(withPhone phone: String) throws -> [Contact] { try read { try $0.contacts(withPhone: phone) } }

    // MARK: Interactions and timeline

    public func insert(_ interaction: Interaction) throws -> Interaction { try write { try $0.insert(interaction) } }
    public func deleteInteraction(id: Int64) throws { try write { try $0.deleteInteraction(id: id) } }
    public func interaction(id: Int64) throws -> Interaction? { try read { try $0.interaction(id: id) } }
    public func interactions(contactID: Int64, limit: Int? = nil) throws -> [Interaction] {
        try read { try $0.interactions(contactID: contactID, limit: limit) }
    }
    public func timeline(contactID: Int64) throws -> [TimelineEntry] { try read { try $0.timeline(contactID: contactID) } }

    // MARK: Promises

    public func insert(_ promise: Promise) throws -> Promise { try write { try $0.insert(promise) } }
    @discardableResult
    public func update(_ promise: Promise) throws -> Promise { try write { try $0.update(promise) } }
    @discardableResult
    public func setPromiseDone(id: Int64, at date: Date?) throws -> Promise {
        try write { try $0.setPromiseDone(id: id, at: date) }
    }
    public func deletePromise(id: Int64) throws { try write { try $0.deletePromise(id: id) } }
    public func promise(id: Int64) throws -> Promise? { try read { try $0.promise(id: id) } }
    public func openPromises() throws -> [Promise] { try read { try $0.openPromises() } }
    public func promises(_ filter: PromiseFilter) throws -> [Promise] { try read { try $0.promises(filter) } }
    public func promises(contactID: Int64, includeDone: Bool = true) throws -> [Promise] {
        try read { try $0.promises(contactID: contactID, includeDone: includeDone) }
    }

    // MARK: Events

    public func insert(_ event: Event) throws -> Event { try write { try $0.insert(event) } }
    @discardableResult
    public func update(_ event: Event) throws -> Event { try write { try $0.update(event) } }
    public func deleteEvent(id: Int64) throws { try write { try $0.deleteEvent(id: id) } }
    public func event(id: Int64) throws -> Event? { try read { try $0.event(id: id) } }
    public func events(matchingPrefix prefix: String) throws -> [Event] { try read { try $0.events(matchingPrefix: prefix) } }
    public func events(from: Date, to: Date) throws -> [Event] { try read { try $0.events(from: from, to: to) } }
    public func allEvents() throws -> [Event] { try read { try $0.allEvents() } }

    // MARK: Snoozes, snapshot, attention

    public func snooze(contactID: Int64, until: Day?) throws { try write { try $0.snooze(contactID: contactID, until: until) } }
    public func snoozes() throws -> [Snooze] { try read { try $0.snoozes() } }
    /// Everything scoring reads, from one read transaction.
    public func snapshot() throws -> Snapshot { try read { try $0.snapshot() } }
    public func saveAttention(_ attention: [Attention], computedAt: Date) throws {
        try write { try $0.saveAttention(attention, computedAt: computedAt) }
    }
    public func contactsByAttention(limit: Int? = nil) throws -> [(contact: Contact, attention: Attention)] {
        try read { try $0.contactsByAttention(limit: limit) }
    }
    public func attention(contactID: Int64) throws -> Attention? { try read { try $0.attention(contactID: contactID) } }
    public func lastScoredAt() throws -> Date? { try read { try $0.lastScoredAt() } }
}
