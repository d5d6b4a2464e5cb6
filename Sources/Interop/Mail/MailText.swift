import Foundation

/// Header text as it is assembled: decoded pieces go in as UTF-8 bytes and
/// come out once as one cleaned String.
///
/// Everything a name or subject shows passes through `text()`, which is what
/// keeps terminal controls (ESC, C1) out of the database: they are dropped,
/// and runs of whitespace become one space.
struct MailText {
    private(set) var utf8: [UInt8] = []

    init(capacity: Int = 64) {
        utf8.reserveCapacity(capacity)
    }

    var isEmpty: Bool { utf8.isEmpty }

    /// Bytes as written in the header: UTF-8 when they are, else Windows-1252
    /// (what 8-bit headers from old Windows clients are, nearly always).
    mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !bytes.contains(where: { $0 >= 0x80 }) || String(validating: bytes, as: UTF8.self) != nil {
            utf8.append(contentsOf: bytes)
        } else {
            appendTable(bytes, SingleByteTables.windows1252)
        }
    }

    mutating func appendRaw(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { appendRaw($0) }
    }

    /// Bytes in a named charset (from an encoded word). An unknown name, or
    /// bytes that are not what the name claims, fall back to `appendRaw`.
    mutating func append(_ bytes: [UInt8], charset: [UInt8]) {
        let name = String(decoding: charset, as: UTF8.self).lowercased()
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "unknown-8bit", "x-unknown", "":
            appendRaw(bytes)
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
            bytes.withUnsafeBufferPointer { buffer in for byte in buffer { appendScalar(UInt16(byte)) } }
        case "windows-1252", "cp1252", "x-cp1252":
            bytes.withUnsafeBufferPointer { appendTable($0, SingleByteTables.windows1252) }
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin-9", "latin9":
            bytes.withUnsafeBufferPointer { appendTable($0, SingleByteTables.latin9) }
        case "iso-8859-2", "iso8859-2", "iso_8859-2", "latin2", "latin-2":
            bytes.withUnsafeBufferPointer { appendTable($0, SingleByteTables.latin2) }
        case "windows-1250", "cp1250", "x-cp1250":
            bytes.withUnsafeBufferPointer { appendTable($0, SingleByteTables.windows1250) }
        case "windows-1251", "cp1251", "x-cp1251":
            bytes.withUnsafeBufferPointer { appendTable($0, SingleByteTables.windows1251) }
        case "koi8-r", "koi8r":
            bytes.withUnsafeBufferPointer { appendTable($0, SingleByteTables.koi8R) }
        default:
            // Rare charsets (Shift_JIS, ISO-2022-JP…) go through Foundation,
            // which itself falls back to UTF-8, then Windows-1252.
            utf8.append(contentsOf: Charset.decode(bytes, charset: name).utf8)
        }
    }

    private mutating func appendTable(_ bytes: UnsafeBufferPointer<UInt8>, _ table: [UInt16]) {
        for byte in bytes {
            if byte < 0x80 { utf8.append(byte) } else { appendScalar(table[Int(byte) - 0x80]) }
        }
    }

    /// One scalar of the Basic Multilingual Plane, as UTF-8.
    private mutating func appendScalar(_ value: UInt16) {
        switch value {
        case 0..<0x80:
            utf8.append(UInt8(value))
        case 0x80..<0x800:
            utf8.append(0xC0 | UInt8(value >> 6))
            utf8.append(0x80 | UInt8(value & 0x3F))
        default:
            utf8.append(0xE0 | UInt8(value >> 12))
            utf8.append(0x80 | UInt8((value >> 6) & 0x3F))
            utf8.append(0x80 | UInt8(value & 0x3F))
        }
    }

    /// The text with controls (C0, DEL, C1) dropped, whitespace runs as one
    /// space, trimmed. The bytes are valid UTF-8 by construction, apart from
    /// what Foundation hands back, which is valid too.
    func text() -> String {
        if isClean { return String(decoding: utf8, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: utf8.count) { out in
            var written = 0
            var pendingSpace = false
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                let blank = whitespaceLength(at: index)
                if blank > 0 {
                    pendingSpace = written > 0
                    index += blank
                    continue
                }
                if byte < 0x20 || byte == 0x7F {
                    index += 1
                    continue
                }
                // C1 controls are U+0080–U+009F: 0xC2 0x80–0x9F in UTF-8.
                if byte == 0xC2, index + 1 < count, (0x80...0x9F).contains(utf8[index + 1]) {
                    index += 2
                    continue
                }
                if pendingSpace {
                    out[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                out[written] = byte
                written += 1
                index += 1
            }
            return written
        }
    }

    /// Printable ASCII with single inner spaces, nothing to clean: most
    /// header text, which then becomes a String in one copy.
    private var isClean: Bool {
        guard let first = utf8.first, let last = utf8.last, first != 0x20, last != 0x20 else { return utf8.isEmpty }
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte < 0x20 || byte >= 0x7F || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
        }
        return true
    }

    /// The UTF-8 length of the whitespace character at `index`, 0 when there
    /// is none: ASCII blanks and line ends, and Unicode's spaces (no-break,
    /// the typographic ones, line and paragraph separators, ideographic),
    /// which Windows-1252 and Latin-1 headers bring as 0xA0.
    private func whitespaceLength(at index: Int) -> Int {
        let byte = utf8[index]
        if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { return 1 }
        guard byte >= 0xC2, index + 1 < utf8.count else { return 0 }
        let second = utf8[index + 1]
        if byte == 0xC2 { return second == 0xA0 ? 2 : 0 }
        guard index + 2 < utf8.count else { return 0 }
        let third = utf8[index + 2]
        switch (byte, second) {
        case (0xE2, 0x80): return (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
        case (0xE2, 0x81): return third == 0x9F ? 3 : 0
        case (0xE1, 0x9A): return third == 0x80 ? 3 : 0
        case (0xE3, 0x80): return third == 0x80 ? 3 : 0
        default: return 0
        }
    }
}
