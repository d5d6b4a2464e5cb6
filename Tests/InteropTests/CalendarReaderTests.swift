import Foundation
import Testing
@testable import Interop

/// Calendars as Google Calendar, Outlook/Exchange, Apple Calendar, khal and
/// Thunderbird write them, read into occurrences.
@Suite struct CalendarReaderTests {
    typealias F = CalendarFixture

    @Test func googleWeeklySeriesKeepsNineInBerlinAcrossDST() throws {
        let reading = try F.read("google.ics")
        let sync = reading.occurrences.filter { $0.uid == "5q8bh0v3kfsd1c2j7u1o4mlh2c@google.com" }
        // 17 March is an EXDATE; UNTIL (06:59:59Z on 28 April) stops before the 28th's 07:00Z.
        #expect(sync.map(\.start) == [
            F.utc("20260303T080000Z"), F.utc("20260310T080000Z"), F.utc("20260324T080000Z"),
            F.utc("20260331T070000Z"), F.utc("20260407T070000Z"), F.utc("20260415T080000Z"),
            F.utc("20260421T070000Z"),
        ])
        #expect(sync.map(\.recurrenceID) == [
            "20260303T080000Z", "20260310T080000Z", "20260324T080000Z", "20260331T070000Z", "20260407T070000Z",
            "20260414T070000Z", "20260421T070000Z",
        ])
        #expect(sync[0].end == F.utc("20260303T083000Z"))
        #expect(sync[3].end == F.utc("20260331T073000Z"))
        #expect(sync.map(\.cancelled) == [false, false, false, false, false, false, true])
        #expect(sync[0].key == "5q8bh0v3kfsd1c2j7u1o4mlh2c@google.com/20260303T080000Z")
    }

    @Test func googleMovedOverrideReplacesItsInstance() throws {
        let sync = try F.read("google.ics").occurrences.filter { $0.uid.hasSuffix("2c@google.com") }
        let moved = try #require(sync.first { $0.recurrenceID == "20260414T070000Z" })
        #expect(moved.summary == "Weekly sync (moved to Wednesday)")
        #expect(moved.start == F.local("20260415T100000", in: F.berlin))
        #expect(moved.end == F.local("20260415T103000", in: F.berlin))
        #expect(moved.attendees.map(\.participation) == [.accepted, .accepted])
        #expect(!sync.contains { $0.start == F.utc("20260414T070000Z") })
        // The cancelled one has no attendees of its own: the series' stand in.
        let cancelled = try #require(sync.last)
        #expect(cancelled.cancelled && cancelled.attendees.count == 3)
    }

    @Test func googleAttendeesDeclinedAndQuotedNames() throws {
        let first = try #require(try F.read("google.ics").occurrences.first)
        #expect(first.organizer == CalendarPerson(email: "ana.lima@gmail.com", name: "Ana Lima"))
        #expect(first.attendees == [
            CalendarPerson(email: "ana.lima@gmail.com", name: "Ana Lima", participation: .accepted),
            CalendarPerson(email: "Tom.Okafor@hsm.example", name: "Okafor, Tom", participation: .declined),
            CalendarPerson(email: "priya@raman.example", name: "priya@raman.example", participation: .needsAction),
        ])
    }

    @Test func googleUTCAndAllDay() throws {
        let occurrences = try F.read("google.ics").occurrences
        let lunch = try #require(occurrences.first { $0.uid == "1l7rk2m0q9h3c8v5b4n6x2z1aa@google.com" })
        #expect(lunch.start == F.utc("20260512T130000Z") && lunch.end == F.utc("20260512T140000Z"))
        #expect(lunch.summary == "Lunch with Priya — Café Lumière")
        #expect(lunch.recurrenceID == nil && !lunch.allDay)
        let picnic = try #require(occurrences.first { $0.uid == "0b3kq6u1v8r7t5s2p9o4n1m3ll@google.com" })
        #expect(picnic.allDay && picnic.summary == "Zoë's farewell picnic")
        #expect(picnic.start == F.local("20260605", in: F.berlin))
        #expect(picnic.end == F.local("20260606", in: F.berlin))
        // All-day dates are the reader's zone's midnight: Tokyo's is seven hours earlier.
        let inTokyo = try F.read("google.ics", zone: F.tokyo).occurrences.first { $0.allDay }
        #expect(inTokyo?.start == F.local("20260605", in: F.tokyo))
    }

    @Test func windowLeavesOutEventsOutsideIt() throws {
        let april = try F.read("google.ics", from: "20260401T000000Z", to: "20260430T235959Z").occurrences
        #expect(april.map(\.recurrenceID) == ["20260407T070000Z", "20260414T070000Z", "20260421T070000Z"])
        let none = try F.read("google.ics", from: "20270101T000000Z", to: "20271231T000000Z")
        #expect(none.occurrences.isEmpty && none.skipped.isEmpty)
    }

    @Test func outlookWindowsZonesAndOrdinals() throws {
        let occurrences = try F.read("outlook.ics").occurrences
        let budget = try #require(occurrences.first { $0.summary == "Budget review" })
        #expect(budget.start == F.utc("20260310T090000Z") && budget.end == F.utc("20260310T103000Z"))
        #expect(budget.organizer?.email == "Marcus.Bell@contoso.example") // MAILTO: in capitals, the address's case kept
        #expect(budget.attendees.map(\.name) == ["Sofia Rossi", "Kenji Sato"])
        #expect(budget.attendees.map(\.email) == ["Sofia.Rossi@contoso.example", "kenji@fabrikam.example"])
        #expect(budget.attendees.last?.participation == .tentative)
        #expect(budget.uid.hasPrefix("040000008200E00074C5B7101A82E008") && budget.uid.hasSuffix("4D5E6F70"))

        // First Monday, COUNT=4, at 08:00 in Los Angeles (DST from 8 March).
        let partner = occurrences.filter { $0.summary == "Partner check-in" }
        #expect(partner.map(\.start) == [F.utc("20260105T160000Z"), F.utc("20260202T160000Z"),
                                         F.utc("20260302T160000Z"), F.utc("20260406T150000Z")])
    }

    @Test func outlookLastFridayWithMovedInstanceBeforeDST() throws {
        let wrap = try F.read("outlook.ics").occurrences.filter { $0.summary.hasPrefix("Month wrap-up") }
        #expect(wrap.map(\.start) == [
            F.local("20260130T170000", in: F.berlin), F.local("20260227T170000", in: F.berlin),
            F.local("20260326T150000", in: F.berlin), F.local("20260424T170000", in: F.berlin),
            F.local("20260529T170000", in: F.berlin), F.local("20260626T170000", in: F.berlin),
        ])
        // 27 March 17:00 is still winter time in Berlin (DST starts on the 29th).
        #expect(wrap[2].recurrenceID == "20260327T160000Z")
        #expect(wrap[2].summary == "Month wrap-up (Thursday this time)")
        #expect(wrap[2].attendees.map(\.email) == ["Sofia.Rossi@contoso.example"]) // from the series
    }

    @Test func outlookCustomizedTimeZoneFollowsItsOwnRules() throws {
        let occurrences = try F.read("outlook.ics").occurrences
        // Southern summer: +11:00 until the first Sunday of April; then +10:00.
        #expect(occurrences.first { $0.summary == "Sydney office standup (summer)" }?.start == F.utc("20260114T230000Z"))
        #expect(occurrences.first { $0.summary == "Sydney office standup (winter)" }?.start == F.utc("20260615T000000Z"))
        let offsite = try #require(occurrences.first { $0.summary == "Offsite" })
        #expect(offsite.allDay && offsite.start == F.local("20260402", in: F.berlin))
    }

    @Test func appleLastDayOfMonthAlarmsIgnoredAndYearlyBirthday() throws {
        let occurrences = try F.read("apple.ics", to: "20260601T000000Z").occurrences
        let close = occurrences.filter { $0.uid == "8E2B1C4A-3F5D-4C1E-9A7B-2D6E8F0A1B3C" }
        #expect(close.map(\.start) == [
            F.utc("20260131T220000Z"), F.utc("20260228T220000Z"), F.utc("20260331T210000Z"), F.utc("20260430T210000Z"),
            F.utc("20260531T210000Z"),
        ])
        // The EMAIL alarm's SUMMARY and ATTENDEE belong to the alarm, not the event.
        #expect(close[0].summary == "Month-end close with Mei")
        #expect(close[0].attendees.map(\.email) == ["mei.chen@icloud.com", "liam@walsh.example"])
        #expect(close[0].organizer == CalendarPerson(email: "liam@walsh.example", name: "Liam Walsh"))

        let birthday = try #require(occurrences.first { $0.uid == "B1C2D3E4-F5A6-4B7C-8D9E-0F1A2B3C4D5E" })
        #expect(birthday.allDay && birthday.recurrenceID == "20260517")
        #expect(birthday.start == F.local("20260517", in: F.berlin))
        #expect(birthday.summary == "Zoë Park’s birthday")

        let dentist = try #require(occurrences.first { $0.summary == "Dentist" })
        #expect(dentist.cancelled && dentist.start == F.utc("20260305T140000Z"))
    }

    @Test func khalFloatingTimeIsTheReadersZone() throws {
        let name = "vdir/personal/ZQ5B7K2N4M8P1R3T6V9X0Y2A4C6E8G1J.ics"
        #expect(try F.read(name).occurrences.first?.start == F.utc("20260708T130000Z"))
        #expect(try F.read(name, zone: F.tokyo).occurrences.first?.start == F.utc("20260708T060000Z"))
    }

    @Test func thunderbirdMozillaPrefixedTZID() throws {
        let event = try #require(try F.read("vdir/work/b6c1f7e2-5a4d-4e3b-9c8a-7f6e5d4c3b2a.ics").occurrences.first)
        #expect(event.start == F.utc("20260709T070000Z"))
        #expect(event.organizer == CalendarPerson(email: "freya@nielsen.example", name: "Freya Nielsen", participation: .accepted))
    }

    @Test func foldingInsideUTF8EscapesAndControls() throws {
        let event = try #require(try F.read("folding.ics").occurrences.first)
        #expect(event.summary == "Café with José, Renée; and \\o/ then dinner[2J !")
        #expect(!event.summary.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
        #expect(event.attendees == [
            CalendarPerson(email: "renee@dubois.example", name: "Renée \"Rene\" Dubois", participation: .accepted),
            CalendarPerson(email: "", name: "Room 4"),
        ])
    }

    @Test func brokenEventsAreSkippedWithTheirLineAndTheRestReads() throws {
        let reading = try F.read("broken.ics")
        #expect(reading.occurrences.map(\.uid) == ["hourly@example", "good@example"])
        #expect(reading.occurrences.first?.start == F.utc("20260402T090000Z")) // FREQ=HOURLY: the first one only
        let issues = reading.skipped.map { "\($0.line ?? 0): \($0.reason)" }
        #expect(issues.contains("4: VEVENT skipped: no UID"))
        #expect(issues.contains { $0.hasPrefix("8: VEVENT skipped: DTSTART is not a date") })
        #expect(issues.contains("13: RRULE: FREQ=HOURLY is not supported; only the first occurrence is read"))
        #expect(issues.contains("24: VEVENT without END:VEVENT"))
        #expect(issues.contains("34: VEVENT skipped: no DTSTART"))
        #expect(!reading.occurrences.contains { $0.uid == "todo@example" })
    }

    @Test func deepNestingAndStrayEndsStayCheap() throws {
        let nested = String(repeating: "BEGIN:X-NEST\n", count: 5_000) + String(repeating: "END:X-OTHER\n", count: 5_000)
            + String(repeating: "END:X-NEST\n", count: 5_000)
        let reading = try F.read(text: F.calendar(nested + "BEGIN:VEVENT\nUID:after@example\nDTSTART:20260301T090000Z\nEND:VEVENT"))
        #expect(reading.occurrences.map(\.uid) == ["after@example"])
    }

    @Test func notICalendarIsRefusedAsAWhole() throws {
        #expect(throws: ImportIssue.self) {
            _ = try CalendarReader.read(Array("BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n".utf8), from: .distantPast, to: .distantFuture)
        }
        #expect(throws: ImportIssue.self) {
            _ = try CalendarReader.read([0x89, 0x50, 0x4E, 0x47, 0, 0, 0x1B], from: .distantPast, to: .distantFuture)
        }
        let empty = try CalendarReader.read(Array(" \r\n".utf8), from: .distantPast, to: .distantFuture)
        #expect(empty.occurrences.isEmpty && empty.skipped.isEmpty)
    }

    @Test func vdirListingFindsIcsFilesRecursively() throws {
        let folder = Fixture.directory.appendingPathComponent("calendar/vdir").path
        let files = try CalendarFiles.icsFiles(under: folder)
        #expect(files.map { URL(fileURLWithPath: $0).lastPathComponent } == [
            "ZQ5B7K2N4M8P1R3T6V9X0Y2A4C6E8G1J.ics", "b6c1f7e2-5a4d-4e3b-9c8a-7f6e5d4c3b2a.ics",
        ])
        #expect(try CalendarFiles.icsFiles(under: files[0]) == [files[0]])
        #expect(throws: CalendarFiles.Unreadable.self) { try CalendarFiles.icsFiles(under: folder + "/missing") }
    }

    @Test func vdirListingSurvivesSymlinkLoopsAndRefusesUnreadableFolders() throws {
        let root = NSTemporaryDirectory() + "rapport-vdir-" + UUID().uuidString
        defer { chmod(root + "/locked", 0o700); try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/cal", withIntermediateDirectories: true)
        try Data("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8).write(to: URL(fileURLWithPath: root + "/cal/a.ICS"))
        try FileManager.default.createSymbolicLink(atPath: root + "/cal/up", withDestinationPath: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/cal/again", withDestinationPath: root)
        #expect(try CalendarFiles.icsFiles(under: root) == [root + "/cal/a.ICS"])
        try FileManager.default.createDirectory(atPath: root + "/locked", withIntermediateDirectories: true)
        chmod(root + "/locked", 0)
        if getuid() != 0 { // root reads any folder
            #expect(throws: CalendarFiles.Unreadable.self) { try CalendarFiles.icsFiles(under: root) }
        }
    }
}
