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
    /// Read from the attention cache once it is brought up to date (only the
    /// contacts changed since it was scored are rescored), so the dashboard
    /// and `rapport due` show the same list.
    public func due(all: Bool) throws -> [DueItem] {
        try AttentionCache(store: store, scorer: scorer).refresh(now: now)
        let cached = try store.read { try $0.cachedAttention(needingOnly: !all) }
        return cached.sorted { a, b in
            let (x, y) = (a.attention, b.attention)
            if (x.snoozedUntil == nil) != (y.snoozedUntil == nil) { return x.snoozedUntil == nil }
            if x.score != y.score { return x.score > y.score }
            if a.contact.name != b.contact.name { return NameOrder.ascending(a.contact.name, b.contact.name) }
            return x.contactID < y.contactID
        }.map { DueItem(contact: $0.contact, attention: $0.attention) }
    }
}
