import Domain
import GRDB

extension StoreTransaction {
    /// Keeps a contact off the attention list until `until`; nil clears the snooze.
    /// - throws: `StoreError.notFound` for an unknown contact.
    public func snooze(contactID: Int64, until: Day?) throws {
        try requireExisting([contactID], in: "contact", kind: "contact")
        if let until {
            try db.execute(sql: """
                INSERT INTO snooze (contact_id, until) VALUES (?, ?)
                ON CONFLICT (contact_id) DO UPDATE SET until = excluded.until
                """, arguments: [contactID, until.iso])
        } else {
            try db.execute(sql: "DELETE FROM snooze WHERE contact_id = ?", arguments: [contactID])
        }
    }

    /// Every snooze, by contact id.
    public func snoozes() throws -> [Snooze] {
        try SQLRow.fetchAll(db, sql: "SELECT contact_id, until FROM snooze ORDER BY contact_id").compactMap { row in
            Columns.day(row[1]).map { Snooze(contactID: row[0], until: $0) }
        }
    }
}
