import Foundation
@testable import App

/// A fresh database in its own temp folder, removed when released, and a
/// Scripting on it at a fixed "now" in UTC, so no test depends on the clock.
final class ScriptingFixture {
    let folder: String
    let store: Store
    var now: Date

    /// 2026-03-10T09:00:00Z, a Tuesday.
    static let now = Date(timeIntervalSince1970: 1_773_133_200)

    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    init(now: Date = ScriptingFixture.now) throws {
        folder = NSTemporaryDirectory() + "rapport-scripting-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try Store(path: folder + "/rapport.sqlite")
        self.now = now
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func scripting(playbook: Playbook = .standard) -> Scripting {
        Scripting(store: store, playbook: playbook, now: now, calendar: ScriptingFixture.utc)
    }

    var today: Day { Day(now, in: ScriptingFixture.utc) }

    /// Adds a contact by name with optional fields, through the command's own checks.
    @discardableResult
    func add(_ name: String, company: String? = nil, circle: String? = nil, metOn: String? = nil) throws -> Contact {
        var input = NewContact(name: name)
        input.company = company
        input.circle = circle
        input.metOn = metOn
        return try scripting().add(input)
    }

    /// Everything in the book as one JSON text: equal before and after means nothing was written.
    func everything() throws -> String {
        let snapshot = try store.snapshot()
        let names = Dictionary(snapshot.contacts.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { a, _ in a })
        return JSONValue.array([
            ScriptJSON.list(snapshot.contacts),
            .array(snapshot.interactions.map { ScriptJSON.interaction($0, names: names) }),
            .array(snapshot.promises.map(ScriptJSON.promise)),
            ScriptJSON.events(snapshot.events, names: names),
            .array(snapshot.snoozes.map { .string("\($0.contactID) \($0.until.iso)") }),
        ]).text
    }
}
