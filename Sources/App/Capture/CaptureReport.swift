import Foundation

/// What one capture run did, per source: printed by `rapport capture`, and
/// the background job's status line.
public struct CaptureReport: Sendable {
    public struct Source: Sendable {
        public var path: String
        public var kind: String
        /// Messages or calendar occurrences read this run (new ones only).
        public var read = 0
        /// Messages read before (from this or another source).
        public var known = 0
        /// Contacts newly touched (one per contact, thread and day for mail).
        public var touches = 0
        /// Calendar: rapport events added or changed, and removed (cancelled, moved away, deleted).
        public var events = 0
        public var removed = 0
        /// Skipped messages by reason (list mail, no-reply, crowd).
        public var skipped: [String: Int] = [:]
        /// Files or messages that could not be read, as `FILE: reason`.
        public var unreadable: [String] = []
        /// Set when the source itself could not be read; nothing of it was captured.
        public var failure: String?

        public init(path: String, kind: String) {
            self.path = path
            self.kind = kind
        }

        public var summary: String {
            if let failure { return "\(kind) \(path): \(failure)" }
            var parts = ["\(kind) \(path): read " + count(read, "new " + (kind == "mail" ? "message" : "event"))]
            parts.append(count(touches, "touch", "touches"))
            if kind == "calendar" { parts.append(count(events, "upcoming event") + " added or changed") }
            if removed > 0 { parts.append("\(removed) cancelled or gone") }
            if known > 0 { parts.append("\(known) already captured") }
            let skips = skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            if !skips.isEmpty { parts.append("skipped " + skips.joined(separator: ", ")) }
            if !unreadable.isEmpty { parts.append("\(unreadable.count) unreadable") }
            return parts.joined(separator: "; ")
        }

        private func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
            "\(n) " + (n == 1 ? one : many ?? one + "s")
        }
    }

    public var sources: [Source] = []
    public var dryRun = false
    /// Touches added because a correspondent became a contact since their mail was read.
    public var replayed = 0
    /// For a dry run: what would be added, one line each.
    public var wouldAdd: [String] = []

    public init() {}

    public var touches: Int { sources.reduce(replayed) { $0 + $1.touches } }
    public var events: Int { sources.reduce(0) { $0 + $1.events } }
    public var failed: Bool { sources.contains { $0.failure != nil } }

    /// The status line's words: "captured 3 touches", or nil when nothing was added.
    public var statusText: String? {
        var parts: [String] = []
        if touches > 0 { parts.append("\(touches) touch\(touches == 1 ? "" : "es")") }
        if events > 0 { parts.append("\(events) event\(events == 1 ? "" : "s")") }
        return parts.isEmpty ? nil : "captured " + parts.joined(separator: " and ")
    }
}
