import Domain
import Foundation
import Store

// `rapport delete`, `trash` and `restore`: a deleted contact stays in the
// trash for 30 days (TrashEntry.retention) with everything that went with
// it, and comes back whole.
extension Scripting {
    /// Moves the contact `query` names to the trash; returns it as it was.
    public func delete(_ query: String) throws -> Contact {
        let contact = try contact(named: query)
        try store.moveContactToTrash(id: contact.id ?? 0, at: now)
        return contact
    }

    /// The trash, newest first; entries past the retention are purged first
    /// (when the file is writable) and never listed.
    public func trash() throws -> [TrashEntry] {
        _ = try? store.purgeTrash(now: now)
        return try store.trash(now: now)
    }

    /// Restores the trashed contact `query` names: its old contact id (`12`,
    /// `#12`) or an unambiguous prefix of its name. The newest entry of a
    /// contact deleted twice wins.
    public func restore(_ query: String) throws -> TrashEntry {
        let entries = try trash()
        var newest: [Int64: TrashEntry] = [:]
        for entry in entries where newest[entry.contact.id ?? 0] == nil { newest[entry.contact.id ?? 0] = entry }
        let contacts = entries.filter { newest[$0.contact.id ?? 0]?.id == $0.id }.map(\.contact)
        let chosen: Contact
        switch ContactLookup.find(query, in: contacts) {
        case .found(let contact): chosen = contact
        case .ambiguous(let candidates): throw ScriptingError.ambiguous(query, candidates)
        case .none: throw ScriptingError("nothing in the trash matches \(SafeLine.show(query)) (see `rapport trash`)")
        }
        guard let entry = newest[chosen.id ?? 0] else { throw ScriptingError("nothing in the trash matches \(SafeLine.show(query))") }
        do {
            try store.restoreFromTrash(id: entry.id)
        } catch StoreError.invalidData(let message) {
            throw ScriptingError("cannot restore \(SafeLine.show(chosen.name)): \(message)")
        }
        return entry
    }
}

extension ScriptText {
    public func deleted(_ c: Contact) -> String {
        "deleted \(tag(c)); kept in the trash for 30 days (rapport restore \(c.id ?? 0))\n"
    }

    public func restored(_ e: TrashEntry) -> String {
        "restored \(tag(e.contact)) with \(e.interactions) interaction\(e.interactions == 1 ? "" : "s") "
            + "and \(e.promises) promise\(e.promises == 1 ? "" : "s")\n"
    }

    /// `#id  name  deleted on  purged on`, newest first.
    public func trash(_ entries: [TrashEntry]) -> String {
        guard !entries.isEmpty else { return "the trash is empty\n" }
        let rows = entries.map { e in
            ["#\(e.contact.id ?? 0)", f(e.contact.name), "deleted \(Day(e.deletedAt, in: format.calendar).iso)",
             "purged \(Day(e.purgedAt, in: format.calendar).iso)",
             "\(e.interactions) interactions, \(e.promises) promises"]
        }
        return table(rows)
    }
}

extension ScriptJSON {
    public static func trash(_ entries: [TrashEntry]) -> JSONValue {
        .array(entries.map { e in
            .object(["contact": contact(e.contact), "deleted_at": instant(e.deletedAt), "purged_at": instant(e.purgedAt),
                     "interactions": .int(Int64(e.interactions)), "promises": .int(Int64(e.promises))])
        })
    }
}
