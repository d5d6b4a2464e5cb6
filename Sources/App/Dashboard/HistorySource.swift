import Dispatch
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
///
/// On a team's book (`loaded` given) nothing is read on the caller's thread,
/// which is the UI's: a history not read yet is read on a background queue,
/// `loaded` is called when it is in, and meanwhile the previous library's
/// copy is shown (or nothing, the first time). A key never waits for the network.
public final class StoreHistory: HistorySource {
    /// One contact's interactions, with the sources of the captured ones,
    /// read in one transaction so the two always agree.
    struct History {
        var interactions: [Interaction]
        var sources: [Int64: String]
        var knownBy: [KnownBy] = []
        static let none = History(interactions: [], sources: [:])
    }

    private let store: Store
    private let cache = Mutex<[Int64: History]>([:])
    private let contacts = Mutex<[Int64: Contact]>([:])
    private let loaded: (@Sendable () -> Void)?
    private let previous: StoreHistory?
    /// What is being read in the background.
    private enum Reading: Hashable { case history(Int64), contact(Int64) }
    private let reading = Mutex<Set<Reading>>([])
    private static let readers = DispatchQueue(label: "rapport.history", qos: .userInitiated)
    static let cachedContacts = 64

    /// - Parameters:
    ///   - loaded: reads in the background and calls this when one is in (a team's book).
    ///   - previous: the last library's reader, whose copies are shown meanwhile.
    public init(store: Store, inBackground loaded: (@Sendable () -> Void)? = nil, previous: StoreHistory? = nil) {
        self.store = store
        self.loaded = loaded
        self.previous = previous?.withoutPrevious
    }

    private init(copying other: StoreHistory) {
        store = other.store
        loaded = nil
        previous = nil
        cache.withLock { $0 = other.cache.withLock { $0 } }
        contacts.withLock { $0 = other.contacts.withLock { $0 } }
    }

    /// This reader's copies alone, so that a chain of libraries holds one generation back.
    private var withoutPrevious: StoreHistory { StoreHistory(copying: self) }

    public func interactions(of contactID: Int64) -> [Interaction] { history(of: contactID).interactions }

    public func captureSources(of contactID: Int64) -> [Int64: String] { history(of: contactID).sources }

    public func knownBy(_ contactID: Int64) -> [KnownBy] { history(of: contactID).knownBy }

    private func history(of contactID: Int64) -> History {
        if let kept = cache.withLock({ $0[contactID] }) { return kept }
        guard loaded != nil else { return readHistory(of: contactID) }
        inBackground(.history(contactID)) { $0.readHistory(of: contactID) }
        return previous?.cache.withLock({ $0[contactID] }) ?? .none
    }

    @discardableResult
    private func readHistory(of contactID: Int64) -> History {
        // A failed read shows an empty timeline; the scoring job reports the database's errors.
        let read = (try? store.read { tx -> History in
            let interactions = try tx.interactions(contactID: contactID)
            let knownBy = store.isShared ? try tx.memberHistories(contactID: contactID).map(KnownBy.init) : []
            return History(interactions: interactions, sources: try tx.captureSources(ofInteractions: interactions.compactMap(\.id)),
                           knownBy: knownBy)
        }) ?? .none
        cache.withLock { cache in
            if cache.count >= Self.cachedContacts { cache.removeAll(keepingCapacity: true) }
            cache[contactID] = read
        }
        return read
    }

    public func contact(_ id: Int64) -> Contact? {
        if let kept = contacts.withLock({ $0[id] }) { return kept }
        guard loaded != nil else { return readContact(id) }
        inBackground(.contact(id)) { $0.readContact(id) }
        return previous?.contacts.withLock({ $0[id] })
    }

    @discardableResult
    private func readContact(_ id: Int64) -> Contact? {
        guard let read = try? store.contact(id: id) else { return nil }
        contacts.withLock { cache in
            if cache.count >= Self.cachedContacts { cache.removeAll(keepingCapacity: true) }
            cache[id] = read
        }
        return read
    }

    /// Runs `read` on the readers' queue, once however often asked, then says so.
    private func inBackground(_ what: Reading, _ read: @escaping @Sendable (StoreHistory) -> Void) {
        guard let loaded, reading.withLock({ $0.insert(what).inserted }) else { return }
        Self.readers.async { [self] in
            read(self)
            reading.withLock { _ = $0.remove(what) }
            loaded()
        }
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
