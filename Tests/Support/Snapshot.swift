// Test support shared by the test targets, which cannot import one another.
// Golden screens for the UI and App tests: compare a Buffer's `snapshot()`
// text with Snapshots/NAME.txt beside the calling test file. Run with
// RECORD_SNAPSHOTS=1 to write the files from the current output (then
// review the diff in git).
import Foundation
import Testing
import UI

/// Compares `buffer` with the golden `name`; on mismatch fails printing both
/// screens and a line diff. Records instead when RECORD_SNAPSHOTS=1.
public func assertSnapshot(_ buffer: Buffer, named name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = buffer.snapshot()
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots").appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("""
            no golden \(url.lastPathComponent); run with RECORD_SNAPSHOTS=1 to record it. Actual:
            \(actual)
            """, sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    Issue.record("""
        snapshot \(name) differs (re-record with RECORD_SNAPSHOTS=1 if the change is intended)
        --- expected
        \(expected)--- actual
        \(actual)--- diff (line: -expected +actual)
        \(lineDiff(expected: expected, actual: actual))
        """, sourceLocation: sourceLocation)
}

/// A positional line diff: enough for screens, whose lines do not move.
public func lineDiff(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(e.count, a.count) {
        let l = i < e.count ? String(e[i]) : nil, r = i < a.count ? String(a[i]) : nil
        guard l != r else { continue }
        if let l { out.append("\(i)- \(l)") }
        if let r { out.append("\(i)+ \(r)") }
    }
    return out.joined(separator: "\n")
}

