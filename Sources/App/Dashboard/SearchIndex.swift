import Foundation

/// The folded search text of every contact, packed in one byte buffer and
/// found by id through an array: search-as-you-type tests 100,000 contacts
/// per keystroke, and a dictionary lookup and two retained strings per
/// contact cost more than the matching itself.
///
/// Kept by the book and updated in place as contacts change: a changed
/// contact's text is appended and its old bytes left behind until the
/// garbage outweighs the live text, when the buffer is packed again.
struct SearchIndex: Sendable {
    private struct Span: Sendable {
        var nameStart: Int
        var nameEnd: Int
        var allEnd: Int
        var ascii: Bool
    }

    private var bytes: [UInt8] = []
    /// By contact id; nil where there is no contact.
    private var spans: [Span?] = []
    /// Keys that are not ASCII, matched Character by Character.
    private var unicode: [Int64: SearchKey] = [:]
    private var liveBytes = 0

    /// Adds or replaces the text of contact `id`.
    mutating func set(_ key: SearchKey, for id: Int64) {
        remove(id)
        guard id >= 0, id < Int(Int32.max) else { return }
        let slot = Int(id)
        if slot >= spans.count { spans.append(contentsOf: repeatElement(nil, count: slot - spans.count + 1)) }
        if !key.isASCII { unicode[id] = key }
        let start = bytes.count
        bytes.append(contentsOf: key.name.utf8)
        let nameEnd = bytes.count
        bytes.append(contentsOf: key.all.utf8)
        spans[slot] = Span(nameStart: start, nameEnd: nameEnd, allEnd: bytes.count, ascii: key.isASCII)
        liveBytes += bytes.count - start
    }

    mutating func remove(_ id: Int64) {
        guard id >= 0, Int(id) < spans.count, let old = spans[Int(id)] else { return }
        liveBytes -= old.allEnd - old.nameStart
        spans[Int(id)] = nil
        unicode[id] = nil
        if bytes.count > 1 << 16, liveBytes < bytes.count / 2 { pack() }
    }

    /// Copies the live text to a new buffer.
    private mutating func pack() {
        var packed: [UInt8] = []
        packed.reserveCapacity(liveBytes)
        for slot in spans.indices {
            guard let span = spans[slot] else { continue }
            let start = packed.count
            packed.append(contentsOf: bytes[span.nameStart..<span.allEnd])
            spans[slot] = Span(nameStart: start, nameEnd: start + span.nameEnd - span.nameStart,
                               allEnd: packed.count, ascii: span.ascii)
        }
        bytes = packed
    }

    /// The elements of `items` (by their contact id) that match `query`, in order.
    func filter<T>(_ items: [T], id: (T) -> Int64, _ query: SearchQuery) -> [T] {
        bytes.withUnsafeBufferPointer { buffer in
            items.filter { item in
                let contact = id(item)
                guard contact >= 0, Int(contact) < spans.count, let span = spans[Int(contact)] else { return false }
                guard span.ascii, let words = query.asciiWords, let letters = query.asciiLetters else {
                    return query.matches(unicode[contact] ?? SearchKey(
                        name: String(decoding: buffer[span.nameStart..<span.nameEnd], as: UTF8.self),
                        all: String(decoding: buffer[span.nameEnd..<span.allEnd], as: UTF8.self)))
                }
                let all = UnsafeBufferPointer(rebasing: buffer[span.nameEnd..<span.allEnd])
                let name = UnsafeBufferPointer(rebasing: buffer[span.nameStart..<span.nameEnd])
                return words.allSatisfy { SearchQuery.contains(all, $0) } || SearchQuery.isSubsequence(letters, of: name)
            }
        }
    }
}
