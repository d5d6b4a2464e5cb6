import Foundation

/// Who the user is, from `[me]`: what tells mail sent from mail received.
public struct Me: Equatable, Sendable {
    public var name: String = ""
    /// Lowercased and trimmed.
    public var emails: [String] = []

    public init(name: String = "", emails: [String] = []) {
        self.name = name
        self.emails = emails.map(Me.normalized).filter { !$0.isEmpty }
    }

    public var isSet: Bool { !emails.isEmpty }

    public func owns(_ email: String) -> Bool { emails.contains(Me.normalized(email)) }

    /// As `contact_email.email_normalized`: trimmed and lowercased.
    public static func normalized(_ email: String) -> String {
        // Capture asks this of every address it reads: plain ASCII addresses,
        // nearly all of them, skip Foundation.
        var bytes = Array(email.utf8)
        guard !bytes.contains(where: { $0 >= 0x80 }) else {
            return email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        }
        while let last = bytes.last, last <= 0x20 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 > 0x20 } ?? bytes.endIndex
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    /// Said when capture cannot tell sent from received.
    public static let missingHint = "set who you are first: [me] name = \"…\" and emails = [\"you@example.com\"] in config.toml"
}

/// `[capture]`: the sources the background job and a bare `rapport capture`
/// read, and the rules for what becomes a touch.
public struct CaptureSettings: Equatable, Sendable {
    public var mail: [String] = []
    public var calendars: [String] = []
    /// Whether a captured email keeps its subject as the touch's summary.
    public var subjects = true
    /// A message to more people than this is no personal touch.
    public var maxRecipients = 10
    /// Calendar events up to this many days ahead become rapport events.
    public var horizonDays = 30
    /// Seconds between the dashboard's background captures.
    public var intervalSeconds = 60

    public init() {}

    static func parse(_ table: [String: SettingValue], file: String, environment: [String: String]) throws -> CaptureSettings {
        var settings = CaptureSettings()
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "mail", "calendars":
                guard case .array(let list) = value, list.allSatisfy({ $0.string?.isEmpty == false }) else {
                    throw SettingsError(file: file, "capture.\(key) must be a list of paths")
                }
                let paths = list.compactMap(\.string).map { expandingTilde($0, environment: environment) }
                if key == "mail" { settings.mail = paths } else { settings.calendars = paths }
            case "subjects":
                guard let flag = value.bool else { throw SettingsError(file: file, "capture.subjects must be true or false") }
                settings.subjects = flag
            case "max_recipients":
                guard let count = value.int, (1...1_000).contains(count) else {
                    throw SettingsError(file: file, "capture.max_recipients must be a whole number from 1 to 1000")
                }
                settings.maxRecipients = count
            case "horizon_days":
                guard let days = value.int, (0...366).contains(days) else {
                    throw SettingsError(file: file, "capture.horizon_days must be a whole number from 0 to 366")
                }
                settings.horizonDays = days
            case "interval_seconds":
                guard let seconds = value.int, (5...86_400).contains(seconds) else {
                    throw SettingsError(file: file, "capture.interval_seconds must be a whole number from 5 to 86400")
                }
                settings.intervalSeconds = seconds
            default:
                throw SettingsError(file: file, "unknown setting capture.\(key)")
            }
        }
        return settings
    }

    static func parseMe(_ table: [String: SettingValue], file: String) throws -> Me {
        var name = ""
        var emails: [String] = []
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "name":
                guard let text = value.string else { throw SettingsError(file: file, "me.name must be a string") }
                name = text
            case "emails", "email":
                switch value {
                case .string(let one): emails = [one]
                case .array(let list) where list.allSatisfy({ $0.string != nil }): emails = list.compactMap(\.string)
                default: throw SettingsError(file: file, "me.emails must be a list of addresses")
                }
                if let bad = emails.first(where: { !$0.contains("@") }) {
                    throw SettingsError(file: file, "me.emails: \"\(bad)\" is not an email address")
                }
            default:
                throw SettingsError(file: file, "unknown setting me.\(key)")
            }
        }
        return Me(name: name, emails: emails)
    }

    /// `~/Mail` as a shell would read it; config files are written by hand.
    static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
}
