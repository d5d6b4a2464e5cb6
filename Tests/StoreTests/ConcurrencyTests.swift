import Domain
import Foundation
import Testing
@testable import Store

@Suite("Several processes on one file")
struct ConcurrencyTests {
    @Test func twoStoresWritingFromManyThreadsLoseNothing() throws {
        // Given two Store instances on one file (as two rapport processes would have)
        let folder = TempFolder()
        let first = try Store(path: folder.databasePath)
        let second = try Store(path: folder.databasePath)
        let contact = try first.insert(Fixture.contact("Ana"))
        // When 4 threads (2 per store) each log 100 interactions and 100 contacts
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            let store = worker % 2 == 0 ? first : second
            for n in 0..<100 {
                do {
                    _ = try store.insert(Fixture.contact("W\(worker)-\(n)"))
                    _ = try store.insert(Interaction(occurredAt: Fixture.at(days: Double(n)), kind: .call,
                                                     summary: "W\(worker)-\(n)", contactIDs: [contact.id!]))
                } catch {
                    failures.append("\(error)")
                }
            }
        }
        // Then no write failed and every row is there, seen from either store
        #expect(failures.all.isEmpty)
        #expect(try first.contactCount() == 401)
        #expect(try second.interactions(contactID: contact.id!).count == 400)
    }

    @Test func twoStoresOpeningANewFileAtOnceBothSucceed() throws {
        // Given a path with no file yet
        let folder = TempFolder()
        let path = folder.databasePath
        let failures = Failures()
        // When four threads open it at the same moment
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do { _ = try Store(path: path).contactCount() } catch { failures.append("\(error)") }
        }
        // Then none fails
        #expect(failures.all.isEmpty)
    }

    @Test func changeTokenMovesWhenAnotherStoreWrites() throws {
        // Given two stores on one file
        let folder = TempFolder()
        let dashboard = try Store(path: folder.databasePath)
        let script = try Store(path: folder.databasePath)
        let before = try dashboard.changeToken()
        // When nothing is written, Then the token holds
        #expect(try dashboard.changeToken() == before)
        // When the other store commits, Then the token changes
        _ = try script.insert(Fixture.contact("Ana"))
        let afterOther = try dashboard.changeToken()
        #expect(afterOther != before)
        // When the dashboard itself commits, Then it changes too
        _ = try dashboard.insert(Fixture.contact("Bea"))
        #expect(try dashboard.changeToken() != afterOther)
        // And a failed (rolled back) write leaves it alone
        let settled = try dashboard.changeToken()
        _ = try? script.insert(Interaction(occurredAt: Fixture.t0, kind: .call, contactIDs: [999]))
        #expect(try dashboard.changeToken() == settled)
    }
}

/// Error messages collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}
