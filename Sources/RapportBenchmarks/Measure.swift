import Foundation

/// Monotonic time in nanoseconds (CLOCK_MONOTONIC: system-wide, so a child
/// process's stamps compare with the parent's).
func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Runs `body` once and returns its duration in milliseconds.
@discardableResult
func timed(_ body: () throws -> Void) rethrows -> Double {
    let start = monotonicNanos()
    try body()
    return Double(monotonicNanos() - start) / 1e6
}

/// Samples of one figure, in milliseconds (or MB for memory).
struct Figure: Codable {
    var name: String
    var size: Int
    var unit: String
    var samples: [Double]
    var target: String
    /// Where the book was: "sqlite" (a file) or "postgres" (a server on loopback).
    var engine = "sqlite"

    var median: Double { percentile(50) }
    var p99: Double { percentile(99) }

    /// Nearest-rank percentile.
    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}

enum Report {
    static func format(_ value: Double) -> String {
        if value.isNaN { return "-" }
        if value >= 100 { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        if value >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }

    /// One row per figure name: median and p99 at each size, growth from the
    /// smallest to the largest size, and the target. With `against` (the
    /// SQLite figures of the same run), each size also gets the ratio of
    /// this median to the SQLite figure of the same name.
    static func table(_ figures: [Figure], sizes: [Int], against baseline: [Figure]? = nil) -> String {
        var names: [String] = []
        for f in figures where !names.contains(f.name) { names.append(f.name) }
        var header = "| figure | unit |"
        var rule = "|---|---|"
        for s in sizes {
            header += " \(label(s)) median | \(label(s)) p99 |"
            rule += "---:|---:|"
            if baseline != nil { header += " \(label(s)) ×SQLite |"; rule += "---:|" }
        }
        header += " growth \(label(sizes.first ?? 0))→\(label(sizes.last ?? 0)) | target |"
        rule += "---:|---|"
        var lines = [header, rule]
        for name in names {
            let row = figures.filter { $0.name == name }
            guard let unit = row.first?.unit else { continue }
            var line = "| \(name) | \(unit) |"
            for s in sizes {
                if let f = row.first(where: { $0.size == s }) {
                    line += " \(format(f.median)) | \(format(f.p99)) |"
                } else {
                    line += " - | - |"
                }
                if let baseline {
                    if let f = row.first(where: { $0.size == s }),
                       let base = baseline.first(where: { $0.name == name && $0.size == s }), base.median > 0 {
                        line += " \(format(f.median / base.median)) |"
                    } else {
                        line += " - |"
                    }
                }
            }
            let first = row.first { $0.size == sizes.first }, last = row.first { $0.size == sizes.last }
            if let first, let last, first.median > 0, sizes.count > 1 {
                line += " ×\(format(last.median / first.median)) |"
            } else {
                line += " - |"
            }
            line += " \(row.last?.target ?? "") |"
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func label(_ size: Int) -> String {
        size >= 1000 && size % 1000 == 0 ? "\(size / 1000)k" : "\(size)"
    }
}

/// Peak resident memory of this process since it started (its `VmHWM`), in
/// MB: `getrusage`'s maxrss would include the memory of the process that
/// spawned it (see `PeakSampler`).
func peakResidentMB() -> Double {
    Double(highWaterKB(of: nil) ?? 0) / 1024
}
