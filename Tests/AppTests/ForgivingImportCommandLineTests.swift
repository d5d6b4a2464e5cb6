import Foundation
import Testing
@testable import App

/// `rapport import` on real-world-shaped exports: warnings on standard
/// error, counted in the summary, dry run too; `--strict` refuses as before;
/// `--date-order` settles `3/4/1985`.
@Suite(.enabled(if: RapportCLI.binaryExists,
                "rapport binary not found: run `swift build` first or set RAPPORT_BIN"))
struct ForgivingImportCommandLineTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("InteropTests/Fixtures/forgiving").path

    @Test func outlookCSVImportsWithAWarning() throws {
        let cli = try RapportCLI()
        let file = Self.fixtures + "/outlook.csv"
        let dry = try cli.run("import", file, "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == "would add #1 Ana Lima\nwould add #2 Bo Lind\nwould add #3 Cy Okafor\n"
                + "dry run, nothing written: 3 added, 0 updated, 0 skipped, 1 warning\n")
        #expect(dry.stderr == "\(file):2: warning: notes: control character U+000B replaced by a line break\n")

        let done = try cli.run("import", file)
        #expect(done.status == 0)
        #expect(done.stdout == "3 added, 0 updated, 0 skipped, 1 warning\n")
        #expect(done.stderr == dry.stderr)
        let csv = try cli.run("export", "--format", "csv").stdout
        #expect(csv.contains("Ana Lima,,Northwind,CTO,ana@example.com,+351 912 000 111,network,,Friends,1985-03-14,,,,,,\"Met at the fintech summit\nTwo kids\""))
        #expect(csv.contains("Bo Lind,,Finch,Engineer,bo@example.com,,network,,,,2010-06-01,"))
        #expect(csv.contains("Cy Okafor,,,,cy@example.com,,network,,,1990-07-04,"))
    }

    @Test func strictRefusesWhatForgivingRepairs() throws {
        let cli = try RapportCLI()
        let csv = Self.fixtures + "/outlook.csv"
        let refused = try cli.run("import", csv, "--strict")
        #expect(refused.status == 1)
        #expect(refused.stderr == "rapport: \(csv):2: notes: cannot contain control characters\n"
                + "nothing imported: 1 invalid record (--skip-invalid imports the valid ones)\n")
        let vcf = Self.fixtures + "/odd-lines.vcf"
        let card = try cli.run("import", vcf, "--strict")
        #expect(card.status == 1)
        #expect(card.stderr == "rapport: \(vcf):5: not a property name: \"X-MESSAGING/XMPP-ALL\"\n"
                + "nothing imported: 1 invalid record (--skip-invalid imports the valid ones)\n")
        #expect(try cli.run("list").stdout.isEmpty)
    }

    @Test func vCardWithOddLinesImportsWithWarnings() throws {
        let cli = try RapportCLI()
        let vcf = Self.fixtures + "/odd-lines.vcf"
        let done = try cli.run("import", vcf)
        #expect(done.status == 0)
        #expect(done.stdout == "2 added, 0 updated, 0 skipped, 3 warnings\n")
        #expect(done.stderr == """
            \(vcf):5: warning: not a property name: "X-MESSAGING/XMPP-ALL"; line dropped
            \(vcf):6: warning: a stray '"' in the parameters of EMAIL; read up to the first ':'
            \(vcf):7: warning: no ':' between name and value in "this line has no colon"; line dropped

            """)
        let csv = try cli.run("export", "--format", "csv").stdout
        #expect(csv.contains("Dana Reyes,,,,dana@example.com,,network,,,1985-03-14,"))
        #expect(csv.contains("Emil Weber,,,,,,network,,,1985-03-14,,,,,,Prefers mornings,"))
    }

    @Test func googleCSVImportsQuietly() throws {
        let cli = try RapportCLI()
        let done = try cli.run("import", Self.fixtures + "/google.csv")
        #expect(done.stdout == "2 added, 0 updated, 0 skipped\n")
        #expect(done.stderr.isEmpty)
        let csv = try cli.run("export", "--format", "csv").stdout
        #expect(csv.contains(",1985-03-14,") && csv.contains(",--03-14,"))
    }

    @Test func ambiguousDatesWithAndWithoutDateOrder() throws {
        let cli = try RapportCLI()
        let path = cli.home + "/uk.csv"
        try "name,birthday\nAna,3/4/1985\n".write(toFile: path, atomically: true, encoding: .utf8)
        let guessed = try cli.run("import", path, "--dry-run")
        #expect(guessed.stdout.hasSuffix("dry run, nothing written: 1 added, 0 updated, 0 skipped, 1 warning\n"))
        #expect(guessed.stderr
                == "\(path):2: warning: birthday \"3/4/1985\" is ambiguous (day/month); left empty — use --date-order\n")
        let told = try cli.run("import", path, "--date-order", "dmy")
        #expect(told.status == 0 && told.stderr.isEmpty)
        #expect(told.stdout == "1 added, 0 updated, 0 skipped\n")
        #expect(try cli.run("export", "--format", "csv").stdout.contains("Ana,,,,,,network,,,1985-04-03,"))
        let bad = try cli.run("import", path, "--date-order", "ymd")
        #expect(bad.status == 64 || bad.status == 2)
        #expect(bad.stderr.contains("--date-order must be dmy or mdy"))
    }

    @Test func theDashboardStatusLineCountsWarnings() {
        var report = ImportReport()
        report.added = [.init(name: "Ana Lima", id: 1, note: "")]
        report.warnings = [ImportProblem(file: "/x/outlook.csv", line: 2, reason: "notes: control character U+000B replaced by a line break")]
        #expect(ImportStatus.line(report, path: "/x/outlook.csv") == "imported outlook.csv: 1 added, 0 updated, 0 skipped, 1 warning")
    }
}
