import Domain
import Foundation
import Testing
@testable import Interop

/// Cards as real address books write them, every field checked.
@Suite struct RealExportsTests {
    func read(_ name: String) throws -> [ImportedContact] { try Fixture.contacts("exports/" + name) }

    @Test func appleContactsGroupsLabelsAndOmittedYear() throws {
        let cards = try read("apple.vcf")
        let tom = try #require(cards.first)
        #expect(tom.uid == "2F1A7B7E-2C5D-4C93-9B0C-8A1F2E3D4C5B")
        #expect(tom.contact.name == "Tom Okafor")
        #expect(tom.contact.nickname == "Tommy")
        #expect(tom.contact.company == "Hospital de Santa Maria")
        #expect(tom.extras["ORG-UNIT"] == ["ICU"])
        #expect(tom.contact.title == "Nurse")
        #expect(tom.contact.emails == ["tom@hsm.example", "tom.okafor@mail.example"])
        #expect(tom.emailTypes == [["work"], ["ward"]])
        #expect(tom.contact.phones == ["+351 914 808 233", "+351 214 000 111"])
        #expect(tom.phoneTypes == [["cell", "voice"], ["other"]])
        #expect(tom.extras["ADR"] == [";;Rua do Sol 5;Lisboa;;1100-001;Portugal"])
        #expect(tom.extras["X-ABADR"] == ["pt"])
        #expect(tom.extras["URL"] == ["https://tom.example"])
        #expect(tom.extras["X-SOCIALPROFILE"] == ["https://twitter.com/tomokafor"])
        #expect(tom.contact.birthday == RecurringDate(month: 8, day: 2))
        #expect(tom.contact.notes == "Climbs on Sundays.\nMet through Aisha.")
        #expect(tom.contact.tags == ["friends", "climbing"])
        #expect(tom.contact.circle == .network)
    }

    @Test func googleContactsTypeInternet() throws {
        let cards = try read("google.vcf")
        #expect(cards.map(\.contact.name) == ["Ana Ferreira", "Kenji Watanabe"])
        let ana = cards[0]
        #expect(ana.uid == nil)
        #expect(ana.contact.emails == ["ana@quillhealth.example", "ana.ferreira@mail.example"])
        #expect(ana.emailTypes == [["work"], ["home"]])
        #expect(ana.contact.phones == ["+351 912 345 678"])
        #expect(ana.phoneTypes == [["cell"]])
        #expect(ana.contact.company == "Quill Health")
        #expect(ana.contact.title == "CTO")
        #expect(ana.contact.birthday == RecurringDate(month: 9, day: 14, year: 1988))
        #expect(ana.extras["URL"] == ["https://quillhealth.example"])
        #expect(ana.contact.notes == "Former colleague, now CTO.")
        #expect(ana.contact.tags == ["myContacts", "Work"])
        #expect(cards[1].contact.emails == ["kenji@finchbank.example"])
        #expect(cards[1].line == 15)
    }

    @Test func outlookQuotedPrintableWindows1252() throws {
        let cards = try read("outlook.vcf")
        let jurgen = try #require(cards.first)
        #expect(jurgen.contact.name == "Jürgen Müller")
        #expect(jurgen.contact.company == "Café Bauhaus")
        #expect(jurgen.extras["ORG-UNIT"] == ["Einkauf"])
        #expect(jurgen.contact.title == "Geschäftsführer")
        #expect(jurgen.contact.phones == ["+49 30 5550 1234", "+49 171 555 0199"])
        #expect(jurgen.phoneTypes == [["work", "voice"], ["cell", "voice"]])
        #expect(jurgen.contact.emails == ["juergen@cafe-bauhaus.example"])
        #expect(jurgen.extras["ADR"] == [";;Straße 1;Berlin;;10115;Deutschland"])
        #expect(jurgen.contact.notes == "Trinkt nur Espresso.\r\nLieblingsstück: Apfelstrudel.")
        #expect(jurgen.extras["X-MS-OL-DEFAULT-POSTAL-ADDRESS"] == ["2"])
    }

    @Test func nextcloudSabreExport() throws {
        let chiara = try #require(try read("nextcloud.vcf").first)
        #expect(chiara.uid == "8e3f1c2a-8a4d-4b4e-9d6f-2c1b0a9e8d7f")
        #expect(chiara.contact.name == "Chiara Russo")
        #expect(chiara.contact.company == "Lisbon Women in Tech")
        #expect(chiara.contact.emails == ["chiara@lwit.example"])
        #expect(chiara.emailTypes == [["work"]])
        #expect(chiara.contact.phones == ["+351 919 004 585", "+351 210 000 585"])
        #expect(chiara.phoneTypes == [["cell"], ["work", "voice"]])
        #expect(chiara.extras["ADR"] == [";;Av. da Liberdade 10;Lisboa;;1250-001;Portugal"])
        #expect(chiara.contact.tags == ["events", "community"])
        #expect(chiara.contact.notes == "Runs the monthly meetup")
        #expect(chiara.contact.anniversary == RecurringDate(month: 6, day: 20, year: 2015))
    }

    @Test func khardVersion4() throws {
        let zoe = try #require(try read("khard.vcf").first)
        #expect(zoe.uid == "a7c2e8f4d1b94c0e8f3a")
        #expect(zoe.contact.name == "Zoë Park")
        #expect(zoe.contact.nickname == "Z")
        #expect(zoe.contact.company == "Kite")
        #expect(zoe.extras["ORG-UNIT"] == ["Platform"])
        #expect(zoe.contact.title == "Staff Engineer")
        #expect(zoe.contact.emails == ["zoe@kite.example", "zoe.park@mail.example"])
        #expect(zoe.emailTypes == [["work"], ["home"]])
        #expect(zoe.contact.phones == ["+1-415-555-0142"])
        #expect(zoe.phoneTypes == [["cell", "voice"]])
        #expect(zoe.contact.birthday == RecurringDate(month: 2, day: 29))
        #expect(zoe.contact.anniversary == RecurringDate(month: 5, day: 11, year: 2019))
        #expect(zoe.extras["URL"] == ["https://zoe.example"])
        #expect(zoe.extras["X-JABBER"] == ["zoe@jabber.example"])
        #expect(zoe.contact.notes == "Loves climbing and Rust.")
    }

    @Test func abookVersion21() throws {
        let david = try #require(try read("abook.vcf").first)
        #expect(david.contact.name == "David Mensah")
        #expect(david.contact.nickname == "Dave")
        #expect(david.contact.emails == ["david@mensah.example", "dm@work.example"])
        #expect(david.contact.phones == ["+233 30 255 0100", "+233 24 455 0100"])
        #expect(david.phoneTypes == [["home"], ["cell"]])
        #expect(david.extras["ADR"] == [";;12 High St;Accra;;;Ghana"])
        #expect(david.extras["URL"] == ["http://mensah.example"])
        #expect(david.extras["X-ABOOK-CUSTOM1"] == ["chess"])
        #expect(david.contact.notes == "abook export")
    }

    /// Every real export survives write → read unchanged, in 4.0 and 3.0
    /// (but for CRLF inside a note, which vCard cannot escape: it comes back as LF).
    @Test(arguments: ["apple.vcf", "google.vcf", "outlook.vcf", "nextcloud.vcf", "khard.vcf", "abook.vcf"])
    func writtenBackReadsTheSame(_ name: String) throws {
        var cards = try read(name)
        for index in cards.indices {
            cards[index].contact.notes = cards[index].contact.notes.replacingOccurrences(of: "\r\n", with: "\n")
        }
        for version in VCardWriter.Version.allCases {
            let again = try VCardReader.contacts(in: VCardWriter.write(cards, version: version), now: Fixture.now)
            #expect(again.map(\.contact) == cards.map(\.contact), "\(name) \(version)")
            #expect(again.map(\.uid) == cards.map(\.uid))
            #expect(again.map(\.extras) == cards.map(\.extras), "\(name) \(version)")
            #expect(again.map(\.emailTypes) == cards.map(\.emailTypes))
            #expect(again.map(\.phoneTypes) == cards.map(\.phoneTypes))
        }
    }
}
