import GRDB

extension Schema {
    /// What capture reads from mail and calendars on disk, and what it wrote.
    ///
    /// - `capture_source`: a maildir, mbox, `.eml`, `.ics` file or calendar
    ///   folder, by absolute path. Deleting one (`rapport capture --forget`)
    ///   cascades to everything it added.
    /// - `capture_file`: what was read of each source, per file (a maildir
    ///   message's unique name, an mbox's size, time and offset, an `.ics`
    ///   file's size and time), so a re-run reads only what is new.
    /// - `mail_message` / `mail_party`: every message read, by Message-ID (or a
    ///   hash), with its thread and the people on it who are not the user:
    ///   what makes capture idempotent across sources, what suggestions count,
    ///   and what becomes touches when a correspondent becomes a contact.
    ///   Headers only: no body is ever stored.
    /// - `interaction.capture_key` / `event.capture_key`: the touch's key
    ///   (mail: thread and day; calendar: UID and occurrence), so a re-run
    ///   updates instead of duplicating. They are columns of the rows
    ///   themselves, so the trash keeps them with the rows.
    /// - `capture_tombstone`: keys of captured touches the user deleted, so a
    ///   later run does not bring them back.
    @Sendable
    static func v5Capture(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE capture_source (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL CHECK (kind IN ('mail', 'calendar')),
                path TEXT NOT NULL UNIQUE,
                read_at INTEGER
            );
            CREATE TABLE capture_file (
                source_id INTEGER NOT NULL REFERENCES capture_source(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                size INTEGER NOT NULL DEFAULT 0,
                modified_at INTEGER NOT NULL DEFAULT 0,
                offset INTEGER NOT NULL DEFAULT 0,
                -- a calendar file is read again at this time though unchanged (an event started, a new day)
                recheck_at INTEGER,
                PRIMARY KEY (source_id, name)
            ) WITHOUT ROWID;
            CREATE TABLE mail_message (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                source_id INTEGER NOT NULL REFERENCES capture_source(id) ON DELETE CASCADE,
                thread TEXT NOT NULL,
                sent_at INTEGER NOT NULL,
                subject TEXT NOT NULL,
                from_me INTEGER NOT NULL CHECK (from_me IN (0, 1))
            );
            CREATE INDEX mail_message_by_source ON mail_message(source_id);
            -- applied_contact: the contact the touch went to (no foreign key: the
            -- trash must not carry these rows); NULL while the address is no contact's.
            CREATE TABLE mail_party (
                message_id INTEGER NOT NULL REFERENCES mail_message(id) ON DELETE CASCADE,
                email TEXT NOT NULL,
                name TEXT NOT NULL,
                applied_contact INTEGER,
                PRIMARY KEY (message_id, email)
            ) WITHOUT ROWID;
            CREATE INDEX mail_party_by_email ON mail_party(email, message_id);
            CREATE INDEX mail_party_unapplied ON mail_party(email) WHERE applied_contact IS NULL;
            CREATE INDEX mail_party_by_contact ON mail_party(applied_contact) WHERE applied_contact IS NOT NULL;
            -- A deleted contact's mail is a correspondent's again: a suggestion, and
            -- touches once more if the address becomes a contact's (or the contact
            -- comes back from the trash, whose restored touches keep their keys).
            CREATE TRIGGER contact_frees_mail AFTER DELETE ON contact BEGIN
                UPDATE mail_party SET applied_contact = NULL WHERE applied_contact = OLD.id;
            END;
            CREATE TABLE suggestion_dismissed (email TEXT PRIMARY KEY) WITHOUT ROWID;
            CREATE TABLE capture_tombstone (
                key TEXT PRIMARY KEY,
                source_id INTEGER NOT NULL REFERENCES capture_source(id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            CREATE INDEX capture_tombstone_by_source ON capture_tombstone(source_id);

            ALTER TABLE interaction ADD COLUMN capture_source INTEGER REFERENCES capture_source(id) ON DELETE CASCADE;
            ALTER TABLE interaction ADD COLUMN capture_key TEXT;
            CREATE UNIQUE INDEX interaction_by_capture_key ON interaction(capture_key) WHERE capture_key IS NOT NULL;
            CREATE INDEX interaction_by_capture_source ON interaction(capture_source) WHERE capture_source IS NOT NULL;
            ALTER TABLE event ADD COLUMN capture_source INTEGER REFERENCES capture_source(id) ON DELETE CASCADE;
            ALTER TABLE event ADD COLUMN capture_key TEXT;
            CREATE UNIQUE INDEX event_by_capture_key ON event(capture_key) WHERE capture_key IS NOT NULL;
            CREATE INDEX event_by_capture_source ON event(capture_source) WHERE capture_source IS NOT NULL;
            """)
    }
}
