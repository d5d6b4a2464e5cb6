/// A DATE or DATE-TIME value as written, before any zone is applied:
/// `20261203`, `20261203T090000`, `20261203T090000Z`, with its TZID.
///
/// `local` counts seconds since 1970-01-01T00:00 on the wall clock, as if
/// the wall clock were UTC, so that recurrence arithmetic happens in the
/// event's own zone (9:00 in Berlin stays 9:00 across a DST change) and a
/// zone is applied only to the instances that are kept.
struct CalendarTime: Hashable {
    var local: Int
    var isDate: Bool
    var isUTC: Bool
    var zoneID: String?

    var day: Int { CivilDate.floorDiv(local, 86_400) }
    var secondOfDay: Int { local - day * 86_400 }

    /// Parses one value; nil for anything that is not a real date (month 13,
    /// 30 February, year 0000) or time. `VALUE=DATE` is implied by the length.
    static func parse(_ bytes: ArraySlice<UInt8>, zoneID: String?) -> CalendarTime? {
        var bytes = bytes
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        let start = bytes.startIndex
        guard bytes.count == 8 || bytes.count == 15 || bytes.count == 16,
              let year = number(bytes, start, 4), let month = number(bytes, start + 4, 2),
              let day = number(bytes, start + 6, 2),
              year >= CivilDate.minimumYear, year <= CivilDate.maximumYear, (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        if bytes.count == 8 { return CalendarTime(local: days * 86_400, isDate: true, isUTC: false, zoneID: nil) }
        guard bytes[start + 8] | 0x20 == UInt8(ascii: "t"),
              let hour = number(bytes, start + 9, 2), let minute = number(bytes, start + 11, 2),
              let second = number(bytes, start + 13, 2), hour < 24, minute < 60, second <= 60 else { return nil }
        let utc = bytes.count == 16
        if utc, bytes[start + 15] | 0x20 != UInt8(ascii: "z") { return nil }
        return CalendarTime(local: days * 86_400 + hour * 3600 + minute * 60 + min(second, 59),
                            isDate: false, isUTC: utc, zoneID: utc ? nil : zoneID)
    }

    /// A comma-separated list (EXDATE, RDATE); a PERIOD keeps its start; unreadable items are dropped.
    static func parseList(_ bytes: ArraySlice<UInt8>, zoneID: String?) -> [CalendarTime] {
        var out: [CalendarTime] = []
        for item in bytes.split(separator: UInt8(ascii: ",")) {
            let start = item.split(separator: UInt8(ascii: "/"), maxSplits: 1, omittingEmptySubsequences: false)[0]
            if let time = parse(start, zoneID: zoneID) { out.append(time) }
        }
        return out
    }

    private static func number(_ bytes: ArraySlice<UInt8>, _ at: Int, _ width: Int) -> Int? {
        var value = 0
        for index in at..<(at + width) {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}

/// A DURATION (`P1D`, `PT1H30M`, `-PT15M`, `P1W`): nominal days and exact seconds.
struct CalendarDuration: Hashable {
    var days: Int
    var seconds: Int

    static func parse(_ bytes: ArraySlice<UInt8>) -> CalendarDuration? {
        var index = bytes.startIndex
        var sign = 1
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            if bytes[index] == UInt8(ascii: "-") { sign = -1 }
            index += 1
        }
        guard index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "p") else { return nil }
        index += 1
        var days = 0, seconds = 0, number = 0, digits = 0, sawUnit = false
        while index < bytes.endIndex {
            let byte = bytes[index] | 0x20
            index += 1
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                guard digits < 9 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "t"): guard digits == 0 else { return nil }; continue
            case UInt8(ascii: "w"): days += number * 7
            case UInt8(ascii: "d"): days += number
            case UInt8(ascii: "h"): seconds += number * 3600
            case UInt8(ascii: "m"): seconds += number * 60
            case UInt8(ascii: "s"): seconds += number
            default: return nil
            }
            guard digits > 0 else { return nil }
            number = 0
            digits = 0
            sawUnit = true
        }
        guard sawUnit, digits == 0 else { return nil }
        return CalendarDuration(days: sign * days, seconds: sign * seconds)
    }
}
