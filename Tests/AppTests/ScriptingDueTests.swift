import Foundation
import Testing
@testable import App

@Suite struct ScriptingDueTests {
    @Test func anOverduePromiseOfMineComesFirstWithItsReason() throws {
        // Given three contacts long out of touch, and a promise to one of them due yesterday
        let fx = try ScriptingFixture()
        for name in ["Ana", "Bo", "Cy"] { try fx.add(name, metOn: "300 days ago") }
        let s = fx.scripting()
        try touch(fx, ["ana", "bo", "cy"], on: "200 days ago")
        _ = try s.promise("bo", text: "send deck", due: "yesterday", theirs: false)
        // When the attention list is computed
        let due = try s.due(all: false)
        // Then Bo is first, for that promise, and everyone else follows with a reason in words
        #expect(due.map(\.contact.name) == ["Bo", "Ana", "Cy"])
        #expect(due[0].attention.reasons.first?.text == "promise \"send deck\" 1d overdue")
        #expect(due[1].attention.explanation == "200d since last touch (max 120)")
        // And marking it done takes the reason away
        let promise = try #require(try fx.store.openPromises().first)
        _ = try s.setDone("\(promise.id!)", done: true)
        let after = try s.due(all: false)
        #expect(after.first { $0.contact.name == "Bo" }?.attention.reasons.contains { $0.kind == .promiseMine } == false)
    }

    @Test func calmAndSnoozedContactsOnlyWithAll() throws {
        let fx = try ScriptingFixture()
        try fx.add("Ana", metOn: "300 days ago")
        try fx.add("Bo", metOn: "300 days ago")
        try fx.add("Cy", metOn: "300 days ago")
        let s = fx.scripting()
        try touch(fx, ["ana"], on: "yesterday")
        try touch(fx, ["bo", "cy"], on: "200 days ago")
        _ = try s.snooze("cy", until: "2w")
        #expect(try s.due(all: false).map(\.contact.name) == ["Bo"])
        let all = try s.due(all: true)
        #expect(Set(all.map(\.contact.name)) == ["Ana", "Bo", "Cy"])
        #expect(all.last?.contact.name == "Cy")
        #expect(all.last?.attention.snoozedUntil == Day(iso: "2026-03-24"))
    }

    @Test func dueSavesTheAttentionCacheTheDashboardReads() throws {
        let fx = try ScriptingFixture()
        try fx.add("Bo", metOn: "200 days ago")
        #expect(try fx.store.lastScoredAt() == nil)
        let due = try fx.scripting().due(all: false)
        #expect(try fx.store.lastScoredAt() == ScriptingFixture.now)
        let cached = try fx.store.contactsByAttention()
        #expect(cached.map(\.attention.score) == due.map(\.attention.score))
    }

    @Test func theConfiguredPlaybookDecides() throws {
        let fx = try ScriptingFixture()
        try fx.add("Bo", metOn: "300 days ago")
        try touch(fx, ["bo"], on: "100 days ago")
        #expect(try fx.scripting().due(all: false).first?.attention.explanation == "100d since last touch (ideal 90)")
        var playbook = Playbook.standard
        playbook.keepInTouch.network = Cadence(idealDays: 30, maximumDays: 60)
        #expect(try fx.scripting(playbook: playbook).due(all: false).first?.attention.explanation
                == "100d since last touch (max 60)")
    }

    @Test func anImportLeavesTheAttentionCacheCurrent() throws {
        // Given a book whose cache is current, and a file of two new people
        let fx = try ScriptingFixture()
        try fx.add("Bo", metOn: "200 days ago")
        _ = try fx.scripting().due(all: false)
        let file = fx.folder + "/new.vcf"
        try """
            BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Lima\r\nBDAY:--03-12\r\nEND:VCARD\r\n\
            BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cy Park\r\nEND:VCARD\r\n
            """.write(toFile: file, atomically: true, encoding: .utf8)
        // When they are imported
        _ = try fx.scripting().importContacts(ImportRequest(paths: [file]))
        // Then the cache holds everyone, says it is current, and agrees with scoring the whole book
        let key = try fx.store.read { tx in
            AttentionCache.key(sequence: try tx.changeSequence(), today: fx.today, playbook: .standard)
        }
        #expect(try fx.store.read { try $0.attentionKey() } == key)
        let cached = try fx.store.read { try $0.cachedAttention(needingOnly: false) }
        let book = try fx.store.read { try Book.load($0) }
        let scored = Library.score(book, scorer: fx.scripting().scorer, now: fx.now)
        #expect(Dictionary(uniqueKeysWithValues: cached.map { ($0.attention.contactID, $0.attention) })
                == Dictionary(uniqueKeysWithValues: scored.map { ($0.contactID, $0) }))
        #expect(cached.count == 3)
        #expect(cached.contains { $0.contact.name == "Ana Lima" && $0.attention.explanation == "birthday in 2d" })
    }

    @Test func aNewDayRescoresEveryoneFromTheirSummaries() throws {
        let fx = try ScriptingFixture()
        try fx.add("Bo", metOn: "300 days ago")
        try touch(fx, ["bo"], on: "100 days ago")
        #expect(try fx.scripting().due(all: false).first?.attention.explanation == "100d since last touch (ideal 90)")
        // Nothing was written since, but 30 days went by: the cached scores are stale.
        fx.now = fx.now.addingTimeInterval(30 * 86_400)
        #expect(try fx.scripting().due(all: false).first?.attention.explanation == "130d since last touch (max 120)")
    }

    func touch(_ fx: ScriptingFixture, _ names: [String], on day: String) throws {
        var input = NewInteraction(names: names, kind: "call")
        input.on = day
        _ = try fx.scripting().log(input)
    }
}
