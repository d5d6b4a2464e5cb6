import Foundation
import Testing
@testable import App
@testable import Store

/// Import, export and merge on real temp databases, at a fixed "now".
@Suite struct ImportExportTests {
    static let exports = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("InteropTests/Fixtures/exports").path
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds").path

    func write(_ text: String, _ name: String, in fixture: ScriptingFixture) -> String {
        let path = fixture.folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// Everything a comparison of two books looks at: the snapshot and the interop fields.
    struct Book: Equatable {
        var contacts: [Contact], interactions: [Interaction], promises: [Promise], events: [Event], snoozes: [Snooze]
        var interop: [Int64: ContactInterop]
    }

    func book(_ store: Store) throws -> Book {
        let (snapshot, interop) = try store.read { tx in (try tx.snapshot(), try tx.allInterop()) }
        return Book(contacts: snapshot.contacts, interactions: snapshot.interactions, promises: snapshot.promises,
                    events: snapshot.events, snoozes: snapshot.snoozes, interop: interop)
    }

    @Test func reimportUpdatesInsteadOfDuplicating() throws {
        let f = try ScriptingFixture()
        let s = f.scripting()
        let first = try s.importContacts(ImportRequest(paths: [Self.exports]))
        #expect(first.added.count == 7)
        #expect(first.updated.isEmpty)
        let before = try book(f.store)
        let again = try s.importContacts(ImportRequest(paths: [Self.exports]))
        #expect(again.added.isEmpty && again.updated.isEmpty && again.skipped.count == 7, "\(again.updated)")
        #expect(try book(f.store) == before)

        // Same email, new title: updated in place, lists united, UID kept.
        let card = write("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana F.\r\nEMAIL:ANA@quillhealth.example\r\nEMAIL:ana@new.example\r\nTITLE:CEO\r\nEND:VCARD\r\n", "ana.vcf", in: f)
        let update = try s.importContacts(ImportRequest(paths: [card]))
        #expect(update.updated.map(\.note) == ["email"])
        let ana = try #require(try f.store.contacts(withEmail: "ana@new.example").first)
        #expect(ana.title == "CEO")
        #expect(ana.company == "Quill Health")
        #expect(ana.emails == ["ana@quillhealth.example", "ana.ferreira@mail.example", "ana@new.example"])
        #expect(try f.store.contactCount() == 7)
    }

    @Test func dryRunReportsAndWritesNothing() throws {
        let f = try ScriptingFixture()
        let s = f.scripting()
        _ = try s.importContacts(ImportRequest(paths: [Self.exports + "/google.vcf"]))
        let before = try book(f.store)
        let report = try s.importContacts(ImportRequest(paths: [Self.exports], dryRun: true))
        #expect(report.dryRun)
        #expect(report.added.count == 5)
        #expect(report.skipped.count == 2)
        #expect(try book(f.store) == before)
    }

    @Test func brokenFilesAreRefusedWholeWithEveryProblem() throws {
        let f = try ScriptingFixture()
        let s = f.scripting()
        let good = Self.exports + "/khard.vcf"
        let bigNote = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nNOTE:" + String(repeating: "x", count: 10_000_000) + "\r\nEND:VCARD\r\n"
        // A line without a colon is refused whole only with --strict; forgiving,
        // the line is dropped and the card, left without a name, is refused alone.
        let noColon = Data("BEGIN:VCARD\r\nVERSION:3.0\r\nFN Ana\r\nEND:VCARD\r\n".utf8)
        let cases: [(String, Data, String, strict: Bool)] = [
            ("no-end.vcf", Data("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\n".utf8), ":1: ", false),
            ("no-colon.vcf", noColon, ":3: no ':' between name and value", true),
            ("no-colon.vcf", noColon, ":1: card has neither FN nor N", false),
            ("binary.vcf", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]), ":1: ", false),
            ("empty.vcf", Data(), ":1: the file is empty", false),
            ("latin1.csv", Data("name,email\nJos".utf8) + Data([0xE9]) + Data(",j@x.example\n".utf8), ":2: not UTF-8 text", false),
            ("big-note.vcf", Data(bigNote.utf8), ":1: NOTE: is longer than 100000 characters", false),
        ]
        for (name, data, expected, strict) in cases {
            let path = f.folder + "/" + name
            _ = FileManager.default.createFile(atPath: path, contents: data)
            do {
                _ = try s.importContacts(ImportRequest(paths: [good, path], strict: strict))
                Issue.record("\(name) was imported")
            } catch let failure as ImportFailure {
                #expect(failure.problems.count == 1, "\(name): \(failure)")
                #expect(failure.problems.first?.description.hasPrefix(path + expected) == true, "\(name): \(failure)")
                #expect(failure.description.contains("nothing imported"))
            }
            #expect(try f.store.contactCount() == 0, "\(name)")
        }
        // --skip-invalid imports the good file and lists the bad one.
        let path = f.folder + "/no-colon.vcf"
        let report = try s.importContacts(ImportRequest(paths: [good, path], skipInvalid: true))
        #expect(report.added.map(\.name) == ["Zoë Park"])
        #expect(report.problems.map(\.description) == [path + ":3: expected NAME:value, found \"FN Ana\""]
                || report.problems.count == 1)
    }

    @Test func vCardRoundTripGivesTheSameBook() throws {
        let a = try ScriptingFixture(), b = try ScriptingFixture()
        _ = try a.scripting().importContacts(ImportRequest(paths: [Self.exports, Self.seeds + "/contacts.vcf"]))
        for version in VCardWriter.Version.allCases {
            let out = a.folder + "/out-\(version.rawValue).vcf"
            _ = try a.scripting().export(ExportRequest(format: .vcard, out: out, vcardVersion: version))
            let fresh = try ScriptingFixture()
            _ = try fresh.scripting().importContacts(ImportRequest(paths: [out]))
            let again = a.folder + "/again-\(version.rawValue).vcf"
            _ = try fresh.scripting().export(ExportRequest(format: .vcard, out: again, vcardVersion: version))
            // Exports of the same contacts are byte for byte equal, and so are the books by name.
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: again)))
            let names = try a.store.contacts(includeArchived: true).map(\.name)
            #expect(try fresh.store.contacts(includeArchived: true).map(\.name) == names)
        }
        // A vdir: one file per contact, each 0600, read back as a folder.
        let vdir = a.folder + "/vdir/"
        let result = try a.scripting().export(ExportRequest(format: .vcard, out: vdir))
        let count = try a.store.contactCount()
        #expect(result.files.count == count)
        #expect(try posixMode(result.files[0]) == 0o600)
        _ = try b.scripting().importContacts(ImportRequest(paths: [vdir]))
        #expect(try b.store.contactCount() == count)
        let roundTrip = try b.scripting().importContacts(ImportRequest(paths: [vdir]))
        #expect(roundTrip.skipped.count == count)
    }

    @Test func csvRoundTripGivesTheSameContacts() throws {
        let a = try ScriptingFixture(), b = try ScriptingFixture()
        _ = try a.scripting().importContacts(ImportRequest(paths: [Self.seeds + "/contacts.vcf"]))
        let out = a.folder + "/out.csv"
        _ = try a.scripting().export(ExportRequest(format: .csv, out: out))
        _ = try b.scripting().importContacts(ImportRequest(paths: [out]))
        func fields(_ store: Store) throws -> [Contact] {
            try store.read { try $0.snapshot() }.contacts.map { var c = $0; c.id = nil; return c }
        }
        #expect(try fields(b.store) .sorted { $0.name < $1.name } == fields(a.store).sorted { $0.name < $1.name })
        let again = try b.scripting().importContacts(ImportRequest(paths: [out]))
        #expect(again.skipped.count == 40)
    }

    @Test func jsonBackupRestoresAnIdenticalBook() throws {
        let a = try ScriptingFixture()
        _ = try a.scripting().demo(seeds: .folder(URL(fileURLWithPath: Self.seeds)))
        _ = try a.scripting().importContacts(ImportRequest(paths: [Self.exports]))
        try a.store.write { try $0.snooze(contactID: 2, until: a.today.adding(days: 5)) }
        let out = a.folder + "/backup.json"
        _ = try a.scripting().export(ExportRequest(format: .json, out: out))
        #expect(try posixMode(out) == 0o600)
        let json = try String(contentsOfFile: out, encoding: .utf8)
        #expect(json.hasPrefix("{\"counts\":{\"contacts\":") && json.split(separator: "\n").first?.hasSuffix("\"version\":2}") == true)
        let b = try ScriptingFixture()
        // A dry run counts exactly and writes nothing.
        let dry = try b.scripting().importContacts(ImportRequest(paths: [out], dryRun: true))
        #expect(dry.added.count == (try a.store.contactCount()))
        #expect(try b.store.contactCount() == 0)
        let report = try b.scripting().importContacts(ImportRequest(paths: [out], format: .json))
        #expect(report.restored?.interactions ?? 0 > 10)
        #expect(dry.restored?.interactions == report.restored?.interactions)
        #expect(try book(b.store) == book(a.store))
        // Name search works on restored contacts (their keys are written in bulk).
        let name = try #require(try a.store.contacts(includeArchived: true).first?.name)
        #expect(try b.store.read { try $0.contacts(matchingPrefix: name, includeArchived: true) }.map(\.name).contains(name))
        // Exporting the restored book gives the same lines.
        let again = b.folder + "/again.json"
        _ = try b.scripting().export(ExportRequest(format: .json, out: again))
        #expect(try String(contentsOfFile: again, encoding: .utf8) == json)
        // A backup restores into an empty book only.
        #expect(throws: ImportFailure.self) { try b.scripting().importContacts(ImportRequest(paths: [out])) }

        // Version 1 (one document) still restores to the same book.
        let (snapshot, interop) = try a.store.read { tx in (try tx.snapshot(), try tx.allInterop()) }
        let v1 = BookBackup(contacts: snapshot.contacts.map { c in
                                let fields = interop[c.id!] ?? ContactInterop()
                                return ImportedContact(contact: c, uid: fields.uid, emailTypes: fields.emailTypes,
                                                       phoneTypes: fields.phoneTypes, extras: fields.extras, line: 0)
                            },
                            interactions: snapshot.interactions, promises: snapshot.promises, events: snapshot.events,
                            snoozes: snapshot.snoozes).encoded(exportedAt: a.now)
        let v1Path = write(String(decoding: v1, as: UTF8.self), "v1.json", in: a)
        #expect(String(decoding: v1, as: UTF8.self).contains("\"version\" : 1"))
        let c = try ScriptingFixture()
        _ = try c.scripting().importContacts(ImportRequest(paths: [v1Path]))
        #expect(try book(c.store) == book(a.store))
    }

    @Test func aBrokenBackupIsRefusedWholeAndChangesNothing() throws {
        let a = try ScriptingFixture()
        _ = try a.scripting().demo(seeds: .folder(URL(fileURLWithPath: Self.seeds)))
        let out = a.folder + "/backup.json"
        _ = try a.scripting().export(ExportRequest(format: .json, out: out))
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        var damaged = lines
        // An interaction naming a contact the backup does not have: SQLite refuses it, on its line.
        let interactionLine = try #require(lines.firstIndex { $0.contains("\"type\":\"interaction\"") })
        damaged[interactionLine] = damaged[interactionLine].replacingOccurrences(of: "\"contact_ids\":[", with: "\"contact_ids\":[999999,")
        // A promise line that is not JSON.
        let promiseLine = try #require(lines.firstIndex { $0.contains("\"type\":\"promise\"") })
        damaged[promiseLine] = "{\"type\":\"promise\",\"text\":"
        let cases: [(String, String, [String])] = [
            ("truncated.json", lines.dropLast().joined(separator: "\n") + "\n", [":\(lines.count):"]),
            ("cut.json", String(lines.joined(separator: "\n").dropLast(20)), [":\(lines.count):"]),
            ("damaged.json", damaged.joined(separator: "\n") + "\n",
             [":\(interactionLine + 1): interaction #", ":\(promiseLine + 1):"]),
        ]
        for (name, text, expected) in cases {
            let path = write(text, name, in: a)
            let b = try ScriptingFixture()
            do {
                _ = try b.scripting().importContacts(ImportRequest(paths: [path]))
                Issue.record("\(name) was restored")
            } catch let failure as ImportFailure {
                let shown = failure.problems.map(\.description)
                #expect(shown.count == expected.count, "\(name): \(shown)")
                for (problem, prefix) in zip(shown, expected) {
                    #expect(problem.hasPrefix(path + prefix), "\(name): \(problem)")
                }
            }
            #expect(try b.store.read { try $0.bookCounts() } == (0, 0, 0, 0, 0), "\(name)")
            // --skip-invalid lists the problems and still writes nothing of that backup.
            let skipped = try b.scripting().importContacts(ImportRequest(paths: [path], skipInvalid: true))
            #expect(skipped.problems.count == expected.count && skipped.added.isEmpty, "\(name)")
            #expect(try b.store.read { try $0.bookCounts() } == (0, 0, 0, 0, 0), "\(name)")
        }
    }

    @Test func icsHasPromisesFollowUpsAndEvents() throws {
        let f = try ScriptingFixture()
        _ = try f.scripting().demo(seeds: .folder(URL(fileURLWithPath: Self.seeds)))
        let ics = try #require(try f.scripting().export(ExportRequest(format: .ics)).text)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.contains("BEGIN:VTODO\r\nUID:promise-"))
        #expect(ics.contains("UID:follow-up-"))
        #expect(ics.contains("BEGIN:VEVENT\r\nUID:event-"))
        #expect(ics.contains("DUE;VALUE=DATE:"))
        for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let open = try f.store.read { try $0.openPromises() }
        #expect(ics.components(separatedBy: "UID:promise-").count - 1 == open.count)
    }

    @Test func mergeMovesHistoryAndUnitesFields() throws {
        let f = try ScriptingFixture()
        let s = f.scripting()
        var a = NewContact(name: "Ana Lima"); a.company = "Northwind"; a.emails = ["ana@north.example"]; a.tags = ["founder"]
        var b = NewContact(name: "Ana Lima"); b.company = "Northwind"; b.emails = ["ana@mail.example"]; b.title = "CTO"
        b.tags = ["lisbon", "Founder"]; b.metAt = "Web Summit"
        let ana = try s.add(a), dup = try s.add(b)
        let bo = try s.add(NewContact(name: "Bo Lind"))
        try f.store.write { tx in
            _ = try tx.insert(Interaction(occurredAt: f.now, kind: .meeting, contactIDs: [dup.id!, bo.id!]))
            _ = try tx.insert(Interaction(occurredAt: f.now, kind: .call, contactIDs: [ana.id!, dup.id!]))
            _ = try tx.insert(Promise(contactID: dup.id!, text: "send deck", createdAt: f.now))
            _ = try tx.insert(Event(name: "Dinner", start: f.now, attendeeIDs: [dup.id!, ana.id!]))
        }
        let (merged, removed) = try s.merge("#\(ana.id!)", "#\(dup.id!)")
        #expect(removed.id == dup.id)
        #expect(merged.emails == ["ana@north.example", "ana@mail.example"])
        #expect(merged.tags == ["founder", "lisbon"])
        #expect(merged.title == "CTO" && merged.metAt == "Web Summit" && merged.company == "Northwind")
        let snapshot = try f.store.read { try $0.snapshot() }
        #expect(snapshot.contacts.map(\.id) == [ana.id, bo.id])
        #expect(snapshot.interactions.map(\.contactIDs) == [[ana.id!, bo.id!], [ana.id!]])
        #expect(snapshot.promises.map(\.contactID) == [ana.id!])
        #expect(snapshot.events.map(\.attendeeIDs) == [[ana.id!]])
        #expect(throws: ScriptingError.self) { try s.merge("#\(ana.id!)", "#\(ana.id!)") }
    }

    @Test func reimportOfARowWithoutEmailOrPhoneDoesNotDuplicateIt() throws {
        let f = try ScriptingFixture()
        let s = f.scripting()
        let csv = write("""
            First Name,Last Name,URL,Email Address,Company,Position,Connected On
            Omar,Said,,,"Said, Hart & Co",Partner,03/15/2024
            """, "Connections.csv", in: f)
        #expect(try s.importContacts(ImportRequest(paths: [csv])).added.count == 1)
        let again = try s.importContacts(ImportRequest(paths: [csv]))
        #expect(again.added.isEmpty && again.skipped.count == 1, "\(again.added)")
        #expect(try f.store.contactCount() == 1)
    }

    @Test func importNamesALikelyDuplicate() throws {
        let f = try ScriptingFixture()
        var a = NewContact(name: "Zoë Park"); a.company = "Kite"
        let zoe = try f.scripting().add(a)
        let report = try f.scripting().importContacts(ImportRequest(paths: [Self.exports + "/khard.vcf"]))
        #expect(report.duplicates.first?.kept.id == zoe.id)
        #expect(report.duplicates.first?.imported.name == "Zoë Park")
    }

    @Test func mailMatchesIgnoreCaseAndAccents() throws {
        let f = try ScriptingFixture()
        _ = try f.scripting().importContacts(ImportRequest(paths: [Self.exports]))
        let matches = try f.scripting().mailMatches("ZOE")
        #expect(matches == [.init(email: "zoe@kite.example", name: "Zoë Park", company: "Kite"),
                            .init(email: "zoe.park@mail.example", name: "Zoë Park", company: "Kite")])
        #expect(try f.scripting().mailMatches("quill").count == 2)
        #expect(try f.scripting().mailMatches("nobody-here").isEmpty)
    }

    private func posixMode(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? Int ?? 0) & 0o777
    }
}
