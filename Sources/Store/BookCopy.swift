#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// A whole book copied into another, empty one, on either engine: what
/// `rapport migrate` runs (a personal file into a team's server, and back).
///
/// The copy is generic, so that a table or a column that a later migration
/// adds is copied without a change here:
/// - The tables are the destination's (the migration ledger aside), parents
///   before children by their foreign keys; each gets the columns both books
///   have, ids included, so that links and the trash stay valid.
/// - Rows are read in primary key order in one read transaction on the
///   source and written in one write transaction on the destination:
///   multi-row INSERTs on PostgreSQL, one prepared INSERT on SQLite. A
///   failure or a kill leaves the destination as it was.
/// - Derived tables are the destination's own work (`Policy.rebuilt`): the
///   schema's triggers mark every contact copied, and `Store.write` folds
///   their summaries and stamps them in the change log before it commits.
///   A table that the triggers filled while the rows before it were copied
///   is left as they made it.
/// - Id sequences end past every id copied and past the source's own, so
///   that an id the source gave once (a deleted contact's, kept by the
///   trash) is never given again.
///
/// The destination must have no contacts, and no rows but those of `meta`,
/// `member` and derived tables: anything else would mix two books. The
/// source must show this client every row: on a team's book, a role that
/// row-level security hides teammates' private interactions from is refused.
public enum BookCopy {
    /// Reports rows copied so far of all the rows to copy.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    /// Rows copied, by table.
    public struct Counts: Sendable, Equatable {
        public var rows: [String: Int]

        public var contacts: Int { rows["contact"] ?? 0 }
        public var interactions: Int { rows["interaction"] ?? 0 }
        public var promises: Int { rows["promise"] ?? 0 }
        public var events: Int { rows["event"] ?? 0 }
        public var trashEntries: Int { rows["trash"] ?? 0 }
    }

    /// What the copy does with a table.
    enum Policy {
        /// Its rows are added to the destination's empty table.
        case copied
        /// Derived data the destination makes itself (triggers, `flushChanges`; a file
        /// keeps no summaries per member): not copied.
        case rebuilt
        /// Values about the whole book: the source's win, by key, but the change
        /// sequence never goes back, since readers of the destination compare with it.
        case merged
        /// Rows a server writes on its own (`member`: one per role, when it first
        /// connects): the destination's are kept unless a source row takes their
        /// primary key or another unique key, which it then replaces.
        case replacing
    }

    static func policy(of table: String) -> Policy {
        switch table {
        case "contact_dirty", "contact_summary", "contact_change", "member_summary": return .rebuilt
        case "meta": return .merged
        case "member": return .replacing
        default: return .copied
        }
    }

    /// The migration ledgers, which each book keeps for itself.
    static let ledgers: Set<String> = ["grdb_migrations", "rapport_migrations"]

    /// Whether two open stores are one book: the same file (by device and
    /// inode, whatever the path), or the same database on the same server.
    static func isSameBook(_ a: Store, _ b: Store) -> Bool {
        guard a.isShared == b.isShared else { return false }
        if a.isShared {
            guard let left = try? PostgresLocation(url: a.path), let right = try? PostgresLocation(url: b.path) else {
                return a.path == b.path
            }
            return left.endpoint == right.endpoint && left.database == right.database
        }
        var left = stat(), right = stat()
        guard stat(a.path, &left) == 0, stat(b.path, &right) == 0 else {
            return URL(fileURLWithPath: a.path).standardizedFileURL == URL(fileURLWithPath: b.path).standardizedFileURL
        }
        return left.st_dev == right.st_dev && left.st_ino == right.st_ino
    }
}

/// Why a copy was refused; nothing was written.
public enum BookCopyError: Error, CustomStringConvertible, Equatable, Sendable {
    case sameBook(path: String)
    case destinationHasContacts(path: String, count: Int)
    case destinationNotEmpty(path: String, table: String)
    /// Row-level security hides rows of `table` of the source from this client's role.
    case rowsHidden(path: String, table: String)

    public var description: String {
        switch self {
        case let .sameBook(path):
            return "\(path) is the book being copied; name another destination"
        case let .destinationHasContacts(path, count):
            return "\(path) already has \(count) contact\(count == 1 ? "" : "s"); "
                + "a book is copied only into an empty one"
        case let .destinationNotEmpty(path, table):
            return "\(path) has no contacts but already holds rows of \(table); "
                + "a book is copied only into an empty one"
        case let .rowsHidden(path, table):
            return "\(path) hides rows of \(table) from this role (teammates' private interactions); "
                + "copy the book as the role that owns its tables"
        }
    }
}

extension Store {
    /// Copies this whole book into `destination` (see `BookCopy`), in one
    /// write transaction on it; returns what was copied.
    ///
    /// - throws: `BookCopyError` when `destination` is this book or is not
    ///   empty; a `StoreError` when a row is refused or a connection fails
    ///   (the destination is then left as it was).
    public func copyBook(to destination: Store, progress: BookCopy.Progress? = nil) throws -> BookCopy.Counts {
        if BookCopy.isSameBook(self, destination) { throw BookCopyError.sameBook(path: destination.path) }
        return try destination.write { target in
            try read { source in
                try BookCopier(source: source.db, target: target.db, sourcePath: path, targetPath: destination.path)
                    .run(progress: progress)
            }
        }
    }
}

/// One copy, from a read transaction to a write transaction.
struct BookCopier {
    let source: SQLConnection
    let target: SQLConnection
    let sourcePath: String
    let targetPath: String

    func run(progress: BookCopy.Progress?) throws -> BookCopy.Counts {
        let contacts = try Int.fetchOne(target, sql: "SELECT count(*) FROM contact") ?? 0
        guard contacts == 0 else { throw BookCopyError.destinationHasContacts(path: targetPath, count: contacts) }
        let tables = BookCopier.parentsFirst(try target.tableShapes(excluding: BookCopy.ledgers))
        for table in tables where BookCopy.policy(of: table.name) == .copied {
            if try target.hasRows(table.name) {
                throw BookCopyError.destinationNotEmpty(path: targetPath, table: table.name)
            }
        }
        if let hidden = try source.tableHidingRows() {
            throw BookCopyError.rowsHidden(path: sourcePath, table: hidden)
        }
        let sources = Dictionary(try source.tableShapes(excluding: BookCopy.ledgers).map { ($0.name, $0) },
                                 uniquingKeysWith: { first, _ in first })
        let copied = tables.filter { BookCopy.policy(of: $0.name) != .rebuilt && sources[$0.name] != nil }
        var total = 0
        for table in copied {
            total += try Int.fetchOne(source, sql: "SELECT count(*) FROM \(table.name.quotedDatabaseIdentifier)") ?? 0
        }

        let transaction = StoreTransaction(connection: target)
        let changeSequence = try transaction.changeSequence()
        let pageCache = try transaction.setPageCache(StoreTransaction.largePageCache)
        defer { _ = try? transaction.setPageCache(pageCache) }

        var done = 0
        var rows: [String: Int] = [:]
        progress?(0, total)
        for table in copied {
            let policy = BookCopy.policy(of: table.name)
            // Rows the schema's triggers wrote while earlier tables were copied: theirs to keep.
            if policy == .copied, try target.hasRows(table.name) { continue }
            rows[table.name] = try copy(table, from: sources[table.name]!, policy: policy) { count in
                done += count
                progress?(done, total)
            }
        }
        if try transaction.changeSequence() < changeSequence {
            try target.execute(sql: """
                INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [StoreTransaction.changeSequenceKey, changeSequence])
        }
        try target.moveIDSequences(past: try source.idSequences())
        // A personal book copied by a member becomes that member's: its
        // interactions and promises were all theirs. (Copied by the
        // administrator, who is no member, they stay the team's.)
        if !source.isPostgres, let member = target.currentMemberID {
            for table in ["interaction", "promise"] {
                try target.execute(sql: "UPDATE \(table) SET member_id = ? WHERE member_id IS NULL", arguments: [member])
            }
        }
        return BookCopy.Counts(rows: rows)
    }

    /// Copies the rows of `table`, the columns both books have; returns how many.
    private func copy(_ table: TableShape, from origin: TableShape, policy: BookCopy.Policy,
                      copied: (Int) -> Void) throws -> Int {
        let columns = table.columns.filter(origin.columns.contains)
        guard !columns.isEmpty else { return 0 }
        // Highest id first onto a server: its id trigger then moves the sequence once, not at every row.
        let descending = target.isPostgres && origin.primaryKey == ["id"] ? " DESC" : ""
        let order = origin.primaryKey.isEmpty ? ""
            : " ORDER BY " + origin.primaryKey.map { $0.quotedDatabaseIdentifier + descending }.joined(separator: ", ")
        let select = "SELECT \(columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")) "
            + "FROM \(table.name.quotedDatabaseIdentifier)\(order)"
        // A server keeps no type in an untyped column: integers read back as text are integers again.
        let writer = try CopyRowWriter(target, table: table.name, columns: columns,
                                   untyped: source.isPostgres ? table.untyped : [],
                                   upsertKey: policy == .merged ? table.primaryKey : nil)
        let clashes = policy == .replacing ? try clashingRows(of: table, columns: columns) : nil
        var count = 0
        try eachBatch(select) { batch in
            for row in batch {
                try clashes?(row)
                try writer.add(row)
            }
            count += batch.count
            copied(batch.count)
        }
        try writer.flush()
        return count
    }

    /// Deletes the destination's rows of `table` that a source row (of
    /// `columns`) would clash with on a unique key, primary key included.
    private func clashingRows(of table: TableShape, columns: [String]) throws -> ([DatabaseValue]) throws -> Void {
        let keys = try target.uniqueKeys(of: table).filter { $0.allSatisfy(columns.contains) }
        guard !keys.isEmpty else { return { _ in } }
        let condition = keys.map { key in
            "(" + key.map { "\($0.quotedDatabaseIdentifier) = ?" }.joined(separator: " AND ") + ")"
        }.joined(separator: " OR ")
        let delete = try target.makeStatement(sql: """
            DELETE FROM \(table.name.quotedDatabaseIdentifier) WHERE \(condition)
            """)
        let positions = keys.flatMap { $0.map { columns.firstIndex(of: $0)! } }
        return { row in try delete.execute(arguments: SQLArguments(positions.map { row[$0] })) }
    }

    /// The rows of a native SELECT in batches: stepped on SQLite; through a
    /// cursor on a server, so that a large table is never all in memory.
    private func eachBatch(_ select: String, _ body: ([[DatabaseValue]]) throws -> Void) throws {
        let size = 4_000
        switch source.engine {
        case let .sqlite(db):
            let cursor = try Row.fetchCursor(db, sql: select)
            var batch: [[DatabaseValue]] = []
            batch.reserveCapacity(size)
            while let row = try cursor.next() {
                batch.append((0..<row.count).map { row[$0] as DatabaseValue })
                if batch.count == size {
                    try body(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { try body(batch) }
        case let .postgres(session):
            _ = try session.native("DECLARE rapport_copy NO SCROLL CURSOR FOR " + select)
            while true {
                let batch = try session.native("FETCH FORWARD \(size) FROM rapport_copy")
                if batch.isEmpty { break }
                try body(batch)
            }
            _ = try session.native("CLOSE rapport_copy")
        }
    }

    /// Tables ordered so that every table comes after those its foreign keys
    /// point to; ties by name. Tables in a cycle come last, as they are.
    static func parentsFirst(_ tables: [TableShape]) -> [TableShape] {
        let names = Set(tables.map(\.name))
        var remaining = tables.sorted { $0.name < $1.name }
        var placed: Set<String> = []
        var ordered: [TableShape] = []
        while !remaining.isEmpty {
            guard let index = remaining.firstIndex(where: { table in
                table.parents.subtracting([table.name]).intersection(names).isSubset(of: placed)
            }) else { return ordered + remaining }
            let next = remaining.remove(at: index)
            ordered.append(next)
            placed.insert(next.name)
        }
        return ordered
    }
}
