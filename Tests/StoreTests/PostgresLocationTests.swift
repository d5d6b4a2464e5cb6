import Foundation
import Testing
@testable import Store

@Suite("postgres:// URLs") struct PostgresLocationTests {
    let environment = ["USER": "sam", "HOME": "/nonexistent"]

    func parse(_ url: String, _ environment: [String: String]? = nil) throws -> PostgresLocation {
        try #require(try PostgresLocation(url: url, environment: environment ?? self.environment))
    }

    @Test func theFormsLibpqTakes() throws {
        let full = try parse("postgresql://ana:s%40cret@db.example.com:6543/team?sslmode=require")
        #expect(full.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(full.user == "ana" && full.password == "s@cret" && full.database == "team" && full.tls == .require)
        let socket = try parse("postgres:///team?host=/var/run/postgresql&port=5433")
        #expect(socket.endpoint == .socket(folder: "/var/run/postgresql", port: 5433))
        #expect(socket.user == "sam" && socket.database == "team")
        let encoded = try parse("postgres://%2Ftmp%2Fpg/book")
        #expect(encoded.endpoint == .socket(folder: "/tmp/pg", port: 5432))
        let ipv6 = try parse("postgres://ana@[::1]:5432/team")
        #expect(ipv6.endpoint == .tcp(host: "::1", port: 5432))
        let bare = try parse("postgres://")
        #expect(bare.endpoint == .socket(folder: "/var/run/postgresql", port: 5432) && bare.database == "sam")
        #expect(try PostgresLocation(url: "/home/sam/rapport.sqlite") == nil)
    }

    @Test func thePasswordComesFromTheURLThenPGPASSWORDAndIsNeverShown() throws {
        let fromEnvironment = try parse("postgres://ana@db/team", ["PGPASSWORD": "env-secret", "HOME": "/nonexistent"])
        #expect(fromEnvironment.password == "env-secret")
        let fromURL = try parse("postgres://ana:url-secret@db/team", ["PGPASSWORD": "env-secret"])
        #expect(fromURL.password == "url-secret")
        #expect(!fromURL.description.contains("secret") && fromURL.description == "postgres://ana@db:5432/team")
    }

    @Test func aPasswordFileIsReadOnlyWhenOthersCannotReadIt() throws {
        let folder = NSTemporaryDirectory() + "rapport-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/.pgpass"
        try "# team\ndb:*:team:ana:file\\:secret\n*:*:*:bruno:other\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(try parse("postgres://ana@db/team", ["HOME": folder]).password == "file:secret")
        #expect(try parse("postgres://ana@db/other", ["HOME": folder]).password == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try parse("postgres://ana@db/team", ["HOME": folder]).password == nil)
    }

    @Test func aBrokenURLSaysWhyWithoutThePassword() throws {
        for url in ["postgres://ana:pw@db:99999/team", "postgres://ana:pw@db/team?sslmode=sometimes",
                    "postgres://ana:pw@db/team?colour=blue", "postgres://ana:pw@[::1/team"] {
            let error = try #require(throws: StoreError.self) { try PostgresLocation(url: url, environment: environment) }
            #expect(!"\(error)".contains(":pw@"), "\(error)")
        }
    }
}
