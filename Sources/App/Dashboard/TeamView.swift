import Domain

/// How a team's book is seen: by the member at the keyboard (their own
/// touches reset the clock; their own promises are "mine"), or by the
/// whole team (anyone's touch counts; every promise shows who made it).
public struct TeamView: Sendable, Equatable {
    /// The member at the keyboard; nil for the book's administrator, who is
    /// no member and sees the team's view only.
    public var me: Int64?
    /// True in the team view; false in the member's own.
    public var showsEveryone: Bool
    /// Each member's name to show, by id.
    public var names: [Int64: String]

    public init(me: Int64?, showsEveryone: Bool, names: [Int64: String]) {
        self.me = me
        self.showsEveryone = showsEveryone
        self.names = names
    }

    /// The view of `me` among `members`, named as they are shown.
    public init(me: Int64?, showsEveryone: Bool, members: [Member]) {
        self.init(me: me, showsEveryone: showsEveryone,
                  names: Dictionary(members.map { ($0.id, $0.displayName) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Who made a promise or logged an interaction, when it was not `me`.
    public func maker(_ memberID: Int64?) -> String? {
        guard let memberID, memberID != me else { return nil }
        return names[memberID] ?? "member #\(memberID)"
    }
}
