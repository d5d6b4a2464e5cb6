import Foundation
import Interop
import TestSupport
import Testing

/// Mutated calendars, seeded from the reader's fixtures (Google, Outlook,
/// Apple, khal, Thunderbird, broken and folded files), through
/// CalendarReader: no crash, no input slower than a second, every refusal a
/// reason, no key twice, and nothing a terminal would act on in what reaches
/// the screen.
///
/// `make test` runs a fixed seed; `make stress` a random one (printed, so a
/// failure replays with `RAPPORT_SEED=…`).
@Suite(.serialized) struct CalendarFuzzTests {
    static let count = Stress.count("RAPPORT_FUZZ_COUNT", bounded: 10_000, stress: 100_000)

    static func seeds() throws -> [[UInt8]] {
        let folder = repositoryRoot.appendingPathComponent("Tests/InteropTests/Fixtures/calendar")
        var files: [URL] = []
        if let paths = FileManager.default.enumerator(atPath: folder.path) {
            for case let path as String in paths where path.hasSuffix(".ics") { files.append(folder.appendingPathComponent(path)) }
        }
        let seeds = try files.sorted { $0.path < $1.path }.map { [UInt8](try Data(contentsOf: $0)) }
        precondition(seeds.count >= 5, "calendar fixtures not found under \(folder.path)")
        return seeds
    }

    static let tokens: [String] = [
        "BEGIN:VEVENT\r\n", "END:VEVENT\r\n", "BEGIN:VCALENDAR\r\n", "END:VCALENDAR\r\n", "BEGIN:VTIMEZONE\r\n",
        "BEGIN:DAYLIGHT\r\n", "END:STANDARD\r\n", "BEGIN:VALARM\r\n", "RRULE:FREQ=DAILY;COUNT=", "RRULE:FREQ=WEEKLY;BYDAY=",
        "RRULE:FREQ=MONTHLY;BYDAY=-1FR", "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "RRULE:FREQ=SECONDLY",
        ";BYSETPOS=-1", ";INTERVAL=0", ";INTERVAL=999999999", "COUNT=999999999", "UNTIL=99991231", "UNTIL=00000101",
        ";TZID=", ";TZID=\"W. Europe Standard Time\"", ";TZID=/mozilla.org/20050126_1/Europe/Berlin",
        ";TZID=Customized Time Zone", ";VALUE=DATE:", "DTSTART:", "DTSTART:00000101T000000Z", "DTSTART:19700101T000000",
        "DTSTART;VALUE=DATE:99991231", "RECURRENCE-ID:", "EXDATE:", "RDATE:", "DURATION:P999999999W", "TZOFFSETTO:+2400",
        "UID:", "SUMMARY:", "ATTENDEE;CN=", ":mailto:", "PARTSTAT=DECLINED", "\r\n ", "\r\n\t", "\r\n", "\n", "\r",
        ":", ";", ",", "=", "\"", "\\", "\\n", "\\,", "^'", "\0", "\u{1B}", "\u{1B}]52;c;aGk=\u{07}", "\u{9B}", "\u{202E}",
        "\u{FEFF}", "20261303", "T250000", "-0000", "-1SU", "53MO",
    ]

    @Test(.timeLimit(.minutes(5))) func calendarReaderSurvivesMutations() throws {
        let seeds = try Self.seeds()
        let seed = Stress.seed &+ 7
        var random = SplitMix(seed: seed)
        var stats = Stats()
        let from = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01
        let to = Date(timeIntervalSince1970: 1_798_761_599) // 2026-12-31
        let zone = TimeZone(identifier: "Europe/Berlin")!
        var occurrences = 0
        for _ in 0..<Self.count {
            let input = Mutator.mutate(seeds.randomElement(using: &random)!, others: seeds, tokens: Self.tokens,
                                       random: &random)
            let started = DispatchTime.now()
            do {
                let reading = try CalendarReader.read(input, from: from, to: to, zone: zone)
                stats.accepted += 1
                occurrences += reading.occurrences.count
                for occurrence in reading.occurrences {
                    let shown = [occurrence.summary, occurrence.uid, occurrence.organizer?.name ?? "",
                                 occurrence.organizer?.email ?? ""]
                        + occurrence.attendees.flatMap { [$0.name, $0.email] }
                    if let bad = shown.first(where: Self.hasControl) {
                        Issue.record("control character in \(FuzzTests.show(Array(bad.utf8))) (seed \(seed)): \(FuzzTests.show(input))")
                    }
                    if occurrence.start < from || occurrence.start > to {
                        Issue.record("occurrence outside the window (seed \(seed)): \(FuzzTests.show(input))")
                    }
                }
                // A re-run updates by key: one reading never gives a key twice.
                if Set(reading.occurrences.map(\.key)).count != reading.occurrences.count {
                    Issue.record("a key returned twice (seed \(seed)): \(FuzzTests.show(input))")
                }
                for issue in reading.skipped where issue.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                    Issue.record("an issue without a reason (seed \(seed)): \(FuzzTests.show(input))")
                }
            } catch {
                stats.refused += 1
                if error.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                    Issue.record("unclear refusal \(error) (seed \(seed)): \(FuzzTests.show(input))")
                }
            }
            stats.record(started, input: input, seed: seed)
        }
        Stress.figure("fuzz iCalendar: \(Self.count) inputs (seed \(seed)), \(stats.accepted) read (\(occurrences) occurrences), \(stats.refused) refused with a message, slowest \(stats.slowestMilliseconds) ms")
    }

    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }
    }
}
