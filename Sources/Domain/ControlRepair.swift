import Foundation

/// Control characters taken out of imported text, so that a forgiving
/// import can keep a field that `FieldRules` would refuse.
///
/// Nothing unsafe is ever stored: in a multi-line field a vertical tab,
/// form feed or carriage return (the line breaks spreadsheet exporters
/// write) becomes a line break and every other control is removed; in a
/// one-line field a line break becomes a space. The same scalars as
/// `FieldRules` are unsafe (C0, DEL, C1, bidi overrides).
public enum ControlRepair {
    /// The repaired text and what was done, or nil when `text` has nothing to repair.
    ///
    /// - Parameter field: named in the description (`notes: …`).
    public static func repaired(_ text: String, field: String, multiLine: Bool) -> (text: String, description: String)? {
        // CRLF in a multi-line field is a line break as written (vCard 2.1's
        // quoted-printable notes), not something to repair.
        let text = multiLine && text.utf8.contains(0x0D) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        guard FieldRules.hasControl(text, allowingNewlines: multiLine) else { return nil }
        var out = String.UnicodeScalarView()
        var actions: [(scalar: Unicode.Scalar, action: String)] = []
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            let isBreak = scalar == "\n" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}"
            if multiLine, scalar == "\n" || scalar == "\t" { out.append(scalar); continue }
            if !SafeLineScalar.isUnsafe(scalar) { out.append(scalar); continue }
            let action: String
            if isBreak {
                // CRLF is one break.
                if scalar == "\n", previous == "\r" { continue }
                out.append(multiLine ? "\n" : " ")
                action = multiLine ? "replaced by a line break" : "replaced by a space"
            } else {
                action = "removed"
            }
            if !actions.contains(where: { $0.scalar == scalar }) { actions.append((scalar, action)) }
        }
        let parts = actions.map { "U+" + hex($0.scalar) + " " + $0.action }
        let repaired = String(out)
        return (multiLine ? repaired.trimmingSpacesAndNewlines : repaired.trimmingSpaces,
                "\(field): control character\(parts.count == 1 ? "" : "s") " + parts.joined(separator: ", "))
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - code.count)) + code
    }
}
