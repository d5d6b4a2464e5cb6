import Domain
import GRDB

extension StoreTransaction {
    /// Everything scoring reads, in a handful of queries.
    ///
    /// Built to stay linear at 100,000 contacts and 1,000,000 interactions:
    /// each table is read once, in full, and link tables are grouped in
    /// Swift by a merge on ids, never queried once per row. Run it inside
    /// `Store.read` so that all queries see the same state.
    ///
    /// Archived contacts and done promises are included (scoring decides).
    /// Contacts, interactions and promises come by id, events by start.
    public func snapshot() throws -> Snapshot {
        let contacts = try loadContacts(orderBy: "id")
        let interactions = try allInteractions()
        let promises = try SQLRow.fetchAll(db, sql: "SELECT \(Promise.columns) FROM promise ORDER BY id")
            .map(Promise.init(row:))
        return Snapshot(contacts: contacts, interactions: interactions, promises: promises,
                        events: try allEvents(), snoozes: try snoozes())
    }

    /// Every interaction by id, with contacts merged from one ordered scan of the link table.
    private func allInteractions() throws -> [Interaction] {
        let links = try SQLRow.fetchCursor(db, sql: """
            SELECT interaction_id, contact_id FROM interaction_contact ORDER BY interaction_id, position
            """)
        var pending: (interactionID: Int64, contactID: Int64)? = try links.next().map { ($0[0], $0[1]) }
        var result: [Interaction] = []
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT \(Interaction.columns) FROM interaction ORDER BY id")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            // Skip links of ids before this one (none exist: foreign keys), then take this id's.
            while let link = pending, link.interactionID < id {
                pending = try links.next().map { ($0[0], $0[1]) }
            }
            var contactIDs: [Int64] = []
            while let link = pending, link.interactionID == id {
                contactIDs.append(link.contactID)
                pending = try links.next().map { ($0[0], $0[1]) }
            }
            result.append(Interaction(row: row, contactIDs: contactIDs))
        }
        return result
    }
}

extension StoreTransaction {
    /// What scoring one contact reads: the contact, every interaction it took
    /// part in (by id), its promises, all events and snoozes, in a few
    /// indexed queries. Scoring is per contact, so this scores it exactly as
    /// the whole snapshot would, at a fraction of the cost.
    public func snapshot(around contactID: Int64) throws -> Snapshot {
        let contacts = try loadContacts(where: "id = ?", arguments: [contactID])
        let interactions = try interactions(contactID: contactID).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        let promises = try SQLRow.fetchAll(db, sql: "SELECT \(Promise.columns) FROM promise WHERE contact_id = ? ORDER BY id",
                                        arguments: [contactID]).map(Promise.init(row:))
        return Snapshot(contacts: contacts, interactions: interactions, promises: promises,
                        events: try allEvents(), snoozes: try snoozes())
    }

    /// The names of the contacts with these ids.
    public func names(of ids: [Int64]) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT id, name FROM contact WHERE id IN (SELECT value FROM json_each(?))",
                                       arguments: [jsonArray(ids)])
        while let row = try rows.next() { names[row[0]] = row[1] }
        return names
    }
}
