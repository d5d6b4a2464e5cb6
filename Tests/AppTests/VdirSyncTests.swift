#if canImport(Glibc)
import Glibc
#endif
import Domain
import Foundation
import Interop
import Store
import Testing
@testable import App

/// vdir sync below the command line: real card files in a temp folder, a
/// real database, each direction and each rule of `VdirSync`.
@Suite struct VdirSyncTests {
    let fixture: ScriptingFixture
    let vdir: String

    init() throws {
        fixture = try ScriptingFixture()
        vdir = fixture.folder + "/contacts"
        try FileManager.default.createDirectory(atPath: vdir, withIntermediateDirectories: true)
    }

    @discardableResult
    func sync(dryRun: Bool = false) throws -> SyncReport.Folder {
        let report = try fixture.scripting().sync(SyncRequest(vdirs: [vdir], dryRun: dryRun))
        return report.folders[0]
    }

    func card(uid: String, name: String, email: String? = nil, title: String? = nil, rev: String? = nil,
              extra: [String] = []) -> String {
        var lines = ["BEGIN:VCARD", "VERSION:4.0", "UID:\(uid)", "FN:\(name)"]
        if let email { lines.append("EMAIL:\(email)") }
        if let title { lines.append("TITLE:\(title)") }
        if let rev { lines.append("REV:\(rev)") }
        lines += extra + ["END:VCARD"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    func write(_ text: String, _ name: String) throws {
        try text.write(toFile: vdir + "/" + name, atomically: false, encoding: .utf8)
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: vdir + "/" + name, encoding: .utf8) }

    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: vdir).sorted() }

    func contact(_ name: String) throws -> Contact { try fixture.scripting().contact(named: name) }

    func later(_ seconds: TimeInterval) { fixture.now = fixture.now.addingTimeInterval(seconds) }

    /// Edits a contact as the dashboard does: fields replaced, `updatedAt` now.
    func edit(_ name: String, _ change: (inout Contact) -> Void) throws {
        var contact = try contact(name)
        change(&contact)
        contact.updatedAt = fixture.now
        _ = try fixture.store.update(contact)
    }

    func modificationTimes() throws -> [String: Date] {
        var times: [String: Date] = [:]
        for name in try files() {
            times[name] = try FileManager.default.attributesOfItem(atPath: vdir + "/" + name)[.modificationDate] as? Date
        }
        return times
    }

    // MARK: The folder's side

    @Test func aNewCardBecomesANewContact() throws {
        try write(card(uid: "ana-1", name: "Ana Lima", email: "ana@lima.example", extra: ["X-RAPPORT-CIRCLE:inner"]), "ana-1.vcf")
        let report = try sync()
        #expect(report.incoming == 1 && report.created == 1 && report.outgoing == 0)
        #expect(report.summary == "vdir \(vdir): 1 in (1 new), 0 out, 0 deleted here, 0 deleted there, 0 conflicts")
        let ana = try contact("Ana")
        #expect(ana.emails == ["ana@lima.example"] && ana.circle == .inner)
        #expect(try fixture.store.read { try $0.interop(contactID: ana.id!) }.uid == "ana-1")
    }

    @Test func anEditedCardUpdatesItsContactAndLeavesItsInteractionsAlone() throws {
        try write(card(uid: "ana-1", name: "Ana Lima", email: "ana@lima.example", title: "CTO"), "ana-1.vcf")
        try sync()
        _ = try fixture.scripting().log(NewInteraction(names: ["Ana"], kind: "call"))
        let before = try fixture.store.interactions(contactID: try contact("Ana").id!)
        later(60)
        try write(card(uid: "ana-1", name: "Ana Lima", email: "ana@new.example", title: "CEO"), "ana-1.vcf")
        let report = try sync()
        #expect(report.incoming == 1 && report.created == 0 && report.conflicts.isEmpty)
        let ana = try contact("Ana")
        #expect(ana.title == "CEO" && ana.emails == ["ana@new.example"])
        #expect(try fixture.store.interactions(contactID: ana.id!) == before && before.count == 1)
        #expect(try fixture.store.contactCount() == 1)
    }

    @Test func aDeletedCardMovesItsContactToTheTrashWhenceItComesBack() throws {
        try write(card(uid: "ana-1", name: "Ana Lima"), "ana-1.vcf")
        try sync()
        _ = try fixture.scripting().log(NewInteraction(names: ["Ana"], kind: "call"))
        try FileManager.default.removeItem(atPath: vdir + "/ana-1.vcf")
        later(60)
        let report = try sync()
        #expect(report.deletedHere == 1)
        #expect(try fixture.store.contactCount() == 0)
        let entry = try fixture.scripting().restore("Ana")
        #expect(entry.interactions == 1)
        // Restored, it is a contact of rapport's not in the folder: it goes out again.
        later(60)
        let again = try sync()
        #expect(again.outgoing == 1 && again.deletedHere == 0)
        #expect(try files() == ["ana-1.vcf"])
    }

    // MARK: The book's side

    @Test func aContactAddedOrEditedInRapportGoesOutAsACardKeepingTheCardsOwnProperties() throws {
        try write(card(uid: "ana-1", name: "Ana Lima", extra: ["X-SOCIAL;TYPE=mastodon:@ana@lima.social",
                                                               "URL:https://lima.example", "KIND:individual",
                                                               "PHOTO:data:image/png;base64,iVBORw0KGgo="]), "ana-1.vcf")
        try sync()
        var bo = NewContact(name: "Bo Chen")
        bo.emails = ["bo@chen.example"]
        bo.circle = "active"
        let added = try fixture.scripting().add(bo)
        later(60)
        try edit("Ana") { $0.title = "CTO"; $0.drives = "Open source" }
        later(60)
        let report = try sync()
        #expect(report.outgoing == 2 && report.incoming == 0)
        let names = try files()
        #expect(names.count == 2 && names.contains("ana-1.vcf"))
        let boFile = try #require(names.first { $0 != "ana-1.vcf" })
        let boUID = try #require(try fixture.store.read { try $0.interop(contactID: added.id!) }.uid)
        #expect(boFile == boUID + ".vcf")
        let boCard = try VCardReader.contacts(in: read(boFile), now: fixture.now)
        #expect(boCard.map(\.contact.name) == ["Bo Chen"] && boCard[0].contact.circle == .active)
        let anaText = try read("ana-1.vcf")
        #expect(anaText.contains("X-RAPPORT-DRIVES:Open source") && anaText.contains("TITLE:CTO"))
        #expect(anaText.contains("X-SOCIAL:@ana@lima.social") && anaText.contains("URL:https://lima.example"))
        #expect(anaText.contains("KIND:individual\r\n") && anaText.contains("PHOTO:data:image/png;base64,iVBORw0KGgo=\r\n"))
        #expect(anaText.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\n"))
        let ana = try VCardReader.contacts(in: anaText, now: fixture.now)
        #expect(ana.first?.contact.title == "CTO" && ana.first?.uid == "ana-1")
    }

    @Test func aContactDeletedInRapportHasItsCardRemoved() throws {
        try write(card(uid: "ana-1", name: "Ana Lima"), "ana-1.vcf")
        try write(card(uid: "bo-1", name: "Bo Chen"), "bo-1.vcf")
        try sync()
        _ = try fixture.scripting().delete("Ana")
        let report = try sync()
        #expect(report.deletedThere == 1 && report.deletedHere == 0)
        #expect(try files() == ["bo-1.vcf"])
    }

    // MARK: Both sides

    @Test func aContactChangedOnBothSidesIsAConflictTheNewerWinsAndTheOtherIsInTheTrash() throws {
        try write(card(uid: "ana-1", name: "Ana Lima", title: "CTO"), "ana-1.vcf")
        try write(card(uid: "bo-1", name: "Bo Chen", title: "Chef"), "bo-1.vcf")
        try sync()
        // Ana: rapport edited at now+60, the card at now+120: the card wins.
        // Bo: the card edited at now+60, rapport at now+120: rapport wins.
        later(60)
        try edit("Ana") { $0.title = "CEO (rapport)" }
        try write(card(uid: "bo-1", name: "Bo Chen", title: "Sous-chef (card)", rev: ISO8601DateFormatter().string(from: fixture.now)), "bo-1.vcf")
        later(60)
        try edit("Bo") { $0.title = "Head chef (rapport)" }
        try write(card(uid: "ana-1", name: "Ana Lima", title: "CEO (card)", rev: ISO8601DateFormatter().string(from: fixture.now)), "ana-1.vcf")
        later(60)
        let report = try sync()
        #expect(report.conflicts == ["Ana Lima: the card is newer; rapport's version is in the trash",
                                     "Bo Chen: rapport's version is newer; the card's is in the trash"])
        #expect(report.summary.contains("2 conflicts (Ana Lima: the card is newer"))
        #expect(try contact("Ana").title == "CEO (card)")
        #expect(try contact("Bo").title == "Head chef (rapport)")
        #expect(try read("bo-1.vcf").contains("TITLE:Head chef (rapport)"))
        let trashed = try fixture.scripting().trash().map { "\($0.contact.name): \($0.contact.title)" }.sorted()
        #expect(trashed == ["Ana Lima: CEO (rapport)", "Bo Chen: Sous-chef (card)"])
        #expect(try fixture.store.contactCount() == 2)
    }

    @Test func aRerunWithNothingChangedReadsNothingAndWritesNothing() throws {
        try write(card(uid: "ana-1", name: "Ana Lima", email: "ana@lima.example"), "ana-1.vcf")
        _ = try fixture.scripting().add(NewContact(name: "Bo Chen"))
        try sync()
        let before = try modificationTimes()
        let book = try fixture.everything()
        // Garbage of the same size under the same time: a sync that read it would say so.
        let path = vdir + "/ana-1.vcf"
        var info = stat()
        #expect(stat(path, &info) == 0)
        try Data(repeating: UInt8(ascii: "#"), count: Int(info.st_size)).write(to: URL(fileURLWithPath: path))
        let times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, path, times, 0) == 0)
        later(60)
        let report = try sync()
        #expect(report.summary == "vdir \(vdir): 0 in (0 new), 0 out, 0 deleted here, 0 deleted there, 0 conflicts")
        #expect(report.problems.isEmpty)
        #expect(try modificationTimes() == before)
        #expect(try fixture.everything() == book)
    }

    @Test func aCardReplacedByRenameIsSeenThoughItsSizeAndTimeAreTheSame() throws {
        try write(card(uid: "ana-1", name: "Ana Lima", title: "CTO"), "ana-1.vcf")
        try sync()
        let path = vdir + "/ana-1.vcf"
        var info = stat()
        #expect(stat(path, &info) == 0)
        // As vdirsyncer writes: a new file renamed over the old one, here with the same size and time.
        try card(uid: "ana-1", name: "Ana Lima", title: "CEO").write(toFile: vdir + "/new.tmp", atomically: false, encoding: .utf8)
        #expect(utimensat(AT_FDCWD, vdir + "/new.tmp", [info.st_atim, info.st_mtim], 0) == 0)
        #expect(rename(vdir + "/new.tmp", path) == 0)
        later(60)
        let report = try sync()
        #expect(report.incoming == 1)
        #expect(try contact("Ana").title == "CEO")
    }

    @Test func aCardRenamedByAClientKeepsItsContact() throws {
        try write(card(uid: "ana-1", name: "Ana Lima"), "ana-1.vcf")
        try sync()
        _ = try fixture.scripting().log(NewInteraction(names: ["Ana"], kind: "call"))
        let id = try contact("Ana").id!
        try FileManager.default.moveItem(atPath: vdir + "/ana-1.vcf", toPath: vdir + "/renamed.vcf")
        later(60)
        try edit("Ana") { $0.nickname = "Annie" }
        let report = try sync()
        #expect(report.outgoing == 1)
        #expect(try read("renamed.vcf").contains("NICKNAME:Annie"))
        #expect(report.deletedHere == 0 && report.created == 0 && report.incoming == 0 && report.problems.isEmpty)
        #expect(try contact("Ana").id == id && (try fixture.store.interactions(contactID: id)).count == 1)
        #expect(try files() == ["renamed.vcf"])
        later(60)
        try edit("Ana") { $0.title = "CTO" }
        #expect(try sync().outgoing == 1)
        #expect(try read("renamed.vcf").contains("TITLE:CTO"))
    }

    @Test func aCardChangedThereWhileItsContactWasDeletedHereComesBackAsANewContact() throws {
        try write(card(uid: "ana-1", name: "Ana Lima"), "ana-1.vcf")
        try sync()
        _ = try fixture.scripting().delete("Ana")
        later(60)
        try write(card(uid: "ana-1", name: "Ana Lima", title: "CEO"), "ana-1.vcf")
        let report = try sync()
        #expect(report.created == 1 && report.deletedThere == 0)
        #expect(report.conflicts == ["Ana Lima: deleted in rapport, changed in the folder; added again"])
        #expect(try files() == ["ana-1.vcf"] && (try contact("Ana")).title == "CEO")
    }

    @Test func aCardThatCannotBeWrittenIsReportedAndWrittenOnTheNextRun() throws {
        let ana = try fixture.scripting().add(NewContact(name: "Ana Lima"))
        _ = try fixture.scripting().add(NewContact(name: "Bo Chen"))
        try fixture.store.write { try $0.setInterop(ContactInterop(uid: "ana-1"), contactID: ana.id!) }
        // A folder where Ana's card should go: the rename over it fails, even for root.
        try FileManager.default.createDirectory(atPath: vdir + "/ana-1.vcf/inside", withIntermediateDirectories: true)
        let report = try sync()
        #expect(report.outgoing == 1 && report.problems.count == 1)
        #expect(report.problems.first?.hasPrefix(vdir + "/ana-1.vcf: ") == true)
        #expect(try files().filter { $0.hasPrefix(".") }.isEmpty)
        try FileManager.default.removeItem(atPath: vdir + "/ana-1.vcf")
        later(60)
        let again = try sync()
        #expect(again.outgoing == 1 && again.problems.isEmpty)
        #expect(try read("ana-1.vcf").contains("FN:Ana Lima"))
    }

    @Test func aHalfWrittenTempFileLeftByACrashIsIgnored() throws {
        try write(card(uid: "ana-1", name: "Ana Lima"), "ana-1.vcf")
        try "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Half".write(toFile: vdir + "/.ana-1.vcf.rapport-4242.tmp", atomically: false,
                                                             encoding: .utf8)
        try "BEGIN:VCARD\r\nFN:Half".write(toFile: vdir + "/tmpk3j2.tmp", atomically: false, encoding: .utf8)
        let report = try sync()
        #expect(report.problems.isEmpty && report.created == 1)
        #expect(try fixture.store.contactCount() == 1)
    }

    @Test func aDryRunWritesNothingAnywhere() throws {
        try write(card(uid: "ana-1", name: "Ana Lima"), "ana-1.vcf")
        _ = try fixture.scripting().add(NewContact(name: "Bo Chen"))
        let book = try fixture.everything()
        let report = try sync(dryRun: true)
        #expect(report.created == 1 && report.outgoing == 1)
        #expect(try files() == ["ana-1.vcf"])
        #expect(try fixture.everything() == book)
    }

    @Test func aFolderThatIsNotOneIsOneClearLine() throws {
        try "x".write(toFile: fixture.folder + "/file", atomically: false, encoding: .utf8)
        let report = try fixture.scripting().sync(SyncRequest(vdirs: [fixture.folder + "/file", fixture.folder + "/none"]))
        #expect(report.folders.map(\.summary) == ["vdir \(fixture.folder)/file: not a folder",
                                                  "vdir \(fixture.folder)/none: no such folder"])
        #expect(report.failed)
    }

    @Test func anUnreadableCardIsReportedAndTheRestSyncs() throws {
        try write("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Broken\r\n", "broken.vcf")
        try write(card(uid: "ana-1", name: "Ana Lima"), "ana-1.vcf")
        let report = try sync()
        #expect(report.created == 1 && report.problems.count == 1)
        #expect(report.problems.first?.hasPrefix(vdir + "/broken.vcf:") == true)
    }

    @Test func aLongSyncReportsItsProgress() throws {
        for n in 0..<600 { try write(card(uid: "p\(n)", name: "Person \(n)"), "p\(n).vcf") }
        let seen = ProgressLog()
        let report = try fixture.scripting().sync(SyncRequest(vdirs: [vdir]), progress: { seen.add($0, $1) })
        #expect(report.folders[0].created == 600)
        let steps = seen.all
        #expect(steps.count >= 2)
        #expect(steps.allSatisfy { $0.done <= $0.total } && steps.map(\.done) == steps.map(\.done).sorted())
        #expect(steps.last?.total == 600)
    }
}

private final class ProgressLog: @unchecked Sendable {
    private var steps: [(done: Int, total: Int)] = []
    private let lock = NSLock()

    func add(_ done: Int, _ total: Int) {
        lock.lock()
        steps.append((done, total))
        lock.unlock()
    }

    var all: [(done: Int, total: Int)] {
        lock.lock()
        defer { lock.unlock() }
        return steps
    }
}
