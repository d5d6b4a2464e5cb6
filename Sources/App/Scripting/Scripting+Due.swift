import Domain
import Foundation
import Store

/// One line of `rapport due`: a contact and why it needs attention.
public struct DueItem: Sendable {
    public var contact: ContactLine
    public var attention: Attention
}

extension Scripting {
    /// The attention list, as the dashboard ranks it: highest score first.
    ///
    /// Contacts with nothing to do and snoozed ones are left out unless `all`.
    /// Read from the attention cache once it is brought up to date (only the
    /// contacts changed since it was scored are rescored), so the dashboard
    /// and `rapport due` show the same list.
    public func due(all: Bool) throws -> [DueItem] {
        try AttentionCache(store: store, scorer: scorer).refresh(now: now)
        return try store.read { try $0.cachedAttention(needingOnly: !all) }
            .map { DueItem(contact: $0.contact, attention: $0.attention) }
    }
}
