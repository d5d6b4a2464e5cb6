import Domain
import GRDB

/// Who shares a team's book, and who of them knows whom.
extension StoreTransaction {
    /// Every member, by name.
    public func members() throws -> [Member] {
        try SQLRow.fetchAll(db, sql: "SELECT id, role, name FROM member ORDER BY name, role").map {
            Member(id: $0[0], role: $0[1], name: $0[2])
        }
    }

    /// Each member's history with one contact, most touches first: who on the
    /// team knows this person, and how recently (a member who only wrote notes does not).
    public func memberHistories(contactID: Int64) throws -> [(member: Member, history: HistorySummary)] {
        try SQLRow.fetchAll(db, sql: """
            SELECT m.id, m.role, m.name, \(Self.summaryColumns.split(separator: ",")
                .map { "s." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM member_summary s JOIN member m ON m.id = s.member_id
            WHERE s.contact_id = ? AND s.touches > 0
            ORDER BY s.touches DESC, s.last_touch_at DESC, m.name
            """, arguments: [contactID]).map { row in
            (Member(id: row[0], role: row[1], name: row[2]), Self.summary(row, from: 3))
        }
    }
}
