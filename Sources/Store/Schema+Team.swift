import GRDB

extension Schema {
    /// Members of a team's book, who logged each interaction and made each
    /// promise, private interactions, and history summaries per member.
    ///
    /// A file is one person's book: its rows have no member (NULL) and
    /// `member_summary` stays empty. The columns exist so that a book moved
    /// between a file and a server (`rapport migrate`) keeps them. On
    /// PostgreSQL (`PostgresSchema.v7Team`) the member is the connected role,
    /// and row-level security hides a private interaction from the others.
    @Sendable
    static func v7Team(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE member (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                role TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL DEFAULT '',
                emails TEXT NOT NULL DEFAULT ''
            );
            ALTER TABLE interaction ADD COLUMN member_id INTEGER REFERENCES member(id) ON DELETE SET NULL;
            ALTER TABLE interaction ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
            ALTER TABLE promise ADD COLUMN member_id INTEGER REFERENCES member(id) ON DELETE SET NULL;
            CREATE TABLE member_summary (
                contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
                member_id INTEGER NOT NULL REFERENCES member(id) ON DELETE CASCADE,
                \(summaryColumnsDDL),
                PRIMARY KEY (contact_id, member_id)
            ) WITHOUT ROWID;
            """)
    }

    /// The history summary's columns, as `contact_summary` has them.
    static let summaryColumnsDDL = """
        interactions INTEGER NOT NULL CHECK (interactions > 0),
                touches INTEGER NOT NULL,
                first_touch_at INTEGER,
                first_touch_in_person INTEGER NOT NULL CHECK (first_touch_in_person IN (0, 1)),
                last_touch_at INTEGER,
                asks_in_a_row INTEGER NOT NULL
        """
}
