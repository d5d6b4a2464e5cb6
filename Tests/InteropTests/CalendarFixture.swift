import Foundation
@testable import Interop

/// Reads the calendar fixtures (Fixtures/calendar/) and writes instants the
/// way a person checks them, through Foundation's calendar rather than the
/// reader's own arithmetic.
enum CalendarFixture {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Fixture.data("calendar/" + name))
    }

    static func read(_ name: String, from: String = "20260101T000000Z", to: String = "20261231T235959Z",
                     zone: TimeZone = berlin) throws -> CalendarReading {
        try CalendarReader.read(bytes(name), from: utc(from), to: utc(to), zone: zone)
    }

    static func read(text: String, from: String = "20260101T000000Z", to: String = "20261231T235959Z",
                     zone: TimeZone = berlin) throws -> CalendarReading {
        try CalendarReader.read(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8),
                                from: utc(from), to: utc(to), zone: zone)
    }

    /// `20260303T080000Z` as a Date.
    static func utc(_ text: String) -> Date {
        local(String(text.dropLast()), in: TimeZone(identifier: "UTC")!)
    }

    /// `20260303T090000` on the wall clock of `zone`.
    static func local(_ text: String, in zone: TimeZone) -> Date {
        let digits = Array(text.filter(\.isNumber)).map { Int(String($0))! }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: number(0..<4), month: number(4..<6), day: number(6..<8),
                                        hour: digits.count > 8 ? number(8..<10) : 0,
                                        minute: digits.count > 8 ? number(10..<12) : 0,
                                        second: digits.count > 8 ? number(12..<14) : 0)
        return calendar.date(from: components)!
    }

    /// A minimal calendar around some VEVENT lines.
    static func calendar(_ body: String) -> String {
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//rapport//tests//EN\n" + body + "\nEND:VCALENDAR\n"
    }
}
