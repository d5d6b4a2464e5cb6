import Domain
import Foundation
import TestSupport
import Interop
import Testing

/// The CSV (generic, LinkedIn, Google) and JSON backup importers under the
/// same mutations as the vCard reader: no crash, no input slower than a
/// second, every refusal a reason.
@Suite(.serialized) struct ImporterFuzzTests {
    static let csvSeeds: [String] = [
        "Name,Email,Phone,Company,Title,Tags,Notes\r\nAna Lima,ana@example.com,+351 912 000 111,Northwind,CTO,\"fintech, board\",\"Two kids;\nruns\"\r\n",
        "\u{FEFF}Notes:\n\"When exporting your connection data, you may notice...\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nJosé,Álvarez,https://www.linkedin.com/in/jose,,Initech,CEO,15 Mar 2024\nFang,Wang,,fang@example.com,深圳科技,CTO,03/15/2024\n",
        "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Birthday\nZoë Park,Zoë,Park,* Work,zoe@example.com ::: z@example.org,Mobile,+44 7700 900488,Acme,1990-05-17\n",
    ]
    static let csvTokens = [",", "\"", "\"\"", "\r\n", "\n", "\u{FEFF}", "Connected On", "E-mail 1 - Value", "Name", "Email",
                            "15 Mar 2024", "02/30/2024", " ::: ", "\u{1B}[2J", "\0", "\u{202E}", ";", "\t", "王", "🎉"]

    @Test(.timeLimit(.minutes(3))) func csvReaderSurvivesMutations() {
        let seed = Stress.seed &+ 7
        var random = SplitMix(seed: seed)
        var stats = Stats()
        let seeds = Self.csvSeeds.map { Array($0.utf8) }
        for _ in 0..<FuzzTests.count {
            let input = Mutator.mutate(seeds.randomElement(using: &random)!, others: seeds, tokens: Self.csvTokens,
                                       random: &random)
            let started = DispatchTime.now()
            do {
                let reading = try ContactCSV.read(Data(input), now: Clock.now)
                stats.accepted += 1
                for issue in reading.issues where issue.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                    Issue.record("an issue without a reason for seed \(seed): \(FuzzTests.show(input))")
                }
            } catch {
                stats.refused += 1
                if error.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                    Issue.record("unclear error \(error) for seed \(seed): \(FuzzTests.show(input))")
                }
            }
            // The forgiving read (what `rapport import` does) on the same input.
            if let reading = try? ContactCSV.read(Data(input), now: Clock.now, options: .forgiving) {
                FuzzTests.checkForgiving(reading, lines: nil, seed: seed, input: input)
            }
            stats.record(started, input: input, seed: seed)
        }
        Stress.figure("fuzz CSV: \(FuzzTests.count) inputs (seed \(seed)), \(stats.accepted) read, \(stats.refused) refused with a message, slowest \(stats.slowestMilliseconds) ms")
    }

    @Test(.timeLimit(.minutes(3))) func jsonBackupReaderSurvivesMutations() throws {
        let cards = try VCardReader.contacts(in: Data(contentsOf: repositoryRoot.appendingPathComponent("seeds/contacts.vcf")),
                                             now: Clock.now)
        let small = Array(cards.prefix(3))
        let ids = small.compactMap(\.contact.id)
        let backup = BookBackup(
            contacts: small,
            interactions: [Interaction(id: 1, occurredAt: Clock.now, kind: .call, summary: "Catch-up", contactIDs: ids)],
            promises: ids.first.map { [Promise(id: 2, contactID: $0, text: "send deck", due: Day(iso: "2026-03-01"), createdAt: Clock.now)] } ?? [],
            events: [], snoozes: [])
        // Version 1 (one document) and version 2 (JSON Lines, through the fast line parser).
        let seeds = [Array(backup.encoded(exportedAt: Clock.now)), Array(backup.encodedLines(exportedAt: Clock.now))]
        let tokens = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e308", "\"version\": 2", "\\u0000",
                      "\\ud800", "\"2026-02-30\"", "\u{1B}", "9223372036854775808"]
        let seed = Stress.seed &+ 11
        var random = SplitMix(seed: seed)
        var stats = Stats()
        for round in 0..<FuzzTests.count {
            let input = Mutator.mutate(seeds[round % seeds.count], others: seeds, tokens: tokens, random: &random)
            let started = DispatchTime.now()
            do {
                _ = try BookBackup.decode(Data(input))
                stats.accepted += 1
            } catch {
                stats.refused += 1
                if error.reason.trimmingCharacters(in: .whitespaces).isEmpty {
                    Issue.record("unclear error \(error) for seed \(seed): \(FuzzTests.show(input))")
                }
            }
            stats.record(started, input: input, seed: seed)
        }
        Stress.figure("fuzz JSON backup: \(FuzzTests.count) inputs (seed \(seed)), \(stats.accepted) read, \(stats.refused) refused with a message, slowest \(stats.slowestMilliseconds) ms")
    }
}
