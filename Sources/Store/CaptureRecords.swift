import Foundation

/// A maildir, mbox, `.eml`, `.ics` file or calendar folder capture reads.
public struct CaptureSource: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case mail, calendar }

    public var id: Int64
    public var kind: Kind
    /// Absolute, as the user named it (symbolic links not resolved).
    public var path: String
    public var readAt: Date?

    public init(id: Int64, kind: Kind, path: String, readAt: Date?) {
        self.id = id
        self.kind = kind
        self.path = path
        self.readAt = readAt
    }
}

/// What capture remembers of one file of a source.
public struct CaptureFileState: Hashable, Sendable {
    public var size: Int64
    public var modifiedAt: Int64
    /// For an mbox: the byte offset where reading stopped.
    public var offset: Int64
    /// For a calendar file: when to read it again though unchanged.
    public var recheckAt: Date?

    public init(size: Int64 = 0, modifiedAt: Int64 = 0, offset: Int64 = 0, recheckAt: Date? = nil) {
        self.size = size
        self.modifiedAt = modifiedAt
        self.offset = offset
        self.recheckAt = recheckAt
    }
}

/// One message as capture stores it: never a body.
public struct CapturedMessage: Sendable {
    public struct Party: Hashable, Sendable {
        /// Lowercased and trimmed, as `contact_email.email_normalized`.
        public var email: String
        public var name: String
        /// The contact the touch went to, nil when the address is no contact's.
        public var contactID: Int64?

        public init(email: String, name: String, contactID: Int64?) {
            self.email = email
            self.name = name
            self.contactID = contactID
        }
    }

    public var key: String
    public var thread: String
    public var sentAt: Date
    public var subject: String
    public var fromMe: Bool
    /// The people on it who are not the user: the recipients of a message
    /// from the user, else the sender.
    public var parties: [Party]

    public init(key: String, thread: String, sentAt: Date, subject: String, fromMe: Bool, parties: [Party]) {
        self.key = key
        self.thread = thread
        self.sentAt = sentAt
        self.subject = subject
        self.fromMe = fromMe
        self.parties = parties
    }
}

/// A correspondent who is not a contact: what `rapport suggestions` lists.
public struct MailSuggestion: Hashable, Sendable {
    public var email: String
    /// The name their messages carry most recently ("" when none does).
    public var name: String
    /// Messages the user sent them, and they sent the user.
    public var sent: Int
    public var received: Int
    public var last: Date

    public init(email: String, name: String, sent: Int, received: Int, last: Date) {
        self.email = email
        self.name = name
        self.sent = sent
        self.received = received
        self.last = last
    }

    public var isTwoWay: Bool { sent > 0 && received > 0 }
}

/// What `forgetCaptureSource` removed.
public struct ForgottenCapture: Hashable, Sendable {
    public var interactions: Int
    public var events: Int
    public var messages: Int

    public init(interactions: Int, events: Int, messages: Int) {
        self.interactions = interactions
        self.events = events
        self.messages = messages
    }
}
