import Foundation

/// Reads a message's header (RFC 5322, as real mail writes it) into a
/// `MailHeader`, without a byte of the body.
///
/// Capture reads every message of a mailbox on its first run (100,000 and
/// more), so this works on bytes throughout: a line is found with `memchr`,
/// a field name is compared in place, and only the dozen fields capture
/// uses are unfolded and decoded; the rest cost one scan of their line.
///
/// Lenient where real mail is sloppy (bare LF, 8-bit headers, an mbox
/// `From ` line on top, a missing blank line before the body) and strict
/// only where a message cannot be trusted at all (`MailHeaderProblem`).
public enum MailHeaderParser {
    /// The most header bytes read from one message: far beyond any real
    /// header (a few KB; a long DKIM/ARC chain reaches 20 KB).
    public static let headerLimit = 256 * 1024

    public static func parse(_ bytes: some Collection<UInt8>) throws(MailHeaderProblem) -> MailHeader {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(MailHeaderProblem) in try parse(buffer: buffer) }
        }
        if let contiguous { return try contiguous.get() }
        return try Array(bytes).withUnsafeBufferPointer { buffer in
            Result { () throws(MailHeaderProblem) in try parse(buffer: buffer) }
        }.get()
    }

    public static func parse(_ buffer: UnsafeRawBufferPointer) throws(MailHeaderProblem) -> MailHeader {
        try parse(buffer: buffer.assumingMemoryBound(to: UInt8.self))
    }

    static func parse(buffer bytes: UnsafeBufferPointer<UInt8>) throws(MailHeaderProblem) -> MailHeader {
        let count = bytes.count
        var fields = HeaderFields(bytes)
        var lineStart = preambleEnd(bytes)
        var current: (kind: HeaderFields.Kind, valueStart: Int)?
        var sawField = false
        while lineStart < count {
            if lineStart > headerLimit { throw .tooLarge(headerLimit) }
            let lineEnd = lineEndIndex(bytes, from: lineStart)
            let first = bytes[lineStart]
            if first == 0x20 || first == 0x09 {
                // A folded line continues the field above; before any field it is no header.
                guard sawField else { throw .noHeader }
                lineStart = lineEnd + 1
                continue
            }
            if let field = current {
                try fields.add(field.kind, field.valueStart..<lineStart)
                current = nil
            }
            if first == 0x0A || (first == 0x0D && lineStart + 1 < count && bytes[lineStart + 1] == 0x0A) { break }
            // A line cut off past the limit (no LF before the end) is a header too long, not a body.
            if lineEnd == count, count > headerLimit { throw .tooLarge(headerLimit) }
            guard let colon = fieldColon(bytes, lineStart: lineStart, lineEnd: lineEnd) else {
                // Text that is no field: the body, when the blank line is missing.
                guard sawField else { throw .noHeader }
                break
            }
            sawField = true
            current = (HeaderFields.kind(of: bytes, lineStart..<colon.nameEnd), colon.index + 1)
            lineStart = lineEnd + 1
        }
        guard sawField else { throw .noHeader }
        // One endless line (no LF before the end) is as too large as many lines.
        if min(lineStart, count) > headerLimit { throw .tooLarge(headerLimit) }
        if let field = current { try fields.add(field.kind, field.valueStart..<min(lineStart, count)) }
        if let base = bytes.baseAddress, memchr(base, 0, min(lineStart, count)) != nil { throw .binary }
        return fields.header()
    }

    /// Where the first field starts: past a UTF-8 byte order mark and an mbox
    /// `From ` line, both seen on top of saved `.eml` files.
    private static func preambleEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if bytes.count - start >= 5, bytes[start] == UInt8(ascii: "F"), bytes[start + 1] == UInt8(ascii: "r"),
           bytes[start + 2] == UInt8(ascii: "o"), bytes[start + 3] == UInt8(ascii: "m"), bytes[start + 4] == 0x20 {
            start = lineEndIndex(bytes, from: start) + 1
        }
        return start
    }

    /// The index of the line's LF, or the end of the bytes.
    static func lineEndIndex(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count,
              let found = memchr(base + start, 0x0A, bytes.count - start) else { return bytes.count }
        return UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
    }

    /// The colon after a field name (printable ASCII, then optional blanks as
    /// the obsolete syntax allows); nil when the line is no field.
    private static func fieldColon(_ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, lineEnd: Int)
        -> (index: Int, nameEnd: Int)? {
        var index = lineStart
        while index < lineEnd, bytes[index] > 0x20, bytes[index] < 0x7F, bytes[index] != UInt8(ascii: ":") {
            index += 1
        }
        let nameEnd = index
        guard nameEnd > lineStart else { return nil }
        while index < lineEnd, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < lineEnd, bytes[index] == UInt8(ascii: ":") else { return nil }
        return (index, nameEnd)
    }
}
