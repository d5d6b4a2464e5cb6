import Foundation

/// The order of names in lists: `localizedStandardCompare`, as Finder sorts.
///
/// That call costs thousands of instructions, and sorting 100,000 contacts
/// asks it about two million times. Names made only of ASCII letters and
/// spaces (most names in most books) compare the same as their lowercased
/// bytes (checked against Foundation in FastPathTests), so those skip it;
/// every other pair goes to Foundation. So do names that differ only in
/// case (their order depends on the locale), and every name in locales
/// whose alphabet orders ASCII letters otherwise (Estonian puts z after s,
/// Danish sorts "aa" as å, Lithuanian y with i…): the fast path is only
/// taken in languages known to use the root order for a–z.
public enum NameOrder {
    /// True when `a` sorts before `b`.
    public static func ascending(_ a: String, _ b: String) -> Bool {
        if rootOrderLocale, let fast = asciiLettersAscending(a, b) { return fast }
        return a.localizedStandardCompare(b) == .orderedAscending
    }

    /// Languages whose collation orders a–z and the space as the root collation does.
    static let rootOrderLocale: Bool = {
        let code = Locale.current.language.languageCode?.identifier ?? ""
        return ["", "en", "pt", "es", "fr", "de", "it", "nl", "ga", "id", "ms", "ca", "gl", "eu", "el", "ru",
                "uk", "bg", "ja", "zh", "ko", "ar", "he", "hi", "th", "vi"].contains(code)
            || Locale.current.identifier == "POSIX" || Locale.current.identifier.hasPrefix("C")
    }()

    /// The answer for two names of ASCII letters and spaces, nil for any other pair.
    static func asciiLettersAscending(_ a: String, _ b: String) -> Bool? {
        var result: Bool?
        var decided = false
        var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
        while true {
            let x = ia.next(), y = ib.next()
            if let x, !isLetterOrSpace(x) { return nil }
            if let y, !isLetterOrSpace(y) { return nil }
            guard let x else {
                // Equal but for case: the locale decides.
                if !decided { if y == nil { return nil }; result = true }
                // Keep checking the rest of b is in the alphabet.
                while let y = ib.next() { if !isLetterOrSpace(y) { return nil } }
                return result
            }
            guard let y else {
                if !decided { result = false }
                while let x = ia.next() { if !isLetterOrSpace(x) { return nil } }
                return result
            }
            if !decided {
                let lx = x | 0x20, ly = y | 0x20  // lowercase; a space stays a space
                if lx != ly { result = lx < ly; decided = true }
            }
        }
    }

    private static func isLetterOrSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
