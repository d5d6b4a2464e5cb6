/// How close a relationship is; each circle has a default keep-in-touch cadence.
public enum Circle: String, CaseIterable, Codable, Sendable {
    case inner, active, network, acquaintance, archived

    public var label: String { rawValue }
}

/// Days between touches: past `idealDays` a contact is due, past `maximumDays` overdue.
public struct Cadence: Hashable, Codable, Sendable {
    public var idealDays: Int
    public var maximumDays: Int

    public init(idealDays: Int, maximumDays: Int) {
        self.idealDays = idealDays
        self.maximumDays = maximumDays
    }
}
