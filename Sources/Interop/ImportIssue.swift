/// One record (or a whole file) an import refuses, and where.
///
/// Printed as `FILE:LINE: reason`; `line` is 1-based and physical, or nil
/// when the problem is the file as a whole (a JSON backup that does not decode).
public struct ImportIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var reason: String

    public init(line: Int?, reason: String) {
        self.line = line
        self.reason = reason
    }

    public init(_ error: VCardError) {
        self.init(line: error.line, reason: error.reason)
    }

    public var description: String { line.map { "line \($0): \(reason)" } ?? reason }
}

/// What reading one file gave: the contacts it holds and the records it refuses.
public struct ContactFileReading: Sendable {
    public var contacts: [ImportedContact]
    public var issues: [ImportIssue]

    public init(contacts: [ImportedContact] = [], issues: [ImportIssue] = []) {
        self.contacts = contacts
        self.issues = issues
    }
}
