import GRDB

extension Schema {
    /// Per-contact history summaries and the change log.
    ///
    /// - `contact_summary`: what the playbook reads of each contact's history
    ///   (`Domain.HistorySummary`), one row per contact with interactions.
    /// - `contact_dirty`: contacts that the open write transaction changed in
    ///   any way scoring or a list can see. Triggers fill it; `Store.write`
    ///   empties it before committing, after recomputing those contacts'
    ///   summaries and stamping them in the change log. After every commit
    ///   it is empty and the summaries are right, whichever path wrote
    ///   (a log, an edit, a merge, an import, a trash restore, an undo).
    /// - `contact.mail_key`: see `NameKeys.mailKey`.
    /// - `contact_change`: the sequence number (`meta.change_seq`) of the last
    ///   commit that changed each contact, deleted ones included, so that a
    ///   reader that scored at sequence N reloads just the contacts changed since.
    ///
    /// The triggers only mark ids; all the arithmetic is in one place
    /// (`StoreTransaction.flushChanges`), and a PostgreSQL backend can keep
    /// the same contract with the same triggers.
    @Sendable
    static func v4Summaries(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE contact_summary (
                contact_id INTEGER PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
                interactions INTEGER NOT NULL CHECK (interactions > 0),
                touches INTEGER NOT NULL CHECK (touches BETWEEN 0 AND interactions),
                first_touch_at INTEGER,
                first_touch_in_person INTEGER NOT NULL CHECK (first_touch_in_person IN (0, 1)),
                last_touch_at INTEGER,
                asks_in_a_row INTEGER NOT NULL CHECK (asks_in_a_row BETWEEN 0 AND interactions),
                CHECK ((touches = 0) = (last_touch_at IS NULL) AND (touches = 0) = (first_touch_at IS NULL))
            );
            CREATE TABLE contact_dirty (contact_id INTEGER PRIMARY KEY);
            CREATE TABLE contact_change (
                contact_id INTEGER PRIMARY KEY,
                seq INTEGER NOT NULL
            );
            CREATE INDEX contact_change_by_seq ON contact_change(seq);
            -- Folded name, nickname, company and emails, one per line: what a
            -- mail client's address query searches within, in one scan.
            ALTER TABLE contact ADD COLUMN mail_key TEXT NOT NULL DEFAULT '';
            -- Scanned instead of the table (whose rows carry the notes): a covering index.
            CREATE INDEX contact_by_mail_key ON contact(archived, mail_key);
            """)
        let update = try db.makeStatement(sql: "UPDATE contact SET mail_key = ? WHERE id = ?")
        for contact in try StoreTransaction(db).loadContacts(orderBy: "id") {
            try update.execute(arguments: [NameKeys.mailKey(contact), contact.id])
        }
        // (table, id column) pairs whose rows belong to one contact.
        let owned = [("contact", "id"), ("contact_email", "contact_id"), ("contact_phone", "contact_id"),
                     ("contact_tag", "contact_id"), ("interaction_contact", "contact_id"),
                     ("promise", "contact_id"), ("snooze", "contact_id"), ("event_attendee", "contact_id")]
        // `WHERE NOT EXISTS` rather than `INSERT OR IGNORE`: an outer upsert's
        // conflict handling overrides a trigger's OR clause.
        func mark(_ id: String) -> String {
            "INSERT INTO contact_dirty (contact_id) SELECT \(id) WHERE NOT EXISTS "
                + "(SELECT 1 FROM contact_dirty WHERE contact_id = \(id));"
        }
        for (table, column) in owned {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_marks_insert AFTER INSERT ON \(table) BEGIN
                    \(mark("NEW.\(column)"))
                END;
                CREATE TRIGGER \(table)_marks_update AFTER UPDATE ON \(table) BEGIN
                    \(mark("OLD.\(column)"))
                    \(mark("NEW.\(column)"))
                END;
                CREATE TRIGGER \(table)_marks_delete AFTER DELETE ON \(table) BEGIN
                    \(mark("OLD.\(column)"))
                END;
                """)
        }
        // Rows shared by several contacts mark all of them.
        try db.execute(sql: """
            CREATE TRIGGER interaction_marks_update AFTER UPDATE OF occurred_at, kind, direction ON interaction BEGIN
                INSERT INTO contact_dirty (contact_id)
                    SELECT contact_id FROM interaction_contact WHERE interaction_id = NEW.id
                    AND contact_id NOT IN (SELECT contact_id FROM contact_dirty);
            END;
            CREATE TRIGGER event_marks_update AFTER UPDATE OF name, start_at ON event BEGIN
                INSERT INTO contact_dirty (contact_id)
                    SELECT contact_id FROM event_attendee WHERE event_id = NEW.id
                    AND contact_id NOT IN (SELECT contact_id FROM contact_dirty);
            END;
            INSERT INTO contact_dirty (contact_id) SELECT id FROM contact;
            """)
        try StoreTransaction(db).flushChanges()
    }
}
