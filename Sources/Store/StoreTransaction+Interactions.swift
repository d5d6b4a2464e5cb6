import Domain
import GRDB

extension StoreTransaction {
    /// Logs an interaction with its contacts and returns it with its id.
    ///
    /// A contact listed twice is linked once. Nothing is written when the list
    /// is empty or names a contact that does not exist.
    /// - throws: `StoreError.notFound(kind: "contact", …)` for an unknown contact.
    public func insert(_ interaction: Interaction) throws -> Interaction {
        var saved = interaction
        saved.occurredAt = Columns.normalized(interaction.occurredAt)
        saved.contactIDs = uniqueIDs(interaction.contactIDs)
        guard !saved.contactIDs.isEmpty else {
            throw StoreError.invalidData("an interaction needs at least one contact")
        }
        try requireExisting(saved.contactIDs, in: "contact", kind: "contact")
        try db.execute(sql: """
            INSERT INTO interaction (id, occurred_at, kind, direction, summary, notes, member_id, private)
            VALUES (?, ?, ?, ?, ?, ?, coalesce(?, \(db.currentMemberSQL)), ?)
            """, arguments: [interaction.id, Columns.micros(saved.occurredAt), saved.kind.rawValue,
                             saved.direction.rawValue, saved.summary, saved.notes, interaction.memberID,
                             interaction.isPrivate])
        let id = db.lastInsertedRowID
        saved.id = id
        saved.memberID = interaction.memberID ?? db.currentMemberID
        let link = try db.cachedStatement(sql: """
            INSERT INTO interaction_contact (interaction_id, position, contact_id, occurred_at) VALUES (?, ?, ?, ?)
            """)
        for (position, contactID) in saved.contactIDs.enumerated() {
            try link.execute(arguments: [id, position, contactID, Columns.micros(saved.occurredAt)])
        }
        return saved
    }

    /// Deletes an interaction (its promises stay, no longer linked to it).
    /// A captured one leaves a tombstone, so capture does not bring it back.
    public func deleteInteraction(id: Int64) throws {
        try tombstoneCaptured(in: "interaction", id: id)
        try db.execute(sql: "DELETE FROM interaction WHERE id = ?", arguments: [id])
        guard db.changesCount > 0 else { throw StoreError.notFound(kind: "interaction", id: id) }
    }

    public func interaction(id: Int64) throws -> Interaction? {
        try loadInteractions(sql: "SELECT \(Interaction.columns) FROM interaction WHERE id = ?",
                             arguments: [id]).first
    }

    /// The interactions `contactID` took part in, newest first, at most `limit`.
    public func interactions(contactID: Int64, limit: Int? = nil) throws -> [Interaction] {
        try loadInteractions(sql: """
            SELECT i.id, i.occurred_at, i.kind, i.direction, i.summary, i.notes, i.member_id, i.private
            FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id
            WHERE ic.contact_id = ?
            ORDER BY ic.occurred_at DESC, ic.interaction_id DESC
            LIMIT ?
            """, arguments: [contactID, limit ?? -1])
    }

    /// Interactions from `sql` (selecting `Interaction.columns`), with their contacts in one more query.
    func loadInteractions(sql: String, arguments: SQLArguments) throws -> [Interaction] {
        let rows = try SQLRow.fetchAll(db, sql: sql, arguments: arguments)
        guard !rows.isEmpty else { return [] }
        let ids = rows.map { row -> Int64 in row[0] }
        let links = try grouped("""
            SELECT interaction_id, contact_id FROM interaction_contact
            WHERE interaction_id IN (SELECT value FROM json_each(?))
            ORDER BY interaction_id, position
            """, arguments: [jsonArray(ids)], as: Int64.self)
        return rows.map { row in Interaction(row: row, contactIDs: links[row[0]] ?? []) }
    }
}
