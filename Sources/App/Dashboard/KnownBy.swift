import Domain
import Foundation

/// One member's history with a contact, on a team's book: who to ask for
/// the intro.
public struct KnownBy: Sendable, Equatable {
    public var member: Member
    public var touches: Int
    public var lastTouch: Date?

    public init(member: Member, history: HistorySummary) {
        self.member = member
        touches = history.touches
        lastTouch = history.lastTouch
    }

    /// "Ana Lima: 12 touches, last 5d ago" (days counted in the user's calendar).
    public func text(today: Day, calendar: Calendar) -> String {
        var text = "\(member.displayName): \(touches) touch\(touches == 1 ? "" : "es")"
        if let lastTouch {
            text += ", last " + Format.relative(days: today.days(until: Day(lastTouch, in: calendar)))
        }
        return text
    }
}
