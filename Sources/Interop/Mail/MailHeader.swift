import Foundation

/// One address as a header writes it: `Ana Lima <ana@example.com>`.
/// `email` keeps the local part as written (quoted parts unquoted) and
/// the domain as written; matching folds case.
public struct MailAddress: Hashable, Sendable {
    public var name: String
    public var email: String

    public init(name: String = "", email: String) {
        self.name = name
        self.email = email
    }
}

/// Why a message is mail to nobody in particular, so no touch.
public enum BulkMarker: String, Hashable, Sendable, CaseIterable {
    case listID = "List-Id"
    case listUnsubscribe = "List-Unsubscribe"
    case precedence = "Precedence"
    case autoSubmitted = "Auto-Submitted"
}

/// Where a message's date came from.
public enum MailDateSource: String, Hashable, Sendable {
    case date, received
}

/// What capture reads of one message: its header only, decoded. The body
/// is never read.
public struct MailHeader: Hashable, Sendable {
    /// Message-ID without the angle brackets; nil when absent or empty.
    public var messageID: String?
    public var from: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var bcc: [MailAddress]
    /// From Date, else the first (most recent) Received; nil when neither parses.
    public var date: Date?
    public var dateSource: MailDateSource?
    /// Decoded, with controls removed and whitespace runs collapsed; "" when absent.
    public var subject: String
    /// References then In-Reply-To, without brackets, oldest first, no repeats.
    public var references: [String]
    /// Set when the message is list or bulk mail (the first marker found).
    public var bulk: BulkMarker?

    public init(messageID: String? = nil, from: [MailAddress] = [], to: [MailAddress] = [], cc: [MailAddress] = [],
                bcc: [MailAddress] = [], date: Date? = nil, dateSource: MailDateSource? = nil, subject: String = "",
                references: [String] = [], bulk: BulkMarker? = nil) {
        self.messageID = messageID
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.date = date
        self.dateSource = dateSource
        self.subject = subject
        self.references = references
        self.bulk = bulk
    }

    /// Everyone the message went to.
    public var recipients: [MailAddress] { to + cc + bcc }
}

/// Why one message was skipped as unreadable (counted with its file, never a stopped run).
public enum MailHeaderProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file starts with no header field at all.
    case noHeader
    /// NUL bytes or other binary content in the header.
    case binary
    /// The header goes on past the size capture reads (with the limit in bytes).
    case tooLarge(Int)
    /// A Date field that names no real instant (with the text, controls removed).
    case impossibleDate(String)

    public var description: String {
        switch self {
        case .noHeader: return "no mail header"
        case .binary: return "binary data in the header"
        case .tooLarge(let limit): return "header longer than \(limit / 1024) KB"
        case .impossibleDate(let text): return "impossible date \"\(text)\""
        }
    }
}
