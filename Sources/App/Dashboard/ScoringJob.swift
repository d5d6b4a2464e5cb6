import Dispatch
import Domain
import Foundation
import Store
import Synchronization

/// Recomputes attention on a background queue: every `interval` seconds,
/// right after each write (`trigger`), and soon after another rapport
/// process writes to the same file (its change token moves).
///
/// It keeps the book's summaries (`Book`) between passes and reloads only
/// the contacts changed since the last one; a pass is then arithmetic over
/// per-contact summaries, whatever the number of interactions.
///
/// At most one computation runs at a time, and a trigger during one runs
/// exactly one more afterwards, so triggers never pile up and results
/// arrive in order (gitui's AsyncSingleJob). Results go to the UI loop's
/// inbox; this type never touches the terminal.
final class ScoringJob: Sendable {
    private struct Status {
        var running = false
        var again = false
        var lastToken: Int64?
        var lastRun = Date.distantPast
        /// What this job last wrote to the attention cache, by contact.
        var saved: [Int64: Attention]?
        /// The book as of the last pass.
        var book: Book?
        /// Whose view is scored on a team's book (`Book.member`); nil: everyone's.
        var member: Int64?
        /// The server of a team's book could not be reached on the last pass.
        var disconnected = false
        /// The last library's history reader, whose copies the next one shows while it reads.
        var history: StoreHistory?
    }

    private let store: Store
    private let scorer: AttentionScorer
    private let interval: TimeInterval
    private let pollInterval: TimeInterval
    private let clock: @Sendable () -> Date
    private let deliver: @Sendable (Library) -> Void
    private let fail: @Sendable (String) -> Void
    private let notice: @Sendable (String) -> Void
    private let historyRead: @Sendable () -> Void
    private let queue = DispatchQueue(label: "rapport.scoring", qos: .utility)
    private let status = Mutex(Status())
    private let suggestions: SuggestionReader
    /// Created once; DispatchSource is itself safe to use from any thread.
    private nonisolated(unsafe) let timer: DispatchSourceTimer

    init(store: Store, scorer: AttentionScorer, interval: TimeInterval, pollInterval: TimeInterval = 1,
         clock: @escaping @Sendable () -> Date, deliver: @escaping @Sendable (Library) -> Void,
         fail: @escaping @Sendable (String) -> Void, notice: @escaping @Sendable (String) -> Void = { _ in },
         historyRead: @escaping @Sendable () -> Void = {}) {
        self.store = store
        self.scorer = scorer
        self.interval = interval
        // A team's book is polled more often: its change token is a counter
        // in memory (notifications from the server), so a teammate's write
        // shows within a fraction of a second.
        self.pollInterval = min(store.isShared ? min(pollInterval, 0.2) : pollInterval, interval)
        self.clock = clock
        self.deliver = deliver
        self.fail = fail
        self.notice = notice
        self.historyRead = historyRead
        self.timer = DispatchSource.makeTimerSource(queue: queue)
        self.suggestions = SuggestionReader(store: store)
        status.withLock { $0.member = store.currentMember }
    }

    /// Scores `member`'s view of a team's book from now on (nil: the team's),
    /// reloading the book in the background.
    func score(member: Int64?) {
        status.withLock { s in
            guard s.member != member else { return }
            s.member = member
            s.book = nil
            s.saved = nil
        }
        trigger()
    }

    /// Starts the timer; the first scoring runs at once.
    nonisolated func start() {
        timer.schedule(deadline: .now() + pollInterval, repeating: pollInterval, leeway: .milliseconds(100))
        timer.setEventHandler { @Sendable [weak self] in self?.tick() }
        timer.resume()
        trigger()
    }

    func stop() {
        timer.cancel()
    }

    /// Asks for a fresh score as soon as possible.
    func trigger() {
        let start = status.withLock { s -> Bool in
            if s.running { s.again = true; return false }
            s.running = true
            return true
        }
        if start { queue.async { @Sendable [weak self] in self?.run() } }
    }

    /// On each poll: rescore when the period has passed or another process wrote.
    private func tick() {
        let token = try? store.changeToken()
        let due = status.withLock { s in
            s.lastToken != token || clock().timeIntervalSince(s.lastRun) >= interval
        }
        if due { trigger() }
    }

    /// Keeps the store's attention cache up to date, so the next dashboard
    /// can draw its first frame from it (`Library.preview`) before scoring.
    ///
    /// Writes only the scores that changed since this job's last write, so
    /// two dashboards on one file settle instead of waking each other; and
    /// when nobody wrote since the snapshot, this job's own write does not
    /// count as a change to rescore for.
    private func saveCache(_ library: Library, sequence: Int64, token: Int64, now: Date) throws {
        // The cache is the team's (everyone's touches): one member's view never replaces it.
        guard status.withLock({ $0.member == nil }) else { return }
        let key = AttentionCache.key(sequence: sequence, today: library.today, playbook: scorer.playbook)
        let saved = status.withLock { $0.saved }
        if saved == nil, try store.read({ try $0.attentionKey() }) == key {
            status.withLock { $0.saved = library.attentionByID }
            return
        }
        let changed = library.attention.filter { saved?[$0.contactID] != $0 }
        let removed = saved.map { old in old.keys.filter { library.attentionByID[$0] == nil } } ?? []
        guard saved == nil || !changed.isEmpty || !removed.isEmpty else { return }
        try store.write { tx in
            if saved == nil {
                try tx.saveAttention(library.attention, computedAt: now, key: key)
            } else {
                try tx.updateAttention(changed, removed: removed, computedAt: now, key: key)
            }
        }
        let after = try store.changeToken()
        status.withLock { s in
            s.saved = library.attentionByID
            if s.lastToken == token, (try? store.changeToken()) == after { s.lastToken = after }
        }
    }

    /// The book brought up to date: loaded whole on the first pass, then
    /// only what changed since the last.
    private func currentBook() throws -> Book {
        var (book, member) = status.withLock { ($0.book, $0.member) }
        try store.read { tx in
            if book == nil || book?.member != member { book = try Book.load(tx, member: member) } else { _ = try book!.refresh(tx) }
        }
        status.withLock { $0.book = book }
        return book!
    }

    private func run() {
        while true {
            do {
                let token = try store.changeToken()
                let now = clock()
                let book = try currentBook()
                var library = withSuggestions(Library(book: book, scorer: scorer, now: now,
                                                      history: historyReader()), token: token)
                library.team = try team(for: book)
                status.withLock { s in
                    s.lastToken = token
                    s.lastRun = now
                }
                deliver(library)
                if status.withLock({ s in defer { s.disconnected = false }; return s.disconnected }) {
                    notice("reconnected to \(store.path)")
                }
                try saveCache(library, sequence: book.sequence, token: token, now: now)
            } catch let error as StoreError where error.isConnectionProblem {
                // Said once; the poll keeps trying, and the keys keep working on what is shown.
                if !status.withLock({ s in defer { s.disconnected = true }; return s.disconnected }) {
                    fail("reconnecting… \(error)")
                }
            } catch {
                fail("could not read the database: \(error)")
            }
            let again = status.withLock { s -> Bool in
                if s.again { s.again = false; return true }
                s.running = false
                return false
            }
            if !again { return }
        }
    }
}

extension ScoringJob {
    /// The next library's history reader: in the background on a team's book.
    private func historyReader() -> StoreHistory {
        guard store.isShared else { return StoreHistory(store: store) }
        return status.withLock { s in
            let reader = StoreHistory(store: store, inBackground: historyRead, previous: s.history)
            s.history = reader
            return reader
        }
    }

    /// Who shares the book and whose view this is, on a team's book.
    private func team(for book: Book) throws -> TeamView? {
        guard store.isShared else { return nil }
        return TeamView(me: store.currentMember, showsEveryone: book.member == nil,
                        members: try store.read { try $0.members() })
    }

    /// The library with view 5's mail suggestions, read with the same token as the book.
    private func withSuggestions(_ library: Library, token: Int64) -> Library {
        var library = library
        library.suggestions = suggestions.suggestions(token: token)
        return library
    }
}
