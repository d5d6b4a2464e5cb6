import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`, skipping Foundation (which
    /// bridges to NSString and costs microseconds) when the text is ASCII at
    /// both ends, as nearly every field of an import is.
    public var trimmingSpaces: String { trimmed(newlines: false) }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, with the same ASCII shortcut.
    public var trimmingSpacesAndNewlines: String { trimmed(newlines: true) }

    private func trimmed(newlines: Bool) -> String {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || (newlines && byte >= 0x0A && byte <= 0x0D)
        }
        let text = Substring(self)
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return "" }
        // Bytes of a multi-byte scalar are all >= 0x80: an ASCII end byte is a whole scalar.
        if first < 0x80, last < 0x80 {
            if !isSpace(first), !isSpace(last) { return String(self) }
            var start = bytes.startIndex, end = bytes.endIndex
            while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
            while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
            // Whatever is left begins and ends on a non-space ASCII byte, or on
            // a byte >= 0x80 that Foundation may count as a space (U+00A0…).
            let rest = text[start..<end]
            if let head = rest.utf8.first, let tail = rest.utf8.last, head < 0x80, tail < 0x80 { return String(rest) }
            if rest.isEmpty { return "" }
        }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
}
