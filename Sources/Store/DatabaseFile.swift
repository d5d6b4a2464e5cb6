#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The database file on disk, before and around SQLite.
///
/// Relationship notes are private: the folder Store creates is 0700 and the
/// file 0600. SQLite would create the file with the process umask (often
/// 0644), so Store creates it first, with `O_EXCL`, and lets SQLite open
/// the existing empty file (an empty file is a valid empty database).
enum DatabaseFile {
    /// Creates the missing folders of `path`'s parent (0700) and the file itself (0600).
    ///
    /// An existing file is left as it is. Throws `StoreError.unwritableLocation`.
    static func prepare(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try makeFolders(folder) }
        try refuseForeignSymlink(path)
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw StoreError.unwritableLocation(path: path, reason: "it is a folder")
            }
            return
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }  // another process created it just now
            throw StoreError.unwritableLocation(path: path, reason: String(cString: strerror(errno)))
        }
        close(fd)
        // The umask cannot widen 0600, but a umask of 0277 would narrow it: restate it.
        chmod(path, 0o600)
    }

    /// Refuses a database path that is a symbolic link another user owns, or
    /// that points to a file another user owns: whoever controls the link
    /// could point rapport's writes (and its private notes) anywhere.
    static func refuseForeignSymlink(_ path: String) throws {
        var link = stat()
        guard lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK else { return }
        let me = geteuid()
        if link.st_uid != me {
            throw StoreError.unwritableLocation(path: path, reason: "it is a symbolic link owned by another user (uid \(link.st_uid))")
        }
        var target = stat()
        if stat(path, &target) == 0, target.st_uid != me {
            throw StoreError.unwritableLocation(path: path, reason: "it links to a file owned by another user (uid \(target.st_uid))")
        }
    }

    /// Restricts SQLite's side files (`-wal`, `-shm`) to the owner, when present.
    static func restrictSideFiles(of path: String) {
        for suffix in ["-wal", "-shm"] {
            let side = path + suffix
            if access(side, F_OK) == 0 { chmod(side, 0o600) }
        }
    }

    /// Whether `path` exists and has content (a file SQLite has written to).
    static func hasContent(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_size > 0
    }

    private static func makeFolders(_ folder: String) throws {
        var info = stat()
        if stat(folder, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw StoreError.unwritableLocation(path: folder, reason: "it is not a folder")
            }
            return
        }
        let parent = (folder as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != folder { try makeFolders(parent) }
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw StoreError.unwritableLocation(path: folder, reason: String(cString: strerror(errno)))
        }
    }
}
