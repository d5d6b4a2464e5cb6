import Domain
import Foundation
import Store

extension Scripting {
    /// Records a promise: mine by default, theirs with `theirs`.
    public func promise(_ query: String, text raw: String, due rawDue: String?, theirs: Bool)
        throws -> (promise: Promise, contact: Contact) {
        let text = try checked { () throws -> String in
            let text = try FieldRules.text(raw, field: "promise", oneLine: true)
            guard !text.isEmpty else { throw FieldRules.Violation(field: "promise", "cannot be empty") }
            return text
        }
        let due = try day(rawDue, field: "due")
        let contact = try contact(named: query)
        let promise = Promise(contactID: contact.id ?? 0, text: text, owner: theirs ? .theirs : .mine,
                              due: due, createdAt: now)
        return (try store.insert(promise), contact)
    }

    /// Marks a promise kept now (`done: true`) or open again (`done: false`).
    ///
    /// Marking a kept promise done again keeps its first time and writes nothing;
    /// `changed` says whether anything was written.
    public func setDone(_ rawID: String, done: Bool) throws -> (promise: Promise, contact: Contact?, changed: Bool) {
        let id = try Scripting.id(rawID, of: "promise")
        return try store.write { tx in
            guard let promise = try tx.promise(id: id) else { throw ScriptingError("no promise with id \(id)") }
            let contact = try tx.contact(id: promise.contactID)
            guard promise.isOpen == done else { return (promise, contact, false) }
            return (try tx.setPromiseDone(id: id, at: done ? now : nil), contact, true)
        }
    }
}
