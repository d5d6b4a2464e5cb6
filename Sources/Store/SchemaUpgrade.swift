import Foundation
import GRDB

/// Brings a file to this build's schema, safely.
///
/// - A file that a newer rapport migrated (it lists migration ids this build
///   does not know) is refused before anything is written to it.
/// - A file with older migrations only is backed up, then migrated.
/// - Two processes opening a new file at once race to migrate it: GRDB's
///   migrator checks, then applies, so the loser fails on "table exists",
///   or on a snapshot gone stale (SQLite's busy error, at once, without
///   waiting). Store then looks again, a little later each time, and
///   accepts the file the winner completed.
enum SchemaUpgrade {
    static func run(_ migrator: DatabaseMigrator, on pool: DatabasePool, path: String, now: Date) throws {
        let known = migrator.migrations
        var backedUp = false
        var lastError: (any Error)?
        for attempt in 1...12 {
            if attempt > 1 { Thread.sleep(forTimeInterval: 0.01 * Double(attempt)) }
            let (applied, hasOtherTables) = try pool.read { db in
                (try migrator.appliedIdentifiers(db), try hasTablesOutsideRapport(db))
            }
            let unknown = applied.subtracting(known)
            guard unknown.isEmpty else {
                throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
            }
            if applied.isEmpty && hasOtherTables {
                throw StoreError.notARapportDatabase(path: path)
            }
            if applied == Set(known) { return }
            do {
                if !applied.isEmpty && !backedUp, let last = known.last(where: applied.contains) {
                    let target = Backup.path(for: path, lastMigration: last, at: now)
                    try pool.writeWithoutTransaction { db in _ = try Backup.copy(db, to: target) }
                    backedUp = true
                }
                try migrator.migrate(pool)
            } catch {
                lastError = error  // perhaps another process migrated meanwhile: look again
            }
        }
        throw lastError ?? StoreError.database("the schema could not be brought up to date")
    }

    /// Whether the file has tables but no trace of rapport's migrations:
    /// another program's database, which Store must not write into.
    private static func hasTablesOutsideRapport(_ db: Database) throws -> Bool {
        let count = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
            """) ?? 0
        return count > 0
    }
}
