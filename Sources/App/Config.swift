import Domain
import Foundation

/// The user's settings from `$XDG_CONFIG_HOME/rapport/config.toml`: read,
/// never executed. A missing file means every default.
public struct Config: Equatable, Sendable {
    public var theme: String?
    /// `database = "…"`: the book's file, or a team's `postgres://` URL,
    /// used when neither `--db` nor `$RAPPORT_DB` names one.
    public var database: String?
    /// Seconds between background rescorings of attention.
    public var rescoreSeconds: Int = 60
    public var playbook: Playbook = .standard
    /// Key overrides by command id, merged over the defaults by the keymap.
    public var keys: [String: [String]] = [:]
    public var me = Me()
    public var capture = CaptureSettings()
    public var sync = SyncSettings()

    public init() {}

    public static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/rapport/config.toml"
    }

    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
        try parse(SettingsReader.load(path: path), file: path, environment: environment)
    }

    public static func parse(_ table: [String: SettingValue], file: String,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
        var config = Config()
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "theme":
                guard let name = value.string, !name.isEmpty else {
                    throw SettingsError(file: file, "theme must be a theme name such as \"light\"")
                }
                config.theme = name
            case "database":
                guard let location = value.string, !location.isEmpty else {
                    throw SettingsError(file: file, "database must be a file path or a postgres:// URL")
                }
                config.database = location
            case "rescore_seconds":
                guard let seconds = value.int, (5...86_400).contains(seconds) else {
                    throw SettingsError(file: file, "rescore_seconds must be a whole number from 5 to 86400")
                }
                config.rescoreSeconds = seconds
            case "playbook":
                guard let sections = value.table else { throw SettingsError(file: file, "[playbook] must be a table") }
                config.playbook = try PlaybookSettings.apply(sections, to: .standard, file: file, prefix: "playbook.")
            case "keys":
                guard let keys = value.table else { throw SettingsError(file: file, "[keys] must be a table") }
                for (command, binding) in keys {
                    switch binding {
                    case .string(let key): config.keys[command] = [key]
                    case .array(let list) where list.allSatisfy({ $0.string != nil }):
                        config.keys[command] = list.compactMap(\.string)
                    default:
                        throw SettingsError(file: file, "keys.\(command) must be a key or a list of keys")
                    }
                }
            case "me":
                guard let me = value.table else { throw SettingsError(file: file, "[me] must be a table") }
                config.me = try CaptureSettings.parseMe(me, file: file)
            case "capture":
                guard let capture = value.table else { throw SettingsError(file: file, "[capture] must be a table") }
                config.capture = try CaptureSettings.parse(capture, file: file, environment: environment)
            case "sync":
                guard let sync = value.table else { throw SettingsError(file: file, "[sync] must be a table") }
                config.sync = try SyncSettings.parse(sync, file: file, environment: environment)
            default:
                throw SettingsError(file: file, "unknown setting \(key)")
            }
        }
        return config
    }
}
