import Domain
import Foundation
import Testing
@testable import Store

@Suite("The database file")
struct FileTests {
    @Test func newFileIsPrivateAndInWALMode() throws {
        // Given a path in a folder that does not exist
        let folder = TempFolder()
        let path = folder.databasePath
        // When the store opens it
        let store = try Store(path: path)
        _ = try store.insert(Fixture.contact("Ana"))
        // Then the folder is 0700, the file and its side files 0600
        #expect(posixMode(folder.path + "/data") == 0o700)
        #expect(posixMode(path) == 0o600)
        for side in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + side) {
            #expect(posixMode(path + side) == 0o600)
        }
        // And the header says WAL (bytes 18 and 19 are 2), and SQLite agrees
        let header = try #require(bytes(path)).prefix(20)
        #expect(header[18] == 2 && header[19] == 2)
        #expect(try store.read { try $0.fetchString(sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func foreignKeysAreEnforcedBySQLite() throws {
        // Given a store
        let folder = TempFolder()
        let store = try Store(path: folder.databasePath)
        // When raw SQL links a promise to a contact that does not exist
        // Then SQLite refuses it, reported as invalid data
        #expect(try store.read { try $0.fetchString(sql: "PRAGMA foreign_keys") } == "1")
        #expect(throws: StoreError.invalidData("it refers to a row that does not exist")) {
            try store.write { tx in
                try tx.execute(sql: "INSERT INTO promise (contact_id, text, owner, created_at) VALUES (999, 'x', 'mine', 0)")
            }
        }
    }

    @Test func checksRejectBadEnumValuesAndImpossibleDays() throws {
        // Given a contact
        let folder = TempFolder()
        let store = try Store(path: folder.databasePath)
        let ana = try store.insert(Fixture.contact("Ana"))
        // When raw SQL writes an unknown circle or February 30
        // Then the CHECK constraints refuse both
        #expect(throws: StoreError.self) {
            try store.write { try $0.execute(sql: "UPDATE contact SET circle = 'family' WHERE id = \(ana.id!)") }
        }
        #expect(throws: StoreError.self) {
            try store.write { try $0.execute(sql: "UPDATE contact SET met_on = '2026-02-30' WHERE id = \(ana.id!)") }
        }
        #expect(throws: StoreError.self) {
            try store.write { try $0.execute(sql: "UPDATE contact SET birthday = '--02-30' WHERE id = \(ana.id!)") }
        }
        #expect(throws: StoreError.self) {
            try store.write { try $0.execute(sql: "UPDATE contact SET met_on = 'soon' WHERE id = \(ana.id!)") }
        }
        #expect(throws: StoreError.self) {
            try store.write { try $0.execute(sql: "UPDATE contact SET anniversary = 'yearly' WHERE id = \(ana.id!)") }
        }
        #expect(try store.contact(id: ana.id!) == ana)
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        // Given a text file where the database should be
        let folder = TempFolder()
        let path = folder.databasePath
        try FileManager.default.createDirectory(atPath: folder.path + "/data", withIntermediateDirectories: true)
        let text = Data(String(repeating: "not a database, just some notes\n", count: 100).utf8)
        _ = FileManager.default.createFile(atPath: path, contents: text)
        // When the store opens it
        // Then it refuses with a clear message and the file is unchanged
        #expect(throws: StoreError.notADatabase(path: path)) { try Store(path: path) }
        #expect(bytes(path) == text)
        #expect(StoreError.notADatabase(path: path).description.contains("not an SQLite file"))
    }

    @Test func anotherProgramsDatabaseIsRefused() throws {
        // Given an SQLite file with a table rapport did not make
        let folder = TempFolder()
        let path = folder.databasePath
        do {
            let store = try Store(path: path)
            try store.write { tx in
                try tx.execute(sql: "DROP TABLE grdb_migrations")
            }
        }
        // When the store opens it, Then it refuses to write into it
        #expect(throws: StoreError.notARapportDatabase(path: path)) { try Store(path: path) }
    }

    @Test func aFileFromANewerRapportIsRefusedAndLeftByteIdentical() throws {
        // Given a database with a contact, then marked as migrated by a newer build
        let folder = TempFolder()
        let path = folder.databasePath
        do {
            let store = try Store(path: path)
            _ = try store.insert(Fixture.contact("Ana"))
            try store.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        }
        let before = try #require(bytes(path))
        // When this build opens it
        // Then it refuses, naming the unknown migration, and changes nothing
        #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["v99"])) { try Store(path: path) }
        #expect(bytes(path) == before)
        #expect(!folder.files().contains { $0.contains(".backup-") })
        #expect(StoreError.newerSchema(path: path, unknownMigrations: ["v99"]).description.contains("newer version of rapport"))
    }

    @Test func migratingAnOlderFileBacksItUpFirst() throws {
        // Given a v1 file with a contact
        let folder = TempFolder()
        let path = folder.databasePath
        do {
            let store = try Store(path: path)
            _ = try store.insert(Fixture.contact("Ana"))
        }
        // When a newer build with a migration "v2-test" opens it
        let now = Fixture.at(days: 10, hours: 9.5)
        let newer = try Store(path: path, extraMigrations: [(id: "v2-test", sql: "ALTER TABLE contact ADD COLUMN pronouns TEXT")],
                              now: now)
        #expect(try newer.contactCount() == 1)
        // Then a 0600 copy named after this build's last migration and the time sits next to the file, holding its data
        let expected = Backup.path(for: path, lastMigration: Schema.migrator().migrations.last!, at: now)
        #expect(Backup.path(for: path, lastMigration: "v1", at: now, timeZone: TimeZone(identifier: "UTC")!)
                == path + ".backup-v1-20260111-093000")
        #expect(FileManager.default.fileExists(atPath: expected))
        #expect(posixMode(expected) == 0o600)
        let backup = try Store(path: expected)
        #expect(try backup.contacts().map(\.name) == ["Ana"])
        // And this (older) build now refuses the migrated file
        #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["v2-test"])) { try Store(path: path) }
    }

    @Test func reopeningAnUpToDateFileMakesNoBackup() throws {
        // Given a file created by this build
        let folder = TempFolder()
        let path = folder.databasePath
        do { _ = try Store(path: path).insert(Fixture.contact("Ana")) }
        // When it is opened again
        let store = try Store(path: path)
        // Then the data is there and no backup was taken
        #expect(try store.contactCount() == 1)
        #expect(!folder.files().contains { $0.contains(".backup-") })
    }

    @Test func anUnwritableLocationGivesAClearError() throws {
        // Given a path under a regular file (so no folder can be created)
        let folder = TempFolder()
        let blocker = folder.path + "/file"
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        // When the store opens it, Then the error names the location
        #expect {
            try Store(path: blocker + "/rapport.sqlite")
        } throws: { error in
            guard case .unwritableLocation = error as? StoreError else { return false }
            return "\(error)".hasPrefix("cannot create or open")
        }
    }

    @Test func resolvePathFollowsTheDocumentedOrder() {
        let home = ["HOME": "/home/u"]
        // Given --db, Then it wins over everything
        #expect(Store.resolvePath(explicit: "/x.sqlite", environment: home.merging(["RAPPORT_DB": "/env.sqlite"]) { $1 })
                == "/x.sqlite")
        #expect(Store.resolvePath(explicit: "~/a.sqlite", environment: home) == "/home/u/a.sqlite")
        // Given $RAPPORT_DB, Then it wins over XDG
        #expect(Store.resolvePath(explicit: nil, environment: home.merging(["RAPPORT_DB": "/env.sqlite",
                                                                             "XDG_DATA_HOME": "/xdg"]) { $1 })
                == "/env.sqlite")
        // Given XDG_DATA_HOME, Then the file is under it; a relative or empty one is ignored
        #expect(Store.resolvePath(explicit: nil, environment: home.merging(["XDG_DATA_HOME": "/xdg"]) { $1 })
                == "/xdg/rapport/rapport.sqlite")
        #expect(Store.resolvePath(explicit: nil, environment: home.merging(["XDG_DATA_HOME": "rel"]) { $1 })
                == "/home/u/.local/share/rapport/rapport.sqlite")
        #expect(Store.resolvePath(explicit: "", environment: home.merging(["RAPPORT_DB": ""]) { $1 })
                == "/home/u/.local/share/rapport/rapport.sqlite")
    }
}
