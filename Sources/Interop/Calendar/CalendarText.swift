/// TEXT values and parameter values as rapport stores them: unescaped, on
/// one line, and without anything a terminal would act on.
///
/// A summary is shown in a list row, so a newline becomes a space and every
/// other control (C0, DEL, C1) and bidirectional override is dropped: a
/// calendar from a stranger's invitation must not be able to move the cursor
/// or flip the text that follows it.
enum CalendarText {
    /// RFC 5545 TEXT: `\n` `\N` `\,` `\;` `\\` (and `\:`, which Outlook writes); other escapes kept as written.
    static func unescaped(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return clean(String(decoding: bytes, as: UTF8.self)) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.endIndex {
                let next = bytes[index + 1]
                switch next {
                case UInt8(ascii: "n"), UInt8(ascii: "N"): out.append(0x0A)
                case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\\"), UInt8(ascii: ":"): out.append(next)
                default: out.append(byte); out.append(next)
                }
                index += 2
                continue
            }
            out.append(byte)
            index += 1
        }
        return clean(String(decoding: out, as: UTF8.self))
    }

    /// RFC 6868 parameter escapes (`^n`, `^'`, `^^`), then cleaned.
    static func parameter(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "^")) else { return clean(value) }
        var out = ""
        var caret = false
        for scalar in value.unicodeScalars {
            if caret {
                switch scalar {
                case "n": out += " "
                case "'": out += "\""
                case "^": out += "^"
                default: out += "^"; out.unicodeScalars.append(scalar)
                }
                caret = false
            } else if scalar == "^" {
                caret = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if caret { out += "^" }
        return clean(out)
    }

    /// One line, trimmed, with newlines and tabs as spaces and other controls dropped.
    static func clean(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text.utf8.first == 0x20 || text.utf8.last == 0x20 ? trimmed(text) : text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: if out.last != " " { out.append(" ") }
            case 0..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: continue
            default: out.append(scalar)
            }
        }
        return trimmed(String(out))
    }

    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " })!
        return String(scalars[first...last])
    }
}
