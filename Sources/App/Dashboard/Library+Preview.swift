import Domain
import Foundation
import Store

extension Library {
    /// A first frame's worth of the library from the attention cache, in a
    /// few indexed queries: the top of the attention list as last scored and
    /// the open promises (kept promises come with the full library).
    ///
    /// Loading the whole book takes a while at 100,000 contacts; this lets
    /// the dashboard show its last known state at once and swap in the full
    /// library when the background job delivers it. Nil when the cache is
    /// empty (never scored): the dashboard then waits for the job.
    static func preview(store: Store, scorer: AttentionScorer, now: Date, rows: Int = 200) throws -> Library? {
        try store.read { tx in
            guard try tx.lastScoredAt() != nil else { return nil }
            let top = try tx.contactsByAttention(limit: rows)
            guard !top.isEmpty else { return nil }
            let open = try tx.openPromisesOfLiveContacts()
            var contacts = top.map(\.contact)
            var known = Set(contacts.compactMap(\.id))
            // In the pane's order already: the library's own sort then finds one run.
            let owners = open.prefix(rows).map(\.contactID).filter { known.insert($0).inserted }
            contacts += try tx.contacts(ids: owners)
            let snapshot = Snapshot(contacts: contacts, promises: open, events: try tx.allEvents(), snoozes: try tx.snoozes())
            return Library(book: Book(snapshot: snapshot), attention: top.map(\.attention),
                           needing: try tx.cachedNeedingAttentionCount(), openPromises: open, scorer: scorer, now: now,
                           history: StoreHistory(store: store))
        }
    }
}
