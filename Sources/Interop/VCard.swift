// Interop: rapport's doors to other tools: vCard now; CSV, ICS and JSON later.
//
// It exists so that file formats stay out of Domain (which does no I/O and
// knows no formats) and out of Store (which speaks Domain types only). It
// imports Domain and Foundation only; App imports it to run `rapport import`
// and `rapport export`, and to load the demo's `seeds/contacts.vcf`.
//
// Readers are pure functions of bytes: they never touch the file system, never
// crash and never hang on any input. Structural damage is reported as a
// `VCardError` with the line it is on, so the file can be refused whole;
// read forgivingly (`ReadingOptions`), an odd line or value inside a record
// is repaired or dropped with a warning on its line instead, and strictly it
// refuses as structural damage does.
import Foundation

/// One card as written in the file: a faithful, unmapped model.
///
/// Nothing is dropped here: properties rapport does not use stay in
/// `properties`, so a caller can show, keep or export them.
public struct VCard: Hashable, Sendable {
    /// The `VERSION` value ("2.1", "3.0", "4.0"), nil when the card has none.
    public var version: String?
    /// Every property between BEGIN and END, in file order (VERSION included).
    public var properties: [VCardProperty]
    /// The 1-based line of `BEGIN:VCARD`.
    public var line: Int
    /// Lines a forgiving read dropped or repaired inside this card, each
    /// with its line and what was done (`ReadingOptions`).
    public var warnings: [VCardError] = []

    public init(version: String?, properties: [VCardProperty], line: Int) {
        self.version = version
        self.properties = properties
        self.line = line
    }

    /// The properties named `name` (case-insensitive), in file order.
    public func properties(named name: String) -> [VCardProperty] {
        let wanted = name.uppercased()
        return properties.filter { $0.name == wanted }
    }

    /// The first property named `name` (case-insensitive).
    public func first(_ name: String) -> VCardProperty? {
        let wanted = name.uppercased()
        return properties.first { $0.name == wanted }
    }
}

/// One content line: `group.NAME;PARAM=a,b:value`, after unfolding and after
/// quoted-printable and charset decoding, but with vCard's backslash escapes
/// still in `value` (structured values split on unescaped `;` and `,`).
public struct VCardProperty: Hashable, Sendable {
    /// The group prefix (`item1` in `item1.EMAIL`), nil when there is none.
    public var group: String?
    /// Upper-cased: `EMAIL`, `X-RAPPORT-CIRCLE`.
    public var name: String
    /// Upper-cased parameter names to their values, in file order:
    /// `TYPE=work,voice`, `TYPE="work,voice"` and `TYPE=work;TYPE=voice` all
    /// give `["TYPE": ["work", "voice"]]`. A vCard 2.1 bare parameter (`WORK`,
    /// `QUOTED-PRINTABLE`) is filed under the name it abbreviates
    /// (`TYPE`, `ENCODING`).
    public var parameters: [String: [String]]
    /// The value with escapes kept (`Acme\, Inc.;Sales`).
    public var value: String
    /// The 1-based line on which the property starts.
    public var line: Int

    public init(group: String? = nil, name: String, parameters: [String: [String]] = [:],
                value: String, line: Int) {
        self.group = group
        self.name = name
        self.parameters = parameters
        self.value = value
        self.line = line
    }

    /// The value as text: escapes decoded (`\n` is a newline).
    public var text: String { VCardEscaping.unescape(Substring(value)) }

    /// The `;`-separated components of a structured value (N, ORG, ADR), unescaped.
    public var components: [String] {
        VCardEscaping.split(value, on: ";").map { VCardEscaping.unescape($0) }
    }

    /// The `,`-separated values of a list (CATEGORIES, NICKNAME), unescaped.
    public var list: [String] {
        VCardEscaping.split(value, on: ",").map { VCardEscaping.unescape($0) }
    }

    /// The lower-cased TYPE values: `["work", "voice"]`.
    public var types: [String] {
        (parameters["TYPE"] ?? []).map { $0.lowercased() }
    }

    /// The values of one parameter (name case-insensitive).
    public func parameter(_ name: String) -> [String] {
        parameters[name.uppercased()] ?? []
    }
}

/// vCard's backslash escapes: `\\`, `\,`, `\;`, `\:`, `\n` and `\N`.
enum VCardEscaping {
    /// Decodes escapes; an unknown escape (`\x`) and a trailing backslash are kept as written.
    static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return String(text) }
        var out = String.UnicodeScalarView()
        var escaped = false
        for scalar in text.unicodeScalars {
            if escaped {
                switch scalar {
                case "n", "N": out.append("\n")
                case ",", ";", ":", "\\": out.append(scalar)
                default: out.append("\\"); out.append(scalar)
                }
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.append(scalar)
            }
        }
        if escaped { out.append("\\") }
        return String(out)
    }

    /// Splits on `separator` where it is not escaped; escapes are kept in the parts.
    static func split(_ text: String, on separator: Unicode.Scalar) -> [Substring] {
        var parts: [Substring] = []
        var start = text.unicodeScalars.startIndex
        var escaped = false
        var index = start
        let scalars = text.unicodeScalars
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if escaped {
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == separator {
                parts.append(Substring(scalars[start..<index]))
                start = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        parts.append(Substring(scalars[start..<scalars.endIndex]))
        return parts
    }
}
