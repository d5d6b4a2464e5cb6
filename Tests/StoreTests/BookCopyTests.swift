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
        let before = try Self.dump(source, except: ["member"])
        // When it is copied to a server, then from there to a new file
        let server = try Store(path: PostgresTestServer.freshDatabase(prefix: "copy"))
        let up = try source.copyBook(to: server)
        let back = try Store(path: file("back"))
        let down = try server.copyBook(to: back)
        // Then both copies hold the same rows as the source, and say so in their counts
        #expect(up.contacts == 3 && up.interactions == 3 && up.promises == 2 && up.events == 2 && up.trashEntries == 1,
                "\(up)")
        #expect(down.rows.filter { $0.key != "member" } == up.rows.filter { $0.key != "member" })
        #expect(try Self.dump(server, except: ["member"]) == before)
        #expect(try Self.dump(back, except: ["member"]) == before)
        // Members a server made of the roles that opened it (none for its administrator) come back too
        #expect(try Self.dump(source)["member"] == [])
        #expect(try Self.dump(back)["member"] == Self.dump(server)["member"])
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
        #expect(try Self.dump(target, except: ["member"]) == Self.dump(source, except: ["member"]))
    }

    // MARK: Members, and a later migration

    @Test func aTeamsBookGoesToAFileAndToANewServerWithItsMembers() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        // Given a team's book: a private call of Ana's, a meeting and a promise of Bruno's
        let team = try TeamBook()
        let chiara = try #require(try team.admin.insert(Fixture.contact("Chiara")).id)
        _ = try team.ana.insert(Interaction(occurredAt: Fixture.at(days: 1), kind: .call, summary: "mine",
                                            contactIDs: [chiara], isPrivate: true))
        _ = try team.bruno.insert(Interaction(occurredAt: Fixture.at(days: 2), kind: .meeting, contactIDs: [chiara]))
        _ = try team.bruno.insert(Promise(contactID: chiara, text: "send the deck", createdAt: Fixture.at(days: 2)))
        let histories = try team.admin.read { try $0.memberHistories(contactID: chiara) }
        #expect(histories.count == 2)
        // A member whom row-level security hides Ana's call from cannot copy the book
        #expect(throws: BookCopyError.rowsHidden(path: team.bruno.path, table: "interaction")) {
            try team.bruno.copyBook(to: Store(path: file("bruno")))
        }
        // When the owner copies it to a file, then to a new server where Bruno connected first
        let backup = try Store(path: file("backup"))
        #expect(try team.admin.copyBook(to: backup).interactions == 2)
        let url = try PostgresTestServer.freshDatabase(prefix: "newteam")
        let server = try Store(path: url)
        let early = try Store(path: PostgresTestServer.url(url, user: team.brunoRole, password: "bruno-secret"))
        #expect(try server.read { try $0.members() }.map(\.role) == [team.brunoRole])
        #expect(early.currentMember != team.bruno.currentMember)  // his id there is Ana's in the source
        #expect(try backup.copyBook(to: server).contacts == 1)
        // Then every member keeps the id it had, their rows with it, and the summaries per member are folded again
        let members = try team.admin.read { try $0.members() }
        #expect(try backup.read { try $0.members() } == members)
        #expect(try server.read { try $0.members() } == members)
        #expect(try Self.dump(server) == Self.dump(team.admin))
        #expect(try server.read { try $0.memberHistories(contactID: chiara) }.map(\.member) == histories.map(\.member))
        #expect(try server.read { try $0.memberHistories(contactID: chiara) }.map(\.history) == histories.map(\.history))
        // And Ana's call is still hers alone
        let ana = try Store(path: PostgresTestServer.url(url, user: team.anaRole, password: "ana-secret"))
        let bruno = try Store(path: PostgresTestServer.url(url, user: team.brunoRole, password: "bruno-secret"))
        #expect(try ana.interactions(contactID: chiara).map(\.summary).contains("mine"))
        #expect(try bruno.interactions(contactID: chiara).count == 1)
        #expect(ana.currentMember == team.ana.currentMember && bruno.currentMember == team.bruno.currentMember)
    }

    @Test func tablesAndColumnsOfALaterMigrationAreCopied() throws {
        // Given both books with a table and a column more (as a later migration adds)
        let source = try Store(path: file("source"))
        try source.write { try $0.execute(sql: Self.laterSQLite) }
        _ = try Self.fill(source)
        try source.write { tx in
            try tx.execute(sql: """
                INSERT INTO contact_badge (id, contact_id, label) VALUES (3, 1, 'speaker'), (9, 2, 'investor');
                UPDATE event SET url = 'https://summit.example' WHERE name = 'Summit';
                """)
        }
        let copy = try Store(path: file("copy"))
        try copy.write { try $0.execute(sql: Self.laterSQLite) }
        // When the book is copied, Then the new table and column come along
        _ = try source.copyBook(to: copy)
        #expect(try Self.dump(copy) == Self.dump(source))
        #expect(try copy.read { try $0.fetchString(sql: "SELECT group_concat(label) FROM contact_badge") }
                == "speaker,investor")
        guard PostgresTestServer.isAvailable else { return }
        let url = try PostgresTestServer.freshDatabase(prefix: "copylater")
        let server = try Store(path: url)
        try PostgresTestServer.psql(Self.laterPostgres, url: url)
        _ = try source.copyBook(to: server)
        #expect(try Self.dump(server, except: ["member"]) == Self.dump(source, except: ["member"]))
        // The new table's id sequence is past the ids copied
        #expect(try PostgresTestServer.psql("INSERT INTO contact_badge (contact_id, label) VALUES (1, 'x') RETURNING id",
                                            url: url) == "10")
    }

    static let laterSQLite = """
        CREATE TABLE contact_badge (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            label TEXT NOT NULL
        );
        ALTER TABLE event ADD COLUMN url TEXT;
        """

    static let laterPostgres = """
        CREATE TABLE contact_badge (
            id bigint PRIMARY KEY,
            contact_id bigint NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            label text COLLATE "C" NOT NULL
        );
        CREATE SEQUENCE contact_badge_id_seq OWNED BY contact_badge.id;
        CREATE TRIGGER contact_badge_assigns_id BEFORE INSERT ON contact_badge
            FOR EACH ROW EXECUTE FUNCTION rapport_assign_id('contact_badge_id_seq');
        ALTER TABLE event ADD COLUMN url text COLLATE "C";
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
    static func dump(_ store: Store, except: Set<String> = []) throws -> [String: [String]] {
        try store.read { tx in
            var tables: [String: [String]] = [:]
            for table in try tx.db.tableShapes(excluding: BookCopy.ledgers.union(["contact_change"]).union(except)) {
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
