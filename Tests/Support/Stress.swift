import Foundation

/// Settings that `make stress` turns up: `RAPPORT_STRESS=1` for long runs,
/// `RAPPORT_SEED` to replay one.
public enum Stress {
    public static var environment: [String: String] { ProcessInfo.processInfo.environment }
    public static var enabled: Bool { environment["RAPPORT_STRESS"] == "1" }

    /// The fixed seed in `make test`, a random one (printed) under stress.
    public static var seed: UInt64 {
        if let text = environment["RAPPORT_SEED"], let seed = UInt64(text) { return seed }
        return enabled ? UInt64.random(in: 1...UInt64.max) : 20_260_310
    }

    public static func count(_ key: String, bounded: Int, stress: Int) -> Int {
        if let text = environment[key], let n = Int(text) { return n }
        return enabled ? stress : bounded
    }

    /// One line `make stress` collects into its summary.
    public static func figure(_ text: String) {
        print("FIGURE: \(text)")
    }
}
