#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import GRDB

/// Copies taken before a migration changes an existing file.
///
/// A migration is the one write that can lose data for good if it is wrong,
/// so the file is copied first, next to itself, as
/// `<path>.backup-<last applied migration>-<yyyyMMdd-HHmmss>` (local time).
/// The copy is made by SQLite (`VACUUM INTO`), so it includes what is still
/// in the WAL and is consistent even while another process writes.
enum Backup {
    /// The backup path for `path`, taken at `date`, after migration `lastMigration`.
    static func path(for path: String, lastMigration: String, at date: Date,
                     timeZone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "\(path).backup-\(lastMigration)-\(formatter.string(from: date))"
    }

    /// Writes a copy of the database to a new file with mode 0600 and returns its path.
    ///
    /// If a backup of the same second exists, `-2`, `-3`, … is appended rather than overwriting it.
    @discardableResult
    static func copy(_ db: Database, to proposedPath: String) throws -> String {
        var target = proposedPath
        var attempt = 1
        var fd: Int32 = -1
        while true {
            fd = open(target, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd >= 0 { break }
            guard errno == EEXIST, attempt < 100 else {
                throw StoreError.unwritableLocation(path: target, reason: String(cString: strerror(errno)))
            }
            attempt += 1
            target = "\(proposedPath)-\(attempt)"
        }
        close(fd)
        chmod(target, 0o600)
        do {
            // VACUUM INTO accepts an existing empty file and keeps its mode.
            try db.execute(sql: "VACUUM INTO ?", arguments: [target])
        } catch {
            unlink(target)
            throw error
        }
        return target
    }
}
