import Foundation

/// The order of names in lists: `localizedStandardCompare`, as Finder sorts.
///
/// That call costs thousands of instructions, and sorting 100,000 contacts
/// asks it about two million times. Names made only of ASCII letters and
/// spaces (most names in most books) compare the same as their lowercased
/// bytes (checked against Foundation in FastPathTests), so those skip it;
/// every other pair goes to Foundation.
public enum NameOrder {
    /// True when `a` sorts before `b`.
    public static func ascending(_ a: String, _ b: String) -> Bool {
        if let fast = asciiLettersAscending(a, b) { return fast }
        return a.localizedStandardCompare(b) == .orderedAscending
    }

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
                if !decided { result = y != nil }
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
