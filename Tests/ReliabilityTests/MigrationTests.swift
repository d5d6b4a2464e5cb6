import Domain
import Foundation
import GRDB
import Testing
@testable import Store

/// Files made by every earlier schema are upgraded through the real
/// initializer, after a 0600 backup named after their last migration; a file
/// from a newer rapport is refused and left byte for byte as it was.
@Suite struct MigrationTests {
    /// This build's migration ids, in order.
    static let migrations = Schema.migrator().migrations

    /// Makes a file as the build whose last migration was `last` did, with one contact, one interaction and one promise.
    func makeFile(at path: String, upTo last: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path)
        try Schema.migrator().migrate(pool, upTo: last)
        try pool.write { db in
            // Columns of v1, which every later schema keeps.
            try db.execute(sql: """
                INSERT INTO contact (id, name, created_at, updated_at, search_name) VALUES (7, 'Ana Lima', 0, 0, 'ana lima');
                INSERT INTO contact_name_key (key, contact_id) VALUES ('ana', 7), ('lima', 7);
                INSERT INTO interaction (id, occurred_at, kind, direction, summary) VALUES (3, 1000000, 'call', 'neutral', 'Intro');
                INSERT INTO interaction_contact (interaction_id, position, contact_id, occurred_at) VALUES (3, 0, 7, 1000000);
                INSERT INTO promise (id, contact_id, text, owner, created_at) VALUES (5, 7, 'send the deck', 'mine', 0);
                """)
        }
        try pool.close()
        chmod(path, 0o600)
    }

    @Test(arguments: migrations.dropLast())
    func upgradesAFileMadeByAnEarlierSchema(_ last: String) throws {
        let scratch = Scratch("migrate")
        let path = scratch.database
        try makeFile(at: path, upTo: last)
        // When this build opens it through the real initializer
        let store = try Store(path: path)
        // Then the data is there, every migration is applied, and new features work on it
        #expect(try store.contact(id: 7)?.name == "Ana Lima")
        #expect(try store.interactions(contactID: 7).map(\.summary) == ["Intro"])
        #expect(try store.promises(contactID: 7).map(\.text) == ["send the deck"])
        try store.moveContactToTrash(id: 7, at: Clock.now)
        #expect(try store.trash(now: Clock.now).first?.promises == 1)
        #expect(try store.integrityCheck() == "ok")
        // And a backup named after the file's last migration, 0600, holds the old data
        let backups = scratch.files().filter { $0.hasPrefix("rapport.sqlite.backup-\(last)-") }
        #expect(backups.count == 1, "files: \(scratch.files())")
        let backup = scratch.path + "/data/" + (backups.first ?? "none")
        #expect(posixMode(backup) == 0o600)
        let date = String(backups.first?.dropFirst("rapport.sqlite.backup-\(last)-".count) ?? "")
        #expect(date.range(of: #"^\d{8}-\d{6}$"#, options: .regularExpression) != nil, "date part: \(date)")
        let old = try DatabaseQueue(path: backup)
        let applied = try old.read { try Schema.migrator().appliedIdentifiers($0) }
        #expect(applied == Set(Self.migrations.prefix { $0 != last } + [last]))
        #expect(try old.read { try String.fetchOne($0, sql: "SELECT name FROM contact WHERE id = 7") } == "Ana Lima")
    }

    @Test func theShippedV1IsStillFirst() {
        // "v1" shipped: it must stay the first migration, whatever is added after it.
        #expect(Self.migrations.first == "v1")
        #expect(Self.migrations.contains("v3-trash"))
    }

    @Test func aFileFromANewerRapportIsRefusedAndLeftAlone() throws {
        let scratch = Scratch("newer")
        let path = scratch.database
        do {
            let store = try Store(path: path)
            _ = try store.insert(Contact(name: "Ana", createdAt: Clock.now))
            try store.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        }
        // Checkpoint so that the file alone holds everything, then look at its bytes.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let filesBefore = scratch.files()
        do {
            _ = try Store(path: path)
            Issue.record("a newer file was opened")
        } catch let error as StoreError {
            #expect(error == .newerSchema(path: path, unknownMigrations: ["v99-future"]))
            #expect("\(error)".contains("newer version of rapport") && "\(error)".contains("upgrade rapport"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!scratch.files().contains { $0.contains(".backup-") })
        #expect(scratch.files().filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
                == filesBefore.filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") })
    }
}
