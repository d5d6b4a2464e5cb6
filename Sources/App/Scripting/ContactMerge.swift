import Domain
import Foundation
import Interop
import Store

/// How two versions of one person become one: by `rapport import` (the file
/// updates what rapport has) and by `rapport merge` (A wins where set).
///
/// In both, lists (emails, phones, tags) are united, the first contact's
/// entries first, and nothing set on either side is lost unless the other
/// side sets it too.
enum ContactMerge {
    /// `primary`'s fields where set, `secondary`'s elsewhere; lists united, `listsFirst`'s entries first.
    static func fields(primary: Contact, secondary: Contact, listsFirst: Contact) -> Contact {
        var merged = primary
        func text(_ path: WritableKeyPath<Contact, String>) {
            if merged[keyPath: path].isEmpty { merged[keyPath: path] = secondary[keyPath: path] }
        }
        text(\.nickname); text(\.company); text(\.title); text(\.metAt); text(\.metVia); text(\.drives); text(\.notes)
        merged.birthday = primary.birthday ?? secondary.birthday
        merged.anniversary = primary.anniversary ?? secondary.anniversary
        merged.metOn = primary.metOn ?? secondary.metOn
        merged.cadenceOverride = primary.cadenceOverride ?? secondary.cadenceOverride
        let listsLast = listsFirst == primary ? secondary : primary
        merged.emails = united(listsFirst.emails, listsLast.emails) { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        merged.phones = united(listsFirst.phones, listsLast.phones) { phone in
            phone.unicodeScalars.filter { ("0"..."9").contains($0) || $0 == "+" }.map(String.init).joined()
        }
        merged.tags = united(listsFirst.tags, listsLast.tags) { $0.folded }
        return merged
    }

    /// The interop fields after merging: `primary`'s UID and extras win; TYPEs follow the merged emails and phones.
    static func interop(primary: (Contact, ContactInterop), secondary: (Contact, ContactInterop), merged: Contact) -> ContactInterop {
        var result = ContactInterop(uid: primary.1.uid ?? secondary.1.uid)
        result.extras = secondary.1.extras.merging(primary.1.extras) { _, new in new }
        func types(_ value: String, in list: KeyPath<Contact, [String]>, _ typesPath: KeyPath<ContactInterop, [[String]]>) -> [String] {
            for side in [primary, secondary] {
                if let index = side.0[keyPath: list].firstIndex(where: { $0.lowercased() == value.lowercased() }),
                   index < side.1[keyPath: typesPath].count, !side.1[keyPath: typesPath][index].isEmpty {
                    return side.1[keyPath: typesPath][index]
                }
            }
            return []
        }
        result.emailTypes = merged.emails.map { types($0, in: \.emails, \.emailTypes) }
        result.phoneTypes = merged.phones.map { types($0, in: \.phones, \.phoneTypes) }
        if result.emailTypes.allSatisfy(\.isEmpty) { result.emailTypes = [] }
        if result.phoneTypes.allSatisfy(\.isEmpty) { result.phoneTypes = [] }
        return result
    }

    /// What an import makes of `existing` given the file's version: the
    /// file's fields where set; its circle only when not the default
    /// (`network`, which a card without `X-RAPPORT-CIRCLE` gets); archived when either is.
    static func imported(_ file: ImportedContact, over existing: Contact, _ existingInterop: ContactInterop)
        -> (Contact, ContactInterop) {
        var incoming = file.contact
        incoming.id = existing.id
        incoming.createdAt = existing.createdAt
        incoming.updatedAt = existing.updatedAt
        if incoming.circle == .network { incoming.circle = existing.circle }
        incoming.archived = incoming.archived || existing.archived
        var merged = fields(primary: incoming, secondary: existing, listsFirst: existing)
        merged.archived = incoming.archived
        let fileInterop = ContactInterop(uid: file.uid, extras: file.extras, emailTypes: file.emailTypes,
                                         phoneTypes: file.phoneTypes)
        return (merged, interop(primary: (file.contact, fileInterop), secondary: (existing, existingInterop), merged: merged))
    }

    private static func united(_ first: [String], _ second: [String], key: (String) -> String) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for value in first + second where seen.insert(key(value)).inserted { result.append(value) }
        return result
    }
}
