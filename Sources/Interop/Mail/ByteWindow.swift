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
    /// The window's storage, managed by hand so a chunk is read straight
    /// into it (an Array would zero each chunk first).
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// The file offset of `storage[0]`.
    private var base: Int
    private(set) var reachedEnd = false

    init(path: String, offset: Int, chunkSize: Int) throws(MailFileError) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .posix(path, "open") }
        self.path = path
        self.chunkSize = max(chunkSize, 4096)
        capacity = self.chunkSize * 2
        storage = .allocate(capacity: capacity)
        base = offset
        guard offset == 0 || lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
            let error = MailFileError.posix(path, "seek")
            close(descriptor)
            storage.deallocate()
            throw error
        }
    }

    deinit {
        close(descriptor)
        storage.deallocate()
    }

    /// The offset just past the bytes read so far.
    var end: Int { base + count }

    /// Reads one more chunk, first dropping what lies before `keep`; false at the end of the file.
    private func load(keep: Int) throws(MailFileError) -> Bool {
        guard !reachedEnd else { return false }
        let drop = min(max(keep - base, 0), count)
        if drop > 0 {
            storage.update(from: storage + drop, count: count - drop)
            count -= drop
            base += drop
        }
        if capacity - count < chunkSize {
            capacity = max(capacity * 2, count + chunkSize)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            larger.initialize(from: storage, count: count)
            storage.deallocate()
            storage = larger
        }
        var got = 0
        repeat {
            got = read(descriptor, storage + count, chunkSize)
        } while got < 0 && errno == EINTR
        guard got >= 0 else { throw .posix(path, "read") }
        count += got
        if got == 0 { reachedEnd = true }
        return got > 0
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
        offset >= base && offset < end ? storage[offset - base] : nil
    }

    func copy(_ range: Range<Int>) -> [UInt8] {
        let lower = max(range.lowerBound, base) - base, upper = min(range.upperBound, end) - base
        return lower < upper ? Array(UnsafeBufferPointer(start: storage + lower, count: upper - lower)) : []
    }

    /// The offset of the first `byte` at or after `from` and before `limit`; nil when none is there.
    func index(of byte: UInt8, from: Int, limit: Int, keep: Int) throws(MailFileError) -> Int? {
        var from = from
        while from < limit {
            if from < end {
                let stop = min(end, limit)
                if let found = memchr(storage + (from - base), Int32(byte), stop - from) {
                    return found.assumingMemoryBound(to: UInt8.self) - storage + base
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
                var cursor = from - base
                let stop = last - base
                while cursor <= stop {
                    guard let hit = memchr(storage + cursor, Int32(pattern[0]), stop - cursor + 1) else { break }
                    let position = hit.assumingMemoryBound(to: UInt8.self) - storage
                    if memcmp(storage + position, pattern, pattern.count) == 0 { return position + base }
                    cursor = position + 1
                }
                // A match may start in the last bytes, cut by the chunk's end.
                from = last + 1
            }
            guard try load(keep: min(keep, from)) else { return nil }
        }
    }
}
