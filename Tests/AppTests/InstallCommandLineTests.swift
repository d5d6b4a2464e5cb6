import Foundation
import Testing
import TestSupport
@testable import App

/// Issue 11 through the real binary: a copy of it run from another folder
/// with an empty HOME loads the built-in demo; --db before the command; the
/// man page and completion scripts it writes; what `make install` installs.
@Suite(.enabled(if: RapportCLI.binaryExists,
                "rapport binary not found: run `swift build` first or set RAPPORT_BIN"))
struct InstallCommandLineTests {
    /// Runs `executable ARGS` in `directory` with exactly `environment`.
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                    environment: [String: String]) throws -> RapportCLI.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe(), errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                     stderr: String(decoding: err, as: UTF8.self))
    }

    @Test func aCopyOfTheBinaryLoadsTheDemoFromAnotherFolderWithAnEmptyHome() throws {
        let cli = try RapportCLI()
        let manager = FileManager.default
        for folder in ["bin", "home", "elsewhere"] {
            try manager.createDirectory(atPath: cli.home + "/" + folder, withIntermediateDirectories: true)
        }
        let copy = cli.home + "/bin/rapport"
        try copyExecutable(from: RapportCLI.binary, to: copy)
        let environment = ["HOME": cli.home + "/home", "PATH": "/usr/bin:/bin"]
        let demo = try Self.run(copy, ["demo"], in: cli.home + "/elsewhere", environment: environment)
        #expect(demo.status == 0, "stderr: \(demo.stderr)")
        #expect(demo.stdout.contains("40 contacts, 208 interactions"))
        #expect(manager.fileExists(atPath: cli.home + "/home/.local/share/rapport/rapport.sqlite"))
        let list = try Self.run(copy, ["list"], in: cli.home + "/elsewhere", environment: environment)
        #expect(list.stdout.split(separator: "\n").count == 38) // 40, less the demo's two archived
    }

    @Test func dbBeforeTheCommandIsReadAsIfAfterIt() throws {
        let cli = try RapportCLI()
        let file = cli.home + "/before.sqlite"
        let demo = try cli.run("--db", file, "demo")
        #expect(demo.status == 0, "stderr: \(demo.stderr)")
        #expect(demo.stdout.contains("loaded the demo into \(file): 40 contacts"))
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(!FileManager.default.fileExists(atPath: cli.database)) // not $RAPPORT_DB
        let before = try cli.run("--db", file, "list")
        #expect(before.status == 0)
        #expect(before.stdout == (try cli.run("list", "--db", file)).stdout)
        #expect(before.stdout.contains("Ana Ferreira"))
        #expect(try cli.run("--db=" + file, "list").stdout == before.stdout)
        // A nested command: the option goes after the whole path.
        let events = try cli.run("--db", file, "event", "list")
        #expect(events.status == 0 && events.stdout.contains("attendees"))
        #expect(try cli.run("--db", file, "demo").stderr.contains("already has 40 contacts"))
    }

    @Test func anOptionBeforeAnUnknownCommandIsAUsageError() throws {
        let cli = try RapportCLI()
        let file = cli.home + "/x.sqlite"
        let unknown = try cli.run("--db", file, "bogus")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("bogus"))
        // --theme only belongs to the dashboard: another command names it.
        let theme = try cli.run("--theme", "light", "list")
        #expect(theme.status == 2)
        #expect(theme.stderr.contains("Unknown option '--theme'"))
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try cli.run("--help").stdout.contains("may also come before the command"))
    }

    @Test func theManPageCoversEveryCommandFileAndVariable() throws {
        let cli = try RapportCLI()
        let page = try cli.run("generate-manual")
        #expect(page.status == 0, "stderr: \(page.stderr)")
        let text = page.stdout
        #expect(text.hasPrefix(".TH RAPPORT 1"))
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "FILES", "ENVIRONMENT", "EXIT STATUS"] {
            #expect(text.contains("\n.SH \(section)\n"), "no \(section) section")
        }
        // Every command the parser lists, nested ones too, has its section.
        let dump = try cli.run("--experimental-dump-help")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        func paths(_ command: [String: Any], _ prefix: String) -> [String] {
            let subs = (command["subcommands"] as? [[String: Any]] ?? []).filter { $0["shouldDisplay"] as? Bool ?? true }
            return subs.flatMap { sub -> [String] in
                let path = prefix + " " + (sub["commandName"] as? String ?? "?")
                return [path] + paths(sub, path)
            }
        }
        let commands = paths(try #require(root["command"] as? [String: Any]), "rapport")
        #expect(commands.count > 20 && commands.contains("rapport event list") && commands.contains("rapport demo"))
        for command in commands {
            #expect(text.contains(".SS \"\(command.replacingOccurrences(of: "-", with: "\\-"))"), "no section for \(command)")
        }
        #expect(!text.contains("generate\\-manual"))
        for option in ["\\-\\-db", "\\-\\-theme", "\\-\\-json"] { #expect(text.contains("\\fB\(option)\\fR")) }
        for variable in ["RAPPORT_DB", "RAPPORT_SEEDS", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "NO_COLOR", "HOME"] {
            #expect(text.contains(".B \(variable)\n"), "\(variable) not documented")
        }
        for file in ["rapport.sqlite", "config.toml", "themes/NAME.toml"] { #expect(text.contains(file)) }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") {
            let page = cli.home + "/rapport.1"
            try text.write(toFile: page, atomically: true, encoding: .utf8)
            let rendered = try Self.run("/usr/bin/groff", ["-man", "-Tutf8", "-z", page],
                                        environment: ["PATH": "/usr/bin:/bin"])
            // Only layout notes (a long unbreakable word) are allowed, no markup errors.
            let problems = rendered.stderr.split(separator: "\n").filter { !$0.contains("cannot adjust line") }
            #expect(rendered.status == 0 && problems.isEmpty, "groff: \(rendered.stderr)")
        }
    }

    @Test func completionScriptsAreWrittenAndBashReadsItsOwn() throws {
        let cli = try RapportCLI()
        for shell in ["bash", "zsh", "fish"] {
            let script = try cli.run("--generate-completion-script", shell)
            #expect(script.status == 0)
            #expect(script.stdout.contains("rapport") && script.stdout.contains("demo"))
        }
        let path = cli.home + "/rapport.bash"
        try (try cli.run("--generate-completion-script", "bash")).stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try Self.run("/bin/bash", ["-n", path], environment: ["PATH": "/usr/bin:/bin"])
        #expect(check.status == 0, "bash -n: \(check.stderr)")
        let sourced = try Self.run("/bin/bash", ["-c", "source \(path) && complete -p rapport"],
                                   environment: ["PATH": "/usr/bin:/bin"])
        #expect(sourced.status == 0 && sourced.stdout.contains("rapport"), "\(sourced.stderr)")
    }

    @Test func makeInstallAndUninstallNameExactlyTheStandardPlaces() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/make") else { return }
        let arguments = ["-s", "-n", "-C", repositoryRoot.path, "NO_BUILD=1", "DESTDIR=/tmp/x", "PREFIX=/usr"]
        let environment = ["PATH": "/usr/bin:/bin"]
        let install = try Self.run("/usr/bin/make", arguments + ["install"], environment: environment)
        #expect(install.status == 0, "\(install.stderr)")
        let places = ["/tmp/x/usr/bin/rapport", "/tmp/x/usr/share/man/man1/rapport.1",
                      "/tmp/x/usr/share/bash-completion/completions/rapport",
                      "/tmp/x/usr/share/zsh/site-functions/_rapport",
                      "/tmp/x/usr/share/fish/vendor_completions.d/rapport.fish"]
        for place in places { #expect(install.stdout.contains(place), "make install does not write \(place)") }
        #expect(!install.stdout.contains("swift build"))
        let uninstall = try Self.run("/usr/bin/make", arguments + ["uninstall"], environment: environment)
        #expect(uninstall.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "rm -f " + places.joined(separator: " "))
    }
}
