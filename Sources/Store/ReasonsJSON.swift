import Domain
import Foundation

/// The attention cache's `reasons` column: a JSON array of
/// `{"kind", "level", "text", "weight"}` objects, written and read here by
/// hand. `rapport due` reads one per contact; at 100,000 contacts
/// Foundation's `JSONDecoder` alone took longer than everything else.
/// Anything this reader does not expect goes to `JSONDecoder`, so a column
/// written by an earlier rapport still reads.
enum ReasonsJSON {
    static func encode(_ reasons: [Reason]) -> String {
        var out = "["
        for (i, reason) in reasons.enumerated() {
            if i > 0 { out += "," }
            out += "{\"kind\":\""
            out += reason.kind.rawValue
            out += "\",\"level\":"
            out += String(reason.level.rawValue)
            out += ",\"text\":"
            out += reason.text.jsonQuoted
            out += ",\"weight\":"
            out += reason.weight.isFinite ? "\(reason.weight)" : "0"
            out += "}"
        }
        return out + "]"
    }

    static func decode(_ text: String, fallback: JSONDecoder) -> [Reason] {
        if let reasons = fastDecode(text) { return reasons }
        return (try? fallback.decode([Reason].self, from: Data(text.utf8))) ?? []
    }

    /// Reads exactly what `encode` writes (and JSONEncoder's sorted-keys
    /// form); nil for anything else.
    private static func fastDecode(_ text: String) -> [Reason]? {
        var bytes = Array(text.utf8)[...]
        func take(_ literal: StaticString) -> Bool {
            let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
            guard bytes.starts(with: expected) else { return false }
            bytes = bytes.dropFirst(expected.count)
            return true
        }
        func string() -> String? {
            guard take("\"") else { return nil }
            var end = bytes.startIndex
            var plain = true
            while end < bytes.endIndex, bytes[end] != UInt8(ascii: "\"") {
                if bytes[end] == UInt8(ascii: "\\") { plain = false; end += 1 }
                end += 1
            }
            guard end < bytes.endIndex else { return nil }
            let raw = bytes[bytes.startIndex..<end]
            bytes = bytes[(end + 1)...]
            if plain { return String(decoding: raw, as: UTF8.self) }
            guard let out = raw.withUnsafeBufferPointer(JSONUnescaping.unescaped) else { return nil }
            return String(decoding: out, as: UTF8.self)
        }
        func number() -> Double? {
            let digits = bytes.prefix { byte in
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    || byte == UInt8(ascii: "+")
            }
            bytes = bytes.dropFirst(digits.count)
            return Double(String(decoding: digits, as: UTF8.self))
        }
        guard take("[") else { return nil }
        var reasons: [Reason] = []
        if take("]") { return bytes.isEmpty ? reasons : nil }
        repeat {
            guard take("{\"kind\":"), let kindText = string(), let kind = Reason.Kind(rawValue: kindText),
                  take(",\"level\":"), let levelValue = number(), let level = AttentionLevel(rawValue: Int(levelValue)),
                  take(",\"text\":"), let text = string(),
                  take(",\"weight\":"), let weight = number(), take("}") else { return nil }
            reasons.append(Reason(kind: kind, weight: weight, text: text, level: level))
        } while take(",")
        guard take("]"), bytes.isEmpty else { return nil }
        return reasons
    }
}
