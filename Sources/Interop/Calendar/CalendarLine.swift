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
    /// `;PARAM=value;…` as written: read only when a parameter is asked for,
    /// since most are never looked at (ROLE, RSVP, CUTYPE, X-NUM-GUESTS…).
    var header: ArraySlice<UInt8>
    var value: ArraySlice<UInt8>
    /// The physical line it starts on, 1-based.
    var line: Int

    /// The value of parameter `wanted` (upper-case), quotes removed, several values joined by commas.
    func parameter(_ wanted: String) -> String? {
        let wantedBytes = wanted.utf8
        var index = header.startIndex
        let end = header.endIndex
        while index < end, header[index] == UInt8(ascii: ";") {
            index += 1
            let nameStart = index
            while index < end, header[index] != UInt8(ascii: "="), header[index] != UInt8(ascii: ";") { index += 1 }
            let matches = index - nameStart == wantedBytes.count
                && zip(header[nameStart..<index], wantedBytes).allSatisfy { ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) == $1 }
            guard index < end, header[index] == UInt8(ascii: "=") else { continue }
            index += 1
            var values: [UInt8] = []
            // Values are comma-separated, each possibly quoted; quotes may hold `:` `;` `,`.
            while index < end {
                if header[index] == UInt8(ascii: "\"") {
                    index += 1
                    let quoted = index
                    while index < end, header[index] != UInt8(ascii: "\"") { index += 1 }
                    if matches { values.append(contentsOf: header[quoted..<index]) }
                    if index < end { index += 1 }
                } else {
                    let plain = index
                    while index < end, header[index] != UInt8(ascii: ","), header[index] != UInt8(ascii: ";"),
                          header[index] != UInt8(ascii: "\"") { index += 1 }
                    if matches { values.append(contentsOf: header[plain..<index]) }
                    if index < end, header[index] == UInt8(ascii: "\"") { continue }
                }
                guard index < end, header[index] == UInt8(ascii: ",") else { break }
                if matches { values.append(UInt8(ascii: ",")) }
                index += 1
            }
            if matches { return String(decoding: values, as: UTF8.self) }
        }
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

    /// Splits one logical line; nil when it has no `:` outside quotes (not a content line).
    static func parse(_ bytes: ArraySlice<UInt8>, line: Int) -> CalendarLine? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end, bytes[index] != UInt8(ascii: ";"), bytes[index] != UInt8(ascii: ":") { index += 1 }
        guard index < end else { return nil }
        let nameEnd = index
        var quoted = false
        while index < end, quoted || bytes[index] != UInt8(ascii: ":") {
            if bytes[index] == UInt8(ascii: "\"") { quoted.toggle() }
            index += 1
        }
        guard index < end else { return nil }
        return CalendarLine(name: upperASCII(bytes[bytes.startIndex..<nameEnd]), header: bytes[nameEnd..<index],
                            value: bytes[(index + 1)...], line: line)
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
