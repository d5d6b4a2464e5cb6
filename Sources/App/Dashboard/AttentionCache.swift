import Domain
import Foundation
import Store

/// Keeps the store's attention cache (every live contact's score) current,
/// so that `rapport due` and the dashboard's first frame read scores instead
/// of computing them.
///
/// The cache carries a key: the change sequence it reflects, the day it was
/// scored on and a fingerprint of the playbook. On the same day with the
/// same playbook, bringing it up to date rescoring only the contacts changed
/// since costs what changed; otherwise every contact is rescored from its
/// summary.
public struct AttentionCache: Sendable {
    let store: Store
    let scorer: AttentionScorer

    public init(store: Store, scorer: AttentionScorer) {
        self.store = store
        self.scorer = scorer
    }

    /// Brings the cache up to date for `now`, in one write transaction.
    public func refresh(now: Date) throws {
        let today = scorer.days.day(now)
        try store.write { tx in
            let sequence = try tx.changeSequence()
            let key = AttentionCache.key(sequence: sequence, today: today, playbook: scorer.playbook)
            if let cached = try tx.attentionKey(), let computedAt = try tx.lastScoredAt(),
               let since = AttentionCache.sequence(of: cached, ifCurrentFor: key),
               try !tx.eventStarted(after: computedAt, atOrBefore: now) {
                guard since != sequence else { return }
                let changed = try tx.contactsChanged(since: since)
                let book = try Book.scoring(tx, contactIDs: changed)
                let scored = Library.score(book, scorer: scorer, now: now)
                let live = Set(scored.map(\.contactID))
                try tx.updateAttention(scored, removed: changed.filter { !live.contains($0) }, computedAt: now, key: key)
            } else {
                let book = try Book.scoring(tx)
                try tx.saveAttention(Library.score(book, scorer: scorer, now: now), computedAt: now, key: key)
            }
        }
    }

    /// `sequence day playbook`: what a cache is current for.
    static func key(sequence: Int64, today: Day, playbook: Playbook) -> String {
        "\(sequence) \(today.iso) \(fingerprint(playbook))"
    }

    /// The sequence of a cache whose key matches `current` but for its
    /// sequence (same day, same playbook), and is not newer.
    static func sequence(of cached: String, ifCurrentFor current: String) -> Int64? {
        let old = cached.split(separator: " ", maxSplits: 1)
        let new = current.split(separator: " ", maxSplits: 1)
        guard old.count == 2, new.count == 2, old[1] == new[1],
              let since = Int64(old[0]), let now = Int64(new[0]), since <= now else { return nil }
        return since
    }

    /// A stable hash of the playbook's values (FNV-1a over its sorted JSON):
    /// Swift's `hashValue` changes from run to run.
    static func fingerprint(_ playbook: Playbook) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bytes = (try? encoder.encode(playbook)) ?? Data()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
