import Foundation
import Testing
@testable import App
import UI

/// An in-memory terminal: records frames and plays keys, each once a given
/// text is on screen, so the test follows the dashboard's own pace.
final class ScriptedBackend: Backend {
    var size: Size
    private(set) var frames = 0
    private(set) var screen = ""
    private var script: [(waitFor: String, key: Key)]
    private let deadline = Date().addingTimeInterval(20)
    private(set) var timedOut = false

    init(size: Size, script: [(waitFor: String, key: Key)]) {
        self.size = size
        self.script = script
    }

    func draw(_ buffer: Buffer) {
        frames += 1
        screen = buffer.lines.joined(separator: "\n")
    }

    func nextKey(timeoutMilliseconds: Int) -> Key? {
        if Date() > deadline {
            timedOut = true
            return .control("c")
        }
        guard let next = script.first, screen.contains(next.waitFor) else {
            Thread.sleep(forTimeInterval: Double(timeoutMilliseconds) / 1000)
            return nil
        }
        script.removeFirst()
        return next.key
    }

    func suspend() {}
    func close() {}
}

/// The real runtime (UI loop, background scoring, write queue) on a real
/// SQLite file: keys in, database rows out.
@Suite struct DashboardRuntimeTests {
    func demoStore() throws -> (Store, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-runtime-\(UUID().uuidString)")
        let store = try Store(path: folder.appendingPathComponent("rapport.sqlite").path)
        try DemoSeeds.load(from: repositoryRoot.appendingPathComponent("seeds"), into: store, now: Date(),
                           calendar: .current)
        return (store, folder)
    }

    @Test func keysBecomeStoreWrites() throws {
        let (store, folder) = try demoStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let open = try store.openPromises().filter { $0.owner == .mine }.count
        let interactions = try store.snapshot().interactions.count
        let backend = ScriptedBackend(size: Size(width: 120, height: 40), script: [
            ("Needs attention", .character("x")),            // mark the top promise done
            ("done:", .character("l")),                      // log an interaction
            ("Log an interaction", .character("H")),
            ("H", .character("i")),
            ("Hi", .enter),
            ("logged", .character("q")),
        ])
        Dashboard(backend: backend, store: store, config: Config(), calendar: .current, loadDemo: { _ in }).run()
        #expect(!backend.timedOut, "screen was:\n\(backend.screen)")
        #expect(try store.openPromises().filter { $0.owner == .mine }.count == open - 1)
        let after = try store.snapshot().interactions
        #expect(after.count == interactions + 1)
        #expect(after.contains { $0.summary == "Hi" })
    }

    /// Lists hold contacts without their longer text; the edit form must
    /// start from the whole contact, or saving it would erase what it lacks.
    @Test func editingAndSavingKeepsEveryField() throws {
        let (store, folder) = try demoStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AttentionCache(store: store, scorer: AttentionScorer(calendar: .current)).refresh(now: Date())
        // The top of the attention list (its fields below do not change its score).
        let top = try #require(try store.contactsByAttention(limit: 1).first?.contact)
        var full = try #require(try store.contact(id: top.id!))
        full.notes = "Prefers mornings\nAllergic to nuts"
        full.drives = "Shipping the pilot"
        full.emails = ["one@example.com", "two@example.com"]
        full.phones = ["+34 600 000 000"]
        full.metAt = "Web Summit"
        full.metVia = "Ana"
        try store.update(full)
        let backend = ScriptedBackend(size: Size(width: 120, height: 40), script: [
            ("Timeline · \(top.name)", .character("e")),
            ("Edit \(top.name)", .enter),
            ("saved", .character("q")),
        ])
        Dashboard(backend: backend, store: store, config: Config(), calendar: .current, loadDemo: { _ in }).run()
        #expect(!backend.timedOut, "screen was:\n\(backend.screen)")
        let after = try #require(try store.contact(id: top.id!))
        #expect(after.notes == full.notes && after.drives == full.drives && after.emails == full.emails
                && after.phones == full.phones && after.metAt == full.metAt && after.metVia == full.metVia)
    }

    @Test func welcomeKeyLoadsTheDemoAndUndoTakesBackAnArchive() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-runtime-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(path: folder.appendingPathComponent("rapport.sqlite").path)
        let backend = ScriptedBackend(size: Size(width: 80, height: 24), script: [
            ("Welcome to rapport", .character("D")),
            ("Needs attention", .character("d")),
            ("archived", .character("u")),
            ("undone: archived", .character("q")),
        ])
        let seeds = repositoryRoot.appendingPathComponent("seeds")
        Dashboard(backend: backend, store: store, config: Config(), calendar: .current, loadDemo: { store in
            try DemoSeeds.load(from: seeds, into: store, now: Date(), calendar: .current)
        }).run()
        #expect(!backend.timedOut, "screen was:\n\(backend.screen)")
        #expect(try store.contactCount() == 40)
        #expect(try store.contacts(includeArchived: true).filter(\.archived).count == 2) // the demo's own two
    }
}
