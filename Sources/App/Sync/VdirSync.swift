import Domain
import Foundation
import Interop
import Store

/// Keeps one vdir (a folder of `.vcf` files, one card each, as khard and
/// vdirsyncer keep them) and the book in step, both ways.
///
/// The rules, in the order a run applies them:
/// - A card new in the folder comes in: matched to a contact as `rapport
///   import` matches (UID, email, phone, name and company), else a new contact.
///   A match that was never paired with this folder takes the card as an
///   import would (fields merged), and the merged contact is written back.
/// - A changed card (its bytes, not only its time) replaces the contact's
///   card fields. rapport's own fields (circle, cadence, drives, met at/on/via,
///   archived) are kept when the card has no `X-RAPPORT-` property for them,
///   as when a phone dropped them. Interactions, promises, events and the
///   snooze are never touched: the contact is updated in place.
/// - A contact added or changed in rapport (its `updatedAt` moved; a logged
///   interaction is no change to its card) goes out as a vCard 4.0 card, named
///   `<UID>.vcf` when new. The card's unknown properties are kept: `X-` and
///   the standard ones import keeps through the interop extras, the others
///   (PHOTO, KIND…) by carrying them over from the file being replaced.
/// - A card gone from the folder moves its contact to rapport's trash
///   (`rapport restore` brings it back); a contact gone from rapport has its
///   card deleted.
/// - Changed on both sides is a conflict: the newer side wins, by the card's
///   REV (its file time when it has none) against the contact's `updatedAt`.
///   The losing version is kept in rapport's trash as a copy of the contact
///   (its fields only; the contact itself keeps its id and history), and the
///   conflict is reported. A card deleted there while its contact changed here
///   is written back; a card changed there while its contact was deleted here
///   comes back as a new contact.
///
/// State per folder (`sync_vdir`, `sync_file`) makes a run with nothing
/// changed one `stat` per file and one query: nothing is read or written.
struct VdirSync {
    let store: Store
    let now: Date
    let dryRun: Bool
    /// Cards and contacts looked at, of those to look at (for a progress bar).
    var progress: ImportProgress?

    private struct DryRunRollback: Error {}

    func sync(path: String) -> SyncReport.Folder {
        var report = SyncReport.Folder(path: path)
        let disk: [String: VdirFiles.Stat]
        do {
            disk = try VdirFiles.cards(in: path)
        } catch {
            report.failure = error.description
            return report
        }
        do {
            try store.write { tx in
                var run = Run(tx: tx, folder: path, now: now, dryRun: dryRun, disk: disk)
                run.progress = progress
                try run.start()
                try run.syncFolderSide(&report)
                try run.syncBookSide(&report)
                try run.finish()
                if dryRun { throw DryRunRollback() }
            }
        } catch is DryRunRollback {
        } catch {
            report = SyncReport.Folder(path: path)
            report.failure = "\(error)"
        }
        return report
    }
}

/// One run over one folder, inside one write transaction.
private struct Run {
    let tx: StoreTransaction
    let folder: String
    let now: Date
    let dryRun: Bool
    let disk: [String: VdirFiles.Stat]

    var vdir = SyncVdir(id: 0, path: "", changeSequence: 0, syncedAt: nil)
    var startSequence: Int64 = 0
    var known: [String: SyncFileState] = [:]
    /// Contact id to the name of its card, as the last sync left them.
    var cardOf: [Int64: String] = [:]
    /// Contacts changed in rapport since the last sync, with their `updatedAt` (absent: deleted).
    var changed: Set<Int64> = []
    var updatedMicros: [Int64: Int64] = [:]
    /// Contacts this run has dealt with: the book side leaves them alone.
    var handled: Set<Int64> = []
    var index: ImportIndex?
    /// A card could not be written or removed: the next run looks at this run's changes again.
    var failedWrite = false
    var progress: ImportProgress?
    private var looked = 0

    /// One more card or contact looked at, of the folder's cards and the changed contacts.
    private mutating func step() {
        looked += 1
        if looked % 250 == 0 { progress?(looked, disk.count + changed.count) }
    }

    init(tx: StoreTransaction, folder: String, now: Date, dryRun: Bool, disk: [String: VdirFiles.Stat]) {
        self.tx = tx
        self.folder = folder
        self.now = now
        self.dryRun = dryRun
        self.disk = disk
    }

    mutating func start() throws {
        vdir = try tx.syncVdir(path: folder)
        startSequence = try tx.changeSequence()
        known = try tx.syncFiles(vdirID: vdir.id)
        for (name, state) in known { cardOf[state.contactID] = name }
        changed = Set(try tx.contactsChanged(since: vdir.changeSequence))
        updatedMicros = try tx.contactUpdatedMicros(ids: Array(changed))
    }

    mutating func finish() throws {
        try tx.markSynced(vdirID: vdir.id, changeSequence: failedWrite ? vdir.changeSequence : startSequence, at: now)
    }

    /// Whether the contact's card fields changed in rapport since its card was last in step.
    func changedInRapport(_ id: Int64, since state: SyncFileState) -> Bool {
        changed.contains(id) && updatedMicros[id] != state.contactUpdatedMicros
    }

    // MARK: The folder's side

    mutating func syncFolderSide(_ report: inout SyncReport.Folder) throws {
        for name in disk.keys.sorted() {
            step()
            let stat = disk[name]!
            let state = known[name]
            if let state, state.size == stat.size, state.modifiedNanos == stat.modifiedNanos, state.inode == stat.inode {
                continue
            }
            guard let data = VdirFiles.read(folder + "/" + name) else {
                report.problems.append("\(folder)/\(name): cannot be read")
                continue
            }
            let hash = VdirFiles.hash(data)
            if var state, state.hash == hash {
                (state.size, state.modifiedNanos, state.inode) = (stat.size, stat.modifiedNanos, stat.inode)
                try tx.saveSyncFile(vdirID: vdir.id, name: name, state)
                continue
            }
            guard let card = readCard(data, name: name, report: &report) else { continue }
            let file = FileSeen(name: name, stat: stat, hash: hash, data: data)
            if let state, try tx.contact(id: state.contactID) != nil {
                try changedCard(card, file, state: state, report: &report)
            } else if let state {
                // Its contact was deleted here: the book side must not delete the card it now pairs with.
                handled.insert(state.contactID)
                cardOf[state.contactID] = nil
                report.conflicts.append("\(card.imported.contact.name): deleted in rapport, changed in the folder; added again")
                try tx.deleteSyncFile(vdirID: vdir.id, name: name)
                try newCard(card, file, report: &report)
            } else if let uid = card.imported.uid, let owner = try tx.contactID(withUID: uid),
                      let oldName = cardOf[owner], disk[oldName] == nil, let oldState = known[oldName] {
                // Renamed by a client: the same card under a new name, not a deletion and a new contact.
                try tx.deleteSyncFile(vdirID: vdir.id, name: oldName)
                known[oldName] = nil
                cardOf[owner] = name
                if oldState.hash == hash {
                    // Only the name moved: the book side still sends a change made in rapport.
                    let moved = SyncFileState(size: stat.size, modifiedNanos: stat.modifiedNanos, inode: stat.inode,
                                              hash: hash, contactID: owner, contactUpdatedMicros: oldState.contactUpdatedMicros)
                    known[name] = moved
                    try tx.saveSyncFile(vdirID: vdir.id, name: name, moved)
                } else {
                    try changedCard(card, file, state: oldState, report: &report)
                }
            } else {
                try newCard(card, file, report: &report)
            }
        }
        for (name, state) in known.sorted(by: { $0.key < $1.key }) where disk[name] == nil {
            try tx.deleteSyncFile(vdirID: vdir.id, name: name)
            cardOf[state.contactID] = nil
            guard let contact = try tx.contact(id: state.contactID) else { continue }
            handled.insert(state.contactID)
            if changedInRapport(state.contactID, since: state) {
                report.conflicts.append("\(contact.name): deleted in the folder, changed in rapport; written back")
                try writeCard(contactID: state.contactID, name: name, report: &report)
            } else {
                try tx.moveContactToTrash(id: state.contactID, at: now)
                report.deletedHere += 1
            }
        }
    }

    struct FileSeen {
        var name: String
        var stat: VdirFiles.Stat
        var hash: Int64
        var data: Data
    }

    struct ReadCard {
        var card: VCard
        var imported: ImportedContact
    }

    /// The one card of a file, read forgivingly; a file that is not one card is a problem.
    func readCard(_ data: Data, name: String, report: inout SyncReport.Folder) -> ReadCard? {
        let path = folder + "/" + name
        do throws(VCardError) {
            var cards: [VCard] = []
            try VCardReader.forEachCard(in: data, options: .forgiving) { cards.append($0) }
            guard cards.count == 1 else {
                report.problems.append("\(path): \(cards.isEmpty ? "no card in the file" : "\(cards.count) cards in one file")")
                return nil
            }
            var imported = try VCardReader.contact(from: cards[0], now: now, options: .forgiving)
            imported = ExportedDate.resolve([imported], order: ExportedDate.fileOrder(cards[0].dateOrderHints),
                                            strict: false, now: now).contacts.first ?? imported
            return ReadCard(card: cards[0], imported: imported)
        } catch {
            report.problems.append("\(path):\(error.line): \(error.reason)")
            return nil
        }
    }

    /// A card the last sync knew, changed since, whose contact still exists.
    mutating func changedCard(_ read: ReadCard, _ file: FileSeen, state: SyncFileState,
                              report: inout SyncReport.Folder) throws {
        let id = state.contactID
        handled.insert(id)
        guard let existing = try tx.contact(id: id) else { return }
        let existingInterop = try tx.interop(contactID: id)
        if changedInRapport(id, since: state) {
            let cardTime = Self.revision(read.card) ?? Date(timeIntervalSince1970: Double(file.stat.modifiedNanos) / 1e9)
            if cardTime <= existing.updatedAt {
                // rapport's version wins: the card's goes to the trash as a copy, the contact goes out.
                try trashCopy(read.imported.contact, interop: Self.interop(of: read.imported))
                report.conflicts.append("\(existing.name): rapport's version is newer; the card's is in the trash")
                try writeCard(contactID: id, name: file.name, report: &report)
                return
            }
            try trashCopy(existing, interop: existingInterop)
            report.conflicts.append("\(existing.name): the card is newer; rapport's version is in the trash")
        }
        try apply(read, over: existing, existingInterop, file: file)
        report.incoming += 1
    }

    /// A card the last sync did not know: paired with the contact it names, or a new contact.
    mutating func newCard(_ read: ReadCard, _ file: FileSeen, report: inout SyncReport.Folder) throws {
        if index == nil { index = try ImportIndex(tx) }
        if let (match, _) = index!.match(read.imported), let id = match.id, cardOf[id] == nil, !handled.contains(id) {
            // First pairing: taken in as an import would, and the merged contact written back.
            handled.insert(id)
            let existingInterop = try tx.interop(contactID: id)
            var (merged, interop) = ContactMerge.imported(read.imported, over: match, existingInterop)
            if let uid = interop.uid, let owner = try tx.contactID(withUID: uid), owner != id { interop.uid = existingInterop.uid }
            if merged != match || interop != existingInterop {
                merged.updatedAt = now
                try tx.update(merged)
                try tx.setInterop(interop, contactID: id)
                report.incoming += 1
            }
            index!.add(merged, interop)
            cardOf[id] = file.name
            try writeCard(contactID: id, name: file.name, report: &report, unlessSameAs: file)
            return
        }
        var interop = Self.interop(of: read.imported)
        if let uid = interop.uid, try tx.contactID(withUID: uid) != nil {
            if let owner = try tx.contactID(withUID: uid), let other = cardOf[owner] {
                report.problems.append("\(folder)/\(file.name): UID \(uid) is the card \(other)'s too; skipped")
                return
            }
            interop.uid = nil
        }
        var contact = read.imported.contact
        contact.id = nil
        contact.createdAt = now
        contact.updatedAt = now
        let saved = try tx.insert(contact)
        try tx.setInterop(interop, contactID: saved.id!)
        index!.add(saved, interop)
        handled.insert(saved.id!)
        cardOf[saved.id!] = file.name
        try remember(file, contactID: saved.id!)
        report.incoming += 1
        report.created += 1
    }

    /// The card's fields over the contact's, rapport's own kept where the card has no property for them.
    mutating func apply(_ read: ReadCard, over existing: Contact, _ existingInterop: ContactInterop, file: FileSeen) throws {
        var contact = read.imported.contact
        let has = Set(read.card.properties.map(\.name))
        contact.id = existing.id
        contact.createdAt = existing.createdAt
        contact.updatedAt = now
        if !has.contains("X-RAPPORT-CIRCLE") { contact.circle = existing.circle }
        if !has.contains("X-RAPPORT-CADENCE") { contact.cadenceOverride = existing.cadenceOverride }
        if !has.contains("X-RAPPORT-DRIVES") { contact.drives = existing.drives }
        if !has.contains("X-RAPPORT-MET-AT") { contact.metAt = existing.metAt }
        if !has.contains("X-RAPPORT-MET-ON") { contact.metOn = existing.metOn }
        if !has.contains("X-RAPPORT-MET-VIA") { contact.metVia = existing.metVia }
        if !has.contains("X-RAPPORT-ARCHIVED") && !has.contains("X-RAPPORT-CIRCLE") { contact.archived = existing.archived }
        var interop = Self.interop(of: read.imported)
        if let uid = interop.uid, let owner = try tx.contactID(withUID: uid), owner != existing.id {
            interop.uid = existingInterop.uid
        }
        try tx.update(contact)
        try tx.setInterop(interop, contactID: existing.id!)
        try remember(file, contactID: existing.id!)
    }

    /// Keeps a version that lost a conflict: a copy of it, without UID, moved straight to the trash.
    func trashCopy(_ contact: Contact, interop: ContactInterop) throws {
        var copy = contact
        copy.id = nil
        let saved = try tx.insert(copy)
        var fields = interop
        fields.uid = nil
        try tx.setInterop(fields, contactID: saved.id!)
        try tx.moveContactToTrash(id: saved.id!, at: now)
    }

    // MARK: The book's side

    mutating func syncBookSide(_ report: inout SyncReport.Folder) throws {
        for id in changed.sorted() where !handled.contains(id) {
            step()
            if let name = cardOf[id], let state = known[name] {
                if updatedMicros[id] == nil {
                    do {
                        if !dryRun { try VdirFiles.remove(folder: folder, name: name) }
                    } catch {
                        report.problems.append("\(error)")
                        failedWrite = true
                        continue
                    }
                    try tx.deleteSyncFile(vdirID: vdir.id, name: name)
                    report.deletedThere += 1
                } else if changedInRapport(id, since: state) {
                    try writeCard(contactID: id, name: name, report: &report)
                }
            } else if updatedMicros[id] != nil, cardOf[id] == nil, let contact = try tx.contact(id: id) {
                var interop = try tx.interop(contactID: id)
                if interop.uid == nil {
                    interop.uid = UUID().uuidString.lowercased()
                    try tx.setInterop(interop, contactID: id)
                }
                var name = VCardWriter.fileName(for: ImportedContact(contact: contact, uid: interop.uid, line: 0))
                if disk[name] != nil || known[name] != nil { name = "rapport-\(id)-" + name }
                cardOf[id] = name
                try writeCard(contactID: id, name: name, report: &report)
            }
        }
    }

    /// Writes the contact as a card named `name` and remembers it; with
    /// `unlessSameAs`, a file that already holds those bytes is only remembered.
    mutating func writeCard(contactID id: Int64, name: String, report: inout SyncReport.Folder,
                            unlessSameAs file: FileSeen? = nil) throws {
        guard let contact = try tx.contact(id: id) else { return }
        let interop = try tx.interop(contactID: id)
        let imported = ImportedContact(contact: contact, uid: interop.uid, emailTypes: interop.emailTypes,
                                       phoneTypes: interop.phoneTypes, extras: interop.extras, line: 0)
        // What the card there holds that rapport does not model (a PHOTO, a KIND) is written back as it was.
        var keeping: [VCardProperty] = []
        if let old = file?.data ?? (disk[name] != nil ? VdirFiles.read(folder + "/" + name) : nil) {
            try? VCardReader.forEachCard(in: old, options: .forgiving) { card in
                if keeping.isEmpty { keeping = VCardReader.propertiesNotKept(in: card) }
            }
        }
        let data = Data(VCardWriter.write(imported, version: .v4, now: now, keeping: keeping).utf8)
        if let file, file.data == data { return try remember(file, contactID: id) }
        let stat: VdirFiles.Stat
        do {
            stat = dryRun ? VdirFiles.Stat(size: Int64(data.count), modifiedNanos: 0)
                : try VdirFiles.writeAtomically(data, folder: folder, name: name)
        } catch let error as SyncFileError {
            // Not remembered: the next run tries again. The book's side of the run still commits.
            report.problems.append(error.description)
            failedWrite = true
            return
        }
        try remember(FileSeen(name: name, stat: stat, hash: VdirFiles.hash(data), data: data), contactID: id)
        report.outgoing += 1
    }

    func remember(_ file: FileSeen, contactID id: Int64) throws {
        let micros = try tx.contactUpdatedMicros(ids: [id])[id] ?? 0
        try tx.saveSyncFile(vdirID: vdir.id, name: file.name, SyncFileState(
            size: file.stat.size, modifiedNanos: file.stat.modifiedNanos, inode: file.stat.inode, hash: file.hash, contactID: id,
            contactUpdatedMicros: micros))
    }

    static func interop(of imported: ImportedContact) -> ContactInterop {
        ContactInterop(uid: imported.uid, extras: imported.extras, emailTypes: imported.emailTypes,
                       phoneTypes: imported.phoneTypes)
    }

    /// The card's `REV`: `20260101T120000Z`, `2026-01-01T12:00:00Z`, or a date alone; nil when absent or unreadable.
    static func revision(_ card: VCard) -> Date? {
        guard let text = card.first("REV")?.text else { return nil }
        let compact = text.filter { $0 != "-" && $0 != ":" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let digits = compact.filter(\.isNumber)
        guard digits.count >= 8 else { return nil }
        func number(_ from: Int, _ length: Int) -> Int? {
            guard digits.count >= from + length else { return nil }
            let start = digits.index(digits.startIndex, offsetBy: from)
            return Int(digits[start..<digits.index(start, offsetBy: length)])
        }
        let components = DateComponents(year: number(0, 4), month: number(4, 2), day: number(6, 2),
                                        hour: number(8, 2) ?? 0, minute: number(10, 2) ?? 0, second: number(12, 2) ?? 0)
        return calendar.date(from: components)
    }
}
