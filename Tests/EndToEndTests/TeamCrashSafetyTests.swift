import Foundation
import Testing
import Store
import TestSupport

/// A client killed while it writes to a team's book leaves nothing half
/// written: the server rolls back the transaction of a connection that died.
@Suite struct TeamCrashSafetyTests {
    @Test func anImportKilledMidwayLeavesTheServerBookEmpty() throws {
        guard try PostgresTestServer.requireOrSkip() else { return }
        let folder = try temporaryFolder("team-kill")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var cards = ""
        for n in 0..<3_000 {
            cards += "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Person \(n)\r\nEMAIL:p\(n)@example.com\r\nEND:VCARD\r\n"
        }
        try cards.write(toFile: folder + "/cards.vcf", atomically: true, encoding: .utf8)
        let url = try PostgresTestServer.freshDatabase(prefix: "kill")
        _ = try Store(path: url)  // the schema first, so the kill lands in the import
        let env = rapportEnvironment(database: url, home: folder)
        var killedBeforeTheEnd = 0
        for delay in [0.3, 0.6, 0.9] {
            let child = try Child(TmuxSession.binary, ["import", folder + "/cards.vcf"], environment: env)
            Thread.sleep(forTimeInterval: delay)
            child.kill(SIGKILL)
            let (status, _) = child.wait()
            let count = try Store(path: url).contactCount()
            if status != 0 { killedBeforeTheEnd += 1 }
            // All of it or none of it, never a part
            #expect(count == 0 || count == 3_000, "after a kill at \(delay) s: \(count) contacts")
            if count == 3_000 { break }
        }
        #expect(killedBeforeTheEnd > 0, "every import finished before its kill: nothing was tested")
        #expect(try Store(path: url).read { try $0.summaryMismatches() }.isEmpty)
    }
}
