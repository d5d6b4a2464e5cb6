import Foundation
import Testing
@testable import App

@Suite struct ScriptingOutputTests {
    @Test func jsonSortsKeysKeepsNullsAndEscapesWhatATerminalWouldObey() {
        let value = JSONValue.object([
            "b": .string("Evil\u{1B}[31m \u{202E}x\u{7F} \"q\" \\ line\nnext"),
            "a": .null, "c": .array([]), "d": .double(0.1 + 0.2), "e": .double(120), "f": .int(-3),
        ])
        #expect(value.text == #"""
            {
              "a": null,
              "b": "Evil\u001b[31m \u202ex\u007f \"q\" \\ line\nnext",
              "c": [],
              "d": 0.3,
              "e": 120,
              "f": -3
            }
            """#)
    }

    @Test func aContactHasEveryKeyWithUTCInstantsAndPlainDays() throws {
        var contact = Contact(id: 7, name: "José Álvarez", company: "Northwind", circle: .inner,
                              birthday: RecurringDate(month: 5, day: 17), metOn: Day(iso: "2025-11-03"),
                              createdAt: ScriptingFixture.now)
        contact.emails = ["jose@example.com"]
        #expect(ScriptJSON.contact(contact).text == """
            {
              "anniversary": null,
              "archived": false,
              "birthday": "--05-17",
              "cadence_override": null,
              "circle": "inner",
              "company": "Northwind",
              "created_at": "2026-03-10T09:00:00Z",
              "drives": "",
              "emails": [
                "jose@example.com"
              ],
              "id": 7,
              "met_at": "",
              "met_on": "2025-11-03",
              "met_via": "",
              "name": "José Álvarez",
              "nickname": "",
              "notes": "",
              "phones": [],
              "tags": [],
              "title": "",
              "updated_at": "2026-03-10T09:00:00Z"
            }
            """)
    }

    @Test func dueJSONHasTheReasonsInWords() throws {
        let fx = try ScriptingFixture()
        try fx.add("Bo", company: "Acme")
        _ = try fx.scripting().promise("bo", text: "send deck", due: "3 days ago", theirs: false)
        let json = ScriptJSON.due(try fx.scripting().due(all: false)).text
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let attention = try #require(parsed.first?["attention"] as? [String: Any])
        #expect((parsed.first?["contact"] as? [String: Any])?["company"] as? String == "Acme")
        #expect(attention["explanation"] as? String == "promise \"send deck\" 3d overdue")
        #expect(attention["level"] as? String == "overdue")
        #expect(attention["score"] as? Double == 130)
        #expect(attention["snoozed_until"] is NSNull)
        let reason = try #require((attention["reasons"] as? [[String: Any]])?.first)
        #expect(reason["kind"] as? String == "promise-mine")
    }

    @Test func timelineAndShowJSONParse() throws {
        let fx = try ScriptingFixture()
        try fx.add("Ana")
        try fx.add("Bo")
        _ = try fx.scripting().log(NewInteraction(names: ["ana", "bo"], kind: "pitch"))
        _ = try fx.scripting().promise("ana", text: "send deck", due: nil, theirs: false)
        let timeline = try JSONSerialization.jsonObject(with: Data(ScriptJSON.timeline(try fx.scripting().timeline("ana")).text.utf8))
        let entries = try #require((timeline as? [String: Any])?["entries"] as? [[String: Any]])
        #expect(entries.map { $0["type"] as? String } == ["promise", "interaction"])
        let with = (entries[1]["interaction"] as? [String: Any])?["with"] as? [[String: Any]]
        #expect(with?.compactMap { $0["name"] as? String } == ["Ana", "Bo"])
        let show = try JSONSerialization.jsonObject(with: Data(ScriptJSON.show(try fx.scripting().show("ana")).text.utf8))
        #expect(Set((show as? [String: Any])?.keys.map { $0 } ?? []) ==
                ["contact", "attention", "promises", "recent_interactions", "upcoming_events", "team"])
    }

    @Test func onATerminalDatabaseTextIsMadeVisible() throws {
        var evil = Contact(id: 3, name: "Eve\u{1B}]0;pwned\u{7}", company: "Acme\u{202E}", createdAt: ScriptingFixture.now)
        evil.notes = "first\nsecond\u{1B}[2J"
        let today = Day(iso: "2026-03-10")!
        let safe = ScriptText(safe: true, calendar: ScriptingFixture.utc, today: today)
        let raw = ScriptText(safe: false, calendar: ScriptingFixture.utc, today: today)
        #expect(safe.list([evil]) == "#3  Eve␛]0;pwned␇  Acme�  network\n")
        #expect(raw.list([evil]).contains("\u{1B}"))
        let detail = ContactDetail(contact: evil, attention: nil, promises: [], recent: [], upcomingEvents: [], names: [:])
        let shown = safe.show(detail)
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(shown.contains("  notes: first\n    second␛[2J"))
        #expect(safe.block("Brief\n\u{1B}[31mred") == "Brief\n␛[31mred")
        #expect(safe.added(evil) == "#3 Eve␛]0;pwned␇\n")
    }

    @Test func textListsAlignColumnsAndDueShowsReasons() throws {
        let fx = try ScriptingFixture()
        try fx.add("Bo Lind", company: "Acme")
        try fx.add("Ana", company: "Northwind Traders")
        _ = try fx.scripting().promise("bo", text: "send deck", due: "yesterday", theirs: false)
        let text = ScriptText(safe: true, calendar: ScriptingFixture.utc, today: fx.today)
        let contacts = try fx.scripting().list(circle: nil, includeArchived: false)
        #expect(text.list(contacts) == """
            #2  Ana      Northwind Traders  network
            #1  Bo Lind  Acme               network

            """)
        #expect(text.due(try fx.scripting().due(all: false)) == "110  #1 Bo Lind  promise \"send deck\" 1d overdue\n")
    }
}
