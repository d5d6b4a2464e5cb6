import Testing
@testable import UI

@Suite struct LineTests {
    @Test func widthCountsWideGlyphsAndStandIns() {
        #expect(Line("王小明").width == 6)
        #expect(Line("🎉 ok").width == 5)
        #expect(Line("a\u{1B}b").width == 3) // ESC drawn as one ␛ cell
        #expect(Line([Span("ab", .title), Span("cd", .muted)]).width == 4)
    }

    @Test func truncatesWithEllipsisByDisplayWidth() {
        #expect(Line("Ana Lima").truncated(to: 8).text == "Ana Lima")
        #expect(Line("Ana Lima").truncated(to: 5).text == "Ana …")
        // 王小明 is 6 wide: 5 columns keep 2 glyphs (4) + "…".
        #expect(Line("王小明").truncated(to: 5).text == "王小…")
        // 4 columns: one glyph (2) + "…" = 3; a wide glyph is never split.
        let cut = Line("王小明").truncated(to: 4)
        #expect(cut.text == "王…")
        #expect(cut.width == 3)
        #expect(Line("王小明").truncated(to: 1).text == "…")
        #expect(Line("王小明").truncated(to: 0).text == "")
        #expect(Line("👩‍👩‍👧 family").truncated(to: 4).text == "👩‍👩‍👧 …")
        #expect(Line("👩‍👩‍👧family").truncated(to: 3).text == "👩‍👩‍👧…")
    }

    @Test func ellipsisTakesTheRoleOfWhatItReplaces() {
        let line = Line([Span("abc", .title), Span("defgh", .muted)]).truncated(to: 5)
        #expect(line.spans == [Span("abc", .title), Span("d", .muted), Span("…", .muted)])
    }

    @Test func padsAndAligns() {
        #expect(Line("ab").padded(to: 4).text == "ab  ")
        #expect(Line("王").aligned(.right, in: 4).text == "  王")
        #expect(Line("王").aligned(.center, in: 5).text == " 王  ")
        #expect(Line("abcdef").rightAligned(in: 4).text == "abc…")
        #expect(Line("a王").aligned(.left, in: 2).text == "a…")
        // The gap a wide glyph leaves when cut is padded.
        #expect(Line("王小明").aligned(.left, in: 4).text == "王… ")
    }

    @Test func wrapsAtSpacesByDisplayWidth() {
        let lines = Line("call Ana about the 王小明 intro tomorrow").wrapped(to: 12).map(\.text)
        #expect(lines == ["call Ana", "about the", "王小明 intro", "tomorrow"])
        #expect(Line("supercalifragilistic").wrapped(to: 6).map(\.text) == ["superc", "alifra", "gilist", "ic"])
        #expect(Line("王小明王小明").wrapped(to: 5).map(\.text) == ["王小", "明王", "小明"])
        #expect(Line("  indented text").wrapped(to: 10).map(\.text) == ["  indented", "text"])
        #expect(Line("王").wrapped(to: 1).map(\.text) == [""])
    }

    @Test func splitsAtNewlines() {
        let lines = Line("one\ntwo\r\nthree\n").splitAtNewlines().map(\.text)
        #expect(lines == ["one", "two", "three", ""])
    }
}
