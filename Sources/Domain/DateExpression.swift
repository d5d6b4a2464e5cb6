import Foundation

/// Parses the dates people type: `2026-12-01`, `today`, `tomorrow`,
/// `yesterday`, `in 3 days`, `3d`, `2w`, `in 2 weeks`, `1m`, `3 days ago`,
/// `fri`, `next fri`, `last monday`.
///
/// Relative to an injected `today`, so the same words mean the same day in
/// the commands, the dashboard's forms and the tests.
public enum DateExpression {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let input: String
        public let reason: String
        public var description: String { reason }
    }

    /// Longer inputs are never dates; refusing them early keeps parsing cheap.
    static let maximumLength = 40

    public static func parse(_ input: String, today: Day) throws -> Day {
        let text = input.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { throw ParseError(input: input, reason: "a date is empty") }
        guard text.count <= maximumLength, text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) else {
            throw ParseError(input: input, reason: "not a date: \(SafeLine.show(input))")
        }
        if let day = Day(iso: text) { return day }
        if text.first?.isNumber == true, text.split(separator: "-").count == 3 {
            throw ParseError(input: input, reason: "\(text) is not a date (no such day)")
        }
        switch text {
        case "today", "now": return today
        case "tomorrow", "tmr": return today.adding(days: 1)
        case "yesterday": return today.adding(days: -1)
        default: break
        }
        var words = text.split(separator: " ").map(String.init)
        var sign = 1
        if words.first == "in" { words.removeFirst() }
        if words.last == "ago" { words.removeLast(); sign = -1 }
        if words.first == "next" || words.first == "last" || words.first == "this", words.count == 2,
           let weekday = weekdays[words[1]] {
            return relativeWeekday(weekday, today: today, direction: words[0])
        }
        if words.count == 1, let weekday = weekdays[words[0]] {
            return relativeWeekday(weekday, today: today, direction: "next")
        }
        if let days = offset(words) { return today.adding(days: sign * days) }
        throw ParseError(input: input, reason: "not a date: \(text) (try 2026-12-01, tomorrow, in 3 days, 2w, next fri)")
    }

    private static let weekdays: [String: Int] = [
        "mon": 1, "monday": 1, "tue": 2, "tues": 2, "tuesday": 2, "wed": 3, "wednesday": 3,
        "thu": 4, "thur": 4, "thurs": 4, "thursday": 4, "fri": 5, "friday": 5,
        "sat": 6, "saturday": 6, "sun": 7, "sunday": 7,
    ]

    private static let units: [String: Int] = [
        "d": 1, "day": 1, "days": 1, "w": 7, "wk": 7, "week": 7, "weeks": 7,
        "m": 30, "mo": 30, "month": 30, "months": 30, "y": 365, "year": 365, "years": 365,
    ]

    /// "3 days", "3d", "2w", "+3": a number of days.
    private static func offset(_ words: [String]) -> Int? {
        var number = "", unit = ""
        switch words.count {
        case 1:
            let word = words[0].hasPrefix("+") ? String(words[0].dropFirst()) : words[0]
            number = String(word.prefix { $0.isNumber })
            unit = String(word.dropFirst(number.count))
            if unit.isEmpty { unit = "d" }
        case 2:
            number = words[0]
            unit = words[1]
        default:
            return nil
        }
        guard !number.isEmpty, number.count <= 5, let n = Int(number), let size = units[unit] else { return nil }
        return n * size
    }

    /// "next fri" is the first Friday after today; "last fri" the last before;
    /// "this fri" is today when today is Friday.
    private static func relativeWeekday(_ weekday: Int, today: Day, direction: String) -> Day {
        let delta = weekday - today.isoWeekday
        switch direction {
        case "last": return today.adding(days: delta < 0 ? delta : delta - 7)
        case "this": return today.adding(days: delta >= 0 ? delta : delta + 7)
        default: return today.adding(days: delta > 0 ? delta : delta + 7)
        }
    }
}

/// Shows user input inside a one-line message without letting control
/// characters through: an error message is printed to a terminal too.
public enum SafeLine {
    public static func show(_ text: String, limit: Int = 60) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.count >= limit { out += "…"; break }
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return "\"" + out + "\""
    }
}
