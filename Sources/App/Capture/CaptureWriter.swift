import Foundation
import Store

/// Where capture's batches go: each into its own transaction (so a run
/// killed halfway keeps what it committed, with what was read of each file),
/// or, for a dry run, all into one transaction that is rolled back.
struct CaptureWriter {
    let store: Store
    let dryRun: StoreTransaction?

    func batch<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        if let dryRun { return try body(dryRun) }
        return try store.write(body)
    }

    var isDryRun: Bool { dryRun != nil }
}

/// The user's calendar day of an instant, as a number: what "one touch per
/// day" counts by.
struct LocalDays: Sendable {
    let zone: TimeZone

    func number(_ date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        return Int64((seconds / 86_400).rounded(.down))
    }
}

/// Contacts by lowercased address, looked up as messages and events name
/// them and remembered for the run: mail and calendars name a few thousand
/// people many times over, a book may hold a hundred thousand addresses.
final class ContactAddresses {
    private var known: [String: Int64?] = [:]

    func contact(for email: String, in tx: StoreTransaction) throws -> Int64? {
        if let found = known[email] { return found }
        let found = try tx.contactID(withEmail: email)
        known[email] = found
        return found
    }
}
