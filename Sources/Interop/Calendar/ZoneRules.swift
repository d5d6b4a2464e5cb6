/// A zone as a file's VTIMEZONE defines it: STANDARD and DAYLIGHT
/// observances, each starting at its DTSTART (wall clock, read with
/// TZOFFSETFROM) and recurring yearly by its RRULE (`BYMONTH=3;BYDAY=-1SU`,
/// `BYMONTH=10;BYDAY=2SU`) or on its RDATEs.
///
/// Used for TZIDs that neither the IANA database nor the Windows table
/// knows: Outlook's "Customized Time Zone" and other private names.
struct ZoneRules {
    struct Observance {
        var offsetFrom: Int
        var offsetTo: Int
        var start: CalendarTime
        var rule: RecurrenceRule?
        var dates: [CalendarTime] = []
    }

    var observances: [Observance]

    /// The offset of the observance that began last at or before `seconds`;
    /// before all of them, the first one's TZOFFSETFROM.
    func offset(atUTC seconds: Int) -> Int {
        var best: (onset: Int, offset: Int)?
        for observance in observances {
            guard let onset = latestOnset(observance, atOrBefore: seconds) else { continue }
            if best == nil || onset > best!.onset { best = (onset, observance.offsetTo) }
        }
        if let best { return best.offset }
        return observances.min(by: { $0.start.local < $1.start.local })?.offsetFrom ?? 0
    }

    private func latestOnset(_ observance: Observance, atOrBefore seconds: Int) -> Int? {
        let first = observance.start.local - observance.offsetFrom
        guard first <= seconds else { return nil }
        var latest = first
        for date in observance.dates {
            let onset = date.local - (date.isUTC ? 0 : observance.offsetFrom)
            if onset <= seconds, onset > latest { latest = onset }
        }
        guard let rule = observance.rule, rule.frequency == .yearly else { return latest }
        let year = CivilDate.date(days: CivilDate.floorDiv(seconds, 86_400)).year
        let (_, month0, day0) = CivilDate.date(days: observance.start.day)
        let months = rule.byMonth.isEmpty ? [month0] : rule.byMonth
        let expander = RecurrenceExpander(rule: rule, start: observance.start, toUTC: { $0 - observance.offsetFrom })
        for candidateYear in [year - 1, year] where candidateYear >= CivilDate.minimumYear && candidateYear <= CivilDate.maximumYear {
            for month in months {
                for day in expander.monthDays(year: candidateYear, month: month, defaultDay: day0) {
                    let local = day * 86_400 + observance.start.secondOfDay
                    let onset = local - observance.offsetFrom
                    guard onset >= first, onset <= seconds, onset > latest else { continue }
                    if let until = rule.until, (until.isUTC ? onset : local) > until.local { continue }
                    latest = onset
                }
            }
        }
        return latest
    }

    /// `+0100`, `-0530`, `+053000`; nil for anything else.
    static func offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        let digits = Array(bytes.drop(while: { $0 == 0x20 }))
        guard digits.count == 5 || digits.count == 7, digits[0] == UInt8(ascii: "+") || digits[0] == UInt8(ascii: "-") else {
            return nil
        }
        var values: [Int] = []
        var index = 1
        while index + 1 < digits.count {
            let high = digits[index] &- UInt8(ascii: "0"), low = digits[index + 1] &- UInt8(ascii: "0")
            guard high < 10, low < 10 else { return nil }
            values.append(Int(high) * 10 + Int(low))
            index += 2
        }
        guard values[0] < 24, values[1] < 60 else { return nil }
        let total = values[0] * 3600 + values[1] * 60 + (values.count > 2 ? values[2] : 0)
        return digits[0] == UInt8(ascii: "-") ? -total : total
    }
}
