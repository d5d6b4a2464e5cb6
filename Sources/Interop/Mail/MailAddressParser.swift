import Foundation

/// Address lists (From, To, Cc, Bcc) as mail writes them: display names
/// plain, quoted or encoded, comments (nested), groups (`Team: a@x, b@y;`),
/// quoted local parts (`"john.doe"@x`), angle and bare addresses, the
/// obsolete route (`<@a,@b:x@y>`) and the obsolete name-in-a-comment
/// (`ana@x (Ana Lima)`).
///
/// A broken entry costs only itself: the list is first cut at top-level
/// commas (outside quotes, comments and angle brackets), and a quote, comment
/// or bracket that never closes is re-read as a plain character, so that an
/// unbalanced `"` in one name does not swallow the addresses after it.
enum MailAddressParser {
    static func addresses(_ value: UnsafeBufferPointer<UInt8>) -> [MailAddress] {
        var plain: [Int] = []
        var entries: [Range<Int>] = []
        // Each retry makes one more unbalanced opener plain; a few cover real mail.
        for attempt in 0..<8 {
            let (found, unbalanced) = split(value, plain: plain)
            entries = found
            guard let unbalanced, attempt < 7 else { break }
            plain.append(unbalanced)
        }
        return entries.compactMap { mailbox(AddressScanner(value, $0.lowerBound..<$0.upperBound, plain: plain)) }
    }

    /// The list cut into mailboxes; a group's name is dropped and its members
    /// kept. Also the first opener that never closes, if any.
    private static func split(_ value: UnsafeBufferPointer<UInt8>, plain: [Int]) -> ([Range<Int>], Int?) {
        var entries: [Range<Int>] = []
        let scanner = AddressScanner(value, 0..<value.count, plain: plain)
        var start = 0
        var angle: Int?
        var index = 0
        while index < value.count {
            let byte = value[index]
            switch scanner.skip(at: index) {
            case .past(let end):
                index = end
                continue
            case .unbalanced:
                return (entries, index)
            case .none:
                break
            }
            switch byte {
            case UInt8(ascii: "<") where angle == nil && !scanner.isPlain(index): angle = index
            case UInt8(ascii: ">"): angle = nil
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                if angle == nil {
                    entries.append(start..<index)
                    start = index + 1
                }
            case UInt8(ascii: ":") where angle == nil:
                start = index + 1
            default:
                break
            }
            index += 1
        }
        if let angle { return (entries, angle) }
        entries.append(start..<value.count)
        return (entries, nil)
    }

    /// One mailbox: `phrase <addr-spec>` or a bare addr-spec; nil when it holds no usable address.
    private static func mailbox(_ scanner: AddressScanner) -> MailAddress? {
        let range = scanner.range
        var index = range.lowerBound
        var open: Int?
        while index < range.upperBound {
            if let end = scanner.skipQuoteOrComment(at: index) {
                index = end
                continue
            }
            if scanner.value[index] == UInt8(ascii: "<") {
                open = index
                break
            }
            index += 1
        }
        if let open {
            var close = open + 1
            while close < range.upperBound {
                if let end = scanner.skipQuoteOrComment(at: close) {
                    close = end
                    continue
                }
                if scanner.value[close] == UInt8(ascii: ">") { break }
                close += 1
            }
            guard let email = addressSpec(scanner.sub((open + 1)..<close), dropRoute: true) else { return nil }
            return MailAddress(name: displayName(scanner.sub(range.lowerBound..<open), email: email), email: email)
        }
        // Bare: the word with an `@` is the address; other words and comments make the name.
        let words = scanner.words()
        guard let at = words.lastIndex(where: { scanner.containsAt($0) }),
              let email = addressSpec(scanner.sub(words[at]), dropRoute: false) else { return nil }
        var name = MailText()
        for (position, word) in words.enumerated() where position != at {
            phraseBytes(scanner.sub(word), into: &name)
            name.appendRaw([0x20])
        }
        if name.text().isEmpty {
            for comment in scanner.comments() { phraseBytes(scanner.sub(comment), into: &name) }
        }
        return MailAddress(name: cleanedName(name, email: email), email: email)
    }

    /// The address with quotes undone, blanks and comments dropped, an
    /// obsolete route removed; nil unless it is `local@domain`.
    private static func addressSpec(_ scanner: AddressScanner, dropRoute: Bool) -> String? {
        var bytes = [UInt8]()
        bytes.reserveCapacity(scanner.range.count)
        var index = scanner.range.lowerBound
        while index < scanner.range.upperBound {
            let byte = scanner.value[index]
            if let end = scanner.skipQuoteOrComment(at: index) {
                if byte == UInt8(ascii: "\"") { scanner.unquote((index + 1)..<(end - 1), into: &bytes) }
                index = end
                continue
            }
            if byte > 0x20, byte != 0x7F { bytes.append(byte) }
            index += 1
        }
        if dropRoute, bytes.first == UInt8(ascii: "@"), let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            bytes.removeSubrange(...colon)
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1,
              !bytes.contains(where: { b in b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: ",")
                  || b == UInt8(ascii: ";") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "(") || b == UInt8(ascii: ")")
              }) else { return nil }
        if bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return String(decoding: bytes, as: UTF8.self) }
        var text = MailText(capacity: bytes.count)
        text.appendRaw(bytes)
        return text.text()
    }

    private static func displayName(_ scanner: AddressScanner, email: String) -> String {
        var name = MailText(capacity: scanner.range.count)
        phraseBytes(scanner, into: &name)
        return cleanedName(name, email: email)
    }

    /// A phrase's text: quoted strings unquoted, comments dropped, encoded words decoded.
    private static func phraseBytes(_ scanner: AddressScanner, into name: inout MailText) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(scanner.range.count)
        var index = scanner.range.lowerBound
        while index < scanner.range.upperBound {
            let byte = scanner.value[index]
            if let end = scanner.skipQuoteOrComment(at: index) {
                if byte == UInt8(ascii: "\"") { scanner.unquote((index + 1)..<(end - 1), into: &bytes) }
                else { bytes.append(0x20) }
                index = end
                continue
            }
            bytes.append(byte)
            index += 1
        }
        bytes.withUnsafeBufferPointer { EncodedWords.decode($0, into: &name) }
    }

    /// Outlook's `'Ana Lima'` loses its quotes; a name that only repeats the address is no name.
    private static func cleanedName(_ name: MailText, email: String) -> String {
        var text = name.text()
        var bytes = Substring(text).utf8
        if bytes.count >= 2, bytes.first == UInt8(ascii: "'"), bytes.last == UInt8(ascii: "'") {
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
            bytes = Substring(text).utf8
        }
        let address = email.utf8
        if bytes.count == address.count,
           zip(bytes, address).allSatisfy({ lowercase($0) == lowercase($1) }) { return "" }
        return text
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
