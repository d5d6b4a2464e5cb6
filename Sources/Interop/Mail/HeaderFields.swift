import Foundation

/// The fields capture uses, gathered as the parser meets them.
///
/// The first Date, Subject, Message-ID, References and In-Reply-To count
/// (a repeat is a broken or doctored header); address fields add up. The
/// Received fields are only kept as ranges, read when there is no Date.
struct HeaderFields {
    enum Kind {
        case from, to, cc, bcc, date, subject, messageID, references, inReplyTo, received
        case listID, listUnsubscribe, precedence, autoSubmitted, other
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var result = MailHeader()
    private var sawDate = false, sawSubject = false, sawMessageID = false
    private var references: [String]?, inReplyTo: [String]?
    private var received: [Range<Int>] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The kind of a field by its name, compared in place, ignoring case.
    static func kind(of bytes: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Kind {
        func named(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == name.count else { return false }
            let letters = literal.utf8Start
            for offset in 0..<name.count where bytes[name.lowerBound + offset] | 0x20 != letters[offset] {
                return false
            }
            return true
        }
        switch name.count {
        case 2: return named("to") ? .to : named("cc") ? .cc : .other
        case 3: return named("bcc") ? .bcc : .other
        case 4: return named("from") ? .from : named("date") ? .date : .other
        case 7: return named("subject") ? .subject : named("list-id") ? .listID : .other
        case 8: return named("received") ? .received : .other
        case 10:
            return named("message-id") ? .messageID : named("references") ? .references
                : named("precedence") ? .precedence : .other
        case 11: return named("in-reply-to") ? .inReplyTo : .other
        case 14: return named("auto-submitted") ? .autoSubmitted : .other
        case 16: return named("list-unsubscribe") ? .listUnsubscribe : .other
        default: return .other
        }
    }

    mutating func add(_ kind: Kind, _ range: Range<Int>) throws(MailHeaderProblem) {
        switch kind {
        case .other:
            return
        case .from: result.from += withValue(range, MailAddressParser.addresses)
        case .to: result.to += withValue(range, MailAddressParser.addresses)
        case .cc: result.cc += withValue(range, MailAddressParser.addresses)
        case .bcc: result.bcc += withValue(range, MailAddressParser.addresses)
        case .date where !sawDate:
            sawDate = true
            switch withValue(range, MailDateParser.parse) {
            case .date(let date):
                result.date = date
                result.dateSource = .date
            case .impossible:
                throw .impossibleDate(withValue(range) { raw in
                    var text = MailText()
                    text.appendRaw(UnsafeBufferPointer(rebasing: raw.prefix(120)))
                    return text.text()
                })
            case .unreadable:
                break
            }
        case .subject where !sawSubject:
            sawSubject = true
            result.subject = withValue(range) { value in
                var text = MailText(capacity: value.count)
                EncodedWords.decode(value, into: &text)
                return text.text()
            }
        case .messageID where !sawMessageID:
            sawMessageID = true
            result.messageID = withValue(range, Self.identifiers).first
        case .references where references == nil: references = withValue(range, Self.identifiers)
        case .inReplyTo where inReplyTo == nil: inReplyTo = withValue(range, Self.identifiers)
        case .received where received.count < 8: received.append(range)
        case .listID, .listUnsubscribe, .precedence, .autoSubmitted:
            if result.bulk == nil { result.bulk = withValue(range) { Self.bulkMarker(kind, $0) } }
        default:
            return
        }
    }

    /// The header, with the Received fallback for its date and the thread's identifiers merged.
    mutating func header() -> MailHeader {
        if result.date == nil {
            for range in received {
                let date: Date? = withValue(range) { value in
                    guard let semicolon = value.lastIndex(of: UInt8(ascii: ";")) else { return nil }
                    if case .date(let date) = MailDateParser.parse(UnsafeBufferPointer(rebasing: value[(semicolon + 1)...])) {
                        return date
                    }
                    return nil
                }
                if let date {
                    result.date = date
                    result.dateSource = .received
                    break
                }
            }
        }
        result.references = Self.withoutRepeats((references ?? []) + (inReplyTo ?? []))
        return result
    }

    /// The identifiers in their order, each once; a Set only for long chains.
    private static func withoutRepeats(_ ids: [String]) -> [String] {
        guard ids.count > 1 else { return ids }
        var kept: [String] = []
        kept.reserveCapacity(ids.count)
        if ids.count <= 32 {
            for id in ids where !kept.contains(id) { kept.append(id) }
            return kept
        }
        var seen = Set<String>()
        for id in ids where seen.insert(id).inserted { kept.append(id) }
        return kept
    }

    /// The value of a field, unfolded (line breaks removed, the blanks after
    /// them kept) and with its outer blanks trimmed; in place when it is one line.
    private func withValue<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var start = range.lowerBound, end = range.upperBound
        while end > start, EncodedWords.isWhitespace(bytes[end - 1]) { end -= 1 }
        while start < end, EncodedWords.isWhitespace(bytes[start]) { start += 1 }
        let value = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard value.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return body(value) }
        var unfolded = [UInt8]()
        unfolded.reserveCapacity(value.count)
        for byte in value where byte != 0x0A && byte != 0x0D { unfolded.append(byte) }
        return unfolded.withUnsafeBufferPointer(body)
    }

    /// Message identifiers: what stands between `<` and `>`, else (a bare
    /// identifier, as some old clients write) each word with an `@`.
    static func identifiers(_ value: UnsafeBufferPointer<UInt8>) -> [String] {
        var ids: [String] = []
        var index = 0
        while let open = value[index...].firstIndex(of: UInt8(ascii: "<")) {
            guard let close = value[(open + 1)...].firstIndex(of: UInt8(ascii: ">")) else { break }
            if let id = identifier(UnsafeBufferPointer(rebasing: value[(open + 1)..<close])) { ids.append(id) }
            index = close + 1
        }
        if ids.isEmpty, !value.contains(UInt8(ascii: "<")) {
            for word in value.split(whereSeparator: EncodedWords.isWhitespace) where word.contains(UInt8(ascii: "@")) {
                if let id = identifier(UnsafeBufferPointer(rebasing: word)) { ids.append(id) }
            }
        }
        return ids
    }

    /// One identifier with blanks and controls removed (folding may split one); nil when nothing is left.
    private static func identifier(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return String(decoding: bytes, as: UTF8.self) }
        var kept = [UInt8]()
        kept.reserveCapacity(bytes.count)
        for byte in bytes where byte > 0x20 && byte != 0x7F { kept.append(byte) }
        guard !kept.isEmpty else { return nil }
        var text = MailText(capacity: kept.count)
        text.appendRaw(kept)
        let id = text.text()
        return id.isEmpty ? nil : id
    }

    private static func bulkMarker(_ kind: Kind, _ value: UnsafeBufferPointer<UInt8>) -> BulkMarker? {
        let word = value.prefix { $0 != UInt8(ascii: ";") && !EncodedWords.isWhitespace($0) && $0 != UInt8(ascii: "(") }
            .map { $0 | 0x20 }
        switch kind {
        case .listID: return value.isEmpty ? nil : .listID
        case .listUnsubscribe: return value.isEmpty ? nil : .listUnsubscribe
        case .precedence:
            return word.elementsEqual("bulk".utf8) || word.elementsEqual("list".utf8) || word.elementsEqual("junk".utf8)
                ? .precedence : nil
        case .autoSubmitted:
            return word.isEmpty || word.elementsEqual("no".utf8) ? nil : .autoSubmitted
        default: return nil
        }
    }
}
