import GRDB

extension Schema {
    /// What `rapport sync vdir` remembers of each folder it keeps in step.
    ///
    /// - `sync_vdir`: a vdir by absolute path, with the change sequence
    ///   (`meta.change_seq`) read when it was last synced: contacts changed
    ///   in rapport since are found with `contactsChanged(since:)`.
    /// - `sync_file`: per card file its size, modification time (ns) and a
    ///   hash of its bytes and its inode, so that an unchanged file costs one `stat`; the
    ///   contact it is paired with and that contact's `updated_at` when both
    ///   sides last agreed. `contact_id` has no foreign key on purpose: the
    ///   trash takes every row that points to a contact, and these must not
    ///   come back with a restored contact (its card is gone or re-paired).
    @Sendable
    static func v6Sync(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_vdir (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                path TEXT NOT NULL UNIQUE,
                change_seq INTEGER NOT NULL DEFAULT 0,
                synced_at INTEGER
            );
            CREATE TABLE sync_file (
                vdir_id INTEGER NOT NULL REFERENCES sync_vdir(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                size INTEGER NOT NULL,
                modified_ns INTEGER NOT NULL,
                -- a client that writes by rename (vdirsyncer, khard) gives a new inode even within one clock tick
                inode INTEGER NOT NULL,
                hash INTEGER NOT NULL,
                contact_id INTEGER NOT NULL,
                contact_updated_at INTEGER NOT NULL,
                PRIMARY KEY (vdir_id, name)
            ) WITHOUT ROWID;
            CREATE INDEX sync_file_by_contact ON sync_file(vdir_id, contact_id);
            """)
    }
}
