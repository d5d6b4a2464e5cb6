import Foundation

/// Quoted-printable (RFC 2045), as vCard 2.1 uses it: `=C3=A9` is one byte
/// each; soft line breaks were already joined when the lines were unfolded.
enum QuotedPrintable {
    /// Decodes `=XX`; a malformed `=` sequence is kept as written, a trailing
    /// `=` (a soft break before the end of the value) is dropped.
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "=") {
                if index + 2 < bytes.count,
                   let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
                if bytes[(index + 1)...].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { break }
            }
            out.append(byte)
            index += 1
        }
        return out
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}

/// Turns a value's bytes into text, in the `CHARSET` a 2.1 property names.
///
/// UTF-8 is the default (3.0 and 4.0 allow nothing else). Bytes that are not
/// what they claim fall back to Windows-1252, the usual truth of old 2.1
/// exports, and never fail: any byte decodes to something.
enum Charset {
    static func decode(_ bytes: [UInt8], charset: String?) -> String {
        if let charset, let encoding = encoding(named: charset), encoding != .utf8,
           let text = String(bytes: bytes, encoding: encoding) {
            return text
        }
        // Nearly every value is ASCII, and a valid UTF-8 one decodes to its own bytes.
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        let decoded = String(decoding: bytes, as: UTF8.self)
        if decoded.utf8.elementsEqual(bytes) { return decoded }
        if let text = String(bytes: bytes, encoding: .windowsCP1252) { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func encoding(named name: String) -> String.Encoding? {
        switch name.uppercased().replacingOccurrences(of: "_", with: "-") {
        case "UTF-8", "UTF8": return .utf8
        case "US-ASCII", "ASCII": return .ascii
        case "ISO-8859-1", "LATIN1", "LATIN-1", "ISO8859-1": return .isoLatin1
        case "ISO-8859-2", "LATIN2": return .isoLatin2
        case "WINDOWS-1252", "CP1252": return .windowsCP1252
        case "WINDOWS-1250", "CP1250": return .windowsCP1250
        case "WINDOWS-1251", "CP1251": return .windowsCP1251
        case "SHIFT-JIS", "SJIS": return .shiftJIS
        case "EUC-JP": return .japaneseEUC
        case "ISO-2022-JP": return .iso2022JP
        case "UTF-16": return .utf16
        default: return nil
        }
    }
}
