import Domain
import Foundation
import Testing
@testable import Interop

@Suite struct VCardReaderTests {
    @Test func version21QuotedPrintableAndCharsets() throws {
        let contacts = try Fixture.contacts("v21-quoted-printable.vcf")
        #expect(contacts.count == 2)
        let jose = contacts[0].contact
        #expect(jose.name == "José Álvarez")
        #expect(jose.company == "Huerta Labs")
        #expect(contacts[0].extras["ORG-UNIT"] == ["R&D"])
        #expect(jose.phones == ["+34 910 555 014", "+34 612 345 901"])
        #expect(contacts[0].phoneTypes == [["work", "voice"], ["cell"]])
        #expect(jose.emails == ["jose@huertalabs.example", "jose@mail.example"])
        #expect(contacts[0].emailTypes == [[], ["home"]])
        #expect(jose.notes == "Met at the Madrid office.\r\nLoves olive groves — and Betis. Call on Sundays.")
        #expect(jose.birthday == RecurringDate(month: 4, day: 27, year: 1986))
        #expect(contacts[0].line == 1)

        let jurgen = contacts[1]
        #expect(jurgen.line == 17)
        #expect(jurgen.contact.name == "Jürgen Müller") // FN built from N, Latin-1 QP
        #expect(jurgen.contact.notes == "Café owner") // raw Latin-1 bytes, CHARSET given
        #expect(jurgen.extras["ADR"] == [";;Straße 1;Berlin;;10115;Germany"])
        #expect(jurgen.extras["X-NOKIA-RING"] == ["Default"])
        #expect(jurgen.contact.phones == ["+49 30 5550 1234"])
    }

    @Test func version30PhoneExportWithGroupsAndLabels() throws {
        let contacts = try Fixture.contacts("v30-phone.vcf")
        #expect(contacts.map(\.contact.name) == ["Tom Okafor", "Dr. Aisha Khan"])
        let tom = contacts[0]
        #expect(tom.contact.nickname == "Tommy")
        #expect(tom.contact.company == "Hospital de Santa Maria")
        #expect(tom.extras["ORG-UNIT"] == ["ICU", "Night team"])
        #expect(tom.contact.emails == ["tom.okafor@mail.example", "tom@hsm.example"])
        #expect(tom.emailTypes == [["other"], ["ward"]])
        #expect(tom.contact.phones == ["+351 914 808 233", "+351 214 000 111"])
        #expect(tom.phoneTypes == [["cell", "voice"], ["home", "voice"]])
        #expect(tom.contact.birthday == RecurringDate(month: 7, day: 21)) // Apple's omitted year
        #expect(tom.extras["URL"] == ["https://climb.example/tom"])
        #expect(tom.extras["X-SOCIALPROFILE"] == ["https://twitter.example/tomclimbs"])
        #expect(tom.extras["X-ABLABEL"] == nil)
        #expect(tom.contact.tags == ["friend", "climbing"])

        let aisha = contacts[1].contact
        #expect(aisha.birthday == RecurringDate(month: 5, day: 17, year: 1987))
        #expect(aisha.anniversary == RecurringDate(month: 6, day: 20, year: 2015))
        #expect(aisha.notes == "Book club, Thursdays")
        #expect(contacts[1].emailTypes == [["home"]])
        #expect(contacts[1].line == 23)
    }

    @Test func version40WithRapportFields() throws {
        let contacts = try Fixture.contacts("v40.vcf")
        let zoe = contacts[0]
        #expect(zoe.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1")
        #expect(zoe.contact.name == "Zoë Brontë-Hale")
        #expect(zoe.contact.emails == ["zoe@northlight.example", "zoe@mail.example"]) // PREF=1 first
        #expect(zoe.emailTypes == [["work"], ["home"]])
        #expect(zoe.contact.phones == ["+44-20-7946-0321"])
        #expect(zoe.phoneTypes == [["work", "voice"]])
        #expect(zoe.contact.company == "Northlight Ventures")
        #expect(zoe.extras["ORG-UNIT"] == ["Fund II", "London"])
        #expect(zoe.contact.tags == ["investor", "board"]) // "Investor" is the same tag
        #expect(zoe.contact.birthday == RecurringDate(month: 12, day: 31))
        #expect(zoe.contact.anniversary == RecurringDate(month: 12, day: 31))
        #expect(zoe.contact.circle == .active)
        #expect(zoe.contact.cadenceOverride == Cadence(idealDays: 14, maximumDays: 30))
        #expect(zoe.contact.drives == "Backing unglamorous B2B; proving fund II")
        #expect(zoe.contact.metAt == "Seedcamp demo day")
        #expect(zoe.contact.metOn == Day(iso: "2022-03-15"))
        #expect(zoe.contact.metVia == "Marcus Bell")
        #expect(zoe.contact.nickname == "ZBH")
        #expect(zoe.contact.archived == false)
        #expect(zoe.contact.createdAt == Fixture.now)
        #expect(zoe.extras["X-RAPPORT-SNOOZE-NOTE"] == ["kept verbatim"])
        #expect(zoe.extras["X-CUSTOM-THING"] == ["one", "two"])
        #expect(zoe.extras["URL"] == ["https://northlight.example/team/zoe"])
        #expect(zoe.extras["X-RAPPORT-CIRCLE"] == nil)

        let fang = contacts[1]
        #expect(fang.contact.name == "王芳") // N in CJK order, no space
        #expect(fang.contact.nickname == "Fiona")
        #expect(fang.uid == nil)
        #expect(fang.contact.circle == .archived)
        #expect(fang.contact.archived)
    }

    @Test func vdirFilesReadOneByOne() throws {
        let folder = Fixture.directory.appendingPathComponent("vdir")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["a1.vcf", "b2.vcf", "c3.vcf"])
        let contacts = try files.flatMap { try Fixture.contacts("vdir/" + $0) }
        #expect(contacts.map(\.uid) == ["a1", "b2", "c3"])
        #expect(contacts.map(\.contact.name) == ["Ben Carter", "Nadia Haddad", "Jonas Berg"])
        #expect(contacts.allSatisfy { $0.line == 1 })
    }

    @Test func foldingAndEscapes() throws {
        let cards = try VCardReader.cards(in: Fixture.data("folding-escapes.vcf"))
        #expect(cards.count == 1)
        let card = cards[0]
        #expect(card.version == "3.0")
        #expect(card.first("FN")?.text == "Zoë Brontë-Hale") // folded inside ë
        #expect(card.first("NOTE")?.line == 5)
        #expect(card.first("NOTE")?.text == "Line one\nLine two\nthree, with comma; semicolon \\ backslash")
        #expect(card.first("ORG")?.components == ["Acme, Inc.", "Sales;EMEA"])
        #expect(card.first("CATEGORIES")?.list == ["a,b", "c"])
        #expect(card.first("TITLE")?.text == "Head of Things") // one whitespace removed per fold
        #expect(card.first("END") == nil)
    }

    @Test func birthdayForms() throws {
        let contacts = try Fixture.contacts("bday-forms.vcf")
        let birthdays = contacts.map(\.contact.birthday)
        #expect(birthdays == [
            RecurringDate(month: 5, day: 17, year: 1990), RecurringDate(month: 5, day: 17, year: 1990),
            RecurringDate(month: 12, day: 31), RecurringDate(month: 12, day: 31),
            RecurringDate(month: 2, day: 29), RecurringDate(month: 3, day: 4), // year 0000 is unknown
            nil, nil, RecurringDate(month: 2, day: 29, year: 2024),
        ])
        #expect(contacts[6].extras["BDAY"] == ["1985"])
        #expect(contacts[7].extras["BDAY"] == ["circa 1800"])
    }

    @Test func groupsParametersAndLineEndings() throws {
        let text = "BEGIN:VCARD\rVERSION:4.0\rFN:Cr Only\ritem7.EMAIL;TYPE=\"work,internet\";PREF=1:a@example.org\r"
            + "TEL;TYPE=work;TYPE=voice;X-NOTE=\"a;b:c\":+1 555 0100\rEND:VCARD\r"
        let card = try #require(try VCardReader.cards(in: text).first)
        let email = try #require(card.first("email"))
        #expect(email.group == "item7")
        #expect(email.name == "EMAIL")
        #expect(email.types == ["work", "internet"])
        #expect(email.parameter("pref") == ["1"])
        #expect(email.line == 4)
        let tel = try #require(card.first("TEL"))
        #expect(tel.types == ["work", "voice"])
        #expect(tel.parameters["X-NOTE"] == ["a;b:c"])
        #expect(tel.value == "+1 555 0100")
    }

    @Test func emptyAndBlankInputsHaveNoCards() throws {
        #expect(try VCardReader.cards(in: "").isEmpty)
        #expect(try VCardReader.cards(in: "\r\n\n  \n\t\n").isEmpty)
        #expect(try VCardReader.cards(in: "\r\n\n\r\n").isEmpty)
        #expect(try VCardReader.contacts(in: Data(), now: Fixture.now).isEmpty)
        #expect(try VCardReader.contacts(in: Data([0xEF, 0xBB, 0xBF]), now: Fixture.now).isEmpty)
    }

    @Test func utf16WithByteOrderMark() throws {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José\r\nEND:VCARD\r\n"
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian)!)
        #expect(try VCardReader.contacts(in: data, now: Fixture.now).map(\.contact.name) == ["José"])
    }

    @Test func bytesThatAreNotUTF8FallBackToWindows1252() throws {
        var data = Data("BEGIN:VCARD\nVERSION:2.1\nFN:Ren".utf8)
        data.append(contentsOf: [0xE9, 0x20, 0x80]) // "é €" in Windows-1252, invalid UTF-8
        data.append(contentsOf: Data("\nEND:VCARD\n".utf8))
        #expect(try VCardReader.contacts(in: data, now: Fixture.now).first?.contact.name == "René €")
    }
}
