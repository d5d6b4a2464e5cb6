import Foundation
import TestSupport
import Testing
@testable import Store

/// `rapport import` of a large vCard file in a real terminal (tmux): the
/// progress bar (`[###   ] done/total  rate/s` on standard error, drawn once
/// the import has run a second) is on screen while it works, then it is
/// cleared and the summary line follows, and every card is in the book.
///
/// `make test` imports 20,000 cards (several seconds for the debug build on
/// a shared machine); `make stress` (RAPPORT_STRESS=1) the issue's 100,000.
/// `RAPPORT_STRESS_IMPORT=N` sets the count.
@Suite(.serialized, .enabled(if: TmuxSession.available, "needs tmux and the built rapport binary"))
struct ImportProgressEndToEndTests {
    static let cards = Stress.count("RAPPORT_STRESS_IMPORT", bounded: 20_000, stress: 100_000)

    @Test func theBarIsOnScreenDuringALargeImportThenTheSummary() throws {
        let folder = try temporaryFolder("progress")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/big.vcf"
        var text = ""
        text.reserveCapacity(Self.cards * 110)
        for n in 0..<Self.cards {
            text += "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:progress-\(n)\r\nFN:Person \(n)\r\n"
                + "EMAIL:person\(n)@example.org\r\nEND:VCARD\r\n"
        }
        try text.write(toFile: file, atomically: true, encoding: .utf8)

        let started = Date()
        let session = try TmuxSession(width: 100, height: 12, arguments: ["import", file])
        let total = Self.cards
        let pattern = #"\[#* *\] \d+/\#(total)  \d+/s"#
        let barScreen = try session.waitFor("the progress bar", timeout: 120) {
            $0.range(of: pattern, options: .regularExpression) != nil || $0.contains("EXIT=")
        }
        let bar = barScreen.range(of: pattern, options: .regularExpression).map { String(barScreen[$0]) }
        #expect(bar != nil, "the import ended before its bar was seen:\n\(barScreen)")
        let done = try session.waitFor(text: "EXIT=", timeout: 300)
        let seconds = Date().timeIntervalSince(started)
        #expect(done.contains("EXIT=0"), "\(done)")
        #expect(done.contains("\(total) added, 0 updated, 0 skipped"), "\(done)")
        // The bar is cleared before the summary: no bar is left on the screen.
        #expect(done.range(of: pattern, options: .regularExpression) == nil, "\(done)")
        let store = try Store(path: session.database.path)
        #expect(try store.contactCount() == total)
        Stress.figure("import progress: \(total) cards imported in a tmux terminal in \(String(format: "%.1f", seconds)) s; bar seen: \(bar ?? "none")")
    }
}
