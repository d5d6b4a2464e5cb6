/// An RRULE as far as rapport expands it: DAILY, WEEKLY, MONTHLY and YEARLY
/// with INTERVAL, COUNT, UNTIL, BYDAY (with ordinals), BYMONTHDAY, BYMONTH,
/// BYSETPOS and WKST.
///
/// Anything else (an hourly rule, BYHOUR, BYWEEKNO…) makes `parse` say what
/// it could not honour; the reader then keeps the event's first occurrence
/// alone rather than guess at instances.
struct RecurrenceRule: Hashable {
    enum Frequency: Hashable { case daily, weekly, monthly, yearly }

    struct WeekdayNumber: Hashable {
        /// 0 for every such weekday in the period; 1 for the first, -1 for the last…
        var ordinal: Int
        /// 0 = Monday … 6 = Sunday.
        var weekday: Int
    }

    var frequency: Frequency
    var interval = 1
    var count: Int?
    var until: CalendarTime?
    var byDay: [WeekdayNumber] = []
    var byMonthDay: [Int] = []
    var byMonth: [Int] = []
    var bySetPosition: [Int] = []
    var weekStart = 0

    enum Problem: Error, Equatable { case unsupported(String), malformed(String) }

    static func parse(_ text: String) -> Result<RecurrenceRule, Problem> {
        var frequency: Frequency?
        var rule = RecurrenceRule(frequency: .daily)
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return .failure(.malformed("RRULE part \(part.prefix(20))")) }
            let key = pieces[0].uppercased(), value = pieces[1].uppercased()
            switch key {
            case "FREQ":
                switch value {
                case "DAILY": frequency = .daily
                case "WEEKLY": frequency = .weekly
                case "MONTHLY": frequency = .monthly
                case "YEARLY": frequency = .yearly
                case "HOURLY", "MINUTELY", "SECONDLY": return .failure(.unsupported("FREQ=\(value)"))
                default: return .failure(.malformed("FREQ=\(value.prefix(20))"))
                }
            case "INTERVAL":
                guard let n = Int(value), n > 0 else { return .failure(.malformed("INTERVAL=\(value.prefix(20))")) }
                rule.interval = min(n, 1_000_000)
            case "COUNT":
                guard let n = Int(value), n > 0 else { return .failure(.malformed("COUNT=\(value.prefix(20))")) }
                rule.count = n
            case "UNTIL":
                guard let until = CalendarTime.parse(ArraySlice(value.utf8), zoneID: nil) else {
                    return .failure(.malformed("UNTIL=\(value.prefix(20))"))
                }
                rule.until = until
            case "BYDAY":
                for item in value.split(separator: ",") {
                    guard let day = weekdayNumber(item) else { return .failure(.malformed("BYDAY=\(value.prefix(20))")) }
                    rule.byDay.append(day)
                }
            case "BYMONTHDAY":
                guard let days = numbers(value, within: 1...31) else { return .failure(.malformed("BYMONTHDAY=\(value.prefix(20))")) }
                rule.byMonthDay = days
            case "BYMONTH":
                guard let months = numbers(value, within: 1...12), months.allSatisfy({ $0 > 0 }) else {
                    return .failure(.malformed("BYMONTH=\(value.prefix(20))"))
                }
                rule.byMonth = months
            case "BYSETPOS":
                guard let positions = numbers(value, within: 1...366) else { return .failure(.malformed("BYSETPOS=\(value.prefix(20))")) }
                rule.bySetPosition = positions
            case "WKST":
                guard let day = weekdays[value] else { return .failure(.malformed("WKST=\(value.prefix(20))")) }
                rule.weekStart = day
            case "BYHOUR", "BYMINUTE", "BYSECOND", "BYWEEKNO", "BYYEARDAY":
                return .failure(.unsupported(key))
            default:
                // X- parts and RSCALE extensions we do not know change nothing we can honour.
                if key.hasPrefix("X-") { continue }
                return .failure(.unsupported(String(key.prefix(20))))
            }
        }
        guard let frequency else { return .failure(.malformed("RRULE without FREQ")) }
        rule.frequency = frequency
        // COUNT with UNTIL breaks RFC 5545, but both are honoured: whichever ends the rule first wins.
        if !rule.bySetPosition.isEmpty, rule.byDay.isEmpty, rule.byMonthDay.isEmpty, rule.byMonth.isEmpty {
            return .failure(.malformed("BYSETPOS without another BY part"))
        }
        return .success(rule)
    }

    static let weekdays = ["MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6]

    private static func weekdayNumber(_ item: Substring) -> WeekdayNumber? {
        guard item.count >= 2, let weekday = weekdays[String(item.suffix(2))] else { return nil }
        let prefix = item.dropLast(2)
        if prefix.isEmpty { return WeekdayNumber(ordinal: 0, weekday: weekday) }
        guard let ordinal = Int(prefix), ordinal != 0, abs(ordinal) <= 53 else { return nil }
        return WeekdayNumber(ordinal: ordinal, weekday: weekday)
    }

    /// Comma-separated integers, each within ±range and not 0.
    private static func numbers(_ value: String, within range: ClosedRange<Int>) -> [Int]? {
        var out: [Int] = []
        for item in value.split(separator: ",") {
            guard let n = Int(item), n != 0, range.contains(abs(n)) else { return nil }
            out.append(n)
        }
        return out.isEmpty ? nil : out
    }
}
