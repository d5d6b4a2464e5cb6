import Domain
import Foundation
import Interop
import Store

extension Scripting {
    /// Merges contact `b` into contact `a`, in one transaction: `a`'s fields
    /// win where set, `b`'s fill the rest, emails, phones and tags are
    /// united; `b`'s interactions, promises, events and snooze move to `a`;
    /// `b` is deleted. Returns the merged contact.
    public func merge(_ a: String, _ b: String) throws -> (merged: Contact, removed: Contact) {
        let target = try contact(named: a)
        let source = try contact(named: b)
        guard let targetID = target.id, let sourceID = source.id else { throw ScriptingError("a contact has no id") }
        guard targetID != sourceID else {
            throw ScriptingError("\(SafeLine.show(a)) and \(SafeLine.show(b)) are the same contact (#\(targetID))")
        }
        let merged = try store.write { tx -> Contact in
            let targetInterop = try tx.interop(contactID: targetID)
            let sourceInterop = try tx.interop(contactID: sourceID)
            var merged = ContactMerge.fields(primary: target, secondary: source, listsFirst: target)
            merged.createdAt = min(target.createdAt, source.createdAt)
            merged.updatedAt = now
            merged.archived = target.archived && source.archived
            if merged.circle == .archived && !merged.archived { merged.circle = source.circle }
            let interop = ContactMerge.interop(primary: (target, targetInterop), secondary: (source, sourceInterop), merged: merged)
            try tx.moveLinks(fromContact: sourceID, toContact: targetID)
            let saved = try tx.update(merged)
            try tx.setInterop(interop, contactID: targetID)
            return saved
        }
        return (merged, source)
    }

    /// One address of a contact, for a mail client's address book query.
    public struct MailMatch: Sendable, Equatable {
        public var email: String
        public var name: String
        public var company: String
    }

    /// Every email of the contacts (not archived) whose name, nickname,
    /// company or an email contains `query`, ignoring case and accents; by name.
    public func mailMatches(_ query: String) throws -> [MailMatch] {
        let wanted = query.trimmingCharacters(in: .whitespaces).folded
        guard !wanted.isEmpty else { throw ScriptingError("the query is empty") }
        return try store.read { try $0.contacts(withMailTextContaining: wanted) }
            .filter { c in ([c.name, c.nickname, c.company] + c.emails).contains { $0.folded.contains(wanted) } }
            .flatMap { c in c.emails.map { MailMatch(email: $0, name: c.name, company: c.company) } }
    }
}
