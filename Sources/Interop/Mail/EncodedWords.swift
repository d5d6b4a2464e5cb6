/// RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`), as real
/// mail writes them.
///
/// Leniencies, each seen in real mail: words are decoded where they stand,
/// even glued to other text (`Re:=?utf-8?…?=`) or inside a quoted display
/// name; the whitespace between two adjacent words is dropped (that is how a
/// long name is split across words); a word that does not decode (bad
/// base64, no closing `?=`) stays as the literal text it is.
enum EncodedWords {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into text: inout MailText) {
        let count = bytes.count
        var literalStart = 0
        // Adjacent words in one charset are decoded together: encoders split
        // long text by bytes, sometimes inside a character.
        var pending: (charset: [UInt8], bytes: [UInt8])?
        var index = 0
        while index + 1 < count {
            guard bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?"),
                  let (end, charset, decoded) = word(in: bytes, at: index) else {
                index += 1
                continue
            }
            let literal = UnsafeBufferPointer(rebasing: bytes[literalStart..<index])
            if let held = pending, literal.allSatisfy(isWhitespace) {
                if sameCharset(held.charset, charset) {
                    pending!.bytes += decoded
                } else {
                    text.append(held.bytes, charset: held.charset)
                    pending = (charset, decoded)
                }
            } else {
                if let held = pending { text.append(held.bytes, charset: held.charset) }
                if !literal.isEmpty { text.appendRaw(literal) }
                pending = (charset, decoded)
            }
            index = end
            literalStart = end
        }
        if let held = pending { text.append(held.bytes, charset: held.charset) }
        if literalStart < count { text.appendRaw(UnsafeBufferPointer(rebasing: bytes[literalStart..<count])) }
    }

    private static func sameCharset(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }

    /// The word starting at `start` (at its `=?`): where it ends, its charset
    /// and its decoded bytes; nil when it is not a well-formed word.
    private static func word(in bytes: UnsafeBufferPointer<UInt8>, at start: Int)
        -> (end: Int, charset: [UInt8], bytes: [UInt8])? {
        let count = bytes.count
        var index = start + 2
        let charsetStart = index
        while index < count, bytes[index] != UInt8(ascii: "?") {
            let byte = bytes[index]
            if byte <= 0x20 || byte >= 0x7F || index - charsetStart > 40 { return nil }
            index += 1
        }
        guard index + 2 < count, index > charsetStart, bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        var charset = Array(bytes[charsetStart..<index])
        // RFC 2231 adds a language: `UTF-8*en`.
        if let star = charset.firstIndex(of: UInt8(ascii: "*")) { charset.removeSubrange(star...) }
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        index = textStart
        while index < count, bytes[index] != UInt8(ascii: "?") {
            if bytes[index] == 0x0A || bytes[index] == 0x0D { return nil }
            index += 1
        }
        guard index + 1 < count, bytes[index + 1] == UInt8(ascii: "=") else { return nil }
        let encoded = UnsafeBufferPointer(rebasing: bytes[textStart..<index])
        let decoded = encoding == UInt8(ascii: "b") ? base64(encoded) : quoted(encoded)
        guard let decoded else { return nil }
        return (index + 2, charset, decoded)
    }

    /// Base64 with or without its padding; nil on any other character.
    static func base64(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = false
        for byte in text {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                padding = true
                continue
            default: return nil
            }
            if padding { return nil }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }

    /// The Q encoding: `_` is a space, `=XX` a byte; a stray `=` stays.
    static func quoted(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "="), index + 2 < text.count,
                      let high = QuotedPrintable.hex(text[index + 1]), let low = QuotedPrintable.hex(text[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
