import Domain
import Foundation
import Store

extension Library {
    /// A first frame's worth of the library from the attention cache, in a
    /// few indexed queries: the top of the attention list as last scored,
    /// the open promises, and the timelines of the first rows (kept promises
    /// come with the full library).
    ///
    /// Reading and scoring everything takes long at 100,000 contacts; this
    /// lets the dashboard show its last known state at once and swap in the
    /// full library when the background job delivers it. Nil when the cache
    /// is empty (never scored): the dashboard then waits for the job.
    static func preview(store: Store, scorer: AttentionScorer, now: Date, rows: Int = 200) throws -> Library? {
        try store.read { tx in
            guard try tx.lastScoredAt() != nil else { return nil }
            let top = try tx.contactsByAttention(limit: rows)
            guard !top.isEmpty else { return nil }
            let open = try tx.openPromisesOfLiveContacts()
            var contacts = top.map(\.contact)
            var known = Set(contacts.compactMap(\.id))
            let ordered = open.sorted(by: Library.promiseOrder)
            for promise in ordered.prefix(rows) where !known.contains(promise.contactID) {
                if let contact = try tx.contact(id: promise.contactID) {
                    contacts.append(contact)
                    known.insert(promise.contactID)
                }
            }
            var interactions: [Interaction] = []
            var seen = Set<Int64>()
            for entry in top.prefix(40) {
                for interaction in try tx.interactions(contactID: entry.contact.id ?? -1)
                where seen.insert(interaction.id ?? -1).inserted {
                    interactions.append(interaction)
                }
            }
            interactions.sort { ($0.id ?? 0) < ($1.id ?? 0) }
            let snapshot = Snapshot(contacts: contacts, interactions: interactions,
                                    promises: open,
                                    events: try tx.allEvents(), snoozes: try tx.snoozes())
            return Library(preview: snapshot, attention: top.map(\.attention), openPromises: ordered,
                           needing: try tx.cachedNeedingAttentionCount(), scorer: scorer, now: now)
        }
    }

    /// Builds the preview from a partial snapshot and cached attention.
    private init(preview snapshot: Snapshot, attention cached: [Attention], openPromises: [Promise],
                 needing: Int, scorer: AttentionScorer, now: Date) {
        self.snapshot = snapshot
        self.scoredAt = now
        self.days = scorer.days
        self.today = scorer.days.day(now)
        self.calendar = scorer.calendar
        self.rapportTouches = scorer.playbook.rapport.touches
        self.generation = Library.nextGeneration()
        var contacts: [Int64: Contact] = [:]
        for contact in snapshot.contacts { if let id = contact.id { contacts[id] = contact } }
        self.contactsByID = contacts
        self.attention = cached.filter { $0.snoozedUntil == nil } + cached.filter { $0.snoozedUntil != nil }
        var byID: [Int64: Attention] = [:]
        for a in cached where byID[a.contactID] == nil { byID[a.contactID] = a }
        self.attentionByID = byID
        self.needingAttentionCount = needing
        let index = SnapshotIndex(snapshot)
        self.interactionsByContact = index.interactions.mapValues(SnapshotIndex.newestFirst)
        let shared = Shared(snapshot: snapshot, contacts: contacts, openPromises: openPromises, today: today)
        self.openPromises = openPromises
        self.promisesByContact = shared.promisesByContact
        self.donePromises = shared.donePromises
        self.overdueMinePromiseCount = shared.overdueMinePromiseCount
        self.events = shared.events
        self.eventsByContact = shared.eventsByContact
        self.searchKeys = shared.searchKeys
        self.contactsByScore = cached.compactMap { contacts[$0.contactID] }
    }
}
