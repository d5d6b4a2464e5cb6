import Domain
import Foundation
import Store

extension Scripting {
    /// Loads the demo data set (built in, or a folder) into this (empty) database.
    public func demo(seeds: DemoSeeds.Source = .builtIn) throws -> DemoSeeds.Summary {
        let count = try store.contactCount(includeArchived: true)
        guard count == 0 else {
            throw ScriptingError("\(store.path) already has \(count) contact\(count == 1 ? "" : "s"); "
                                 + "the demo loads only into an empty database (try --db /tmp/demo.sqlite)")
        }
        do {
            return try DemoSeeds.load(from: seeds, into: store, now: now, calendar: calendar)
        } catch let error as SettingsError {
            throw ScriptingError("\(error)")
        }
    }
}
