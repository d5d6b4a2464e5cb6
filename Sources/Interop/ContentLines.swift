/// Content lines as vCard (RFC 6350) and iCalendar (RFC 5545) write them:
/// CRLF endings, and lines longer than 75 octets folded onto continuation
/// lines that start with a space, never inside a UTF-8 sequence.
struct ContentLines {
    private(set) var text = ""

    /// Appends one logical line, folded.
    mutating func append(_ line: String) {
        var octets = 0
        var first = true
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            let limit = first ? 75 : 74 // a continuation line's leading space counts
            if octets + size > limit {
                text += "\r\n "
                octets = 0
                first = false
            }
            text.unicodeScalars.append(scalar)
            octets += size
        }
        text += "\r\n"
    }

    /// `NAME;PARAM=value:value`, with the value already escaped.
    mutating func property(_ name: String, _ parameters: [(String, [String])] = [], _ value: String) {
        var line = name
        for (parameter, values) in parameters where !values.isEmpty {
            line += ";" + parameter + "=" + values.map(ContentLines.parameterValue).joined(separator: ",")
        }
        append(line + ":" + value)
    }

    /// A parameter value, quoted when it holds `,`, `;` or `:`; `"` and controls are dropped.
    static func parameterValue(_ value: String) -> String {
        let clean = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }))
        return clean.contains(where: { $0 == "," || $0 == ";" || $0 == ":" || $0 == " " }) ? "\"" + clean + "\"" : clean
    }

    /// TEXT escaping: `\\`, `\n`, `\,`, `\;` (CR dropped: CRLF becomes `\n`).
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": continue
            case ",": out += "\\,"
            case ";": out += "\\;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// For values kept as read (structured ones such as ADR): only `\\` and newlines escaped.
    static func escapedKeepingSeparators(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
