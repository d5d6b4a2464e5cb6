import Domain
import GRDB

/// A promise's row mapping (`promise` table).
extension Promise {
    static let columns = "id, contact_id, text, owner, due, created_at, interaction_id, done_at, member_id"

    init(row: SQLRow) {
        let doneAt: Int64? = row[7]
        self.init(id: row[0], contactID: row[1], text: row[2], owner: PromiseOwner(rawValue: row[3]) ?? .mine,
                  due: Columns.day(row[4]), createdAt: Columns.date(micros: row[5]),
                  interactionID: row[6], doneAt: doneAt.map(Columns.date(micros:)), memberID: row[8])
    }

    var normalized: Promise {
        var copy = self
        copy.createdAt = Columns.normalized(createdAt)
        copy.doneAt = Columns.normalized(doneAt)
        return copy
    }
}
