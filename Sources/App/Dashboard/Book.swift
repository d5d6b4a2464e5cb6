import Domain
import Foundation
import Store

/// What the dashboard keeps of the book between two scorings: contacts,
/// their history summaries, promises, snoozes and events, with the folded
/// search text of each contact. Never the interactions: those are read per
/// contact when a timeline is shown (`HistorySource`).
///
/// The scoring job keeps one and brings it up to date with what changed
/// since its last pass (`refresh`), so a write costs the contacts it
/// touched, not the book.
public struct Book: Sendable {
    public internal(set) var contacts: [Int64: Contact] = [:]
    public internal(set) var histories: [Int64: HistorySummary] = [:]
    /// Every promise of each contact, open and kept, by id.
    public internal(set) var promises: [Int64: [Promise]] = [:]
    public internal(set) var snoozes: [Int64: Day] = [:]
    /// Soonest first.
    public internal(set) var events: [Event] = []
    public internal(set) var searchKeys: [Int64: SearchKey] = [:]
    /// Every contact id by name (ignoring case and accents, ties by id), and
    /// each one's place in that order: sorting by name is then comparing
    /// integers, and a refresh moves only the contacts that changed.
    public internal(set) var byName: [Int64] = []
    public internal(set) var nameRank: [Int64: Int] = [:]
    /// The store's change sequence this book reflects.
    public internal(set) var sequence: Int64 = 0

    public init() {}

    /// A book from a snapshot that carries its interactions (tests, the demo
    /// preview): their summaries are computed here.
    public init(snapshot: Snapshot) {
        histories = HistorySummary.group(snapshot.interactions)
        set(contacts: snapshot.contacts, promises: snapshot.promises, snoozes: snapshot.snoozes)
        events = snapshot.events.sorted { $0.start < $1.start }
        rankNames()
    }

    /// The whole book as the store holds it now, in a few queries.
    public static func load(_ tx: StoreTransaction) throws -> Book {
        var book = Book()
        book.sequence = try tx.changeSequence()
        book.histories = try tx.historySummaries()
        book.set(contacts: try tx.contacts(includeArchived: true), promises: try tx.promises(contactIDs: nil),
                 snoozes: try tx.snoozes())
        book.events = try tx.allEvents()
        book.rankNames()
        return book
    }

    /// Just these contacts (those that still exist), with every event.
    public static func load(_ tx: StoreTransaction, contactIDs ids: [Int64]) throws -> Book {
        var book = Book()
        book.sequence = try tx.changeSequence()
        book.histories = try tx.historySummaries(ids: ids)
        book.set(contacts: try tx.contacts(ids: ids), promises: try tx.promises(contactIDs: ids),
                 snoozes: try tx.snoozes(contactIDs: ids))
        book.events = try tx.allEvents()
        book.rankNames()
        return book
    }

    /// Reloads the contacts changed since `sequence` (and the events, which
    /// are few). Returns false when nothing changed.
    public mutating func refresh(_ tx: StoreTransaction) throws -> Bool {
        let now = try tx.changeSequence()
        guard now != sequence else { return false }
        if now < sequence { // another file, or one restored from a backup
            self = try Book.load(tx)
            return true
        }
        let changed = try tx.contactsChanged(since: sequence)
        for id in changed {
            contacts[id] = nil
            histories[id] = nil
            promises[id] = nil
            snoozes[id] = nil
            searchKeys[id] = nil
        }
        let reloaded = try tx.contacts(ids: changed)
        histories.merge(try tx.historySummaries(ids: changed)) { _, new in new }
        set(contacts: reloaded, promises: try tx.promises(contactIDs: changed),
            snoozes: try tx.snoozes(contactIDs: changed))
        events = try tx.allEvents()
        sequence = now
        let moved = Set(changed)
        byName.removeAll { moved.contains($0) }
        for contact in reloaded {
            guard let id = contact.id else { continue }
            var low = 0, high = byName.count
            while low < high {
                let middle = (low + high) / 2
                if Library.nameOrder(contacts[byName[middle]]!, contact) { low = middle + 1 } else { high = middle }
            }
            byName.insert(id, at: low)
        }
        rebuildRanks()
        return true
    }

    private mutating func rankNames() {
        byName = contacts.values.sorted(by: Library.nameOrder).compactMap(\.id)
        rebuildRanks()
    }

    private mutating func rebuildRanks() {
        nameRank = Dictionary(minimumCapacity: byName.count)
        for (place, id) in byName.enumerated() { nameRank[id] = place }
    }

    private mutating func set(contacts list: [Contact], promises promiseList: [Promise], snoozes snoozeList: [Snooze]) {
        contacts.reserveCapacity(contacts.count + list.count)
        for contact in list {
            guard let id = contact.id else { continue }
            contacts[id] = contact
            searchKeys[id] = SearchKey(contact)
        }
        for promise in promiseList { promises[promise.contactID, default: []].append(promise) }
        for snooze in snoozeList { snoozes[snooze.contactID] = snooze.until }
    }

    public var isEmpty: Bool { contacts.isEmpty }
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

    /// The folded name and nickname, and everything search reads.
    init(_ c: Contact) {
        let name = (c.name + " " + c.nickname).folded
        self.init(name: name, all: ([name, c.company, c.title, c.notes, c.drives] + c.tags)
            .joined(separator: " ").folded)
    }
}
