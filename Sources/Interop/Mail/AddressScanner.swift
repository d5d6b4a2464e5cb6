/// Walks part of an address field, knowing RFC 5322's nesting: a quoted
/// string (with `\` escapes) and a comment (nested, with escapes) are units.
///
/// `plain` lists openers that never close in the whole field: those are
/// read as ordinary characters (see `MailAddressParser`).
struct AddressScanner {
    enum Skip { case none, past(Int), unbalanced }

    let value: UnsafeBufferPointer<UInt8>
    let range: Range<Int>
    let plain: [Int]

    init(_ value: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, plain: [Int]) {
        self.value = value
        self.range = range
        self.plain = plain
    }

    func sub(_ part: Range<Int>) -> AddressScanner { AddressScanner(value, part, plain: plain) }

    func isPlain(_ index: Int) -> Bool { !plain.isEmpty && plain.contains(index) }

    /// At a quote or comment opener: the index just past its closer.
    func skip(at index: Int) -> Skip {
        let byte = value[index]
        guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "("), !isPlain(index) else { return .none }
        var depth = 1
        var cursor = index + 1
        while cursor < range.upperBound {
            let current = value[cursor]
            if current == UInt8(ascii: "\\") {
                cursor += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                if current == UInt8(ascii: "\"") { return .past(cursor + 1) }
            } else if current == UInt8(ascii: "(") {
                depth += 1
            } else if current == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return .past(cursor + 1) }
            }
            cursor += 1
        }
        return .unbalanced
    }

    /// Like `skip`, where an opener that does not close is an ordinary character.
    func skipQuoteOrComment(at index: Int) -> Int? {
        if case .past(let end) = skip(at: index) { return end }
        return nil
    }

    /// The quoted string's content with its escapes undone.
    func unquote(_ content: Range<Int>, into bytes: inout [UInt8]) {
        var index = content.lowerBound
        while index < content.upperBound {
            if value[index] == UInt8(ascii: "\\"), index + 1 < content.upperBound { index += 1 }
            bytes.append(value[index])
            index += 1
        }
    }

    /// Blank-separated words outside comments (a quoted string belongs to its word).
    func words() -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = value[index]
            if byte == UInt8(ascii: "\""), let end = skipQuoteOrComment(at: index) {
                if start == nil { start = index }
                index = end
                continue
            }
            let isComment = byte == UInt8(ascii: "(") && skipQuoteOrComment(at: index) != nil
            if byte <= 0x20 || isComment {
                if let begun = start { words.append(begun..<index) }
                start = nil
                index = isComment ? skipQuoteOrComment(at: index)! : index + 1
                continue
            }
            if start == nil { start = index }
            index += 1
        }
        if let begun = start { words.append(begun..<range.upperBound) }
        return words
    }

    /// The content of each top-level comment.
    func comments() -> [Range<Int>] {
        var comments: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if let end = skipQuoteOrComment(at: index) {
                if value[index] == UInt8(ascii: "(") { comments.append((index + 1)..<(end - 1)) }
                index = end
                continue
            }
            index += 1
        }
        return comments
    }

    func containsAt(_ word: Range<Int>) -> Bool {
        value[word].contains(UInt8(ascii: "@"))
    }
}
