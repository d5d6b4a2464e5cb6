import Foundation
import Testing
@testable import Interop

/// RRULE expansion, through whole calendars so that zones, EXDATEs and the
/// window take part as they do for users.
@Suite struct RecurrenceTests {
    typealias F = CalendarFixture

    /// The starts of one event written with `lines` between BEGIN and END:VEVENT.
    func starts(_ lines: String, from: String = "20260101T000000Z", to: String = "20261231T235959Z",
                zone: TimeZone = F.berlin) throws -> [Date] {
        try occurrences(lines, from: from, to: to, zone: zone).map(\.start)
    }

    func occurrences(_ lines: String, from: String = "20260101T000000Z", to: String = "20261231T235959Z",
                     zone: TimeZone = F.berlin) throws -> [CalendarOccurrence] {
        try F.read(text: F.calendar("BEGIN:VEVENT\nUID:r@example\n" + lines + "\nEND:VEVENT"), from: from, to: to, zone: zone)
            .occurrences
    }

    func berlin(_ texts: String...) -> [Date] { texts.map { F.local($0, in: F.berlin) } }

    /// CPU seconds of this thread, so that a loaded machine does not fail a speed check
    /// (the work is synchronous: the task cannot move to another thread meanwhile).
    func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    @Test func countCountsFromDTSTARTBeforeTheWindow() throws {
        // Ten weekly instances from 1 December 2025: five in 2025, five in the window.
        let found = try starts("DTSTART;TZID=Europe/Berlin:20251201T180000\nRRULE:FREQ=WEEKLY;COUNT=10")
        #expect(found == berlin("20260105T180000", "20260112T180000", "20260119T180000", "20260126T180000",
                                "20260202T180000"))
    }

    @Test func untilAsDateAndAsUTC() throws {
        #expect(try starts("DTSTART:20260301T100000Z\nRRULE:FREQ=DAILY;UNTIL=20260303").count == 3)
        #expect(try starts("DTSTART:20260301T100000Z\nRRULE:FREQ=DAILY;UNTIL=20260303T095959Z").count == 2)
        #expect(try starts("DTSTART:20260301T100000Z\nRRULE:FREQ=DAILY;UNTIL=20260303T100000Z").count == 3)
    }

    @Test func intervalAndWeekdaysWithWeekStart() throws {
        // Every other week on Monday and Sunday: with WKST=SU the Sunday opens the week, with MO it closes it.
        let monday = try starts("DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=MO,SU;WKST=MO")
        #expect(monday == berlin("20260105T090000", "20260111T090000", "20260119T090000", "20260125T090000"))
        let sunday = try starts("DTSTART;TZID=Europe/Berlin:20260105T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=MO,SU;WKST=SU")
        #expect(sunday == berlin("20260105T090000", "20260118T090000", "20260119T090000", "20260201T090000"))
    }

    @Test func monthlyOrdinalsAndNegativeMonthDays() throws {
        let secondTuesday = try starts("DTSTART:20260113T120000Z\nRRULE:FREQ=MONTHLY;COUNT=3;BYDAY=2TU")
        #expect(secondTuesday == [F.utc("20260113T120000Z"), F.utc("20260210T120000Z"), F.utc("20260310T120000Z")])
        let lastFriday = try starts("DTSTART:20260130T120000Z\nRRULE:FREQ=MONTHLY;COUNT=3;BYDAY=-1FR")
        #expect(lastFriday == [F.utc("20260130T120000Z"), F.utc("20260227T120000Z"), F.utc("20260327T120000Z")])
        let secondToLast = try starts("DTSTART:20260130T120000Z\nRRULE:FREQ=MONTHLY;COUNT=3;BYMONTHDAY=-2")
        #expect(secondToLast == [F.utc("20260130T120000Z"), F.utc("20260227T120000Z"), F.utc("20260330T120000Z")])
        // The 31st: months without one are skipped, not moved.
        let thirtyFirst = try starts("DTSTART:20260131T120000Z\nRRULE:FREQ=MONTHLY;COUNT=3")
        #expect(thirtyFirst == [F.utc("20260131T120000Z"), F.utc("20260331T120000Z"), F.utc("20260531T120000Z")])
        // Last weekday of the month, as Outlook writes it.
        let lastWorkday = try starts("DTSTART:20260130T120000Z\nRRULE:FREQ=MONTHLY;COUNT=3;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")
        #expect(lastWorkday == [F.utc("20260130T120000Z"), F.utc("20260227T120000Z"), F.utc("20260331T120000Z")])
    }

    @Test func yearlyByMonthAndOrdinalsAndLeapDay() throws {
        let thanksgiving = try starts("DTSTART;VALUE=DATE:20201126\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
                                      from: "20260101T000000Z", to: "20281231T000000Z")
        #expect(thanksgiving == berlin("20261126", "20271125", "20281123"))
        let leap = try starts("DTSTART;VALUE=DATE:20200229\nRRULE:FREQ=YEARLY", from: "20210101T000000Z", to: "20291231T000000Z")
        #expect(leap == berlin("20240229", "20280229"))
        let lastSundayOfYear = try starts("DTSTART:20261227T100000Z\nRRULE:FREQ=YEARLY;COUNT=2;BYDAY=-1SU",
                                          to: "20281231T000000Z")
        #expect(lastSundayOfYear == [F.utc("20261227T100000Z"), F.utc("20271226T100000Z")])
    }

    @Test func exdatesAsCommaListsInTheirZoneAndAsDates() throws {
        let found = try starts("""
            DTSTART;TZID=Europe/Berlin:20260302T090000
            RRULE:FREQ=DAILY;COUNT=8
            EXDATE;TZID=Europe/Berlin:20260303T090000,20260305T090000
            EXDATE:20260307T080000Z
            EXDATE;VALUE=DATE:20260308
            """)
        #expect(found == berlin("20260302T090000", "20260304T090000", "20260306T090000", "20260309T090000"))
    }

    @Test func rdatesAddInstances() throws {
        let found = try starts("""
            DTSTART:20260302T090000Z
            RRULE:FREQ=WEEKLY;COUNT=2
            RDATE:20260304T150000Z,20260311T150000Z/PT1H
            """)
        #expect(found == [F.utc("20260302T090000Z"), F.utc("20260304T150000Z"), F.utc("20260309T090000Z"),
                          F.utc("20260311T150000Z")])
    }

    @Test func allDayRecurrenceIDsAreDates() throws {
        let found = try occurrences("DTSTART;VALUE=DATE:20260601\nRRULE:FREQ=DAILY;COUNT=3\nSUMMARY:Conference")
        #expect(found.map(\.recurrenceID) == ["20260601", "20260602", "20260603"])
        #expect(found.allSatisfy { $0.allDay })
        #expect(found[0].end == F.local("20260602", in: F.berlin)) // no DTEND: one day
        // An EXDATE written as a date-time still removes its day from an all-day series.
        let excluded = try occurrences("DTSTART;VALUE=DATE:20260601\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE:20260602T000000")
        #expect(excluded.map(\.recurrenceID) == ["20260601", "20260603"])
    }

    @Test func runawayDailyRuleFrom1970IsFastAndExact() throws {
        let started = cpuSeconds()
        let found = try starts("DTSTART:19700101T080000Z\nRRULE:FREQ=DAILY", from: "20260301T000000Z", to: "20260305T235959Z")
        #expect(found == (1...5).map { F.utc("2026030\($0)T080000Z") })
        // COUNT from 1970 is skipped arithmetically too: the 20,516th day is 2026-03-03.
        let counted = try starts("DTSTART:19700101T080000Z\nRRULE:FREQ=DAILY;COUNT=20516",
                                 from: "20260301T000000Z", to: "20260305T235959Z")
        #expect(counted == (1...3).map { F.utc("2026030\($0)T080000Z") })
        // A weekly COUNT walks every period since year 1, and still ends.
        let weekly = try starts("DTSTART:00010101T080000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=999999999",
                                from: "20260301T000000Z", to: "20260305T235959Z")
        #expect(weekly.count == 2)
        #expect(cpuSeconds() - started < 1)
    }

    @Test func weeklyCountSkippedArithmeticallyStillCountsRight() throws {
        // Thursday 1 January, Mondays and Thursdays: the tenth is Monday 2 February.
        let tenth = try starts("DTSTART:20260101T090000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=10", from: "20260201T000000Z")
        #expect(tenth == [F.utc("20260202T090000Z")])
        // A Saturday DTSTART that BYDAY does not name still counts as the first.
        let fifth = try starts("DTSTART:20260103T090000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5", from: "20260114T000000Z")
        #expect(fifth == [F.utc("20260115T090000Z")])
        let walked = try starts("DTSTART:20260103T090000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=5")
        #expect(walked == ["20260103", "20260105", "20260108", "20260112", "20260115"].map { F.utc($0 + "T090000Z") })
    }

    @Test func hostileRulesEndQuickly() throws {
        let rules = [
            "DTSTART:00010101T000000Z\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5",
            "DTSTART:00010101T000000Z\nRRULE:FREQ=DAILY;BYDAY=MO;BYMONTHDAY=31;BYMONTH=2,4,6,9,11",
            "DTSTART:00010101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4",
            "DTSTART:00010101T000000Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=999999999",
            "DTSTART:00010101T000000Z\nRRULE:FREQ=DAILY;INTERVAL=999999999;COUNT=3",
            "DTSTART:99991231T235959Z\nRRULE:FREQ=DAILY;UNTIL=99991231",
            "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY\nDURATION:P999999999W",
            "DTSTART:00010101T000000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYMONTH=2;BYSETPOS=-1;COUNT=999999999",
        ]
        for rule in rules {
            let started = cpuSeconds()
            _ = try occurrences(rule)
            #expect(cpuSeconds() - started < 1, "\(rule)")
        }
        // A rule that makes more than 20,000 instances in the window says it stopped.
        let reading = try F.read(text: F.calendar("BEGIN:VEVENT\nUID:h@example\nDTSTART:20260101T000000Z\nRRULE:FREQ=DAILY\nEND:VEVENT"),
                                 to: "20991231T000000Z")
        #expect(reading.occurrences.count == 20_000)
        #expect(reading.skipped.map(\.reason) == ["RRULE makes too many occurrences; only the first ones are read"])
    }

    @Test func unsupportedPartsKeepTheFirstOccurrenceAndSaySo() throws {
        let reading = try F.read(text: F.calendar("BEGIN:VEVENT\nUID:u@example\nDTSTART:20260302T090000Z\nRRULE:FREQ=DAILY;BYHOUR=9,17\nEND:VEVENT"))
        #expect(reading.occurrences.map(\.start) == [F.utc("20260302T090000Z")])
        #expect(reading.occurrences.first?.recurrenceID == nil)
        #expect(reading.skipped.map(\.reason) == ["RRULE: BYHOUR is not supported; only the first occurrence is read"])
        for bad in ["FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;COUNT=-1", "FREQ=FORTNIGHTLY", "COUNT=3", "FREQ=MONTHLY;BYMONTHDAY=32"] {
            let read = try F.read(text: F.calendar("BEGIN:VEVENT\nUID:u@example\nDTSTART:20260302T090000Z\nRRULE:\(bad)\nEND:VEVENT"))
            #expect(read.occurrences.count == 1, "\(bad)")
            #expect(read.skipped.count == 1, "\(bad)")
        }
    }

    @Test func theLaterOfTwoOverridesOfOneInstanceWins() throws {
        let text = F.calendar("""
            BEGIN:VEVENT
            UID:s@example
            DTSTART:20260302T090000Z
            RRULE:FREQ=DAILY;COUNT=2
            SUMMARY:Series
            END:VEVENT
            BEGIN:VEVENT
            UID:s@example
            RECURRENCE-ID:20260303T090000Z
            DTSTART:20260303T100000Z
            SUMMARY:First update
            END:VEVENT
            BEGIN:VEVENT
            UID:s@example
            RECURRENCE-ID:20260303T090000Z
            DTSTART:20260303T110000Z
            SUMMARY:Second update
            END:VEVENT
            """)
        let found = try F.read(text: text).occurrences
        #expect(found.map(\.summary) == ["Series", "Second update"])
        #expect(found.map(\.start) == [F.utc("20260302T090000Z"), F.utc("20260303T110000Z")])
    }

    @Test func aCancelledOverrideWithoutItsSeriesStillReads() throws {
        // An invitation update carries the one instance alone.
        let found = try occurrences("DTSTART:20260302T100000Z\nRECURRENCE-ID:20260302T090000Z\nSTATUS:CANCELLED")
        #expect(found.map(\.recurrenceID) == ["20260302T090000Z"])
        #expect(found.first?.cancelled == true)
    }
}
