import Domain
import Foundation
import Testing
@testable import Store
import TestSupport

/// A team's book: two members on one PostgreSQL database, each its own
/// role, as `rapport --db postgres://ana@…` and `postgres://bruno@…` open it.
struct TeamBook {
    let admin: Store
    let ana: Store
    let bruno: Store
    let anaRole: String
    let brunoRole: String
    let adminURL: String

    init() throws {
        adminURL = try PostgresTestServer.freshDatabase(prefix: "team")
        admin = try Store(path: adminURL)  // makes the schema, as the team's administrator does once
        anaRole = PostgresTestServer.uniqueName("ana")
        brunoRole = PostgresTestServer.uniqueName("bruno")
        try PostgresTestServer.createRole(anaRole, password: "ana-secret", url: adminURL)
        try PostgresTestServer.createRole(brunoRole, password: "bruno-secret", url: adminURL)
        ana = try Store(path: PostgresTestServer.url(adminURL, user: anaRole, password: "ana-secret"))
        bruno = try Store(path: PostgresTestServer.url(adminURL, user: brunoRole, password: "bruno-secret"))
    }

    /// psql as `role`, for what another client (not rapport) sees.
    func psql(_ sql: String, as role: String, password: String) throws -> String {
        try PostgresTestServer.psql(sql, url: PostgresTestServer.url(adminURL, user: role, password: password))
    }
}

@Suite("Team's book on PostgreSQL") struct TeamTests {
    @Test func eachRoleIsAMemberNamedByMe() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let team = try TeamBook()
        let ana = try #require(team.ana.currentMember)
        let bruno = try #require(team.bruno.currentMember)
        #expect(ana != bruno)
        try team.ana.nameMember(name: "Ana Lima", emails: ["ana@example.com"])
        let members = try team.bruno.read { try $0.members() }
        #expect(members.first { $0.id == ana }?.displayName == "Ana Lima")
        #expect(members.first { $0.id == bruno }?.displayName == team.brunoRole)
        // A second opening of the same role is the same member
        #expect(try Store(path: PostgresTestServer.url(team.adminURL, user: team.anaRole, password: "ana-secret"))
            .currentMember == ana)
    }

    @Test func writesRecordTheirMemberAndSummariesArePerMember() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let team = try TeamBook()
        let contact = try team.admin.insert(Fixture.contact("Chiara"))
        let id = try #require(contact.id)
        let logged = try team.ana.insert(Interaction(occurredAt: Fixture.at(days: 1), kind: .call, contactIDs: [id]))
        _ = try team.ana.insert(Interaction(occurredAt: Fixture.at(days: 3), kind: .meeting, contactIDs: [id]))
        _ = try team.bruno.insert(Interaction(occurredAt: Fixture.at(days: 2), kind: .email, contactIDs: [id]))
        let promise = try team.bruno.insert(Promise(contactID: id, text: "send the deck", createdAt: Fixture.at(days: 2)))
        #expect(logged.memberID == team.ana.currentMember)
        #expect(try team.ana.promise(id: promise.id!)?.memberID == team.bruno.currentMember)
        // Then the whole contact counts three touches, Ana two and Bruno one
        #expect(try team.bruno.read { try $0.historySummary(contactID: id) }.touches == 3)
        let anaView = try team.bruno.read { try $0.historySummaries(member: team.ana.currentMember) }
        #expect(anaView[id]?.touches == 2 && anaView[id]?.lastTouch == Fixture.at(days: 3))
        let known = try team.admin.read { try $0.memberHistories(contactID: id) }
        #expect(known.map(\.member.id) == [team.ana.currentMember!, team.bruno.currentMember!])
        #expect(known.map(\.history.touches) == [2, 1])
        // And the summaries agree with the interactions
        #expect(try team.admin.read { try $0.summaryMismatches() }.isEmpty)
    }

    @Test func aPrivateInteractionIsReadableByItsMemberOnlyButCountsForEveryone() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let team = try TeamBook()
        let id = try #require(try team.admin.insert(Fixture.contact("Dana")).id)
        let secret = try team.ana.insert(Interaction(occurredAt: Fixture.at(days: 1), kind: .call, summary: "salary talk",
                                                     contactIDs: [id], isPrivate: true))
        // Ana reads it; Bruno does not, through rapport or through psql
        #expect(try team.ana.interactions(contactID: id).map(\.summary) == ["salary talk"])
        #expect(try team.bruno.interactions(contactID: id).isEmpty)
        #expect(try team.bruno.interaction(id: secret.id!) == nil)
        let sql = "SELECT count(*) FROM interaction WHERE id = \(secret.id!)"
        #expect(try team.psql(sql, as: team.brunoRole, password: "bruno-secret") == "0")
        #expect(try team.psql(sql, as: team.anaRole, password: "ana-secret") == "1")
        // Bruno can neither change nor delete it, nor write a private row in Ana's name
        #expect(try team.psql("UPDATE interaction SET summary = 'x' WHERE id = \(secret.id!)",
                              as: team.brunoRole, password: "bruno-secret").isEmpty)
        #expect(throws: (any Error).self) {
            try team.psql("""
                INSERT INTO interaction (occurred_at, kind, direction, private, member_id)
                VALUES (0, 'call', 'neutral', 1, \(team.ana.currentMember!))
                """, as: team.brunoRole, password: "bruno-secret")
        }
        #expect(try team.psql("SELECT summary FROM interaction WHERE id = \(secret.id!)",
                              as: team.anaRole, password: "ana-secret") == "salary talk")
        // Yet the touch counts in the contact's summary, whoever wrote last
        _ = try team.bruno.insert(Interaction(occurredAt: Fixture.at(days: 2), kind: .email, contactIDs: [id]))
        #expect(try team.bruno.read { try $0.historySummary(contactID: id) }.touches == 2)
        #expect(try team.bruno.read { try $0.memberHistories(contactID: id) }.map(\.history.touches).sorted() == [1, 1])
    }

    @Test func aPersonalBookCopiedInByAMemberBecomesTheirs() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let team = try TeamBook()
        let folder = TempFolder()
        let file = try Store(path: folder.databasePath)
        let id = try #require(try file.insert(Fixture.contact("Gil")).id)
        _ = try file.insert(Interaction(occurredAt: Fixture.at(days: 1), kind: .call, contactIDs: [id]))
        _ = try file.insert(Promise(contactID: id, text: "call back", createdAt: Fixture.at(days: 1)))
        _ = try file.copyBook(to: team.ana)
        let ana = try #require(team.ana.currentMember)
        #expect(try team.bruno.interactions(contactID: id).map(\.memberID) == [ana])
        #expect(try team.bruno.promises(contactID: id).map(\.memberID) == [ana])
        #expect(try team.bruno.read { try $0.memberHistories(contactID: id) }.map(\.member.id) == [ana])
    }

    @Test func anotherMembersWriteMovesTheChangeToken() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let team = try TeamBook()
        Thread.sleep(forTimeInterval: 0.2)
        let before = try team.bruno.changeToken()
        _ = try team.ana.insert(Fixture.contact("Eva"))
        let deadline = Date().addingTimeInterval(5)
        while try team.bruno.changeToken() == before, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(try team.bruno.changeToken() != before)
    }

    @Test func twoMembersWritingAtOnceBothLand() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let team = try TeamBook()
        let id = try #require(try team.admin.insert(Fixture.contact("Fay")).id)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let store = index == 0 ? team.ana : team.bruno
            for n in 0..<50 {
                do {
                    _ = try store.insert(Interaction(occurredAt: Fixture.at(days: Double(n)), kind: .call, contactIDs: [id]))
                } catch { failures.append("\(error)") }
            }
        }
        #expect(failures.all.isEmpty)
        #expect(try team.admin.read { try $0.historySummary(contactID: id) }.interactions == 100)
        #expect(try team.admin.read { try $0.memberHistories(contactID: id) }.map(\.history.touches) == [50, 50])
        #expect(try team.admin.read { try $0.summaryMismatches() }.isEmpty)
    }
}

@Suite("PostgreSQL books refused or unreachable") struct ServerRefusalTests {
    @Test func connectionFailuresAreOneClearLineWithoutThePassword() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let url = try PostgresTestServer.freshDatabase(prefix: "refuse")
        let wrong = try PostgresTestServer.url(url, password: "not-the-password-1234")
        let error = try #require(throws: StoreError.self) { try Store(path: wrong) }
        #expect("\(error)".contains("authentication failed"))
        #expect(!"\(error)".contains("not-the-password-1234"))
        let missing = try PostgresTestServer.url(url, database: "no_such_book_here")
        #expect("\(try #require(throws: StoreError.self) { try Store(path: missing) })".contains("does not exist"))
        let closed = try #require(throws: StoreError.self) { try Store(path: "postgres://nobody@127.0.0.1:1/book") }
        #expect("\(closed)".contains("connection refused"))
        #expect(!"\(closed)".contains("\n"))
    }

    @Test func aNewerSchemaAndAnotherProgramsDatabaseAreRefusedUntouched() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let url = try PostgresTestServer.freshDatabase(prefix: "newer")
        _ = try Store(path: url)
        try PostgresTestServer.psql("INSERT INTO rapport_migrations (id) VALUES ('v99-future')", url: url)
        #expect(throws: StoreError.self) { try Store(path: url) }
        let other = try PostgresTestServer.freshDatabase(prefix: "other")
        try PostgresTestServer.psql("CREATE TABLE invoices (id int)", url: other)
        let error = try #require(throws: StoreError.self) { try Store(path: other) }
        #expect("\(error)".contains("another program"))
        #expect(try PostgresTestServer.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", url: other) == "1")
    }
}
