import Foundation

/// Finds the day an instant falls on in one calendar's time zone, fast.
///
/// `Day(date, in: calendar)` asks `Calendar.dateComponents`, which costs
/// microseconds; scoring 1,000,000 interactions asks it millions of times.
/// For the Gregorian calendar a day is plain arithmetic once the zone's
/// offset from UTC is known, and that offset changes at most a few times a
/// year: this counter looks it up once per UTC day seen (noting a DST
/// transition inside that day) and then only divides.
///
/// Anything else (another calendar, an instant before 1970 or past 2200, a
/// UTC day whose offsets it cannot explain) goes to `Day(date, in:)`, so the
/// answer is always the one `Calendar` gives.
public final class DayCounter: @unchecked Sendable {
    public let calendar: Calendar
    private let fast: Bool
    private let timeZone: TimeZone
    /// Per UTC day number: the offset at its start, and when a transition
    /// inside it changes the offset, the instant and the offset after.
    private var offsets: [Int: (start: Int, transition: Double, after: Int)] = [:]
    private var slowDays: Set<Int> = []
    /// Guards `offsets` and `slowDays`: scoring and drawing share counters across threads.
    private let lock = NSLock()
    /// The zone's offset when it never changes after 1970 (UTC, and zones
    /// without daylight saving): days are then counted without the lock.
    private let fixedOffset: Int?

    private static let epochOrdinal = Day(year: 1970, month: 1, day: 1)!.ordinal
    private static let lastFast: Double = 7_258_118_400 // 2200-01-01

    public init(calendar: Calendar) {
        self.calendar = calendar
        self.timeZone = calendar.timeZone
        self.fast = calendar.identifier == .gregorian || calendar.identifier == .iso8601
        let epoch = Date(timeIntervalSince1970: 0)
        self.fixedOffset = timeZone.nextDaylightSavingTimeTransition(after: epoch) == nil
            && timeZone.secondsFromGMT(for: epoch) == timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Self.lastFast - 1))
            ? timeZone.secondsFromGMT(for: epoch) : nil
    }

    /// The day `date` falls on in the calendar's time zone; equal to `Day(date, in: calendar)`.
    public func day(_ date: Date) -> Day {
        let t = date.timeIntervalSince1970
        guard fast, t >= 0, t < Self.lastFast else { return Day(date, in: calendar) }
        let utcDay = Int(t / 86400)
        guard let offset = fixedOffset ?? offset(at: t, utcDay: utcDay) else { return Day(date, in: calendar) }
        let local = Int((t + Double(offset)).rounded(.down))
        let localDay = local >= 0 ? local / 86400 : (local - 86399) / 86400
        return Day(ordinal: Self.epochOrdinal + localDay)
    }

    private func offset(at t: Double, utcDay: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if let entry = offsets[utcDay] { return t < entry.transition ? entry.start : entry.after }
        if slowDays.contains(utcDay) { return nil }
        let dayStart = Date(timeIntervalSince1970: Double(utcDay) * 86400)
        let dayEnd = Date(timeIntervalSince1970: Double(utcDay + 1) * 86400 - 1)
        let start = timeZone.secondsFromGMT(for: dayStart)
        let end = timeZone.secondsFromGMT(for: dayEnd)
        var entry = (start: start, transition: Double.infinity, after: start)
        if start != end {
            // One transition inside this UTC day: find it and check it explains the change.
            guard let transition = timeZone.nextDaylightSavingTimeTransition(after: dayStart),
                  transition <= dayEnd,
                  timeZone.secondsFromGMT(for: transition) == end,
                  timeZone.secondsFromGMT(for: transition.addingTimeInterval(-1)) == start else {
                slowDays.insert(utcDay)
                return nil
            }
            entry = (start: start, transition: transition.timeIntervalSince1970, after: end)
        }
        offsets[utcDay] = entry
        return t < entry.transition ? entry.start : entry.after
    }
}
