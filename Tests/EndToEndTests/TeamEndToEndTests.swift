import Foundation
import Testing
import TestSupport

/// A team's book on the run's PostgreSQL server, as its people use it: the
/// administrator makes the schema and loads the demo with the command line,
/// then Ana and Bruno each open the dashboard in a tmux of their own (own
/// socket, own HOME, own config.toml `[me]`), each as their own role. What
/// one types reaches the other's open screen without a key pressed there,
/// named by who wrote it; a private interaction never does.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct TeamEndToEndTests {
    /// The contact both open: a demo contact whose name nothing else matches.
    static let contact = "Kenji Watanabe"

    /// The book and its two members' dashboards, open on the same contact's detail.
    struct Team {
        let adminURL: String
        let anaRole: String
        let brunoRole: String
        let ana: TmuxSession
        let bruno: TmuxSession

        static let anaPassword = "ana-e2e-secret"
        static let brunoPassword = "bruno-e2e-secret"

        /// The admin's schema and demo, two roles, and both dashboards on their own view.
        init() throws {
            adminURL = try PostgresTestServer.freshDatabase(prefix: "e2e_team")
            let adminHome = try temporaryFolder("team-admin")
            defer { try? FileManager.default.removeItem(atPath: adminHome) }
            let demo = try Spawn.run(TmuxSession.binary, ["--db", adminURL, "demo"],
                                     environment: rapportEnvironment(database: adminURL, home: adminHome), capture: true)
            guard demo.status == 0 else { throw Failure("rapport demo exited \(demo.status): \(demo.output)") }

            anaRole = PostgresTestServer.uniqueName("ana")
            brunoRole = PostgresTestServer.uniqueName("bruno")
            try PostgresTestServer.createRole(anaRole, password: Self.anaPassword, url: adminURL)
            try PostgresTestServer.createRole(brunoRole, password: Self.brunoPassword, url: adminURL)

            // Ana names the book with --db; Bruno with config.toml's `database`
            // (RAPPORT_DB empty, so that TmuxSession's file does not win).
            let anaURL = try Self.memberURL(adminURL, role: anaRole, password: Self.anaPassword)
            let brunoURL = try Self.memberURL(adminURL, role: brunoRole, password: Self.brunoPassword)
            ana = try TmuxSession(arguments: ["--db", anaURL],
                                  config: "[me]\nname = \"Ana Lima\"\nemails = [\"ana@team.example\"]\n")
            bruno = try TmuxSession(config: "database = \"\(brunoURL)\"\n"
                                        + "[me]\nname = \"Bruno Costa\"\nemails = [\"bruno@team.example\"]\n",
                                    environment: ["RAPPORT_DB": ""])
            for session in [ana, bruno] { try session.waitFor(text: "your view · ") }
        }

        /// `postgres://ROLE@/DB?host=SOCKETDIR&port=PORT` (the socket trusts
        /// its users: no password), or the admin URL's host with the role's password.
        static func memberURL(_ adminURL: String, role: String, password: String) throws -> String {
            guard let socket = PostgresTestServer.socketDirectory, let port = PostgresTestServer.port,
                  let database = URLComponents(string: adminURL)?.path.dropFirst(), !database.isEmpty else {
                return try PostgresTestServer.url(adminURL, user: role, password: password)
            }
            var components = URLComponents()
            components.scheme = "postgres"
            components.user = role
            components.host = ""
            components.path = "/" + database
            components.queryItems = [URLQueryItem(name: "host", value: socket), URLQueryItem(name: "port", value: "\(port)")]
            guard let url = components.string else { throw Failure("no URL for \(role)") }
            return url
        }

        /// psql as a member's role (its password, over TCP like any other client).
        func psql(_ sql: String, as role: String) throws -> String {
            let password = role == anaRole ? Self.anaPassword : Self.brunoPassword
            return try PostgresTestServer.psql(sql, url: PostgresTestServer.url(adminURL, user: role, password: password))
        }

        /// Both open `contact`'s detail from the contacts view's search.
        func openContact(_ name: String) throws {
            for session in [ana, bruno] {
                try session.press("2")
                try session.waitFor(text: "Contacts (")
                try session.press("/")
                try session.type(String(name.split(separator: " ").last!))
                try session.waitFor("only \(name) listed") { $0.contains(name) && $0.contains("Contacts (1)") }
                try session.press("Enter", "Enter")
                try session.waitFor("\(name)'s detail") { $0.contains("Esc back") && $0.contains("Timeline (") }
            }
        }

        /// Ana logs `summary` with the contact open through the log form;
        /// `private` sets its Private field to yes first. Returns when Enter
        /// was sent, once her status line says it was logged.
        @discardableResult
        func anaLogs(_ summary: String, private isPrivate: Bool = false) throws -> Date {
            let sent = try anaSubmits(summary, private: isPrivate)
            try ana.waitFor(text: isPrivate ? "logged private meeting with" : "logged meeting with")
            return sent
        }

        /// The log form filled in and Enter pressed; returns when Enter was sent.
        func anaSubmits(_ summary: String, private isPrivate: Bool = false) throws -> Date {
            try ana.press("l")
            try ana.waitFor(text: "Log an interaction")
            let form = try ana.screen()
            #expect(line(of: form, containing: "Private").map { $0.contains("no") } == true,
                    "the log form on a team's book has a Private field, no by default:\n\(form)")
            try ana.type(summary)
            if isPrivate {
                // Summary → With → Private; Space steps a choice field to its next option.
                try ana.press("Tab", "Tab", "Space")
                try ana.waitFor("Private: yes") { line(of: $0, containing: "Private")?.contains("yes") == true }
            }
            try ana.press("Enter")
            return Date()
        }

        /// Both quit; each terminal gets its shell line back.
        func quit() throws {
            for session in [ana, bruno] {
                try session.press("q")
                try session.waitFor(text: "EXIT=0")
            }
        }
    }

    /// Polls each of `sessions` tightly (no fixed sleep) until `predicate`
    /// holds on its screen; returns, for each, the seconds from `since` to
    /// the first capture that showed it.
    static func seconds(on sessions: [(TmuxSession, (String) -> Bool)], since: Date,
                        timeout: TimeInterval = 10) throws -> [TimeInterval] {
        let deadline = since.addingTimeInterval(timeout)
        var found = [TimeInterval?](repeating: nil, count: sessions.count)
        var last = [String](repeating: "", count: sessions.count)
        while Date() < deadline, found.contains(where: { $0 == nil }) {
            for (index, (session, predicate)) in sessions.enumerated() where found[index] == nil {
                last[index] = try session.screen()
                if predicate(last[index]) { found[index] = Date().timeIntervalSince(since) }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        if let missing = found.firstIndex(where: { $0 == nil }) {
            throw Failure("timed out; screen \(missing + 1) was:\n\(last[missing])")
        }
        return found.compactMap { $0 }
    }

    @Test(.timeLimit(.minutes(1))) func anasLogReachesBrunosOpenScreenWithHerName() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let team = try Team()
        try team.openContact(Self.contact)
        let summary = "Pilot scope call \(UUID().uuidString.prefix(6))"

        let sent = try team.anaSubmits(summary)
        // Bruno's screen shows it, without a key pressed there, named after
        // Ana; her status line says it was logged.
        let times = try Self.seconds(on: [
            (team.bruno, { line(of: $0, containing: summary)?.contains(" · Ana Lima") == true }),
            (team.ana, { $0.contains("logged meeting with \(Self.contact)") }),
        ], since: sent)
        // Ana's own timeline shows it without her name.
        let own = try team.ana.waitFor(text: summary)
        #expect(line(of: own, containing: summary).map { !$0.contains("Ana Lima") } == true, "\(own)")
        // Bruno's detail says who of the team knows the contact.
        try team.bruno.waitFor("Ana Lima in Who knows them") { screen in
            screen.contains("Who knows them") && screen.contains("Ana Lima: 1 touch, last today")
        }
        // The database says it is Ana's.
        let sql = "SELECT m.name FROM interaction i JOIN member m ON m.id = i.member_id WHERE i.summary = "
            + PostgresTestServer.quoteLiteral(summary)
        #expect(try PostgresTestServer.psql(sql, url: team.adminURL) == "Ana Lima")
        try team.quit()
        Stress.figure("team: Ana's log on Bruno's open screen \(String(format: "%.2f", times[0])) s after her Enter "
                      + "(her own status line: \(String(format: "%.2f", times[1])) s)")
    }

    @Test(.timeLimit(.minutes(1))) func aPrivateLogNeverReachesBrunosScreen() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let team = try Team()
        try team.openContact(Self.contact)
        let token = UUID().uuidString.prefix(6)
        let secret = "Salary talk \(token)"
        let open = "Intro follow-up \(token)"

        try team.anaLogs(secret, private: true)
        // Ana's screen shows it, marked private.
        let own = try team.ana.waitFor(text: secret)
        #expect(line(of: own, containing: secret)?.contains(" · private") == true, "\(own)")
        // Then a public one: once it is on Bruno's screen, the private one had its chance to arrive.
        let sent = try team.anaLogs(open)
        var leaked: String?
        let deadline = sent.addingTimeInterval(10)
        var arrived = false
        var screen = ""
        while Date() < deadline, !arrived {
            screen = try team.bruno.screen()
            if screen.contains(secret) { leaked = screen }
            arrived = line(of: screen, containing: open)?.contains(" · Ana Lima") == true
            if !arrived { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(arrived, "Ana's public log never reached Bruno's screen:\n\(screen)")
        #expect(leaked == nil, "Bruno's screen showed Ana's private summary:\n\(leaked ?? "")")
        #expect(!(try team.bruno.screen()).contains(secret))
        // Both touches count for the contact: the private one too.
        try team.bruno.waitFor(text: "Ana Lima: 2 touches, last today")

        let count = "SELECT count(*) FROM interaction WHERE summary = " + PostgresTestServer.quoteLiteral(secret)
        #expect(try team.psql(count, as: team.brunoRole) == "0")
        #expect(try team.psql(count, as: team.anaRole) == "1")
        try team.quit()
    }

    @Test(.timeLimit(.minutes(1))) func tSwitchesBrunoBetweenHisViewAndTheTeams() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let team = try Team()
        let bruno = team.bruno
        let mine = try bruno.waitFor(text: "your view · ")
        #expect(!mine.contains("team view"))
        try bruno.press("t")
        let everyone = try bruno.waitFor(text: "team view · ")
        #expect(!everyone.contains("your view"))
        // The team's view counts the demo's touches (the admin's): more needs attention than in Bruno's own.
        #expect(attentionCount(everyone) ?? 0 > attentionCount(mine) ?? 0, "mine:\n\(mine)\nteam:\n\(everyone)")
        try bruno.press("t")
        let back = try bruno.waitFor(text: "your view · ")
        #expect(!back.contains("team view"))
        // Ana's dashboard stays on her own view.
        #expect(try team.ana.screen().contains("your view · "))
        try team.quit()
    }
}

/// The first line of `screen` that contains `text`.
private func line(of screen: String, containing text: String) -> String? {
    screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
}

/// N of "Needs attention (N)".
private func attentionCount(_ screen: String) -> Int? {
    guard let range = screen.range(of: "Needs attention (") else { return nil }
    return Int(screen[range.upperBound...].prefix { $0.isNumber })
}
