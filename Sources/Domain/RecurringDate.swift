import Foundation

/// A date that comes back every year: a birthday or an anniversary, with or
/// without the year it started (vCard's `--12-31`).
public struct RecurringDate: Hashable, Sendable, CustomStringConvertible {
    public let month: Int
    public let day: Int
    public let year: Int?

    public init?(month: Int, day: Int, year: Int? = nil) {
        // Feb 29 is valid without a year; with one, that year must be leap.
        guard (1...12).contains(month), day >= 1,
              day <= Day.daysIn(month: month, year: year ?? 2000) else { return nil }
        self.month = month
        self.day = day
        self.year = year
    }

    /// Parses `YYYY-MM-DD`, `--MM-DD` or `--MMDD`.
    public init?(text: String) {
        if let full = Day(iso: text) {
            self.init(month: full.month, day: full.day, year: full.year)
            return
        }
        guard text.hasPrefix("--") else { return nil }
        let rest = text.dropFirst(2).replacingOccurrences(of: "-", with: "")
        guard rest.count == 4, rest.allSatisfy(\.isASCII), let m = Int(rest.prefix(2)), let d = Int(rest.suffix(2))
        else { return nil }
        self.init(month: m, day: d)
    }

    public var description: String {
        let md = (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
        if let year { return Day(year: year, month: month, day: day)?.iso ?? "--" + md }
        return "--" + md
    }

    /// The first occurrence on or after `day`. Feb 29 falls on Feb 28 in
    /// years without it, so a leap-day birthday is never skipped.
    public func nextOccurrence(onOrAfter day: Day) -> Day {
        for year in day.year...(day.year + 1) {
            let candidate = occurrence(in: year)
            if candidate >= day { return candidate }
        }
        return occurrence(in: day.year + 1)
    }

    public func occurrence(in year: Int) -> Day {
        let d = min(self.day, Day.daysIn(month: month, year: year))
        return Day(year: year, month: month, day: d)!
    }
}

extension RecurringDate: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = RecurringDate(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a date: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
