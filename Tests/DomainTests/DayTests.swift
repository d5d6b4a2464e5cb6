import Foundation
import Testing
@testable import Domain

@Suite struct DayTests {
    @Test func rejectsImpossibleDates() {
        #expect(Day(iso: "2026-02-30") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "2026-1-01") == nil)
        #expect(Day(iso: "2028-02-29") != nil)
        #expect(Day(iso: "2027-02-29") == nil)
    }

    @Test func ordinalRoundTripsAndCounts() {
        let day = Day(iso: "2026-11-23")!
        #expect(Day(ordinal: day.ordinal) == day)
        #expect(day.adding(days: 8) == Day(iso: "2026-12-01"))
        #expect(day.adding(days: -23) == Day(iso: "2026-10-31"))
        #expect(Day(iso: "2024-02-28")!.adding(days: 1) == Day(iso: "2024-02-29"))
        #expect(Day(iso: "2026-01-01")!.days(until: Day(iso: "2027-01-01")!) == 365)
    }

    @Test func isoWeekday() {
        #expect(Day(iso: "2026-11-23")!.isoWeekday == 1) // a Monday
        #expect(Day(iso: "1970-01-01")!.isoWeekday == 4) // a Thursday
        #expect(Day(iso: "2026-11-29")!.isoWeekday == 7)
    }

    @Test func leapDayBirthdayFallsOnFeb28InOtherYears() {
        let birthday = RecurringDate(text: "--02-29")!
        #expect(birthday.nextOccurrence(onOrAfter: Day(iso: "2027-02-01")!) == Day(iso: "2027-02-28"))
        #expect(birthday.nextOccurrence(onOrAfter: Day(iso: "2028-02-01")!) == Day(iso: "2028-02-29"))
        #expect(birthday.nextOccurrence(onOrAfter: Day(iso: "2027-03-01")!) == Day(iso: "2028-02-29"))
    }

    @Test func recurringDateForms() {
        #expect(RecurringDate(text: "--1231") == RecurringDate(month: 12, day: 31))
        #expect(RecurringDate(text: "--12-31") == RecurringDate(month: 12, day: 31))
        #expect(RecurringDate(text: "1990-05-17")?.year == 1990)
        #expect(RecurringDate(text: "--02-30") == nil)
        #expect(RecurringDate(text: "birthday") == nil)
    }
}

@Suite struct FoldingTests {
    @Test func foldsCaseAndAccents() {
        #expect("José Álvarez".folded == "jose alvarez")
        #expect("ÉCOLE".folded == "ecole")
        #expect("王芳".folded == "王芳")
    }
}
