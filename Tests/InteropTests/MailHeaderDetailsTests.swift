import Foundation
import Interop
import Testing

/// The parser's rules one by one, on headers written inline.
@Suite struct MailHeaderDetailsTests {
    @Test func fieldNamesIgnoreCaseAndUnknownFieldsAreSkipped() throws {
        let header = try MailFixture.parse("X-Whatever: <not@an.id>", "FROM: ana@lima.example", "subject: hi",
                                           "MESSAGE-id: <m1@lima.example>", "Subject : obsolete blank before colon")
        #expect(header.from.map(\.email) == ["ana@lima.example"])
        #expect(header.subject == "hi")
        #expect(header.messageID == "m1@lima.example")
    }

    @Test func foldedSubjectWithTabsAndLF() throws {
        let header = try MailFixture.parse("From: ana@lima.example", "Subject: a long", "\tsubject   that", "   folds")
        #expect(header.subject == "a long subject that folds")
    }

    @Test func controlsNeverReachTheSubjectOrNames() throws {
        let header = try MailFixture.parse(
            "From: \"Ana\u{1B}[31m Lima\" <ana@lima.example>",
            "To: =?utf-8?q?Mal=1B]52=3Bc=3BaGk=3D=07lory?= <m@x.example>",
            "Subject: hi\u{1B}[2J =?utf-8?q?there=C2=9B=0D=0Anow?=")
        #expect(header.from.first?.name == "Ana[31m Lima")
        #expect(header.to.first?.name == "Mal]52;c;aGk=lory")
        #expect(header.subject == "hi[2J there now")
    }

    @Test func encodedWordsSplitInsideACharacter() throws {
        // Base64 split by bytes, and Q split between the two bytes of "é".
        let header = try MailFixture.parse("From: =?UTF-8?B?Sm9z?= =?utf-8?B?w6k=?= <jose@x.example>",
                                           "Subject: =?UTF-8?Q?Caf=C3?=\n =?UTF-8?Q?=A9_ou_th=C3=A9?= =?ISO-8859-1?Q?_=E0?= 3")
        #expect(header.from.first?.name == "José")
        #expect(header.subject == "Café ou thé à 3")
    }

    @Test func eastAsianCharsetsThroughFoundation() throws {
        let header = try MailFixture.parse("From: a@b.example",
                                           "To: =?ISO-2022-JP?B?GyRCMnE1RCRON28bKEI=?= <a@jp.example>,",
                                           " =?Shift_JIS?B?ie+LY4LMjI8=?= <b@jp.example>")
        #expect(header.to.map(\.name) == ["会議の件", "会議の件"])
    }

    @Test func problems() throws {
        #expect(throws: MailHeaderProblem.noHeader) { try MailHeaderParser.parse(Array("\nFrom: a@b.example\n".utf8)) }
        #expect(throws: MailHeaderProblem.noHeader) { try MailHeaderParser.parse(Array("just some text\n".utf8)) }
        #expect(throws: MailHeaderProblem.noHeader) { try MailHeaderParser.parse([UInt8]()) }
        #expect(throws: MailHeaderProblem.binary) {
            try MailHeaderParser.parse(Array("From: a@b.example\nSubject: x\0y\n\n".utf8))
        }
        var long = Array("From: a@b.example\n".utf8)
        while long.count <= MailHeaderParser.headerLimit { long += Array("X-Padding: \(String(repeating: "x", count: 990))\n".utf8) }
        #expect(throws: MailHeaderProblem.tooLarge(MailHeaderParser.headerLimit)) { try MailHeaderParser.parse(long) }
        // One endless line is as long.
        let line = Array("Subject: ".utf8) + [UInt8](repeating: 0x61, count: MailHeaderParser.headerLimit + 10)
        #expect(throws: MailHeaderProblem.tooLarge(MailHeaderParser.headerLimit)) { try MailHeaderParser.parse(line) }
    }

    @Test func bodyBytesAfterTheHeaderAreNotRead() throws {
        // NUL in the body is no problem; a missing blank line ends the header at the first non-field line.
        let header = try MailHeaderParser.parse(Array("From: a@b.example\nSubject: s\n\nBody\0\nSubject: no\n".utf8))
        #expect(header.subject == "s")
        let noBlank = try MailHeaderParser.parse(Array("From: a@b.example\nthis is the body\nSubject: no\n".utf8))
        #expect(noBlank.subject == "")
    }

    @Test func mboxPostmarkAndByteOrderMarkOnTop() throws {
        let header = try MailHeaderParser.parse(Array("\u{FEFF}From ana@lima.example Mon Mar  9 10:00:00 2026\nFrom: ana@lima.example\nSubject: s\n".utf8))
        #expect(header.subject == "s")
        #expect(header.from.map(\.email) == ["ana@lima.example"])
    }

    @Test(arguments: [
        ("Mon, 15 Jan 2024 10:23:45 +0100", "2024-01-15T09:23:45Z"),
        ("15 Jan 2024 10:23 +0100", "2024-01-15T09:23:00Z"),
        ("Mon, 15 Jan 24 10:23:45 GMT", "2024-01-15T10:23:45Z"),
        ("Fri, 15 Jan 99 10:23:45 -0800", "1999-01-15T18:23:45Z"),
        ("Thu, 1 Jan 49 00:00:00 +0000", "2049-01-01T00:00:00Z"),
        ("Mon, 15 Jan 2024 10:23:45 PDT", "2024-01-15T17:23:45Z"),
        ("Mon, 15 Jan 2024 10:23:45 EST", "2024-01-15T15:23:45Z"),
        ("Mon, 15 Jan 2024 10:23:45 Z", "2024-01-15T10:23:45Z"),
        ("Mon, 15 Jan 2024 10:23:45 UT", "2024-01-15T10:23:45Z"),
        ("Mon, 15 Jan 2024 10:23:45 Q", "2024-01-15T10:23:45Z"),
        ("Mon, 15 Jan 2024 10:23:45 +0100 (CET)", "2024-01-15T09:23:45Z"),
        ("Monday, 15 January 2024 10:23:45 +0100", "2024-01-15T09:23:45Z"),
        ("  Mon,   15   Jan   2024   10:23:45    +0100  ", "2024-01-15T09:23:45Z"),
        ("Mon Jan 15 10:23:45 2024", "2024-01-15T10:23:45Z"),
        ("15 Jan 2024 10:23:45", "2024-01-15T10:23:45Z"),
        ("Mon, 15 Jan 115 10:23:45 +0000", "2015-01-15T10:23:45Z"),
        ("Thu, 29 Feb 2024 23:59:60 +0000", "2024-02-29T23:59:59Z"),
        ("2024-01-15T10:23:45+02:00", "2024-01-15T08:23:45Z"),
        ("Mon, 15 Jan 2024 10:23:45 +0530", "2024-01-15T04:53:45Z"),
    ])
    func dates(text: String, expected: String) throws {
        let header = try MailFixture.parse("From: a@b.example", "Date: \(text)")
        #expect(header.date == MailFixture.utc(expected))
        #expect(header.dateSource == .date)
    }

    @Test(arguments: ["Thu, 29 Feb 2023 10:00:00 +0000", "Mon, 15 Jan 2024 25:00:00 +0000",
                      "2024-13-01T00:00:00Z", "Mon, 32 Jan 2024 10:00 +0000", "Mon, 15 Jan 2024 10:61:00 +0000"])
    func impossibleDates(text: String) {
        #expect(throws: MailHeaderProblem.impossibleDate(text)) { try MailFixture.parse("From: a@b.example", "Date: \(text)") }
    }

    @Test func unreadableDateIsNoDate() throws {
        let header = try MailFixture.parse("From: a@b.example", "Date: soon, I promise")
        #expect(header.date == nil)
        #expect(header.dateSource == nil)
        #expect(try MailFixture.parse("From: a@b.example").date == nil)
    }

    @Test func identifiers() throws {
        #expect(try MailFixture.parse("From: a@b.example", "Message-ID: <>").messageID == nil)
        #expect(try MailFixture.parse("From: a@b.example", "Message-ID:").messageID == nil)
        #expect(try MailFixture.parse("From: a@b.example", "Message-ID: abc@x.example").messageID == "abc@x.example")
        let header = try MailFixture.parse("From: a@b.example", "References: <a@x> <b@x>", "  <a@x>",
                                           "In-Reply-To: Your message of \"Mon, 1 Jan\" <c@x> <b@x>")
        #expect(header.references == ["a@x", "b@x", "c@x"])
        #expect(try MailFixture.parse("From: a@b.example", "In-Reply-To: old-style@x.example").references
            == ["old-style@x.example"])
    }

    @Test func bulkMarkers() throws {
        #expect(try MailFixture.parse("From: a@b.example", "Precedence: bulk").bulk == .precedence)
        #expect(try MailFixture.parse("From: a@b.example", "Precedence: JUNK").bulk == .precedence)
        #expect(try MailFixture.parse("From: a@b.example", "Precedence: first-class").bulk == nil)
        #expect(try MailFixture.parse("From: a@b.example", "Auto-Submitted: no").bulk == nil)
        #expect(try MailFixture.parse("From: a@b.example", "Auto-Submitted: auto-replied; owner=x").bulk == .autoSubmitted)
        #expect(try MailFixture.parse("From: a@b.example", "List-Unsubscribe: <mailto:u@x>").bulk == .listUnsubscribe)
        #expect(try MailFixture.parse("From: a@b.example", "Precedence: list", "List-Id: <l.x>").bulk == .precedence)
    }

    @Test func addressEdgeCases() throws {
        // An unbalanced quote or bracket costs only its own entry.
        let quote = try MailFixture.parse("To: \"Ana <ana@x.example>, bob@y.example, Cy <cy@z.example>")
        #expect(quote.to.map(\.email) == ["ana@x.example", "bob@y.example", "cy@z.example"])
        let bracket = try MailFixture.parse("To: Ana <ana@x.example, bob@y.example")
        #expect(bracket.to.map(\.email) == ["ana@x.example", "bob@y.example"])
        let header = try MailFixture.parse(
            "To: \"john doe\"@x.example, \"Ana \\\"Nana\\\" Lima\" <ana@x.example>,",
            " ana@y.example (Ana (work) Lima), \"ana@z.example\" <ana@z.example>,",
            " \"=?utf-8?Q?Jos=C3=A9?=\" <jose@x.example>, Priya Raman priya@raman.example, , ;")
        #expect(header.to == [
            MailAddress(email: "john doe@x.example"),
            MailAddress(name: "Ana \"Nana\" Lima", email: "ana@x.example"),
            MailAddress(name: "Ana Lima", email: "ana@y.example"),
            MailAddress(email: "ana@z.example"),
            MailAddress(name: "José", email: "jose@x.example"),
            MailAddress(name: "Priya Raman", email: "priya@raman.example"),
        ])
    }

    @Test func addressFieldsAddUpAndBccIsRead() throws {
        let header = try MailFixture.parse("To: a@x.example", "Bcc: b@x.example", "To: c@x.example",
                                           "Resent-To: d@x.example")
        #expect(header.to.map(\.email) == ["a@x.example", "c@x.example"])
        #expect(header.bcc.map(\.email) == ["b@x.example"])
        #expect(header.recipients.count == 3)
    }

    @Test(arguments: [
        ("Re: RE: Fwd: hello", "hello"), ("AW: WG: Termin morgen", "termin morgen"), ("Re[2]: x", "x"),
        ("Re(3): x", "x"), ("SV: VS: Möte", "möte"), ("Réf : Devis", "devis"), ("[list] Re: [list] Topic", "topic"),
        ("Fw:   Hello   World ", "hello world"), ("Reunion", "reunion"), ("Re:", ""), ("Re:Re:x", "x"),
        ("Regarding: x", "regarding: x"), ("FWD: Re: [rapport-dev] Capture", "capture"),
    ])
    func normalisedSubjects(subject: String, expected: String) {
        #expect(MailHeaderParser.normalisedSubject(subject) == expected)
    }

    @Test func noReplyAddresses() {
        for address in ["noreply@x.example", "no-reply@x.example", "No_Reply@x.example", "donotreply@x.example",
                        "do-not-reply@x.example", "MAILER-DAEMON@x.example", "postmaster@x.example",
                        "bounces+ana=lima.example@lists.example", "bounce-mc.us5_123@mail.example",
                        "notifications-noreply@github.example", "noreply+tag@x.example"] {
            #expect(MailHeaderParser.isNoReply(address), "\(address)")
        }
        for address in ["ana@lima.example", "bounty@x.example", "norene@x.example", "reply@x.example",
                        "postmistress@x.example", "no.fan@x.example"] {
            #expect(!MailHeaderParser.isNoReply(address), "\(address)")
        }
    }
}
