import Foundation

/// A mail file or folder that cannot be read, with the system's reason.
public struct MailFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// From `errno` after a failed system call.
    static func posix(_ path: String, _ what: String, code: Int32 = errno) -> MailFileError {
        MailFileError(path: path, reason: "cannot \(what): \(String(cString: strerror(code)))")
    }

    public var description: String { "\(path): \(reason)" }
}
