import Domain
import Foundation
import GRDB
import TestSupport
import Testing
@testable import Store

/// `Store.copyBook(to:)`: a whole book into an empty one, file or server,
/// every table compared row by row, ids included.
@Suite("Copying a whole book")
struct BookCopyTests {
    let folder = TempFolder()

    func file(_ name: String) -> String { folder.path + "/" + name + ".sqlite" }

    // MARK: Round trips

    @Test func fileToServerToFileKeepsEveryRowAndEveryID() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        // Given a book with rows in every table, a deleted contact in the trash included
        let source = try Store(path: file("source"))
        let trashed = try Self.fill(source)
        let before = try Self.dump(source)
        // When it is copied to a server, then from there to a new file
        let server = try Store(path: PostgresTestServer.freshDatabase(prefix: "copy"))
        let up = try source.copyBook(to: server)
        let back = try Store(path: file("back"))
        let down = try server.copyBook(to: back)
        // Then both copies hold the same rows as the source, and say so in their counts
        #expect(up.contacts == 3 && up.interactions == 3 && up.promises == 2 && up.events == 2 && up.trashEntries == 1,
                "\(up)")
        #expect(down.rows == up.rows)
        #expect(try Self.dump(server) == before)
        #expect(try Self.dump(back) == before)
        let (original, copied) = (try source.snapshot(), try server.snapshot())
        #expect(copied.contacts == original.contacts && copied.interactions == original.interactions)
        #expect(copied.promises == original.promises && copied.events == original.events)
        #expect(copied.snoozes == original.snoozes)
        // Their summaries are right, and the change sequence went forward
        for copy in [server, back] {
            #expect(try copy.read { try $0.summaryMismatches() } == [])
            #expect(try copy.read { try $0.integrityProblems() } == [])
            #expect(try copy.read { try $0.changeSequence() } > source.read { try $0.changeSequence() })
        }
        // And on each, the trash restores, and a new contact gets an id never given before
        for copy in [server, back] {
            let restored = try copy.restoreFromTrash(id: trashed.entry)
            #expect(restored.id == trashed.contact && restored.name == "Dee Gone")
            #expect(try copy.interactions(contactID: trashed.contact).count == 2)
            let added = try copy.insert(Fixture.contact("Eve New"))
            #expect(added.id == trashed.contact + 1)
            #expect(try copy.read { try $0.summaryMismatches() } == [])
        }
    }

    @Test func fileToFileNeedsNoServer() throws {
        let source = try Store(path: file("source"))
        let trashed = try Self.fill(source)
        let copy = try Store(path: file("copy"))
        let counts = try source.copyBook(to: copy)
        #expect(counts.contacts == 3 && counts.trashEntries == 1)
        #expect(try Self.dump(copy) == Self.dump(source))
        #expect(try copy.insert(Fixture.contact("Eve New")).id == trashed.contact + 1)
    }

    // MARK: Refusals and failures

    @Test func refusesItselfAndABookWithContactsOrOtherRows() throws {
        let source = try Store(path: file("source"))
        _ = try Self.fill(source)
        // The same file, under another path
        let alias = folder.path + "/./source.sqlite"
        #expect(throws: BookCopyError.sameBook(path: alias)) { try source.copyBook(to: Store(path: alias)) }
        // A book with a contact
        let full = try Store(path: file("full"))
        _ = try full.insert(Fixture.contact("Zed"))
        let fullBefore = try Self.dump(full)
        #expect(throws: BookCopyError.destinationHasContacts(path: file("full"), count: 1)) {
            try source.copyBook(to: full)
        }
        #expect(try Self.dump(full) == fullBefore)
        // A book without contacts that remembers a capture source
        let other = try Store(path: file("other"))
        _ = try other.write { try $0.captureSource(kind: .mail, path: "/mail/other") }
        #expect(throws: BookCopyError.destinationNotEmpty(path: file("other"), table: "capture_source")) {
            try source.copyBook(to: other)
        }
        // Book-wide values of an empty book are no obstacle: they are merged
        let scored = try Store(path: file("scored"))
        try scored.saveAttention([], computedAt: Fixture.t0)
        #expect(try source.copyBook(to: scored).contacts == 3)
    }

    @Test func aRowRefusedMidwayLeavesTheFileEmpty() throws {
        let source = try Store(path: file("source"))
        _ = try Self.fill(source)
        // Given a destination that refuses one promise (as a full disk or a bug would, midway)
        let target = try Store(path: file("target"))
        try target.write { try $0.execute(sql: """
            CREATE TRIGGER refuse BEFORE INSERT ON promise WHEN NEW.text = 'intro'
            BEGIN SELECT RAISE(ABORT, 'refused'); END
            """) }
        #expect(throws: (any Error).self) { try source.copyBook(to: target) }
        #expect(try target.contactCount() == 0)
        #expect(try target.read { try $0.interactionCount() } == 0)
        #expect(try target.trash(now: Date()).isEmpty)
    }

    @Test func aRowRefusedMidwayLeavesTheServerBookEmpty() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let source = try Store(path: file("source"))
        _ = try Self.fill(source)
        let url = try PostgresTestServer.freshDatabase(prefix: "copyfail")
        let target = try Store(path: url)
        try PostgresTestServer.psql("ALTER TABLE promise ADD CONSTRAINT refuse CHECK (text <> 'intro')", url: url)
        #expect(throws: (any Error).self) { try source.copyBook(to: target) }
        #expect(try PostgresTestServer.psql("SELECT count(*) FROM contact", url: url) == "0")
        #expect(try PostgresTestServer.psql("SELECT count(*) FROM interaction", url: url) == "0")
        // Once the obstacle is gone, the same book copies whole
        try PostgresTestServer.psql("ALTER TABLE promise DROP CONSTRAINT refuse", url: url)
        #expect(try source.copyBook(to: target).promises == 2)
        #expect(try Self.dump(target) == Self.dump(source))
    }

    // MARK: A later migration

    @Test func tablesAndColumnsOfALaterMigrationAreCopied() throws {
        // Given both books with a member table, member_id and private on interaction (as the next migration adds)
        let source = try Store(path: file("source"))
        try source.write { try $0.execute(sql: Self.membersSQLite) }
        _ = try Self.fill(source)
        try source.write { tx in
            try tx.execute(sql: """
                INSERT INTO member (id, name) VALUES (3, 'Ana'), (7, 'Bo');
                UPDATE interaction SET member_id = 7, private = 1 WHERE kind = 'pitch';
                UPDATE interaction SET member_id = 3 WHERE kind = 'meeting';
                """)
        }
        let copy = try Store(path: file("copy"))
        try copy.write { try $0.execute(sql: Self.membersSQLite) }
        // When the book is copied, Then the new table and columns come along
        _ = try source.copyBook(to: copy)
        #expect(try Self.dump(copy) == Self.dump(source))
        #expect(try copy.read { try $0.fetchString(sql: """
            SELECT group_concat(x) FROM (SELECT member_id || ':' || private AS x FROM interaction
                WHERE member_id IS NOT NULL ORDER BY id)
            """) } == "3:0,7:1")
        guard PostgresTestServer.isAvailable else { return }
        let url = try PostgresTestServer.freshDatabase(prefix: "copymembers")
        let server = try Store(path: url)
        try PostgresTestServer.psql(Self.membersPostgres, url: url)
        _ = try source.copyBook(to: server)
        #expect(try Self.dump(server) == Self.dump(source))
        // The member sequence is past the ids copied
        #expect(try PostgresTestServer.psql("INSERT INTO member (name) VALUES ('Cy') RETURNING id", url: url) == "8")
    }

    static let membersSQLite = """
        CREATE TABLE member (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
        ALTER TABLE interaction ADD COLUMN member_id INTEGER REFERENCES member(id);
        ALTER TABLE interaction ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
        """

    static let membersPostgres = """
        CREATE TABLE member (id bigint PRIMARY KEY, name text COLLATE "C" NOT NULL);
        CREATE SEQUENCE member_id_seq OWNED BY member.id;
        CREATE TRIGGER member_assigns_id BEFORE INSERT ON member
            FOR EACH ROW EXECUTE FUNCTION rapport_assign_id('member_id_seq');
        ALTER TABLE interaction ADD COLUMN member_id bigint REFERENCES member(id);
        ALTER TABLE interaction ADD COLUMN private bigint NOT NULL DEFAULT 0;
        """

    // MARK: Support

    /// A book with rows in every table: contacts with every field and their
    /// interop fields, shared interactions, promises (one linked, one done),
    /// events (one captured), a snooze, the attention cache, capture and sync
    /// state, meta, and a deleted contact in the trash.
    /// - returns: the trash entry's id and the deleted contact's.
    @discardableResult
    static func fill(_ store: Store) throws -> (entry: Int64, contact: Int64) {
        let gone = try store.write { tx -> Int64 in
            let ana = try tx.insert(ContactTests.full)
            try tx.setInterop(ContactInterop(uid: "urn:uuid:ana", extras: ["X-SOCIAL": ["@ana"]],
                                             emailTypes: [["work"], []], phoneTypes: [["cell"], []]), contactID: ana.id!)
            let bo = try tx.insert(Fixture.contact("Bo Lind", nickname: "Bobo", days: 1))
            let cy = try tx.insert(Contact(name: "Cy Park", company: "Initech", tags: ["x"], archived: true,
                                           createdAt: Fixture.t0))
            let gone = try tx.insert(Fixture.contact("Dee Gone"))
            let source = try tx.captureSource(kind: .mail, path: "/home/ana/Mail")
            try tx.execute(sql: """
                INSERT INTO capture_file (source_id, name, size, modified_at, "offset", recheck_at)
                    VALUES (\(source.id), 'cur/1', 120, 1767225600000000, 0, NULL);
                INSERT INTO mail_message (id, key, source_id, thread, sent_at, subject, from_me)
                    VALUES (5, '<m1@x>', \(source.id), 't1', 1767225600000000, 'Hello', 1);
                INSERT INTO mail_party (message_id, email, name, applied_contact)
                    VALUES (5, 'jose@example.com', 'José', \(ana.id!)), (5, 'zed@example.com', 'Zed', NULL);
                INSERT INTO suggestion_dismissed (email) VALUES ('spam@example.com');
                INSERT INTO capture_tombstone (key, source_id) VALUES ('mail:t0:2026-01-01', \(source.id));
                INSERT INTO sync_vdir (path, change_seq, synced_at) VALUES ('/home/ana/cards', 2, 1767225600000000);
                INSERT INTO sync_file (vdir_id, name, size, modified_ns, inode, hash, contact_id, contact_updated_at)
                    VALUES (1, 'ana.vcf', 300, 1767225600000000000, 42, -7, \(ana.id!), 1767312000500000);
                """)
            let lunch = try tx.insert(Interaction(occurredAt: Fixture.at(days: 1), kind: .meeting, summary: "lunch",
                                                  notes: "notes", contactIDs: [bo.id!, ana.id!, gone.id!]))
            _ = try tx.insert(Interaction(occurredAt: Fixture.at(days: 2), kind: .pitch, contactIDs: [ana.id!]))
            _ = try tx.touch(key: "mail:t1:2026-01-03", sourceID: source.id, at: Fixture.at(days: 2, hours: 3),
                             kind: .email, summary: "Hello", contactIDs: [gone.id!, cy.id!])
            _ = try tx.insert(Promise(contactID: ana.id!, text: "send deck", due: Fixture.day("2026-01-05"),
                                      createdAt: Fixture.t0, interactionID: lunch.id))
            _ = try tx.insert(Promise(contactID: bo.id!, text: "intro", owner: .theirs, createdAt: Fixture.t0,
                                      doneAt: Fixture.at(days: 2)))
            _ = try tx.insert(Event(name: "Summit", start: Fixture.at(days: 9), location: "Lisboa",
                                    attendeeIDs: [ana.id!, cy.id!]))
            _ = try tx.upsertCapturedEvent(key: "ics:uid-1", sourceID: source.id, name: "Standup",
                                           startAt: Fixture.at(days: 4), contactIDs: [bo.id!])
            try tx.snooze(contactID: bo.id!, until: Fixture.day("2026-03-01"))
            try tx.setCaptureSequence(3)
            try tx.setCaptureAddresses("2:31.0:4.0")
            return gone.id!
        }
        try store.saveAttention([Attention(contactID: 1, score: 12.5, level: .due, reasons: [],
                                           lastTouch: Fixture.at(days: 1), daysSinceTouch: 3,
                                           cadence: Cadence(idealDays: 7, maximumDays: 10), touches: 2,
                                           snoozedUntil: nil)],
                                computedAt: Fixture.at(days: 5))
        let entry = try store.moveContactToTrash(id: gone, at: Date())
        return (entry, gone)
    }

    /// Every table's rows as text, in primary key order, by table; the
    /// change log and the change sequence left out (a copy moves them on).
    static func dump(_ store: Store) throws -> [String: [String]] {
        try store.read { tx in
            var tables: [String: [String]] = [:]
            for table in try tx.db.tableShapes(excluding: BookCopy.ledgers.union(["contact_change"])) {
                let order = (table.primaryKey.isEmpty ? table.columns : table.primaryKey)
                    .map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                let rows = try SQLRow.fetchAll(tx.db, sql: """
                    SELECT \(table.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", "))
                    FROM \(table.name.quotedDatabaseIdentifier) ORDER BY \(order)
                    """)
                tables[table.name] = rows.compactMap { row in
                    let values = (0..<row.count).map { index -> String in
                        let value = row.databaseValue(at: index)
                        // meta.value has no type on SQLite and is text on a server: compared as text.
                        if table.name == "meta", case let .int64(number) = value.storage { return "\"\(number)\"" }
                        return value.description
                    }
                    return table.name == "meta" && values.first == "\"change_seq\"" ? nil : values.joined(separator: " | ")
                }
            }
            return tables
        }
    }
}
