import Foundation

/// What the playbook reads of a contact itself: its circle and cadence,
/// when it was met and created, its dates, whether it is archived. Values
/// only, no text: the dashboard keeps one per contact, and a rescoring of
/// the whole book walks them without touching a string.
public struct ScoringFacts: Hashable, Sendable {
    public var id: Int64
    public var circle: Circle
    public var cadenceOverride: Cadence?
    public var metOn: Day?
    public var createdAt: Date
    public var birthday: RecurringDate?
    public var anniversary: RecurringDate?
    public var archived: Bool

    public init(id: Int64, circle: Circle, cadenceOverride: Cadence?, metOn: Day?, createdAt: Date,
                birthday: RecurringDate?, anniversary: RecurringDate?, archived: Bool) {
        self.id = id
        self.circle = circle
        self.cadenceOverride = cadenceOverride
        self.metOn = metOn
        self.createdAt = createdAt
        self.birthday = birthday
        self.anniversary = anniversary
        self.archived = archived
    }

    public init(_ contact: Contact) {
        id = contact.id ?? 0
        circle = contact.circle
        cadenceOverride = contact.cadenceOverride
        metOn = contact.metOn
        createdAt = contact.createdAt
        birthday = contact.birthday
        anniversary = contact.anniversary
        archived = contact.archived
    }
}
