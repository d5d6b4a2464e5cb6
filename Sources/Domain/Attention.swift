import Foundation

/// How loud a contact is on screen.
public enum AttentionLevel: Int, Comparable, Codable, Sendable {
    case calm = 0, due = 1, overdue = 2

    public static func < (a: AttentionLevel, b: AttentionLevel) -> Bool { a.rawValue < b.rawValue }
}

/// One reason a contact needs attention, in words, with what it adds to the score.
///
/// The words are made when read (`text`): a rescoring of 100,000 contacts
/// computes weights for all of them, while only the rows on screen, the
/// commands' output and the attention cache ever spell their reasons out.
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

    /// What the words say, kept as values until they are read.
    enum Detail: Hashable, Sendable {
        case text(String)
        /// A promise's text and days overdue (0: due today).
        case promise(String, days: Int)
        case followUp(sinceDays: Int)
        case keepInTouch(daysSince: Int, touched: Bool, limit: Int)
        case asks(Int)
        /// An event's or a date's name and the days until it.
        case upcoming(String, inDays: Int)
    }

    public var kind: Kind
    public var weight: Double
    public var level: AttentionLevel
    let detail: Detail

    public init(kind: Kind, weight: Double, text: String, level: AttentionLevel) {
        self.init(kind: kind, weight: weight, detail: .text(text), level: level)
    }

    init(kind: Kind, weight: Double, detail: Detail, level: AttentionLevel) {
        self.kind = kind
        self.weight = weight
        self.detail = detail
        self.level = level
    }

    public var text: String {
        switch detail {
        case .text(let text): return text
        case .promise(let promise, let days):
            let quoted = AttentionScorer.quoted(promise)
            switch kind {
            case .promiseTheirs: return "their promise \(quoted) \(days)d overdue: follow up"
            case .promiseDueToday: return "promise \(quoted) due today"
            default: return "promise \(quoted) \(days)d overdue"
            }
        case .followUp(let since): return "\(since == 0 ? "met today" : "met \(since)d ago"), no follow-up"
        case .keepInTouch(let daysSince, let touched, let limit):
            let since = touched ? "\(daysSince)d since last touch" : "\(daysSince)d and never touched"
            return "\(since) (\(kind == .keepInTouchOverdue ? "max" : "ideal") \(limit))"
        case .asks(let asks): return "\(asks) asks in a row: give first"
        case .upcoming(let name, let inDays):
            let when = inDays == 0 ? "today" : inDays == 1 ? "tomorrow" : "in \(inDays)d"
            return kind == .eventPrep ? "at \(name) \(when)" : "\(name) \(when)"
        }
    }

    /// Equal when they read the same, however the words are kept.
    public static func == (a: Reason, b: Reason) -> Bool {
        guard a.kind == b.kind, a.weight == b.weight, a.level == b.level else { return false }
        if case .text = a.detail {} else if case .text = b.detail {} else { return a.detail == b.detail }
        return a.text == b.text
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(weight)
        hasher.combine(level)
        hasher.combine(text)
    }

    private enum CodingKeys: String, CodingKey { case kind, weight, text, level }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(kind: try c.decode(Kind.self, forKey: .kind), weight: try c.decode(Double.self, forKey: .weight),
                  text: try c.decode(String.self, forKey: .text), level: try c.decode(AttentionLevel.self, forKey: .level))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(weight, forKey: .weight)
        try c.encode(text, forKey: .text)
        try c.encode(level, forKey: .level)
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
