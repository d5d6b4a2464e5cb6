import Foundation
import Testing
@testable import UI

@Suite struct SnapshotFormatTests {
    @Test func listsLinesThenRoleRunsSkippingText() {
        var buffer = Buffer(width: 12, height: 3)
        buffer.put("Ana", x: 0, y: 0, role: .title)
        buffer.put(" 王 ok", x: 3, y: 0, role: .text)
        buffer.put("x\u{1B}y", x: 2, y: 2, role: .muted)
        #expect(buffer.snapshot() == """
            size 12x3
            Ana 王 ok

              x␛y
            roles
            0: 0-2 title
            2: 2 text.muted, 3 placeholder, 4 text.muted

            """)
    }

    @Test func lineDiffShowsChangedLinesOnly() {
        #expect(lineDiff(expected: "a\nb\nc", actual: "a\nB\nc\nd") == "1- b\n1+ B\n3+ d")
    }

    @Test(.disabled(if: ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1", "would overwrite a golden"))
    func mismatchFails() {
        withKnownIssue {
            assertSnapshot(Buffer(width: 3, height: 1), named: "list-empty")
        }
        withKnownIssue {
            assertSnapshot(Buffer(width: 3, height: 1), named: "no-such-golden")
        }
    }
}
