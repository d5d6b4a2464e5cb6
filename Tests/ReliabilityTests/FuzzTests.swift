import Domain
import Foundation
import TestSupport
import Interop
import Testing

/// Mutated inputs, seeded from real files, through the parsers that read
/// what users hand rapport: no crash, no input slower than a second, and
/// every refusal a clear error (a reason, and for vCard a line that exists).
///
/// `make test` runs a fixed seed; `make stress` a random one (printed, so
/// a failure replays with `RAPPORT_SEED=…`). The CSV and JSON importers are
/// fuzzed the same way in ImporterFuzzTests.
@Suite(.serialized) struct FuzzTests {
    static let count = Stress.count("RAPPORT_FUZZ_COUNT", bounded: 10_000, stress: 100_000)

    /// Real vCard files: the demo seeds and the reader's fixtures.
    static func vcardSeeds() throws -> [[UInt8]] {
        var files = [repositoryRoot.appendingPathComponent("seeds/contacts.vcf")]
        let fixtures = repositoryRoot.appendingPathComponent("Tests/InteropTests/Fixtures")
        for sub in ["", "broken", "vdir"] {
            let folder = sub.isEmpty ? fixtures : fixtures.appendingPathComponent(sub)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".vcf") {
                files.append(folder.appendingPathComponent(name))
            }
        }
        var seeds = try files.map { [UInt8](try Data(contentsOf: $0)) }
        // Big files make each mutation slow without finding more: cut the demo into single cards too.
        if let demo = String(bytes: seeds[0], encoding: .utf8) {
            let cards = demo.components(separatedBy: "END:VCARD").prefix(6).map { $0 + "END:VCARD\r\n" }
            seeds += cards.map { Array($0.utf8) }
        }
        return seeds
    }

    static let vcardTokens: [String] = [
        "BEGIN:VCARD\r\n", "END:VCARD\r\n", "VERSION:2.1\r\n", "VERSION:4.0\r\n", "\r\n ", "\r\n\t", ":", ";", ",", "=",
        "\\", "\\n", "\\,", ";ENCODING=QUOTED-PRINTABLE:", ";CHARSET=ISO-8859-1", ";CHARSET=x-unknown", "=C3=A9", "=\r\n",
        "BDAY:", "--0230", "2026-02-30", "19900517", "ANNIVERSARY:", "N:;;;;", "FN:", "EMAIL;TYPE=work:", "TEL:+",
        "item1.", "X-SOCIALPROFILE:", "\u{1B}]52;c;aGk=\u{07}", "\u{202E}", "\0", "\u{FEFF}", "\r", "\n",
    ]

    @Test(.timeLimit(.minutes(3))) func vcardReaderSurvivesMutations() throws {
        let seeds = try Self.vcardSeeds()
        let seed = Stress.seed
        var random = SplitMix(seed: seed)
        var stats = Stats()
        for _ in 0..<Self.count {
            let input = Mutator.mutate(seeds.randomElement(using: &random)!, others: seeds, tokens: Self.vcardTokens,
                                       random: &random)
            let lines = input.reduce(1) { $0 + ($1 == 10 ? 1 : 0) } + input.reduce(0) { $0 + ($1 == 13 ? 1 : 0) }
            let started = DispatchTime.now()
            do {
                _ = try VCardReader.contacts(in: Data(input), now: Clock.now)
                stats.accepted += 1
            } catch {
                stats.refused += 1
                if error.reason.trimmingCharacters(in: .whitespaces).isEmpty || error.line < 0 || error.line > lines + 1 {
                    Issue.record("unclear error \(error) (line \(error.line) of \(lines)) for seed \(seed): \(Self.show(input))")
                }
            }
            // The forgiving read (what `rapport import` does) on the same input.
            if let reading = try? VCardReader.read(Data(input), now: Clock.now, options: .forgiving) {
                Self.checkForgiving(reading, lines: lines, seed: seed, input: input)
            }
            stats.record(started, input: input, seed: seed)
        }
        Stress.figure("fuzz vCard: \(Self.count) inputs (seed \(seed)), \(stats.accepted) read, \(stats.refused) refused with a message, slowest \(stats.slowestMilliseconds) ms")
    }

    static let dateSeeds = ["3/14/1985", "14.3.1985", "March 14, 1985", "14. März 1985", "0/0/00", "19850314", "2026-12-01", "today", "tomorrow", "yesterday", "in 3 days", "3d", "2w", "1m", "next fri",
                            "3 days ago", "fri", "last monday", "--05-17", "1990-05-17", "2026-02-28", "in 12 weeks", "0d"]
    static let dateTokens = ["-", " ", "in ", " ago", "next ", "last ", "9999999999999999999", "-0", "+", "02-29", "13",
                             "\u{1B}[2J", "\0", "\u{202E}", "٣", "١٢", "ﬀ", "\t", "days", "weeks", "months", "years", "🎉"]

    @Test(.timeLimit(.minutes(3))) func dateParserSurvivesMutations() throws {
        let seed = Stress.seed &+ 1
        var random = SplitMix(seed: seed)
        var stats = Stats()
        let today = Day(iso: "2026-03-10")!
        let seeds = Self.dateSeeds.map { Array($0.utf8) }
        for _ in 0..<Self.count {
            let bytes = Mutator.mutate(seeds.randomElement(using: &random)!, others: seeds, tokens: Self.dateTokens,
                                       random: &random, maxLength: 200)
            let input = String(decoding: bytes, as: UTF8.self)
            let started = DispatchTime.now()
            // Dates as exporters write them (imports): whatever is read is a real date.
            for order in [nil, DateOrder.dmy] {
                if case .date(let year, let month, let day) = ExportedDate.parse(input, order: order, now: Clock.now),
                   RecurringDate(month: month, day: day, year: year) == nil || year.map({ Day(year: $0, month: month, day: day) == nil }) == true {
                    Issue.record("ExportedDate read \(Self.show(bytes)) as an impossible date (seed \(seed))")
                }
            }
            do {
                let day = try DateExpression.parse(input, today: today)
                // Whatever it accepts must be a real day that survives a round trip.
                if Day(iso: day.iso) != day { Issue.record("parsed \(Self.show(bytes)) to a bad day \(day.iso)") }
                stats.accepted += 1
            } catch let error as DateExpression.ParseError {
                stats.refused += 1
                if error.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                    Issue.record("empty reason for \(Self.show(bytes)) (seed \(seed))")
                }
            }
            stats.record(started, input: bytes, seed: seed)
        }
        Stress.figure("fuzz dates: \(Self.count) inputs (seed \(seed)), \(stats.accepted) read, \(stats.refused) refused with a message, slowest \(stats.slowestMilliseconds) ms")
    }

    /// A forgiving read's promises: every warning and issue a reason on a
    /// line that exists, and no control character stored (line breaks and
    /// tabs in notes and drives only).
    static func checkForgiving(_ reading: ContactFileReading, lines: Int?, seed: UInt64, input: [UInt8]) {
        for issue in reading.warnings + reading.issues {
            if issue.reason.trimmingCharacters(in: .whitespaces).isEmpty || (issue.line ?? 1) < 1
                || lines.map({ (issue.line ?? 1) > $0 + 1 }) == true {
                Issue.record("unclear warning \(issue) for seed \(seed): \(show(input))")
            }
        }
        func unsafe(_ text: String, multiLine: Bool) -> Bool {
            text.unicodeScalars.contains { scalar in
                if multiLine, scalar == "\n" || scalar == "\t" { return false }
                return scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
            }
        }
        for imported in reading.contacts {
            let c = imported.contact
            let oneLine = [c.name, c.nickname, c.company, c.title, c.metAt, c.metVia] + c.emails + c.phones + c.tags
            if oneLine.contains(where: { unsafe($0, multiLine: false) }) || unsafe(c.notes, multiLine: true)
                || unsafe(c.drives, multiLine: true) {
                Issue.record("a control character stored for seed \(seed): \(show(input))")
            }
        }
    }

    static func show(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(300), as: UTF8.self)
        return text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }
            .joined()
    }
}

struct Stats {
    var accepted = 0, refused = 0
    var slowest: UInt64 = 0
    var slowestMilliseconds: Int { Int(slowest / 1_000_000) }

    mutating func record(_ started: DispatchTime, input: [UInt8], seed: UInt64) {
        let elapsed = DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds
        slowest = max(slowest, elapsed)
        if elapsed > 1_000_000_000 {
            Issue.record("an input took \(elapsed / 1_000_000) ms (seed \(seed)): \(FuzzTests.show(input))")
        }
    }
}

/// Byte-level mutations in the manner of libFuzzer's: flips, random and
/// "interesting" bytes, deletions, duplications, splices and dictionary tokens.
enum Mutator {
    static let interesting: [UInt8] = [0, 7, 8, 9, 10, 13, 27, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xF0, 0xFE, 0xFF,
                                       UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "\\"),
                                       UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "0"), UInt8(ascii: "9")]

    static func mutate(_ seed: [UInt8], others: [[UInt8]], tokens: [String], random: inout SplitMix,
                       maxLength: Int = 1 << 16) -> [UInt8] {
        var data = seed
        let rounds = Int.random(in: 1...8, using: &random)
        for _ in 0..<rounds {
            let position = data.isEmpty ? 0 : Int.random(in: 0...data.count, using: &random)
            switch Int.random(in: 0..<9, using: &random) {
            case 0 where !data.isEmpty:
                let i = min(position, data.count - 1)
                data[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1 where !data.isEmpty:
                data[min(position, data.count - 1)] = interesting.randomElement(using: &random)!
            case 2:
                data.insert(UInt8.random(in: 0...255, using: &random), at: position)
            case 3 where !data.isEmpty:
                let end = min(data.count, position + Int.random(in: 1...64, using: &random))
                data.removeSubrange(min(position, end)..<end)
            case 4 where !data.isEmpty:
                let end = min(data.count, position + Int.random(in: 1...64, using: &random))
                let chunk = Array(data[min(position, end)..<end])
                for _ in 0..<Int.random(in: 1...20, using: &random) { data.insert(contentsOf: chunk, at: min(position, data.count)) }
            case 5:
                let other = others.randomElement(using: &random)!
                guard !other.isEmpty else { break }
                let start = Int.random(in: 0..<other.count, using: &random)
                let end = min(other.count, start + Int.random(in: 1...512, using: &random))
                data.insert(contentsOf: other[start..<end], at: position)
            case 6, 7:
                data.insert(contentsOf: Array(tokens.randomElement(using: &random)!.utf8), at: position)
            default:
                if !data.isEmpty { data.removeSubrange(min(position, data.count)..<data.count) }
            }
            if data.count > maxLength { data.removeSubrange(maxLength...) }
        }
        return data
    }
}
