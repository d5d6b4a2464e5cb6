import Domain
import Foundation
import Store

/// Carries out the dashboard's writes on the store, each in one
/// transaction, and returns the write that undoes it.
struct WriteExecutor: Sendable {
    let store: Store
    let loadDemo: @Sendable (Store) throws -> Void
    /// When a deleted contact enters the trash.
    var now: @Sendable () -> Date = { Date() }
    /// The user's time zone, in which captured mail counts one touch per day.
    var zone: TimeZone = .current

    /// The inverse of `write`, or nil when it cannot be undone (the demo).
    func perform(_ write: Write) throws -> Write? {
        switch write {
        case .loadDemo:
            try loadDemo(store)
            return nil
        case .importFile:
            return nil
        default:
            return try store.write { tx in try apply(write, tx) }
        }
    }

    private func apply(_ write: Write, _ tx: StoreTransaction) throws -> Write? {
        switch write {
        case .addContact(let contact):
            let saved = try tx.insert(contact)
            // The new contact's stored mail becomes touches in the same transaction.
            try tx.replayCapturedMail(days: LocalDays(zone: zone))
            return .deleteContact(saved.id!)
        case .updateContact(let contact):
            guard let id = contact.id, let before = try tx.contact(id: id) else { throw StoreError.notFound(kind: "contact", id: contact.id ?? -1) }
            _ = try tx.update(contact)
            // An address added to a contact brings its stored mail along too.
            try tx.replayCapturedMail(days: LocalDays(zone: zone))
            return .updateContact(before)
        case .deleteContact(let id):
            // Through the trash, so that undo brings back its interactions and promises too.
            let trashID = try tx.moveContactToTrash(id: id, at: now())
            return .restoreContact(trashID: trashID)
        case .restoreContact(let trashID):
            let contact = try tx.restoreFromTrash(id: trashID)
            return .deleteContact(contact.id!)
        case .setArchived(let id, let archived):
            try tx.setArchived(id: id, archived)
            return .setArchived(id, !archived)
        case .logInteraction(let interaction):
            let saved = try tx.insert(interaction)
            return .deleteInteraction(saved.id!)
        case .deleteInteraction(let id):
            guard var before = try tx.interaction(id: id) else { throw StoreError.notFound(kind: "interaction", id: id) }
            try tx.deleteInteraction(id: id)
            before.id = nil
            return .logInteraction(before)
        case .addPromise(let promise):
            let saved = try tx.insert(promise)
            return .deletePromise(saved.id!)
        case .deletePromise(let id):
            guard var before = try tx.promise(id: id) else { throw StoreError.notFound(kind: "promise", id: id) }
            try tx.deletePromise(id: id)
            before.id = nil
            return .addPromise(before)
        case .setPromiseDone(let id, let date):
            guard let before = try tx.promise(id: id) else { throw StoreError.notFound(kind: "promise", id: id) }
            _ = try tx.setPromiseDone(id: id, at: date)
            return .setPromiseDone(id, before.doneAt)
        case .snooze(let id, let until):
            let before = try tx.snoozes().first { $0.contactID == id }?.until
            try tx.snooze(contactID: id, until: until)
            return .snooze(id, before)
        case .dismissSuggestion(let email):
            try tx.dismissSuggestion(email: email)
            return .undismissSuggestion(email: email)
        case .undismissSuggestion(let email):
            try tx.undismissSuggestion(email: email)
            return .dismissSuggestion(email: email)
        case .loadDemo, .importFile:
            return nil
        }
    }

    /// Imports a file the way `rapport import --skip-invalid` does, in one transaction.
    func importFile(_ path: String, now: Date, progress: @escaping ImportProgress) throws -> ImportReport {
        try Scripting(store: store, now: now, calendar: .current)
            .importContacts(ImportRequest(paths: [path], skipInvalid: true), progress: progress, refreshAttention: false)
    }
}
