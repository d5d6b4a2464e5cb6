import Domain
import Foundation
import Testing
@testable import Interop

@Suite struct ContactCSVTests {
    func read(_ text: String, flavor: ContactCSV.Flavor? = nil) throws -> ContactFileReading {
        try ContactCSV.read(Data(text.utf8), flavor: flavor, now: Fixture.now)
    }

    @Test func genericCSVWithSynonymsQuotesNewlinesBOMAndCRLF() throws {
        let text = "\u{FEFF}Full Name,E-mail Address,Mobile,Organisation,Job Title,Notes,Tags\r\n"
            + "\"Lima, Ana\",ana@north.example,+351 912 000 111,Northwind,CTO,\"Said \"\"hi\"\"\r\nsecond line\",\"founder, lisbon\"\r\n"
            + "\r\n"
            + "Bo Lind,bo@lind.example;bo@home.example,,,,,\r\n"
        let reading = try read(text)
        #expect(reading.issues.isEmpty)
        try #require(reading.contacts.count == 2)
        let ana = reading.contacts[0]
        #expect(ana.contact.name == "Lima, Ana")
        #expect(ana.contact.emails == ["ana@north.example"])
        #expect(ana.contact.phones == ["+351 912 000 111"])
        #expect(ana.contact.company == "Northwind")
        #expect(ana.contact.title == "CTO")
        #expect(ana.contact.notes == "Said \"hi\"\nsecond line") // CRLF inside a field is stored as LF
        #expect(ana.contact.tags == ["founder", "lisbon"])
        #expect(ana.line == 2)
        let bo = reading.contacts[1]
        #expect(bo.contact.emails == ["bo@lind.example", "bo@home.example"])
        #expect(bo.line == 5) // the quoted newline and the blank line count
    }

    @Test func firstAndLastNameColumnsMakeTheName() throws {
        let reading = try read("first name,LAST NAME,email\nJosé,Álvarez,jose@x.example\n")
        #expect(reading.contacts.first?.contact.name == "José Álvarez")
    }

    @Test func linkedInConnectionsWithNotesPreambleAndBothDateForms() throws {
        let text = """
            Notes:
            "When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"

            First Name,Last Name,URL,Email Address,Company,Position,Connected On
            Ana,Lima,https://www.linkedin.com/in/analima,ana@north.example,Northwind,CTO,15 Mar 2024
            Bo,Lind,https://www.linkedin.com/in/bolind,,Finch,Engineer,03/15/2024
            Cy,Park,https://www.linkedin.com/in/cypark,,Kite,,31 Feb 2024

            """
        #expect(ContactCSV.guessFlavor(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]) == .linkedin)
        let reading = try read(text)
        #expect(reading.contacts.count == 2)
        let ana = reading.contacts[0]
        #expect(ana.contact.name == "Ana Lima")
        #expect(ana.contact.metAt == "LinkedIn")
        #expect(ana.contact.metOn == Day(year: 2024, month: 3, day: 15))
        #expect(ana.contact.company == "Northwind")
        #expect(ana.contact.title == "CTO")
        #expect(ana.contact.emails == ["ana@north.example"])
        #expect(ana.extras["URL"] == ["https://www.linkedin.com/in/analima"])
        #expect(ana.line == 5)
        #expect(reading.contacts[1].contact.metOn == Day(year: 2024, month: 3, day: 15))
        #expect(reading.issues == [ImportIssue(line: 7, reason:
            "Connected On: \"31 Feb 2024\" is not a date (2024-03-15, 15 Mar 2024 or 03/15/2024)")])
    }

    @Test func googleContactsCSV() throws {
        let text = "Name,Given Name,Family Name,Nickname,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
            + "E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title\n"
            + ",Ana,Ferreira,Aninha,1988-09-14,Loves trail running,* myContacts ::: Work,* Work,ana@quill.example,Home,"
            + "ana@mail.example,Mobile,+351 912 345 678 ::: +351 213 000 000,Quill Health,CTO\n"
        let reading = try read(text)
        #expect(ContactCSV.guessFlavor(try ContactCSV.parseRows(String(text.prefix(while: { $0 != "\n" })))[0].fields) == .google)
        let ana = try #require(reading.contacts.first)
        #expect(reading.issues.isEmpty)
        #expect(ana.contact.name == "Ana Ferreira")
        #expect(ana.contact.nickname == "Aninha")
        #expect(ana.contact.birthday == RecurringDate(month: 9, day: 14, year: 1988))
        #expect(ana.contact.notes == "Loves trail running")
        #expect(ana.contact.tags == ["Work"])
        #expect(ana.contact.emails == ["ana@quill.example", "ana@mail.example"])
        #expect(ana.emailTypes == [["work"], ["home"]])
        #expect(ana.contact.phones == ["+351 912 345 678", "+351 213 000 000"])
        #expect(ana.phoneTypes == [["mobile"], ["mobile"]])
        #expect(ana.contact.company == "Quill Health")
        #expect(ana.contact.title == "CTO")
    }

    @Test func invalidRecordsAreReportedOnTheirLine() throws {
        let reading = try read("name,email,birthday,circle\nAna,ana@x.example,,\n,,,\nBo,not-an-email,,\nCy,,1990-02-30,\nDee,,,friends\n\"Evil\u{1B}\",,,\n")
        #expect(reading.contacts.map(\.contact.name) == ["Ana"])
        #expect(reading.issues.map(\.line) == [4, 5, 6, 7])
        #expect(reading.issues[0].reason == "email: \"not-an-email\" is not an email address")
        #expect(reading.issues[1].reason.hasPrefix("birthday:"))
        #expect(reading.issues[2].reason.hasPrefix("circle:"))
        #expect(reading.issues[3].reason == "name: cannot contain control characters")
    }

    @Test func unreadableFilesAreRefusedWhole() {
        func issue(_ bytes: [UInt8]) -> ImportIssue? {
            do { _ = try ContactCSV.read(Data(bytes), now: Fixture.now); return nil } catch { return error }
        }
        #expect(issue([])?.reason == "the file is empty")
        #expect(issue(Array("name\nAna\n".utf8) + [0x00, 0x01])?.reason == "a binary file, not CSV text (NUL byte)")
        let latin1 = issue(Array("name\nJos".utf8) + [0xE9] + Array("\n".utf8))
        #expect(latin1?.line == 2)
        #expect(latin1?.reason.hasPrefix("not UTF-8 text (invalid byte 0xE9 at offset 8)") == true)
        #expect(issue(Array("a,b\n1,2\n".utf8))?.reason.hasPrefix("no header row") == true)
    }

    @Test func exportReadsBack() throws {
        var contact = Contact(name: "Ana, \"the\" Lima", nickname: "Aninha", company: "Northwind", title: "CTO",
                              emails: ["ana@north.example", "a@b.example"], phones: ["+351 1"], circle: .inner,
                              cadenceOverride: Cadence(idealDays: 7, maximumDays: 14), tags: ["founder", "lisbon"],
                              birthday: RecurringDate(month: 5, day: 17), anniversary: RecurringDate(month: 1, day: 2, year: 2010),
                              metAt: "Web Summit", metOn: Day(year: 2024, month: 11, day: 12), metVia: "Bo",
                              drives: "growth;\nkids", notes: "line 1\nline 2, \"quoted\"", archived: false, createdAt: Fixture.now)
        contact.id = 4
        let imported = ImportedContact(contact: contact, uid: "u-1", extras: ["URL": ["https://a.example"]], line: 0)
        let data = try ContactCSV.write([imported])
        #expect(String(decoding: data, as: UTF8.self).hasPrefix(ContactCSV.exportHeader.joined(separator: ",") + "\r\n"))
        let back = try ContactCSV.read(data, now: Fixture.now)
        #expect(back.issues.isEmpty)
        var expected = contact
        expected.id = nil
        #expect(back.contacts.first?.contact == expected)
        #expect(back.contacts.first?.uid == "u-1")
        #expect(back.contacts.first?.extras == ["URL": ["https://a.example"]])
    }

    @Test func formatDetection() {
        #expect(ImportFormat.detect(path: "a.vcf", data: Data()) == .vcard)
        #expect(ImportFormat.detect(path: "a.txt", data: Data("BEGIN:VCARD\r\n".utf8)) == .vcard)
        #expect(ImportFormat.detect(path: "backup", data: Data("{\"version\": 1}".utf8)) == .json)
        #expect(ImportFormat.detect(path: "Connections.csv", data: Data("Notes:\n\"x\"\n\nFirst Name,Last Name,Connected On\n".utf8)) == .linkedin)
        #expect(ImportFormat.detect(path: "contacts.csv", data: Data("Name,E-mail 1 - Value\n".utf8)) == .google)
        #expect(ImportFormat.detect(path: "x.csv", data: Data("name,email\n".utf8)) == .csv)
    }
}
