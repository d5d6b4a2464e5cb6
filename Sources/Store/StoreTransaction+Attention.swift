import Domain
import Foundation
import GRDB

extension StoreTransaction {
    static let attentionComputedAtKey = "attention.computed_at"

    /// Replaces the whole attention cache with `attention`, computed at `computedAt`.
    ///
    /// Scores for contacts deleted since the snapshot they came from are dropped,
    /// so a slow background run never fails a save.
    public func saveAttention(_ attention: [Attention], computedAt: Date) throws {
        let at = Columns.micros(computedAt)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try db.execute(sql: "DELETE FROM attention")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO attention (\(Attention.columns), computed_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM contact WHERE id = ?)
            ON CONFLICT (contact_id) DO NOTHING
            """)
        for item in attention {
            try insert.execute(arguments: item.rowArguments(encoder: encoder, computedAt: at))
        }
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [Self.attentionComputedAtKey, at])
    }

    /// Contacts from the attention cache, highest score first, at most `limit`.
    public func contactsByAttention(limit: Int? = nil) throws -> [(contact: Contact, attention: Attention)] {
        let decoder = JSONDecoder()
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(Attention.columns) FROM attention ORDER BY score DESC, contact_id LIMIT ?
            """, arguments: [limit ?? -1])
        let ids = rows.map { row -> Int64 in row[0] }
        let contacts = try loadContacts(where: "id IN (SELECT value FROM json_each(?))", arguments: [jsonArray(ids)])
        let byID = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id!, $0) })
        return rows.compactMap { row in
            byID[row[0]].map { (contact: $0, attention: Attention(row: row, decoder: decoder)) }
        }
    }

    /// The cached attention of one contact, if scored.
    public func attention(contactID: Int64) throws -> Attention? {
        try Row.fetchOne(db, sql: "SELECT \(Attention.columns) FROM attention WHERE contact_id = ?",
                         arguments: [contactID]).map { Attention(row: $0, decoder: JSONDecoder()) }
    }

    /// When the attention cache was last saved, or nil if never.
    public func lastScoredAt() throws -> Date? {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.attentionComputedAtKey])
            .map(Columns.date(micros:))
    }
}

extension StoreTransaction {
    /// How many cached scores say "needs attention" (a positive score, not snoozed).
    public func cachedNeedingAttentionCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM attention WHERE score > 0 AND snoozed_until IS NULL") ?? 0
    }

    /// Open promises of contacts that are not archived, by id.
    public func openPromisesOfLiveContacts() throws -> [Promise] {
        try Row.fetchAll(db, sql: """
            SELECT \(Promise.columns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: ", "))
            FROM promise p JOIN contact c ON c.id = p.contact_id
            WHERE p.done_at IS NULL AND c.archived = 0 ORDER BY p.id
            """).map(Promise.init(row:))
    }
}
