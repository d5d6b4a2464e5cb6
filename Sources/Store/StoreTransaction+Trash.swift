import Domain
import Foundation
import GRDB

// The trash keeps what `deleteContact` would lose, as the rows themselves.
//
// Which tables hold a contact's data is read from the schema (every table
// with a foreign key to `contact`, plus the interactions it took part in),
// so that a table added by a later migration is trashed and restored too
// without changing this file. Rows are stored as JSON objects made by
// SQLite's `json_object` and read back with `json_extract`, which keeps
// each value's SQLite type; on PostgreSQL by `json_agg` and read back with
// `json_populate_recordset`, which gives each value its column's type. The
// attention cache is not kept: it is recomputed after a restore.

extension StoreTransaction {
    /// Deletes the contact (as `deleteContact` does) after keeping everything
    /// it removes in the trash; returns the trash entry's id.
    ///
    /// Entries older than `TrashEntry.retention` are purged in the same transaction.
    /// - throws: `StoreError.notFound` when no such contact exists.
    @discardableResult
    public func moveContactToTrash(id: Int64, at now: Date) throws -> Int64 {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM contact WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(kind: "contact", id: id)
        }
        var parts: [String] = []
        for table in try contactTables() {
            let rows = try rowsJSON(table.name, where: "\(quoted(table.column)) = ?", id)
            parts.append("\"\(table.name)\": \(rows)")
        }
        let interactions = try rowsJSON("interaction", where: """
            id IN (SELECT interaction_id FROM interaction_contact WHERE contact_id = ?)
            """, id)
        parts.append("\"interaction\": \(interactions)")
        let payload = db.isPostgres ? "?" : "json(?)"
        try db.execute(sql: "INSERT INTO trash (contact_id, name, deleted_at, payload) VALUES (?, ?, ?, \(payload))",
                       arguments: [id, name, Columns.micros(now), "{" + parts.joined(separator: ", ") + "}"])
        let trashID = db.lastInsertedRowID
        try deleteContact(id: id)
        try purgeTrash(now: now)
        return trashID
    }

    /// The trash, newest first, without entries past `TrashEntry.retention` at `now`.
    public func trash(now: Date) throws -> [TrashEntry] {
        let counts = db.isPostgres
            ? "json_array_length(payload::json -> 'interaction'), json_array_length(payload::json -> 'promise')"
            : "json_array_length(payload, '$.interaction'), json_array_length(payload, '$.promise')"
        let rows = try SQLRow.fetchAll(db, sql: """
            SELECT id, deleted_at, payload, \(counts)
            FROM trash WHERE deleted_at >= ? ORDER BY deleted_at DESC, id DESC
            """, arguments: [Columns.micros(now.addingTimeInterval(-TrashEntry.retention))])
        return try rows.compactMap { row in
            let payload: String = row[2]
            guard let contact = try trashedContact(payload: payload) else { return nil }
            return TrashEntry(id: row[0], contact: contact, deletedAt: Columns.date(micros: row[1]),
                              interactions: row[3] ?? 0, promises: row[4] ?? 0)
        }
    }

    /// Puts a trashed contact back with its emails, phones, tags,
    /// interactions, promises, event attendance and snooze, under its old
    /// ids, and removes the trash entry. Returns the restored contact.
    ///
    /// An interaction deleted with the contact comes back; one that is still
    /// there gets the contact linked again. Attendance of an event deleted
    /// meanwhile is dropped, and so is a promise's link to a missing interaction.
    /// - throws: `StoreError.notFound(kind: "trash entry", …)`, or
    ///   `.invalidData` when a contact with the same id exists.
    @discardableResult
    public func restoreFromTrash(id trashID: Int64) throws -> Contact {
        guard let payload = try String.fetchOne(db, sql: "SELECT payload FROM trash WHERE id = ?", arguments: [trashID]),
              let contactID = try Int64.fetchOne(db, sql: "SELECT contact_id FROM trash WHERE id = ?", arguments: [trashID])
        else { throw StoreError.notFound(kind: "trash entry", id: trashID) }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM contact WHERE id = ?)", arguments: [contactID]) == true {
            throw StoreError.invalidData("contact #\(contactID) exists already; it cannot be restored over")
        }
        let stored = try Set(String.fetchAll(db, sql: db.isPostgres ? "SELECT json_object_keys(CAST(? AS json))"
                                                                    : "SELECT key FROM json_each(?)", arguments: [payload]))
        let ordered = ["contact", "interaction", "interaction_contact", "promise", "event_attendee"]
        // Side tables (emails, tags, snooze, and any later ones) after the
        // rows they point to: contact and interaction come first.
        let tables = ordered.filter(stored.contains) + stored.subtracting(ordered).sorted()
        for table in tables {
            try restoreRows(of: table, from: payload)
        }
        try db.execute(sql: "DELETE FROM trash WHERE id = ?", arguments: [trashID])
        guard let contact = try contact(id: contactID) else { throw StoreError.notFound(kind: "contact", id: contactID) }
        return contact
    }

    /// Deletes trash entries older than `TrashEntry.retention` at `now`; returns how many.
    @discardableResult
    public func purgeTrash(now: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM trash WHERE deleted_at < ?",
                       arguments: [Columns.micros(now.addingTimeInterval(-TrashEntry.retention))])
        return db.changesCount
    }

    // MARK: Rows as JSON

    /// Tables whose rows belong to one contact: `contact` itself (by `id`)
    /// and every table with a foreign key to it, except the attention cache.
    private func contactTables() throws -> [(name: String, column: String)] {
        let rows = try SQLRow.fetchAll(db, sql: db.isPostgres ? """
            SELECT c.conrelid::regclass::text, a.attname::text FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.confrelid = 'contact'::regclass
                AND c.conrelid::regclass::text NOT IN ('attention', 'trash')
            ORDER BY 1
            """ : """
            SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND f."table" = 'contact' AND m.name NOT IN ('attention', 'trash')
            ORDER BY m.name
            """)
        return [("contact", "id")] + rows.map { (name: $0[0], column: $0[1]) }
    }

    private func columns(of table: String) throws -> [String] {
        try String.fetchAll(db, sql: db.isPostgres ? """
            SELECT column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
            """ : "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
    }

    /// The rows of `table` matching `condition` as a JSON array of objects.
    private func rowsJSON(_ table: String, where condition: String, _ argument: Int64) throws -> String {
        if db.isPostgres {
            return try String.fetchOne(db, sql: """
                SELECT coalesce(json_agg(r), '[]')::text FROM (SELECT * FROM \(quoted(table)) WHERE \(condition)) r
                """, arguments: [argument]) ?? "[]"
        }
        let object = try columns(of: table).map { "'\($0)', \(quoted($0))" }.joined(separator: ", ")
        return try String.fetchOne(db, sql: """
            SELECT json_group_array(json_object(\(object))) FROM \(quoted(table)) WHERE \(condition)
            """, arguments: [argument]) ?? "[]"
    }

    /// Inserts the rows stored for `table`, with the fixes restoring needs.
    private func restoreRows(of table: String, from payload: String) throws {
        let path = db.isPostgres ? table : "$.\"\(table)\""
        let stored = try Set(String.fetchAll(db, sql: db.isPostgres
            ? "SELECT json_object_keys(CAST(? AS json) -> ? -> 0)"
            : "SELECT key FROM json_each(?, ? || '[0]')", arguments: [payload, path]))
        let present = try columns(of: table)
        guard !stored.isEmpty, !present.isEmpty else { return }
        let names = present.filter(stored.contains)
        func value(_ column: String) -> String {
            db.isPostgres ? "r.\(quoted(column))" : "json_extract(value, '$.\"\(column)\"')"
        }
        var expressions = Dictionary(uniqueKeysWithValues: names.map { ($0, value($0)) })
        var condition = "true"
        var verb = "INSERT OR IGNORE"
        func freePosition(linking link: String) -> String {
            """
            CASE WHEN EXISTS (SELECT 1 FROM \(table) x WHERE x.\(link) = \(value(link)) AND x.position = \(value("position")))
                THEN (SELECT max(position) + 1 FROM \(table) x WHERE x.\(link) = \(value(link)))
                ELSE \(value("position")) END
            """
        }
        switch table {
        case "contact":
            verb = "INSERT"  // a failure here must fail the restore
        case "interaction_contact":
            // Positions may have been taken meanwhile; the time follows the interaction.
            expressions["position"] = freePosition(linking: "interaction_id")
            expressions["occurred_at"] = "(SELECT occurred_at FROM interaction i WHERE i.id = \(value("interaction_id")))"
            condition = "EXISTS (SELECT 1 FROM interaction i WHERE i.id = \(value("interaction_id")))"
        case "interaction" where names.contains("capture_key"):
            // A source forgotten meanwhile takes the provenance with it; a key
            // taken meanwhile by a newer capture stays with that one.
            let sourceKnown = "EXISTS (SELECT 1 FROM capture_source s WHERE s.id = \(value("capture_source")))"
            expressions["capture_source"] = "CASE WHEN \(sourceKnown) THEN \(value("capture_source")) END"
            expressions["capture_key"] = """
                CASE WHEN \(sourceKnown) AND NOT EXISTS (SELECT 1 FROM interaction x
                    WHERE x.capture_key = \(value("capture_key"))) THEN \(value("capture_key")) END
                """
        case "event_attendee":
            expressions["position"] = freePosition(linking: "event_id")
            condition = "EXISTS (SELECT 1 FROM event e WHERE e.id = \(value("event_id")))"
        case "promise":
            expressions["id"] = "CASE WHEN EXISTS (SELECT 1 FROM promise p WHERE p.id = \(value("id"))) THEN NULL ELSE \(value("id")) END"
            expressions["interaction_id"] = """
                CASE WHEN EXISTS (SELECT 1 FROM interaction i WHERE i.id = \(value("interaction_id")))
                    THEN \(value("interaction_id")) END
                """
        default:
            break
        }
        try db.execute(sql: """
            \(verb) INTO \(quoted(table)) (\(names.map(quoted).joined(separator: ", ")))
            SELECT \(names.map { expressions[$0]! }.joined(separator: ", "))
            FROM \(db.isPostgres ? "json_populate_recordset(NULL::\(quoted(table)), CAST(? AS json) -> ?) r" : "json_each(?, ?)")
            WHERE \(condition)
            """, arguments: [payload, path])
    }

    /// The contact stored in a trash payload, read with `Contact(row:)`.
    private func trashedContact(payload: String) throws -> Contact? {
        let fields = Contact.columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if db.isPostgres {
            let select = fields.map { "r.\(quoted($0))" }.joined(separator: ", ")
            guard let row = try SQLRow.fetchOne(db, sql: """
                SELECT \(select) FROM json_populate_recordset(NULL::contact, CAST(? AS json) -> 'contact') r
                """, arguments: [payload]) else { return nil }
            func list(_ table: String, _ column: String) throws -> [String] {
                try String.fetchAll(db, sql: """
                    SELECT r.\(quoted(column)) FROM json_populate_recordset(NULL::\(quoted(table)), CAST(? AS json) -> ?) r
                    ORDER BY r.position
                    """, arguments: [payload, table])
            }
            return Contact(row: row, emails: try list("contact_email", "email"), phones: try list("contact_phone", "phone"),
                           tags: try list("contact_tag", "tag"))
        }
        let select = fields.map { "json_extract(value, '$.\"\($0)\"')" }.joined(separator: ", ")
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT \(select) FROM json_each(?, '$.contact')", arguments: [payload])
        else { return nil }
        func list(_ table: String, _ column: String) throws -> [String] {
            try String.fetchAll(db, sql: """
                SELECT json_extract(value, '$.\"\(column)\"') FROM json_each(?, '$.\"\(table)\"')
                ORDER BY json_extract(value, '$.position')
                """, arguments: [payload])
        }
        return Contact(row: row, emails: try list("contact_email", "email"), phones: try list("contact_phone", "phone"),
                       tags: try list("contact_tag", "tag"))
    }

    private func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
