import Domain
import GRDB

/// An event's row mapping (`event` and `event_attendee`).
extension Event {
    static let columns = "id, name, start_at, location, notes"

    init(row: SQLRow, attendeeIDs: [Int64]) {
        self.init(id: row[0], name: row[1], start: Columns.date(micros: row[2]), location: row[3],
                  notes: row[4], attendeeIDs: attendeeIDs)
    }
}
