import Foundation
@testable import Interop

/// Fixture files are read by path, relative to this source file, which works
/// the same on Linux and macOS without resource bundles.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func contacts(_ name: String) throws -> [ImportedContact] {
        try VCardReader.contacts(in: data(name), now: now)
    }

    /// The error reading `name` gives, or nil when it reads fine.
    static func error(_ name: String) throws -> VCardError? {
        do {
            _ = try VCardReader.contacts(in: data(name), now: now)
            return nil
        } catch let error as VCardError {
            return error
        }
    }
}
