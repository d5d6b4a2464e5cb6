/// One VTIMEZONE as read: its TZID and its STANDARD/DAYLIGHT observances,
/// kept only when every observance has both offsets and a start.
struct ZoneDraft {
    struct ObservanceDraft {
        var offsetFrom: Int?
        var offsetTo: Int?
        var start: CalendarTime?
        var rule: RecurrenceRule?
        var dates: [CalendarTime] = []

        mutating func apply(_ property: CalendarLine) {
            switch property.name {
            case "TZOFFSETFROM": offsetFrom = ZoneRules.offset(property.value)
            case "TZOFFSETTO": offsetTo = ZoneRules.offset(property.value)
            case "DTSTART": start = CalendarTime.parse(property.value, zoneID: nil)
            case "RRULE": rule = try? RecurrenceRule.parse(property.raw).get()
            case "RDATE": dates += CalendarTime.parseList(property.value, zoneID: nil)
            default: break
            }
        }
    }

    var id: String?
    var observances: [ObservanceDraft] = []

    var rules: ZoneRules? {
        var kept: [ZoneRules.Observance] = []
        for observance in observances {
            guard let to = observance.offsetTo, let start = observance.start else { return nil }
            kept.append(ZoneRules.Observance(offsetFrom: observance.offsetFrom ?? to, offsetTo: to, start: start,
                                             rule: observance.rule, dates: observance.dates))
        }
        return kept.isEmpty ? nil : ZoneRules(observances: kept)
    }
}
