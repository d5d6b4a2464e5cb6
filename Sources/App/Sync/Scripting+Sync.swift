import Foundation
import Store

/// What `rapport sync` is asked: the vdirs to keep in step with the book.
public struct SyncRequest: Sendable {
    public var vdirs: [String]
    public var dryRun: Bool

    public init(vdirs: [String], dryRun: Bool = false) {
        self.vdirs = vdirs
        self.dryRun = dryRun
    }
}

extension Scripting {
    /// Syncs each vdir with the book, two ways (`VdirSync` has the rules).
    /// A folder that cannot be synced is reported in its entry; the others still are.
    ///
    /// - parameter refreshAttention: leave the attention cache current (the
    ///   dashboard's job passes false: it rescores from the change log itself).
    public func sync(_ request: SyncRequest, progress: ImportProgress? = nil,
                     refreshAttention: Bool = true) throws -> SyncReport {
        var report = SyncReport()
        report.dryRun = request.dryRun
        let engine = VdirSync(store: store, now: now, dryRun: request.dryRun, progress: progress)
        for path in request.vdirs.map(Self.absolute) {
            report.folders.append(engine.sync(path: path))
        }
        if refreshAttention && !request.dryRun && report.changedBook {
            try AttentionCache(store: store, scorer: scorer).refresh(now: now)
        }
        return report
    }
}
