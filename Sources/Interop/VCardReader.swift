import Foundation

/// Reads vCard 2.1, 3.0 and 4.0 files into raw cards, and cards into contacts
/// (`VCardReader+Contact.swift`).
///
/// The work is done on bytes, not characters, so that unfolding never splits
/// or merges a grapheme, a line folded inside a multi-byte UTF-8 sequence
/// comes back whole, and a 2.1 value in another charset is decoded only once
/// its property says which. Every loop walks the input once: no input makes
/// it slow, and none makes it trap.
///
/// Invariants kept here: line numbers are physical (1-based, counted before
/// unfolding; CRLF, LF and a lone CR each end one line); blank lines are
/// ignored; anything but BEGIN:VCARD outside a card is an error.
public enum VCardReader {
    /// The versions read; any other VERSION value is an error.
    public static let supportedVersions = ["2.1", "3.0", "4.0"]

    /// Parses every card in `text`. An empty or blank text has zero cards.
    public static func cards(in text: String) throws(VCardError) -> [VCard] {
        try cards(bytes: Array(text.utf8))
    }

    /// Parses every card in the bytes of a file: UTF-8 (a BOM is skipped), or
    /// UTF-16 with a BOM; a 2.1 property may name another `CHARSET`.
    public static func cards(in data: Data) throws(VCardError) -> [VCard] {
        try cards(bytes: normalized(data))
    }

    /// A file cut into about `count` parts that read alone exactly as they
    /// read in sequence, so that they can be read at the same time.
    ///
    /// A part ends only after a physical line that is `END:VCARD` and right
    /// before one that starts with `B` (so nothing of a card, no folded or
    /// quoted-printable continuation, crosses it); each part knows its first
    /// physical line, so line numbers in errors are the file's.
    public struct Part: Sendable {
        public var bytes: [UInt8]
        public var firstLine: Int
    }

    /// The bounds of the physical line at `index` (up to CRLF, LF or a lone
    /// CR, without it); moves `index` past its line break.
    @inline(__always)
    static func nextPhysicalLine(_ bytes: [UInt8], _ index: inout Int) -> (start: Int, end: Int) {
        let start = index
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
        let end = index
        if index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 2 } else { index += 1 }
        }
        return (start, end)
    }

    public static func parts(of data: Data, count: Int) -> [Part] {
        let bytes = normalized(data)
        guard count > 1, bytes.count > 1 << 20 else { return [Part(bytes: bytes, firstLine: 1)] }
        var parts: [Part] = []
        var partStart = 0, partFirstLine = 1
        var lineNumber = 0, index = 0
        while index < bytes.count {
            lineNumber += 1
            let (start, end) = nextPhysicalLine(bytes, &index)
            let target = bytes.count / count * (parts.count + 1)
            if parts.count < count - 1, index >= target, index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "b"),
               isEndVCard(bytes[start..<end]) {
                parts.append(Part(bytes: Array(bytes[partStart..<index]), firstLine: partFirstLine))
                partStart = index
                partFirstLine = lineNumber + 1
            }
        }
        parts.append(Part(bytes: Array(bytes[partStart...]), firstLine: partFirstLine))
        return parts
    }

    /// Calls `body` with each card of one part (`parts(of:count:)`).
    public static func forEachCard(in part: Part, options: ReadingOptions = .strict,
                                   _ body: (VCard) throws(VCardError) -> Void) throws(VCardError) {
        try forEachCard(bytes: part.bytes, firstLine: part.firstLine, options: options, body)
    }

    // MARK: - Bytes to logical lines

    private static func normalized(_ data: Data) -> [UInt8] {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]),
           let text = String(data: data, encoding: .utf16) {
            return Array(text.utf8)
        }
        return bytes
    }

    /// A content line after unfolding, with the physical line it starts on.
    struct LogicalLine {
        var bytes: [UInt8]
        var line: Int
    }

    /// Calls `body` with each logical line in turn: a file is never held as lines.
    static func forEachLogicalLine(_ bytes: [UInt8], firstLine: Int = 1,
                                   _ body: (LogicalLine) throws(VCardError) -> Void) throws(VCardError) {
        var current: LogicalLine?
        // Where the name and parameters end (the first ':'), once seen, and
        // whether they ask for quoted-printable, whose soft line breaks
        // (a trailing '=') continue on a line that does not start with a space.
        var headerSeen = false
        var quotedPrintable = false

        func scanHeader(from start: Int) {
            guard !headerSeen, let line = current else { return }
            if let colon = line.bytes[start...].firstIndex(of: UInt8(ascii: ":")) {
                headerSeen = true
                quotedPrintable = containsQuotedPrintable(line.bytes[..<colon])
            }
        }
        func take() -> LogicalLine? {
            let line = current
            current = nil
            headerSeen = false
            quotedPrintable = false
            return line
        }

        var lineNumber = firstLine - 1
        var index = 0
        while index < bytes.count {
            lineNumber += 1
            let (start, end) = nextPhysicalLine(bytes, &index)
            let physical = bytes[start..<end]

            // A soft break comes first: its next line keeps a leading space.
            if current != nil, quotedPrintable, current!.bytes.last == UInt8(ascii: "="),
               !isEndVCard(physical) {
                current!.bytes.removeLast()
                current!.bytes.append(contentsOf: physical)
                continue
            }
            if current != nil, let first = physical.first, first == 0x20 || first == 0x09 {
                let from = current!.bytes.count
                current!.bytes.append(contentsOf: physical.dropFirst())
                scanHeader(from: from)
                continue
            }
            if let line = take() { try body(line) }
            if physical.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue } // blank
            current = LogicalLine(bytes: Array(physical), line: lineNumber)
            scanHeader(from: 0)
        }
        if let line = take() { try body(line) }
    }

    /// Whether a property's name and parameters say QUOTED-PRINTABLE, in any case.
    private static func containsQuotedPrintable(_ header: ArraySlice<UInt8>) -> Bool {
        let wanted = Array("QUOTED-PRINTABLE".utf8)
        guard header.count >= wanted.count else { return false }
        var start = header.startIndex
        while start + wanted.count <= header.endIndex {
            var index = 0
            while index < wanted.count, upper(header[start + index]) == wanted[index] { index += 1 }
            if index == wanted.count { return true }
            start += 1
        }
        return false
    }

    private static func upper(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }

    private static func isEndVCard(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.count == 9 && String(decoding: bytes, as: UTF8.self).uppercased() == "END:VCARD"
    }

    // MARK: - Logical lines to cards

    static func cards(bytes: [UInt8]) throws(VCardError) -> [VCard] {
        var cards: [VCard] = []
        try forEachCard(bytes: bytes) { card throws(VCardError) in cards.append(card) }
        return cards
    }

    /// Calls `body` with each card as soon as its END:VCARD is read, so that
    /// an import maps cards as it goes instead of holding the file as cards.
    /// A structural error (a card without END, a stray line) throws, even
    /// after `body` has seen earlier cards.
    ///
    /// Forgiving (`options.strict` false), a line inside a card that is not a
    /// property (no ':', a name outside the grammar) is dropped, and one
    /// whose parameters hold a stray '"' is read to its first ':', each with
    /// a warning on the card; structural errors throw all the same.
    public static func forEachCard(in data: Data, options: ReadingOptions = .strict,
                                   _ body: (VCard) throws(VCardError) -> Void) throws(VCardError) {
        try forEachCard(bytes: normalized(data), options: options, body)
    }

    static func forEachCard(bytes: [UInt8], firstLine: Int = 1, options: ReadingOptions = .strict,
                            _ body: (VCard) throws(VCardError) -> Void) throws(VCardError) {
        var open: VCard?
        try forEachLogicalLine(bytes, firstLine: firstLine) { logical throws(VCardError) in
            var repair: String?
            let parsed = Result { () throws(VCardError) in
                let (property, note) = try parsePropertyRepairing(logical.bytes, line: logical.line, lenient: !options.strict)
                repair = note
                return property
            }
            guard var card = open else {
                guard case .success(let property) = parsed, property.name == "BEGIN" else {
                    if case .success(let property) = parsed, property.name == "END",
                       property.text.uppercased() == "VCARD" {
                        throw VCardError(line: logical.line, reason: "END:VCARD without BEGIN:VCARD")
                    }
                    throw VCardError(line: logical.line, reason:
                        "expected BEGIN:VCARD, found \(preview(logical.bytes))")
                }
                guard property.text.trimmingSpaces.uppercased() == "VCARD" else {
                    throw VCardError(line: logical.line, reason:
                        "expected BEGIN:VCARD, found BEGIN:\(preview(Array(property.value.utf8)))")
                }
                open = VCard(version: nil, properties: [], line: logical.line)
                return
            }
            let property: VCardProperty
            switch parsed {
            case .success(let value):
                property = value
                if let repair { card.warnings.append(VCardError(line: logical.line, reason: repair)) }
            case .failure(let error):
                guard !options.strict else { throw error }
                card.warnings.append(VCardError(line: error.line, reason: error.reason + "; line dropped"))
                open = card
                return
            }
            switch property.name {
            case "BEGIN":
                if property.text.trimmingSpaces.uppercased() == "VCARD" {
                    throw VCardError(line: card.line, reason: "BEGIN:VCARD without END:VCARD")
                }
                throw VCardError(line: property.line, reason:
                    "BEGIN:\(preview(Array(property.value.utf8))) inside the card that begins on line \(card.line)")
            case "END":
                guard property.text.trimmingSpaces.uppercased() == "VCARD" else {
                    throw VCardError(line: property.line, reason:
                        "END:\(preview(Array(property.value.utf8))) inside the card that begins on line \(card.line)")
                }
                open = nil
                try body(card)
            case "VERSION":
                let version = property.text.trimmingSpaces
                guard supportedVersions.contains(version) else {
                    throw VCardError(line: property.line, reason:
                        "unsupported vCard version \(preview(Array(version.utf8))) (2.1, 3.0 and 4.0 are read)")
                }
                card.version = version
                card.properties.append(property)
                open = card
            default:
                card.properties.append(property)
                open = card
            }
        }
        if let card = open {
            throw VCardError(line: card.line, reason: "BEGIN:VCARD without END:VCARD")
        }
    }

    // MARK: - One content line

    /// Parses `group.NAME;PARAM=value:value` and decodes the value's transfer
    /// encoding (quoted-printable) and charset.
    static func parseProperty(_ bytes: [UInt8], line: Int) throws(VCardError) -> VCardProperty {
        try parsePropertyRepairing(bytes, line: line, lenient: false).property
    }

    /// `parseProperty`; when `lenient`, parameters with a stray '"' are read
    /// to the first ':', and the note says so.
    static func parsePropertyRepairing(_ bytes: [UInt8], line: Int,
                                       lenient: Bool) throws(VCardError) -> (property: VCardProperty, note: String?) {
        var note: String?
        let colon = UInt8(ascii: ":"), semicolon = UInt8(ascii: ";"), quote = UInt8(ascii: "\"")
        guard let nameEnd = bytes.firstIndex(where: { $0 == colon || $0 == semicolon }) else {
            throw VCardError(line: line, reason: "no ':' between name and value in \(preview(bytes))")
        }
        let fullName = String(decoding: bytes[..<nameEnd], as: UTF8.self)
        var group: String?
        var name = fullName
        if let dot = fullName.lastIndex(of: ".") {
            group = String(fullName[..<dot])
            name = String(fullName[fullName.index(after: dot)...])
        }
        guard !name.isEmpty, isToken(name), group.map({ !$0.isEmpty && isToken($0) }) ?? true else {
            throw VCardError(line: line, reason: "not a property name: \(preview(Array(fullName.utf8)))")
        }

        // Parameters run to the first ':' outside double quotes.
        var rawParameters: [[UInt8]] = []
        var index = nameEnd
        var valueStart: Int?
        if bytes[index] == colon {
            valueStart = index + 1
        } else {
            var inQuotes = false
            var parameter: [UInt8] = []
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == quote { inQuotes.toggle() }
                if !inQuotes, byte == semicolon || byte == colon {
                    rawParameters.append(parameter)
                    parameter = []
                    if byte == colon { valueStart = index + 1; break }
                } else {
                    parameter.append(byte)
                }
                index += 1
            }
        }
        if valueStart == nil, lenient, let firstColon = bytes[nameEnd...].firstIndex(of: colon) {
            // A stray '"' hid every ':': the parameters end at the first one.
            rawParameters = bytes[(nameEnd + 1)..<firstColon].split(separator: semicolon, omittingEmptySubsequences: false)
                .map(Array.init)
            valueStart = firstColon + 1
            note = "a stray '\"' in the parameters of \(name.uppercased()); read up to the first ':'"
        }
        guard let valueStart else {
            throw VCardError(line: line, reason: "no ':' between name and value in \(preview(bytes))")
        }
        let parameters = parseParameters(rawParameters)

        var valueBytes = Array(bytes[valueStart...])
        let encoding = parameters["ENCODING"]?.first?.uppercased()
        if encoding == "QUOTED-PRINTABLE" { valueBytes = QuotedPrintable.decode(valueBytes) }
        let value = Charset.decode(valueBytes, charset: parameters["CHARSET"]?.first)
        return (VCardProperty(group: group, name: name.uppercased(), parameters: parameters,
                              value: value, line: line), note)
    }

    private static func isToken(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// vCard 2.1 writes some parameters bare (`WORK`, `QUOTED-PRINTABLE`);
    /// these are the bare values that are encodings, all others are types.
    private static let bareEncodings: Set<String> = ["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"]

    private static func parseParameters(_ raw: [[UInt8]]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for bytes in raw {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let equals = text.firstIndex(of: "=") else {
                let bare = text.trimmingSpaces
                if bare.isEmpty { continue }
                result[bareEncodings.contains(bare.uppercased()) ? "ENCODING" : "TYPE", default: []].append(bare)
                continue
            }
            let key = text[..<equals].trimmingSpaces.uppercased()
            var values = splitQuoted(text[text.index(after: equals)...]).map(caretDecoded)
            // RFC 6350 writes lists of types quoted: TYPE="work,voice".
            if key == "TYPE" {
                values = values.flatMap { $0.split(separator: ",").map { $0.trimmingSpaces } }
            }
            result[key, default: []].append(contentsOf: values)
        }
        return result
    }

    /// Splits a parameter value on commas outside double quotes, dropping the quotes.
    private static func splitQuoted(_ text: Substring) -> [String] {
        var parts: [String] = []
        var part = ""
        var inQuotes = false
        for character in text {
            if character == "\"" { inQuotes.toggle(); continue }
            if character == ",", !inQuotes { parts.append(part); part = ""; continue }
            part.append(character)
        }
        parts.append(part)
        return parts.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// RFC 6868: `^n` newline, `^'` double quote, `^^` caret.
    private static func caretDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "^")) else { return text }
        var out = ""
        var caret = false
        for character in text {
            if caret {
                switch character {
                case "n", "N": out.append("\n")
                case "'": out.append("\"")
                case "^": out.append("^")
                default: out.append("^"); out.append(character)
                }
                caret = false
            } else if character == "^" {
                caret = true
            } else {
                out.append(character)
            }
        }
        if caret { out.append("^") }
        return out
    }

    /// At most 40 characters of `bytes`, quoted, with control characters made visible.
    static func preview(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(160), as: UTF8.self)
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 40 { out += "…"; break }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return "\"" + out + "\""
    }
}
