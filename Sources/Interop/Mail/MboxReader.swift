/// Streams an mbox file's messages as header bytes, from any offset, so
/// capture reads a 1 GB archive once and afterwards only what was appended.
///
/// A message starts at a `From ` line at the start of the reading, or after
/// a blank line (mboxo and mboxrd alike: a quoted `>From ` body line is no
/// boundary, and an unquoted one after a blank line must also look like a
/// postmark, with a time, to count). Bodies are scanned in the file's buffer
/// for the next boundary, never copied. CRLF files, Gmail Takeout's
/// `From 1234567890123456789@xxx …` lines and a last message without a final
/// newline read like any other.
public struct MboxReader {
    public struct Message: Hashable, Sendable {
        /// Where the message's `From ` line starts in the file.
        public var offset: UInt64
        /// The header, without the `From ` line and the blank line after it;
        /// past `MailHeaderParser.headerLimit`, cut one byte beyond it (the
        /// parser then reports `.tooLarge`).
        public var header: [UInt8]
    }

    private let window: ByteWindow
    private let origin: Int
    private var nextStart: Int?
    private var started = false

    /// Where a later reading resumes: the start of the next message while
    /// reading, the end of the data read once `next()` returned nil.
    public private(set) var endOffset: UInt64

    public init(path: String, from offset: UInt64 = 0, chunkSize: Int = 1 << 20) throws(MailFileError) {
        window = try ByteWindow(path: path, offset: Int(offset), chunkSize: chunkSize)
        origin = Int(offset)
        endOffset = offset
    }

    private static let boundary = Array("\nFrom ".utf8)
    private static let fromLineLimit = 4096

    public mutating func next() throws(MailFileError) -> Message? {
        if !started {
            started = true
            nextStart = try firstStart()
        }
        guard let start = nextStart else {
            endOffset = UInt64(window.end)
            return nil
        }
        let header = try readHeader(from: start)
        if let bodyStart = header.bodyStart { nextStart = try boundary(after: bodyStart) } else { nextStart = nil }
        endOffset = UInt64(nextStart ?? window.end)
        return Message(offset: UInt64(start), header: header.bytes)
    }

    /// The first message's start: past blank lines at the origin a `From `
    /// line, else the first boundary (a resumed reading inside a body).
    private func firstStart() throws(MailFileError) -> Int? {
        var offset = origin
        while true {
            guard try window.ensure(offset + 5, keep: origin) else { return nil }
            if window.byte(at: offset) == 0x0A {
                offset += 1
            } else if window.byte(at: offset) == 0x0D, window.byte(at: offset + 1) == 0x0A {
                offset += 2
            } else {
                break
            }
        }
        if window.copy(offset..<(offset + 5)).elementsEqual("From ".utf8) { return offset }
        return try boundary(after: offset)
    }

    /// The header after the `From ` line at `start`, and where its body
    /// starts (at the blank line's line feed); no body start at the end of the file.
    private func readHeader(from start: Int) throws(MailFileError) -> (bytes: [UInt8], bodyStart: Int?) {
        guard let fromLineEnd = try window.index(of: 0x0A, from: start, limit: start + Self.fromLineLimit,
                                                 keep: start) else {
            return ([], window.reachedEnd ? nil : start + Self.fromLineLimit)
        }
        let headerStart = fromLineEnd + 1
        let limit = headerStart + MailHeaderParser.headerLimit + 1
        var lineStart = headerStart
        while true {
            guard let lineEnd = try window.index(of: 0x0A, from: lineStart, limit: limit, keep: headerStart) else {
                if window.reachedEnd, window.end <= limit { return (window.copy(headerStart..<window.end), nil) }
                return (window.copy(headerStart..<limit), limit)
            }
            if lineEnd == lineStart || (lineEnd == lineStart + 1 && window.byte(at: lineStart) == 0x0D) {
                return (window.copy(headerStart..<lineStart), lineEnd)
            }
            lineStart = lineEnd + 1
        }
    }

    /// The next message start at or after `offset`: a `From ` line after a blank line that reads as a postmark.
    private func boundary(after offset: Int) throws(MailFileError) -> Int? {
        var from = offset
        while let hit = try window.index(of: Self.boundary, from: from, keep: from - 2) {
            from = hit + 1
            let before = window.byte(at: hit - 1)
            let blank = hit - 1 < origin || before == 0x0A
                || (before == 0x0D && hit - 2 >= origin && window.byte(at: hit - 2) == 0x0A)
            guard blank else { continue }
            let lineEnd = try window.index(of: 0x0A, from: hit + 1, limit: hit + 1 + Self.fromLineLimit, keep: hit - 2)
            let line = window.copy((hit + 1)..<(lineEnd ?? min(window.end, hit + 1 + Self.fromLineLimit)))
            if Self.isPostmark(line) { return hit + 1 }
        }
        return nil
    }

    /// Whether a `From ` line carries a time (`hh:mm`), as every mbox writer
    /// puts one there and prose that starts with "From " rarely does.
    static func isPostmark(_ line: [UInt8]) -> Bool {
        guard line.count >= 9 else { return false }
        for index in 1..<(line.count - 2) where line[index] == UInt8(ascii: ":") {
            if isDigit(line[index - 1]), isDigit(line[index + 1]), isDigit(line[index + 2]) { return true }
        }
        return false
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
