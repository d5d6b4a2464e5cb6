import Domain

/// What a one-line listing shows of a contact: the answer of one narrow
/// query (`StoreTransaction.contactLines`), so that `rapport list` reads no
/// notes, emails or tags it does not print.
public struct ContactLine: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var company: String
    public var circle: Circle
    public var archived: Bool

    public init(id: Int64, name: String, company: String, circle: Circle, archived: Bool) {
        self.id = id
        self.name = name
        self.company = company
        self.circle = circle
        self.archived = archived
    }
}
