import Domain
import Foundation

/// A deleted contact in the trash, kept `TrashEntry.retention` so that the
/// delete can be undone with everything that went with it.
public struct TrashEntry: Hashable, Sendable {
    /// How long a deleted contact stays restorable: 30 days.
    public static let retention: TimeInterval = 30 * 24 * 3600

    /// The trash row's id (not the contact's).
    public var id: Int64
    /// The contact as it was when deleted, with its own id.
    public var contact: Contact
    public var deletedAt: Date
    /// How many interactions and promises a restore brings back.
    public var interactions: Int
    public var promises: Int

    /// When the entry is purged for good.
    public var purgedAt: Date { deletedAt.addingTimeInterval(TrashEntry.retention) }

    public init(id: Int64, contact: Contact, deletedAt: Date, interactions: Int, promises: Int) {
        self.id = id
        self.contact = contact
        self.deletedAt = deletedAt
        self.interactions = interactions
        self.promises = promises
    }
}
