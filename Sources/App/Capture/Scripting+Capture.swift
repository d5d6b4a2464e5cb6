import Domain
import Foundation
import Store

/// What `rapport capture` is asked: the paths to read, by kind.
public struct CaptureRequest: Sendable {
    public var mail: [String]
    public var calendars: [String]
    public var dryRun: Bool

    public init(mail: [String] = [], calendars: [String] = [], dryRun: Bool = false) {
        self.mail = mail
        self.calendars = calendars
        self.dryRun = dryRun
    }
}

extension Scripting {
    /// Reads the mail and calendar sources of `request` and records what
    /// they hold: touches with contacts, upcoming events, correspondents.
    /// Never creates a contact. A dry run reports the same, then rolls back.
    ///
    /// - parameter refreshAttention: leave the attention cache current (the
    ///   dashboard's job passes false: it rescores from the change log itself).
    /// - throws: `ScriptingError` when `[me]` is not set.
    public func capture(_ request: CaptureRequest, me: Me, settings: CaptureSettings,
                        progress: ImportProgress? = nil, refreshAttention: Bool = true) throws -> CaptureReport {
        guard me.isSet else { throw ScriptingError(Me.missingHint) }
        var report = CaptureReport()
        report.dryRun = request.dryRun
        if request.dryRun {
            do {
                try store.write { tx in
                    try runCapture(request, me: me, settings: settings, writer: CaptureWriter(store: store, dryRun: tx),
                                   report: &report, progress: progress)
                    throw DryRunRollback()
                }
            } catch is DryRunRollback {}
            return report
        }
        // A first capture writes hundreds of thousands of rows into indexes
        // spread over a big file: keep them in memory rather than going back
        // and forth through the log.
        let previous = try store.write { try $0.setPageCache(StoreTransaction.largePageCache) }
        defer { _ = try? store.write { try $0.setPageCache(previous) } }
        try runCapture(request, me: me, settings: settings, writer: CaptureWriter(store: store, dryRun: nil),
                       report: &report, progress: progress)
        if refreshAttention && report.touches + report.events > 0 {
            try AttentionCache(store: store, scorer: scorer).refresh(now: now)
        }
        return report
    }

    private func runCapture(_ request: CaptureRequest, me: Me, settings: CaptureSettings, writer: CaptureWriter,
                            report: inout CaptureReport, progress: ImportProgress?) throws {
        let days = LocalDays(zone: calendar.timeZone)
        report.replayed = try replayMail(writer: writer, days: days)
        let byEmail = ContactAddresses()
        let mail = MailCapture(rule: MailTouchRule(me: me, maxRecipients: settings.maxRecipients), settings: settings,
                               days: days, contactsByEmail: byEmail, listsAdditions: request.dryRun)
        for path in request.mail.map(Self.absolute) {
            var source = CaptureReport.Source(path: path, kind: "mail")
            try mail.capture(path: path, into: writer, report: &source, lines: &report.wouldAdd, progress: progress)
            report.sources.append(source)
        }
        // Contacts' addresses changed since the last run: a calendar read then
        // may name people who are contacts now, so it is read again.
        let addresses = request.calendars.isEmpty ? nil : try writer.batch { try $0.contactAddressFingerprint() }
        let addressesMoved = try addresses != nil && writer.batch { try $0.captureAddresses() } != addresses
        let calendars = CalendarCapture(me: me, settings: settings, contactsByEmail: byEmail,
                                        listsAdditions: request.dryRun, now: now, zone: calendar.timeZone,
                                        rereadAll: addressesMoved)
        for path in request.calendars.map(Self.absolute) {
            var source = CaptureReport.Source(path: path, kind: "calendar")
            try calendars.capture(path: path, into: writer, report: &source, lines: &report.wouldAdd)
            report.sources.append(source)
        }
        try writer.batch { tx in
            try tx.setCaptureSequence(tx.changeSequence())
            if let addresses { try tx.setCaptureAddresses(addresses) }
        }
    }

    /// Only the addresses of contacts changed since the last run can have
    /// become a correspondent's: a run with no such change looks at nothing.
    private func replayMail(writer: CaptureWriter, days: LocalDays) throws -> Int {
        try writer.batch { tx in
            let changed = try tx.captureSequence().map { try tx.contactsChanged(since: $0) }
            if changed?.isEmpty == true { return 0 }
            return try tx.replayCapturedMail(days: days, contactIDs: changed)
        }
    }

    /// Turns the stored mail of correspondents who have become contacts
    /// since it was read into their touches (see `replayCapturedMail(days:)`),
    /// without reading any source. Returns the touches added.
    @discardableResult
    public func replayCapturedMail() throws -> Int {
        let days = LocalDays(zone: calendar.timeZone)
        return try store.write { try $0.replayCapturedMail(days: days) }
    }

    /// Removes what one source added (touches, events, its messages and what
    /// was read), so that the next capture of it starts afresh.
    public func forgetCapture(path: String) throws -> ForgottenCapture {
        let absolute = Self.absolute(path)
        return try store.write { tx in
            guard let source = try tx.captureSource(path: absolute) else {
                let known = try tx.captureSources().map(\.path)
                throw ScriptingError("no capture source \(absolute)",
                                     details: known.isEmpty ? ["nothing has been captured yet"]
                                         : ["captured sources:"] + known.map { "  " + $0 })
            }
            return try tx.forgetCaptureSource(id: source.id)
        }
    }

    public func captureSources() throws -> [CaptureSource] { try store.read { try $0.captureSources() } }

    public func suggestions(limit: Int? = nil) throws -> [MailSuggestion] {
        try store.read { try $0.mailSuggestions(limit: limit) }
    }

    /// Hides a correspondent from the suggestions for good.
    /// - throws: `ScriptingError` when the address is no suggestion's.
    public func dismissSuggestion(email: String) throws {
        let address = Me.normalized(email)
        try store.write { tx in
            guard try tx.mailSuggestions().contains(where: { $0.email == address }) else {
                throw ScriptingError("\(address) is not among the suggestions")
            }
            try tx.dismissSuggestion(email: address)
        }
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

private struct DryRunRollback: Error {}
