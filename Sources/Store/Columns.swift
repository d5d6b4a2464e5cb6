import Domain
import Foundation

// How Domain values are laid out in columns.
//
// Instants are INTEGER microseconds since 1970-01-01 UTC: exact, sortable,
// the resolution PostgreSQL's timestamptz has, and readable in sqlite3 with
// `datetime(created_at / 1e6, 'unixepoch')`. Days are TEXT `YYYY-MM-DD`,
// recurring dates TEXT `YYYY-MM-DD` or `--MM-DD` (vCard's form).

enum Columns {
    /// Microseconds since 1970 for `date`, rounded to the nearest microsecond.
    static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func date(micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// `date` as Store gives it back after a round trip (microsecond resolution).
    static func normalized(_ date: Date) -> Date { self.date(micros: micros(date)) }

    static func normalized(_ date: Date?) -> Date? { date.map(normalized) }

    static func day(_ text: String?) -> Day? { text.flatMap { Day(iso: $0) } }

    static func recurring(_ text: String?) -> RecurringDate? { text.flatMap { RecurringDate(text: $0) } }
}
