import GRDB

extension Schema {
    /// What import and export keep about a contact beyond Domain's fields:
    /// the UID of the card it came from (to match it on the next import) and
    /// the card's extras as JSON (foreign `X-` properties, URL, ADR…, the
    /// TYPEs of emails and phones), so that an export gives them back.
    ///
    /// A UID names one contact at most; `extras` is always a JSON object.
    @Sendable
    static func contactInterop(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE contact ADD COLUMN uid TEXT CHECK (uid IS NULL OR length(uid) > 0);
            ALTER TABLE contact ADD COLUMN extras TEXT NOT NULL DEFAULT '{}'
                CHECK (json_valid(extras) AND json_type(extras) = 'object');
            CREATE UNIQUE INDEX contact_by_uid ON contact(uid) WHERE uid IS NOT NULL;
            """)
    }
}
