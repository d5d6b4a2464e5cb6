import Domain
import Foundation
import GRDB

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
    private let db: Database
    private let contact: Statement
    private let email: Statement
    private let phone: Statement
    private let tag: Statement
    private let nameKey: Statement
    private let interaction: Statement
    private let participant: Statement
    private let promise: Statement
    private let event: Statement
    private let attendee: Statement
    private let snooze: Statement
    /// Name keys of the contacts written so far, in contact order.
    private var pendingKeys: [(key: String, contactID: Int64)] = []
    /// Contacts updated after this bulk added them: their keys are already written.
    private var rewritten: Set<Int64> = []

    init(_ db: Database) throws {
        self.db = db
        contact = try db.makeStatement(sql: """
            INSERT INTO contact (\(Contact.columns), search_name, uid, extras)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
            INSERT INTO interaction (id, occurred_at, kind, direction, summary, notes) VALUES (?, ?, ?, ?, ?, ?)
            """)
        participant = try db.makeStatement(sql: """
            INSERT INTO interaction_contact (interaction_id, position, contact_id, occurred_at) VALUES (?, ?, ?, ?)
            """)
        promise = try db.makeStatement(sql: "INSERT INTO promise (\(Promise.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
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
        var arguments: StatementArguments = [contact.id]
        arguments += contact.rowArguments
        arguments += [interop.uid.flatMap { $0.isEmpty ? nil : $0 }, interop.storedJSON]
        try self.contact.execute(arguments: arguments)
        var saved = contact.normalized
        let id = db.lastInsertedRowID
        saved.id = id
        for (position, value) in contact.emails.enumerated() {
            try email.execute(arguments: [id, position, value, NameKeys.normalizedEmail(value)])
        }
        for (position, value) in contact.phones.enumerated() {
            try phone.execute(arguments: [id, position, value, NameKeys.normalizedPhone(value)])
        }
        for (position, value) in contact.tags.enumerated() {
            try tag.execute(arguments: [id, position, value])
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
        let tx = StoreTransaction(db)
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
        try self.interaction.execute(arguments: [interaction.id, at, interaction.kind.rawValue,
                                                 interaction.direction.rawValue, interaction.summary, interaction.notes])
        let id = db.lastInsertedRowID
        for (position, contactID) in contactIDs.enumerated() {
            try participant.execute(arguments: [id, position, contactID, at])
        }
        return id
    }

    /// Adds a promise as it is; its contact (and interaction, when set) must exist.
    public func insert(_ promise: Promise) throws {
        try storeErrors { try self.promise.execute(arguments: [promise.id, promise.contactID, promise.text, promise.owner.rawValue,
                                             promise.due?.iso, Columns.micros(promise.createdAt), promise.interactionID,
                                             promise.doneAt.map(Columns.micros)]) }
    }

    /// Adds an event with its attendees, who must exist.
    public func insert(_ event: Event) throws {
        try storeErrors { try insertEvent(event) }
    }

    private func insertEvent(_ event: Event) throws {
        try self.event.execute(arguments: [event.id, event.name, event.name.folded, Columns.micros(event.start),
                                           event.location, event.notes])
        let id = db.lastInsertedRowID
        for (position, contactID) in uniqueIDs(event.attendeeIDs).enumerated() {
            try attendee.execute(arguments: [id, position, contactID])
        }
    }

    /// Snoozes a contact that has no snooze yet.
    public func insert(_ snooze: Snooze) throws {
        try storeErrors { try self.snooze.execute(arguments: [snooze.contactID, snooze.until.iso]) }
    }

    /// Writes the gathered name keys, sorted by key.
    func finish() throws {
        pendingKeys.sort { $0.key == $1.key ? $0.contactID < $1.contactID : $0.key < $1.key }
        for pending in pendingKeys where !rewritten.contains(pending.contactID) {
            try nameKey.execute(arguments: [pending.key, pending.contactID])
        }
        pendingKeys = []
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
    public func bulk<T>(_ body: (BulkWriter) throws -> T) throws -> T {
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -65536")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
        let writer = try BulkWriter(db)
        let result = try body(writer)
        try writer.finish()
        return result
    }

    /// Runs `body` inside a savepoint: if it throws, what it wrote is undone
    /// and the rest of the transaction stays (an import's `--skip-invalid`
    /// drops one bad file this way).
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }
}

extension ContactInterop {
    /// The `extras` column as stored: `{}` when there is nothing beyond the UID.
    var storedJSON: String {
        extras.isEmpty && emailTypes.allSatisfy(\.isEmpty) && phoneTypes.allSatisfy(\.isEmpty) ? "{}" : json
    }
}
