import Domain
import GRDB

/// The whole book, one row at a time, for a backup of any size.
///
/// Each table is read once, by id, and its link tables are merged in from
/// cursors ordered the same way (as `snapshot()` merges interactions), so
/// memory holds one contact or interaction at a time, never the book. Run
/// them inside one `Store.read` so that all of them see the same state.
extension StoreTransaction {
    /// How many rows each part of the book has.
    public func bookCounts() throws -> (contacts: Int, interactions: Int, promises: Int, events: Int, snoozes: Int) {
        let row = try SQLRow.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM interaction), (SELECT count(*) FROM promise),
                   (SELECT count(*) FROM event), (SELECT count(*) FROM snooze)
            """)!
        return (row[0], row[1], row[2], row[3], row[4])
    }

    /// Calls `body` with every contact, by id, and its interop fields.
    public func forEachContact(_ body: (Contact, ContactInterop) throws -> Void) throws {
        let emails = try OrderedDetails<String>(db, "SELECT contact_id, email FROM contact_email ORDER BY contact_id, position")
        let phones = try OrderedDetails<String>(db, "SELECT contact_id, phone FROM contact_phone ORDER BY contact_id, position")
        let tags = try OrderedDetails<String>(db, "SELECT contact_id, tag FROM contact_tag ORDER BY contact_id, position")
        // Most books repeat a few extras documents (`{"phone_types":[["cell"]]…}`): parse each once.
        var parsed: [String: ContactInterop] = [:]
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT \(Contact.columns), uid, extras FROM contact ORDER BY id")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let contact = Contact(row: row, emails: try emails.take(id), phones: try phones.take(id), tags: try tags.take(id))
            let uid: String? = row[18]
            let json: String = row[19]
            var interop: ContactInterop
            if json == "{}" {
                interop = ContactInterop()
            } else if let known = parsed[json] {
                interop = known
            } else {
                interop = ContactInterop(uid: nil, json: json)
                if parsed.count < 1000 { parsed[json] = interop }
            }
            interop.uid = uid
            try body(contact, interop)
        }
    }

    /// Calls `body` with every interaction, by id, with its contacts.
    public func forEachInteraction(_ body: (Interaction) throws -> Void) throws {
        let links = try OrderedDetails<Int64>(db, "SELECT interaction_id, contact_id FROM interaction_contact ORDER BY interaction_id, position")
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT \(Interaction.columns) FROM interaction ORDER BY id")
        while let row = try rows.next() {
            try body(Interaction(row: row, contactIDs: try links.take(row[0])))
        }
    }

    /// Calls `body` with every promise, by id.
    public func forEachPromise(_ body: (Promise) throws -> Void) throws {
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT \(Promise.columns) FROM promise ORDER BY id")
        while let row = try rows.next() { try body(Promise(row: row)) }
    }
}

/// `(owner id, value)` rows ordered by owner, taken one owner at a time as
/// the owners are walked in the same order.
private final class OrderedDetails<Value: DatabaseValueConvertible> {
    private let cursor: SQLRowCursor
    private var pending: (owner: Int64, value: Value)?

    init(_ db: SQLConnection, _ sql: String) throws {
        cursor = try SQLRow.fetchCursor(db, sql: sql)
        pending = try cursor.next().map { ($0[0], $0[1]) }
    }

    /// The values of `owner`, skipping those of owners before it.
    func take(_ owner: Int64) throws -> [Value] {
        while let row = pending, row.owner < owner { pending = try cursor.next().map { ($0[0], $0[1]) } }
        var values: [Value] = []
        while let row = pending, row.owner == owner {
            values.append(row.value)
            pending = try cursor.next().map { ($0[0], $0[1]) }
        }
        return values
    }
}
