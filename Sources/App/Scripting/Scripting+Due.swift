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
    ///
    /// On a team's book it is the member's own view (their touches, their
    /// promises), scored from their summaries; `team`: the team's view,
    /// where anyone's touch counts, which is the attention cache.
    public func due(all: Bool, team: Bool = false) throws -> [DueItem] {
        if store.isShared && !team, let member = store.currentMember {
            let library = Library(book: try store.read { try Book.load($0, member: member) }, scorer: scorer, now: now,
                                  history: StoreHistory(store: store))
            return library.attention.compactMap { a in
                guard all || (a.needsAttention && a.snoozedUntil == nil),
                      let c = library.contactsByID[a.contactID] else { return nil }
                return DueItem(contact: ContactLine(id: a.contactID, name: c.name, company: c.company, circle: c.circle,
                                                    archived: c.archived), attention: a)
            }
        }
        try AttentionCache(store: store, scorer: scorer).refresh(now: now)
        return try store.read { try $0.cachedAttention(needingOnly: !all) }
            .map { DueItem(contact: $0.contact, attention: $0.attention) }
    }
}
