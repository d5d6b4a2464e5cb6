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

/// Contacts by lowercased address, read in the first transaction that asks:
/// a re-run with nothing new never reads them.
final class ContactAddresses {
    private var byEmail: [String: Int64]?

    func contact(for email: String, in tx: StoreTransaction) throws -> Int64? {
        if byEmail == nil { byEmail = try tx.contactIDsByEmail() }
        return byEmail?[email]
    }
}
