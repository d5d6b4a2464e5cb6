import Domain
import Foundation

/// Writes a deterministic calendar for the capture benchmark: the same seed,
/// size and `now` give the same bytes, as one `.ics` (a Google or Outlook
/// export) or as a vdir (one file per event, as vdirsyncer writes for khal).
///
/// Shape per N events: about 55 % single meetings, 20 % weekly series (a
/// third with EXDATEs, a quarter with a moved and a cancelled override), 10 %
/// monthly series by weekday ordinal, 10 % all-day, 5 % Outlook-style
/// cancelled meetings; starts spread over the past year and the next 30
/// days; zones a mix of UTC, IANA TZIDs and Windows names with their
/// VTIMEZONE, as the writers that use them include one.
struct CalendarDataSet {
    let events: Int
    let me: String
    let attendees: [(name: String, email: String)]
    let now: Date
    let seed: UInt64

    /// The zones events are written in: TZID and its VTIMEZONE text.
    static let zones: [(id: String, definition: String)] = [
        ("Europe/Berlin", vtimezone("Europe/Berlin", standard: "+0100", daylight: "+0200",
            startsOn: "19700329T020000", startRule: "BYMONTH=3;BYDAY=-1SU", endsOn: "19701025T030000", endRule: "BYMONTH=10;BYDAY=-1SU")),
        ("America/New_York", vtimezone("America/New_York", standard: "-0500", daylight: "-0400",
            startsOn: "20070311T020000", startRule: "BYMONTH=3;BYDAY=2SU", endsOn: "20071104T020000", endRule: "BYMONTH=11;BYDAY=1SU")),
        ("W. Europe Standard Time", vtimezone("W. Europe Standard Time", standard: "+0100",
            daylight: "+0200", startsOn: "16010325T020000", startRule: "BYDAY=-1SU;BYMONTH=3", endsOn: "16011028T030000",
            endRule: "BYDAY=-1SU;BYMONTH=10")),
        ("Pacific Standard Time", vtimezone("Pacific Standard Time", standard: "-0800",
            daylight: "-0700", startsOn: "16010311T020000", startRule: "BYDAY=2SU;BYMONTH=3", endsOn: "16011104T020000",
            endRule: "BYDAY=1SU;BYMONTH=11")),
    ]

    static func vtimezone(_ id: String, standard: String, daylight: String, startsOn: String, startRule: String,
                          endsOn: String, endRule: String) -> String {
        ["BEGIN:VTIMEZONE", "TZID:\(id)",
         "BEGIN:DAYLIGHT", "TZOFFSETFROM:\(standard)", "TZOFFSETTO:\(daylight)", "DTSTART:\(startsOn)",
         "RRULE:FREQ=YEARLY;\(startRule)", "END:DAYLIGHT",
         "BEGIN:STANDARD", "TZOFFSETFROM:\(daylight)", "TZOFFSETTO:\(standard)", "DTSTART:\(endsOn)",
         "RRULE:FREQ=YEARLY;\(endRule)", "END:STANDARD", "END:VTIMEZONE"].joined(separator: "\r\n") + "\r\n"
    }

    static let topics = ["Weekly sync", "1:1", "Pipeline review", "Coffee", "Intro call", "Design critique", "Board prep",
                         "Hiring debrief", "Lunch", "Customer demo", "Retro", "Pricing workshop", "Investor update",
                         "Café catch-up", "Roadmap — Q3", "Offsite planning", "Kick-off, phase 2", "Standup"]
    static let days = ["MO", "TU", "WE", "TH", "FR"]

    /// One event with the VTIMEZONE it needs (nil for UTC and all-day ones): its VEVENTs, overrides included.
    func event(_ index: Int) -> (zone: Int?, text: String) {
        var random = DataSet.Random(state: seed &+ UInt64(index) &* 0x9E37_79B9)
        let uid = "rapport-bench-cal-\(index)-\(seed)@bench.example"
        let kind = random.int(0..<100)
        let zoneIndex: Int? = kind < 90 && random.chance(0.7) ? random.int(0..<Self.zones.count) : nil
        let dayOffset = random.int(-365..<30)
        let hour = random.int(8..<18), minute = random.pick([0, 0, 15, 30, 45])
        let day = Int((now.timeIntervalSince1970 / 86_400).rounded(.down)) + dayOffset
        let local = day * 86_400 + hour * 3600 + minute * 60
        let length = random.pick([15, 30, 30, 45, 60, 60, 90]) * 60
        let topic = random.pick(Self.topics)

        var people: [(name: String, email: String)] = []
        for _ in 0..<random.int(1..<5) where !attendees.isEmpty {
            let person = random.pick(attendees)
            if !people.contains(where: { $0.email == person.email }) { people.append(person) }
        }
        let summary = people.first.map { "\(topic) with \($0.name)" } ?? topic
        let iOrganize = random.chance(0.5)

        func stamp(_ local: Int) -> String {
            guard let zoneIndex else { return ":" + Self.basic(local) + "Z" } // local is UTC here
            let id = Self.zones[zoneIndex].id
            return ";TZID=" + (id.contains(" ") ? "\"\(id)\"" : id) + ":" + Self.basic(local)
        }
        func peopleLines(declining: Bool) -> [String] {
            var lines = [iOrganize ? "ORGANIZER;CN=Me:mailto:\(me)"
                                   : "ORGANIZER;CN=\(Self.quoted(people.first?.name ?? "Someone")):mailto:\(people.first?.email ?? "someone@bench.example")"]
            lines.append("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Me:mailto:\(me)")
            for (n, person) in people.enumerated() {
                let status = declining && n == people.count - 1 ? "DECLINED" : random.pick(["ACCEPTED", "ACCEPTED", "TENTATIVE", "NEEDS-ACTION"])
                lines.append("ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=\(status);CN=\(Self.quoted(person.name)):mailto:\(person.email)")
            }
            return lines
        }
        func vevent(_ lines: [String], transparent: Bool = false) -> String {
            (["BEGIN:VEVENT", "DTSTAMP:" + Self.basic(Int(now.timeIntervalSince1970)) + "Z", "UID:\(uid)"] + lines
                + ["SEQUENCE:0", transparent ? "TRANSP:TRANSPARENT" : "TRANSP:OPAQUE", "END:VEVENT"]).map(Self.folded).joined()
        }

        var text = ""
        switch kind {
        case 0..<55, 90..<95: // single (the last five percent cancelled, as Outlook leaves them)
            text = vevent(["DTSTART" + stamp(local), "DTEND" + stamp(local + length), "SUMMARY:\(Self.escaped(summary))",
                           "STATUS:" + (kind >= 90 ? "CANCELLED" : "CONFIRMED")] + peopleLines(declining: random.chance(0.1)))
        case 55..<75: // weekly, started up to a year ago
            let weekday = random.int(0..<5)
            let first = local - CivilWeek.mondayOffset(day) * 86_400 + weekday * 86_400
            var lines = ["DTSTART" + stamp(first), "DTEND" + stamp(first + length), "SUMMARY:\(Self.escaped(summary))"]
            // Most series end (a project, a term); some run on.
            let ending = random.int(0..<100)
            lines.append("RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=\(Self.days[weekday])"
                         + (ending < 50 ? ";COUNT=\(random.int(4..<30))"
                            : ending < 85 ? ";UNTIL=" + Self.basic(first + random.int(4..<40) * 7 * 86_400 + 86_399) + "Z" : ""))
            if random.chance(0.33) {
                let skipped = (1...random.int(1..<3)).map { _ in Self.basic(first + random.int(1..<30) * 7 * 86_400) }
                lines.append("EXDATE" + (zoneIndex.map { ";TZID=" + Self.quotedIfNeeded(Self.zones[$0].id) } ?? "")
                             + ":" + skipped.map { zoneIndex == nil ? $0 + "Z" : $0 }.joined(separator: ","))
            }
            text = vevent(lines + peopleLines(declining: false))
            if random.chance(0.25) {
                let movedFrom = first + random.int(1..<20) * 7 * 86_400
                let cancelled = movedFrom + 7 * 86_400
                text += vevent(["RECURRENCE-ID" + stamp(movedFrom), "DTSTART" + stamp(movedFrom + 86_400 + 3600),
                                "DTEND" + stamp(movedFrom + 86_400 + 3600 + length),
                                "SUMMARY:\(Self.escaped(summary)) (moved)"] + peopleLines(declining: true))
                text += vevent(["RECURRENCE-ID" + stamp(cancelled), "DTSTART" + stamp(cancelled),
                                "DTEND" + stamp(cancelled + length), "SUMMARY:\(Self.escaped(summary))", "STATUS:CANCELLED"])
            }
        case 75..<85: // monthly by weekday ordinal
            let ordinal = random.pick(["1", "2", "3", "-1"])
            text = vevent(["DTSTART" + stamp(local), "DTEND" + stamp(local + length), "SUMMARY:\(Self.escaped(summary))",
                           "RRULE:FREQ=MONTHLY;BYDAY=\(ordinal)\(random.pick(Self.days));COUNT=\(random.int(3..<24))"]
                          + peopleLines(declining: false))
        default: // all-day
            let date = Self.basic(day * 86_400).prefix(8)
            let next = Self.basic((day + random.int(1..<3)) * 86_400).prefix(8)
            text = vevent(["DTSTART;VALUE=DATE:\(date)", "DTEND;VALUE=DATE:\(next)", "SUMMARY:\(Self.escaped(summary))"]
                          + (random.chance(0.5) ? peopleLines(declining: false) : []), transparent: true)
        }
        return (zoneIndex, text)
    }

    static let header = "BEGIN:VCALENDAR\r\nPRODID:-//rapport//bench calendar//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
    static let footer = "END:VCALENDAR\r\n"

    // MARK: Text

    /// `yyyyMMdd'T'HHmmss` for wall-clock seconds since 1970.
    static func basic(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        let day = Day(ordinal: days + 719_468)  // Day's ordinals count from 0000-03-01
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.year)\(two(day.month))\(two(day.day))T\(two(second / 3600))\(two(second / 60 % 60))\(two(second % 60))"
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: ";", with: "\\;")
    }

    static func quoted(_ name: String) -> String { "\"\(name)\"" }
    static func quotedIfNeeded(_ id: String) -> String { id.contains(" ") ? "\"\(id)\"" : id }

    /// One content line, folded at 75 octets, never inside a UTF-8 sequence.
    static func folded(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line + "\r\n" }
        var out = "", octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > (out.isEmpty ? 75 : 74) { out += "\r\n "; octets = 0 }
            out.unicodeScalars.append(scalar)
            octets += size
        }
        return out + "\r\n"
    }
}

/// Weekday arithmetic for the generator (1970-01-01 was a Thursday).
enum CivilWeek {
    /// Days since the Monday of `day`'s week.
    static func mondayOffset(_ day: Int) -> Int { ((day + 3) % 7 + 7) % 7 }
}

/// The whole calendar as one `.ics` file.
func writeCalendar(at url: URL, events: Int, me: String, attendees: [(name: String, email: String)], around now: Date,
                   seed: UInt64) throws {
    let set = CalendarDataSet(events: events, me: me, attendees: attendees, now: now, seed: seed)
    var text = CalendarDataSet.header
    text.reserveCapacity(events * 900)
    for zone in CalendarDataSet.zones { text += zone.definition }
    for index in 0..<events { text += set.event(index).text }
    text += CalendarDataSet.footer
    try Data(text.utf8).write(to: url)
}

/// The same calendar as a vdir: one `.ics` per event (overrides with their series), each with its VTIMEZONE.
func writeCalendarVdir(at folder: URL, events: Int, me: String, attendees: [(name: String, email: String)],
                       around now: Date, seed: UInt64) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let set = CalendarDataSet(events: events, me: me, attendees: attendees, now: now, seed: seed)
    for index in 0..<events {
        let (zone, body) = set.event(index)
        let text = CalendarDataSet.header + (zone.map { CalendarDataSet.zones[$0].definition } ?? "") + body
            + CalendarDataSet.footer
        try Data(text.utf8).write(to: folder.appendingPathComponent("rapport-bench-cal-\(index).ics"))
    }
}
