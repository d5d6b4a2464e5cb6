import Domain
import Foundation

/// Dates and day counts as the dashboard and the commands print them, in
/// the user's time zone: "3d ago", "in 2d", "Nov 28", "Sat Nov 28 19:00".
public struct Format {
    public let calendar: Calendar
    private let shortDay: DateFormatter
    private let dayAndTime: DateFormatter
    private let clock: DateFormatter

    public init(calendar: Calendar) {
        self.calendar = calendar
        func formatter(_ template: String) -> DateFormatter {
            let f = DateFormatter()
            f.calendar = calendar
            f.timeZone = calendar.timeZone
            f.locale = Locale(identifier: "en_US_POSIX")
            f.dateFormat = template
            return f
        }
        shortDay = formatter("MMM d")
        dayAndTime = formatter("EEE MMM d HH:mm")
        clock = formatter("HH:mm")
    }

    public func day(_ date: Date) -> String { shortDay.string(from: date) }
    public func day(_ day: Day) -> String { shortDay.string(from: day.start(in: calendar)) }
    public func dayAndTime(_ date: Date) -> String { dayAndTime.string(from: date) }
    public func time(_ date: Date) -> String { clock.string(from: date) }

    /// "today", "yesterday", "3d ago", "in 2d", "tomorrow".
    public static func relative(days: Int) -> String {
        switch days {
        case 0: return "today"
        case 1: return "tomorrow"
        case -1: return "yesterday"
        case let d where d > 1: return "in \(d)d"
        default: return "\(-days)d ago"
        }
    }

    /// How a promise's due day reads on `today`: "3d late", "today", "in 2d".
    public static func due(_ promise: Promise, today: Day) -> String {
        guard let due = promise.due else { return "no date" }
        let late = due.days(until: today)
        if late > 0 { return "\(late)d late" }
        return relative(days: -late)
    }
}
