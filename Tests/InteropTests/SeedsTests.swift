import Domain
import Foundation
import Testing
@testable import Interop

/// The demo data in `seeds/` reads cleanly and hangs together.
@Suite struct SeedsTests {
    static let seeds = Fixture.repository.appendingPathComponent("seeds")

    @Test func contactsParseWithoutError() throws {
        let data = try Data(contentsOf: Self.seeds.appendingPathComponent("contacts.vcf"))
        let contacts = try VCardReader.contacts(in: data, now: Fixture.now)
        #expect(contacts.count == 40)
        let uids = contacts.compactMap(\.uid)
        #expect(Set(uids).count == 40)
        #expect(Set(contacts.map(\.contact.circle)) == Set(Circle.allCases))
        #expect(contacts.allSatisfy { !$0.contact.emails.isEmpty && !$0.contact.tags.isEmpty })
        #expect(contacts.contains { $0.contact.name == "José Álvarez" })
        #expect(contacts.contains { $0.contact.name == "王芳" && $0.contact.nickname == "Fiona" })
        #expect(contacts.contains { $0.contact.birthday != nil && $0.contact.birthday?.year == nil })
        #expect(contacts.contains { $0.contact.cadenceOverride != nil })
        #expect(contacts.filter { $0.extras.keys.contains { $0.hasPrefix("X-") } }.isEmpty)
    }

    @Test func everyUIDInHistoryExists() throws {
        let vcf = try Data(contentsOf: Self.seeds.appendingPathComponent("contacts.vcf"))
        let known = Set(try VCardReader.contacts(in: vcf, now: Fixture.now).compactMap(\.uid))
        let history = try String(contentsOf: Self.seeds.appendingPathComponent("history.toml"), encoding: .utf8)

        var referenced: [String] = []
        for line in history.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard ["uid", "with", "attendees"].contains(where: { trimmed.hasPrefix($0 + " =") }) else { continue }
            // The quoted strings on the line, before any comment.
            let value = trimmed.split(separator: "#", maxSplits: 1).first ?? ""
            let quoted = value.split(separator: "\"", omittingEmptySubsequences: false)
            referenced += stride(from: 1, to: quoted.count, by: 2).map { String(quoted[$0]) }
        }
        #expect(referenced.count > 200)
        let unknown = Set(referenced).subtracting(known)
        #expect(unknown.isEmpty, "unknown UIDs in history.toml: \(unknown.sorted())")
    }
}
