import Foundation

/// The zone an event's times are written in, turning wall-clock seconds
/// (`CalendarTime.local`) into UTC.
///
/// `TimeZone.secondsFromGMT(for:)` costs tens of nanoseconds here, so it is
/// asked per instance; a file's own VTIMEZONE rules are evaluated by
/// `ZoneRules`. Zones are resolved once per TZID per file (`ZoneResolver`).
enum EventZone {
    case utc
    case foundation(TimeZone)
    case rules(ZoneRules)

    /// Seconds east of UTC at a UTC instant.
    func offset(atUTC seconds: Int) -> Int {
        switch self {
        case .utc: return 0
        case .foundation(let zone): return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        case .rules(let rules): return rules.offset(atUTC: seconds)
        }
    }

    /// UTC seconds for a wall-clock time. A time that a DST change skips
    /// (02:30 on the spring-forward night) is read with the offset before the
    /// change, so it lands an hour later; a time that happens twice is the
    /// first of the two, as RFC 5545 §3.3.5 asks.
    func utc(fromLocal local: Int) -> Int {
        if case .utc = self { return local }
        let before = offset(atUTC: local - 86_400), after = offset(atUTC: local + 86_400)
        if before == after, offset(atUTC: local - before) == before { return local - before }
        let small = min(before, after), large = max(before, after)
        let earlier = local - large, later = local - small
        let earlierFits = offset(atUTC: earlier) == large
        let laterFits = offset(atUTC: later) == small
        switch (earlierFits, laterFits) {
        case (true, _): return earlier
        case (false, true): return later
        default: return local - before // in a gap: read with the offset before the change
        }
    }
}

/// Resolves TZIDs as calendars write them, memoised for one file.
///
/// Order: an IANA name (also behind a `/mozilla.org/20050126_1/` style
/// prefix), then a Windows name as Outlook and Exchange write it, then the
/// file's own VTIMEZONE. The IANA database comes first because a VTIMEZONE
/// usually carries only the current rules, wrong for older instances.
final class ZoneResolver {
    let floating: TimeZone
    private let definitions: [String: ZoneRules]
    private var resolved: [String: EventZone?] = [:]

    init(floating: TimeZone, definitions: [String: ZoneRules]) {
        self.floating = floating
        self.definitions = definitions
    }

    /// The zone of a time; nil when its TZID names nothing known (the caller reports it).
    func zone(of time: CalendarTime) -> EventZone? {
        if time.isUTC { return .utc }
        guard let id = time.zoneID, !time.isDate else { return .foundation(floating) }
        if let known = resolved[id] { return known }
        let zone = Self.lookUp(id, definitions: definitions)
        resolved[id] = zone
        return zone
    }

    static func lookUp(_ id: String, definitions: [String: ZoneRules]) -> EventZone? {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        if let zone = ianaZone(trimmed) { return .foundation(zone) }
        if let iana = WindowsZones.iana[trimmed] ?? WindowsZones.iana[trimmed.replacingOccurrences(of: "  ", with: " ")],
           let zone = TimeZone(identifier: iana) {
            return .foundation(zone)
        }
        if let rules = definitions[id] ?? definitions[trimmed] { return .rules(rules) }
        return nil
    }

    /// `Europe/Berlin`, or the IANA name at the end of a prefixed TZID.
    private static func ianaZone(_ id: String) -> TimeZone? {
        guard !id.isEmpty, id.utf8.count < 200 else { return nil }
        if let zone = TimeZone(identifier: id) { return zone }
        var rest = Substring(id)
        for _ in 0..<6 {
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            rest = rest[rest.index(after: slash)...]
            if rest.contains("/"), let zone = TimeZone(identifier: String(rest)) { return zone }
        }
        return nil
    }
}
