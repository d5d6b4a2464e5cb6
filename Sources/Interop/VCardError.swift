/// Why a vCard file was refused, and on which line.
///
/// Callers print it as `FILE:LINE: reason`, the form editors and terminals
/// turn into a jump to the line; `description` is `line LINE: reason`.
public struct VCardError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the file (the physical line, before unfolding).
    public var line: Int
    /// What is wrong, in words, without the line number.
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
