import Foundation

/// Who owes the promise: me to them, or them to me.
public enum PromiseOwner: String, CaseIterable, Codable, Sendable {
    case mine, theirs
}

/// Something said in a conversation ("I'll send you that article").
/// Keeping these is the point of rapport.
public struct Promise: Hashable, Codable, Sendable, Identifiable {
    public var id: Int64?
    public var contactID: Int64
    public var text: String
    public var owner: PromiseOwner
    public var due: Day?
    public var createdAt: Date
    /// The conversation in which it was made, when known.
    public var interactionID: Int64?
    public var doneAt: Date?
    /// On a team's book, the member who wrote it down: "mine" is that member's
    /// promise (nil in a personal book).
    public var memberID: Int64?

    public init(id: Int64? = nil, contactID: Int64, text: String, owner: PromiseOwner = .mine,
                due: Day? = nil, createdAt: Date, interactionID: Int64? = nil, doneAt: Date? = nil,
                memberID: Int64? = nil) {
        self.memberID = memberID
        self.id = id
        self.contactID = contactID
        self.text = text
        self.owner = owner
        self.due = due
        self.createdAt = createdAt
        self.interactionID = interactionID
        self.doneAt = doneAt
    }

    public var isOpen: Bool { doneAt == nil }

    /// Days past due on `today`; 0 or less is not overdue (due today is due, not overdue).
    public func daysOverdue(on today: Day) -> Int {
        guard let due else { return 0 }
        return due.days(until: today)
    }
}
