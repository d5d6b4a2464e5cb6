/// Expands an RRULE into instance starts, on the wall clock of the event's
/// zone (`CalendarTime.local`), between two wall-clock bounds.
///
/// Periods (a day, a week from WKST, a month, a year) are visited in order;
/// each gives its candidate days sorted, BYSETPOS picks among them, and the
/// time of day is DTSTART's. DTSTART is always the first instance (RFC 5545
/// §3.8.5.3), and COUNT counts from it even when it lies before the window.
///
/// Why it stays fast on hostile input: without COUNT the periods before the
/// window are skipped arithmetically (a daily rule from 1970 starts in the
/// window's week), a daily COUNT rule without BY parts skips the same way and
/// adds what it skipped to the count (a plain weekly one too), and any other
/// walk stops after `periodLimit` periods (550 years of days), saying so.
struct RecurrenceExpander {
    static let periodLimit = 200_000
    static let instanceLimit = 20_000

    var rule: RecurrenceRule
    var start: CalendarTime
    /// The zone's wall clock to UTC seconds, for a UNTIL written in UTC.
    var toUTC: (Int) -> Int

    struct Expansion {
        var locals: [Int] = []
        /// The walk stopped at a limit, not at the rule's end or the window's.
        var truncated = false
    }

    /// Instance starts with `lower <= local <= upper`, in order.
    func expand(lower: Int, upper: Int) -> Expansion {
        var result = Expansion()
        let timeOfDay = start.secondOfDay
        let firstDay = start.day
        var emitted = 0
        var lastLocal = start.local

        func keep(_ local: Int) -> Bool {
            if let until = rule.until {
                if until.isDate {
                    if CivilDate.floorDiv(local, 86_400) > until.day { return false }
                } else if until.isUTC, !start.isDate {
                    if toUTC(local) > until.local { return false }
                } else if local > until.local {
                    return false
                }
            }
            if let count = rule.count, emitted >= count { return false }
            return true
        }

        // DTSTART is the first instance whether or not the rule would make it.
        let skipped = skipPeriods(lowerDay: CivilDate.floorDiv(lower, 86_400) - 2)
        if skipped.periods == 0 || rule.count == nil {
            guard keep(start.local) else { return result }
            emitted += 1
            if start.local >= lower, start.local <= upper { result.locals.append(start.local) }
        }
        emitted += skipped.instances
        if let count = rule.count, emitted >= count { return result }

        var period = skipped.periods
        var walked = 0
        let upperDay = CivilDate.floorDiv(upper, 86_400)
        while true {
            walked += 1
            if walked > Self.periodLimit { result.truncated = true; return result }
            let days: [Int]
            if rule.frequency == .daily, rule.bySetPosition.isEmpty {
                // The common and the hostile case alike: one day per period, no array to build.
                let (step, overflow) = period.multipliedReportingOverflow(by: rule.interval)
                guard !overflow, step < 4_000_000, firstDay + step <= min(upperDay + 1, CivilDate.lastDay) else { return result }
                period += 1
                guard matchesFilters(firstDay + step) else {
                    // A month BYMONTH leaves out is passed over whole, not day by day.
                    let (year, month, _) = CivilDate.date(days: firstDay + step)
                    if !rule.byMonth.isEmpty, !rule.byMonth.contains(month) {
                        let next = month == 12 ? CivilDate.days(year: year + 1, month: 1, day: 1)
                                               : CivilDate.days(year: year, month: month + 1, day: 1)
                        period = max(period, CivilDate.floorDiv(next - firstDay + rule.interval - 1, rule.interval))
                    }
                    continue
                }
                days = [firstDay + step]
            } else {
                guard let found = candidates(period: period, firstDay: firstDay, stopDay: upperDay + 1) else { return result }
                period += 1
                days = found
            }
            for day in days {
                let local = day * 86_400 + timeOfDay
                if local <= lastLocal { continue }
                if day > upperDay + 1 { return result }
                guard keep(local) else { return result }
                emitted += 1
                lastLocal = local
                if local >= lower, local <= upper {
                    result.locals.append(local)
                    if result.locals.count >= Self.instanceLimit { result.truncated = true; return result }
                }
            }
        }
    }

    /// How many whole periods lie before `lowerDay`, and how many instances
    /// they hold when that is known without walking them (without COUNT it
    /// does not matter; with it, an unknown count means no skipping).
    private func skipPeriods(lowerDay: Int) -> (periods: Int, instances: Int) {
        let (year, month, _) = CivilDate.date(days: start.day)
        let periods: Int
        switch rule.frequency {
        case .daily: periods = CivilDate.floorDiv(lowerDay - start.day, rule.interval)
        case .weekly: periods = CivilDate.floorDiv(lowerDay - weekStart(of: start.day), 7 * rule.interval)
        case .monthly:
            let lower = CivilDate.date(days: lowerDay)
            periods = CivilDate.floorDiv((lower.year * 12 + lower.month) - (year * 12 + month) - 1, rule.interval)
        case .yearly:
            periods = CivilDate.floorDiv(CivilDate.date(days: lowerDay).year - year - 1, rule.interval)
        }
        guard periods > 0 else { return (0, 0) }
        if rule.count == nil { return (periods, 0) }
        if rule.frequency == .daily, rule.byDay.isEmpty, rule.byMonth.isEmpty, rule.byMonthDay.isEmpty,
           rule.bySetPosition.isEmpty {
            // Each skipped daily period holds exactly one instance, the first being DTSTART.
            return (periods, periods)
        }
        if rule.frequency == .weekly, rule.byMonth.isEmpty, rule.bySetPosition.isEmpty,
           let first = candidates(period: 0, firstDay: start.day, stopDay: CivilDate.lastDay) {
            // Every whole week holds the same weekdays; the first counts DTSTART and what follows it.
            let perWeek = Set(rule.byDay.map(\.weekday)).count
            let inFirst = 1 + first.filter { $0 * 86_400 + start.secondOfDay > start.local }.count
            return (periods, inFirst + (periods - 1) * max(1, perWeek))
        }
        return (0, 0)
    }

    private func weekStart(of day: Int) -> Int {
        day - CivilDate.floorMod(CivilDate.weekday(days: day) - rule.weekStart, 7)
    }

    /// The candidate days of one period, sorted; nil once a period starts after
    /// `stopDay` or leaves the years rapport reads.
    private func candidates(period: Int, firstDay: Int, stopDay: Int) -> [Int]? {
        let (year0, month0, day0) = CivilDate.date(days: firstDay)
        let (step, overflow) = period.multipliedReportingOverflow(by: rule.interval)
        guard !overflow, step < 4_000_000 else { return nil }
        var days: [Int]
        switch rule.frequency {
        case .daily:
            let day = firstDay + step
            guard day <= min(stopDay, CivilDate.lastDay) else { return nil }
            days = matchesFilters(day) ? [day] : []
        case .weekly:
            let periodStart = weekStart(of: firstDay) + 7 * step
            guard periodStart <= min(stopDay, CivilDate.lastDay) else { return nil }
            if rule.byDay.count <= 1 {
                days = [periodStart + CivilDate.floorMod((rule.byDay.first?.weekday ?? CivilDate.weekday(days: firstDay)) - rule.weekStart, 7)]
            } else {
                days = Set(rule.byDay.map { periodStart + CivilDate.floorMod($0.weekday - rule.weekStart, 7) }).sorted()
            }
            if !rule.byMonth.isEmpty { days = days.filter { rule.byMonth.contains(CivilDate.date(days: $0).month) } }
        case .monthly:
            let index = year0 * 12 + (month0 - 1) + step
            let year = CivilDate.floorDiv(index, 12), month = index - year * 12 + 1
            guard year <= CivilDate.maximumYear,
                  CivilDate.days(year: year, month: month, day: 1) <= stopDay else { return nil }
            days = rule.byMonth.isEmpty || rule.byMonth.contains(month)
                ? monthDays(year: year, month: month, defaultDay: day0) : []
        case .yearly:
            let year = year0 + step
            guard year <= CivilDate.maximumYear, CivilDate.days(year: year, month: 1, day: 1) <= stopDay else { return nil }
            days = yearDays(year: year, month0: month0, day0: day0)
        }
        return rule.bySetPosition.isEmpty ? days : pick(rule.bySetPosition, from: days)
    }

    /// DAILY's BY parts limit instead of expanding.
    private func matchesFilters(_ day: Int) -> Bool {
        if rule.byMonth.isEmpty, rule.byMonthDay.isEmpty, rule.byDay.isEmpty { return true }
        let (year, month, dayOfMonth) = CivilDate.date(days: day)
        if !rule.byMonth.isEmpty, !rule.byMonth.contains(month) { return false }
        if !rule.byMonthDay.isEmpty {
            let length = CivilDate.daysInMonth(year: year, month: month)
            guard rule.byMonthDay.contains(where: { $0 > 0 ? $0 == dayOfMonth : length + $0 + 1 == dayOfMonth }) else { return false }
        }
        if !rule.byDay.isEmpty {
            let weekday = CivilDate.weekday(days: day)
            guard rule.byDay.contains(where: { $0.weekday == weekday }) else { return false }
        }
        return true
    }

    private func yearDays(year: Int, month0: Int, day0: Int) -> [Int] {
        if !rule.byMonth.isEmpty {
            return rule.byMonth.sorted().flatMap { monthDays(year: year, month: $0, defaultDay: day0) }
        }
        if !rule.byMonthDay.isEmpty {
            return (1...12).flatMap { monthDays(year: year, month: $0, defaultDay: day0) }
        }
        if !rule.byDay.isEmpty {
            let first = CivilDate.days(year: year, month: 1, day: 1)
            let last = CivilDate.days(year: year, month: 12, day: 31)
            return weekdayDays(first: first, last: last)
        }
        guard day0 <= CivilDate.daysInMonth(year: year, month: month0) else { return [] } // 29 February
        return [CivilDate.days(year: year, month: month0, day: day0)]
    }

    /// One month's days for MONTHLY, or for YEARLY with BYMONTH (ordinals count within the month).
    func monthDays(year: Int, month: Int, defaultDay: Int) -> [Int] {
        let length = CivilDate.daysInMonth(year: year, month: month)
        let first = CivilDate.days(year: year, month: month, day: 1)
        if !rule.byMonthDay.isEmpty {
            var days = Set<Int>()
            for monthDay in rule.byMonthDay {
                let day = monthDay > 0 ? monthDay : length + monthDay + 1
                guard day >= 1, day <= length else { continue }
                let number = first + day - 1
                if rule.byDay.isEmpty || rule.byDay.contains(where: { $0.weekday == CivilDate.weekday(days: number) }) {
                    days.insert(number)
                }
            }
            return days.sorted()
        }
        if !rule.byDay.isEmpty { return weekdayDays(first: first, last: first + length - 1) }
        guard defaultDay <= length else { return [] }
        return [first + defaultDay - 1]
    }

    /// The days between `first` and `last` that BYDAY names, ordinals counted within that span.
    private func weekdayDays(first: Int, last: Int) -> [Int] {
        var days = Set<Int>()
        for entry in rule.byDay {
            let firstMatch = first + CivilDate.floorMod(entry.weekday - CivilDate.weekday(days: first), 7)
            guard firstMatch <= last else { continue }
            let matches = (last - firstMatch) / 7 + 1
            if entry.ordinal == 0 {
                for n in 0..<matches { days.insert(firstMatch + 7 * n) }
            } else {
                let n = entry.ordinal > 0 ? entry.ordinal - 1 : matches + entry.ordinal
                if n >= 0, n < matches { days.insert(firstMatch + 7 * n) }
            }
        }
        return days.sorted()
    }

    private func pick(_ positions: [Int], from days: [Int]) -> [Int] {
        var picked = Set<Int>()
        for position in positions {
            let index = position > 0 ? position - 1 : days.count + position
            if index >= 0, index < days.count { picked.insert(days[index]) }
        }
        return picked.sorted()
    }
}
