import Foundation

/// A vdir that `rapport sync vdir` keeps in step with the book.
public struct SyncVdir: Hashable, Sendable {
    public var id: Int64
    /// Absolute, as the user named it.
    public var path: String
    /// The store's change sequence read at the start of the last sync.
    public var changeSequence: Int64
    public var syncedAt: Date?

    public init(id: Int64, path: String, changeSequence: Int64, syncedAt: Date?) {
        self.id = id
        self.path = path
        self.changeSequence = changeSequence
        self.syncedAt = syncedAt
    }
}

/// What the last sync knew of one card file and the contact paired with it.
public struct SyncFileState: Hashable, Sendable {
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modifiedNanos: Int64
    public var inode: Int64
    /// A hash of the file's bytes (FNV-1a, 64 bits, stored as a signed integer).
    public var hash: Int64
    public var contactID: Int64
    /// The contact's `updatedAt` (microseconds) when the two sides last agreed.
    public var contactUpdatedMicros: Int64

    public init(size: Int64, modifiedNanos: Int64, inode: Int64 = 0, hash: Int64, contactID: Int64,
                contactUpdatedMicros: Int64) {
        self.size = size
        self.modifiedNanos = modifiedNanos
        self.inode = inode
        self.hash = hash
        self.contactID = contactID
        self.contactUpdatedMicros = contactUpdatedMicros
    }
}
