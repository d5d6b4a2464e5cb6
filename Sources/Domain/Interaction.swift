import Foundation

/// Whether an interaction gives to the relationship, asks of it, or neither
/// (playbook rule 5: give before you ask).
public enum Direction: String, CaseIterable, Codable, Sendable {
    case give, ask, neutral
}

public enum InteractionKind: String, CaseIterable, Codable, Sendable {
    case meeting, call, message, email, intro, gift, help
    case favourAsked = "favour-asked"
    case pitch, social, event, note

    public var defaultDirection: Direction {
        switch self {
        case .intro, .gift, .help: return .give
        case .favourAsked, .pitch: return .ask
        case .meeting, .call, .message, .email, .social, .event, .note: return .neutral
        }
    }

    /// A note is written about someone, not exchanged with them, so it
    /// does not reset the keep-in-touch clock.
    public var isTouch: Bool { self != .note }

    /// Where people meet face to face: where "follow up after meeting" starts.
    public var isInPerson: Bool { self == .meeting || self == .social || self == .event }
}

/// Something that happened with one or more contacts: a group lunch is one
/// interaction with several people; an introduction links the two people introduced.
public struct Interaction: Hashable, Codable, Sendable, Identifiable {
    public var id: Int64?
    public var occurredAt: Date
    public var kind: InteractionKind
    public var direction: Direction
    public var summary: String
    public var notes: String
    public var contactIDs: [Int64]
    /// On a team's book, the member who logged it (nil in a personal book).
    public var memberID: Int64?
    /// Readable by its member only, on a team's book (the server enforces it).
    public var isPrivate: Bool

    public init(id: Int64? = nil, occurredAt: Date, kind: InteractionKind, direction: Direction? = nil,
                summary: String = "", notes: String = "", contactIDs: [Int64], memberID: Int64? = nil,
                isPrivate: Bool = false) {
        self.id = id
        self.occurredAt = occurredAt
        self.kind = kind
        self.direction = direction ?? kind.defaultDirection
        self.summary = summary
        self.notes = notes
        self.contactIDs = contactIDs
        self.memberID = memberID
        self.isPrivate = isPrivate
    }
}
