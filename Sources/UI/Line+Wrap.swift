extension Line {
    /// The line broken into lines of at most `width` columns at spaces,
    /// greedily; a word wider than `width` is broken between characters.
    /// Spaces at a break are dropped; leading indentation is kept.
    public func wrapped(to width: Int) -> [Line] {
        guard width > 0 else { return [] }
        typealias Glyph = (character: Character, role: Role, width: Int)
        var words: [(spaces: [Glyph], word: [Glyph])] = []
        var spaces: [Glyph] = [], word: [Glyph] = []
        for span in spans {
            for character in span.text {
                let glyph = (character, span.role, DisplayWidth.drawn(character))
                if character == " " {
                    if !word.isEmpty { words.append((spaces, word)); spaces = []; word = [] }
                    spaces.append(glyph)
                } else {
                    word.append(glyph)
                }
            }
        }
        if !word.isEmpty || !spaces.isEmpty { words.append((spaces, word)) }

        var lines: [[Glyph]] = [[]]
        var used = 0
        func place(_ glyphs: [Glyph]) {
            for glyph in glyphs {
                if used + glyph.width > width, used > 0 { lines.append([]); used = 0 }
                if glyph.width > width { continue } // a wide glyph in a 1-column pane
                lines[lines.count - 1].append(glyph)
                used += glyph.width
            }
        }
        for (index, item) in words.enumerated() {
            let spaceWidth = item.spaces.reduce(0) { $0 + $1.width }
            let wordWidth = item.word.reduce(0) { $0 + $1.width }
            if index == 0 || used + spaceWidth + wordWidth <= width {
                if index == 0 || used > 0 { place(item.spaces) }
                place(item.word)
            } else {
                if used > 0 { lines.append([]); used = 0 }
                place(item.word)
            }
        }
        return lines.map { glyphs in
            var result: [Span] = []
            for glyph in glyphs {
                if let last = result.last, last.role == glyph.role {
                    result[result.count - 1].text.append(glyph.character)
                } else {
                    result.append(Span(String(glyph.character), glyph.role))
                }
            }
            return Line(result)
        }
    }

    /// Splits a line at newlines (`\n`, `\r\n`, `\r`) into several lines,
    /// so notes typed over several lines keep their breaks.
    public func splitAtNewlines() -> [Line] {
        var lines: [Line] = [Line([])]
        for span in spans {
            let parts = span.text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            for (i, part) in parts.enumerated() {
                if i > 0 { lines.append(Line([])) }
                if !part.isEmpty { lines[lines.count - 1].spans.append(Span(String(part), span.role)) }
            }
        }
        return lines
    }
}
