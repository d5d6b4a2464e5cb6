#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The file system as vdir sync uses it: `stat` to see what changed,
/// whole-file reads, and writes that are never seen half done.
///
/// A card is written to a hidden temp file in the same folder (so the
/// rename stays on one file system), flushed, then renamed over its name:
/// a reader (vdirsyncer, khard, a crash) sees the old card or the new one.
/// Names that start with `.` or do not end in `.vcf` are not cards: a temp
/// file left by a crash is ignored by the next sync.
enum VdirFiles {
    struct Stat: Hashable {
        var size: Int64
        var modifiedNanos: Int64
        var inode: Int64 = 0
    }

    enum Failure: Error, CustomStringConvertible {
        case missing, notAFolder, unreadable(String)

        var description: String {
            switch self {
            case .missing: "no such folder"
            case .notAFolder: "not a folder"
            case .unreadable(let reason): "cannot be read (\(reason))"
            }
        }
    }

    static func isCardName(_ name: String) -> Bool {
        !name.hasPrefix(".") && name.lowercased().hasSuffix(".vcf")
    }

    /// The card files of `folder` with their size and time: one `stat` each, nothing read.
    static func cards(in folder: String) throws(Failure) -> [String: Stat] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else { throw .missing }
        guard isDirectory.boolValue else { throw .notAFolder }
        // opendir says why in the system's words ("Permission denied"); Foundation's message does not.
        guard let handle = opendir(folder) else { throw .unreadable(String(cString: strerror(errno))) }
        closedir(handle)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw .unreadable("the folder could not be listed")
        }
        var result: [String: Stat] = [:]
        for name in names where isCardName(name) {
            if let found = status(folder + "/" + name) { result[name] = found }
        }
        return result
    }

    /// Size and modification time of a regular file, nil when there is none.
    static func status(_ path: String) -> Stat? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        let nanos = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
        return Stat(size: Int64(info.st_size), modifiedNanos: nanos, inode: Int64(bitPattern: UInt64(info.st_ino)))
    }

    static func read(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// FNV-1a over the bytes, as a signed 64-bit integer (SQLite's integers are signed).
    static func hash(_ data: Data) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    /// Writes `data` as `folder/name` through a temp file and a rename; returns the file's stat.
    static func writeAtomically(_ data: Data, folder: String, name: String) throws -> Stat {
        let target = folder + "/" + name
        let temp = folder + "/.\(name).rapport-\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SyncFileError(path: temp, errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0 && rename(temp, target) != 0 { failure = errno }
        if failure != 0 {
            unlink(temp)
            throw SyncFileError(path: target, failure)
        }
        guard let written = status(target) else { throw SyncFileError(path: target, ENOENT) }
        return written
    }

    static func remove(folder: String, name: String) throws {
        if unlink(folder + "/" + name) != 0 && errno != ENOENT { throw SyncFileError(path: folder + "/" + name, errno) }
    }
}

/// A card that could not be written or removed: `PATH: reason`.
struct SyncFileError: Error, CustomStringConvertible {
    var path: String
    var code: Int32

    init(path: String, _ code: Int32) {
        self.path = path
        self.code = code
    }

    var description: String { path + ": " + String(cString: strerror(code)) }
}
