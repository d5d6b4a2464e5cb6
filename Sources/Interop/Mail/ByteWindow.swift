import Foundation

/// A sliding window over a file, addressed by absolute offsets, for readers
/// that scan far more than they keep (an mbox's bodies).
///
/// It reads in large chunks and drops what lies before the `keep` offset a
/// caller still needs, so memory stays a chunk or two whatever the file's
/// size, and a search is `memchr`/`memmem` over the chunk in memory.
final class ByteWindow {
    private let descriptor: Int32
    private let path: String
    private let chunkSize: Int
    private var bytes: [UInt8] = []
    /// The file offset of `bytes[0]`.
    private var base: Int
    private(set) var reachedEnd = false

    init(path: String, offset: Int, chunkSize: Int) throws(MailFileError) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(path, "open") }
        self.path = path
        self.chunkSize = max(chunkSize, 4096)
        base = offset
        guard offset == 0 || lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
            let error = MailFileError.system(path, "seek")
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// The offset just past the bytes read so far.
    var end: Int { base + bytes.count }

    /// Reads one more chunk, first dropping what lies before `keep`; false at the end of the file.
    private func load(keep: Int) throws(MailFileError) -> Bool {
        guard !reachedEnd else { return false }
        let drop = min(max(keep - base, 0), bytes.count)
        if drop > 0 {
            bytes.removeSubrange(0..<drop)
            base += drop
        }
        let old = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: chunkSize))
        var count = 0
        repeat {
            count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + old, chunkSize) }
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw .system(path, "read") }
        bytes.removeLast(chunkSize - count)
        if count == 0 { reachedEnd = true }
        return count > 0
    }

    /// Makes the bytes up to `offset` (exclusive) available; false when the file ends first.
    func ensure(_ offset: Int, keep: Int) throws(MailFileError) -> Bool {
        while end < offset {
            guard try load(keep: keep) else { return false }
        }
        return true
    }

    /// The byte at an offset already loaded and kept; nil outside the window.
    func byte(at offset: Int) -> UInt8? {
        offset >= base && offset < end ? bytes[offset - base] : nil
    }

    func copy(_ range: Range<Int>) -> [UInt8] {
        let lower = max(range.lowerBound, base) - base, upper = min(range.upperBound, end) - base
        return lower < upper ? Array(bytes[lower..<upper]) : []
    }

    /// The offset of the first `byte` at or after `from` and before `limit`; nil when none is there.
    func index(of byte: UInt8, from: Int, limit: Int, keep: Int) throws(MailFileError) -> Int? {
        var from = from
        while from < limit {
            if from < end {
                let stop = min(end, limit)
                let found = bytes.withUnsafeBytes { memchr($0.baseAddress! + (from - base), Int32(byte), stop - from) }
                if let found {
                    return bytes.withUnsafeBytes { found - UnsafeMutableRawPointer(mutating: $0.baseAddress!) } + base
                }
                from = stop
                continue
            }
            guard try load(keep: keep) else { return nil }
        }
        return nil
    }

    /// The offset of the first `pattern` at or after `from`; nil at the end of the file.
    ///
    /// `memchr` for the pattern's first byte, then a comparison: glibc's
    /// `memmem` is not in Swift's Glibc module, and the first byte of the
    /// pattern readers look for (a line feed) is rare enough to skip fast.
    func index(of pattern: [UInt8], from: Int, keep: Int) throws(MailFileError) -> Int? {
        var from = from
        while true {
            if end - from >= pattern.count {
                let last = end - pattern.count
                let found: Int? = bytes.withUnsafeBytes { window in
                    let start = window.baseAddress!
                    var cursor = from - base
                    let stop = last - base
                    while cursor <= stop {
                        guard let hit = memchr(start + cursor, Int32(pattern[0]), stop - cursor + 1) else { return nil }
                        let position = UnsafeRawPointer(hit) - start
                        if memcmp(start + position, pattern, pattern.count) == 0 { return position + base }
                        cursor = position + 1
                    }
                    return nil
                }
                if let found { return found }
                // A match may start in the last bytes, cut by the chunk's end.
                from = last + 1
            }
            guard try load(keep: min(keep, from)) else { return nil }
        }
    }
}
