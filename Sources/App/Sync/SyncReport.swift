import Foundation

/// What one sync run did, per vdir: printed by `rapport sync`, and the
/// background job's status line.
public struct SyncReport: Sendable {
    public struct Folder: Sendable {
        public var path: String
        /// Cards that came in (new contacts included), and the new contacts among them.
        public var incoming = 0
        public var created = 0
        /// Cards written to the folder.
        public var outgoing = 0
        /// Contacts moved to rapport's trash because their card left the folder.
        public var deletedHere = 0
        /// Cards removed from the folder because their contact left rapport.
        public var deletedThere = 0
        /// One line per contact changed on both sides: who, which side won, where the other went.
        public var conflicts: [String] = []
        /// Cards that could not be read, written or removed, as `FILE[:LINE]: reason`; the rest synced.
        public var problems: [String] = []
        /// Set when the folder itself could not be synced; nothing of it was.
        public var failure: String?

        public init(path: String) { self.path = path }

        /// `vdir PATH: 3 in (1 new), 2 out, 1 deleted here, 0 deleted there, 1 conflict (…)`.
        public var summary: String {
            if let failure { return "vdir \(path): \(failure)" }
            var text = "vdir \(path): \(incoming) in (\(created) new), \(outgoing) out, \(deletedHere) deleted here, "
                + "\(deletedThere) deleted there, \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s")"
            if !conflicts.isEmpty { text += " (" + conflicts.joined(separator: "; ") + ")" }
            if !problems.isEmpty { text += ", \(problems.count) skipped" }
            return text
        }
    }

    public var folders: [Folder] = []
    public var dryRun = false

    public init() {}

    public var failed: Bool { folders.contains { $0.failure != nil } }
    public var incoming: Int { folders.reduce(0) { $0 + $1.incoming } }
    public var outgoing: Int { folders.reduce(0) { $0 + $1.outgoing + $1.deletedThere } }
    /// Whether the book changed (so attention should be rescored).
    var changedBook: Bool { folders.contains { $0.incoming + $0.deletedHere + $0.conflicts.count > 0 } }

    /// The status line's words: "synced: 2 in, 1 out", or nil when nothing moved.
    public var statusText: String? {
        incoming + outgoing == 0 && !folders.contains(where: { !$0.conflicts.isEmpty }) ? nil
            : "synced: \(incoming) in, \(outgoing) out"
                + (folders.contains { !$0.conflicts.isEmpty } ? ", \(folders.reduce(0) { $0 + $1.conflicts.count }) conflicts" : "")
    }
}
