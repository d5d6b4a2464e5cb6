import Domain

/// Search keys and normalised forms kept beside a contact for fast lookups.
///
/// Prefix search must find "José Álvarez" from "jose", "jose al" and "alv",
/// at 100,000 contacts, while typing. SQLite cannot split words in an index,
/// so Store stores, per contact, the folded name from each word start
/// ("jose alvarez", "alvarez") and the same for the nickname; a prefix query
/// is then one index range scan.
enum NameKeys {
    /// Keys are cut to this many characters, and a field gives at most
    /// `maximumWordKeys` of them: without both, a name of a million
    /// characters (from an import) would make its square in keys and
    /// exhaust memory. Queries are cut the same way, so a longer prefix
    /// still finds the contact.
    static let maximumKeyLength = 100
    static let maximumWordKeys = 32

    /// Folded suffixes of `name` and `nickname` starting at each word, without duplicates.
    static func keys(name: String, nickname: String) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for text in [name, nickname] {
            for key in wordSuffixes(of: text.folded) where seen.insert(key).inserted {
                result.append(key)
            }
        }
        return result
    }

    /// `text` from each position where a word starts (after a space, hyphen, quote, …).
    static func wordSuffixes(of text: String) -> [String] {
        let trimmed = text.trimmingSpacesAndNewlines
        var suffixes: [String] = []
        var previousIsWordCharacter = false
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let isWord = trimmed[index].isLetter || trimmed[index].isNumber
            if isWord && !previousIsWordCharacter {
                suffixes.append(String(trimmed[index...].prefix(maximumKeyLength)))
                if suffixes.count == maximumWordKeys { break }
            }
            previousIsWordCharacter = isWord
            index = trimmed.index(after: index)
        }
        return suffixes
    }

    /// The column that orders contacts by name and backs the `search_name` index.
    static func searchName(name: String, nickname: String) -> String {
        nickname.isEmpty ? name.folded : name.folded + " " + nickname.folded
    }

    /// Folded name, nickname, company and emails, one per line, for
    /// `rapport mutt-query`'s "contains" search without reading every contact.
    static func mailKey(_ contact: Contact) -> String {
        ([contact.name, contact.nickname, contact.company] + contact.emails).map(\.folded).joined(separator: "\n")
    }

    /// What a typed prefix is compared with: folded, leading spaces dropped.
    static func queryKey(_ prefix: String) -> String {
        String(prefix.folded.drop(while: { $0.isWhitespace }).prefix(maximumKeyLength))
    }

    /// The smallest string greater than every string that starts with `prefix`
    /// (in SQLite's BINARY order, which is code point order for UTF-8).
    static func upperBound(ofPrefix prefix: String) -> String {
        prefix + "\u{10FFFF}"
    }

    /// A phone number reduced to digits and a leading `+`, so "+34 600-12 34 56"
    /// and "+34600123456" are found as duplicates.
    static func normalizedPhone(_ phone: String) -> String {
        var result = ""
        for scalar in phone.unicodeScalars {
            if scalar == "+" && result.isEmpty { result.append("+") }
            if ("0"..."9").contains(scalar) { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// An email address compared case-insensitively, without surrounding spaces.
    static func normalizedEmail(_ email: String) -> String {
        email.trimmingSpacesAndNewlines.lowercased()
    }
}
