import Domain
import Foundation
import Store

/// What `rapport check` found.
public struct CheckReport: Sendable {
    public var contacts: Int
    public var interactions: Int
    /// One line each; empty when the book is sound.
    public var problems: [String]
}

extension Scripting {
    /// SQLite's integrity and foreign key checks, then every history summary
    /// recomputed from the interactions and compared with the stored one,
    /// all in one read transaction. Changes nothing.
    public func check() throws -> CheckReport {
        try store.read { tx in
            let problems = try tx.integrityProblems() + tx.summaryMismatches().map(\.description)
            return CheckReport(contacts: try tx.contactCount(), interactions: try tx.interactionCount(),
                               problems: problems)
        }
    }
}
