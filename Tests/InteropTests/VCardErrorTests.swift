import Foundation
import Testing
@testable import Interop

@Suite struct VCardErrorTests {
    /// Each broken fixture, the line its error must name, and words its reason must hold.
    static let broken: [(file: String, line: Int, reason: String)] = [
        ("missing-end.vcf", 6, "BEGIN:VCARD without END:VCARD"),
        ("nested-begin.vcf", 1, "BEGIN:VCARD without END:VCARD"),
        ("stray-end.vcf", 5, "END:VCARD without BEGIN:VCARD"),
        ("no-name.vcf", 5, "card has neither FN nor N"),
        ("bad-bday.vcf", 8, "BDAY 2026-02-30 is not a date"),
        ("no-colon.vcf", 4, "no ':' between name and value"),
        ("bad-version.vcf", 2, "unsupported vCard version \"5.0\""),
        ("text-before.vcf", 1, "expected BEGIN:VCARD, found \"Contacts exported 2026-11-20\""),
        ("bad-circle.vcf", 5, "X-RAPPORT-CIRCLE bestie is not one of inner, active, network, acquaintance, archived"),
        ("bad-cadence.vcf", 4, "X-RAPPORT-CADENCE 30/7 is not IDEAL/MAX days"),
        ("bad-met-on.vcf", 4, "X-RAPPORT-MET-ON yesterday is not a date"),
        ("control-in-name.vcf", 3, "FN contains a control character (U+000A)"),
        ("bad-property-name.vcf", 4, "not a property name: \"E MAIL\""),
    ]

    @Test(arguments: broken)
    func brokenFileNamesItsLine(file: String, line: Int, reason: String) throws {
        let error = try #require(try Fixture.error("broken/" + file))
        #expect(error.line == line, "\(file): \(error)")
        #expect(error.reason.contains(reason), "\(file): \(error)")
        #expect(error.description == "line \(error.line): \(error.reason)")
    }

    @Test func everyBrokenFixtureIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: Fixture.directory.appendingPathComponent("broken").path)
        #expect(Set(files) == Set(Self.broken.map(\.file)))
    }

    @Test func emptyNameIsNotNoName() {
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN: \nN:;;;;\nEND:VCARD\n"
        #expect(throws: VCardError(line: 1, reason: "card has an empty name (FN and N are blank)")) {
            try VCardReader.contacts(in: text, now: Fixture.now)
        }
    }

    @Test func otherBeginInsideACard() {
        let text = "BEGIN:VCARD\nVERSION:4.0\nFN:X\nBEGIN:VCALENDAR\nEND:VCARD\n"
        #expect(throws: VCardError(line: 4, reason: "BEGIN:\"VCALENDAR\" inside the card that begins on line 1")) {
            try VCardReader.cards(in: text)
        }
    }

    @Test func errorTextShowsControlCharactersAndIsShort() throws {
        let text = "\u{1B}[31m" + String(repeating: "x", count: 10_000) + "\n"
        let error = try #require(throws: VCardError.self) { try VCardReader.cards(in: text) }
        #expect(error.line == 1)
        #expect(!error.reason.contains("\u{1B}"))
        #expect(error.reason.contains("\\u{1b}"))
        #expect(error.reason.count < 100)
    }
}
