import Domain
import Foundation
import Testing
@testable import App

/// Capture end to end below the command line: real maildirs, mbox files and
/// calendars written into a temp folder, read into a real database.
@Suite struct CaptureTests {
    static let me = Me(name: "Sam Reyes", emails: ["sam@reyes.example", "sam.reyes@work.example"])

    /// A mail tree written as mbsync and mutt keep one.
    final class MailTree {
        let root: String
        private var counter = 0

        init(_ fixture: ScriptingFixture, name: String = "Mail") throws {
            root = fixture.folder + "/" + name
            for folder in ["cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"] {
                try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            }
        }

        /// Writes one message (header and a short body) and returns its path.
        @discardableResult
        func deliver(_ header: String, folder: String = "cur", flags: String = ":2,S") throws -> String {
            counter += 1
            let path = "\(root)/\(folder)/17730\(String(format: "%05d", counter)).M\(counter)P4242.host\(flags)"
            let text = header.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n\r\nHello,\r\nsee below.\r\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    static func header(from: String, to: String, cc: String? = nil, subject: String, date: String,
                       id: String?, references: String? = nil, extra: [String] = []) -> String {
        var lines = ["Return-Path: <x@y>", "From: \(from)", "To: \(to)"]
        if let cc { lines.append("Cc: \(cc)") }
        lines += ["Subject: \(subject)", "Date: \(date)"]
        if let id { lines.append("Message-ID: <\(id)>") }
        if let references { lines += ["In-Reply-To: <\(references)>", "References: <\(references)>"] }
        lines += extra + ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"]
        return lines.joined(separator: "\n")
    }

    func book(_ fixture: ScriptingFixture) throws -> (ana: Int64, bo: Int64) {
        var ana = NewContact(name: "Ana Lima")
        ana.emails = ["ana@lima.example"]
        var bo = NewContact(name: "Bo Chen")
        bo.emails = ["Bo.Chen@corp.example"]
        return (try fixture.scripting().add(ana).id!, try fixture.scripting().add(bo).id!)
    }

    func capture(_ fixture: ScriptingFixture, mail: [String] = [], calendars: [String] = [], dryRun: Bool = false,
                 settings: CaptureSettings = CaptureSettings()) throws -> CaptureReport {
        try fixture.scripting().capture(CaptureRequest(mail: mail, calendars: calendars, dryRun: dryRun),
                                        me: Self.me, settings: settings)
    }

    // MARK: Mail

    @Test func aMaildirBecomesOneTouchPerContactThreadAndDay() throws {
        let fixture = try ScriptingFixture()
        let people = try book(fixture)
        let mail = try MailTree(fixture)
        // A thread: Sam writes to Ana and a stranger, Ana replies twice the same day, once the next day.
        try mail.deliver(Self.header(from: "Sam Reyes <sam@reyes.example>", to: "Ana Lima <ana@lima.example>",
                                     cc: "\"Kai, Tanaka\" <kai@tanaka.example>", subject: "Lunch next week?",
                                     date: "Mon, 2 Mar 2026 09:15:00 +0000", id: "t1@reyes.example"), folder: ".Sent/cur")
        try mail.deliver(Self.header(from: "Ana Lima <ana@lima.example>", to: "sam@reyes.example",
                                     subject: "Re: Lunch next week?", date: "Mon, 2 Mar 2026 10:00:00 +0000",
                                     id: "t2@lima.example", references: "t1@reyes.example"))
        try mail.deliver(Self.header(from: "Ana Lima <ana@lima.example>", to: "sam@reyes.example",
                                     subject: "RE: Re: Lunch next week?", date: "Mon, 2 Mar 2026 11:00:00 +0000",
                                     id: "t3@lima.example", references: "t2@lima.example"))
        try mail.deliver(Self.header(from: "Ana Lima <ana@lima.example>", to: "sam@reyes.example",
                                     subject: "Re: Lunch next week?", date: "Tue, 3 Mar 2026 08:00:00 +0000",
                                     id: "t4@lima.example", references: "t1@reyes.example"), folder: "new", flags: "")
        // Bo writes without a Message-ID; a newsletter, a no-reply notice and a crowd message are skipped.
        try mail.deliver(Self.header(from: "=?UTF-8?Q?Bo_Ch=C3=A9n?= <bo.chen@corp.example>", to: "Sam <SAM@reyes.example>",
                                     subject: "=?UTF-8?B?UXVhcnRhbGVyIMO8YmVyYmxpY2s=?=",
                                     date: "Wed, 4 Mar 2026 16:30:00 -0500", id: nil))
        try mail.deliver(Self.header(from: "Ana Lima <ana@lima.example>", to: "list@lists.example", subject: "Digest",
                                     date: "Wed, 4 Mar 2026 08:00:00 +0000", id: "l1@lists.example",
                                     extra: ["List-Id: <friends.lists.example>"]))
        try mail.deliver(Self.header(from: "Billing <no-reply@shop.example>", to: "sam@reyes.example", subject: "Receipt",
                                     date: "Wed, 4 Mar 2026 08:00:00 +0000", id: "n1@shop.example"))
        let crowd = (1...11).map { "p\($0)@crowd.example" }.joined(separator: ", ")
        try mail.deliver(Self.header(from: "sam@reyes.example", to: "ana@lima.example, " + crowd, subject: "Party",
                                     date: "Thu, 5 Mar 2026 08:00:00 +0000", id: "c1@reyes.example"), folder: ".Sent/cur")

        let report = try capture(fixture, mail: [mail.root])

        let source = try #require(report.sources.first)
        #expect(source.failure == nil && source.read == 8 && source.unreadable.isEmpty)
        #expect(source.skipped == ["list or bulk mail": 1, "no-reply sender": 1, "too many recipients": 1])
        // Ana: one touch on the 2nd (three messages), one on the 3rd; Bo one.
        let ana = try fixture.store.interactions(contactID: people.ana).sorted { $0.occurredAt < $1.occurredAt }
        #expect(ana.map(\.summary) == ["Lunch next week?", "Re: Lunch next week?"])
        #expect(ana.allSatisfy { $0.kind == .email && $0.direction == .neutral })
        #expect(ana.first?.occurredAt == Date(timeIntervalSince1970: 1_772_442_900))  // the first message's time
        let bo = try fixture.store.interactions(contactID: people.bo)
        #expect(bo.map(\.summary) == ["Quartaler überblick"])
        #expect(source.touches == 3)
        // The stranger on Cc is a suggestion, with the name as written.
        let suggestions = try fixture.scripting().suggestions()
        #expect(suggestions.map(\.email) == ["kai@tanaka.example"] && suggestions.first?.name == "Kai, Tanaka")
        // The timeline and show --json say where each came from.
        let timeline = try fixture.scripting().timeline("Ana")
        #expect(Set(timeline.sources.values) == [mail.root])
        let shown = ScriptJSON.show(try fixture.scripting().show("Bo")).text
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        let recent = try #require(json["recent_interactions"] as? [[String: Any]])
        #expect(recent.map { $0["source"] as? String } == [mail.root])
    }

    @Test func aSecondRunAddsNothingAndANewMessageIsReadAlone() throws {
        let fixture = try ScriptingFixture()
        let people = try book(fixture)
        let mail = try MailTree(fixture)
        try mail.deliver(Self.header(from: "ana@lima.example", to: "sam@reyes.example", subject: "Hi",
                                     date: "Mon, 2 Mar 2026 09:15:00 +0000", id: "a1@lima.example"))
        _ = try capture(fixture, mail: [mail.root])
        let before = try fixture.everything()
        // When nothing changed, then a message is marked read (renamed with new flags): nothing new
        let again = try capture(fixture, mail: [mail.root])
        #expect(again.sources[0].read == 0 && again.touches == 0)
        let path = try mail.deliver(Self.header(from: "bo.chen@corp.example", to: "sam@reyes.example", subject: "Deck",
                                                date: "Tue, 3 Mar 2026 09:15:00 +0000", id: "b1@corp.example"),
                                    folder: "new", flags: "")
        try FileManager.default.moveItem(atPath: path, toPath: path.replacingOccurrences(of: "/new/", with: "/cur/") + ":2,S")
        let third = try capture(fixture, mail: [mail.root])
        #expect(third.sources[0].read == 1 && third.touches == 1)
        #expect(try fixture.store.interactions(contactID: people.bo).count == 1)
        let fourth = try capture(fixture, mail: [mail.root])
        #expect(fourth.sources[0].read == 0)
        #expect(try fixture.everything() != before)
        // The same message in a second source (an archive) is known by its Message-ID.
        let archive = try MailTree(fixture, name: "Archive")
        try archive.deliver(Self.header(from: "bo.chen@corp.example", to: "sam@reyes.example", subject: "Deck",
                                        date: "Tue, 3 Mar 2026 09:15:00 +0000", id: "b1@corp.example"))
        let fifth = try capture(fixture, mail: [archive.root])
        #expect(fifth.sources[0].known == 1 && fifth.touches == 0)
    }

    @Test func aDryRunListsWhatItWouldAddAndWritesNothing() throws {
        let fixture = try ScriptingFixture()
        _ = try book(fixture)
        let mail = try MailTree(fixture)
        try mail.deliver(Self.header(from: "ana@lima.example", to: "sam@reyes.example", subject: "Hi",
                                     date: "Mon, 2 Mar 2026 09:15:00 +0000", id: "a1@lima.example"))
        let before = try fixture.everything()
        let report = try capture(fixture, mail: [mail.root], dryRun: true)
        #expect(report.dryRun && report.wouldAdd == ["would add email 2026-03-02 with Ana Lima: Hi"])
        #expect(try fixture.everything() == before)
        #expect(try fixture.scripting().captureSources().isEmpty)
        // And the real run afterwards still adds it.
        #expect(try capture(fixture, mail: [mail.root]).touches == 1)
    }

    @Test func withoutMeCaptureSaysHowToSetIt() throws {
        let fixture = try ScriptingFixture()
        #expect(throws: ScriptingError(Me.missingHint)) {
            try fixture.scripting().capture(CaptureRequest(mail: [fixture.folder]), me: Me(), settings: CaptureSettings())
        }
    }

    @Test func anMboxIsReadOnFromWhereTheLastRunStopped() throws {
        let fixture = try ScriptingFixture()
        let people = try book(fixture)
        let path = fixture.folder + "/inbox.mbox"
        func message(_ n: Int, day: Int) -> String {
            "From ana@lima.example Mon Mar  \(day) 09:00:00 2026\n"
                + Self.header(from: "Ana Lima <ana@lima.example>", to: "sam@reyes.example", subject: "Note \(n)",
                              date: "\(day) Mar 2026 09:00:00 +0000", id: "m\(n)@lima.example")
                + "\n\nbody line\n>From the archive, quoted\n\n"
        }
        try (message(1, day: 2) + message(2, day: 3)).write(toFile: path, atomically: true, encoding: .utf8)
        let first = try capture(fixture, mail: [path])
        #expect(first.sources[0].read == 2 && first.touches == 2)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(message(3, day: 4).utf8))
        try handle.close()
        let second = try capture(fixture, mail: [path])
        #expect(second.sources[0].read == 1 && second.sources[0].known == 0 && second.touches == 1)
        #expect(try fixture.store.interactions(contactID: people.ana).count == 3)
    }

    @Test func subjectsCanBeLeftOut() throws {
        let fixture = try ScriptingFixture()
        let people = try book(fixture)
        let mail = try MailTree(fixture)
        try mail.deliver(Self.header(from: "ana@lima.example", to: "sam@reyes.example", subject: "Private matter",
                                     date: "Mon, 2 Mar 2026 09:15:00 +0000", id: "a1@lima.example"))
        var settings = CaptureSettings()
        settings.subjects = false
        _ = try capture(fixture, mail: [mail.root], settings: settings)
        #expect(try fixture.store.interactions(contactID: people.ana).map(\.summary) == [""])
        #expect(try !fixture.everything().contains("Private matter"))
    }

    @Test func aCorrespondentWhoBecomesAContactGetsTheirPastMail() throws {
        let fixture = try ScriptingFixture()
        _ = try book(fixture)
        let mail = try MailTree(fixture)
        try mail.deliver(Self.header(from: "Kai Tanaka <kai@tanaka.example>", to: "sam@reyes.example", subject: "Intro",
                                     date: "Mon, 2 Mar 2026 09:15:00 +0000", id: "k1@tanaka.example"))
        try mail.deliver(Self.header(from: "sam@reyes.example", to: "kai@tanaka.example", subject: "Re: Intro",
                                     date: "Tue, 3 Mar 2026 09:15:00 +0000", id: "k2@reyes.example",
                                     references: "k1@tanaka.example"), folder: ".Sent/cur")
        _ = try capture(fixture, mail: [mail.root])
        #expect(try fixture.scripting().suggestions().first?.isTwoWay == true)
        var kai = NewContact(name: "Kai Tanaka")
        kai.emails = ["kai@tanaka.example"]
        let id = try fixture.scripting().add(kai).id!
        let report = try capture(fixture, mail: [mail.root])
        #expect(report.replayed == 2)
        #expect(try fixture.store.interactions(contactID: id).count == 2)
        #expect(try fixture.scripting().suggestions().isEmpty)
        #expect(try capture(fixture, mail: [mail.root]).replayed == 0)
    }

    @Test func brokenMessagesAreCountedWithTheirFileAndTheRunGoesOn() throws {
        let fixture = try ScriptingFixture()
        let people = try book(fixture)
        let mail = try MailTree(fixture)
        let binary = mail.root + "/cur/1.broken:2,S"
        try Data([0x00, 0x01, 0xFF, 0x46, 0x72, 0x6F, 0x6D, 0x3A, 0x00]).write(to: URL(fileURLWithPath: binary))
        try "\r\n\r\nno header at all\r\n".write(toFile: mail.root + "/cur/2.empty:2,S", atomically: true, encoding: .utf8)
        try mail.deliver(Self.header(from: "ana@lima.example", to: "sam@reyes.example", subject: "Fine",
                                     date: "Mon, 2 Mar 2026 09:15:00 +0000", id: "a1@lima.example"))
        let report = try capture(fixture, mail: [mail.root])
        #expect(report.sources[0].unreadable.count == 2)
        #expect(report.sources[0].unreadable.allSatisfy { $0.hasPrefix("cur/") })
        #expect(try fixture.store.interactions(contactID: people.ana).count == 1)
    }

    @Test func aMissingSourceIsOneClearLineAndForgetRemovesWhatASourceAdded() throws {
        let fixture = try ScriptingFixture()
        let people = try book(fixture)
        let missing = try capture(fixture, mail: [fixture.folder + "/nope"])
        #expect(missing.failed && missing.sources[0].summary.hasSuffix("nope: no such file or folder"))
        let mail = try MailTree(fixture)
        try mail.deliver(Self.header(from: "ana@lima.example", to: "sam@reyes.example", subject: "Hi",
                                     date: "Mon, 2 Mar 2026 09:15:00 +0000", id: "a1@lima.example"))
        _ = try capture(fixture, mail: [mail.root])
        let gone = try fixture.scripting().forgetCapture(path: mail.root)
        #expect(gone.interactions == 1 && gone.messages == 1)
        #expect(try fixture.store.interactions(contactID: people.ana).isEmpty)
        #expect(throws: ScriptingError.self) { try fixture.scripting().forgetCapture(path: mail.root) }
        // Captured again afresh, it comes back.
        #expect(try capture(fixture, mail: [mail.root]).touches == 1)
    }

    // MARK: Calendar

    static func calendar(_ events: [String]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//rapport tests//EN"] + events + ["END:VCALENDAR"])
            .joined(separator: "\r\n") + "\r\n"
    }

    static func event(uid: String, start: String, summary: String, attendees: [String], status: String? = nil,
                      extra: [String] = []) -> String {
        (["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20260301T000000Z", "DTSTART:\(start)", "SUMMARY:\(summary)",
          "ORGANIZER;CN=Sam Reyes:mailto:sam@reyes.example"]
            + attendees.map { "ATTENDEE;" + $0 } + (status.map { ["STATUS:\($0)"] } ?? []) + extra + ["END:VEVENT"])
            .joined(separator: "\r\n")
    }

    @Test func pastMeetingsBecomeTouchesAndComingOnesEventsAndARerunFollowsTheCalendar() throws {
        let fixture = try ScriptingFixture()  // now: 2026-03-10T09:00Z
        let people = try book(fixture)
        let path = fixture.folder + "/work.ics"
        func write(_ events: [String]) throws {
            try Self.calendar(events).write(toFile: path, atomically: true, encoding: .utf8)
        }
        let ana = "PARTSTAT=ACCEPTED;CN=Ana Lima:mailto:ana@lima.example"
        let bo = "PARTSTAT=ACCEPTED:mailto:BO.CHEN@corp.example"
        let boDeclined = "PARTSTAT=DECLINED:mailto:bo.chen@corp.example"
        try write([
            Self.event(uid: "past-1", start: "20260305T140000Z", summary: "Coffee", attendees: [ana]),
            Self.event(uid: "soon-1", start: "20260317T100000Z", summary: "Board prep", attendees: [ana, bo]),
            Self.event(uid: "gone-1", start: "20260306T100000Z", summary: "Cancelled", attendees: [ana], status: "CANCELLED"),
            Self.event(uid: "declined-1", start: "20260304T100000Z", summary: "Declined", attendees: [boDeclined]),
            Self.event(uid: "far-1", start: "20260601T100000Z", summary: "Far away", attendees: [ana]),
            Self.event(uid: "stranger-1", start: "20260303T100000Z", summary: "Other",
                       attendees: ["PARTSTAT=ACCEPTED:mailto:kai@tanaka.example"]),
        ])
        let first = try capture(fixture, calendars: [path])
        #expect(first.sources[0].failure == nil)
        #expect(try fixture.store.interactions(contactID: people.ana).map(\.summary) == ["Coffee"])
        #expect(try fixture.store.interactions(contactID: people.bo).isEmpty)
        let events = try fixture.store.allEvents()
        #expect(events.map(\.name) == ["Board prep"] && Set(events[0].attendeeIDs) == [people.ana, people.bo])
        // An unchanged calendar is not read again.
        #expect(try capture(fixture, calendars: [path]).sources[0].read == 0)
        // The calendar moves the coffee, cancels the board prep: a re-run follows.
        try write([
            Self.event(uid: "past-1", start: "20260305T160000Z", summary: "Coffee", attendees: [ana]),
            Self.event(uid: "soon-1", start: "20260317T100000Z", summary: "Board prep", attendees: [ana, bo],
                       status: "CANCELLED"),
        ])
        let second = try capture(fixture, calendars: [path])
        #expect(second.sources[0].removed == 1)
        let coffee = try fixture.store.interactions(contactID: people.ana)
        #expect(coffee.count == 1 && coffee[0].occurredAt == Date(timeIntervalSince1970: 1_772_726_400))
        #expect(try fixture.store.allEvents().isEmpty)
    }

    @Test func aCalendarReadBeforeSomeoneWasAContactIsReadAgainWhenTheyAre() throws {
        let fixture = try ScriptingFixture()  // now: 2026-03-10T09:00Z
        let path = fixture.folder + "/team.ics"
        let kai = "PARTSTAT=ACCEPTED;CN=Kai Tanaka:mailto:kai@tanaka.example"
        try Self.calendar([
            Self.event(uid: "past-k", start: "20260302T100000Z", summary: "Intro call", attendees: [kai]),
            Self.event(uid: "soon-k", start: "20260320T100000Z", summary: "Pilot review", attendees: [kai]),
        ]).write(toFile: path, atomically: true, encoding: .utf8)
        // Read while Kai is nobody: nothing, and an unchanged file is not read again.
        #expect(try capture(fixture, calendars: [path]).touches == 0)
        #expect(try capture(fixture, calendars: [path]).sources[0].read == 0)
        // Kai becomes a contact: the next run reads the calendar again.
        var contact = NewContact(name: "Kai Tanaka")
        contact.emails = ["kai@tanaka.example"]
        let id = try fixture.scripting().add(contact).id!
        let report = try capture(fixture, calendars: [path])
        #expect(report.sources[0].read == 2)
        #expect(try fixture.store.interactions(contactID: id).map(\.summary) == ["Intro call"])
        #expect(try fixture.store.allEvents().map(\.name) == ["Pilot review"])
    }
}
