import Foundation
import Interop

/// Mail fixtures (Fixtures/mail, written by its make-fixtures.py) and
/// helpers shared by the mail tests.
enum MailFixture {
    static let directory = Fixture.directory.appendingPathComponent("mail")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func header(_ name: String) throws -> MailHeader {
        try MailHeaderParser.parse(bytes(name))
    }

    /// A header written inline, lines joined with LF.
    static func parse(_ lines: String...) throws(MailHeaderProblem) -> MailHeader {
        try MailHeaderParser.parse(Array((lines.joined(separator: "\n") + "\n\nBody\n").utf8))
    }

    static func utc(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }
}
