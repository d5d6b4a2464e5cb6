import App
import Foundation
import Testing
@testable import Store

/// The dashboard's background sync of the `[sync] vdirs` folders, in a real terminal.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct SyncEndToEndTests {
    @Test func theOpenDashboardWritesTheBookOutAndTakesANewCardIn() throws {
        let config = "rescore_seconds = 5\n[sync]\nvdirs = [\"~/contacts\"]\ninterval_seconds = 5\n"
        let session = try TmuxSession(config: config)
        let vdir = session.home.appendingPathComponent("contacts").path
        try FileManager.default.createDirectory(atPath: vdir, withIntermediateDirectories: true)
        try session.waitFor(text: "Welcome to rapport")
        try session.press("D")
        try session.waitFor(text: "Needs attention")
        try session.waitFor(text: "synced: 0 in, 40 out", timeout: 30)
        #expect(try FileManager.default.contentsOfDirectory(atPath: vdir).count == 40)
        let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:zoe-1\r\nFN:Zoe Quinn\r\nEND:VCARD\r\n"
        try card.write(toFile: vdir + "/zoe-1.vcf", atomically: true, encoding: .utf8)
        try session.waitFor(text: "synced: 1 in, 0 out", timeout: 30)
        let store = try Store(path: session.database.path)
        #expect(try store.contacts(matchingPrefix: "Zoe").map(\.name).contains("Zoe Quinn"))
        try session.press("q")
        try session.waitFor(text: "EXIT=0")
    }
}
