import Foundation

extension String {
    /// Lowercased and stripped of accents and width variants, for matching
    /// what a user types: "jose" matches "José Álvarez".
    ///
    /// ASCII text (most names, in most books) is only lowercased: folding
    /// changes nothing else in ASCII, and this skips Foundation's Unicode
    /// machinery, which costs microseconds per string.
    public var folded: String {
        var ascii = true
        var upper = false
        for byte in utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte >= 0x41 && byte <= 0x5A { upper = true }
        }
        if ascii {
            guard upper else { return self }
            return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        return folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// True when every scalar is ASCII.
    public var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
