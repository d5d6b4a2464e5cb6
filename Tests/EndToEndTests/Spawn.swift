import Foundation

/// Runs a program to its end (see `Child`), optionally capturing its output.
enum Spawn {
    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                    capture: Bool = false) throws -> Result {
        let (status, output) = try Child(path, arguments, environment: environment, capture: capture).wait()
        return Result(status: status, output: output)
    }
}
