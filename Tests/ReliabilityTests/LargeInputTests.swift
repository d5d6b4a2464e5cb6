import Domain
import Foundation
import TestSupport
import Interop
import Testing
import UI
@testable import App
@testable import Store

/// Inputs far past what a person types: each is handled or refused with a
/// message, and memory stays bounded (the process's peak RSS is printed).
/// Inputs are generated here; nothing big is committed.
@Suite(.serialized) struct LargeInputTests {
    /// Peak resident memory of this process so far, in MB.
    static func peakMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    @Test(.timeLimit(.minutes(3))) func aHundredMegabyteVCardFileIsReadInBoundedMemory() throws {
        // 100 MB of well-formed cards with long notes (fewer, bigger cards keep a debug build quick).
        let note = String(repeating: "pricing pilot onboarding ", count: 400)  // 10 KB
        let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nNOTE:\(note)\r\nEND:VCARD\r\n"
        let target = 100 * 1024 * 1024
        var data = Data(capacity: target + card.utf8.count)
        let cardData = Data(card.utf8)
        while data.count < target { data.append(cardData) }
        let cards = data.count / cardData.count
        let before = Self.peakMegabytes()
        let started = Date()
        let contacts = try VCardReader.contacts(in: data, now: Clock.now)
        let seconds = Date().timeIntervalSince(started)
        #expect(contacts.count == cards)
        let growth = Self.peakMegabytes() - before
        Stress.figure("100 MB vCard (\(cards) cards): read in \(String(format: "%.1f", seconds)) s, peak memory +\(growth) MB")
        // A few copies of the file at most: never a blow-up proportional to anything worse than its size.
        #expect(growth < 1_500, "peak grew by \(growth) MB")
    }

    @Test func aOneMegabyteNameIsRefusedByCommandsAndSafeEverywhereElse() throws {
        let scratch = Scratch("large")
        let store = try Store(path: scratch.database)
        let scripting = Scripting(store: store, now: Clock.now, calendar: Clock.utc)
        let huge = String(repeating: "Ana Lima ", count: 1024 * 1024 / 9)
        // The commands and forms refuse it with a message, writing nothing
        do {
            _ = try scripting.add(NewContact(name: huge))
            Issue.record("a 1 MB name was accepted")
        } catch let error as ScriptingError {
            #expect(error.message.contains("longer than"))
            #expect(error.message.count < 200)
        }
        #expect(try store.contactCount() == 0)
        // One that got in another way (an import) is stored, listed and drawn without trouble. Before
        // NameKeys capped its keys, this insert alone made ~60 GB of search keys and was killed for memory.
        let saved = try store.insert(Contact(name: huge, createdAt: Clock.now))
        #expect(try store.contact(id: saved.id!)?.name.utf8.count == huge.utf8.count)
        let text = ScriptText(safe: true, calendar: Clock.utc, today: scripting.today)
        #expect(text.list(try store.contacts()).utf8.count > huge.utf8.count)
        #expect(ScriptJSON.list(try store.contacts()).text.count > huge.count)
        var state = AppState(size: Size(width: 120, height: 40))
        state.library = Library(snapshot: try store.snapshot(), scorer: AttentionScorer(playbook: .standard, calendar: Clock.utc),
                                now: Clock.now)
        let started = Date()
        let frame = DashboardRenderer(calendar: Clock.utc).render(state)
        #expect(frame.size == Size(width: 120, height: 40))
        #expect(Date().timeIntervalSince(started) < 5)
        // Searching for it still answers
        #expect(try store.contacts(matchingPrefix: "ana lima").count == 1)
        #expect(try store.contacts(matchingPrefix: String(huge.prefix(500))).count == 1)
        #expect(try store.contacts(matchingPrefix: "lima ana lima").count == 1)
    }

    @Test func aHundredThousandTagsOnOneContact() throws {
        let scratch = Scratch("tags")
        let store = try Store(path: scratch.database)
        let scripting = Scripting(store: store, now: Clock.now, calendar: Clock.utc)
        var input = NewContact(name: "Tagged Person")
        input.tags = (0..<100_000).map { "tag\($0)" }
        let started = Date()
        let contact = try scripting.add(input)
        #expect(contact.tags.count == 100_000)
        #expect(try store.contact(id: contact.id!)?.tags.count == 100_000)
        #expect(ScriptJSON.list(try store.contacts()).text.contains("tag99999"))
        // And it goes to the trash and comes back whole
        try store.moveContactToTrash(id: contact.id!, at: Clock.now)
        try store.restoreFromTrash(id: try store.trash(now: Clock.now)[0].id)
        #expect(try store.contact(id: contact.id!)?.tags.count == 100_000)
        Stress.figure("100,000 tags on one contact: stored, listed, trashed and restored in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}
