import Foundation
import Interop
import TestSupport
import Testing

/// Mutated mail, seeded from the mail fixtures, through the header parser,
/// the header file reader and the mbox reader: no crash, no input slower
/// than a second, and no control character in a name, address or subject
/// (what the terminal would otherwise execute).
///
/// `make test` runs a fixed seed; `make stress` a random one (printed, so a
/// failure replays with `RAPPORT_SEED=…`).
@Suite(.serialized) struct MailFuzzTests {
    static let count = Stress.count("RAPPORT_FUZZ_COUNT", bounded: 10_000, stress: 100_000)

    static func seeds() throws -> [[UInt8]] {
        let folder = repositoryRoot.appendingPathComponent("Tests/InteropTests/Fixtures/mail")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".eml") || $0.hasSuffix(".mbox") }.sorted()
        return try names.map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    static let tokens: [String] = [
        "=?", "?Q?", "?B?", "?=", "=?utf-8?q?", "=?iso-8859-1?b?", "=?koi8-r?q?=C1=C2?=", "=?x-unknown?b?wqk=?=",
        "=C3", "=1B", "_", "\r\n ", "\r\n\t", "\n ", "\r\n", "\n", "\r\n\r\n", "<", ">", "\"", "\\", "(", ")", ":",
        ";", ",", "@", "[", "]", "\0", "\u{1B}[2J", "\u{1B}]52;c;aGk=\u{07}", "\u{9B}31m", "\u{202E}", "\u{FEFF}",
        "From: ", "To: Team: a@x, b@y;", "Date: ", "Mon, 30 Feb 2026 25:61:00 +9999", "31 Dec 99 23:59 EST",
        "Subject: ", "Received: by x; ", "References: <", "List-Id: ", "Auto-Submitted: no", "\nFrom ",
        "\n\nFrom a@b Mon Mar  9 10:00:00 2026\n", ">From ", "\u{FF}\u{FE}", "é", "\u{C3}",
    ]

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Records an issue when any text capture would show holds a control.
    static func check(_ header: MailHeader, input: [UInt8], seed: UInt64) {
        let texts = [header.subject] + (header.from + header.recipients).flatMap { [$0.name, $0.email] }
            + [header.messageID ?? ""] + header.references
        if let bad = texts.first(where: { $0.unicodeScalars.contains(where: isControl) }) {
            Issue.record("control in \(FuzzTests.show(Array(bad.utf8))) (seed \(seed)): \(FuzzTests.show(input))")
        }
        if header.subject != header.subject.trimmingCharacters(in: .whitespaces) || header.subject.contains("  ") {
            Issue.record("subject not collapsed \"\(header.subject)\" (seed \(seed))")
        }
    }

    @Test(.timeLimit(.minutes(3))) func headerParserSurvivesMutations() throws {
        let seeds = try Self.seeds()
        let seed = Stress.seed &+ 10
        var random = SplitMix(seed: seed)
        var stats = Stats()
        var problems: [String: Int] = [:]
        for _ in 0..<Self.count {
            let input = Mutator.mutate(seeds.randomElement(using: &random)!, others: seeds, tokens: Self.tokens,
                                       random: &random)
            let started = DispatchTime.now()
            do {
                Self.check(try MailHeaderParser.parse(input), input: input, seed: seed)
                stats.accepted += 1
            } catch {
                stats.refused += 1
                problems[String(describing: error).prefix(while: { $0 != "\"" }).description, default: 0] += 1
                if case .impossibleDate(let text) = error, text.unicodeScalars.contains(where: Self.isControl) {
                    Issue.record("control in the problem's date text (seed \(seed)): \(FuzzTests.show(input))")
                }
            }
            stats.record(started, input: input, seed: seed)
        }
        Stress.figure("fuzz mail headers: \(Self.count) inputs (seed \(seed)), \(stats.accepted) read, \(stats.refused) refused \(problems.sorted { $0.key < $1.key }), slowest \(stats.slowestMilliseconds) ms")
    }

    @Test(.timeLimit(.minutes(3))) func megabyteLines() throws {
        let seeds = try Self.seeds()
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        for (index, seed) in seeds.enumerated() {
            for position in [0, seed.count / 3, seed.count] {
                var input = seed
                input.insert(contentsOf: index % 2 == 0 ? line : Array("Subject: ".utf8) + line, at: position)
                let started = DispatchTime.now()
                if let header = try? MailHeaderParser.parse(input) { Self.check(header, input: input, seed: 0) }
                var stats = Stats()
                stats.record(started, input: input, seed: 0)
            }
        }
    }

    /// Fewer rounds: each writes a file.
    @Test(.timeLimit(.minutes(3))) func fileReadersSurviveMutations() throws {
        let seeds = try Self.seeds()
        let seed = Stress.seed &+ 11
        var random = SplitMix(seed: seed)
        var stats = Stats()
        var messages = 0
        let scratch = Scratch("mailfuzz")
        let path = scratch.path + "/fuzz.mbox"
        for _ in 0..<max(Self.count / 10, 1) {
            let input = Mutator.mutate(seeds.randomElement(using: &random)!, others: seeds, tokens: Self.tokens,
                                       random: &random)
            FileManager.default.createFile(atPath: path, contents: Data(input))
            let started = DispatchTime.now()
            var reader = try MboxReader(path: path, chunkSize: 4096)
            var last: UInt64?
            while let message = try reader.next() {
                if let last, message.offset <= last { Issue.record("offsets not increasing (seed \(seed))") }
                last = message.offset
                messages += 1
                if let header = try? MailHeaderParser.parse(message.header) { Self.check(header, input: input, seed: seed) }
            }
            if reader.endOffset != UInt64(input.count) {
                Issue.record("ended at \(reader.endOffset) of \(input.count) (seed \(seed)): \(FuzzTests.show(input))")
            }
            let header = try MailFiles.headerBytes(ofFileAt: path)
            if !input.starts(with: header) { Issue.record("header bytes not a prefix (seed \(seed))") }
            if let parsed = try? MailHeaderParser.parse(header) { Self.check(parsed, input: input, seed: seed) }
            stats.accepted += 1
            stats.record(started, input: input, seed: seed)
        }
        Stress.figure("fuzz mail files: \(Self.count / 10) files (seed \(seed)), \(messages) mbox messages, slowest \(stats.slowestMilliseconds) ms")
    }
}
