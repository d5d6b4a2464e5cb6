/// One message file of a maildir tree.
public struct MaildirMessage: Hashable, Sendable {
    /// Relative to the tree's root: `.Sent/cur/1700000000.123_1.host:2,S`.
    public var path: String
    /// The maildir it is in, relative to the root: "" for the root itself,
    /// `.Sent` (Maildir++), `Sent` or `Archive/2024` (as mbsync nests them).
    public var folder: String
    /// In `new/`: delivered, not yet seen by a mail client.
    public var isNew: Bool

    /// The part of the name that stays when a client moves the message from
    /// `new/` to `cur/` or changes its flags: what capture remembers it by.
    /// Kept, not derived: a re-run compares 100,000 of them.
    public let uniqueName: String

    public init(path: String, folder: String, isNew: Bool) {
        self.path = path
        self.folder = folder
        self.isNew = isNew
        uniqueName = MailFiles.uniqueName(ofFileName: Self.fileName(of: path))
    }

    /// The file's name without its folders.
    public var fileName: String { Self.fileName(of: path) }

    private static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// By path, byte by byte: the order `maildirMessages` lists them in.
    public static func pathOrder(_ a: MaildirMessage, _ b: MaildirMessage) -> Bool {
        a.path.utf8.lexicographicallyPrecedes(b.path.utf8)
    }
}
