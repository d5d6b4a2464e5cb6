import Foundation

/// Finds the contact a person means by what they typed: an id (`12` or
/// `#12`), or a case- and accent-insensitive prefix of the name, of any word
/// in it, or of the nickname ("jose" and "alv" find "José Álvarez").
public enum ContactLookup {
    public enum Outcome: Equatable, Sendable {
        case found(Contact)
        case none
        /// Every candidate, for a message that lists them.
        case ambiguous([Contact])
    }

    public static func find(_ query: String, in contacts: [Contact]) -> Outcome {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .none }
        let digits = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
        if let id = Int64(digits), let contact = contacts.first(where: { $0.id == id }) { return .found(contact) }
        let candidates = contacts.filter { matches(trimmed, $0) }
        return choose(trimmed, among: candidates)
    }

    /// Picks among prefix matches: one is found; a full-name match beats
    /// longer names ("Ana" finds "Ana" even when "Ana Lima" exists).
    public static func choose(_ query: String, among candidates: [Contact]) -> Outcome {
        switch candidates.count {
        case 0: return .none
        case 1: return .found(candidates[0])
        default:
            let folded = query.folded
            let exact = candidates.filter { $0.name.folded == folded || $0.nickname.folded == folded }
            if exact.count == 1 { return .found(exact[0]) }
            return .ambiguous(candidates)
        }
    }

    public static func matches(_ query: String, _ contact: Contact) -> Bool {
        let q = query.folded
        let name = contact.name.folded
        if name.hasPrefix(q) { return true }
        if !contact.nickname.isEmpty, contact.nickname.folded.hasPrefix(q) { return true }
        return name.split(separator: " ").contains { $0.hasPrefix(q) }
    }
}
