import Domain
import Foundation
import GRDB
import GRDBSQLite

/// Many rows written in one transaction with each statement prepared once:
/// what an import of 100,000 cards and the restore of a whole book run on.
///
/// It writes the same rows, through the same tables (so their triggers
/// fire), as `insert(_:)` and `setInterop(_:contactID:)` one by one, minus
/// what a bulk caller has already checked: no `SELECT` before an insert
/// (foreign keys still refuse a link to a missing row) and no `DELETE` of
/// details a new contact cannot have. Name keys are gathered and written in
/// key order when the bulk ends, so that their index is appended to rather
/// than split at random.
///
/// Obtained from `StoreTransaction.bulk(_:)`, valid inside its closure only.
public final class BulkWriter {
    private let db: SQLConnection
    private let contact: SQLStatement
    private let email: SQLStatement
    private let phone: SQLStatement
    private let tag: SQLStatement
    private let nameKey: SQLStatement
    private let interaction: SQLStatement
    private let participant: SQLStatement
    private let promise: SQLStatement
    private let event: SQLStatement
    private let attendee: SQLStatement
    private let snooze: SQLStatement
    /// The tables a bulk writes, whose indexes `bulk(rebuildingIndexes:)` may rebuild.
    static let bulkTablesJSON = """
        ["contact","contact_email","contact_phone","contact_tag","contact_name_key","interaction",\
        "interaction_contact","promise","event","event_attendee","snooze"]
        """
    /// Name keys of the contacts written so far, in contact order.
    private var pendingKeys: [(key: String, contactID: Int64)] = []
    /// Contacts updated after this bulk added them: their keys are already written.
    private var rewritten: Set<Int64> = []
    /// On PostgreSQL, the rows waiting for their multi-row INSERT.
    private let batches: PostgresBatches?

    init(_ db: SQLConnection) throws {
        self.db = db
        batches = db.isPostgres ? PostgresBatches(db) : nil
        contact = try db.makeStatement(sql: """
            INSERT INTO contact (\(Contact.columns), search_name, uid, extras, mail_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        email = try db.makeStatement(sql: """
            INSERT INTO contact_email (contact_id, position, email, email_normalized) VALUES (?, ?, ?, ?)
            """)
        phone = try db.makeStatement(sql: """
            INSERT INTO contact_phone (contact_id, position, phone, phone_normalized) VALUES (?, ?, ?, ?)
            """)
        tag = try db.makeStatement(sql: "INSERT INTO contact_tag (contact_id, position, tag) VALUES (?, ?, ?)")
        nameKey = try db.makeStatement(sql: "INSERT INTO contact_name_key (key, contact_id) VALUES (?, ?)")
        interaction = try db.makeStatement(sql: """
            INSERT INTO interaction (id, occurred_at, kind, direction, summary, notes, member_id, private)
            VALUES (?, ?, ?, ?, ?, ?, coalesce(?, \(db.currentMemberSQL)), ?)
            """)
        participant = try db.makeStatement(sql: """
            INSERT INTO interaction_contact (interaction_id, position, contact_id, occurred_at) VALUES (?, ?, ?, ?)
            """)
        promise = try db.makeStatement(sql: """
            INSERT INTO promise (\(Promise.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, \(db.currentMemberSQL)))
            """)
        event = try db.makeStatement(sql: """
            INSERT INTO event (id, name, search_name, start_at, location, notes) VALUES (?, ?, ?, ?, ?, ?)
            """)
        attendee = try db.makeStatement(sql: "INSERT INTO event_attendee (event_id, position, contact_id) VALUES (?, ?, ?)")
        snooze = try db.makeStatement(sql: "INSERT INTO snooze (contact_id, until) VALUES (?, ?)")
    }

    /// Adds a contact with its interop fields; one with an id keeps it (a restore).
    /// - throws: a constraint error for a taken id or UID, or a field SQLite refuses.
    @discardableResult
    public func insert(_ contact: Contact, interop: ContactInterop = ContactInterop()) throws -> Contact {
        try storeErrors { try insertContact(contact, interop) }
    }

    private func insertContact(_ contact: Contact, _ interop: ContactInterop) throws -> Contact {
        let search = NameKeys.searchName(name: contact.name, nickname: contact.nickname)
        let given = try contact.id ?? batches?.nextID(of: "contact")
        try run(self.contact) { b in
            b.int(given); b.text(contact.name); b.text(contact.nickname); b.text(contact.company); b.text(contact.title)
            b.text(contact.circle.rawValue); b.int(contact.cadenceOverride.map { Int64($0.idealDays) })
            b.int(contact.cadenceOverride.map { Int64($0.maximumDays) }); b.text(contact.birthday?.description)
            b.text(contact.anniversary?.description); b.text(contact.metAt); b.text(contact.metOn?.iso); b.text(contact.metVia)
            b.text(contact.drives); b.text(contact.notes); b.int(contact.archived ? 1 : 0)
            b.int(Columns.micros(contact.createdAt)); b.int(Columns.micros(contact.updatedAt)); b.text(search)
            b.text(interop.uid.flatMap { $0.isEmpty ? nil : $0 }); b.text(interop.storedJSON)
            b.text(NameKeys.mailKey(contact))
        }
        var saved = contact.normalized
        let id = given ?? db.lastInsertedRowID
        saved.id = id
        for (position, value) in contact.emails.enumerated() {
            try run(email) { b in b.int(id); b.int(Int64(position)); b.text(value); b.text(NameKeys.normalizedEmail(value)) }
        }
        for (position, value) in contact.phones.enumerated() {
            try run(phone) { b in b.int(id); b.int(Int64(position)); b.text(value); b.text(NameKeys.normalizedPhone(value)) }
        }
        for (position, value) in contact.tags.enumerated() {
            try run(tag) { b in b.int(id); b.int(Int64(position)); b.text(value) }
        }
        for key in NameKeys.keys(name: contact.name, nickname: contact.nickname) {
            pendingKeys.append((key, id))
        }
        return saved
    }

    /// Replaces every field and the interop fields of the contact with id
    /// `contact.id`, as `update(_:)` and `setInterop(_:contactID:)` do.
    @discardableResult
    public func update(_ contact: Contact, interop: ContactInterop) throws -> Contact {
        try batches?.flush()
        let tx = StoreTransaction(connection: db)
        let saved = try tx.update(contact)
        try tx.setInterop(interop, contactID: contact.id!)
        rewritten.insert(contact.id!)
        return saved
    }

    /// Adds an interaction as it is, id included when set; its contacts must exist.
    /// - returns: its id.
    @discardableResult
    public func insert(_ interaction: Interaction) throws -> Int64 {
        try storeErrors { try insertInteraction(interaction) }
    }

    private func insertInteraction(_ interaction: Interaction) throws -> Int64 {
        let contactIDs = uniqueIDs(interaction.contactIDs)
        guard !contactIDs.isEmpty else { throw StoreError.invalidData("an interaction needs at least one contact") }
        let at = Columns.micros(interaction.occurredAt)
        let given = try interaction.id ?? batches?.nextID(of: "interaction")
        try run(self.interaction) { b in
            b.int(given); b.int(at); b.text(interaction.kind.rawValue); b.text(interaction.direction.rawValue)
            b.text(interaction.summary); b.text(interaction.notes); b.int(interaction.memberID)
            b.int(interaction.isPrivate ? 1 : 0)
        }
        let id = given ?? db.lastInsertedRowID
        for (position, contactID) in contactIDs.enumerated() {
            try run(participant) { b in b.int(id); b.int(Int64(position)); b.int(contactID); b.int(at) }
        }
        return id
    }

    /// Adds a promise as it is; its contact (and interaction, when set) must exist.
    public func insert(_ promise: Promise) throws {
        try storeErrors {
            try run(self.promise) { b in
                b.int(promise.id); b.int(promise.contactID); b.text(promise.text); b.text(promise.owner.rawValue)
                b.text(promise.due?.iso); b.int(Columns.micros(promise.createdAt)); b.int(promise.interactionID)
                b.int(promise.doneAt.map(Columns.micros)); b.int(promise.memberID)
            }
        }
    }

    /// Adds an event with its attendees, who must exist.
    public func insert(_ event: Event) throws {
        try storeErrors { try insertEvent(event) }
    }

    private func insertEvent(_ event: Event) throws {
        try batches?.flush()  // its attendees' contacts first
        try self.event.execute(arguments: [event.id, event.name, event.name.folded, Columns.micros(event.start),
                                           event.location, event.notes])
        let id = db.lastInsertedRowID
        for (position, contactID) in uniqueIDs(event.attendeeIDs).enumerated() {
            try attendee.execute(arguments: [id, position, contactID])
        }
    }

    /// Snoozes a contact that has no snooze yet.
    public func insert(_ snooze: Snooze) throws {
        try storeErrors { try run(self.snooze) { b in b.int(snooze.contactID); b.text(snooze.until.iso) } }
    }

    /// Writes the gathered name keys, sorted by key.
    func finish() throws {
        pendingKeys.sort { $0.key == $1.key ? $0.contactID < $1.contactID : $0.key < $1.key }
        for pending in pendingKeys where !rewritten.contains(pending.contactID) {
            try run(nameKey) { b in b.text(pending.key); b.int(pending.contactID) }
        }
        pendingKeys = []
        try batches?.flush()
    }

    /// Binds `statement`'s parameters in order and runs it, on SQLite's C API:
    /// a million rows through GRDB's `StatementArguments` cost a third of a
    /// restore in boxing and copying. Errors are GRDB's `DatabaseError`, as
    /// `execute` throws them. On PostgreSQL the values go as arguments.
    private func run(_ statement: SQLStatement, _ bind: (inout Binder) -> Void) throws {
        guard let prepared = statement.prepared, case let .sqlite(connection) = db.engine else {
            var binder = Binder(statement: nil)
            bind(&binder)
            if let batches {
                try batches.add(statement, SQLArguments(binder.values).values)
            } else {
                try statement.execute(arguments: SQLArguments(binder.values))
            }
            return
        }
        let handle = prepared.sqliteStatement
        sqlite3_reset(handle)
        var binder = Binder(statement: handle)
        bind(&binder)
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let extended = sqlite3_extended_errcode(connection.sqliteConnection)
            let message = String(cString: sqlite3_errmsg(connection.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code == SQLITE_ROW ? code : extended), message: message,
                                sql: statement.sql)
        }
    }

    /// A row SQLite refuses as the one-line `StoreError.invalidData` a caller can show
    /// next to its line; other errors (disk full…) go on to `Store.write` as they are.
    private func storeErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.wrap(error, path: "")
        }
    }

    private func uniqueIDs(_ ids: [Int64]) -> [Int64] {
        if ids.count < 2 { return ids }
        var seen = Set<Int64>()
        return ids.filter { seen.insert($0).inserted }
    }
}

extension StoreTransaction {
    /// Runs `body` with a `BulkWriter` on this transaction, then writes what
    /// it gathered. SQLite's page cache is raised for the length of the bulk
    /// (64 MB instead of 2), so that a million rows' indexes stay in memory
    /// instead of going back and forth through the WAL.
    ///
    /// - parameter rebuildingIndexes: for a book that starts empty (a
    ///   restore, a first import): the secondary indexes of the tables
    ///   written are dropped first and created again at the end, inside the
    ///   same transaction, so that SQLite builds each by one sort instead of
    ///   a million inserts at random places. Unique indexes stay, so that a
    ///   duplicate is still refused on its own row. Triggers are untouched.
    public func bulk<T>(rebuildingIndexes: Bool = false, _ body: (BulkWriter) throws -> T) throws -> T {
        let previous = try setPageCache(Self.largePageCache)
        defer { _ = try? setPageCache(previous) }
        var deferred: [String] = []
        if rebuildingIndexes && !db.isPostgres {
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))
                ORDER BY name
                """, arguments: [BulkWriter.bulkTablesJSON])
            for row in rows {
                let name: String = row[0], sql: String = row[1]
                guard !sql.uppercased().hasPrefix("CREATE UNIQUE") else { continue }
                try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
                deferred.append(sql)
            }
        }
        let writer = try BulkWriter(db)
        let result = try body(writer)
        try writer.finish()
        for sql in deferred { try db.execute(sql: sql) }
        return result
    }

    /// Runs `body` inside a savepoint: if it throws, what it wrote is undone
    /// and the rest of the transaction stays (an import's `--skip-invalid`
    /// drops one bad file this way).
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint { result = try body() }
        return result!
    }
}

extension ContactInterop {
    /// The `extras` column as stored: `{}` when there is nothing beyond the UID.
    var storedJSON: String {
        extras.isEmpty && emailTypes.allSatisfy(\.isEmpty) && phoneTypes.allSatisfy(\.isEmpty) ? "{}" : json
    }
}

/// Binds values to parameters 1, 2, 3… of a prepared SQLite statement, or,
/// with no statement, gathers them as arguments.
private struct Binder {
    let statement: OpaquePointer?
    var index: Int32 = 0
    var values: [(any DatabaseValueConvertible)?] = []
    /// SQLite copies the bytes (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private static let empty: StaticString = ""

    init(statement: OpaquePointer?) { self.statement = statement }

    mutating func int(_ value: Int64?) {
        index += 1
        guard let statement else { values.append(value); return }
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    mutating func text(_ value: String?) {
        index += 1
        guard let statement else { values.append(value); return }
        guard var value else { sqlite3_bind_null(statement, index); return }
        value.withUTF8 { bytes in
            // An empty buffer may have no address, and a NULL pointer would bind NULL, not ''.
            let pointer = bytes.baseAddress.map(UnsafeRawPointer.init) ?? UnsafeRawPointer(Binder.empty.utf8Start)
            _ = sqlite3_bind_text(statement, index, pointer.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                                  Binder.transient)
        }
    }
}

extension StoreTransaction {
    /// SQLite's page cache for long writes (`PRAGMA cache_size`, negative: KiB).
    public static let largePageCache = -65_536

    /// Sets this connection's page cache and returns the size it had. The
    /// setting outlives the transaction: the caller puts the old one back.
    @discardableResult
    public func setPageCache(_ size: Int) throws -> Int {
        if db.isPostgres { return size }  // the server's cache is its own
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = \(size)")
        return previous
    }
}
