import Domain
import Foundation
import GRDB

// Capture's reads and writes: sources, what was read of them, messages, and
// the touches and events they add. The rules (who is a touch, threads,
// days) are the caller's; this file keeps them idempotent: a message once,
// a touch per key, nothing a tombstone names.

extension StoreTransaction {
    // MARK: Sources

    /// The source at `path`, created on first use.
    /// - throws: `StoreError.invalidData` when the path is captured as the other kind.
    public func captureSource(kind: CaptureSource.Kind, path: String) throws -> CaptureSource {
        if let found = try captureSource(path: path) {
            guard found.kind == kind else {
                throw StoreError.invalidData("\(path) is captured as \(found.kind.rawValue), not \(kind.rawValue)")
            }
            return found
        }
        try db.execute(sql: "INSERT INTO capture_source (kind, path) VALUES (?, ?)", arguments: [kind.rawValue, path])
        return CaptureSource(id: db.lastInsertedRowID, kind: kind, path: path, readAt: nil)
    }

    public func captureSource(path: String) throws -> CaptureSource? {
        try SQLRow.fetchOne(db, sql: "SELECT id, kind, path, read_at FROM capture_source WHERE path = ?",
                         arguments: [path]).map(Self.captureSource)
    }

    public func captureSources() throws -> [CaptureSource] {
        try SQLRow.fetchAll(db, sql: "SELECT id, kind, path, read_at FROM capture_source ORDER BY path")
            .map(Self.captureSource)
    }

    public func markRead(sourceID: Int64, at date: Date) throws {
        try db.execute(sql: "UPDATE capture_source SET read_at = ? WHERE id = ?",
                       arguments: [Columns.micros(date), sourceID])
    }

    /// Removes a source and everything it added: its touches, events,
    /// messages, tombstones and what was read.
    public func forgetCaptureSource(id: Int64) throws -> ForgottenCapture {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [id]) ?? 0 }
        let forgotten = ForgottenCapture(
            interactions: try count("SELECT count(*) FROM interaction WHERE capture_source = ?"),
            events: try count("SELECT count(*) FROM event WHERE capture_source = ?"),
            messages: try count("SELECT count(*) FROM mail_message WHERE source_id = ?"))
        try db.execute(sql: "DELETE FROM capture_source WHERE id = ?", arguments: [id])
        return forgotten
    }

    private static func captureSource(_ row: SQLRow) -> CaptureSource {
        CaptureSource(id: row[0], kind: CaptureSource.Kind(rawValue: row[1]) ?? .mail, path: row[2],
                      readAt: (row[3] as Int64?).map(Columns.date(micros:)))
    }

    // MARK: Files read

    public func captureFiles(sourceID: Int64) throws -> [String: CaptureFileState] {
        var files: [String: CaptureFileState] = [:]
        let rows = try SQLRow.fetchCursor(db, sql: """
            SELECT name, size, modified_at, "offset", recheck_at FROM capture_file WHERE source_id = ?
            """, arguments: [sourceID])
        while let row = try rows.next() {
            files[row[0]] = CaptureFileState(size: row[1], modifiedAt: row[2], offset: row[3],
                                             recheckAt: (row[4] as Int64?).map(Columns.date(micros:)))
        }
        return files
    }

    public func saveCaptureFile(sourceID: Int64, name: String, _ state: CaptureFileState) throws {
        try db.cachedStatement(sql: """
            INSERT INTO capture_file (source_id, name, size, modified_at, "offset", recheck_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (source_id, name) DO UPDATE SET size = excluded.size, modified_at = excluded.modified_at,
                "offset" = excluded."offset", recheck_at = excluded.recheck_at
            """).execute(arguments: [sourceID, name, state.size, state.modifiedAt, state.offset,
                                     state.recheckAt.map(Columns.micros)])
    }

    public func removeCaptureFile(sourceID: Int64, name: String) throws {
        try db.cachedStatement(sql: "DELETE FROM capture_file WHERE source_id = ? AND name = ?")
            .execute(arguments: [sourceID, name])
    }

    // MARK: Messages

    /// Whether a message with this key was read before, from any source.
    public func isKnownMessage(key: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM mail_message WHERE key = ?)"),
                          arguments: [key]) ?? false
    }

    /// The thread of the first of these messages that was read before.
    public func thread(ofMessages keys: [String]) throws -> String? {
        let statement = try db.cachedStatement(sql: "SELECT thread FROM mail_message WHERE key = ?")
        for key in keys {
            if let thread = try String.fetchOne(statement, arguments: [key]) { return thread }
        }
        return nil
    }

    /// Stores a message and adds its touch (see `touch`); returns the
    /// contacts newly touched, or nil when a message with this key was read
    /// before (from any source): then nothing is written.
    @discardableResult
    public func insert(_ message: CapturedMessage, sourceID: Int64, touchKey: String, summary: String) throws -> Int? {
        try db.cachedStatement(sql: """
            INSERT INTO mail_message (key, source_id, thread, sent_at, subject, from_me) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (key) DO NOTHING
            """).execute(arguments: [message.key, sourceID, message.thread, Columns.micros(message.sentAt),
                                     message.subject, message.fromMe])
        guard db.changesCount > 0 else { return nil }
        let messageID = db.lastInsertedRowID
        let party = try db.cachedStatement(sql: """
            INSERT INTO mail_party (message_id, email, name, applied_contact) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        for each in message.parties {
            try party.execute(arguments: [messageID, each.email, each.name, each.contactID])
        }
        var contacts: [Int64] = []
        for each in message.parties {
            if let id = each.contactID, !contacts.contains(id) { contacts.append(id) }
        }
        return try touch(key: touchKey, sourceID: sourceID, at: message.sentAt, kind: .email,
                         summary: summary, contactIDs: contacts)
    }

    /// Messages whose correspondent has become a contact since they were
    /// read, to be replayed as touches (`markApplied` afterwards).
    ///
    /// - parameter contactIDs: only the addresses of these contacts (those
    ///   changed since the last look); nil for every contact.
    public func unappliedMessages(contactIDs: [Int64]? = nil) throws -> [(message: CapturedMessage, sourceID: Int64)] {
        let only = contactIDs.map { ids in
            " AND p.email IN (SELECT email_normalized FROM contact_email WHERE contact_id IN (\(ids.map(String.init).joined(separator: ","))))"
        } ?? ""
        let rows = try SQLRow.fetchAll(db, sql: """
            SELECT m.key, m.thread, m.sent_at, m.subject, m.from_me, m.source_id, p.email, p.name,
                   (SELECT min(ce.contact_id) FROM contact_email ce WHERE ce.email_normalized = p.email)
            FROM mail_party p JOIN mail_message m ON m.id = p.message_id
            WHERE p.applied_contact IS NULL AND EXISTS (SELECT 1 FROM contact_email ce WHERE ce.email_normalized = p.email)\(only)
            ORDER BY m.sent_at, m.id
            """)
        return rows.map { row in
            let party = CapturedMessage.Party(email: row[6], name: row[7], contactID: row[8])
            return (CapturedMessage(key: row[0], thread: row[1], sentAt: Columns.date(micros: row[2]), subject: row[3],
                                    fromMe: row[4], parties: [party]), row[5])
        }
    }

    public func markApplied(messageKey: String, email: String, contactID: Int64) throws {
        try db.cachedStatement(sql: """
            UPDATE mail_party SET applied_contact = ?
            WHERE message_id = (SELECT id FROM mail_message WHERE key = ?) AND email = ?
            """).execute(arguments: [contactID, messageKey, email])
    }

    // MARK: Touches and events

    /// Adds a captured touch under `key`, or adds the contacts missing from
    /// the one already there; nothing when a tombstone names the key or no
    /// contact is given. Returns the contacts newly touched.
    @discardableResult
    public func touch(key: String, sourceID: Int64, at date: Date, kind: InteractionKind, summary: String,
                      contactIDs: [Int64]) throws -> Int {
        guard !contactIDs.isEmpty else { return 0 }
        // Most keys are new and not buried: try the insert first (one
        // statement), and look further only when it wrote nothing.
        let micros = Columns.micros(date)
        try db.cachedStatement(sql: """
            INSERT INTO interaction (occurred_at, kind, direction, summary, notes, capture_source, capture_key)
            SELECT ?, ?, ?, ?, '', ?, ? WHERE NOT EXISTS (SELECT 1 FROM capture_tombstone WHERE key = ?)
            ON CONFLICT (capture_key) WHERE capture_key IS NOT NULL DO NOTHING
            """).execute(arguments: [micros, kind.rawValue, kind.defaultDirection.rawValue, summary, sourceID, key, key])
        if db.changesCount == 0 {
            guard try !isTombstoned(key),
                  let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM interaction WHERE capture_key = ?"),
                                                    arguments: [key]) else { return 0 }
            let link = try db.cachedStatement(sql: """
                INSERT INTO interaction_contact (interaction_id, position, contact_id, occurred_at)
                SELECT ?, coalesce((SELECT max(position) + 1 FROM interaction_contact WHERE interaction_id = ?), 0), ?,
                       (SELECT occurred_at FROM interaction WHERE id = ?)
                WHERE NOT EXISTS (SELECT 1 FROM interaction_contact WHERE interaction_id = ? AND contact_id = ?)
                """)
            var added = 0
            for id in contactIDs {
                try link.execute(arguments: [existing, existing, id, existing, existing, id])
                added += db.changesCount
            }
            return added
        }
        // A new touch: its links are simply the contacts in order.
        let interactionID = db.lastInsertedRowID
        let link = try db.cachedStatement(sql: """
            INSERT INTO interaction_contact (interaction_id, position, contact_id, occurred_at) VALUES (?, ?, ?, ?)
            """)
        let unique = uniqueIDs(contactIDs)
        for (position, id) in unique.enumerated() {
            try link.execute(arguments: [interactionID, position, id, micros])
        }
        return unique.count
    }

    /// Sets a captured touch to what its source says now (a moved or renamed
    /// meeting, a changed attendee list); adds it when new. Returns whether it changed.
    @discardableResult
    public func updateTouch(key: String, sourceID: Int64, at date: Date, kind: InteractionKind, summary: String,
                            contactIDs: [Int64]) throws -> Bool {
        guard let existing = try SQLRow.fetchOne(db.cachedStatement(sql: """
            SELECT id, occurred_at, summary FROM interaction WHERE capture_key = ?
            """), arguments: [key]) else {
            return try touch(key: key, sourceID: sourceID, at: date, kind: kind, summary: summary,
                             contactIDs: contactIDs) > 0
        }
        let id: Int64 = existing[0]
        let linked = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT contact_id FROM interaction_contact WHERE interaction_id = ? ORDER BY position
            """), arguments: [id])
        let wanted = uniqueIDs(contactIDs)
        if existing[1] == Columns.micros(date), existing[2] == summary, Set(linked) == Set(wanted) { return false }
        if wanted.isEmpty {
            try db.execute(sql: "DELETE FROM interaction WHERE id = ?", arguments: [id])
            return true
        }
        try db.execute(sql: "UPDATE interaction SET occurred_at = ?, summary = ? WHERE id = ?",
                       arguments: [Columns.micros(date), summary, id])
        try db.execute(sql: "DELETE FROM interaction_contact WHERE interaction_id = ? AND contact_id NOT IN (\(wanted.map(String.init).joined(separator: ",")))",
                       arguments: [id])
        _ = try touch(key: key, sourceID: sourceID, at: date, kind: kind, summary: summary, contactIDs: wanted)
        return true
    }

    /// Adds or updates a captured event; returns whether anything changed.
    @discardableResult
    public func upsertCapturedEvent(key: String, sourceID: Int64, name: String, startAt: Date,
                                    contactIDs: [Int64]) throws -> Bool {
        guard try !isTombstoned(key) else { return false }
        let wanted = uniqueIDs(contactIDs)
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM event WHERE capture_key = ?"), arguments: [key]),
           var event = try event(id: id) {
            // The user's location and notes stay; the calendar owns the rest.
            if event.name == name, event.start == Columns.normalized(startAt), event.attendeeIDs == wanted { return false }
            event.name = name
            event.start = startAt
            event.attendeeIDs = wanted
            try update(event)
            return true
        }
        let event = try insert(Event(name: name, start: startAt, attendeeIDs: wanted))
        try db.cachedStatement(sql: "UPDATE event SET capture_source = ?, capture_key = ? WHERE id = ?")
            .execute(arguments: [sourceID, key, event.id])
        return true
    }

    /// The keys of a source's captured events that start at or after `date`.
    public func capturedEventKeys(sourceID: Int64, startingFrom date: Date) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT capture_key FROM event WHERE capture_source = ? AND start_at >= ? ORDER BY capture_key
            """, arguments: [sourceID, Columns.micros(date)])
    }

    /// Removes what a source no longer holds (a cancelled meeting): no tombstone,
    /// since the source itself says it is gone. Returns the rows removed.
    @discardableResult
    public func removeCaptured(key: String) throws -> Int {
        try db.cachedStatement(sql: "DELETE FROM interaction WHERE capture_key = ?").execute(arguments: [key])
        var removed = db.changesCount
        try db.cachedStatement(sql: "DELETE FROM event WHERE capture_key = ?").execute(arguments: [key])
        removed += db.changesCount
        return removed
    }

    /// The keys of everything a source added (touches and events), so that a
    /// re-run looks up only what it has.
    public func capturedKeys(sourceID: Int64) throws -> Set<String> {
        try Set(String.fetchAll(db, sql: """
            SELECT capture_key FROM interaction WHERE capture_source = ?
            UNION ALL SELECT capture_key FROM event WHERE capture_source = ?
            """, arguments: [sourceID, sourceID]))
    }

    // MARK: Tombstones and provenance

    public func isTombstoned(_ key: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM capture_tombstone WHERE key = ?)"),
                          arguments: [key]) ?? false
    }

    /// Before the user deletes a captured row: remember its key.
    func tombstoneCaptured(in table: String, id: Int64) throws {
        try db.execute(sql: """
            INSERT INTO capture_tombstone (key, source_id)
            SELECT capture_key, capture_source FROM \(table) WHERE id = ? AND capture_key IS NOT NULL
            ON CONFLICT DO NOTHING
            """, arguments: [id])
    }

    /// The source path of each captured interaction among `ids`.
    public func captureSources(ofInteractions ids: [Int64]) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try SQLRow.fetchAll(db, sql: """
            SELECT i.id, s.path FROM interaction i JOIN capture_source s ON s.id = i.capture_source
            WHERE i.id IN (\(ids.map(String.init).joined(separator: ",")))
            """)
        return Dictionary(rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Suggestions

    /// Correspondents who are no contact's address and were not dismissed:
    /// two-way correspondence first, then by messages, then the most recent.
    public func mailSuggestions(limit: Int? = nil) throws -> [MailSuggestion] {
        let rows = try SQLRow.fetchAll(db, sql: """
            SELECT p.email,
                   (SELECT p2.name FROM mail_party p2 JOIN mail_message m2 ON m2.id = p2.message_id
                    WHERE p2.email = p.email AND p2.name <> '' ORDER BY m2.sent_at DESC LIMIT 1),
                   sum(m.from_me), sum(1 - m.from_me), max(m.sent_at)
            FROM mail_party p JOIN mail_message m ON m.id = p.message_id
            WHERE p.applied_contact IS NULL
              AND NOT EXISTS (SELECT 1 FROM contact_email ce WHERE ce.email_normalized = p.email)
              AND NOT EXISTS (SELECT 1 FROM suggestion_dismissed d WHERE d.email = p.email)
            GROUP BY p.email
            ORDER BY (sum(m.from_me) > 0 AND sum(1 - m.from_me) > 0) DESC, count(*) DESC, max(m.sent_at) DESC, p.email
            \(limit.map { "LIMIT \($0)" } ?? "")
            """)
        return rows.map {
            MailSuggestion(email: $0[0], name: $0[1] ?? "", sent: $0[2], received: $0[3],
                           last: Columns.date(micros: $0[4]))
        }
    }

    /// Hides a correspondent from the suggestions for good.
    public func dismissSuggestion(email: String) throws {
        try db.execute(sql: "INSERT INTO suggestion_dismissed (email) VALUES (?) ON CONFLICT DO NOTHING",
                       arguments: [email])
    }

    /// Takes a dismissal back (the dashboard's undo).
    public func undismissSuggestion(email: String) throws {
        try db.execute(sql: "DELETE FROM suggestion_dismissed WHERE email = ?", arguments: [email])
    }

    /// The contact with this lowercased address (the lowest id when two share it).
    public func contactID(withEmail email: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT min(contact_id) FROM contact_email WHERE email_normalized = ?
            """), arguments: [email])
    }
}

extension StoreTransaction {
    static let captureSequenceKey = "capture_seq"

    /// The change sequence when capture last ran to its end: contacts changed
    /// since are the only ones whose stored mail may have become touches.
    public func captureSequence() throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.captureSequenceKey])
    }

    public func setCaptureSequence(_ sequence: Int64) throws {
        try setMeta(Self.captureSequenceKey, sequence)
    }

    static let captureAddressesKey = "capture_addresses"

    /// A fingerprint of every contact's addresses: when it moves, a calendar
    /// read before may name people who are contacts now.
    public func contactAddressFingerprint() throws -> String {
        try String.fetchOne(db, sql: """
            SELECT count(*) || ':' || total(contact_id * length(email_normalized)) || ':' ||
                   total(unicode(email_normalized) * (contact_id % 97 + 1))
            FROM contact_email
            """) ?? ""
    }

    /// The fingerprint when capture last ran to its end.
    public func captureAddresses() throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.captureAddressesKey])
    }

    public func setCaptureAddresses(_ fingerprint: String) throws {
        try setMeta(Self.captureAddressesKey, fingerprint)
    }

    private func setMeta(_ key: String, _ value: some DatabaseValueConvertible) throws {
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [key, value])
    }
}
