import Foundation

/// A person in the relationship book.
public struct Contact: Hashable, Codable, Sendable, Identifiable {
    public var id: Int64?
    public var name: String
    public var nickname: String
    public var company: String
    public var title: String
    public var emails: [String]
    public var phones: [String]
    public var circle: Circle
    /// Beats the circle's cadence when set.
    public var cadenceOverride: Cadence?
    public var tags: [String]
    public var birthday: RecurringDate?
    public var anniversary: RecurringDate?
    /// How we met: where, when, via whom.
    public var metAt: String
    public var metOn: Day?
    public var metVia: String
    /// What drives them: free text, read before a meeting.
    public var drives: String
    public var notes: String
    public var archived: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64? = nil, name: String, nickname: String = "", company: String = "",
                title: String = "", emails: [String] = [], phones: [String] = [],
                circle: Circle = .network, cadenceOverride: Cadence? = nil, tags: [String] = [],
                birthday: RecurringDate? = nil, anniversary: RecurringDate? = nil,
                metAt: String = "", metOn: Day? = nil, metVia: String = "",
                drives: String = "", notes: String = "", archived: Bool = false,
                createdAt: Date, updatedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.nickname = nickname
        self.company = company
        self.title = title
        self.emails = emails
        self.phones = phones
        self.circle = circle
        self.cadenceOverride = cadenceOverride
        self.tags = tags
        self.birthday = birthday
        self.anniversary = anniversary
        self.metAt = metAt
        self.metOn = metOn
        self.metVia = metVia
        self.drives = drives
        self.notes = notes
        self.archived = archived
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
