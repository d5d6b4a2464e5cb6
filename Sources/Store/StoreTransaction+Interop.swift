import Domain
import Foundation
import GRDB

/// What import and export keep about a contact that Domain has no field for
/// (migration "contact-interop"): the UID of the card it came from, the
/// card's extra properties, and the TYPEs of its emails and phones.
public struct ContactInterop: Hashable, Sendable {
    /// Matches the card on the next import; unique among contacts.
    public var uid: String?
    /// Upper-cased property name to its values, in file order (`URL`, `X-SOCIAL`…).
    public var extras: [String: [String]]
    /// Lower-cased TYPEs of each email, index for index with `Contact.emails`.
    public var emailTypes: [[String]]
    /// Lower-cased TYPEs of each phone, index for index with `Contact.phones`.
    public var phoneTypes: [[String]]

    public init(uid: String? = nil, extras: [String: [String]] = [:], emailTypes: [[String]] = [],
                phoneTypes: [[String]] = []) {
        self.uid = uid
        self.extras = extras
        // No TYPE at all is kept as [], however many emails: one form, so that equal means equal.
        self.emailTypes = emailTypes.allSatisfy(\.isEmpty) ? [] : emailTypes
        self.phoneTypes = phoneTypes.allSatisfy(\.isEmpty) ? [] : phoneTypes
    }

    public var isEmpty: Bool { self == ContactInterop() }

    /// The `extras` column: `{"email_types": [...], "phone_types": [...], "properties": {...}}`,
    /// keys sorted; written by hand, as an import writes it for every card.
    var json: String {
        func list(_ values: [String]) -> String { "[" + values.map(\.jsonQuoted).joined(separator: ",") + "]" }
        let properties = extras.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { $0.jsonQuoted + ":" + list(extras[$0] ?? []) }
        return "{\"email_types\":[" + emailTypes.map(list).joined(separator: ",") + "],\"phone_types\":["
            + phoneTypes.map(list).joined(separator: ",") + "],\"properties\":{" + properties.joined(separator: ",") + "}}"
    }

    init(uid: String?, json: String) {
        struct Document: Decodable {
            var properties: [String: [String]]?
            var email_types: [[String]]?
            var phone_types: [[String]]?
        }
        let document = try? JSONDecoder().decode(Document.self, from: Data(json.utf8))
        self.init(uid: uid, extras: document?.properties ?? [:], emailTypes: document?.email_types ?? [],
                  phoneTypes: document?.phone_types ?? [])
    }
}

extension StoreTransaction {
    /// The interop fields of one contact (empty ones for a contact never imported).
    public func interop(contactID: Int64) throws -> ContactInterop {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT uid, extras FROM contact WHERE id = ?", arguments: [contactID])
        else { throw StoreError.notFound(kind: "contact", id: contactID) }
        return ContactInterop(uid: row[0], json: row[1])
    }

    /// The interop fields of every contact that has any, by contact id.
    public func allInterop() throws -> [Int64: ContactInterop] {
        var result: [Int64: ContactInterop] = [:]
        let rows = try SQLRow.fetchCursor(db, sql: "SELECT id, uid, extras FROM contact WHERE uid IS NOT NULL OR extras <> '{}'")
        while let row = try rows.next() {
            let fields = ContactInterop(uid: row[1], json: row[2])
            if !fields.isEmpty { result[row[0]] = fields }
        }
        return result
    }

    /// Replaces a contact's interop fields.
    /// - throws: `StoreError.notFound` for an unknown contact; a constraint
    ///   error when another contact already has this UID.
    public func setInterop(_ fields: ContactInterop, contactID: Int64) throws {
        try db.cachedStatement(sql: "UPDATE contact SET uid = ?, extras = ? WHERE id = ?")
            .execute(arguments: [fields.uid.flatMap { $0.isEmpty ? nil : $0 }, fields.storedJSON, contactID])
        guard db.changesCount > 0 else { throw StoreError.notFound(kind: "contact", id: contactID) }
    }

    /// The id of the contact with this UID, or nil.
    public func contactID(withUID uid: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM contact WHERE uid = ?", arguments: [uid])
    }

    /// Moves everything of contact `source` to contact `target`, then deletes `source`.
    ///
    /// Interactions and events that had both keep `target` once; promises
    /// move; `target`'s snooze wins over `source`'s. The caller updates
    /// `target`'s fields (this only moves links).
    /// - throws: `StoreError.notFound` when either contact does not exist.
    public func moveLinks(fromContact source: Int64, toContact target: Int64) throws {
        try requireExisting([target, source], in: "contact", kind: "contact")
        guard source != target else { throw StoreError.invalidData("a contact cannot be merged into itself") }
        try db.execute(sql: """
            DELETE FROM interaction_contact WHERE contact_id = ?1
                AND interaction_id IN (SELECT interaction_id FROM interaction_contact WHERE contact_id = ?2)
            """, arguments: [source, target])
        try db.execute(sql: "UPDATE interaction_contact SET contact_id = ?2 WHERE contact_id = ?1", arguments: [source, target])
        try db.execute(sql: """
            DELETE FROM event_attendee WHERE contact_id = ?1
                AND event_id IN (SELECT event_id FROM event_attendee WHERE contact_id = ?2)
            """, arguments: [source, target])
        try db.execute(sql: "UPDATE event_attendee SET contact_id = ?2 WHERE contact_id = ?1", arguments: [source, target])
        try db.execute(sql: "UPDATE promise SET contact_id = ?2 WHERE contact_id = ?1", arguments: [source, target])
        try db.execute(sql: """
            INSERT INTO snooze (contact_id, until) SELECT ?2, until FROM snooze WHERE contact_id = ?1
            ON CONFLICT (contact_id) DO NOTHING
            """, arguments: [source, target])
        try db.execute(sql: "UPDATE contact SET uid = NULL WHERE id = ?", arguments: [source])
        try deleteContact(id: source)
    }
}
