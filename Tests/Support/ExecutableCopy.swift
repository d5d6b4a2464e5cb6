import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Copies an executable with a descriptor closed on exec: a plain copy's
/// write descriptor can leak into a process another test forks at that
/// moment, and running the copy then fails with "Text file busy".
public func copyExecutable(from source: String, to destination: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: source))
    let fd = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination]) }
    defer { close(fd) }
    let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == data.count else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination]) }
}
