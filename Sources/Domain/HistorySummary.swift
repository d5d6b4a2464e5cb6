import Foundation

/// What the playbook reads of one contact's history, in a few numbers.
///
/// Scoring never needs the interactions themselves, only these aggregates;
/// Store keeps them current in the same transaction as every write, so a
/// rescoring reads one small row per contact however long the history is.
/// `add` is the one definition of each aggregate: Store folds its rows
/// through it, and the consistency check folds the interactions again.
public struct HistorySummary: Hashable, Codable, Sendable {
    /// Every interaction, notes included.
    public var interactions: Int
    /// Interactions that reset the keep-in-touch clock (all but notes).
    public var touches: Int
    /// The oldest touch: where "follow up after meeting" starts when it was in person.
    public var firstTouch: Date?
    public var firstTouchInPerson: Bool
    /// The newest touch.
    public var lastTouch: Date?
    /// Asks since the last give, newest first; neutral interactions do not break the run.
    public var asksInARow: Int

    public static let empty = HistorySummary(interactions: 0, touches: 0, firstTouch: nil,
                                             firstTouchInPerson: false, lastTouch: nil, asksInARow: 0)

    public init(interactions: Int, touches: Int, firstTouch: Date?, firstTouchInPerson: Bool,
                lastTouch: Date?, asksInARow: Int) {
        self.interactions = interactions
        self.touches = touches
        self.firstTouch = firstTouch
        self.firstTouchInPerson = firstTouchInPerson
        self.lastTouch = lastTouch
        self.asksInARow = asksInARow
    }

    /// The summary of a history given oldest first (ties in id order).
    public init(oldestFirst history: [Interaction]) {
        self = .empty
        for interaction in history { add(at: interaction.occurredAt, kind: interaction.kind, direction: interaction.direction) }
    }

    /// Folds in the next interaction; interactions must come oldest first,
    /// ties in id order (the order the run of asks is counted in).
    public mutating func add(at occurredAt: Date, kind: InteractionKind, direction: Direction) {
        interactions += 1
        if kind.isTouch {
            if touches == 0 {
                firstTouch = occurredAt
                firstTouchInPerson = kind.isInPerson
            }
            touches += 1
            lastTouch = occurredAt
        }
        switch direction {
        case .give: asksInARow = 0
        case .ask: asksInARow += 1
        case .neutral: break
        }
    }

    /// Summaries of every contact in `interactions`, grouped per contact and
    /// ordered by time (a stable sort: ties keep their id order).
    public static func group(_ interactions: [Interaction]) -> [Int64: HistorySummary] {
        var histories: [Int64: [Interaction]] = [:]
        for interaction in interactions.sorted(by: { ($0.id ?? 0) < ($1.id ?? 0) }) {
            for id in interaction.contactIDs { histories[id, default: []].append(interaction) }
        }
        return histories.mapValues { HistorySummary(oldestFirst: $0.sorted { $0.occurredAt < $1.occurredAt }) }
    }
}
