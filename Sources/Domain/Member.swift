/// A person sharing a team's book (a PostgreSQL role), named by their
/// config's `[me]`.
public struct Member: Hashable, Sendable, Identifiable {
    public var id: Int64
    /// The database role they connect as.
    public var role: String
    public var name: String

    public init(id: Int64, role: String, name: String) {
        self.id = id
        self.role = role
        self.name = name
    }

    /// The name to show: `[me]`'s name, else the role.
    public var displayName: String { name.isEmpty ? role : name }
}
