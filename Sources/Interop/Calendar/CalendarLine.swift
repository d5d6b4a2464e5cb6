/// One unfolded iCalendar content line, `NAME;PARAM=value:value`, cut into
/// its parts on bytes.
///
/// The physical lines come from `VCardReader.nextPhysicalLine` (RFC 5545 and
/// 6350 end and fold lines alike), but the unfolding is this file's own:
/// vCard 2.1's quoted-printable soft breaks do not exist in iCalendar, and a
/// calendar line that ends in `=` must not swallow the next one.
struct CalendarLine {
    /// The property or component keyword, ASCII upper-cased.
    var name: String
    var parameters: [(name: String, value: String)]
    var value: ArraySlice<UInt8>
    /// The physical line it starts on, 1-based.
    var line: Int

    func parameter(_ wanted: String) -> String? {
        for parameter in parameters where parameter.name == wanted { return parameter.value }
        return nil
    }

    /// The value as text, undecoded (for dates, rules, identifiers).
    var raw: String { String(decoding: value, as: UTF8.self) }

    /// Calls `body` with every logical line of `bytes`; blank lines are skipped.
    /// Unfolding appends bytes, so a UTF-8 sequence folded in the middle comes back whole.
    static func forEach(in bytes: [UInt8], _ body: (CalendarLine) -> Void) {
        var folded: [UInt8] = []
        var pending: (start: Int, end: Int, line: Int)?
        var pendingIsFolded = false
        var lineNumber = 0
        var index = 0

        func flush() {
            guard let current = pending else { return }
            pending = nil
            let parsed = pendingIsFolded ? parse(folded[...], line: current.line)
                                         : parse(bytes[current.start..<current.end], line: current.line)
            if let parsed { body(parsed) }
        }

        while index < bytes.count {
            lineNumber += 1
            let (start, end) = VCardReader.nextPhysicalLine(bytes, &index)
            if pending != nil, start < end, bytes[start] == 0x20 || bytes[start] == 0x09 {
                if !pendingIsFolded {
                    folded.removeAll(keepingCapacity: true)
                    folded.append(contentsOf: bytes[pending!.start..<pending!.end])
                    pendingIsFolded = true
                }
                folded.append(contentsOf: bytes[(start + 1)..<end])
                continue
            }
            flush()
            var blank = true
            for byte in bytes[start..<end] where byte != 0x20 && byte != 0x09 { blank = false; break }
            if blank { continue }
            pending = (start, end, lineNumber)
            pendingIsFolded = false
        }
        flush()
    }

    /// Splits one logical line; nil when it has no `:` (not a content line).
    static func parse(_ bytes: ArraySlice<UInt8>, line: Int) -> CalendarLine? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end, bytes[index] != UInt8(ascii: ";"), bytes[index] != UInt8(ascii: ":") { index += 1 }
        guard index < end else { return nil }
        let name = upperASCII(bytes[bytes.startIndex..<index])
        var parameters: [(name: String, value: String)] = []
        while index < end, bytes[index] == UInt8(ascii: ";") {
            index += 1
            let nameStart = index
            while index < end, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ":"),
                  bytes[index] != UInt8(ascii: ";") { index += 1 }
            let parameterName = upperASCII(bytes[nameStart..<index])
            guard index < end, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            var values: [UInt8] = []
            // Values are comma-separated, each possibly quoted; quotes may hold `:` `;` `,`.
            while index < end {
                if bytes[index] == UInt8(ascii: "\"") {
                    index += 1
                    let quoted = index
                    while index < end, bytes[index] != UInt8(ascii: "\"") { index += 1 }
                    values.append(contentsOf: bytes[quoted..<index])
                    if index < end { index += 1 }
                } else {
                    let plain = index
                    while index < end, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: ";"),
                          bytes[index] != UInt8(ascii: ":"), bytes[index] != UInt8(ascii: "\"") { index += 1 }
                    values.append(contentsOf: bytes[plain..<index])
                    if index < end, bytes[index] == UInt8(ascii: "\"") { continue }
                }
                guard index < end, bytes[index] == UInt8(ascii: ",") else { break }
                values.append(UInt8(ascii: ","))
                index += 1
            }
            parameters.append((parameterName, String(decoding: values, as: UTF8.self)))
        }
        guard index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
        return CalendarLine(name: name, parameters: parameters, value: bytes[(index + 1)..<end], line: line)
    }

    private static func upperASCII(_ bytes: ArraySlice<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var count = 0
            for byte in bytes {
                buffer[count] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                count += 1
            }
            return count
        }
    }
}
