import Foundation
import Testing
@testable import App
import UI

/// `rapport import`, `export`, `merge` and `mutt-query` through the real binary.
@Suite(.enabled(if: RapportCLI.binaryExists,
                "rapport binary not found: run `swift build` first or set RAPPORT_BIN"))
struct ImportCommandLineTests {
    static let exports = ImportExportTests.exports

    @Test func importTwiceThenDryRunThenExportEveryFormat() throws {
        let cli = try RapportCLI()
        let first = try cli.run("import", Self.exports)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "7 added, 0 updated, 0 skipped\n")
        let again = try cli.run("import", Self.exports + "/khard.vcf", "--dry-run")
        #expect(again.stdout == "would skip #5 Zoë Park (unchanged)\ndry run, nothing written: 0 added, 0 updated, 1 skipped\n")

        let vcf = cli.home + "/out.vcf"
        let export = try cli.run("export", "--format", "vcard", "--out", vcf, "--contacts", "kite")
        #expect(export.status == 0)
        #expect(export.stderr == "rapport: exported 1 contact to \(vcf)\n")
        let text = try String(contentsOfFile: vcf, encoding: .utf8)
        #expect(text.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:a7c2e8f4d1b94c0e8f3a\r\nFN:Zoë Park\r\n"))
        #expect(text.contains("X-JABBER:zoe@jabber.example\r\n"))
        let mode = (try FileManager.default.attributesOfItem(atPath: vcf)[.posixPermissions] as? Int ?? 0) & 0o777
        #expect(mode == 0o600)
        let v3 = try cli.run("export", "--format", "vcard", "--vcard-version", "3.0", "--contacts", "zoë")
        #expect(v3.stdout.contains("VERSION:3.0\r\n") && v3.stdout.contains("EMAIL;TYPE=internet,work,pref:zoe@kite.example"))
        let csv = try cli.run("export", "--format", "csv")
        #expect(csv.stdout.hasPrefix("name,nickname,company,title,emails,phones,circle"))
        #expect(try cli.run("export", "--format", "ics").stdout.hasPrefix("BEGIN:VCALENDAR\r\n"))
        let json = cli.home + "/backup.json"
        #expect(try cli.run("export", "--format", "json", "--out", json).status == 0)

        // The backup restores into a fresh file with the same ids.
        let other = try RapportCLI()
        let restore = try other.run("import", "--format", "json", json)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(try other.run("list", "--json").stdout == cli.run("list", "--json").stdout)
        #expect(try cli.run("export", "--format", "pdf").status == 2)
    }

    @Test func anInvalidRecordRefusesTheImportWithFileAndLine() throws {
        let cli = try RapportCLI()
        let path = cli.home + "/people.csv"
        try "name,email\nAna,ana@x.example\nBo,not-an-email\n,\nCy,cy@x.example\n".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try cli.run("import", path)
        #expect(refused.status == 1)
        #expect(refused.stderr == "rapport: \(path):3: email: \"not-an-email\" is not an email address\n"
                + "nothing imported: 1 invalid record (--skip-invalid imports the valid ones)\n")
        #expect(try cli.run("list").stdout.isEmpty)
        let skipped = try cli.run("import", path, "--skip-invalid")
        #expect(skipped.status == 0)
        #expect(skipped.stdout == "2 added, 0 updated, 0 skipped, 1 error\n")
        #expect(skipped.stderr == "skipped \(path):3: email: \"not-an-email\" is not an email address\n")
    }

    @Test func mergeAndMuttQuery() throws {
        let cli = try RapportCLI()
        #expect(try cli.run("add", "Zoë Park", "--company", "Kite", "--email", "zp@old.example").status == 0)
        let imported = try cli.run("import", Self.exports + "/khard.vcf")
        #expect(imported.stdout.contains("likely duplicate: #1 Zoë Park and #2 Zoë Park (same name and company, no shared email); merge with: rapport merge #1 #2"))
        #expect(try cli.run("log", "#2", "--kind", "call").status == 0)
        let merged = try cli.run("merge", "#1", "#2")
        #expect(merged.status == 0)
        #expect(merged.stdout == "#1 Zoë Park (merged #2 Zoë Park into it)\n")
        #expect(try cli.run("timeline", "1").stdout.contains("call"))
        #expect(try cli.run("show", "2").status == 1)

        let query = try cli.run("mutt-query", "ZOE")
        #expect(query.status == 0)
        #expect(query.stdout == "rapport: 3 matches\nzp@old.example\tZoë Park\tKite\nzoe@kite.example\tZoë Park\tKite\n"
                + "zoe.park@mail.example\tZoë Park\tKite\n")
        let none = try cli.run("mutt-query", "nobody")
        #expect(none.status == 1)
        #expect(none.stdout == "rapport: no matches\n")
    }
}

@Suite struct ImportFormTests {
    @Test func iOpensTheImportFormTabCompletesAndEnterRunsTheImport() {
        var state = DashboardFixture.state()
        let reducer = Reducer(now: { DashboardFixture.now }, completePath: { $0 == "~/Down" ? "~/Downloads/" : $0 + "cards.vcf" })
        func press(_ keys: [Key]) -> [Effect] {
            keys.flatMap { key in KeyRouter.action(for: key, in: state).map { reducer.reduce(&state, $0) } ?? [] }
        }
        #expect(press([.character("i")]).isEmpty)
        #expect(state.form?.purpose == .importFile)
        _ = press(DashboardFixture.type("~/Down") + [.tab])
        #expect(state.form?.form.fields[0].value == "~/Downloads/")
        _ = press([.tab])
        #expect(state.form?.form.fields[0].value == "~/Downloads/cards.vcf")
        let effects = press([.enter])
        let expected = NSHomeDirectory() + "/Downloads/cards.vcf"
        #expect(effects == [.importFile(expected)])
        #expect(state.form == nil)
        #expect(state.pendingWrites == 1)
        #expect(state.message?.text == "importing \(expected)…")

        // The result comes back as a finished write: counts in the status line, nothing to undo.
        _ = reducer.reduce(&state, .writeFinished(description: "imported cards.vcf: 2 added, 1 updated, 0 skipped", undo: nil, isUndo: false))
        #expect(state.message?.text == "imported cards.vcf: 2 added, 1 updated, 0 skipped")
        #expect(state.pendingWrites == 0)
    }

    @Test func anEmptyPathStaysInTheFormWithAnError() {
        var state = DashboardFixture.state()
        DashboardFixture.press([.character("i"), .enter], &state)
        #expect(state.form?.purpose == .importFile)
        #expect(state.form?.form.fields[0].error == "name a file or a folder of .vcf files")
    }

    @Test func importStatusNamesTheDuplicateAndTheFirstError() {
        var report = ImportReport()
        report.added = [.init(name: "Zoë Park", id: 2, note: "")]
        report.problems = [ImportProblem(file: "/x/a.csv", line: 3, reason: "email: bad")]
        report.duplicates = [.init(kept: .init(name: "Zoë Park", id: 1, note: ""), imported: .init(name: "Zoë Park", id: 2, note: ""))]
        #expect(ImportStatus.line(report, path: "/x/a.csv")
                == "imported a.csv: 1 added, 0 updated, 0 skipped, 1 error (first error: line 3: email: bad) · Zoë Park may be #1: rapport merge #1 #2")
    }
}
