import Domain
import Foundation
import GRDB

extension StoreTransaction {
    /// Adds an event with its attendees and returns it with its id.
    /// - throws: `StoreError.notFound` when an attendee does not exist.
    public func insert(_ event: Event) throws -> Event {
        var saved = event
        saved.start = Columns.normalized(event.start)
        saved.attendeeIDs = uniqueIDs(event.attendeeIDs)
        try requireExisting(saved.attendeeIDs, in: "contact", kind: "contact")
        try db.cachedStatement(sql: """
            INSERT INTO event (id, name, search_name, start_at, location, notes) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [event.id, event.name, event.name.folded, Columns.micros(event.start),
                                     event.location, event.notes])
        saved.id = db.lastInsertedRowID
        try writeAttendees(of: saved)
        return saved
    }

    /// Replaces every field and the attendees of the event with id `event.id`.
    @discardableResult
    public func update(_ event: Event) throws -> Event {
        guard let id = event.id else { throw StoreError.invalidData("an event to update needs an id") }
        var saved = event
        saved.start = Columns.normalized(event.start)
        saved.attendeeIDs = uniqueIDs(event.attendeeIDs)
        try requireExisting(saved.attendeeIDs, in: "contact", kind: "contact")
        try db.execute(sql: """
            UPDATE event SET name = ?, search_name = ?, start_at = ?, location = ?, notes = ? WHERE id = ?
            """, arguments: [event.name, event.name.folded, Columns.micros(event.start), event.location,
                             event.notes, id])
        guard db.changesCount > 0 else { throw StoreError.notFound(kind: "event", id: id) }
        try writeAttendees(of: saved)
        return saved
    }

    /// Deletes an event; a captured one leaves a tombstone, so capture does not bring it back.
    public func deleteEvent(id: Int64) throws {
        try tombstoneCaptured(in: "event", id: id)
        try db.execute(sql: "DELETE FROM event WHERE id = ?", arguments: [id])
        guard db.changesCount > 0 else { throw StoreError.notFound(kind: "event", id: id) }
    }

    public func event(id: Int64) throws -> Event? {
        try loadEvents(where: "id = ?", arguments: [id]).first
    }

    /// Events whose name, or a word of it, starts with `prefix`, ignoring
    /// case and accents ("summit" finds "Web Summit"); by start time.
    public func events(matchingPrefix prefix: String) throws -> [Event] {
        let key = NameKeys.queryKey(prefix)
        guard !key.isEmpty else { return try allEvents() }
        let pattern = key.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        // Events are few (hundreds): a scan for word starts is fine.
        return try loadEvents(where: """
            (search_name >= ? AND search_name < ?) OR (' ' || search_name) LIKE ? ESCAPE '\\'
            """, arguments: [key, NameKeys.upperBound(ofPrefix: key), "% " + pattern + "%"])
    }

    /// Events starting in `from ..< to`, by start time.
    public func events(from: Date, to: Date) throws -> [Event] {
        try loadEvents(where: "start_at >= ? AND start_at < ?",
                       arguments: [Columns.micros(from), Columns.micros(to)])
    }

    /// Every event, by start time.
    public func allEvents() throws -> [Event] {
        try loadEvents()
    }

    /// Events matching `filter` (an SQL condition on `event`) by start, with attendees in one more query.
    func loadEvents(where filter: String? = nil, arguments: SQLArguments = SQLArguments()) throws -> [Event] {
        let condition = filter.map { " WHERE \($0)" } ?? ""
        let attendees = try grouped("""
            SELECT event_id, contact_id FROM event_attendee
            \(filter == nil ? "" : "WHERE event_id IN (SELECT id FROM event\(condition))")
            ORDER BY event_id, position
            """, arguments: arguments, as: Int64.self)
        return try SQLRow.fetchAll(db, sql: "SELECT \(Event.columns) FROM event\(condition) ORDER BY start_at, id",
                                arguments: arguments)
            .map { row in Event(row: row, attendeeIDs: attendees[row[0]] ?? []) }
    }

    private func writeAttendees(of event: Event) throws {
        guard let id = event.id else { return }
        try db.cachedStatement(sql: "DELETE FROM event_attendee WHERE event_id = ?").execute(arguments: [id])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO event_attendee (event_id, position, contact_id) VALUES (?, ?, ?)
            """)
        for (position, contactID) in event.attendeeIDs.enumerated() {
            try insert.execute(arguments: [id, position, contactID])
        }
    }

    func uniqueIDs(_ ids: [Int64]) -> [Int64] {
        var seen = Set<Int64>()
        return ids.filter { seen.insert($0).inserted }
    }
}
