import Dispatch
import Domain
import Foundation
import Store

/// Runs capture for the configured mail and calendar sources on a timer,
/// on its own queue: a first capture of a big maildir takes seconds and
/// must hold up neither the UI nor scoring. What it commits moves the
/// store's change token, so the scoring job picks the new touches up on its
/// next poll; the status line says what was captured.
///
/// Each run is incremental (only new files and offsets are read), so the
/// period can be short. A failure is reported once until it changes, not on
/// every tick.
final class CaptureJob: Sendable {
    private let store: Store
    private let config: Config
    private let calendar: Calendar
    private let clock: @Sendable () -> Date
    private let notify: @Sendable (String, _ isError: Bool) -> Void
    private let queue = DispatchQueue(label: "rapport.capture", qos: .utility)
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

    var hasSources: Bool { !config.capture.mail.isEmpty || !config.capture.calendars.isEmpty }

    /// Starts the timer: the first run after `delay`, then every `interval`.
    func start(delay: TimeInterval = 1) {
        guard hasSources, timer == nil else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let interval = TimeInterval(config.capture.intervalSeconds)
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

    private func run() {
        let scripting = Scripting(store: store, playbook: config.playbook, now: clock(), calendar: calendar)
        let request = CaptureRequest(mail: config.capture.mail, calendars: config.capture.calendars)
        do {
            let done = try scripting.capture(request, me: config.me, settings: config.capture, refreshAttention: false)
            if let failed = done.sources.first(where: { $0.failure != nil }) {
                report(problem: failed.summary)
            } else {
                lastProblem = nil
            }
            if let text = done.statusText { notify(text, false) }
        } catch {
            report(problem: "capture: \(error)")
        }
    }

    private func report(problem: String) {
        guard problem != lastProblem else { return }
        lastProblem = problem
        notify(problem, true)
    }
}
