import Foundation

/// What a path given as a mail source holds.
public enum MailSourceKind: String, Hashable, Sendable {
    case maildir, mbox, eml, unknown
}

/// Mail on disk, read the way capture needs it: a header without its body,
/// and a maildir's files listed without a `stat` each.
///
/// POSIX calls rather than FileManager: listing 100,000 messages and reading
/// their first kilobytes is most of capture's first run.
public enum MailFiles {
    /// How much one `read` asks for: nearly every header fits in the first.
    public static let chunkSize = 16 * 1024

    /// A message file's header bytes, read until the blank line that ends the
    /// header (which is kept out), so the body is not read beyond that chunk.
    ///
    /// When no blank line comes within `MailHeaderParser.headerLimit`, the
    /// first `headerLimit + 1` bytes come back, which the parser reports as
    /// `.tooLarge` unless its header ended earlier (a body with no blank line).
    public static func headerBytes(ofFileAt path: String) throws(MailFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .posix(path, "open") }
        defer { close(descriptor) }
        let limit = MailHeaderParser.headerLimit + 1
        var bytes = [UInt8]()
        var scanned = 0
        while bytes.count < limit {
            // Read straight into a new chunk: appending zeros first would cost a pass per chunk.
            let wanted = min(chunkSize, limit - bytes.count)
            var failure: Int32 = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
                var count = 0
                repeat {
                    count = read(descriptor, buffer.baseAddress!, wanted)
                } while count < 0 && errno == EINTR
                if count < 0 { failure = errno }
                initialized = max(count, 0)
            }
            guard failure == 0 else { throw .posix(path, "read", code: failure) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if let end = headerEnd(bytes, from: scanned) {
                bytes.removeSubrange(end...)
                return bytes
            }
            if chunk.isEmpty { break }
            // The blank line may straddle two reads: look again from just before the cut.
            scanned = max(0, bytes.count - 2)
        }
        return bytes
    }

    /// Where the header ends (the start of its blank line), searching from `start`.
    static func headerEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        if start == 0, let first = bytes.first {
            if first == 0x0A || (first == 0x0D && bytes.count > 1 && bytes[1] == 0x0A) { return 0 }
        }
        var index = start
        while index < bytes.count, let lineFeed = bytes[index...].firstIndex(of: 0x0A) {
            let next = lineFeed + 1
            if next < bytes.count, bytes[next] == 0x0A { return next }
            if next + 1 < bytes.count, bytes[next] == 0x0D, bytes[next + 1] == 0x0A { return next }
            index = next
        }
        return nil
    }

    /// A folder with `cur/` or `new/`, or with such folders in it, is a
    /// maildir; a file starting `From ` an mbox; a `.eml` file, or one that
    /// starts with a header field, one message.
    public static func kind(ofPath path: String) -> MailSourceKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .unknown }
        if info.st_mode & S_IFMT == S_IFDIR {
            if isMaildir(path) { return .maildir }
            let children = (try? entries(of: path)) ?? []
            return children.contains { $0.isFolder && isMaildir(path + "/" + $0.name) } ? .maildir : .unknown
        }
        guard info.st_mode & S_IFMT == S_IFREG else { return .unknown }
        let start = (try? headerBytes(ofFileAt: path).prefix(1024)) ?? []
        if start.starts(with: "From ".utf8) { return .mbox }
        if path.lowercased().hasSuffix(".eml") { return .eml }
        let firstLine = start.prefix { $0 != 0x0A }
        if let colon = firstLine.firstIndex(of: UInt8(ascii: ":")), colon > firstLine.startIndex,
           firstLine[..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return .eml
        }
        return .unknown
    }

    /// Whether a folder has `cur/` or `new/` in it.
    static func isMaildir(_ path: String) -> Bool {
        var info = stat()
        for sub in ["/cur", "/new"] where stat(path + sub, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            return true
        }
        return false
    }

    struct Entry {
        var name: String
        var isFolder: Bool
        var isFile: Bool
    }

    /// A folder's entries but `.` and `..`, with their type from `readdir`
    /// (a `lstat` only where the file system does not say).
    static func entries(of path: String) throws(MailFileError) -> [Entry] {
        guard let folder = opendir(path) else { throw .posix(path, "open the folder") }
        defer { closedir(folder) }
        var entries: [Entry] = []
        while let entry = readdir(folder) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                if lstat(path + "/" + name, &info) == 0 {
                    type = info.st_mode & S_IFMT == S_IFDIR ? Int32(DT_DIR) : info.st_mode & S_IFMT == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK)
                }
            }
            entries.append(Entry(name: name, isFolder: type == Int32(DT_DIR), isFile: type == Int32(DT_REG)))
        }
        return entries
    }
}
