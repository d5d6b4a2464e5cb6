/// Makes text from user data safe to draw: control characters, escapes and
/// bidirectional overrides become visible stand-ins, so a contact named
/// "\u{1B}]52;…" can never drive the terminal.
public enum SafeText {
    /// The visible stand-in for `scalar`, or nil when it may be drawn as is.
    public static func placeholder(for scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x00..<0x20:
            // U+2400 block: ␀ ␁ … ␛ … ␟ (tab and newline included: one line per cell run).
            return String(Unicode.Scalar(0x2400 + v)!)
        case 0x7F:
            return "␡"
        case 0x80..<0xA0:
            return "�"
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
            // Bidirectional controls could reorder what surrounds them.
            return "�"
        default:
            return nil
        }
    }

    /// `text` with every unsafe scalar replaced by its stand-in.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { placeholder(for: $0) != nil }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let stand = placeholder(for: scalar) {
                result.append(contentsOf: stand.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
