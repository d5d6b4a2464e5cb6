import Foundation

/// How loud a contact is on screen.
public enum AttentionLevel: Int, Comparable, Codable, Sendable {
    case calm = 0, due = 1, overdue = 2

    public static func < (a: AttentionLevel, b: AttentionLevel) -> Bool { a.rawValue < b.rawValue }
}

/// One reason a contact needs attention, in words, with what it adds to the score.
public struct Reason: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case promiseMine = "promise-mine"
        case promiseTheirs = "promise-theirs"
        case promiseDueToday = "promise-due-today"
        case followUp = "follow-up"
        case keepInTouchDue = "due"
        case keepInTouchOverdue = "overdue"
        case giveFirst = "give-first"
        case eventPrep = "prep"
        case birthday
        case anniversary
    }

    public var kind: Kind
    public var weight: Double
    public var text: String
    public var level: AttentionLevel

    public init(kind: Kind, weight: Double, text: String, level: AttentionLevel) {
        self.kind = kind
        self.weight = weight
        self.text = text
        self.level = level
    }
}

/// A contact's attention score at one moment, with the reasons that explain it.
public struct Attention: Hashable, Codable, Sendable {
    public var contactID: Int64
    public var score: Double
    public var level: AttentionLevel
    /// Heaviest first.
    public var reasons: [Reason]
    public var lastTouch: Date?
    public var daysSinceTouch: Int?
    public var cadence: Cadence?
    /// Interactions so far, toward `Playbook.rapport.touches`.
    public var touches: Int
    public var snoozedUntil: Day?

    public init(contactID: Int64, score: Double, level: AttentionLevel, reasons: [Reason],
                lastTouch: Date?, daysSinceTouch: Int?, cadence: Cadence?, touches: Int,
                snoozedUntil: Day?) {
        self.contactID = contactID
        self.score = score
        self.level = level
        self.reasons = reasons
        self.lastTouch = lastTouch
        self.daysSinceTouch = daysSinceTouch
        self.cadence = cadence
        self.touches = touches
        self.snoozedUntil = snoozedUntil
    }

    /// The reasons joined as one line: `promise "send deck" 3d overdue · 47d since last touch (max 45)`.
    public var explanation: String { reasons.map(\.text).joined(separator: " · ") }

    public var needsAttention: Bool { score > 0 && snoozedUntil == nil }
}
