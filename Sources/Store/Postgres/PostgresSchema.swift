/// rapport's schema for the PostgreSQL backend: the same migrations, by the
/// same ids and in the same order, as `Schema` (SQLite), each written as
/// PostgreSQL DDL that gives the Store's SQL text (SQLite's dialect,
/// translated mechanically) the same tables, columns, constraints, indexes
/// and triggers.
///
/// How SQLite's schema maps here:
/// - INTEGER is `bigint`, REAL `double precision`, TEXT `text COLLATE "C"`
///   (SQLite's BINARY collation: byte order, so `ORDER BY search_name` and
///   the name-key ranges match), an untyped column (`meta.value`) `text`.
///   Booleans stay `bigint` 0/1 with their CHECKs, as SQLite stores them.
/// - `INTEGER PRIMARY KEY AUTOINCREMENT` (and `mail_message.id`, a rowid
///   that SQLite fills): a `bigint` primary key filled from its own
///   sequence by a BEFORE INSERT trigger (`rapport_assign_id`) when the
///   insert gives no id (NULL); an explicit id (a backup re-imported with its
///   ids) moves the sequence past it, so that a later id is never one used
///   before. A trigger rather than a DEFAULT: the Store inserts `id = NULL`.
/// - Day CHECKs (`date(x, '+0 days') IS x`, and the `--MM-DD` form) call
///   `rapport_is_day` / `rapport_is_recurring_day`; JSON CHECKs call
///   `rapport_json_valid` / `rapport_json_type`.
/// - Triggers are plpgsql trigger functions with the same effect. The
///   change-log marks (`*_marks_*`) of tables owned by one contact are
///   statement triggers over transition tables (one INSERT per statement,
///   however many rows a cascade or a merge touches); `INSERT … WHERE NOT
///   EXISTS` becomes `ON CONFLICT DO NOTHING`. Triggers `UPDATE OF` columns
///   are row triggers, as PostgreSQL allows no transition table there.
/// - `WITHOUT ROWID` is dropped; partial indexes are kept as they are.
/// - Functions that the Store's queries call and PostgreSQL lacks are
///   created in "v1": `instr`, `unicode` and the aggregate `total`.
///
/// The runner keeps its own table of applied ids (`rapport_migrations`) and
/// runs each migration in a transaction. Migrations after v1 assume the
/// book they upgrade is empty (a PostgreSQL book is created with all of
/// them at once): "v4-summaries" refuses a book with contacts, whose
/// `mail_key` and summaries would need the computing that `Schema.v4Summaries`
/// does in Swift.
enum PostgresSchema {
    static let migrations: [(id: String, sql: String)] = [
        ("v1", v1),
        ("contact-interop", contactInterop),
        ("v3-trash", v3Trash),
        ("v4-summaries", v4Summaries),
        ("v5-capture", v5Capture),
        ("v6-sync", v6Sync),
        ("v7-team", v7Team),
    ]

    /// The trigger that fills `table.id` from `table_id_seq` (created with the table, after it).
    private static func assignsID(_ table: String) -> String {
        """

        CREATE SEQUENCE \(table)_id_seq OWNED BY \(table).id;
        CREATE TRIGGER \(table)_assigns_id BEFORE INSERT ON \(table)
            FOR EACH ROW EXECUTE FUNCTION rapport_assign_id('\(table)_id_seq');
        """
    }

    // MARK: v1

    /// SQLite's functions that the Store's queries call, the helpers the
    /// CHECKs and triggers use, then contacts, interactions, promises,
    /// events, snoozes, the attention cache and meta.
    static let v1 = functions + #"""
        CREATE TABLE contact (
            id bigint PRIMARY KEY,
            name text COLLATE "C" NOT NULL,
            nickname text COLLATE "C" NOT NULL DEFAULT '',
            company text COLLATE "C" NOT NULL DEFAULT '',
            title text COLLATE "C" NOT NULL DEFAULT '',
            circle text COLLATE "C" NOT NULL DEFAULT 'network'
                CHECK (circle IN ('inner', 'active', 'network', 'acquaintance', 'archived')),
            cadence_ideal_days bigint CHECK (cadence_ideal_days > 0),
            cadence_maximum_days bigint,
            birthday text COLLATE "C"
                CHECK (birthday IS NULL OR rapport_is_day(birthday) OR rapport_is_recurring_day(birthday)),
            anniversary text COLLATE "C"
                CHECK (anniversary IS NULL OR rapport_is_day(anniversary) OR rapport_is_recurring_day(anniversary)),
            met_at text COLLATE "C" NOT NULL DEFAULT '',
            met_on text COLLATE "C" CHECK (met_on IS NULL OR rapport_is_day(met_on)),
            met_via text COLLATE "C" NOT NULL DEFAULT '',
            drives text COLLATE "C" NOT NULL DEFAULT '',
            notes text COLLATE "C" NOT NULL DEFAULT '',
            archived bigint NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL,
            -- name.folded, then nickname.folded: orders lists by name, ignoring case and accents
            search_name text COLLATE "C" NOT NULL,
            CHECK (cadence_maximum_days >= cadence_ideal_days),
            CHECK ((cadence_ideal_days IS NULL) = (cadence_maximum_days IS NULL))
        );
        CREATE INDEX contact_by_search_name ON contact(search_name);

        -- Folded name and nickname from each word start, for prefix search.
        CREATE TABLE contact_name_key (
            key text COLLATE "C" NOT NULL,
            contact_id bigint NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            PRIMARY KEY (key, contact_id)
        );
        CREATE INDEX contact_name_key_by_contact ON contact_name_key(contact_id);

        CREATE TABLE contact_email (
            contact_id bigint NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            position bigint NOT NULL,
            email text COLLATE "C" NOT NULL,
            -- trimmed and lowercased, for duplicate detection
            email_normalized text COLLATE "C" NOT NULL,
            PRIMARY KEY (contact_id, position)
        );
        CREATE INDEX contact_email_by_email ON contact_email(email_normalized);

        CREATE TABLE contact_phone (
            contact_id bigint NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            position bigint NOT NULL,
            phone text COLLATE "C" NOT NULL,
            -- digits and a leading +, for duplicate detection
            phone_normalized text COLLATE "C" NOT NULL,
            PRIMARY KEY (contact_id, position)
        );
        CREATE INDEX contact_phone_by_phone ON contact_phone(phone_normalized);

        CREATE TABLE contact_tag (
            contact_id bigint NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            position bigint NOT NULL,
            tag text COLLATE "C" NOT NULL,
            PRIMARY KEY (contact_id, position)
        );
        CREATE INDEX contact_tag_by_tag ON contact_tag(tag);

        CREATE TABLE interaction (
            id bigint PRIMARY KEY,
            occurred_at bigint NOT NULL,
            kind text COLLATE "C" NOT NULL CHECK (kind IN ('meeting', 'call', 'message', 'email', 'intro', 'gift',
                'help', 'favour-asked', 'pitch', 'social', 'event', 'note')),
            direction text COLLATE "C" NOT NULL CHECK (direction IN ('give', 'ask', 'neutral')),
            summary text COLLATE "C" NOT NULL DEFAULT '',
            notes text COLLATE "C" NOT NULL DEFAULT ''
        );
        CREATE INDEX interaction_by_time ON interaction(occurred_at);

        -- Who took part. occurred_at is copied from interaction (kept equal by
        -- a trigger) so that "last interactions with X" is one index range scan.
        CREATE TABLE interaction_contact (
            interaction_id bigint NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,
            position bigint NOT NULL,
            contact_id bigint NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            occurred_at bigint NOT NULL,
            PRIMARY KEY (interaction_id, position),
            UNIQUE (interaction_id, contact_id)
        );
        CREATE INDEX interaction_contact_by_contact_time
            ON interaction_contact(contact_id, occurred_at, interaction_id);
        CREATE FUNCTION interaction_time_follows() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE interaction_contact SET occurred_at = NEW.occurred_at WHERE interaction_id = NEW.id;
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER interaction_time_follows AFTER UPDATE OF occurred_at ON interaction
            FOR EACH ROW EXECUTE FUNCTION interaction_time_follows();

        CREATE TABLE promise (
            id bigint PRIMARY KEY,
            contact_id bigint NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            text text COLLATE "C" NOT NULL,
            owner text COLLATE "C" NOT NULL CHECK (owner IN ('mine', 'theirs')),
            due text COLLATE "C" CHECK (due IS NULL OR rapport_is_day(due)),
            created_at bigint NOT NULL,
            interaction_id bigint REFERENCES interaction(id) ON DELETE SET NULL,
            done_at bigint
        );
        CREATE INDEX promise_open_by_due ON promise(due, created_at) WHERE done_at IS NULL;
        CREATE INDEX promise_by_contact ON promise(contact_id, created_at);
        CREATE INDEX promise_by_interaction ON promise(interaction_id);

        CREATE TABLE event (
            id bigint PRIMARY KEY,
            name text COLLATE "C" NOT NULL,
            -- name.folded, for prefix search
            search_name text COLLATE "C" NOT NULL,
            start_at bigint NOT NULL,
            location text COLLATE "C" NOT NULL DEFAULT '',
            notes text COLLATE "C" NOT NULL DEFAULT ''
        );
        CREATE INDEX event_by_start ON event(start_at);
        CREATE INDEX event_by_search_name ON event(search_name);

        CREATE TABLE event_attendee (
            event_id bigint NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            position bigint NOT NULL,
            contact_id bigint NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            PRIMARY KEY (event_id, position),
            UNIQUE (event_id, contact_id)
        );
        CREATE INDEX event_attendee_by_contact ON event_attendee(contact_id);

        CREATE TABLE snooze (
            contact_id bigint PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
            until text COLLATE "C" NOT NULL CHECK (rapport_is_day(until))
        );

        -- Scores computed in the background; a cache, rebuilt whole on every run.
        CREATE TABLE attention (
            contact_id bigint PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
            score double precision NOT NULL,
            level bigint NOT NULL CHECK (level IN (0, 1, 2)),
            reasons text COLLATE "C" NOT NULL, -- JSON array of Domain.Reason
            last_touch_at bigint,
            days_since_touch bigint,
            cadence_ideal_days bigint,
            cadence_maximum_days bigint,
            touches bigint NOT NULL,
            snoozed_until text COLLATE "C" CHECK (snoozed_until IS NULL OR rapport_is_day(snoozed_until)),
            computed_at bigint NOT NULL
        );
        CREATE INDEX attention_by_score ON attention(score DESC);

        -- Single values about the whole book (e.g. when scores were last computed).
        CREATE TABLE meta (
            key text COLLATE "C" PRIMARY KEY,
            value text
        );
        """# + assignsID("contact") + assignsID("interaction") + assignsID("promise") + assignsID("event")

    /// What v1 creates before its tables.
    private static let functions = #"""
        -- SQLite's functions that the Store's queries call.

        -- instr(X, Y): the 1-based character position of the first Y in X, 0 if none.
        CREATE FUNCTION instr(text, text) RETURNS integer
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $$ SELECT strpos($1, $2) $$;

        -- unicode(X): the code point of X's first character; NULL for ''.
        CREATE FUNCTION unicode(text) RETURNS integer
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $$ SELECT CASE WHEN $1 = '' THEN NULL ELSE ascii($1) END $$;

        -- total(X): the sum of the non-NULL X as a double, 0.0 when there are none.
        CREATE AGGREGATE total(double precision) (
            SFUNC = float8pl, STYPE = double precision, INITCOND = '0',
            COMBINEFUNC = float8pl, PARALLEL = SAFE
        );

        -- The CHECKs' helpers.

        -- A real calendar day written YYYY-MM-DD (years 0000-9999, proleptic
        -- Gregorian), as SQLite's `date(x, '+0 days') IS x` accepts: not
        -- 2023-02-30, not 2023-2-03, not "soon". False for NULL.
        CREATE FUNCTION rapport_is_day(day text) RETURNS boolean
            LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
        DECLARE
            y integer;
            m integer;
            d integer;
        BEGIN
            IF day IS NULL OR day !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
                RETURN false;
            END IF;
            y := substr(day, 1, 4)::integer;
            m := substr(day, 6, 2)::integer;
            d := substr(day, 9, 2)::integer;
            IF m < 1 OR m > 12 OR d < 1 THEN
                RETURN false;
            END IF;
            RETURN d <= CASE
                WHEN m = 2 THEN CASE WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0 THEN 29 ELSE 28 END
                WHEN m IN (4, 6, 9, 11) THEN 30
                ELSE 31
            END;
        END
        $$;

        -- A day of the year without a year, vCard's --MM-DD (--02-29 included). False for NULL.
        CREATE FUNCTION rapport_is_recurring_day(day text) RETURNS boolean
            LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
        BEGIN
            RETURN day IS NOT NULL AND day ~ '^--[01][0-9]-[0-3][0-9]$'
                AND rapport_is_day('2000' || substr(day, 2));
        END
        $$;

        -- SQLite's json_type for valid JSON text ('object', 'array', …, in
        -- PostgreSQL's words), NULL for NULL or text that is not JSON.
        CREATE FUNCTION rapport_json_type(document text) RETURNS text
            LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
        BEGIN
            RETURN json_typeof(document::json);
        EXCEPTION WHEN data_exception THEN
            RETURN NULL;
        END
        $$;

        -- SQLite's json_valid: NULL for NULL.
        CREATE FUNCTION rapport_json_valid(document text) RETURNS boolean
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            AS $$ SELECT rapport_json_type($1) IS NOT NULL $$;

        -- AUTOINCREMENT: fills NEW.id from the sequence named by the trigger's
        -- argument (in the table's schema) when the insert gives none; an
        -- explicit id moves the sequence past it, so no later id reuses it.
        -- setval is not transactional: the lock (until commit) keeps two
        -- writers with explicit ids from moving the sequence back.
        CREATE FUNCTION rapport_assign_id() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            sequence regclass := (quote_ident(TG_TABLE_SCHEMA) || '.' || quote_ident(TG_ARGV[0]))::regclass;
        BEGIN
            IF NEW.id IS NULL THEN
                NEW.id := nextval(sequence);
            ELSIF NEW.id > coalesce(pg_sequence_last_value(sequence), 0) THEN
                PERFORM pg_advisory_xact_lock(sequence::oid::bigint);
                IF NEW.id > coalesce(pg_sequence_last_value(sequence), 0) THEN
                    PERFORM setval(sequence, NEW.id);
                END IF;
            END IF;
            RETURN NEW;
        END
        $$;

        """#

    // MARK: contact-interop

    /// The UID of the card a contact came from and the card's extras (a JSON object).
    static let contactInterop = #"""
        ALTER TABLE contact ADD COLUMN uid text COLLATE "C" CHECK (uid IS NULL OR length(uid) > 0);
        ALTER TABLE contact ADD COLUMN extras text COLLATE "C" NOT NULL DEFAULT '{}'
            CHECK (rapport_json_valid(extras) AND rapport_json_type(extras) = 'object');
        CREATE UNIQUE INDEX contact_by_uid ON contact(uid) WHERE uid IS NOT NULL;
        """#

    // MARK: v3-trash

    /// The trash: a deleted contact with everything that went with it, as JSON.
    static let v3Trash = #"""
        CREATE TABLE trash (
            id bigint PRIMARY KEY,
            contact_id bigint NOT NULL,
            name text COLLATE "C" NOT NULL,
            deleted_at bigint NOT NULL,
            payload text COLLATE "C" NOT NULL CHECK (rapport_json_valid(payload))
        );
        CREATE INDEX trash_by_deleted_at ON trash(deleted_at);
        CREATE INDEX trash_by_contact ON trash(contact_id);
        """# + assignsID("trash")

    // MARK: v4-summaries

    /// (table, contact id column) pairs whose rows belong to one contact, as in `Schema.v4Summaries`.
    private static let owned = [("contact", "id"), ("contact_email", "contact_id"), ("contact_phone", "contact_id"),
                                ("contact_tag", "contact_id"), ("interaction_contact", "contact_id"),
                                ("promise", "contact_id"), ("snooze", "contact_id"), ("event_attendee", "contact_id")]

    /// `table`'s change-log marks: every contact a statement's rows named,
    /// before or after it, is marked dirty. One function, three triggers
    /// named as SQLite's.
    private static func marks(_ table: String, _ column: String) -> String {
        """
        CREATE FUNCTION \(table)_marks() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO contact_dirty (contact_id) SELECT DISTINCT \(column) FROM new_rows
                    ON CONFLICT DO NOTHING;
            ELSIF TG_OP = 'UPDATE' THEN
                INSERT INTO contact_dirty (contact_id)
                    SELECT \(column) FROM old_rows UNION SELECT \(column) FROM new_rows
                    ON CONFLICT DO NOTHING;
            ELSE
                INSERT INTO contact_dirty (contact_id) SELECT DISTINCT \(column) FROM old_rows
                    ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER \(table)_marks_insert AFTER INSERT ON \(table)
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION \(table)_marks();
        CREATE TRIGGER \(table)_marks_update AFTER UPDATE ON \(table)
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION \(table)_marks();
        CREATE TRIGGER \(table)_marks_delete AFTER DELETE ON \(table)
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION \(table)_marks();

        """
    }

    /// Per-contact history summaries, the dirty set its triggers fill, the
    /// change log, and `contact.mail_key`. See `Schema.v4Summaries`.
    static let v4Summaries = #"""
        -- SQLite's migration computes mail_key and the summaries of existing
        -- contacts in Swift; this one is for a book without contacts yet.
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM contact) THEN
                RAISE EXCEPTION 'v4-summaries: this PostgreSQL migration needs a book without contacts';
            END IF;
        END
        $$;

        CREATE TABLE contact_summary (
            contact_id bigint PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
            interactions bigint NOT NULL CHECK (interactions > 0),
            touches bigint NOT NULL,
            first_touch_at bigint,
            first_touch_in_person bigint NOT NULL CHECK (first_touch_in_person IN (0, 1)),
            last_touch_at bigint,
            asks_in_a_row bigint NOT NULL,
            CHECK (touches BETWEEN 0 AND interactions),
            CHECK (asks_in_a_row BETWEEN 0 AND interactions),
            CHECK ((touches = 0) = (last_touch_at IS NULL) AND (touches = 0) = (first_touch_at IS NULL))
        );
        CREATE TABLE contact_dirty (contact_id bigint PRIMARY KEY);
        CREATE TABLE contact_change (
            contact_id bigint PRIMARY KEY,
            seq bigint NOT NULL
        );
        CREATE INDEX contact_change_by_seq ON contact_change(seq);
        -- Folded name, nickname, company and emails, one per line: what a
        -- mail client's address query searches within, in one scan.
        ALTER TABLE contact ADD COLUMN mail_key text COLLATE "C" NOT NULL DEFAULT '';
        CREATE INDEX contact_by_mail_key ON contact(archived, mail_key);

        """# + owned.map { marks($0.0, $0.1) }.joined() + #"""
        -- Rows shared by several contacts mark all of them.
        CREATE FUNCTION interaction_marks_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO contact_dirty (contact_id)
                SELECT contact_id FROM interaction_contact WHERE interaction_id = NEW.id
                ON CONFLICT DO NOTHING;
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER interaction_marks_update AFTER UPDATE OF occurred_at, kind, direction ON interaction
            FOR EACH ROW EXECUTE FUNCTION interaction_marks_update();
        CREATE FUNCTION event_marks_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO contact_dirty (contact_id)
                SELECT contact_id FROM event_attendee WHERE event_id = NEW.id
                ON CONFLICT DO NOTHING;
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER event_marks_update AFTER UPDATE OF name, start_at ON event
            FOR EACH ROW EXECUTE FUNCTION event_marks_update();
        """#

    // MARK: v5-capture

    /// What capture reads from mail and calendars, and what it wrote. See `Schema.v5Capture`.
    ///
    /// `capture_file.offset` is quoted: OFFSET is a reserved word in PostgreSQL.
    static let v5Capture = #"""
        CREATE TABLE capture_source (
            id bigint PRIMARY KEY,
            kind text COLLATE "C" NOT NULL CHECK (kind IN ('mail', 'calendar')),
            path text COLLATE "C" NOT NULL UNIQUE,
            read_at bigint
        );
        CREATE TABLE capture_file (
            source_id bigint NOT NULL REFERENCES capture_source(id) ON DELETE CASCADE,
            name text COLLATE "C" NOT NULL,
            size bigint NOT NULL DEFAULT 0,
            modified_at bigint NOT NULL DEFAULT 0,
            "offset" bigint NOT NULL DEFAULT 0,
            -- a calendar file is read again at this time though unchanged (an event started, a new day)
            recheck_at bigint,
            PRIMARY KEY (source_id, name)
        );
        CREATE TABLE mail_message (
            id bigint PRIMARY KEY,
            key text COLLATE "C" NOT NULL UNIQUE,
            source_id bigint NOT NULL REFERENCES capture_source(id) ON DELETE CASCADE,
            thread text COLLATE "C" NOT NULL,
            sent_at bigint NOT NULL,
            subject text COLLATE "C" NOT NULL,
            from_me bigint NOT NULL CHECK (from_me IN (0, 1))
        );
        CREATE INDEX mail_message_by_source ON mail_message(source_id);
        -- applied_contact: the contact the touch went to (no foreign key: the
        -- trash must not carry these rows); NULL while the address is no contact's.
        CREATE TABLE mail_party (
            message_id bigint NOT NULL REFERENCES mail_message(id) ON DELETE CASCADE,
            email text COLLATE "C" NOT NULL,
            name text COLLATE "C" NOT NULL,
            applied_contact bigint,
            PRIMARY KEY (message_id, email)
        );
        CREATE INDEX mail_party_by_email ON mail_party(email, message_id);
        CREATE INDEX mail_party_unapplied ON mail_party(email) WHERE applied_contact IS NULL;
        CREATE INDEX mail_party_by_contact ON mail_party(applied_contact) WHERE applied_contact IS NOT NULL;
        -- A deleted contact's mail is a correspondent's again: a suggestion, and
        -- touches once more if the address becomes a contact's (or the contact
        -- comes back from the trash, whose restored touches keep their keys).
        CREATE FUNCTION contact_frees_mail() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE mail_party SET applied_contact = NULL WHERE applied_contact = OLD.id;
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER contact_frees_mail AFTER DELETE ON contact
            FOR EACH ROW EXECUTE FUNCTION contact_frees_mail();
        CREATE TABLE suggestion_dismissed (email text COLLATE "C" PRIMARY KEY);
        CREATE TABLE capture_tombstone (
            key text COLLATE "C" PRIMARY KEY,
            source_id bigint NOT NULL REFERENCES capture_source(id) ON DELETE CASCADE
        );
        CREATE INDEX capture_tombstone_by_source ON capture_tombstone(source_id);

        ALTER TABLE interaction ADD COLUMN capture_source bigint REFERENCES capture_source(id) ON DELETE CASCADE;
        ALTER TABLE interaction ADD COLUMN capture_key text COLLATE "C";
        CREATE UNIQUE INDEX interaction_by_capture_key ON interaction(capture_key) WHERE capture_key IS NOT NULL;
        CREATE INDEX interaction_by_capture_source ON interaction(capture_source) WHERE capture_source IS NOT NULL;
        ALTER TABLE event ADD COLUMN capture_source bigint REFERENCES capture_source(id) ON DELETE CASCADE;
        ALTER TABLE event ADD COLUMN capture_key text COLLATE "C";
        CREATE UNIQUE INDEX event_by_capture_key ON event(capture_key) WHERE capture_key IS NOT NULL;
        CREATE INDEX event_by_capture_source ON event(capture_source) WHERE capture_source IS NOT NULL;
        """# + assignsID("capture_source") + assignsID("mail_message")

    // MARK: v6-sync

    /// What `rapport sync vdir` remembers of each folder. See `Schema.v6Sync`.
    static let v6Sync = #"""
        CREATE TABLE sync_vdir (
            id bigint PRIMARY KEY,
            path text COLLATE "C" NOT NULL UNIQUE,
            change_seq bigint NOT NULL DEFAULT 0,
            synced_at bigint
        );
        CREATE TABLE sync_file (
            vdir_id bigint NOT NULL REFERENCES sync_vdir(id) ON DELETE CASCADE,
            name text COLLATE "C" NOT NULL,
            size bigint NOT NULL,
            modified_ns bigint NOT NULL,
            -- a client that writes by rename (vdirsyncer, khard) gives a new inode even within one clock tick
            inode bigint NOT NULL,
            hash bigint NOT NULL,
            contact_id bigint NOT NULL,
            contact_updated_at bigint NOT NULL,
            PRIMARY KEY (vdir_id, name)
        );
        CREATE INDEX sync_file_by_contact ON sync_file(vdir_id, contact_id);
        """# + assignsID("sync_vdir")

    // MARK: v7-team

    /// Members, private interactions and summaries per member. See `Schema.v7Team`.
    ///
    /// - A member is a PostgreSQL role: `rapport_current_member()` is the row
    ///   of `current_user`, made by the Store on its first connection, and
    ///   the default of `member_id` on every new interaction and promise.
    /// - Row-level security hides a private interaction from every role but
    ///   its member's, whatever client reads the table (the owner, who made
    ///   the schema, is not subject to it: teams keep it for administration).
    /// - The summaries count every interaction, private ones too, as dates,
    ///   kinds and directions: `rapport_history` reads them past row-level
    ///   security (SECURITY DEFINER), and gives no text.
    static let v7Team = #"""
        CREATE TABLE member (
            id bigint PRIMARY KEY,
            role text COLLATE "C" NOT NULL UNIQUE,
            name text COLLATE "C" NOT NULL DEFAULT '',
            emails text COLLATE "C" NOT NULL DEFAULT ''
        );
        CREATE FUNCTION rapport_current_member() RETURNS bigint LANGUAGE sql STABLE
            AS $$ SELECT id FROM member WHERE role = current_user $$;
        ALTER TABLE interaction ADD COLUMN member_id bigint DEFAULT rapport_current_member()
            REFERENCES member(id) ON DELETE SET NULL;
        ALTER TABLE interaction ADD COLUMN private bigint NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
        ALTER TABLE interaction ADD CONSTRAINT interaction_private_has_member
            CHECK (private = 0 OR member_id IS NOT NULL);
        ALTER TABLE promise ADD COLUMN member_id bigint DEFAULT rapport_current_member()
            REFERENCES member(id) ON DELETE SET NULL;
        CREATE INDEX interaction_by_member ON interaction(member_id);
        CREATE TABLE member_summary (
            contact_id bigint NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            member_id bigint NOT NULL REFERENCES member(id) ON DELETE CASCADE,
            interactions bigint NOT NULL CHECK (interactions > 0),
            touches bigint NOT NULL,
            first_touch_at bigint,
            first_touch_in_person bigint NOT NULL CHECK (first_touch_in_person IN (0, 1)),
            last_touch_at bigint,
            asks_in_a_row bigint NOT NULL,
            PRIMARY KEY (contact_id, member_id)
        );
        ALTER TABLE interaction ENABLE ROW LEVEL SECURITY;
        CREATE POLICY interaction_private ON interaction
            USING (private = 0 OR member_id = rapport_current_member())
            WITH CHECK (private = 0 OR member_id = rapport_current_member());
        -- ids: a JSON array of contact ids, or NULL for every contact.
        -- Two branches, one of which a one-time filter skips: the function is
        -- planned once for any ids (SECURITY DEFINER is never inlined), and
        -- "ids IS NULL OR contact_id IN (…)" would read every interaction for
        -- the few contacts a write changed; the second branch walks the index.
        -- No JIT: that plan's cost is the whole book's, so the server would
        -- compile it (~20 ms) for every write's few rows.
        CREATE FUNCTION rapport_history(ids text)
            RETURNS TABLE (contact_id bigint, member_id bigint, occurred_at bigint, kind text, direction text,
                           interaction_id bigint)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT SET jit = off AS $$
            SELECT ic.contact_id, i.member_id, ic.occurred_at, i.kind, i.direction, ic.interaction_id
            FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id
            WHERE ids IS NULL
            UNION ALL
            SELECT ic.contact_id, i.member_id, ic.occurred_at, i.kind, i.direction, ic.interaction_id
            FROM (SELECT DISTINCT value::bigint AS id FROM json_array_elements_text(ids::json)) AS wanted
            JOIN interaction_contact ic ON ic.contact_id = wanted.id
            JOIN interaction i ON i.id = ic.interaction_id
            WHERE ids IS NOT NULL
            $$;
        """# + assignsID("member")
}
