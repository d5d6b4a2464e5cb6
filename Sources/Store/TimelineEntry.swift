import Domain
import Foundation

/// One line of a contact's timeline: something that happened, or a promise
/// placed at the moment it was made.
///
/// It lives in Store, not Domain, because it is the shape of one query's
/// answer (`StoreTransaction.timeline(contactID:)`), not a rule of the
/// playbook; a second backend would return the same type from Store's API.
public enum TimelineEntry: Hashable, Sendable {
    case interaction(Interaction)
    case promise(Promise)

    /// When it sits on the timeline: the interaction's time, or the promise's creation.
    public var date: Date {
        switch self {
        case .interaction(let interaction): return interaction.occurredAt
        case .promise(let promise): return promise.createdAt
        }
    }
}
