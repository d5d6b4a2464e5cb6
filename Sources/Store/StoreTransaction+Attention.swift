import Domain
import Foundation
import GRDB

extension StoreTransaction {
    static let attentionComputedAtKey = "attention.computed_at"
    static let attentionKeyKey = "attention.key"

    /// Replaces the whole attention cache with `attention`, computed at `computedAt`.
    ///
    /// Scores for contacts deleted since the snapshot they came from are dropped,
    /// so a slow background run never fails a save.
    /// `key` says what the scores are current for (see `attentionKey`); nil clears it.
    public func saveAttention(_ attention: [Attention], computedAt: Date, key: String? = nil) throws {
        let at = Columns.micros(computedAt)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try db.execute(sql: "DELETE FROM attention")
        if db.isPostgres {
            try writeAttentionInBatches(attention, computedAt: at, encoder: encoder,
                                        conflict: "ON CONFLICT (contact_id) DO NOTHING", keepsLast: false)
        } else {
            let insert = try db.cachedStatement(sql: """
                INSERT INTO attention (\(Attention.columns), computed_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM contact WHERE id = ?)
                ON CONFLICT (contact_id) DO NOTHING
                """)
            for item in attention {
                try insert.execute(arguments: item.rowArguments(encoder: encoder, computedAt: at))
            }
        }
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [Self.attentionComputedAtKey, at])
        if let key {
            try db.execute(sql: """
                INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [Self.attentionKeyKey, key])
        } else {
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [Self.attentionKeyKey])
        }
    }

    /// Whether an event started after `after` and at or before `now`: scores
    /// computed at `after` name it as upcoming, so they are stale at `now`.
    public func eventStarted(after: Date, atOrBefore now: Date) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM event WHERE start_at > ? AND start_at <= ?)",
                          arguments: [Columns.micros(after), Columns.micros(now)]) ?? false
    }

    /// Updates the attention cache in place: `changed` replace their rows,
    /// `removed` contacts lose theirs; `key` says what the cache is now
    /// current for (see `attentionKey`). The rest of the cache is kept.
    public func updateAttention(_ changed: [Attention], removed: [Int64], computedAt: Date, key: String) throws {
        let at = Columns.micros(computedAt)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let update = """
            ON CONFLICT (contact_id) DO UPDATE SET score = excluded.score, level = excluded.level,
                reasons = excluded.reasons, last_touch_at = excluded.last_touch_at,
                days_since_touch = excluded.days_since_touch, cadence_ideal_days = excluded.cadence_ideal_days,
                cadence_maximum_days = excluded.cadence_maximum_days, touches = excluded.touches,
                snoozed_until = excluded.snoozed_until, computed_at = excluded.computed_at
            """
        if db.isPostgres {
            if !removed.isEmpty {
                try db.execute(sql: "DELETE FROM attention WHERE contact_id IN (SELECT value FROM json_each(?))",
                               arguments: [jsonArray(removed)])
            }
            try writeAttentionInBatches(changed, computedAt: at, encoder: encoder, conflict: update, keepsLast: true)
        } else {
            let delete = try db.cachedStatement(sql: "DELETE FROM attention WHERE contact_id = ?")
            for id in removed { try delete.execute(arguments: [id]) }
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO attention (\(Attention.columns), computed_at)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM contact WHERE id = ?)
                \(update)
                """)
            for item in changed { try upsert.execute(arguments: item.rowArguments(encoder: encoder, computedAt: at)) }
        }
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES (?, ?), (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [Self.attentionComputedAtKey, at, Self.attentionKeyKey, key])
    }

    /// Attention rows on PostgreSQL, as multi-row INSERTs (`PostgresBatches`):
    /// one round trip per thousand scores rather than one per score, which
    /// on a server is most of a save. As the single-row statement's EXISTS
    /// does, scores of contacts deleted since their snapshot are left out
    /// (read in this transaction, which holds the writers' lock); a contact
    /// scored twice keeps its first score, or with `keepsLast` its last (an update).
    private func writeAttentionInBatches(_ items: [Attention], computedAt at: Int64, encoder: JSONEncoder,
                                         conflict: String, keepsLast: Bool) throws {
        guard !items.isEmpty else { return }
        // A whole book's scores: every id is cheaper read than 100,000 ids sent and looked up.
        let live = Set(items.count > 5_000
            ? try Int64.fetchAll(db, sql: "SELECT id FROM contact")
            : try Int64.fetchAll(db, sql: "SELECT id FROM contact WHERE id IN (SELECT value FROM json_each(?))",
                                 arguments: [jsonArray(items.map(\.contactID))]))
        var position: [Int64: Int] = [:]
        var rows: [Attention] = []
        for item in items where live.contains(item.contactID) {
            if let index = position[item.contactID] {
                if keepsLast { rows[index] = item }
            } else {
                position[item.contactID] = rows.count
                rows.append(item)
            }
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO attention (\(Attention.columns), computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            \(conflict)
            """)
        let batches = PostgresBatches(db)
        for item in rows {
            // The row's values, without the trailing id its EXISTS reads.
            try batches.add(insert, Array(item.rowArguments(encoder: encoder, computedAt: at).values.dropLast()))
        }
        try batches.flush()
    }

    /// What the attention cache was last computed for, as its writer put it
    /// (the change sequence, the day, the playbook); nil if never said.
    public func attentionKey() throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.attentionKeyKey])
    }

    /// Every cached attention with its contact's listing line (`needingOnly`:
    /// positive scores, not snoozed), from one query; in the dashboard's
    /// order: snoozed last, then highest score first, ties by name as the
    /// name index orders them, then id.
    public func cachedAttention(needingOnly: Bool) throws -> [(contact: ContactLine, attention: Attention)] {
        let decoder = JSONDecoder()
        let columns = Attention.columns.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let filter = needingOnly ? " WHERE a.score > 0 AND a.snoozed_until IS NULL" : ""
        var result: [(contact: ContactLine, attention: Attention)] = []
        let rows = try SQLRow.fetchCursor(db, sql: """
            SELECT \(columns.joined(separator: ", ")), c.name, c.company, c.circle, c.archived
            FROM attention a JOIN contact c ON c.id = a.contact_id\(filter)
            ORDER BY a.snoozed_until IS NOT NULL, a.score DESC, c.search_name, c.id
            """)
        let first = columns.count
        while let row = try rows.next() {
            let attention = Attention(row: row, decoder: decoder)
            let line = ContactLine(id: attention.contactID, name: row[first], company: row[first + 1],
                                   circle: Circle(rawValue: row[first + 2]) ?? .network, archived: row[first + 3])
            result.append((line, attention))
        }
        return result
    }

    /// Contacts from the attention cache, highest score first, at most `limit`.
    ///
    /// Ties are in the name index's order (folded name, then id), as the
    /// dashboard orders them: the first screen from the cache shows the rows
    /// the full library will. The top `limit` by score come from the score
    /// index; only the group tied at the cut is read whole to order it.
    public func contactsByAttention(limit: Int? = nil) throws -> [(contact: Contact, attention: Attention)] {
        let decoder = JSONDecoder()
        let columns = Attention.columns.split(separator: ",")
            .map { "a." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
        func fetch(_ condition: String, _ order: String, _ arguments: SQLArguments) throws -> [(Attention, String)] {
            try SQLRow.fetchAll(db, sql: """
                SELECT \(columns), c.search_name FROM attention a JOIN contact c ON c.id = a.contact_id
                \(condition) ORDER BY \(order) LIMIT ?
                """, arguments: arguments).map { (Attention(row: $0, decoder: decoder), $0[10]) }
        }
        var rows = try fetch("", "a.score DESC", [limit ?? -1])
        if let limit, rows.count == limit, let cut = rows.last?.0.score {
            rows = rows.filter { $0.0.score > cut }
                + (try fetch("WHERE a.score = ?", "c.search_name, c.id", [cut, limit - rows.filter { $0.0.score > cut }.count]))
        }
        rows.sort { a, b in
            if a.0.score != b.0.score { return a.0.score > b.0.score }
            if a.1 != b.1 { return a.1.utf8.lexicographicallyPrecedes(b.1.utf8) }
            return a.0.contactID < b.0.contactID
        }
        let contacts = try loadContacts(where: "id IN (SELECT value FROM json_each(?))",
                                        arguments: [jsonArray(rows.map(\.0.contactID))])
        let byID = Dictionary(uniqueKeysWithValues: contacts.map { ($0.id!, $0) })
        return rows.compactMap { row in byID[row.0.contactID].map { (contact: $0, attention: row.0) } }
    }

    /// The cached attention of one contact, if scored.
    public func attention(contactID: Int64) throws -> Attention? {
        try SQLRow.fetchOne(db, sql: "SELECT \(Attention.columns) FROM attention WHERE contact_id = ?",
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

    /// Open promises of contacts that are not archived, in the promises
    /// pane's order: mine first, then by due day (undated last), then oldest first.
    public func openPromisesOfLiveContacts() throws -> [Promise] {
        // On a server, "no archived contact" (the few, found by the index on
        // archived) rather than a join with every contact: the same rows, as
        // every promise has its contact, without reading 100,000 contact rows.
        let live = db.isPostgres
            ? "FROM promise p WHERE p.done_at IS NULL AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.id = p.contact_id AND c.archived = 1)"
            : "FROM promise p JOIN contact c ON c.id = p.contact_id WHERE p.done_at IS NULL AND c.archived = 0"
        return try SQLRow.fetchAll(db, sql: """
            SELECT \(Promise.columns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespaces) }
                .joined(separator: ", "))
            \(live)
            ORDER BY p.owner = 'theirs', p.due IS NULL, p.due, p.created_at, p.id
            """).map(Promise.init(row:))
    }
}
