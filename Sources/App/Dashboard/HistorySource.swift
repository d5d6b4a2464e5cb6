import Domain
import Foundation
import Store
import Synchronization

/// Where a library reads one contact's interactions, when a view shows
/// them: the dashboard holds summaries, never histories, so its memory
/// does not grow with the interactions logged.
public protocol HistorySource: Sendable {
    /// The interactions `contactID` took part in, newest first (ties: newest id first).
    func interactions(of contactID: Int64) -> [Interaction]
    /// The contact in full (lists hold it without its longer text).
    func contact(_ id: Int64) -> Contact?
    /// Where each of the contact's captured interactions came from (the
    /// capture source's path), by interaction id; typed ones are absent.
    func captureSources(of contactID: Int64) -> [Int64: String]
    /// On a team's book, each member's history with the contact, most touches first.
    func knownBy(_ contactID: Int64) -> [KnownBy]
}

extension HistorySource {
    public func captureSources(of contactID: Int64) -> [Int64: String] { [:] }
    public func knownBy(_ contactID: Int64) -> [KnownBy] { [] }
}

/// Reads histories from the store by index, keeping the last few read:
/// the selection moving down the attention list reads each timeline once.
/// One per library, so a write (a new library) never shows a stale history.
public final class StoreHistory: HistorySource {
    /// One contact's interactions, with the sources of the captured ones,
    /// read in one transaction so the two always agree.
    private struct History {
        var interactions: [Interaction]
        var sources: [Int64: String]
        var knownBy: [KnownBy] = []
    }

    private let store: Store
    private let cache = Mutex<[Int64: History]>([:])
    private let contacts = Mutex<[Int64: Contact]>([:])
    static let cachedContacts = 64

    public init(store: Store) {
        self.store = store
    }

    public func interactions(of contactID: Int64) -> [Interaction] { history(of: contactID).interactions }

    public func captureSources(of contactID: Int64) -> [Int64: String] { history(of: contactID).sources }

    public func knownBy(_ contactID: Int64) -> [KnownBy] { history(of: contactID).knownBy }

    private func history(of contactID: Int64) -> History {
        if let kept = cache.withLock({ $0[contactID] }) { return kept }
        // A failed read shows an empty timeline; the scoring job reports the database's errors.
        let read = (try? store.read { tx -> History in
            let interactions = try tx.interactions(contactID: contactID)
            let knownBy = store.isShared ? try tx.memberHistories(contactID: contactID).map(KnownBy.init) : []
            return History(interactions: interactions, sources: try tx.captureSources(ofInteractions: interactions.compactMap(\.id)),
                           knownBy: knownBy)
        }) ?? History(interactions: [], sources: [:])
        cache.withLock { cache in
            if cache.count >= Self.cachedContacts { cache.removeAll(keepingCapacity: true) }
            cache[contactID] = read
        }
        return read
    }

    public func contact(_ id: Int64) -> Contact? {
        if let kept = contacts.withLock({ $0[id] }) { return kept }
        guard let read = try? store.contact(id: id) else { return nil }
        contacts.withLock { cache in
            if cache.count >= Self.cachedContacts { cache.removeAll(keepingCapacity: true) }
            cache[id] = read
        }
        return read
    }
}

/// Histories and contacts held in memory: for libraries built from a snapshot (tests).
struct MemoryHistory: HistorySource {
    let byContact: [Int64: [Interaction]]
    let contacts: [Int64: Contact]

    init(_ interactions: [Interaction], contacts list: [Contact] = []) {
        var contacts: [Int64: Contact] = [:]
        for contact in list { if let id = contact.id { contacts[id] = contact } }
        self.contacts = contacts
        var byContact: [Int64: [Interaction]] = [:]
        for interaction in interactions {
            for id in interaction.contactIDs { byContact[id, default: []].append(interaction) }
        }
        self.byContact = byContact.mapValues { list in
            list.sorted { a, b in
                a.occurredAt != b.occurredAt ? a.occurredAt > b.occurredAt : (a.id ?? 0) > (b.id ?? 0)
            }
        }
    }

    func interactions(of contactID: Int64) -> [Interaction] { byContact[contactID] ?? [] }

    func contact(_ id: Int64) -> Contact? { contacts[id] }
}
