import Dispatch
import Domain
import Foundation
import Store
import UI

/// The dashboard's runtime: the UI loop that reads keys, reduces actions,
/// draws frames, and hands effects to background queues.
///
/// Invariant: the backend (ncurses) is only ever called from the thread
/// that calls `run()`. Background work reaches the loop only through the
/// inbox, which the loop drains every 50 ms.
public final class Dashboard {
    private let backend: Backend
    private let store: Store
    private let reducer: Reducer
    private let scoring: ScoringJob
    /// Capture and sync, for what the config names.
    private let background: [(job: PeriodicJob, delay: TimeInterval)]
    private let writes: WriteExecutor
    private let inbox = Inbox()
    private let writeQueue = DispatchQueue(label: "rapport.writes", qos: .userInitiated)
    private let renderer: DashboardRenderer
    private let scorer: AttentionScorer
    private let clock: @Sendable () -> Date
    private var state: AppState

    /// - Parameters:
    ///   - startupMessages: shown in the status line once the dashboard is up
    ///     (a broken theme file, a key bound twice).
    ///   - loadDemo: loads the demo data into an empty store (the welcome screen's key).
    public init(backend: Backend, store: Store, config: Config, calendar: Calendar,
                clock: @escaping @Sendable () -> Date = { Date() },
                startupMessages: [String] = [],
                loadDemo: @escaping @Sendable (Store) throws -> Void) {
        self.backend = backend
        self.store = store
        self.reducer = Reducer(now: clock)
        self.writes = WriteExecutor(store: store, loadDemo: loadDemo, zone: calendar.timeZone)
        self.renderer = DashboardRenderer(calendar: calendar)
        let keymap = Keymap(overrides: config.keys)
        self.state = AppState(size: backend.size, keymap: keymap)
        let messages = startupMessages + keymap.warnings
        if !messages.isEmpty { state.message = StatusMessage(text: messages.joined(separator: " · "), isError: true) }
        let inbox = self.inbox
        self.clock = clock
        self.scorer = AttentionScorer(playbook: config.playbook, calendar: calendar)
        self.scoring = ScoringJob(store: store, scorer: scorer,
                                  interval: TimeInterval(config.rescoreSeconds), clock: clock,
                                  deliver: { inbox.post(.libraryLoaded($0)) },
                                  fail: { inbox.post(.alert($0)) }, notice: { inbox.post(.notice($0)) },
                                  historyRead: { inbox.post(.historyRead) })
        let notify: @Sendable (String, Bool) -> Void = { text, isError in
            inbox.post(isError ? .alert(text) : .notice(text))
        }
        self.background = [
            PeriodicJob.capture(store: store, config: config, calendar: calendar, clock: clock, notify: notify)
                .map { ($0, 1) },
            PeriodicJob.sync(store: store, config: config, calendar: calendar, clock: clock, notify: notify)
                .map { ($0, 2) },
        ].compactMap { $0 }
    }

    /// Runs until the user quits; writes still in flight are finished first.
    public func run() {
        // The first frame comes from the attention cache when there is one;
        // the full library replaces it when the background job delivers.
        if state.library == nil, let preview = try? Library.preview(store: store, scorer: scorer, now: clock()) {
            dispatch(.libraryLoaded(preview))
        }
        // The job starts once the first frame is out: loading the whole book
        // would otherwise compete with drawing it for the disk and the cores.
        var scoringStarted = false
        defer {
            if !scoringStarted { scoring.start() }
            for (job, _) in background { job.stop() }
            scoring.stop()
            writeQueue.sync {}
        }
        var dirty = true
        while state.running {
            if dirty {
                backend.draw(renderer.render(state))
                dirty = false
            }
            if !scoringStarted {
                scoring.start()
                for (job, delay) in background { job.start(delay: delay) }
                scoringStarted = true
            }
            if let key = backend.nextKey(timeoutMilliseconds: 50) {
                if key == .resize {
                    dispatch(.resized(backend.size))
                } else if let action = KeyRouter.action(for: key, in: state) {
                    dispatch(action)
                }
                dirty = true
            }
            for action in inbox.drain() {
                dispatch(action)
                dirty = true
            }
        }
    }

    private func dispatch(_ action: Action) {
        for effect in reducer.reduce(&state, action) {
            switch effect {
            case .write(let write, let description, let isUndo):
                let writes = self.writes, inbox = self.inbox
                writeQueue.async { @Sendable in
                    do {
                        let inverse = try writes.perform(write)
                        let undo = inverse.map { UndoStep(write: $0, description: description) }
                        inbox.post(.writeFinished(description: description, undo: undo, isUndo: isUndo))
                    } catch {
                        inbox.post(.writeFailed("not saved: \(error)"))
                    }
                }
            case .importFile(let path):
                let writes = self.writes, inbox = self.inbox, now = reducer.now()
                writeQueue.async { @Sendable in
                    do {
                        let report = try writes.importFile(path, now: now) { done, total in
                            inbox.post(.notice("importing \(path): \(done)/\(total)"))
                        }
                        inbox.post(.writeFinished(description: ImportStatus.line(report, path: path), undo: nil, isUndo: false))
                    } catch {
                        inbox.post(.writeFailed("not imported: \(error)".split(separator: "\n").joined(separator: "; ")))
                    }
                }
            case .rescore:
                scoring.trigger()
            case .scoreTeam(let everyone):
                scoring.score(member: everyone ? nil : store.currentMember)
            case .suspend:
                backend.suspend()
            case .quit:
                break
            }
        }
    }
}
