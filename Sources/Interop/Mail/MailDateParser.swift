import Foundation

/// Dates as mail writes them: RFC 5322 (`Mon, 15 Jan 2024 10:23:45 +0100`)
/// and the obsolete and sloppy forms still in mailboxes: no weekday, 2- and
/// 3-digit years, no seconds, named zones (`EST`, `GMT`, military letters),
/// `(CET)` comments, full month names, asctime order (`Jan  1 10:00:00 2024`)
/// and ISO 8601 as a few scripts write.
///
/// The instant is computed arithmetically (days from the civil date), since
/// a DateFormatter per message would cost more than the rest of the header.
enum MailDateParser {
    enum Outcome: Equatable {
        case date(Date)
        /// Read, but names no real instant (Feb 30, hour 25, month 13).
        case impossible
        /// Not a date at all.
        case unreadable
    }

    private struct Parts {
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0
        var offset: Int?, namedOffset: Int?
        var afternoon: Bool?
    }

    static func parse(_ value: UnsafeBufferPointer<UInt8>) -> Outcome {
        var parts = Parts()
        var index = 0
        var depth = 0
        while index < value.count {
            let byte = value[index]
            if byte == UInt8(ascii: "(") { depth += 1 }
            if depth > 0 {
                if byte == UInt8(ascii: ")") { depth -= 1 }
                index += 1
                continue
            }
            if byte <= 0x20 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ")") {
                index += 1
                continue
            }
            var end = index
            while end < value.count, value[end] > 0x20, value[end] != UInt8(ascii: ","),
                  value[end] != UInt8(ascii: "(") { end += 1 }
            if !read(UnsafeBufferPointer(rebasing: value[index..<end]), into: &parts) { return .unreadable }
            index = end
        }
        return instant(parts)
    }

    /// Reads one token; false when it can be no part of a date.
    private static func read(_ token: UnsafeBufferPointer<UInt8>, into parts: inout Parts) -> Bool {
        guard let first = token.first else { return true }
        if isDigit(first) {
            // ISO 8601 (`2024-01-15T10:00:00Z`) before the time test, as it holds colons too.
            let isISO = token.count >= 10 && token[4] == UInt8(ascii: "-")
            if !isISO, token.contains(UInt8(ascii: ":")) { return readTime(token, into: &parts) }
            if token.contains(UInt8(ascii: "-")) || token.contains(UInt8(ascii: "/")) {
                return readNumericDate(token, into: &parts)
            }
            guard token.count <= 4, let number = Int(digits: token) else { return false }
            if token.count >= 3 {
                parts.year = token.count == 3 ? number + 1900 : number
            } else if parts.day == nil {
                parts.day = number
            } else if parts.year == nil {
                parts.year = number < 50 ? 2000 + number : 1900 + number
            }
            return true
        }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            if parts.offset == nil { parts.offset = numericZone(token[...]) }
            return true
        }
        // A word: weekday, month, AM/PM, zone name, or `GMT+0100`. Letters
        // go into a lowercase key of up to eight, enough to tell them apart.
        var key: UInt64 = 0
        var letters = 0
        for (position, byte) in token.enumerated() {
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") {
                if letters < 8 { key |= UInt64(lower) << (8 * UInt64(letters)) }
                letters += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                // GMT+0100, UTC-5
                if parts.offset == nil { parts.offset = numericZone(token[position...]) }
                return true
            } else if byte != UInt8(ascii: ".") {
                return true
            }
        }
        if let month = month(key, letters: letters) {
            parts.month = month
        } else if key == ascii("am") || key == ascii("pm") {
            parts.afternoon = key == ascii("pm")
        } else if parts.namedOffset == nil {
            parts.namedOffset = namedZone(key, letters: letters)
        }
        return true
    }

    /// `10:23`, `10:23:45`, `10:23:45.123`, with a zone glued on (`10:23:45+0100`, `10:23:45Z`).
    private static func readTime(_ token: UnsafeBufferPointer<UInt8>, into parts: inout Parts) -> Bool {
        var fields: [Int] = []
        var index = 0
        while index < token.count, fields.count < 3 {
            var end = index
            while end < token.count, isDigit(token[end]) { end += 1 }
            guard end > index, end - index <= 2, let number = Int(digits: token[index..<end]) else { return false }
            fields.append(number)
            index = end
            guard index < token.count, token[index] == UInt8(ascii: ":") else { break }
            index += 1
        }
        guard fields.count >= 2 else { return false }
        if index < token.count, token[index] == UInt8(ascii: ".") {
            index += 1
            while index < token.count, isDigit(token[index]) { index += 1 }
        }
        if index < token.count {
            let rest = token[index...]
            if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") {
                parts.offset = numericZone(rest)
            } else if rest.count == 1, rest.first! | 0x20 == UInt8(ascii: "z") {
                parts.offset = 0
            } else {
                return false
            }
        }
        parts.hour = fields[0]
        parts.minute = fields[1]
        parts.second = fields.count > 2 ? fields[2] : 0
        return true
    }

    /// `2024-01-15` (ISO, maybe with `T10:00:00Z`) or `15-Jan-2024`.
    private static func readNumericDate(_ token: UnsafeBufferPointer<UInt8>, into parts: inout Parts) -> Bool {
        var dateToken = token[...]
        if let t = token.firstIndex(where: { $0 | 0x20 == UInt8(ascii: "t") }), t > 0, isDigit(token[t - 1]) {
            dateToken = token[..<t]
            guard readTime(UnsafeBufferPointer(rebasing: token[(t + 1)...]), into: &parts) else { return false }
        }
        let pieces = dateToken.split(whereSeparator: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/") })
        guard pieces.count == 3 else { return false }
        if pieces[0].count == 4, let year = Int(digits: pieces[0]), let month = Int(digits: pieces[1]),
           let day = Int(digits: pieces[2]) {
            (parts.year, parts.month, parts.day) = (year, month, day)
            return true
        }
        for piece in pieces where !read(UnsafeBufferPointer(rebasing: piece), into: &parts) { return false }
        return true
    }

    private static func instant(_ parts: Parts) -> Outcome {
        guard let day = parts.day, let month = parts.month, let year = parts.year, year >= 1000, year <= 9999 else {
            return .unreadable
        }
        var hour = parts.hour
        if let afternoon = parts.afternoon, hour >= 1, hour <= 12 {
            hour = afternoon ? (hour % 12) + 12 : hour % 12
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              (0...23).contains(hour), (0...59).contains(parts.minute), (0...60).contains(parts.second) else {
            return .impossible
        }
        // A leap second (:60) is the last second of its minute for our purposes.
        let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + parts.minute * 60
            + min(parts.second, 59) - (parts.offset ?? parts.namedOffset ?? 0)
        return .date(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `+0100`, `-0800`, `+01:00`, `+1`: seconds east of UTC; nil when out of range.
    private static func numericZone(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard let sign = token.first else { return nil }
        var number = 0, digits = 0
        for byte in token.dropFirst() where byte != UInt8(ascii: ":") {
            guard isDigit(byte), digits < 4 else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        guard digits > 0 else { return nil }
        let (hours, minutes) = digits <= 2 ? (number, 0) : (number / 100, number % 100)
        guard hours <= 23, minutes <= 59 else { return nil }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    /// Up to eight lowercase ASCII letters as a key, the first in the low byte.
    private static func ascii(_ word: StaticString) -> UInt64 {
        var key: UInt64 = 0
        for (position, byte) in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount).enumerated() {
            key |= UInt64(byte) << (8 * UInt64(position))
        }
        return key
    }

    private static let monthKeys: [UInt64] = ([
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ] as [StaticString]).map(ascii)
    private static let monthLengths = [7, 8, 5, 5, 3, 4, 4, 6, 9, 7, 8, 8]

    /// `Jan`, `January`, `Sept`: 1–12. A word matches a month when it is
    /// that month's name or a prefix of it of three letters or more.
    private static func month(_ key: UInt64, letters: Int) -> Int? {
        guard letters >= 3, letters <= 9 else { return nil }
        let mask: UInt64 = letters >= 8 ? .max : (1 << (8 * UInt64(letters))) - 1
        for index in 0..<12 where letters <= monthLengths[index] && monthKeys[index] & mask == key {
            return index + 1
        }
        return nil
    }

    private static let zoneHours: [UInt64: Int] = {
        let zones: [(StaticString, Int)] = [
            ("ut", 0), ("gmt", 0), ("utc", 0), ("wet", 0), ("est", -5), ("edt", -4), ("cst", -6), ("cdt", -5),
            ("mst", -7), ("mdt", -6), ("pst", -8), ("pdt", -7), ("west", 1), ("bst", 1), ("cet", 1), ("met", 1),
            ("cest", 2), ("mest", 2), ("eet", 2), ("eest", 3), ("msk", 3), ("jst", 9),
        ]
        return Dictionary(uniqueKeysWithValues: zones.map { (ascii($0.0), $0.1) })
    }()

    /// A zone by name, in seconds east of UTC; military letters count as
    /// UTC, as RFC 5322 says to read them; nil for names not known.
    private static func namedZone(_ key: UInt64, letters: Int) -> Int? {
        if letters == 1 { return 0 }
        return zoneHours[key].map { $0 * 3600 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

extension Int {
    /// A small decimal number from ASCII digits; nil when any byte is no digit.
    init?(digits: some Collection<UInt8>) {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        self.init(value)
    }
}
