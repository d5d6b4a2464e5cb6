import Foundation
import Store

// `rapport migrate --to URL|FILE`: the whole book copied into another,
// empty one, typically a personal file into a team's PostgreSQL database,
// and back. The copying is Store's (`BookCopy`); this opens the destination
// and says what was copied.

/// What `rapport migrate` copied, and where.
public struct MigrateReport: Sendable, Equatable {
    public var counts: BookCopy.Counts
    /// The destination as shown: a file's path, or a server's URL without its password.
    public var destination: String
}

extension Scripting {
    /// Copies the book into `destination` (a file path or a `postgres://`
    /// URL), creating and migrating that book when it does not exist yet.
    ///
    /// - throws: `ScriptingError` when the destination is this book or is
    ///   not empty; a Store error (one line) when it cannot be opened or a
    ///   row is refused: the destination is then left as it was.
    /// `me`: config.toml's `[me]`, which names the member copying into a team's book.
    public func migrate(to destination: String, me: Me = Me(), progress: ImportProgress? = nil) throws -> MigrateReport {
        let target = try Store(path: destination)
        try target.nameMember(name: me.name, emails: me.emails)
        do {
            let counts = try store.copyBook(to: target, progress: progress)
            return MigrateReport(counts: counts, destination: target.path)
        } catch let error as BookCopyError {
            throw ScriptingError(error.description)
        }
    }
}

extension ScriptText {
    /// `copied 40 contacts, 212 interactions, 31 promises, 3 events and 1 trash entry to …`, one line.
    public func migrated(_ report: MigrateReport) -> String {
        func count(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
            "\(n) \(n == 1 ? noun : plural ?? noun + "s")"
        }
        let c = report.counts
        return "copied \(count(c.contacts, "contact")), \(count(c.interactions, "interaction")), "
            + "\(count(c.promises, "promise")), \(count(c.events, "event")) "
            + "and \(count(c.trashEntries, "trash entry", "trash entries")) to \(f(report.destination))\n"
    }
}

extension ScriptJSON {
    public static func migrated(_ report: MigrateReport) -> JSONValue {
        let c = report.counts
        return .object([
            "contacts": .int(Int64(c.contacts)), "interactions": .int(Int64(c.interactions)),
            "promises": .int(Int64(c.promises)), "events": .int(Int64(c.events)),
            "trash_entries": .int(Int64(c.trashEntries)), "destination": .string(report.destination),
        ])
    }
}
