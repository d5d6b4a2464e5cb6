import Domain
import Foundation
import Testing
@testable import App
@testable import Store
import GRDB
import TestSupport

/// The per-contact history summaries are right after every commit, whatever
/// wrote: random sequences of writes (backdated and out-of-order logs, edits
/// of an interaction's time, kind and direction, deletes and their undo,
/// merges, trash and restore, imports, archive) are checked after each step
/// against the summaries recomputed from the interactions, and scoring from
/// summaries is checked against scoring from the interactions themselves.
/// Part of the Store contract: `make test` runs it on SQLite, then again on
/// PostgreSQL (`RAPPORT_TEST_STORE=postgres`, scripts/run-tests.sh).
@Suite struct SummaryConsistencyTests {
    struct Book {
        let scratch = Scratch("summaries")
        let store: Store
        let scripting: Scripting
        let executor: WriteExecutor
        var random: SplitMix

        init(seed: UInt64) throws {
            store = try Store(path: scratch.book())
            scripting = Scripting(store: store, now: Clock.now, calendar: Clock.utc)
            executor = WriteExecutor(store: store, loadDemo: { _ in }, now: { Clock.now })
            random = SplitMix(seed: seed)
        }

        func contactIDs() throws -> [Int64] { try store.contacts(includeArchived: true).compactMap(\.id) }

        func interactionIDs() throws -> [Int64] {
            try store.read { try Int64.fetchAll($0.db, sql: "SELECT id FROM interaction ORDER BY id") }
        }

        /// A past instant, often on a time another interaction already has (ties order by id).
        mutating func instant() -> Date {
            let day = Double(Int.random(in: 0...400, using: &random))
            let hour = [0.0, 0.5, 12.0][Int.random(in: 0...2, using: &random)]
            return Clock.days(-day, from: Clock.now.addingTimeInterval(-hour * 3600))
        }

        mutating func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int.random(in: 0..<items.count, using: &random)] }

        /// One random write; returns what it did, for the failure message.
        mutating func step(_ undo: inout [Write]) throws -> String {
            let contacts = try contactIDs()
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<12, _ where contacts.count < 3:
                let contact = try store.insert(Contact(name: "Person \(Int.random(in: 0...9999, using: &random))",
                                                      createdAt: Clock.days(-500)))
                return "add #\(contact.id!)"
            case 12..<45:
                var ids: [Int64] = []
                for _ in 0..<Int.random(in: 1...3, using: &random) { if let id = pick(contacts) { ids.append(id) } }
                let kind = pick(InteractionKind.allCases)!
                let direction = Int.random(in: 0..<4, using: &random) == 0 ? pick(Direction.allCases) : nil
                let interaction = Interaction(occurredAt: instant(), kind: kind, direction: direction, contactIDs: ids)
                if let inverse = try executor.perform(.logInteraction(interaction)) { undo.append(inverse) }
                return "log \(kind) \(ids)"
            case 45..<55:
                guard let id = pick(try interactionIDs()) else { return "nothing to edit" }
                let at = instant()
                let kind = pick(InteractionKind.allCases)!
                let direction = pick(Direction.allCases)!
                let moves = Bool.random(using: &random)
                try store.write { tx in
                    if moves {
                        try tx.db.execute(sql: "UPDATE interaction SET occurred_at = ? WHERE id = ?",
                                          arguments: [Columns.micros(at), id])
                    } else {
                        try tx.db.execute(sql: "UPDATE interaction SET kind = ?, direction = ? WHERE id = ?",
                                          arguments: [kind.rawValue, direction.rawValue, id])
                    }
                }
                return moves ? "move interaction #\(id)" : "edit interaction #\(id) to \(kind), \(direction)"
            case 55..<65:
                guard let id = pick(try interactionIDs()) else { return "nothing to delete" }
                if let inverse = try executor.perform(.deleteInteraction(id)) { undo.append(inverse) }
                return "delete interaction #\(id)"
            case 65..<75:
                guard let inverse = undo.popLast() else { return "nothing to undo" }
                _ = try executor.perform(inverse)
                return "undo"
            case 75..<80:
                guard contacts.count > 3, let a = pick(contacts), let b = pick(contacts), a != b else { return "no merge" }
                _ = try scripting.merge("#\(a)", "#\(b)")
                return "merge #\(b) into #\(a)"
            case 80..<85:
                guard let id = pick(contacts) else { return "nobody to delete" }
                _ = try scripting.delete("#\(id)")
                return "delete #\(id)"
            case 85..<90:
                guard let entry = pick(try store.trash(now: Clock.now)) else { return "empty trash" }
                _ = try scripting.restore("#\(entry.contact.id!)")
                return "restore #\(entry.contact.id!)"
            case 90..<94:
                guard let id = pick(contacts) else { return "nobody to archive" }
                let archived = try store.contact(id: id)?.archived ?? false
                try store.setArchived(id: id, !archived)
                return "archive #\(id)"
            default:
                let file = scratch.path + "/cards-\(Int.random(in: 0...999_999, using: &random)).vcf"
                let name = "Imported \(Int.random(in: 0...999, using: &random))"
                try "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:\(name)\r\nEMAIL:\(name.filter(\.isNumber))@example.com\r\nEND:VCARD\r\n"
                    .write(toFile: file, atomically: true, encoding: .utf8)
                _ = try scripting.importContacts(ImportRequest(paths: [file]))
                return "import \(name)"
            }
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func summariesStayRightAfterEveryWrite(seed: UInt64) throws {
        var book = try Book(seed: seed)
        var undo: [Write] = []
        var kept = try book.store.read { try App.Book.load($0) }
        let scorer = AttentionScorer(playbook: .standard, calendar: Clock.utc)
        var history: [String] = []
        for step in 0..<150 {
            history.append(try book.step(&undo))
            let mismatches = try book.store.read { try $0.summaryMismatches() }
            #expect(mismatches.isEmpty, "after \(history.suffix(5)): \(mismatches)")
            if !mismatches.isEmpty { return }
            // The dashboard's book, refreshed with only what changed, equals one loaded whole.
            _ = try book.store.read { try kept.refresh($0) }
            if step % 10 == 9 {
                let fresh = try book.store.read { try App.Book.load($0) }
                #expect(kept.contacts == fresh.contacts && kept.records == fresh.records && kept.byName == fresh.byName
                        && kept.promises == fresh.promises, "after \(history.suffix(5))")
                let fromSummaries = Library(book: fresh, scorer: scorer, now: Clock.now, history: MemoryHistory([]))
                let fromInteractions = Library(snapshot: try book.store.snapshot(), scorer: scorer, now: Clock.now)
                #expect(fromSummaries.attention == fromInteractions.attention, "after \(history.suffix(5))")
            }
        }
        // The sequence did exercise the write paths.
        for kind in ["log", "move", "edit", "delete interaction", "undo", "merge", "restore", "import"] {
            #expect(history.contains { $0.hasPrefix(kind) }, "no \(kind) in \(history)")
        }
    }

    /// A stored summary that disagrees with the interactions is named by the check.
    @Test func theCheckFindsATamperedSummary() throws {
        let scratch = Scratch("check")
        let book = try scratch.book()
        let store = try Store(path: book)
        let ana = try store.insert(Contact(name: "Ana", createdAt: Clock.days(-30)))
        _ = try store.insert(Interaction(occurredAt: Clock.days(-3), kind: .pitch, contactIDs: [ana.id!]))
        #expect(try store.read { try $0.summaryMismatches() }.isEmpty)
        // Written behind Store's back (as a bug would): no flush runs.
        let tamper = "UPDATE contact_summary SET asks_in_a_row = 0"
        if TestEngine.isPostgres {
            try PostgresTestServer.psql(tamper, url: book)
        } else {
            try store.read { _ in }
            let queue = try GRDB.DatabaseQueue(path: book)
            try queue.write { try $0.execute(sql: tamper) }
        }
        let mismatches = try store.read { try $0.summaryMismatches() }
        #expect(mismatches.map(\.contactID) == [ana.id!])
        #expect(mismatches.first?.description.contains("1 asks in a row") == true)
    }
}
