import Domain
import GRDB

/// How an Interaction maps to `interaction` and its `interaction_contact` links.
extension Interaction {
    static let columns = "id, occurred_at, kind, direction, summary, notes, member_id, private"

    init(row: SQLRow, contactIDs: [Int64]) {
        let kind = InteractionKind(rawValue: row[2]) ?? .note
        self.init(id: row[0], occurredAt: Columns.date(micros: row[1]), kind: kind,
                  direction: Direction(rawValue: row[3]) ?? kind.defaultDirection,
                  summary: row[4], notes: row[5], contactIDs: contactIDs, memberID: row[6], isPrivate: row[7])
    }
}
