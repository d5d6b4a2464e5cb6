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
    /// Each contact as lists show it (`Contact.listed`): without notes,
    /// what drives them, how you met, emails and phones, which the detail,
    /// the edit form and event prep read from the store when opened
    /// (`Library.contact(_:)`).
    public internal(set) var contacts: [Int64: Contact] = [:]
    /// What scoring reads of each contact, in one record: a rescoring walks
    /// these in memory order instead of looking a contact up in five tables.
    public internal(set) var records: [Int64: ScoringRecord] = [:]
    /// Every promise of each contact, open and kept, by id.
    public internal(set) var promises: [Int64: [Promise]] = [:]
    /// Soonest first.
    public internal(set) var events: [Event] = []
    /// The folded text search looks through (name, company, title, tags,
    /// notes, what drives them), packed for search as you type.
    var searchIndex = SearchIndex()
    /// Every contact id by name (ignoring case and accents, ties by id); each
    /// record keeps its place in that order, so that sorting by name is
    /// comparing integers, and a refresh moves only the contacts that changed.
    public internal(set) var byName: [Int64] = []
    /// The store's change sequence this book reflects.
    public internal(set) var sequence: Int64 = 0
    /// On a team's book, the member whose view this is: their own histories
    /// (`member_summary`) and promises. Nil: everyone's (a personal book, or
    /// the team view).
    public private(set) var member: Int64?

    /// One contact's scoring inputs.
    public struct ScoringRecord: Sendable, Equatable {
        public var facts: ScoringFacts
        public var history: HistorySummary = .empty
        /// By id.
        public var openPromises: [Promise] = []
        public var snooze: Day?
        /// Its place in `byName`.
        public var nameRank = Int.max
        /// In a member's view of a team's book: a teammate's relationship, not
        /// this member's (others touched them; this member never did and owes
        /// them nothing). Left out of the member's attention list.
        public var teammatesOnly = false
    }

    public init() {}

    /// A book from a snapshot that carries its interactions (tests, the demo
    /// preview): their summaries are computed here.
    public init(snapshot: Snapshot) {
        set(contacts: snapshot.contacts, promises: snapshot.promises, snoozes: snapshot.snoozes)
        for (id, history) in HistorySummary.group(snapshot.interactions) { records[id]?.history = history }
        events = snapshot.events.sorted { $0.start < $1.start }
        byName = snapshot.contacts.sorted(by: Book.nameOrder).compactMap(\.id)
        rebuildRanks()
    }

    /// The whole book as the store holds it now, in a few queries; with
    /// `member`, as that member sees it (see `member`).
    public static func load(_ tx: StoreTransaction, member: Int64? = nil) throws -> Book {
        var book = Book()
        book.member = member
        book.sequence = try tx.changeSequence()
        // Reserved up front: growing a 100,000-entry dictionary copies it several times.
        let count = try tx.contactCount()
        book.contacts.reserveCapacity(count)
        book.records.reserveCapacity(count)
        try tx.forEachContact { contact in book.add(contact) }
        book.set(contacts: [], promises: try tx.promises(contactIDs: nil), snoozes: try tx.snoozes())
        book.setHistories(try tx.historySummaries(member: member))
        try book.markTeammatesOnly(tx, ids: nil)
        book.events = try tx.allEvents()
        book.byName = try tx.contactIDsByName()
        book.rebuildRanks()
        return book
    }

    /// Only what scoring reads (facts, summaries, open promises, snoozes,
    /// events), of these contacts or of all: no text, no kept promises.
    /// What a rescoring for the attention cache loads; its ties by name need
    /// the name ranks, which come from the name index.
    public static func scoring(_ tx: StoreTransaction, contactIDs ids: [Int64]? = nil) throws -> Book {
        var book = Book()
        book.sequence = try tx.changeSequence()
        for facts in try tx.scoringFacts(ids: ids) { book.records[facts.id] = ScoringRecord(facts: facts) }
        book.setHistories(try tx.historySummaries(ids: ids))
        for promise in try tx.promises(contactIDs: ids) where promise.isOpen {
            book.records[promise.contactID]?.openPromises.append(promise)
        }
        for snooze in try ids.map({ try tx.snoozes(contactIDs: $0) }) ?? tx.snoozes() {
            book.records[snooze.contactID]?.snooze = snooze.until
        }
        book.events = try tx.allEvents()
        if ids == nil {
            book.byName = try tx.contactIDsByName()
            book.rebuildRanks()
        }
        return book
    }

    /// Reloads the contacts changed since `sequence` (and the events, which
    /// are few). Returns false when nothing changed.
    public mutating func refresh(_ tx: StoreTransaction) throws -> Bool {
        let now = try tx.changeSequence()
        guard now != sequence else { return false }
        if now < sequence { // another file, or one restored from a backup
            self = try Book.load(tx, member: member)
            return true
        }
        let changed = try tx.contactsChanged(since: sequence)
        for id in changed {
            contacts[id] = nil
            records[id] = nil
            promises[id] = nil
            searchIndex.remove(id)
        }
        let reloaded = try tx.contacts(ids: changed)
        set(contacts: reloaded, promises: try tx.promises(contactIDs: changed),
            snoozes: try tx.snoozes(contactIDs: changed))
        setHistories(try tx.historySummaries(ids: changed, member: member))
        try markTeammatesOnly(tx, ids: changed)
        events = try tx.allEvents()
        sequence = now
        let moved = Set(changed)
        byName.removeAll { moved.contains($0) }
        for contact in reloaded {
            guard let id = contact.id else { continue }
            var low = 0, high = byName.count
            while low < high {
                let middle = (low + high) / 2
                if Book.nameOrder(contacts[byName[middle]]!, contact) { low = middle + 1 } else { high = middle }
            }
            byName.insert(id, at: low)
        }
        rebuildRanks()
        return true
    }

    /// The name index's order: folded name and nickname as UTF-8 bytes, ties by id.
    static func nameOrder(_ a: Contact, _ b: Contact) -> Bool {
        let (x, y) = (StoreTransaction.nameSortKey(a), StoreTransaction.nameSortKey(b))
        if x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
        return (a.id ?? 0) < (b.id ?? 0)
    }

    private mutating func rebuildRanks() {
        for (place, id) in byName.enumerated() { records[id]?.nameRank = place }
    }

    /// See `ScoringRecord.teammatesOnly`; nothing outside a member's view.
    private mutating func markTeammatesOnly(_ tx: StoreTransaction, ids: [Int64]?) throws {
        guard member != nil else { return }
        for id in try tx.contactIDsWithHistory(ids: ids) {
            guard let record = records[id] else { continue }
            records[id]?.teammatesOnly = record.history == .empty && record.openPromises.isEmpty
        }
    }

    private mutating func setHistories(_ histories: [Int64: HistorySummary]) {
        for (id, history) in histories { records[id]?.history = history }
    }

    private mutating func add(_ contact: Contact) {
        guard let id = contact.id else { return }
        contacts[id] = contact.listed
        records[id] = ScoringRecord(facts: ScoringFacts(contact))
        searchIndex.set(SearchKey(contact), for: id)
    }

    private mutating func set(contacts list: [Contact], promises promiseList: [Promise], snoozes snoozeList: [Snooze]) {
        contacts.reserveCapacity(contacts.count + list.count)
        records.reserveCapacity(records.count + list.count)
        for contact in list { add(contact) }
        for promise in promiseList where member == nil || promise.memberID == nil || promise.memberID == member {
            promises[promise.contactID, default: []].append(promise)
            if promise.isOpen { records[promise.contactID]?.openPromises.append(promise) }
        }
        for snooze in snoozeList { records[snooze.contactID]?.snooze = snooze.until }
    }

    /// Each contact's history summary (tests compare books by it).
    public var histories: [Int64: HistorySummary] {
        records.compactMapValues { $0.history == .empty ? nil : $0.history }
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

extension Contact {
    /// This contact without the text that only its detail shows.
    var listed: Contact {
        var c = self
        c.emails = []
        c.phones = []
        c.metAt = ""
        c.metVia = ""
        c.drives = ""
        c.notes = ""
        return c
    }
}
