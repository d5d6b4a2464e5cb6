import Domain
import Foundation
@testable import Store
import TestSupport

/// A fresh folder under the system temp folder, removed when released.
final class TempFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "rapport-store-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A database path inside a not-yet-existing subfolder, so Store creates both.
    var databasePath: String { path + "/data/rapport.sqlite" }

    private var serverBook: String?

    /// The book a contract test opens: `databasePath`, or, when the suite
    /// runs on PostgreSQL (`RAPPORT_TEST_STORE=postgres`), a fresh database
    /// on the test server, the same for every call on this folder.
    func book() throws -> String {
        guard TestEngine.isPostgres else { return databasePath }
        if let serverBook { return serverBook }
        let url = try PostgresTestServer.freshDatabase(prefix: "store")
        serverBook = url
        return url
    }

    func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/data")) ?? []).sorted()
    }
}

/// Fixed instants, so tests never depend on the clock.
enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func at(days: Double, hours: Double = 0) -> Date {
        t0.addingTimeInterval(days * 86_400 + hours * 3_600)
    }

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static func contact(_ name: String, nickname: String = "", days: Double = 0) -> Contact {
        Contact(name: name, nickname: nickname, createdAt: at(days: days))
    }
}

func posixMode(_ path: String) -> Int? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
          let mode = attributes[.posixPermissions] as? NSNumber else { return nil }
    return mode.intValue & 0o777
}

func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
