import Domain
import Foundation
import Testing
@testable import Store
import TestSupport

/// A server of its own, restarted under an open Store.
@Suite("A team's server restarted") struct ServerFaultTests {
    @Test func aRestartIsSurvivedAndAWriteWhileDownFailsInOneLine() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let server = try PrivatePostgresServer()
        let url = try server.freshDatabase(prefix: "fault")
        let store = try Store(path: url)
        _ = try store.insert(Fixture.contact("Ana"))
        // When the server stops, a write fails with one line that says what to do
        try server.stop()
        let down = try #require(throws: StoreError.self) { try store.insert(Fixture.contact("Bea")) }
        #expect(down.isConnectionProblem, "\(down)")
        #expect(!"\(down)".contains("\n"))
        // And when it is back, the same Store writes and reads again
        try server.start()
        _ = try store.insert(Fixture.contact("Cai"))
        #expect(try store.contacts().map(\.name) == ["Ana", "Cai"])
        // And the change token hears writes again
        let before = try store.changeToken()
        _ = try Store(path: url).insert(Fixture.contact("Dan"))
        let deadline = Date().addingTimeInterval(5)
        while try store.changeToken() == before, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(try store.changeToken() != before)
    }
}
