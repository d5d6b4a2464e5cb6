import Domain
import Foundation
import Testing
@testable import Interop

/// Real-world-shaped exports read forgivingly (values kept, each repair a
/// warning on its line) and strictly (refused with the errors rapport
/// gave before it forgave).
@Suite struct ForgivingReadTests {
    static func csv(_ name: String, _ options: ReadingOptions) throws -> ContactFileReading {
        try ContactCSV.read(Fixture.data("forgiving/" + name), now: Fixture.now, options: options)
    }

    static func lines(_ issues: [ImportIssue]) -> [String] { issues.map(\.description) }

    @Test func outlookCSV() throws {
        let reading = try Self.csv("outlook.csv", .forgiving)
        #expect(reading.issues.isEmpty)
        #expect(Self.lines(reading.warnings) == ["line 2: notes: control character U+000B replaced by a line break"])
        let byName = Dictionary(uniqueKeysWithValues: reading.contacts.map { ($0.contact.name, $0.contact) })
        let ana = try #require(byName["Ana Lima"])
        #expect(ana.birthday == RecurringDate(month: 3, day: 14, year: 1985))
        #expect(ana.anniversary == nil) // 0/0/00
        #expect(ana.notes == "Met at the fintech summit\nTwo kids")
        #expect(ana.company == "Northwind" && ana.title == "CTO" && ana.tags == ["Friends"])
        #expect(ana.phones == ["+351 912 000 111"])
        // 6/1/2010 alone could be either; the file's 3/14/1985 says month first.
        #expect(byName["Bo Lind"]?.anniversary == RecurringDate(month: 6, day: 1, year: 2010))
        #expect(byName["Bo Lind"]?.birthday == nil)
        #expect(byName["Cy Okafor"]?.birthday == RecurringDate(month: 7, day: 4, year: 1990))
    }

    @Test func outlookCSVStrictRefusesTheRowWithTheVerticalTab() throws {
        let reading = try Self.csv("outlook.csv", .strict)
        #expect(Self.lines(reading.issues) == ["line 2: notes: cannot contain control characters"])
        #expect(reading.warnings.isEmpty)
        #expect(reading.contacts.map(\.contact.name) == ["Bo Lind", "Cy Okafor"])
    }

    @Test func googleCSV() throws {
        let reading = try Self.csv("google.csv", .forgiving)
        #expect(reading.issues.isEmpty && reading.warnings.isEmpty)
        #expect(reading.contacts.map(\.contact.birthday) == [RecurringDate(month: 3, day: 14, year: 1985),
                                                             RecurringDate(month: 3, day: 14)])
        #expect(reading.contacts.map(\.contact.emails) == [["zoe@example.com"], ["leo@example.org"]])
        #expect(reading.contacts[0].contact.tags == ["Friends"])
    }

    @Test func vCardWithOddLines() throws {
        let reading = try VCardReader.read(Fixture.data("forgiving/odd-lines.vcf"), now: Fixture.now, options: .forgiving)
        #expect(reading.issues.isEmpty)
        #expect(Self.lines(reading.warnings) == [
            "line 5: not a property name: \"X-MESSAGING/XMPP-ALL\"; line dropped",
            "line 6: a stray '\"' in the parameters of EMAIL; read up to the first ':'",
            "line 7: no ':' between name and value in \"this line has no colon\"; line dropped",
        ])
        let dana = reading.contacts[0]
        #expect(dana.contact.name == "Dana Reyes")
        #expect(dana.contact.emails == ["dana@example.com"] && dana.emailTypes == [["work"]])
        #expect(dana.contact.birthday == RecurringDate(month: 3, day: 14, year: 1985))
        #expect(dana.extras["X-MESSAGING/XMPP-ALL"] == nil)
        let emil = reading.contacts[1]
        #expect(emil.contact.birthday == RecurringDate(month: 3, day: 14, year: 1985))
        #expect(emil.contact.notes == "Prefers mornings")
    }

    @Test func vCardWithOddLinesStrictIsRefusedWhole() throws {
        #expect(throws: VCardError(line: 5, reason: "not a property name: \"X-MESSAGING/XMPP-ALL\"")) {
            try VCardReader.read(Fixture.data("forgiving/odd-lines.vcf"), now: Fixture.now, options: .strict)
        }
    }

    @Test func controlCharactersInVCardFieldsAreRepaired() throws {
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN:Ana\\nFerreira\nNOTE:one\u{0B}two\u{07}\r\nEND:VCARD\n"
        let reading = try VCardReader.read(Data(text.utf8), now: Fixture.now, options: .forgiving)
        #expect(reading.contacts.first?.contact.name == "Ana Ferreira")
        #expect(reading.contacts.first?.contact.notes == "one\ntwo")
        #expect(Self.lines(reading.warnings) == [
            "line 3: FN: control character U+000A replaced by a space",
            "line 4: NOTE: control characters U+000B replaced by a line break, U+0007 removed",
        ])
    }

    @Test func aBrokenDateIsLeftEmptyWithAWarning() throws {
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN:Leap Less\nBDAY:2026-02-30\nANNIVERSARY:someday\nEND:VCARD\n"
        let reading = try VCardReader.read(Data(text.utf8), now: Fixture.now, options: .forgiving)
        #expect(reading.contacts.first?.contact.birthday == nil)
        #expect(Self.lines(reading.warnings) == ["line 4: BDAY \"2026-02-30\" is not a date; left empty",
                                                 "line 5: ANNIVERSARY \"someday\" is not a date; left empty"])
    }

    // MARK: - Ambiguous dates

    static let ambiguousCSV = Data("name,birthday\nAna,3/4/1985\nBo,5/6/1990\n".utf8)

    @Test func anAmbiguousDateIsAWarningNotAGuess() throws {
        let reading = try ContactCSV.read(Self.ambiguousCSV, now: Fixture.now, options: .forgiving)
        #expect(reading.contacts.map(\.contact.birthday) == [nil, nil])
        #expect(Self.lines(reading.warnings) == [
            "line 2: birthday \"3/4/1985\" is ambiguous (day/month); left empty — use --date-order",
            "line 3: birthday \"5/6/1990\" is ambiguous (day/month); left empty — use --date-order",
        ])
        let strict = try ContactCSV.read(Self.ambiguousCSV, now: Fixture.now, options: .strict)
        #expect(Self.lines(strict.issues) == [
            "line 2: birthday: \"3/4/1985\" is ambiguous (day/month) — use --date-order",
            "line 3: birthday: \"5/6/1990\" is ambiguous (day/month) — use --date-order",
        ])
    }

    @Test func dateOrderDecidesAmbiguousDates() throws {
        let dmy = try ContactCSV.read(Self.ambiguousCSV, now: Fixture.now, options: ReadingOptions(strict: false, dateOrder: .dmy))
        #expect(dmy.warnings.isEmpty)
        #expect(dmy.contacts.map(\.contact.birthday) == [RecurringDate(month: 4, day: 3, year: 1985),
                                                         RecurringDate(month: 6, day: 5, year: 1990)])
        let mdy = try ContactCSV.read(Self.ambiguousCSV, now: Fixture.now, options: ReadingOptions(strict: true, dateOrder: .mdy))
        #expect(mdy.issues.isEmpty)
        #expect(mdy.contacts.map(\.contact.birthday) == [RecurringDate(month: 3, day: 4, year: 1985),
                                                         RecurringDate(month: 5, day: 6, year: 1990)])
    }

    @Test func theFileOtherDatesDecide() throws {
        let data = Data("name,birthday\nAna,3/4/1985\nBo,25/12/1990\n".utf8)
        let reading = try ContactCSV.read(data, now: Fixture.now, options: .forgiving)
        #expect(reading.warnings.isEmpty)
        #expect(reading.contacts.map(\.contact.birthday) == [RecurringDate(month: 4, day: 3, year: 1985),
                                                             RecurringDate(month: 12, day: 25, year: 1990)])
        // Dates that disagree decide nothing.
        let mixed = Data("name,birthday\nAna,3/4/1985\nBo,25/12/1990\nCy,12/25/1991\n".utf8)
        let undecided = try ContactCSV.read(mixed, now: Fixture.now, options: .forgiving)
        #expect(Self.lines(undecided.warnings) == [
            "line 2: birthday \"3/4/1985\" is ambiguous (day/month); left empty — use --date-order",
        ])
    }

    @Test func anAmbiguousVCardBirthdayTakesTheFileOrder() throws {
        let text = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY:3/4/1985\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:B\nBDAY:3/31/1985\nEND:VCARD\n"
        let reading = try VCardReader.read(Data(text.utf8), now: Fixture.now, options: .forgiving)
        #expect(reading.warnings.isEmpty)
        #expect(reading.contacts.first?.contact.birthday == RecurringDate(month: 3, day: 4, year: 1985))
        let alone = try VCardReader.read(Data(text.prefix(53).utf8), now: Fixture.now, options: .forgiving)
        #expect(Self.lines(alone.warnings) == ["line 4: BDAY \"3/4/1985\" is ambiguous (day/month); left empty — use --date-order"])
    }
}
