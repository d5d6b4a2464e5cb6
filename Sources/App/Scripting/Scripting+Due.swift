import Domain
import Foundation
import Store

/// One line of `rapport due`: a contact and why it needs attention.
public struct DueItem: Sendable {
    public var contact: Contact
    public var attention: Attention
}

extension Scripting {
    /// The attention list, as the dashboard ranks it: highest score first.
    ///
    /// Contacts with nothing to do and snoozed ones are left out unless `all`.
    /// The scores are saved as the attention cache, so the dashboard and
    /// `rapport due` show the same list.
    public func due(all: Bool) throws -> [DueItem] {
        let library = try library()
        try store.saveAttention(library.attention, computedAt: now)
        return library.attention.compactMap { attention in
            guard all || attention.needsAttention, let contact = library.contactsByID[attention.contactID] else { return nil }
            return DueItem(contact: contact, attention: attention)
        }
    }
}
