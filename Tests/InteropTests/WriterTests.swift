import Domain
import Foundation
import Testing
@testable import Interop

@Suite struct WriterTests {
    @Test func icsEscapesTextFoldsAt75OctetsAndEndsLinesWithCRLF() {
        let long = String(repeating: "é", count: 60) + ", ; \\ and\na newline"
        let ics = ICSWriter.calendar(
            todos: [ICSWriter.Todo(uid: "promise-7@rapport", summary: long, due: Day(year: 2026, month: 3, day: 1))],
            events: [ICSWriter.Event(uid: "event-1@rapport", summary: "Dinner", start: Date(timeIntervalSince1970: 1_773_133_200),
                                     location: "Lisbon, PT")],
            now: Date(timeIntervalSince1970: 1_773_133_200))
        let lines = ics.components(separatedBy: "\r\n")
        #expect(lines.last == "")
        for line in lines { #expect(line.utf8.count <= 75) }
        #expect(String(decoding: Array(ics.utf8), as: UTF8.self) == ics) // no split UTF-8 sequence
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + String(repeating: "é", count: 60) + "\\, \\; \\\\ and\\na newline\r\n"))
        #expect(unfolded.contains("UID:promise-7@rapport\r\nDTSTAMP:20260310T090000Z\r\n"))
        #expect(unfolded.contains("DUE;VALUE=DATE:20260301\r\n"))
        #expect(unfolded.contains("DTSTART:20260310T090000Z\r\nDTEND:20260310T110000Z\r\n"))
        #expect(unfolded.contains("LOCATION:Lisbon\\, PT\r\n"))
    }

    @Test func vCardKeepsEveryRapportFieldThroughXRapportProperties() throws {
        var contact = Contact(name: "王芳", nickname: "Fang, F", company: "Acme; Inc", title: "CEO", emails: ["f@acme.example"],
                              phones: ["+86 10 5555"], circle: .archived, cadenceOverride: Cadence(idealDays: 10, maximumDays: 20),
                              tags: ["vip", "china"], birthday: RecurringDate(month: 2, day: 29), anniversary: RecurringDate(month: 1, day: 1, year: 2000),
                              metAt: "Canton Fair", metOn: Day(year: 2019, month: 4, day: 15), metVia: "Li Wei", drives: "growth\nfamily",
                              notes: "a\\b", archived: false, createdAt: Date(timeIntervalSince1970: 0))
        contact.id = 3
        let imported = ImportedContact(contact: contact, uid: "uid:3", emailTypes: [["work"]], phoneTypes: [["cell"]],
                                       extras: ["X-FOO": ["a,b;c"], "URL": ["https://x.example"]], line: 1)
        for version in VCardWriter.Version.allCases {
            let text = VCardWriter.write(imported, version: version)
            let back = try #require(try VCardReader.contacts(in: text, now: Date(timeIntervalSince1970: 0)).first)
            var expected = contact
            expected.id = nil
            #expect(back.contact == expected, "\(version)")
            #expect(back.uid == "uid:3")
            #expect(back.extras == imported.extras)
            #expect(back.emailTypes == [["work"]] && back.phoneTypes == [["cell"]])
        }
        #expect(VCardWriter.fileName(for: imported) == "uid_3.vcf")
    }

    @Test func backupKeepsMicrosecondsAndEveryKey() throws {
        let at = Date(timeIntervalSince1970: 1_773_133_200.25)
        #expect(Instant.format(at) == "2026-03-10T09:00:00.250000Z")
        #expect(Instant.parse("2026-03-10T09:00:00.250000Z") == at)
        #expect(Instant.parse("2026-03-10T09:00:00Z") == Date(timeIntervalSince1970: 1_773_133_200))
        #expect(Instant.parse("2026-02-30T09:00:00Z") == nil)
        let contact = Contact(id: 1, name: "Ana", createdAt: at)
        let backup = BookBackup(contacts: [ImportedContact(contact: contact, uid: nil, line: 0)],
                                interactions: [Interaction(id: 1, occurredAt: at, kind: .call, contactIDs: [1])],
                                promises: [Promise(id: 1, contactID: 1, text: "x", createdAt: at)], events: [],
                                snoozes: [Snooze(contactID: 1, until: Day(year: 2026, month: 4, day: 1)!)])
        let data = backup.encoded(exportedAt: at)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"version\" : 1") && text.contains("\"done_at\" : null") && text.contains("\"uid\" : null"))
        var decoded = try BookBackup.decode(data)
        decoded.contacts[0].line = 0
        #expect(decoded == backup)
        #expect(throws: ImportIssue.self) { try BookBackup.decode(Data("{\"version\": 2}".utf8)) }
        #expect(throws: ImportIssue.self) { try BookBackup.decode(Data("{\"version\": 1, \"contacts\": 3}".utf8)) }
    }
}
