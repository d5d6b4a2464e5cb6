import Foundation

/// A reading window in UTC seconds, both ends included.
struct Window {
    var from: Int
    var to: Int

    func contains(_ seconds: Int) -> Bool { seconds >= from && seconds <= to }
}

/// From events as read to occurrences: zones resolved, rules expanded,
/// EXDATEs removed, overrides put in the place of the instances they replace.
///
/// An instance and its override meet on a key: the instance's original start
/// in UTC seconds, or its day number for an all-day event. The same key,
/// formatted, is the occurrence's `recurrenceID`, so an override that moves
/// an instance keeps the key of the instance it replaces.
extension CalendarReader {
    enum InstanceKey: Hashable {
        case instant(Int)
        case day(Int)

        var text: String {
            switch self {
            case .instant(let seconds): return CivilDate.basicUTC(seconds: seconds)
            case .day(let day): return CivilDate.basic(days: day)
            }
        }
    }

    static func occurrences(of events: [EventDraft], in window: Window, resolver: ZoneResolver,
                            into reading: inout CalendarReading) {
        // Indices, not copies: a draft holds arrays that would be retained and released per copy.
        var overrideIndices: [String: [Int]] = [:]
        var masterIndices: [String: Int] = [:]
        var order: [String] = []
        for (index, event) in events.enumerated() {
            let uid = event.uid!
            if event.recurrenceID != nil {
                if overrideIndices[uid] == nil, masterIndices[uid] == nil { order.append(uid) }
                overrideIndices[uid, default: []].append(index)
            } else if masterIndices[uid] != nil {
                reading.skipped.append(ImportIssue(line: event.line, reason: "VEVENT skipped: UID \(uid.prefix(60)) appears twice"))
            } else {
                if overrideIndices[uid] == nil { order.append(uid) }
                masterIndices[uid] = index
            }
        }
        for uid in order {
            var found: [CalendarOccurrence] = []
            let replaced = (overrideIndices[uid] ?? []).map { events[$0] }
            let master = masterIndices[uid].map { events[$0] }
            // Two overrides of one instance (an update appended to a file): the later one wins.
            var latest: [InstanceKey: Int] = [:]
            for (position, override) in replaced.enumerated() {
                latest[key(of: override.recurrenceID!, resolver: resolver)] = position
            }
            if let master {
                instances(of: master, in: window, replaced: Set(latest.keys), resolver: resolver, into: &found,
                          issues: &reading.skipped)
            }
            for (key, position) in latest.sorted(by: { $0.value < $1.value }) {
                guard var occurrence = occurrence(of: replaced[position], key: key, master: master, resolver: resolver),
                      window.contains(Int(occurrence.start.timeIntervalSince1970)) else { continue }
                if master?.cancelled == true { occurrence.cancelled = true }
                found.append(occurrence)
            }
            if replaced.isEmpty { reading.occurrences += found } else { reading.occurrences += found.sorted { $0.start < $1.start } }
        }
    }

    private static func eventZone(of time: CalendarTime, resolver: ZoneResolver) -> EventZone {
        resolver.zone(of: time) ?? .foundation(resolver.floating)
    }

    private static func utc(_ time: CalendarTime, resolver: ZoneResolver) -> Int {
        eventZone(of: time, resolver: resolver).utc(fromLocal: time.local)
    }

    private static func key(of time: CalendarTime, resolver: ZoneResolver) -> InstanceKey {
        time.isDate ? .day(time.day) : .instant(utc(time, resolver: resolver))
    }

    /// How long each instance lasts: nominal days (wall clock) and exact seconds.
    private static func instanceSpan(of event: EventDraft, start: CalendarTime, resolver: ZoneResolver) -> (days: Int, seconds: Int)? {
        if let end = event.end {
            if start.isDate { return (max(0, end.day - start.day), 0) }
            return (0, max(0, utc(end, resolver: resolver) - utc(start, resolver: resolver)))
        }
        if let duration = event.duration { return (max(0, duration.days), max(0, duration.seconds)) }
        return start.isDate ? (1, 0) : nil
    }

    private static func endDate(local: Int, span: (days: Int, seconds: Int)?, zone: EventZone) -> Date? {
        guard let span else { return nil }
        let seconds = zone.utc(fromLocal: local + span.days * 86_400) + span.seconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The master's instances in the window, less EXDATEs and the instances overrides replace.
    private static func instances(of master: EventDraft, in window: Window, replaced: Set<InstanceKey>,
                                  resolver: ZoneResolver, into found: inout [CalendarOccurrence],
                                  issues: inout [ImportIssue]) {
        let start = master.start!
        if let id = start.zoneID, !start.isUTC, !start.isDate, resolver.zone(of: start) == nil {
            issues.append(ImportIssue(line: master.line, reason: "TZID \"\(CalendarText.clean(String(id.prefix(60))))\" is unknown: its times are read in the local zone"))
        }
        let zone = eventZone(of: start, resolver: resolver)
        let span = instanceSpan(of: master, start: start, resolver: resolver)
        var rule: RecurrenceRule?
        if let text = master.rule {
            switch RecurrenceRule.parse(text) {
            case .success(let parsed): rule = parsed
            case .failure(let problem):
                let what: String
                switch problem {
                case .unsupported(let part): what = "\(part) is not supported"
                case .malformed(let part): what = "\(CalendarText.clean(part)) is not valid"
                }
                issues.append(ImportIssue(line: master.line, reason: "RRULE: \(what); only the first occurrence is read"))
            }
        }
        func emit(local: Int, seconds: Int, key: InstanceKey?) {
            guard window.contains(seconds) else { return }
            // A timed span without whole days needs no second zone look-up.
            let end = span.map { $0.days == 0 ? Date(timeIntervalSince1970: TimeInterval(seconds + $0.seconds))
                                              : endDate(local: local, span: $0, zone: zone)! }
            found.append(CalendarOccurrence(
                uid: master.uid!, recurrenceID: key?.text, start: Date(timeIntervalSince1970: TimeInterval(seconds)),
                end: end, allDay: start.isDate, summary: master.summary,
                organizer: master.organizer, attendees: master.attendees, cancelled: master.cancelled))
        }
        guard rule != nil || !master.extraDates.isEmpty else {
            emit(local: start.local, seconds: zone.utc(fromLocal: start.local), key: nil)
            return
        }
        // Instances are looked for a day beyond each end of the window, wide enough for any zone's offset.
        var locals: [Int]
        if let rule {
            let expander = RecurrenceExpander(rule: rule, start: start, toUTC: zone.utc(fromLocal:))
            let expansion = expander.expand(lower: window.from - 86_400, upper: window.to + 86_400)
            if expansion.truncated {
                issues.append(ImportIssue(line: master.line, reason: "RRULE makes too many occurrences; only the first ones are read"))
            }
            locals = expansion.locals
        } else {
            locals = [start.local]
        }
        if !master.extraDates.isEmpty {
            for date in master.extraDates.prefix(RecurrenceExpander.instanceLimit) {
                // An RDATE in another zone lands on this zone's wall clock at the same instant.
                let local = date.isDate ? date.day * 86_400 + start.secondOfDay
                    : utc(date, resolver: resolver) + zone.offset(atUTC: utc(date, resolver: resolver))
                locals.append(local)
            }
            locals = Set(locals).sorted()
        }
        var excludedInstants = Set<Int>(), excludedDays = Set<Int>()
        for exception in master.exceptions {
            // An all-day series is excluded by day, whatever form its EXDATE takes.
            if exception.isDate || start.isDate {
                excludedDays.insert(exception.day)
            } else {
                excludedInstants.insert(utc(exception, resolver: resolver))
            }
        }
        for local in locals {
            let seconds = zone.utc(fromLocal: local)
            guard window.contains(seconds) else { continue }
            let key: InstanceKey = start.isDate ? .day(CivilDate.floorDiv(local, 86_400)) : .instant(seconds)
            if replaced.contains(key) || excludedInstants.contains(seconds) { continue }
            if excludedDays.contains(CivilDate.floorDiv(local, 86_400)) { continue }
            emit(local: local, seconds: seconds, key: key)
        }
    }

    /// An override as the occurrence it makes; what it leaves out comes from its master.
    private static func occurrence(of override: EventDraft, key: InstanceKey, master: EventDraft?,
                                   resolver: ZoneResolver) -> CalendarOccurrence? {
        let start = override.start!
        let zone = eventZone(of: start, resolver: resolver)
        let masterSpan = master.flatMap { instanceSpan(of: $0, start: $0.start!, resolver: resolver) }
        let span = override.end != nil || override.duration != nil ? instanceSpan(of: override, start: start, resolver: resolver) : masterSpan
        return CalendarOccurrence(
            uid: override.uid!, recurrenceID: key.text,
            start: Date(timeIntervalSince1970: TimeInterval(zone.utc(fromLocal: start.local))),
            end: endDate(local: start.local, span: span ?? (start.isDate ? (1, 0) : nil), zone: zone), allDay: start.isDate,
            summary: override.summary.isEmpty ? master?.summary ?? "" : override.summary,
            organizer: override.organizer ?? master?.organizer,
            attendees: override.attendees.isEmpty ? master?.attendees ?? [] : override.attendees,
            cancelled: override.cancelled)
    }
}
