import Foundation
import Store

extension StoreTransaction {
    /// Mail read while its correspondent was no contact, whose address is a
    /// contact's now: its touches, keyed as capture keys them (thread and
    /// day, see `MailCapture`), so a later capture run finds them and adds
    /// nothing twice. Returns the touches added.
    ///
    /// Capture runs it first thing; the dashboard runs it in the transaction
    /// that adds a contact or an address, so the touches come with the contact.
    ///
    /// - parameter contactIDs: only the addresses of these contacts; nil for all.
    @discardableResult
    func replayCapturedMail(days: LocalDays, contactIDs: [Int64]? = nil) throws -> Int {
        var added = 0
        for (message, sourceID) in try unappliedMessages(contactIDs: contactIDs) {
            guard let party = message.parties.first, let contact = party.contactID else { continue }
            added += try touch(key: days.mailTouchKey(thread: message.thread, sentAt: message.sentAt), sourceID: sourceID,
                               at: message.sentAt, kind: .email, summary: message.subject, contactIDs: [contact])
            try markApplied(messageKey: message.key, email: party.email, contactID: contact)
        }
        return added
    }
}

extension LocalDays {
    /// One touch per contact, thread and day: the key capture and replay share.
    func mailTouchKey(thread: String, sentAt: Date) -> String {
        "mail:\(thread)|\(number(sentAt))"
    }
}
