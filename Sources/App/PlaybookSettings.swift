import Domain

/// Reads the playbook's tunable values from a settings table, as written in
/// `seeds/playbook.toml` and under `[playbook]` in config.toml. Only the keys
/// present change; an unknown key or a wrong type is an error that names it.
public enum PlaybookSettings {
    private enum Field {
        case number(WritableKeyPath<Playbook, Double>)
        case days(WritableKeyPath<Playbook, Int>)
        case cadence(WritableKeyPath<Playbook, Cadence>)
    }

    private static var sections: [String: [String: Field]] {
        [
            "promises": [
                "mine_weight": .number(\.promises.mineWeight), "mine_per_day": .number(\.promises.minePerDay),
                "theirs_weight": .number(\.promises.theirsWeight), "theirs_per_day": .number(\.promises.theirsPerDay),
                "maximum_days_counted": .days(\.promises.maximumDaysCounted),
                "due_today_weight": .number(\.promises.dueTodayWeight),
            ],
            "follow_up": [
                "within_days": .days(\.followUp.withinDays), "weight": .number(\.followUp.weight),
                "give_up_after_days": .days(\.followUp.giveUpAfterDays),
            ],
            "keep_in_touch": [
                "inner": .cadence(\.keepInTouch.inner), "active": .cadence(\.keepInTouch.active),
                "network": .cadence(\.keepInTouch.network), "acquaintance": .cadence(\.keepInTouch.acquaintance),
                "due_weight": .number(\.keepInTouch.dueWeight), "overdue_weight": .number(\.keepInTouch.overdueWeight),
                "per_interval_past": .number(\.keepInTouch.perIntervalPast),
                "maximum_weight": .number(\.keepInTouch.maximumWeight),
            ],
            "rapport": [
                "touches": .days(\.rapport.touches),
                "new_relationship_boost": .number(\.rapport.newRelationshipBoost),
            ],
            "give_first": [
                "asks_in_a_row": .days(\.giveFirst.asksInARow), "weight": .number(\.giveFirst.weight),
                "per_extra_ask": .number(\.giveFirst.perExtraAsk),
            ],
            "event_prep": ["within_days": .days(\.eventPrep.withinDays), "weight": .number(\.eventPrep.weight)],
            "important_dates": [
                "within_days": .days(\.importantDates.withinDays), "weight": .number(\.importantDates.weight),
            ],
        ]
    }

    /// `base` with the values of `table` applied.
    public static func apply(_ table: [String: SettingValue], to base: Playbook, file: String,
                             prefix: String = "") throws -> Playbook {
        var playbook = base
        let known = sections
        for (sectionName, value) in table.sorted(by: { $0.key < $1.key }) {
            guard let fields = known[sectionName] else {
                throw SettingsError(file: file, "unknown playbook section [\(prefix)\(sectionName)]")
            }
            guard let section = value.table else {
                throw SettingsError(file: file, "[\(prefix)\(sectionName)] must be a table")
            }
            for (key, value) in section.sorted(by: { $0.key < $1.key }) {
                let name = "\(prefix)\(sectionName).\(key)"
                guard let field = fields[key] else { throw SettingsError(file: file, "unknown playbook key \(name)") }
                try set(field, from: value, name: name, file: file, in: &playbook)
            }
        }
        return playbook
    }

    private static func set(_ field: Field, from value: SettingValue, name: String, file: String,
                            in playbook: inout Playbook) throws {
        switch field {
        case .number(let path):
            guard let number = value.number, number >= 0, number.isFinite else {
                throw SettingsError(file: file, "\(name) must be a number of 0 or more, not \(value.typeName)")
            }
            playbook[keyPath: path] = number
        case .days(let path):
            guard let days = value.int, (0...36_500).contains(days) else {
                throw SettingsError(file: file, "\(name) must be a whole number of days from 0 to 36500")
            }
            playbook[keyPath: path] = days
        case .cadence(let path):
            guard let table = value.table, let ideal = table["ideal"]?.int, let max = table["max"]?.int,
                  table.count == 2, ideal >= 1, max >= ideal, max <= 36_500 else {
                throw SettingsError(file: file, "\(name) must be { ideal = DAYS, max = DAYS } with 1 <= ideal <= max")
            }
            playbook[keyPath: path] = Cadence(idealDays: ideal, maximumDays: max)
        }
    }
}
