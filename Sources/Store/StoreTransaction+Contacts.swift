import Domain
import GRDB

extension StoreTransaction {
    /// Adds a contact and returns it with its id (and instants as stored).
    ///
    /// A contact that already has an id keeps it (re-importing a JSON backup);
    /// otherwise SQLite assigns one never used before.
    public func insert(_ contact: Contact) throws -> Contact {
        var arguments: SQLArguments = [contact.id]
        arguments += contact.rowArguments
        try db.cachedStatement(sql: """
            INSERT INTO contact (\(Contact.columns), search_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: arguments)
        var saved = contact.normalized
        saved.id = db.lastInsertedRowID
        try writeDetails(of: saved)
        return saved
    }

    /// Replaces every field of the contact with id `contact.id` (the caller sets `updatedAt`).
    ///
    /// - throws: `StoreError.notFound` when no such contact exists.
    @discardableResult
    public func update(_ contact: Contact) throws -> Contact {
        guard let id = contact.id else { throw StoreError.invalidData("a contact to update needs an id") }
        var arguments = contact.rowArguments
        arguments += [id]
        try db.cachedStatement(sql: """
            UPDATE contact SET name = ?, nickname = ?, company = ?, title = ?, circle = ?,
                cadence_ideal_days = ?, cadence_maximum_days = ?, birthday = ?, anniversary = ?,
                met_at = ?, met_on = ?, met_via = ?, drives = ?, notes = ?, archived = ?,
                created_at = ?, updated_at = ?, search_name = ?
            WHERE id = ?
            """).execute(arguments: arguments)
        guard db.changesCount > 0 else { throw StoreError.notFound(kind: "contact", id: id) }
        let saved = contact.normalized
        try writeDetails(of: saved)
        return saved
    }

    /// Archives or restores a contact, leaving its other fields as they are.
    public func setArchived(id: Int64, _ archived: Bool) throws {
        try db.execute(sql: "UPDATE contact SET archived = ? WHERE id = ?", arguments: [archived, id])
        guard db.changesCount > 0 else { throw StoreError.notFound(kind: "contact", id: id) }
    }

    /// Deletes a contact with everything that only concerns it: its promises,
    /// snooze, attention row, event attendance, and interactions where it was the only participant.
    public func deleteContact(id: Int64) throws {
        try db.execute(sql: """
            DELETE FROM interaction WHERE id IN (
                SELECT interaction_id FROM interaction_contact WHERE contact_id = ?1
                EXCEPT
                SELECT interaction_id FROM interaction_contact WHERE contact_id <> ?1)
            """, arguments: [id])
        try db.execute(sql: "DELETE FROM contact WHERE id = ?", arguments: [id])
        guard db.changesCount > 0 else { throw StoreError.notFound(kind: "contact", id: id) }
    }

    /// The contact with this id, or nil.
    public func contact(id: Int64) throws -> Contact? {
        try loadContacts(where: "id = ?", arguments: [id]).first
    }

    /// All contacts, ordered by name ignoring case and accents.
    public func contacts(includeArchived: Bool = false) throws -> [Contact] {
        includeArchived ? try loadContacts() : try loadContacts(where: "archived = 0")
    }

    public func contactCount(includeArchived: Bool = true) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM contact" + (includeArchived ? "" : " WHERE archived = 0")) ?? 0
    }

    /// Contacts whose name, a word of their name, or nickname starts with
    /// `prefix`, ignoring case and accents: "jose", "jose al" and "alv" all
    /// find "José Álvarez". Ordered by name; an empty prefix matches everyone.
    public func contacts(matchingPrefix prefix: String, includeArchived: Bool = false,
                         limit: Int? = nil) throws -> [Contact] {
        let key = NameKeys.queryKey(prefix)
        var filter = key.isEmpty ? "true" : """
            id IN (SELECT contact_id FROM contact_name_key WHERE key >= ? AND key < ?)
            """
        if !includeArchived { filter += " AND archived = 0" }
        let arguments: SQLArguments = key.isEmpty ? [] : [key, NameKeys.upperBound(ofPrefix: key)]
        return try loadContacts(where: filter, arguments: arguments, limit: limit)
    }

    /// Every contact's listing line by name (`circle`: just that circle;
    /// archived contacts only with `includeArchived`), streamed from one query.
    public func contactLines(includeArchived: Bool, circle: Circle?) throws -> [ContactLine] {
        var conditions: [String] = []
        var arguments = SQLArguments()
        if !includeArchived { conditions.append("archived = 0") }
        if let circle { conditions.append("circle = ?"); arguments += [circle.rawValue] }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        var lines: [ContactLine] = []
        let rows = try SQLRow.fetchCursor(db, sql: """
            SELECT id, name, company, circle, archived FROM contact\(filter) ORDER BY search_name, id
            """, arguments: arguments)
        while let row = try rows.next() {
            lines.append(ContactLine(id: row[0], name: row[1], company: row[2],
                                     circle: Circle(rawValue: row[3]) ?? .network, archived: row[4]))
        }
        return lines
    }

    /// Contacts (not archived) whose folded name, nickname, company or an
    /// email contains `folded` (already folded), by name: one scan of a
    /// narrow column, no contact read that does not match.
    public func contacts(withMailTextContaining folded: String) throws -> [Contact] {
        // The scan runs once; the ids found select the rows and their details.
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM contact WHERE archived = 0 AND instr(mail_key, ?) > 0",
                                     arguments: [folded])
        return try loadContacts(where: "id IN (SELECT value FROM json_each(?))", arguments: [jsonArray(ids)])
    }

    /// Contacts with this email address (ignoring case and surrounding spaces), for duplicate detection.
    public func contacts(withEmail email: String) throws -> [Contact] {
        try loadContacts(where: "id IN (SELECT contact_id FROM contact_email WHERE email_normalized = ?)",
                         arguments: [NameKeys.normalizedEmail(email)])
    }

    /// Contacts with this phone number, compared as digits and a leading `+`.
    public func contacts(withPhone phone: String) throws -> [Contact] {
        let normalized = NameKeys.normalizedPhone(phone)
        guard !normalized.isEmpty else { return [] }
        return try loadContacts(where: "id IN (SELECT contact_id FROM contact_phone WHERE phone_normalized = ?)",
                                arguments: [normalized])
    }

    /// Every contact by id, handed to `body` one at a time: the rows and their
    /// emails, phones and tags come from four cursors merged on the id, so
    /// reading 100,000 contacts never holds more than one of them.
    public func forEachContact(_ body: (Contact) throws -> Void) throws {
        final class Details {
            let cursor: SQLRowCursor
            var pending: (id: Int64, value: String)?
            init(_ cursor: SQLRowCursor) throws {
                self.cursor = cursor
                pending = try cursor.next().map { ($0[0], $0[1]) }
            }
            /// The values of contact `id` (the cursor is ordered by contact, then position).
            func take(_ id: Int64) throws -> [String] {
                var values: [String] = []
                while let next = pending, next.id <= id {
                    if next.id == id { values.append(next.value) }
                    pending = try cursor.next().map { ($0[0], $0[1]) }
                }
                return values
            }
        }
        func details(_ table: String, _ column: String) throws -> Details {
            try Details(SQLRow.fetchCursor(db, sql: "SELECT contact_id, \(column) FROM \(table) ORDER BY contact_id, position"))
        }
        let emails = try details("contact_email", "email")
        let phones = try details("contact_phone", "phone")
        let tags = try details("contact_tag", "tag")
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT \(Contact.columns) FROM contact ORDER BY id")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            try body(Contact(row: row, emails: try emails.take(id), phones: try phones.take(id), tags: try tags.take(id)))
        }
    }

    /// Contacts matching `filter` (an SQL condition on `contact`), with emails,
    /// phones and tags loaded in one query each, never one per contact.
    func loadContacts(where filter: String? = nil, arguments: SQLArguments = SQLArguments(),
                      orderBy order: String = "search_name, id", limit: Int? = nil) throws -> [Contact] {
        let condition = filter.map { " WHERE \($0)" } ?? ""
        let limitClause = limit.map { " LIMIT \(max(0, $0))" } ?? ""
        let selected = filter == nil && limit == nil
            ? ""
            : " WHERE contact_id IN (SELECT id FROM contact\(condition) ORDER BY \(order)\(limitClause))"
        func details(_ table: String, _ column: String) throws -> [Int64: [String]] {
            try grouped("SELECT contact_id, \(column) FROM \(table)\(selected) ORDER BY contact_id, position",
                        arguments: selected.isEmpty ? SQLArguments() : arguments, as: String.self)
        }
        let emails = try details("contact_email", "email")
        let phones = try details("contact_phone", "phone")
        let tags = try details("contact_tag", "tag")
        var contacts: [Contact] = []
        let cursor = try SQLRow.fetchCursor(db, sql: "SELECT \(Contact.columns) FROM contact\(condition) ORDER BY \(order)\(limitClause)",
                                         arguments: arguments)
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            contacts.append(Contact(row: row, emails: emails[id] ?? [], phones: phones[id] ?? [], tags: tags[id] ?? []))
        }
        return contacts
    }

    /// Rewrites the emails, phones, tags and name keys of a saved contact.
    private func writeDetails(of contact: Contact) throws {
        guard let id = contact.id else { return }
        for table in ["contact_email", "contact_phone", "contact_tag", "contact_name_key"] {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE contact_id = ?").execute(arguments: [id])
        }
        let email = try db.cachedStatement(sql: """
            INSERT INTO contact_email (contact_id, position, email, email_normalized) VALUES (?, ?, ?, ?)
            """)
        for (position, value) in contact.emails.enumerated() {
            try email.execute(arguments: [id, position, value, NameKeys.normalizedEmail(value)])
        }
        let phone = try db.cachedStatement(sql: """
            INSERT INTO contact_phone (contact_id, position, phone, phone_normalized) VALUES (?, ?, ?, ?)
            """)
        for (position, value) in contact.phones.enumerated() {
            try phone.execute(arguments: [id, position, value, NameKeys.normalizedPhone(value)])
        }
        let tag = try db.cachedStatement(sql: "INSERT INTO contact_tag (contact_id, position, tag) VALUES (?, ?, ?)")
        for (position, value) in contact.tags.enumerated() {
            try tag.execute(arguments: [id, position, value])
        }
        try db.cachedStatement(sql: "UPDATE contact SET mail_key = ? WHERE id = ?")
            .execute(arguments: [NameKeys.mailKey(contact), id])
        let key = try db.cachedStatement(sql: "INSERT INTO contact_name_key (key, contact_id) VALUES (?, ?)")
        for value in NameKeys.keys(name: contact.name, nickname: contact.nickname) {
            try key.execute(arguments: [value, id])
        }
    }
}
