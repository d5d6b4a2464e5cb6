import Foundation
import Testing
@testable import Interop

@Suite struct TimeZoneTests {
    typealias F = CalendarFixture

    @Test func everyWindowsNameMapsToAZoneThisMachineKnows() {
        #expect(WindowsZones.iana.count >= 140)
        for (windows, iana) in WindowsZones.iana {
            #expect(TimeZone(identifier: iana) != nil, "\(windows) → \(iana)")
        }
        #expect(WindowsZones.iana["Romance Standard Time"] == "Europe/Paris")
        #expect(WindowsZones.iana["India Standard Time"] == "Asia/Kolkata")
        #expect(WindowsZones.iana["AUS Eastern Standard Time"] == "Australia/Sydney")
    }

    func start(tzid: String, _ local: String, zone: TimeZone = F.berlin) throws -> (Date?, [ImportIssue]) {
        let reading = try F.read(text: F.calendar("BEGIN:VEVENT\nUID:z@example\nDTSTART;TZID=\(tzid):\(local)\nEND:VEVENT"), zone: zone)
        return (reading.occurrences.first?.start, reading.skipped)
    }

    @Test func windowsNamesQuotedOrNot() throws {
        #expect(try start(tzid: "GMT Standard Time", "20260701T090000").0 == F.utc("20260701T080000Z"))
        #expect(try start(tzid: "\"Tokyo Standard Time\"", "20260701T090000").0 == F.utc("20260701T000000Z"))
        #expect(try start(tzid: "India Standard Time", "20260701T090000").0 == F.utc("20260701T033000Z"))
        #expect(try start(tzid: "AUS Eastern Standard Time", "20260105T090000").0 == F.utc("20260104T220000Z"))
        #expect(try start(tzid: "Romance Standard Time", "20260101T090000").0 == F.utc("20260101T080000Z"))
    }

    @Test func unknownTZIDReadsAsTheLocalZoneAndSaysSo() throws {
        let (found, issues) = try start(tzid: "Mars/Olympus_Mons", "20260701T090000", zone: F.tokyo)
        #expect(found == F.utc("20260701T000000Z"))
        #expect(issues.map(\.reason) == ["TZID \"Mars/Olympus_Mons\" is unknown: its times are read in the local zone"])
    }

    @Test func exchangeDisplayNameTZIDMatchesItsEscapedVTIMEZONE() throws {
        // Exchange names zones by their display name; the parameter is quoted, the TZID property escaped.
        let reading = try F.read(text: F.calendar("""
            BEGIN:VTIMEZONE
            TZID:(UTC+01:00) Amsterdam\\, Berlin\\, Bern\\, Rome\\, Stockholm\\, Vienna
            BEGIN:STANDARD
            DTSTART:16010101T030000
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
            END:STANDARD
            BEGIN:DAYLIGHT
            DTSTART:16010101T020000
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
            END:DAYLIGHT
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:x@example
            DTSTART;TZID="(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna":20260701T090000
            END:VEVENT
            """), zone: F.tokyo)
        #expect(reading.skipped.isEmpty)
        #expect(reading.occurrences.first?.start == F.utc("20260701T070000Z"))
    }

    @Test func gapAndOverlapAreReadAsRFC5545Says() {
        let zone = EventZone.foundation(F.berlin)
        // 02:30 on 29 March 2026 does not exist in Berlin: read with +01:00, it is 03:30 CEST.
        let gap = CivilDate.days(year: 2026, month: 3, day: 29) * 86_400 + 2 * 3600 + 1800
        #expect(zone.utc(fromLocal: gap) == Int(F.utc("20260329T013000Z").timeIntervalSince1970))
        // 02:30 on 25 October 2026 happens twice: the first, in CEST.
        let overlap = CivilDate.days(year: 2026, month: 10, day: 25) * 86_400 + 2 * 3600 + 1800
        #expect(zone.utc(fromLocal: overlap) == Int(F.utc("20261025T003000Z").timeIntervalSince1970))
    }

    @Test func vtimezoneRulesAgreeWithTheIANADatabaseForBerlin() throws {
        let text = String(decoding: try CalendarFixture.bytes("google.ics"), as: UTF8.self)
        let renamed = text.replacingOccurrences(of: "Europe/Berlin", with: "Custom Berlin")
        let parsed = try CalendarReader.parse(Array(renamed.utf8))
        let rules = try #require(parsed.zones["Custom Berlin"])
        let zone = EventZone.rules(rules)
        var seconds = Int(F.utc("20240101T003000Z").timeIntervalSince1970)
        let end = Int(F.utc("20280101T000000Z").timeIntervalSince1970)
        while seconds < end {
            let expected = F.berlin.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(zone.offset(atUTC: seconds) == expected, "at \(CivilDate.basicUTC(seconds: seconds))")
            seconds += 7 * 3600 + 11 * 60 // a stride that lands near every transition hour over the years
        }
        // And its times read the same way as the named zone's.
        let custom = try F.read(text: renamed).occurrences.map(\.start)
        #expect(custom == (try F.read("google.ics").occurrences.map(\.start)))
    }

    @Test func civilDatesAgreeWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Foundation's gregorian calendar is Julian before October 1582: compare from 1583.
        for days in stride(from: CivilDate.days(year: 1583, month: 1, day: 1), through: CivilDate.lastDay, by: 997) {
            let date = Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let civil = CivilDate.date(days: days)
            #expect(civil.year == parts.year && civil.month == parts.month && civil.day == parts.day)
            #expect(CivilDate.days(year: civil.year, month: civil.month, day: civil.day) == days)
            #expect((CivilDate.weekday(days: days) + 1) % 7 + 1 == parts.weekday) // Foundation: 1 = Sunday
        }
    }
}
