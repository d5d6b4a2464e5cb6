/// `[sync]`: the vdirs a bare `rapport sync` and the dashboard's background job keep in step.
public struct SyncSettings: Equatable, Sendable {
    public var vdirs: [String] = []
    /// Seconds between the dashboard's background syncs.
    public var intervalSeconds = 300

    public init() {}

    static func parse(_ table: [String: SettingValue], file: String, environment: [String: String]) throws -> SyncSettings {
        var settings = SyncSettings()
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "vdirs":
                guard case .array(let list) = value, list.allSatisfy({ $0.string?.isEmpty == false }) else {
                    throw SettingsError(file: file, "sync.vdirs must be a list of folders")
                }
                settings.vdirs = list.compactMap(\.string).map { CaptureSettings.expandingTilde($0, environment: environment) }
            case "interval_seconds":
                guard let seconds = value.int, (5...86_400).contains(seconds) else {
                    throw SettingsError(file: file, "sync.interval_seconds must be a whole number from 5 to 86400")
                }
                settings.intervalSeconds = seconds
            default:
                throw SettingsError(file: file, "unknown setting sync.\(key)")
            }
        }
        return settings
    }
}
