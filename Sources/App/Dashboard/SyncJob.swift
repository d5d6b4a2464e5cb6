import Dispatch
import Domain
import Foundation
import Store

/// Runs vdir sync for the `[sync] vdirs` of the config on a timer, on its
/// own queue, as `CaptureJob` runs capture: what it commits moves the
/// store's change token, so the scoring job picks changes up on its next
/// poll; the status line says what moved ("synced: 2 in, 1 out"). A failure
/// is reported once until it changes, not on every tick.
final class SyncJob: Sendable {
    private let store: Store
    private let config: Config
    private let calendar: Calendar
    private let clock: @Sendable () -> Date
    private let notify: @Sendable (String, _ isError: Bool) -> Void
    private let queue = DispatchQueue(label: "rapport.sync", qos: .utility)
    /// Made by `start` only: Dispatch traps on releasing a source never resumed.
    /// Set and read on the UI thread.
    private nonisolated(unsafe) var timer: DispatchSourceTimer?
    /// Only touched on `queue`.
    private nonisolated(unsafe) var lastProblem: String?

    init(store: Store, config: Config, calendar: Calendar, clock: @escaping @Sendable () -> Date,
         notify: @escaping @Sendable (String, _ isError: Bool) -> Void) {
        self.store = store
        self.config = config
        self.calendar = calendar
        self.clock = clock
        self.notify = notify
    }

    var hasFolders: Bool { !config.sync.vdirs.isEmpty }

    /// Starts the timer: the first run after `delay`, then every `interval`.
    func start(delay: TimeInterval = 2) {
        guard hasFolders, timer == nil else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + delay, repeating: TimeInterval(config.sync.intervalSeconds),
                       leeway: .milliseconds(250))
        timer.setEventHandler { @Sendable [weak self] in self?.run() }
        timer.resume()
        self.timer = timer
    }

    func stop() {
        guard let timer else { return }
        timer.cancel()
        queue.sync {}
        self.timer = nil
    }

    /// One sync of every configured folder; `start` calls it on the timer.
    func run() {
        let scripting = Scripting(store: store, playbook: config.playbook, now: clock(), calendar: calendar)
        do {
            let done = try scripting.sync(SyncRequest(vdirs: config.sync.vdirs), refreshAttention: false)
            if let failed = done.folders.first(where: { $0.failure != nil }) {
                report(problem: failed.summary)
            } else {
                lastProblem = nil
            }
            if let text = done.statusText { notify(text, false) }
        } catch {
            report(problem: "sync: \(error)")
        }
    }

    private func report(problem: String) {
        guard problem != lastProblem else { return }
        lastProblem = problem
        notify(problem, true)
    }
}
