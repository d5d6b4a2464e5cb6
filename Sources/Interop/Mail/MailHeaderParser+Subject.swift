extension MailHeaderParser {
    /// Reply and forward prefixes as mail clients write them in English,
    /// German (AW, WG), the Nordic languages (SV, VS), French (Réf, TR),
    /// Dutch (Antw), Italian (R, Rif), Polish (Odp), Portuguese (Enc, Res).
    private static let replyPrefixes: Set<String> = ["re", "fwd", "fw", "aw", "wg", "sv", "vs", "réf", "ref", "tr",
                                                     "antw", "rif", "odp", "enc", "res", "r"]

    /// A subject reduced to what stays the same along a thread: reply and
    /// forward prefixes (repeated, counted as `Re[2]:`, and list tags such as
    /// `[rapport-dev]`) removed, case and whitespace folded. Threads messages
    /// that carry no References.
    public static func normalisedSubject(_ subject: String) -> String {
        var rest = Substring(subject.lowercased())
        while true {
            rest = rest.drop(while: \.isWhitespace)
            if rest.first == "[", let close = rest.firstIndex(of: "]"), rest.distance(from: rest.startIndex, to: close) <= 64 {
                rest = rest[rest.index(after: close)...]
                continue
            }
            guard let stripped = droppingReplyPrefix(rest) else { break }
            rest = stripped
        }
        return rest.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `re:`, `re[2]:`, `re(2):`, `re^2:`, `fwd :`, also with a full-width colon; nil when there is none.
    private static func droppingReplyPrefix(_ text: Substring) -> Substring? {
        let word = text.prefix(while: \.isLetter)
        guard !word.isEmpty, replyPrefixes.contains(String(word)) else { return nil }
        var rest = text[word.endIndex...]
        if let open = rest.first, open == "[" || open == "(" {
            let close: Character = open == "[" ? "]" : ")"
            let count = rest.dropFirst().prefix(while: \.isNumber)
            guard rest[count.endIndex...].first == close else { return nil }
            rest = rest[rest.index(after: count.endIndex)...]
        } else if rest.first == "^" {
            rest = rest.dropFirst().drop(while: \.isNumber)
        }
        rest = rest.drop(while: { $0 == " " })
        guard let colon = rest.first, colon == ":" || colon == "：" else { return nil }
        return rest.dropFirst()
    }
}
