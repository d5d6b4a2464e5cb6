import Foundation
import GRDB

/// Brings a server's book to this build's schema (`PostgresSchema`), as
/// `SchemaUpgrade` does for a file, with the same migration ids.
///
/// - Two clients starting at once never migrate together: the migration
///   runs under a session-level advisory lock, and the second one finds
///   the work done.
/// - A book a newer rapport migrated is refused, untouched.
/// - A database holding another program's tables is refused.
/// - Each migration is one transaction, recorded in `rapport_migrations`.
///   (A server keeps its own backups: no copy is made before migrating.)
enum PostgresMigration {
    static func run(on session: PostgresSession, location: PostgresLocation,
                    migrations: [(id: String, sql: String)] = PostgresSchema.migrations) throws {
        _ = try session.native("SELECT pg_advisory_lock(\(PostgresServer.migrationLockKey))")
        defer { _ = try? session.native("SELECT pg_advisory_unlock(\(PostgresServer.migrationLockKey))") }
        let hasLedger = try session.native("SELECT to_regclass('rapport_migrations') IS NOT NULL")
            .first?.first.flatMap(Bool.fromDatabaseValue) ?? false
        let applied: Set<String>
        if hasLedger {
            applied = Set(try session.native("SELECT id FROM rapport_migrations").compactMap { $0.first.flatMap(String.fromDatabaseValue) })
        } else {
            let tables = try session.native("""
                SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()
                """).first?.first.flatMap(Int.fromDatabaseValue) ?? 0
            if tables > 0 { throw StoreError.notARapportDatabase(path: location.description) }
            applied = []
        }
        let known = migrations.map(\.id)
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else {
            throw StoreError.newerSchema(path: location.description, unknownMigrations: unknown.sorted())
        }
        let missing = migrations.filter { !applied.contains($0.id) }
        defer { if !missing.isEmpty { try? grantToMembers(session) } }
        for migration in missing {
            _ = try session.native("BEGIN")
            do {
                if !hasLedger && migration.id == migrations.first?.id {
                    _ = try session.native("""
                        CREATE TABLE IF NOT EXISTS rapport_migrations (
                            id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                        """)
                }
                for statement in statements(migration.sql) { _ = try session.native(statement) }
                _ = try session.native("INSERT INTO rapport_migrations (id) VALUES ($1)", [migration.id.databaseValue])
                _ = try session.native("COMMIT")
            } catch {
                _ = try? session.native("ROLLBACK")
                throw error
            }
        }
    }

    /// Every role that may connect to the database is a member of the team:
    /// it reads and writes the book's tables (row-level security still hides
    /// others' private interactions) but cannot change the schema.
    private static func grantToMembers(_ session: PostgresSession) throws {
        _ = try session.native("""
            DO $$ BEGIN
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO PUBLIC', current_schema());
                EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO PUBLIC', current_schema());
                REVOKE INSERT, UPDATE, DELETE ON rapport_migrations FROM PUBLIC;
            END $$
            """)
    }

    /// The statements of a script, split on the semicolons outside quotes,
    /// dollar-quoted bodies and comments (the extended protocol runs one at a time).
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(script)
        var index = 0
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { statements.append(trimmed) }
            current = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if character == "'" || character == "\"" {
                current.append(character)
                index += 1
                while index < characters.count {
                    current.append(characters[index])
                    index += 1
                    if characters[index - 1] == character { break }
                }
                continue
            }
            if character == "$", let tagEnd = characters[(index + 1)...].firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }),
               characters[tagEnd] == "$" {
                let tag = String(characters[index...tagEnd])
                current += tag
                index = tagEnd + 1
                let rest = String(characters[index...])
                if let close = rest.range(of: tag) {
                    let body = rest[..<close.upperBound]
                    current += body
                    index += body.count
                }
                continue
            }
            if character == ";" {
                flush()
            } else {
                current.append(character)
            }
            index += 1
        }
        flush()
        return statements
    }
}
