import Domain
import Foundation
@testable import Store
import TestSupport

/// A fresh folder under the temp folder, removed when released.
final class Scratch {
    let path: String

    init(_ label: String = "reliability") {
        path = NSTemporaryDirectory() + "rapport-\(label)-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Tests may leave read-only folders behind; make them removable first.
        if let paths = FileManager.default.enumerator(atPath: path) {
            for case let item as String in paths { chmod(path + "/" + item, 0o700) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A database path in a not-yet-existing subfolder.
    var database: String { path + "/data/rapport.sqlite" }

    private var serverBook: String?

    /// The book a test of the Store contract opens: `database`, or, when the
    /// contract runs on PostgreSQL (`RAPPORT_TEST_STORE=postgres`), a fresh
    /// database on the test server, the same for every call on this scratch.
    func book() throws -> String {
        guard TestEngine.isPostgres else { return database }
        if let serverBook { return serverBook }
        let url = try PostgresTestServer.freshDatabase(prefix: "reliability")
        serverBook = url
        return url
    }

    func files(in sub: String = "data") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + sub)) ?? []).sorted()
    }
}

enum Clock {
    /// 2026-03-10T09:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_773_133_200)

    static func days(_ n: Double, from date: Date = now) -> Date { date.addingTimeInterval(n * 86_400) }

    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }
}

/// A small, fast, seedable generator (SplitMix64): the same seed gives the
/// same inputs on every machine, so a failure in `make test` reproduces.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}


func posixMode(_ path: String) -> Int? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return Int(info.st_mode & 0o777)
}

/// The repository's root, from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

extension Store {
    func integrityCheck() throws -> String {
        try read { try $0.fetchString(sql: "PRAGMA integrity_check") ?? "" }
    }

    func count(_ table: String) throws -> Int {
        try read { Int(try $0.fetchString(sql: "SELECT count(*) FROM \(table)") ?? "") ?? -1 }
    }
}
