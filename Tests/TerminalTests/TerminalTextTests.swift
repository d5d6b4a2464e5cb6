import CNcursesw
import Testing
import UI
@testable import Terminal

@Suite struct TerminalTextTests {
    /// A fixed width table, so the tests do not depend on the C locale.
    private func width(_ c: wchar_t) -> Int32 {
        switch c {
        case 0x301, 0xFE0F, 0x200D: return 0
        case 0x738B, 0x1F389, 0x1F468, 0x1F469: return 2
        case 0..<0x20, 0x7F..<0xA0: return -1
        default: return 1
        }
    }

    private func text(_ s: String, width w: Int) -> String {
        var output: [wchar_t] = []
        TerminalText.append(s, width: w, to: &output, wcwidth: width)
        return String(String.UnicodeScalarView(output.map { Unicode.Scalar(UInt32(bitPattern: $0))! }))
    }

    @Test func ordinaryCellsPassThrough() {
        #expect(text("a", width: 1) == "a")
        #expect(text("王", width: 2) == "王")
        #expect(text("e\u{301}", width: 1) == "e\u{301}")
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        #expect(text("\u{1B}", width: 1) == "?")
        #expect(text("\u{9B}", width: 1) == "?")
        #expect(text("\u{7F}", width: 1) == "?")
        #expect(text("a\u{7}", width: 1) == "a")
        for scalar in text("\u{1B}]52;c;x\u{7}", width: 1).unicodeScalars {
            #expect(!TerminalText.isControl(scalar.value))
        }
    }

    @Test func cellsTheCLibraryMeasuresDifferentlyKeepTheirWidth() {
        // ❤️: UI says 2 (emoji presentation), wcwidth says 1.
        #expect(text("❤\u{FE0F}", width: 2) == "❤ ")
        // 👨‍👩: a ZWJ sequence UI counts as 2, wcwidth as 4.
        #expect(text("👨\u{200D}👩", width: 2) == "👨")
        // A wide glyph in a narrow cell cannot be shown.
        #expect(text("王", width: 1) == "?")
        // A cell that starts with a combining mark would join its neighbour.
        #expect(text("\u{301}", width: 1) == "?")
    }

    @Test func zeroWidthCellsAreSpaces() {
        #expect(text("", width: 0) == " ")
    }

    @Test func aRunCoversItsColumnsAndStopsAtTheEdge() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.put("a王\u{1B}b", x: 0, y: 0, role: .text)
        let run = BufferRun(x: 0, y: 0, text: "", role: .text, width: 6)
        let all = TerminalText.characters(of: run, in: buffer, limit: 6, wcwidth: width)
        #expect(all.count == 6 - 1)  // 王 is one character over two columns
        #expect(all.allSatisfy { !TerminalText.isControl(UInt32(bitPattern: $0)) })
        let clipped = TerminalText.characters(of: run, in: buffer, limit: 2, wcwidth: width)
        #expect(clipped == [wchar_t(UInt8(ascii: "a"))])  // 王 would cross the edge
    }
}

@Suite struct TerminalErrorTests {
    @Test func messagesAreOneLine() {
        let errors: [TerminalError] = [.notATerminal, .unusableTerminal(term: ""), .unusableTerminal(term: "dumb"), .noUTF8Locale, .alreadyOpen]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(!error.description.isEmpty)
        }
    }

    @Test func refusesWithoutATerminal() throws {
        // Under `swift test` in CI, stdin is not a terminal; skip when run by hand in one.
        guard isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 else { return }
        #expect(throws: TerminalError.notATerminal) { _ = try NcursesBackend(styleFor: { _ in .plain }) }
    }
}
