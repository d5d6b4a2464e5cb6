import Domain
/// Proleptic Gregorian dates as day numbers (days since 1970-01-01), by
/// arithmetic: the reader converts tens of thousands of instances, and a
/// `Calendar` or `DateFormatter` per instance would cost more than the parse.
///
/// The day-number conversions are Howard Hinnant's `days_from_civil` and
/// `civil_from_days`, exact for every year rapport accepts (1...9999).
enum CivilDate {
    static let minimumYear = 1, maximumYear = 9999

    /// Days since 1970-01-01 (`Day`'s ordinals count from 0000-03-01).
    static func days(year: Int, month: Int, day: Int) -> Int {
        Day.ordinal(year: year, month: month, day: day) - unixOffset
    }

    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let civil = Day(ordinal: days + unixOffset)
        return (civil.year, civil.month, civil.day)
    }

    private static let unixOffset = 719_468

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    static func weekday(days: Int) -> Int { floorMod(days + 3, 7) }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let firstDay = days(year: minimumYear, month: 1, day: 1)
    static let lastDay = days(year: maximumYear, month: 12, day: 31)

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }

    /// `yyyyMMdd` for a day number.
    static func basic(days: Int) -> String {
        var out = [UInt8]()
        appendBasic(days: days, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `yyyyMMdd'T'HHmmss'Z'` for seconds since 1970 in UTC.
    static func basicUTC(seconds: Int) -> String {
        let day = floorDiv(seconds, 86_400), second = seconds - day * 86_400
        var out = [UInt8]()
        appendBasic(days: day, to: &out)
        out.append(UInt8(ascii: "T"))
        append(second / 3600, width: 2, to: &out)
        append(second / 60 % 60, width: 2, to: &out)
        append(second % 60, width: 2, to: &out)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendBasic(days: Int, to out: inout [UInt8]) {
        let (year, month, day) = date(days: days)
        out.reserveCapacity(16)
        append(year, width: 4, to: &out)
        append(month, width: 2, to: &out)
        append(day, width: 2, to: &out)
    }

    private static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = max(0, value)
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
