/// The tunable defaults of the relationship playbook (DESIGN.md). The
/// standard values mirror `seeds/playbook.toml`, which documents each one;
/// a test keeps the two equal.
public struct Playbook: Hashable, Codable, Sendable {
    /// Rule 1: keep promises.
    public struct Promises: Hashable, Codable, Sendable {
        public var mineWeight: Double = 100
        public var minePerDay: Double = 10
        public var theirsWeight: Double = 20
        public var theirsPerDay: Double = 2
        /// Days overdue after which the score stops growing.
        public var maximumDaysCounted: Int = 60
        /// An open promise of mine due today: a nudge, not an alarm.
        public var dueTodayWeight: Double = 15
    }

    /// Rule 2: follow up after meeting someone.
    public struct FollowUp: Hashable, Codable, Sendable {
        public var withinDays: Int = 2
        public var weight: Double = 40
        /// After this many days the keep-in-touch cadence takes over.
        public var giveUpAfterDays: Int = 30
    }

    /// Rule 3: keep in touch, again and again.
    public struct KeepInTouch: Hashable, Codable, Sendable {
        public var inner = Cadence(idealDays: 14, maximumDays: 21)
        public var active = Cadence(idealDays: 30, maximumDays: 45)
        public var network = Cadence(idealDays: 90, maximumDays: 120)
        public var acquaintance = Cadence(idealDays: 180, maximumDays: 365)
        public var dueWeight: Double = 10
        public var overdueWeight: Double = 30
        /// Added for each further ideal interval of silence past the ideal.
        public var perIntervalPast: Double = 10
        /// The most that silence alone can weigh, before the new-relationship
        /// boost: kept below an overdue promise of mine, which must dominate.
        public var maximumWeight: Double = 50
    }

    /// Rule 4: rapport takes several interactions.
    public struct Rapport: Hashable, Codable, Sendable {
        public var touches: Int = 7
        /// How much more a silence weighs for a brand-new relationship
        /// (1.0: up to twice as much with a single touch).
        public var newRelationshipBoost: Double = 0.5
    }

    /// Rule 5: give before you ask.
    public struct GiveFirst: Hashable, Codable, Sendable {
        public var asksInARow: Int = 2
        public var weight: Double = 15
        public var perExtraAsk: Double = 5
    }

    /// Rule 6: prepare for events.
    public struct EventPrep: Hashable, Codable, Sendable {
        public var withinDays: Int = 7
        public var weight: Double = 25
    }

    /// Rule 7: important dates.
    public struct ImportantDates: Hashable, Codable, Sendable {
        public var withinDays: Int = 7
        public var weight: Double = 15
    }

    public var promises = Promises()
    public var followUp = FollowUp()
    public var keepInTouch = KeepInTouch()
    public var rapport = Rapport()
    public var giveFirst = GiveFirst()
    public var eventPrep = EventPrep()
    public var importantDates = ImportantDates()

    public init() {}

    public static let standard = Playbook()

    /// The cadence a contact is held to: its own override, else its circle's;
    /// nil for the archived circle, which is never due.
    public func cadence(for contact: Contact) -> Cadence? {
        cadence(circle: contact.circle, override: contact.cadenceOverride)
    }

    public func cadence(circle: Circle, override: Cadence?) -> Cadence? {
        if let override { return override }
        switch circle {
        case .inner: return keepInTouch.inner
        case .active: return keepInTouch.active
        case .network: return keepInTouch.network
        case .acquaintance: return keepInTouch.acquaintance
        case .archived: return nil
        }
    }
}
