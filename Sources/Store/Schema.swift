import GRDB

/// rapport's schema, as a list of migrations.
///
/// Invariants, kept here and by SQLite rather than by callers:
/// - Migration ids ("v1", "v2", …) are never edited or removed once shipped;
///   a change to the schema is a new migration appended at the end.
/// - Every enum column has a CHECK listing its values, every day column a
///   CHECK that it is a real calendar day, and links between rows are
///   foreign keys, so that a bad write fails instead of storing something
///   the Domain cannot read back. Days are checked with
///   `date(x, '+0 days') IS x`: plain `date(x) = x` accepts Feb 30 (the
///   modifier normalises it to Mar 2) and "soon" (NULL passes a CHECK).
/// - Deleting a contact deletes what only makes sense with it (emails,
///   phones, tags, promises, links to interactions and events, its snooze
///   and attention row). Interactions left with no contact are deleted by
///   Store in the same transaction.
enum Schema {
    /// The migrator of this build. `extraMigrations` lets tests play a newer build.
    static func migrator(extraMigrations: [(String, @Sendable (Database) throws -> Void)] = []) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("contact-interop", migrate: contactInterop)
        migrator.registerMigration("v3-trash", migrate: v3Trash)
        migrator.registerMigration("v4-summaries", migrate: v4Summaries)
        migrator.registerMigration("v5-capture", migrate: v5Capture)
        migrator.registerMigration("v6-sync", migrate: v6Sync)
        migrator.registerMigration("v7-team", migrate: v7Team)
        for (identifier, migrate) in extraMigrations {
            migrator.registerMigration(identifier, migrate: migrate)
        }
        return migrator
    }

    /// Contacts, interactions, promises, events, snoozes and the attention cache.
    @Sendable
    static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE contact (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                nickname TEXT NOT NULL DEFAULT '',
                company TEXT NOT NULL DEFAULT '',
                title TEXT NOT NULL DEFAULT '',
                circle TEXT NOT NULL DEFAULT 'network'
                    CHECK (circle IN ('inner', 'active', 'network', 'acquaintance', 'archived')),
                cadence_ideal_days INTEGER CHECK (cadence_ideal_days > 0),
                cadence_maximum_days INTEGER CHECK (cadence_maximum_days >= cadence_ideal_days),
                birthday TEXT CHECK (date(birthday, '+0 days') IS birthday OR (birthday GLOB '--[01][0-9]-[0-3][0-9]'
                    AND date('2000' || substr(birthday, 2), '+0 days') IS '2000' || substr(birthday, 2))),
                anniversary TEXT CHECK (date(anniversary, '+0 days') IS anniversary OR (anniversary GLOB '--[01][0-9]-[0-3][0-9]'
                    AND date('2000' || substr(anniversary, 2), '+0 days') IS '2000' || substr(anniversary, 2))),
                met_at TEXT NOT NULL DEFAULT '',
                met_on TEXT CHECK (date(met_on, '+0 days') IS met_on),
                met_via TEXT NOT NULL DEFAULT '',
                drives TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                -- name.folded, then nickname.folded: orders lists by name, ignoring case and accents
                search_name TEXT NOT NULL,
                CHECK ((cadence_ideal_days IS NULL) = (cadence_maximum_days IS NULL))
            );
            CREATE INDEX contact_by_search_name ON contact(search_name);

            -- Folded name and nickname from each word start, for prefix search.
            CREATE TABLE contact_name_key (
                key TEXT NOT NULL,
                contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
                PRIMARY KEY (key, contact_id)
            ) WITHOUT ROWID;
            CREATE INDEX contact_name_key_by_contact ON contact_name_key(contact_id);

            CREATE TABLE contact_email (
                contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                email TEXT NOT NULL,
                -- trimmed and lowercased, for duplicate detection
                email_normalized TEXT NOT NULL,
                PRIMARY KEY (contact_id, position)
            ) WITHOUT ROWID;
            CREATE INDEX contact_email_by_email ON contact_email(email_normalized);

            CREATE TABLE contact_phone (
                contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                phone TEXT NOT NULL,
                -- digits and a leading +, for duplicate detection
                phone_normalized TEXT NOT NULL,
                PRIMARY KEY (contact_id, position)
            ) WITHOUT ROWID;
            CREATE INDEX contact_phone_by_phone ON contact_phone(phone_normalized);

            CREATE TABLE contact_tag (
                contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                tag TEXT NOT NULL,
                PRIMARY KEY (contact_id, position)
            ) WITHOUT ROWID;
            CREATE INDEX contact_tag_by_tag ON contact_tag(tag);

            CREATE TABLE interaction (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                occurred_at INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('meeting', 'call', 'message', 'email', 'intro', 'gift',
                    'help', 'favour-asked', 'pitch', 'social', 'event', 'note')),
                direction TEXT NOT NULL CHECK (direction IN ('give', 'ask', 'neutral')),
                summary TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX interaction_by_time ON interaction(occurred_at);

            -- Who took part. occurred_at is copied from interaction (kept equal by
            -- a trigger) so that "last interactions with X" is one index range scan.
            CREATE TABLE interaction_contact (
                interaction_id INTEGER NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
                occurred_at INTEGER NOT NULL,
                PRIMARY KEY (interaction_id, position),
                UNIQUE (interaction_id, contact_id)
            ) WITHOUT ROWID;
            CREATE INDEX interaction_contact_by_contact_time
                ON interaction_contact(contact_id, occurred_at, interaction_id);
            CREATE TRIGGER interaction_time_follows AFTER UPDATE OF occurred_at ON interaction
            BEGIN
                UPDATE interaction_contact SET occurred_at = NEW.occurred_at WHERE interaction_id = NEW.id;
            END;

            CREATE TABLE promise (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                owner TEXT NOT NULL CHECK (owner IN ('mine', 'theirs')),
                due TEXT CHECK (date(due, '+0 days') IS due),
                created_at INTEGER NOT NULL,
                interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL,
                done_at INTEGER
            );
            CREATE INDEX promise_open_by_due ON promise(due, created_at) WHERE done_at IS NULL;
            CREATE INDEX promise_by_contact ON promise(contact_id, created_at);
            CREATE INDEX promise_by_interaction ON promise(interaction_id);

            CREATE TABLE event (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                -- name.folded, for prefix search
                search_name TEXT NOT NULL,
                start_at INTEGER NOT NULL,
                location TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX event_by_start ON event(start_at);
            CREATE INDEX event_by_search_name ON event(search_name);

            CREATE TABLE event_attendee (
                event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
                PRIMARY KEY (event_id, position),
                UNIQUE (event_id, contact_id)
            ) WITHOUT ROWID;
            CREATE INDEX event_attendee_by_contact ON event_attendee(contact_id);

            CREATE TABLE snooze (
                contact_id INTEGER PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
                until TEXT NOT NULL CHECK (date(until, '+0 days') IS until)
            );

            -- Scores computed in the background; a cache, rebuilt whole on every run.
            CREATE TABLE attention (
                contact_id INTEGER PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
                score REAL NOT NULL,
                level INTEGER NOT NULL CHECK (level IN (0, 1, 2)),
                reasons TEXT NOT NULL, -- JSON array of Domain.Reason
                last_touch_at INTEGER,
                days_since_touch INTEGER,
                cadence_ideal_days INTEGER,
                cadence_maximum_days INTEGER,
                touches INTEGER NOT NULL,
                snoozed_until TEXT CHECK (date(snoozed_until, '+0 days') IS snoozed_until),
                computed_at INTEGER NOT NULL
            );
            CREATE INDEX attention_by_score ON attention(score DESC);

            -- Single values about the whole book (e.g. when scores were last computed).
            CREATE TABLE meta (
                key TEXT PRIMARY KEY NOT NULL,
                value
            ) WITHOUT ROWID;
            """)
    }

    /// The trash: a deleted contact with everything that went with it, kept
    /// 30 days so that a delete can be undone (`rapport restore`).
    ///
    /// `payload` holds the deleted rows as JSON, one array per table
    /// (`{"contact": [{…}], "promise": […], …}`), written and read back by
    /// SQLite's JSON functions, so values keep their SQLite types.
    @Sendable
    static func v3Trash(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE trash (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                contact_id INTEGER NOT NULL,
                name TEXT NOT NULL,
                deleted_at INTEGER NOT NULL,
                payload TEXT NOT NULL CHECK (json_valid(payload))
            );
            CREATE INDEX trash_by_deleted_at ON trash(deleted_at);
            CREATE INDEX trash_by_contact ON trash(contact_id);
            """)
    }
}
