/// One record (or a whole file) an import refuses, and where; or, in a
/// reading's `warnings`, what a forgiving read repaired or dropped in a
/// record it kept.
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

/// What reading one file gave: the contacts it holds, the records it
/// refuses, and what it repaired or dropped in the records it kept.
public struct ContactFileReading: Sendable {
    public var contacts: [ImportedContact]
    public var issues: [ImportIssue]
    /// Printed `FILE:LINE: warning: reason`; never refuse anything.
    public var warnings: [ImportIssue]

    public init(contacts: [ImportedContact] = [], issues: [ImportIssue] = [], warnings: [ImportIssue] = []) {
        self.contacts = contacts
        self.issues = issues
        self.warnings = warnings
    }
}

/// How forgiving a reader is.
///
/// Forgiving (the default of `rapport import`): a malformed line, a bad
/// property name, a control character in a text field or an unreadable date
/// is dropped or repaired with a warning and the record is kept; only
/// structural damage refuses a file. Strict: each of those refuses its
/// record (or, for a line a vCard cannot be parsed at, the file) as rapport
/// did before it forgave.
public struct ReadingOptions: Sendable, Hashable {
    public var strict: Bool
    /// How `3/4/1985` is read when the file's other dates do not say.
    public var dateOrder: DateOrder?

    public init(strict: Bool, dateOrder: DateOrder? = nil) {
        self.strict = strict
        self.dateOrder = dateOrder
    }

    public static let strict = ReadingOptions(strict: true)
    public static let forgiving = ReadingOptions(strict: false)
}
