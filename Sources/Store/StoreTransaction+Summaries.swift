import Domain
import Foundation
import GRDB

extension StoreTransaction {
    static let changeSequenceKey = "change_seq"

    /// Ends a write: recomputes the history summaries of the contacts the
    /// transaction changed (`contact_dirty`, filled by triggers), stamps them
    /// with the next change sequence, and empties the dirty set.
    ///
    /// `Store.write` calls it before every commit, so "after each commit the
    /// summaries are right" holds for every write path, bulk ones included:
    /// the work is one ordered index scan over the changed contacts' links.
    func flushChanges() throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM contact_dirty)") == true else { return }
        try db.execute(sql: """
            DELETE FROM contact_summary WHERE contact_id IN (SELECT contact_id FROM contact_dirty)
            """)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO contact_summary (contact_id, interactions, touches, first_touch_at, first_touch_in_person,
                                         last_touch_at, asks_in_a_row)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        // On a server, as multi-row INSERTs: a restore's 100,000 summaries in a hundred round trips.
        let batches = db.isPostgres ? PostgresBatches(db) : nil
        try foldHistories(of: "SELECT contact_id FROM contact_dirty") { id, summary in
            if let batches {
                try batches.add(insert, Self.summaryArguments(id, summary).values)
            } else {
                try insert.execute(arguments: Self.summaryArguments(id, summary))
            }
        }
        try batches?.flush()
        if db.isPostgres { try flushMemberSummaries() }
        let sequence = try changeSequence() + 1
        try db.execute(sql: """
            INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value;
            INSERT INTO contact_change (contact_id, seq) SELECT contact_id, ? FROM contact_dirty WHERE true
                ON CONFLICT (contact_id) DO UPDATE SET seq = excluded.seq;
            DELETE FROM contact_dirty;
            """, arguments: [Self.changeSequenceKey, sequence, sequence])
    }

    /// Folds the interactions of the contacts that `contactIDs` (an SQL query
    /// of one column) selects through `HistorySummary.add`, oldest first,
    /// ties by interaction id, and hands each contact's summary to `body`
    /// in contact id order. Contacts without interactions are not handed.
    func foldHistories(of contactIDs: String?, _ body: (Int64, HistorySummary) throws -> Void) throws {
        let rows = try historyRows(of: contactIDs, columns: "contact_id, occurred_at, kind, direction",
                                   order: "contact_id, occurred_at, interaction_id")
        var current: (id: Int64, summary: HistorySummary)?
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if let done = current, done.id != id {
                try body(done.id, done.summary)
                current = nil
            }
            var summary = current?.summary ?? .empty
            summary.add(at: Columns.date(micros: row[1]),
                        kind: InteractionKind(rawValue: row[2]) ?? .note,
                        direction: Direction(rawValue: row[3]) ?? .neutral)
            current = (id, summary)
        }
        if let done = current { try body(done.id, done.summary) }
    }

    /// The interactions of the contacts `contactIDs` selects (all when nil) as
    /// rows of `columns` in `order`, from what `interaction_contact` and
    /// `interaction` hold (`contact_id`, `member_id`, `occurred_at`, `kind`,
    /// `direction`, `interaction_id`); `membersOnly`: those logged by a
    /// member. On a team's book they come from
    /// `rapport_history`, which counts the private interactions row-level
    /// security hides, so that every member folds the same summaries.
    func historyRows(of contactIDs: String?, columns: String, order: String,
                     membersOnly: Bool = false) throws -> SQLRowCursor {
        if db.isPostgres {
            let ids = try contactIDs.map { jsonArray(try Int64.fetchAll(db, sql: $0)) }
            return try SQLRow.fetchCursor(db, sql: """
                SELECT \(columns) FROM rapport_history(?)\(membersOnly ? " WHERE member_id IS NOT NULL" : "")
                ORDER BY \(order)
                """, arguments: [ids])
        }
        // The join as written, so that SQLite walks interaction_contact_by_contact_time in order.
        func qualified(_ list: String) -> String {
            list.split(separator: ",").map { name in
                let column = name.trimmingCharacters(in: .whitespaces)
                return (["member_id", "kind", "direction"].contains(column) ? "i." : "ic.") + column
            }.joined(separator: ", ")
        }
        let selected = contactIDs.map { "ic.contact_id IN (\($0))" } ?? "true"
        let extra = membersOnly ? " AND i.member_id IS NOT NULL" : ""
        return try SQLRow.fetchCursor(db, sql: """
            SELECT \(qualified(columns))
            FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id
            WHERE \(selected)\(extra)
            ORDER BY \(qualified(order))
            """)
    }

    /// The summaries per member of the contacts changed in this transaction.
    private func flushMemberSummaries() throws {
        try db.execute(sql: "DELETE FROM member_summary WHERE contact_id IN (SELECT contact_id FROM contact_dirty)")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO member_summary (contact_id, member_id, \(Self.summaryColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let rows = try historyRows(of: "SELECT contact_id FROM contact_dirty",
                                   columns: "contact_id, member_id, occurred_at, kind, direction",
                                   order: "contact_id, member_id, occurred_at, interaction_id",
                                   membersOnly: true)
        var current: (contact: Int64, member: Int64, summary: HistorySummary)?
        let batches = PostgresBatches(db)
        func write(_ done: (contact: Int64, member: Int64, summary: HistorySummary)) throws {
            var arguments = Self.summaryArguments(done.contact, done.summary)
            arguments.values.insert(done.member.databaseValue, at: 1)
            try batches.add(insert, arguments.values)
        }
        while let row = try rows.next() {
            let contact: Int64 = row[0], member: Int64 = row[1]
            if let done = current, done.contact != contact || done.member != member {
                try write(done)
                current = nil
            }
            var summary = current?.summary ?? .empty
            summary.add(at: Columns.date(micros: row[2]), kind: InteractionKind(rawValue: row[3]) ?? .note,
                        direction: Direction(rawValue: row[4]) ?? .neutral)
            current = (contact, member, summary)
        }
        if let done = current { try write(done) }
        try batches.flush()
    }

    static func summaryArguments(_ id: Int64, _ s: HistorySummary) -> SQLArguments {
        [id, s.interactions, s.touches, s.firstTouch.map(Columns.micros), s.firstTouchInPerson,
         s.lastTouch.map(Columns.micros), s.asksInARow]
    }

    static func summary(_ row: SQLRow, from column: Int) -> HistorySummary {
        HistorySummary(interactions: row[column], touches: row[column + 1],
                       firstTouch: (row[column + 2] as Int64?).map(Columns.date(micros:)),
                       firstTouchInPerson: row[column + 3], lastTouch: (row[column + 4] as Int64?).map(Columns.date(micros:)),
                       asksInARow: row[column + 5])
    }

    static let summaryColumns = "interactions, touches, first_touch_at, first_touch_in_person, last_touch_at, asks_in_a_row"

    // MARK: Reading

    /// The number of the last commit that changed a contact (0 on a new book).
    /// It only grows; compare it with `contactsChanged(since:)`.
    public func changeSequence() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.changeSequenceKey]) ?? 0
    }

    /// Contacts changed by commits after `sequence`, deleted ones included.
    public func contactsChanged(since sequence: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT contact_id FROM contact_change WHERE seq > ? ORDER BY contact_id",
                           arguments: [sequence])
    }

    /// The stored history summary of each contact with interactions (`ids`:
    /// just those); with `member`, of that member's interactions only (a
    /// team's book: the member's own view of who needs attention).
    public func historySummaries(ids: [Int64]? = nil, member: Int64? = nil) throws -> [Int64: HistorySummary] {
        var conditions: [String] = []
        var arguments = SQLArguments()
        if let ids { conditions.append("contact_id IN (SELECT value FROM json_each(?))"); arguments += [jsonArray(ids)] }
        if let member { conditions.append("member_id = ?"); arguments += [member] }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let table = member == nil ? "contact_summary" : "member_summary"
        var result: [Int64: HistorySummary] = [:]
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT contact_id, \(Self.summaryColumns) FROM \(table)\(filter)",
                                       arguments: arguments)
        while let row = try rows.next() { result[row[0]] = Self.summary(row, from: 1) }
        return result
    }

    /// The contacts anyone has interactions with (`ids`: among those).
    public func contactIDsWithHistory(ids: [Int64]? = nil) throws -> Set<Int64> {
        let filter = ids == nil ? "" : " WHERE contact_id IN (SELECT value FROM json_each(?))"
        return Set(try Int64.fetchAll(db, sql: "SELECT contact_id FROM contact_summary\(filter)",
                                      arguments: ids.map { [jsonArray($0)] } ?? []))
    }

    /// One contact's history summary (`.empty` without interactions).
    public func historySummary(contactID: Int64) throws -> HistorySummary {
        try SQLRow.fetchOne(db, sql: "SELECT \(Self.summaryColumns) FROM contact_summary WHERE contact_id = ?",
                         arguments: [contactID]).map { Self.summary($0, from: 0) } ?? .empty
    }
}

/// A contact whose stored history summary differs from its history.
public struct SummaryMismatch: Sendable, Equatable, CustomStringConvertible {
    public let contactID: Int64
    public let stored: HistorySummary?
    public let recomputed: HistorySummary?

    public var description: String {
        func show(_ s: HistorySummary?) -> String {
            guard let s else { return "none" }
            return "\(s.interactions) interactions, \(s.touches) touches, last \(s.lastTouch.map { "\(Columns.micros($0))" } ?? "-"), "
                + "first \(s.firstTouch.map { "\(Columns.micros($0))" } ?? "-")\(s.firstTouchInPerson ? " in person" : ""), "
                + "\(s.asksInARow) asks in a row"
        }
        return "contact #\(contactID): stored \(show(stored)); from its interactions \(show(recomputed))"
    }
}

extension StoreTransaction {
    /// Recomputes every summary from the interactions and lists where the
    /// stored ones differ: empty on a healthy book.
    public func summaryMismatches() throws -> [SummaryMismatch] {
        var stored = try historySummaries()
        var mismatches: [SummaryMismatch] = []
        try foldHistories(of: nil) { id, recomputed in
            let kept = stored.removeValue(forKey: id)
            if kept != recomputed.normalized {
                mismatches.append(SummaryMismatch(contactID: id, stored: kept, recomputed: recomputed))
            }
        }
        for (id, kept) in stored { mismatches.append(SummaryMismatch(contactID: id, stored: kept, recomputed: nil)) }
        let dirty = try Int64.fetchAll(db, sql: "SELECT contact_id FROM contact_dirty")
        for id in dirty where !mismatches.contains(where: { $0.contactID == id }) {
            mismatches.append(SummaryMismatch(contactID: id, stored: stored[id], recomputed: nil))
        }
        return mismatches.sorted { $0.contactID < $1.contactID }
    }

    /// SQLite's own `integrity_check` and foreign key check: empty when the file is sound.
    /// A PostgreSQL server checks its pages and keys itself (constraints are
    /// never deferred or switched off): there, every constraint must be valid.
    public func integrityProblems() throws -> [String] {
        if db.isPostgres {
            return try String.fetchAll(db, sql: """
                SELECT 'constraint ' || conname || ' on ' || conrelid::regclass::text || ' is not validated'
                FROM pg_constraint WHERE NOT convalidated AND connamespace = current_schema()::regnamespace
                """)
        }
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        let keys = try SQLRow.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
            "foreign key: \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) points to a missing \(row[2] as String? ?? "?")"
        }
        return integrity + keys
    }
}

extension HistorySummary {
    /// As stored: instants at microsecond resolution.
    var normalized: HistorySummary {
        var s = self
        s.firstTouch = Columns.normalized(firstTouch)
        s.lastTouch = Columns.normalized(lastTouch)
        return s
    }
}

extension StoreTransaction {
    /// The contacts with these ids (those that still exist), by id.
    public func contacts(ids: [Int64]) throws -> [Contact] {
        guard !ids.isEmpty else { return [] }
        return try loadContacts(where: "id IN (SELECT value FROM json_each(?))", arguments: [jsonArray(ids)],
                                orderBy: "id")
    }

    /// Every promise of these contacts (nil: of everyone), by id.
    public func promises(contactIDs ids: [Int64]?) throws -> [Promise] {
        guard let ids else {
            return try SQLRow.fetchAll(db, sql: "SELECT \(Promise.columns) FROM promise ORDER BY id").map(Promise.init(row:))
        }
        guard !ids.isEmpty else { return [] }
        return try SQLRow.fetchAll(db, sql: """
            SELECT \(Promise.columns) FROM promise WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY id
            """, arguments: [jsonArray(ids)]).map(Promise.init(row:))
    }

    /// The snoozes of these contacts.
    public func snoozes(contactIDs ids: [Int64]) throws -> [Snooze] {
        guard !ids.isEmpty else { return [] }
        return try SQLRow.fetchAll(db, sql: """
            SELECT contact_id, until FROM snooze WHERE contact_id IN (SELECT value FROM json_each(?))
            """, arguments: [jsonArray(ids)]).compactMap { row in
            Columns.day(row[1]).map { Snooze(contactID: row[0], until: $0) }
        }
    }
}

extension StoreTransaction {
    public func interactionCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM interaction") ?? 0
    }
}

extension StoreTransaction {
    /// What scoring reads of these contacts (nil: of every contact), from one
    /// narrow query: no names, notes or emails.
    public func scoringFacts(ids: [Int64]? = nil) throws -> [ScoringFacts] {
        let filter = ids == nil ? "" : " WHERE id IN (SELECT value FROM json_each(?))"
        let arguments: SQLArguments = ids.map { [jsonArray($0)] } ?? []
        var facts: [ScoringFacts] = []
        let rows = try SQLRow.fetchCursor(db, sql: """
            SELECT id, circle, cadence_ideal_days, cadence_maximum_days, met_on, created_at, birthday, anniversary, archived
            FROM contact\(filter)
            """, arguments: arguments)
        while let row = try rows.next() {
            let ideal: Int? = row[2]
            let maximum: Int? = row[3]
            facts.append(ScoringFacts(
                id: row[0], circle: Circle(rawValue: row[1]) ?? .network,
                cadenceOverride: ideal.flatMap { ideal in maximum.map { Cadence(idealDays: ideal, maximumDays: $0) } },
                metOn: Columns.day(row[4]), createdAt: Columns.date(micros: row[5]),
                birthday: Columns.recurring(row[6]), anniversary: Columns.recurring(row[7]), archived: row[8]))
        }
        return facts
    }

    /// Every contact id in name order (ignoring case and accents, ties by id), from the name index.
    public func contactIDsByName() throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM contact ORDER BY search_name, id")
    }

    /// What orders contacts by name in `contactIDsByName`, compared as UTF-8 bytes.
    public static func nameSortKey(_ contact: Contact) -> String {
        NameKeys.searchName(name: contact.name, nickname: contact.nickname)
    }
}
