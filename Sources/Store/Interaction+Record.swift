import Domain
import GRDB

/// How an Interaction maps to `interaction` and its `interaction_contact` links.
extension Interaction {
    static let columns = "id, occurred_at, kind, direction, summary, notes"

    init(row: Row, contactIDs: [Int64]) {
        let kind = InteractionKind(rawValue: row[2]) ?? .note
        self.init(id: row[0], occurredAt: Columns.date(micros: row[1]), kind: kind,
                  direction: Direction(rawValue: row[3]) ?? kind.defaultDirection,
                  summary: row[4], notes: row[5], contactIDs: contactIDs)
    }
}

/// A promise's row mapping (`promise` table).
extension Promise {
    static let columns = "id, contact_id, text, owner, due, created_at, interaction_id, done_at"

    init(row: Row) {
        let doneAt: Int64? = row[7]
        self.init(id: row[0], contactID: row[1], text: row[2], owner: PromiseOwner(rawValue: row[3]) ?? .mine,
                  due: Columns.day(row[4]), createdAt: Columns.date(micros: row[5]),
                  interactionID: row[6], doneAt: doneAt.map(Columns.date(micros:)))
    }

    var normalized: Promise {
        var copy = self
        copy.createdAt = Columns.normalized(createdAt)
        copy.doneAt = Columns.normalized(doneAt)
        return copy
    }
}

/// An event's row mapping (`event` and `event_attendee`).
extension Event {
    static let columns = "id, name, start_at, location, notes"

    init(row: Row, attendeeIDs: [Int64]) {
        self.init(id: row[0], name: row[1], start: Columns.date(micros: row[2]), location: row[3],
                  notes: row[4], attendeeIDs: attendeeIDs)
    }
}
