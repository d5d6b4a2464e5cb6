import Foundation
import Testing
@testable import Domain

/// The fast paths added for speed must give exactly the answers of the
/// Foundation calls they stand in for.
struct FastPathTests {
    @Test("DayCounter agrees with Calendar around DST transitions and midnights",
          arguments: ["UTC", "Europe/Lisbon", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu",
                      "Pacific/Apia", "America/St_Johns", "Asia/Tokyo", "Asia/Kolkata"])
    func dayCounterAgreesWithCalendar(zone: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let counter = DayCounter(calendar: calendar)
        // Every 17 minutes over four years, crossing every transition of those years.
        var t = 1_700_000_000.0
        while t < 1_826_000_000 {
            let date = Date(timeIntervalSince1970: t)
            #expect(counter.day(date) == Day(date, in: calendar), "\(zone) \(date)")
            t += 17 * 60 + 0.25
        }
    }

    @Test func dayCounterFallsBackOutsideItsRange() {
        let calendar = Calendar(identifier: .gregorian)
        let counter = DayCounter(calendar: calendar)
        for date in [Date(timeIntervalSince1970: -5_000_000_000), Date(timeIntervalSince1970: 8_000_000_000)] {
            #expect(counter.day(date) == Day(date, in: calendar))
        }
    }

    @Test func foldingASCIIMatchesFoundation() {
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive, .widthInsensitive]
        for byte in UInt8(0)..<0x80 {
            let text = "a" + String(UnicodeScalar(byte)) + "Z"
            #expect(text.folded == text.folding(options: options, locale: nil), "byte \(byte)")
        }
        for text in ["José Álvarez", "ＡＢＣ", "王芳", "Zoë 🎉 Park", "STRASSE", "İstanbul"] {
            #expect(text.folded == text.folding(options: options, locale: nil))
        }
    }
}

struct NameOrderTests {
    @Test func asciiNamesSortAsFoundationDoes() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("aAbBzZ yY-1é")
        for _ in 0..<50_000 {
            let a = String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let b = String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            #expect(NameOrder.ascending(a, b) == (a.localizedStandardCompare(b) == .orderedAscending),
                    "\(a.debugDescription) \(b.debugDescription)")
        }
    }
}
