import UI

/// Keys to commands: the defaults of `Command`, with the user's `[keys]`
/// table merged over them by command id. A user binding replaces that
/// command's defaults; a key bound twice is reported, and the later
/// (user) binding wins.
public struct Keymap: Sendable {
    public private(set) var keys: [Command: [Key]]
    private var commands: [Key: Command]
    /// Problems found while merging the user's table, for the status line.
    public private(set) var warnings: [String] = []

    public static let standard = Keymap(overrides: [:])

    public init(overrides: [String: [String]]) {
        var keys: [Command: [Key]] = [:]
        var warnings: [String] = []
        for command in Command.allCases {
            keys[command] = command.defaultKeys.compactMap(KeyName.parse)
        }
        for (id, names) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let command = Command(rawValue: id) else {
                warnings.append("keys: unknown command \(id)")
                continue
            }
            let parsed = names.compactMap(KeyName.parse)
            for name in names where KeyName.parse(name) == nil { warnings.append("keys.\(id): unknown key \(name)") }
            if !parsed.isEmpty { keys[command] = parsed }
        }
        // User bindings first, so a key they chose is theirs even if a default had it.
        var commands: [Key: Command] = [:]
        let userFirst = Command.allCases.sorted { a, b in
            (overrides[a.rawValue] != nil ? 0 : 1) < (overrides[b.rawValue] != nil ? 0 : 1)
        }
        for command in userFirst {
            var kept: [Key] = []
            for key in keys[command] ?? [] {
                if let owner = commands[key] {
                    if overrides[command.rawValue] != nil {
                        warnings.append("keys: \(KeyName.name(of: key)) is bound to both \(owner.rawValue) and \(command.rawValue)")
                    }
                    continue
                }
                commands[key] = command
                kept.append(key)
            }
            keys[command] = kept
        }
        self.keys = keys
        self.commands = commands
        self.warnings = warnings
    }

    public func command(for key: Key) -> Command? { commands[key] }

    /// "j/Down" style text for the help screen and hints.
    public func keyLabel(_ command: Command) -> String {
        (keys[command] ?? []).map(KeyName.name(of:)).joined(separator: "/")
    }

    /// One key for a compact status line: a single character when the
    /// command has one (`j` rather than `Down`), else the first.
    public func shortKey(_ command: Command) -> String {
        let names = (keys[command] ?? []).map(KeyName.name(of:))
        return names.first { $0.count == 1 } ?? names.first ?? ""
    }
}
