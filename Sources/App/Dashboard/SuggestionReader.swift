import Store
import Synchronization

/// Reads view 5's mail suggestions for the scoring job, off the UI thread.
///
/// Counting every correspondent's messages is a scan of all captured mail,
/// so a pass reads again only when the database changed since the last read
/// (its change token moved); the periodic rescoring alone reuses the rows.
final class SuggestionReader: Sendable {
    /// More than anyone reviews in one sitting; the store ranks the best first.
    static let limit = 500

    private let store: Store
    private let last = Mutex<(token: Int64, rows: [MailSuggestion])?>(nil)

    init(store: Store) {
        self.store = store
    }

    /// The suggestions as of `token`; none when they cannot be read, since
    /// the scoring job reports the database's errors itself.
    func suggestions(token: Int64) -> [MailSuggestion] {
        if let kept = last.withLock({ $0 }), kept.token == token { return kept.rows }
        guard let rows = try? store.read({ try $0.mailSuggestions(limit: Self.limit) }) else { return [] }
        last.withLock { $0 = (token, rows) }
        return rows
    }
}
