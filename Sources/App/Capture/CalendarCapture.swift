import Domain
import Foundation
import Interop
import Store

/// Reads one calendar source (an `.ics` file, or a folder of them as
/// vdirsyncer keeps one for khal): past meetings with contacts become
/// touches, the coming `horizonDays` become rapport events, both keyed by
/// UID and occurrence so a re-run moves what moved and removes what was
/// cancelled.
///
/// A source is read again when one of its files changed, appeared or went,
/// when time passed what the last reading knew (an event started, a new
/// day brings recurrences into the horizon), or when contacts' addresses
/// changed (someone on an invitation became a contact); otherwise a re-run
/// only looks at the files' sizes and times.
struct CalendarCapture {
    let me: Me
    let settings: CaptureSettings
    let contactsByEmail: ContactAddresses
    let listsAdditions: Bool
    let now: Date
    /// Where floating times and all-day events are read.
    let zone: TimeZone
    /// Read every file even when unchanged (contacts' addresses changed).
    let rereadAll: Bool
    /// How far back recurring meetings are expanded into touches.
    static let lookback: TimeInterval = 2 * 365 * 86_400

    func capture(path: String, into writer: CaptureWriter, report: inout CaptureReport.Source,
                 lines: inout [String]) throws {
        let files: [String]
        do {
            files = try CalendarFiles.icsFiles(under: path)
        } catch {
            report.failure = "\(error)"
            return
        }
        let source = try writer.batch { try $0.captureSource(kind: .calendar, path: path) }
        let known = try writer.batch { try $0.captureFiles(sourceID: source.id) }
        var stats: [String: FileStat] = [:]
        for file in files { stats[file] = FileStat(path: file) }
        let unchanged = Set(files) == Set(known.keys) && files.allSatisfy { file in
            guard let state = known[file], let stat = stats[file] else { return false }
            return state.size == stat.size && state.modifiedAt == stat.modifiedAt
                && (state.recheckAt.map { $0 > now } ?? true)
        }
        if unchanged && !rereadAll { return }

        let window = (from: now.addingTimeInterval(-Self.lookback),
                      to: now.addingTimeInterval(TimeInterval(settings.horizonDays) * 86_400))
        let zone = self.zone
        let readings = parallelMap(files.count) { index -> Result<CalendarReading, Error> in
            Result {
                guard let data = FileManager.default.contents(atPath: files[index]) else {
                    throw CaptureFailure("cannot be read")
                }
                return try CalendarReader.read([UInt8](data), from: window.from, to: window.to, zone: zone)
            }
        }
        var occurrences: [CalendarOccurrence] = []
        for (file, reading) in zip(files, readings) {
            switch reading {
            case .success(let read):
                occurrences += read.occurrences
                report.unreadable += read.skipped.map { "\(file):\($0.line.map(String.init) ?? "-"): \($0.reason)" }
            case .failure(let error):
                report.unreadable.append("\(file): \(error)")
            }
        }
        // Overrides and duplicates across files: the last reading of a key wins.
        var byKey: [String: CalendarOccurrence] = [:]
        for occurrence in occurrences { byKey[occurrence.key] = occurrence }
        report.read = byKey.count

        try writer.batch { tx in
            var seenEvents = Set<String>()
            var existing = try tx.capturedKeys(sourceID: source.id)
            // In time order, so ids follow the calendar; sorted as (start, key)
            // pairs, since moving whole occurrences costs more than the sort.
            let order = byKey.map { (start: $0.value.start, key: $0.key) }.sorted { ($0.start, $0.key) < ($1.start, $1.key) }
            for (_, key) in order {
                try record(byKey[key]!, source: source, tx: tx, report: &report, lines: &lines, seenEvents: &seenEvents,
                           existing: &existing)
            }
            // Upcoming events the calendar no longer holds (deleted, or moved past the horizon).
            for key in try tx.capturedEventKeys(sourceID: source.id, startingFrom: now) where !seenEvents.contains(key) {
                report.removed += try tx.removeCaptured(key: key)
            }
            let recheck = nextRecheck(after: byKey.values)
            for file in files {
                guard let stat = stats[file] else { continue }
                try tx.saveCaptureFile(sourceID: source.id, name: file,
                                       CaptureFileState(size: stat.size, modifiedAt: stat.modifiedAt, recheckAt: recheck))
            }
            for gone in known.keys where !Set(files).contains(gone) {
                try tx.removeCaptureFile(sourceID: source.id, name: gone)
            }
            if !listsAdditions { try tx.markRead(sourceID: source.id, at: now) }
        }
    }

    private func record(_ occurrence: CalendarOccurrence, source: CaptureSource, tx: StoreTransaction,
                        report: inout CaptureReport.Source, lines: inout [String], seenEvents: inout Set<String>,
                        existing: inout Set<String>) throws {
        let meetingKey = "meeting:" + occurrence.key
        let eventKey = "event:" + occurrence.key
        let people = [occurrence.organizer].compactMap { $0 } + occurrence.attendees
        let declinedByMe = people.contains { me.owns($0.email) && $0.participation == .declined }
        var contacts: [Int64] = []
        for person in people where person.participation != .declined && !me.owns(person.email) {
            if let id = try contactsByEmail.contact(for: Me.normalized(person.email), in: tx), !contacts.contains(id) {
                contacts.append(id)
            }
        }
        if occurrence.cancelled || declinedByMe || contacts.isEmpty {
            for key in [meetingKey, eventKey] where existing.remove(key) != nil {
                report.removed += try tx.removeCaptured(key: key)
            }
            return
        }
        let summary = occurrence.summary.isEmpty ? "meeting" : occurrence.summary
        if occurrence.start <= now {
            let added = existing.contains(meetingKey)
                ? try tx.updateTouch(key: meetingKey, sourceID: source.id, at: occurrence.start, kind: .meeting,
                                     summary: summary, contactIDs: contacts)
                : try tx.touch(key: meetingKey, sourceID: source.id, at: occurrence.start, kind: .meeting,
                               summary: summary, contactIDs: contacts) > 0
            if added {
                report.touches += contacts.count
                if listsAdditions {
                    lines.append(MailCapture.line(date: occurrence.start, kind: "meeting", summary: summary,
                                                  names: try tx.names(of: contacts).values.sorted()))
                }
            }
        } else {
            seenEvents.insert(eventKey)
            if try tx.upsertCapturedEvent(key: eventKey, sourceID: source.id, name: summary, startAt: occurrence.start,
                                          contactIDs: contacts) {
                report.events += 1
                if listsAdditions {
                    lines.append(MailCapture.line(date: occurrence.start, kind: "event", summary: summary,
                                                  names: try tx.names(of: contacts).values.sorted()))
                }
            }
        }
    }

    /// The next instant the reading goes stale: the next upcoming start (it
    /// becomes a meeting) or the next midnight (the horizon moves), whichever comes first.
    private func nextRecheck(after occurrences: Dictionary<String, CalendarOccurrence>.Values) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let midnight = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now.addingTimeInterval(86_400)
        let nextStart = occurrences.lazy.map(\.start).filter { $0 > now }.min()
        return min(midnight, nextStart ?? midnight)
    }
}
