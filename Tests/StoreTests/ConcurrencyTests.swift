import Domain
import Foundation
import Testing
@testable import Store
import TestSupport

@Suite("Several processes on one file")
struct ConcurrencyTests {
    @Test func twoStoresWritingFromManyThreadsLoseNothing() throws {
        // Given two Store instances on one file (as two rapport processes would have)
        let folder = TempFolder()
        let first = try Store(path: folder.book())
        let second = try Store(path: folder.book())
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
        let path = try folder.book()
        let failures = Failures()
        // When four threads open it at the same moment
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do { _ = try Store(path: path).contactCount() } catch { failures.append("\(error)") }
        }
        // Then none fails
        #expect(failures.all.isEmpty)
    }

    @Test func changeTokenMovesWhenAnotherStoreWrites() throws {
        // Given two stores on one book
        let folder = TempFolder()
        let dashboard = try Store(path: folder.book())
        let script = try Store(path: folder.book())
        // On a server the token counts notifications, which arrive a moment
        // after the commit: wait for a change, or a while for none.
        func token(changedFrom old: Int64?) throws -> Int64 {
            let deadline = Date().addingTimeInterval(TestEngine.isPostgres ? 5 : 0)
            if old == nil && TestEngine.isPostgres { Thread.sleep(forTimeInterval: 0.3) }
            var token = try dashboard.changeToken()
            while let old, token == old, Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
                token = try dashboard.changeToken()
            }
            return token
        }
        let before = try token(changedFrom: nil)
        // When nothing is written, Then the token holds
        #expect(try token(changedFrom: nil) == before)
        // When the other store commits, Then the token changes
        _ = try script.insert(Fixture.contact("Ana"))
        let afterOther = try token(changedFrom: before)
        #expect(afterOther != before)
        // When the dashboard itself commits, Then it changes too
        _ = try dashboard.insert(Fixture.contact("Bea"))
        #expect(try token(changedFrom: afterOther) != afterOther)
        // And a failed (rolled back) write leaves it alone
        let settled = try token(changedFrom: nil)
        _ = try? script.insert(Interaction(occurredAt: Fixture.t0, kind: .call, contactIDs: [999]))
        #expect(try token(changedFrom: nil) == settled)
    }
}

/// Error messages collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func append(_ message: String) { lock.withLock { messages.append(message) } }
    var all: [String] { lock.withLock { messages } }
}
