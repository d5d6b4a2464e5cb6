extension String {
    /// The string as a JSON string literal, as `JSONEncoder` writes it with
    /// `.withoutEscapingSlashes`: quotes, backslashes and control characters
    /// escaped, everything else as it is. For writers that build JSON text
    /// by hand because they write a million records (Store's interop column,
    /// the backup's lines).
    public var jsonQuoted: String {
        var out = "\""
        out.reserveCapacity(utf8.count + 2)
        var needsEscape = false
        for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            needsEscape = true
            break
        }
        if !needsEscape {
            out += self
        } else {
            for scalar in unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }
}
