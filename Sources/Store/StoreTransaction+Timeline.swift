import Domain

extension StoreTransaction {
    /// A contact's interactions and promises, newest first.
    ///
    /// Promises sit at their `createdAt`. At the same instant a promise comes
    /// before (above) an interaction, as it was made during or after it.
    public func timeline(contactID: Int64) throws -> [TimelineEntry] {
        let entries = try interactions(contactID: contactID).map(TimelineEntry.interaction)
            + promises(contactID: contactID, includeDone: true).map(TimelineEntry.promise)
        return entries.sorted { a, b in
            if a.date != b.date { return a.date > b.date }
            switch (a, b) {
            case (.promise, .interaction): return true
            case (.interaction, .promise): return false
            case let (.promise(x), .promise(y)): return (x.id ?? 0) > (y.id ?? 0)
            case let (.interaction(x), .interaction(y)): return (x.id ?? 0) > (y.id ?? 0)
            }
        }
    }
}
