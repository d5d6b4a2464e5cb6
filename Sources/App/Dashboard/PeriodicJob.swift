import Dispatch
import Domain
import Foundation
import Store

/// Background work the dashboard runs on a timer, each on its own queue:
/// capture of the configured mail and calendars, sync of the configured
/// vdirs. A first capture of a big maildir takes seconds and must hold up
/// neither the UI nor scoring. What a run commits moves the store's change
/// token, so the scoring job picks it up on its next poll; the status line
/// says what moved. A problem is reported once until it changes, not on
/// every tick.
final class PeriodicJob: Sendable {
    /// What one run gives the status line.
    struct Outcome {
        var status: String?
        var problem: String?
    }

    private let label: String
    private let interval: TimeInterval
    private let work: @Sendable () throws -> Outcome
    private let notify: @Sendable (String, _ isError: Bool) -> Void
    private let queue: DispatchQueue
    /// Made by `start` only: Dispatch traps on releasing a source never resumed.
    /// Set and read on the UI thread.
    private nonisolated(unsafe) var timer: DispatchSourceTimer?
    /// Only touched on `queue`.
    private nonisolated(unsafe) var lastProblem: String?

    init(label: String, interval: TimeInterval, notify: @escaping @Sendable (String, _ isError: Bool) -> Void,
         work: @escaping @Sendable () throws -> Outcome) {
        self.label = label
        self.interval = interval
        self.notify = notify
        self.work = work
        queue = DispatchQueue(label: "rapport.\(label)", qos: .utility)
    }

    /// Starts the timer: the first run after `delay`, then every `interval`.
    func start(delay: TimeInterval) {
        guard timer == nil else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + delay, repeating: interval, leeway: .milliseconds(250))
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

    /// One run; `start` calls it on the timer.
    func run() {
        do {
            let outcome = try work()
            if let problem = outcome.problem { report(problem: problem) } else { lastProblem = nil }
            if let status = outcome.status { notify(status, false) }
        } catch {
            report(problem: "\(label): \(error)")
        }
    }

    private func report(problem: String) {
        guard problem != lastProblem else { return }
        lastProblem = problem
        notify(problem, true)
    }
}

extension PeriodicJob {
    /// Capture of `[capture] mail` and `calendars`; nil when none are configured.
    static func capture(store: Store, config: Config, calendar: Calendar, clock: @escaping @Sendable () -> Date,
                        notify: @escaping @Sendable (String, Bool) -> Void) -> PeriodicJob? {
        guard !config.capture.mail.isEmpty || !config.capture.calendars.isEmpty else { return nil }
        return PeriodicJob(label: "capture", interval: TimeInterval(config.capture.intervalSeconds), notify: notify) {
            let scripting = Scripting(store: store, playbook: config.playbook, now: clock(), calendar: calendar)
            let request = CaptureRequest(mail: config.capture.mail, calendars: config.capture.calendars)
            let done = try scripting.capture(request, me: config.me, settings: config.capture, refreshAttention: false)
            return Outcome(status: done.statusText, problem: done.sources.first { $0.failure != nil }?.summary)
        }
    }

    /// Sync of `[sync] vdirs`; nil when none are configured.
    static func sync(store: Store, config: Config, calendar: Calendar, clock: @escaping @Sendable () -> Date,
                     notify: @escaping @Sendable (String, Bool) -> Void) -> PeriodicJob? {
        guard !config.sync.vdirs.isEmpty else { return nil }
        return PeriodicJob(label: "sync", interval: TimeInterval(config.sync.intervalSeconds), notify: notify) {
            let scripting = Scripting(store: store, playbook: config.playbook, now: clock(), calendar: calendar)
            let done = try scripting.sync(SyncRequest(vdirs: config.sync.vdirs), refreshAttention: false)
            return Outcome(status: done.statusText, problem: done.folders.first { $0.failure != nil }?.summary)
        }
    }
}
