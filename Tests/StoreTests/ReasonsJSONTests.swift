import Domain
import Foundation
import Testing
@testable import Store

/// The attention cache's reasons column, written and read by hand.
@Suite struct ReasonsJSONTests {
    static let texts = ["promise \"send deck\" 3d overdue", "back\\slash / slash", "tab\there\nnewline\r",
                        "bell \u{07} esc \u{1B} del \u{7F}", "Zoë 王 🎉 \u{202E}rtl", ""]

    static func reasons() -> [Reason] {
        texts.enumerated().map { i, text in
            Reason(kind: i.isMultiple(of: 2) ? .promiseMine : .birthday, weight: [130, 52.380952380952, 0.1, 1e-7, 15, 0][i],
                   text: text, level: AttentionLevel(rawValue: i % 3)!)
        }
    }

    @Test func whatItWritesItReadsBack() throws {
        let reasons = Self.reasons()
        let text = ReasonsJSON.encode(reasons)
        #expect(ReasonsJSON.decode(text, fallback: JSONDecoder()) == reasons)
        #expect(try JSONDecoder().decode([Reason].self, from: Data(text.utf8)) == reasons)
        #expect(ReasonsJSON.decode(ReasonsJSON.encode([]), fallback: JSONDecoder()) == [])
    }

    @Test func rowsWrittenByJSONEncoderStillRead() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let legacy = String(decoding: try encoder.encode(Self.reasons()), as: UTF8.self)
        #expect(ReasonsJSON.decode(legacy, fallback: JSONDecoder()) == Self.reasons())
        // Another layout (spaces, other key order) goes through JSONDecoder.
        let spaced = #"[ {"weight": 3, "text": "a", "level": 1, "kind": "due"} ]"#
        #expect(ReasonsJSON.decode(spaced, fallback: JSONDecoder()).map(\.text) == ["a"])
        #expect(ReasonsJSON.decode("not json", fallback: JSONDecoder()).isEmpty)
    }
}
