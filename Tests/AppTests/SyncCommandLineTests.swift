import Foundation
import Testing
@testable import App

/// `rapport sync` through the real binary: a vdir in a temp HOME, the
/// summary line, the configured folders, and one clear line for a bad folder.
@Suite(.enabled(if: RapportCLI.binaryExists,
                "rapport binary not found: run `swift build` first or set RAPPORT_BIN"))
struct SyncCommandLineTests {
    @Test func syncVdirWritesTheBookOutThenBringsAnEditedCardIn() throws {
        let cli = try RapportCLI()
        let vdir = cli.home + "/contacts"
        try FileManager.default.createDirectory(atPath: vdir, withIntermediateDirectories: true)
        #expect(try cli.run("add", "Ana Lima", "--email", "ana@lima.example").status == 0)
        #expect(try cli.run("log", "ana", "--kind", "call").status == 0)
        let first = try cli.run("sync", "vdir", vdir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "vdir \(vdir): 0 in (0 new), 1 out, 0 deleted here, 0 deleted there, 0 conflicts\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: vdir)
        #expect(names.count == 1)
        let path = vdir + "/" + names[0]
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("FN:Ana Lima") && text.contains("X-RAPPORT-CIRCLE:network"))
        // Edited by another client: it comes in, the interaction stays.
        try text.replacingOccurrences(of: "FN:Ana Lima", with: "FN:Ana Lima\r\nTITLE:CTO")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let dry = try cli.run("sync", "vdir", vdir, "--dry-run")
        #expect(dry.stdout.hasPrefix("dry run, nothing written: vdir \(vdir): 1 in (0 new)"))
        let second = try cli.run("sync", "vdir", vdir)
        #expect(second.stdout == "vdir \(vdir): 1 in (0 new), 0 out, 0 deleted here, 0 deleted there, 0 conflicts\n")
        let show = try cli.run("show", "ana")
        #expect(show.stdout.contains("CTO"))
        #expect(try cli.run("timeline", "ana", "--json").stdout.contains("\"call\""))
        // Configured: a bare `rapport sync` runs the folders of [sync] vdirs.
        try FileManager.default.createDirectory(atPath: cli.home + "/.config/rapport", withIntermediateDirectories: true)
        try "[sync]\nvdirs = [\"~/contacts\"]\n".write(toFile: cli.home + "/.config/rapport/config.toml",
                                                     atomically: true, encoding: .utf8)
        let configured = try cli.run("sync")
        #expect(configured.stdout == "vdir \(vdir): 0 in (0 new), 0 out, 0 deleted here, 0 deleted there, 0 conflicts\n")
    }

    @Test func aBadFolderIsOneClearLineAndExitsOne() throws {
        let cli = try RapportCLI()
        let missing = try cli.run("sync", "vdir", cli.home + "/nowhere")
        #expect(missing.status == 1)
        #expect(missing.stderr == "rapport: vdir \(cli.home)/nowhere: no such folder\n")
        try "x".write(toFile: cli.home + "/file.vcf", atomically: true, encoding: .utf8)
        let file = try cli.run("sync", "vdir", cli.home + "/file.vcf")
        #expect(file.stderr == "rapport: vdir \(cli.home)/file.vcf: not a folder\n")
        let none = try cli.run("sync")
        #expect(none.status == 1 && none.stderr.contains("no folders configured"))
        #expect(try cli.run("sync", "carddav", "x").status == 2)
    }
}
