import Domain
import Foundation
import Testing
@testable import App

/// The repository root, for reading the shipped seeds and themes.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

@Suite struct SettingsTests {
    @Test func shippedPlaybookEqualsTheStandardOne() throws {
        let path = repositoryRoot.appendingPathComponent("seeds/playbook.toml").path
        let table = try SettingsReader.load(path: path)
        #expect(try PlaybookSettings.apply(table, to: Playbook(), file: path) == .standard)
        // And every value in it is read: changing one changes the playbook.
        var changed = table
        changed["rapport"] = .table(["touches": .int(9)])
        #expect(try PlaybookSettings.apply(changed, to: .standard, file: path).rapport.touches == 9)
    }

    @Test func configOverridesOnlyWhatItNames() throws {
        let config = try Config.parse(SettingsReader.parse("""
            theme = "light"
            rescore_seconds = 30
            [playbook.keep_in_touch]
            inner = { ideal = 7, max = 10 }
            [playbook.promises]
            mine_weight = 150
            [keys]
            quit = ["q", "Q"]
            help = "F1"
            """, file: "config.toml"), file: "config.toml")
        #expect(config.theme == "light")
        #expect(config.rescoreSeconds == 30)
        #expect(config.playbook.keepInTouch.inner == Cadence(idealDays: 7, maximumDays: 10))
        #expect(config.playbook.promises.mineWeight == 150)
        #expect(config.playbook.promises.minePerDay == Playbook.standard.promises.minePerDay)
        #expect(config.keys == ["quit": ["q", "Q"], "help": ["F1"]])
    }

    @Test(arguments: [
        ("[playbook.promises]\nmine_wieght = 1", "config.toml: unknown playbook key playbook.promises.mine_wieght"),
        ("[playbook.nope]\nx = 1", "config.toml: unknown playbook section [playbook.nope]"),
        ("[playbook.keep_in_touch]\ninner = { ideal = 30, max = 10 }",
         "config.toml: playbook.keep_in_touch.inner must be { ideal = DAYS, max = DAYS } with 1 <= ideal <= max"),
        ("[playbook.follow_up]\nwithin_days = \"two\"",
         "config.toml: playbook.follow_up.within_days must be a whole number of days from 0 to 36500"),
        ("rescore_seconds = 0", "config.toml: rescore_seconds must be a whole number from 5 to 86400"),
        ("colour = \"red\"", "config.toml: unknown setting colour"),
        ("[me]\nemails = [\"ana.example.com\"]", "config.toml: me.emails: \"ana.example.com\" is not an email address"),
        ("[me]\nmail = \"a@b.c\"", "config.toml: unknown setting me.mail"),
        ("[capture]\nmail = \"~/Mail\"", "config.toml: capture.mail must be a list of paths"),
        ("[capture]\nmax_recipients = 0", "config.toml: capture.max_recipients must be a whole number from 1 to 1000"),
        ("[capture]\nsubjects = \"no\"", "config.toml: capture.subjects must be true or false"),
    ])
    func badSettingsAreNamed(_ text: String, _ message: String) throws {
        #expect(throws: SettingsError.self) {
            try Config.parse(SettingsReader.parse(text, file: "config.toml"), file: "config.toml")
        }
        do {
            _ = try Config.parse(SettingsReader.parse(text, file: "config.toml"), file: "config.toml")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func meAndCaptureAreRead() throws {
        let config = try Config.parse(SettingsReader.parse("""
            [me]
            name = "Ana Lima"
            emails = ["Ana@Example.com ", "ana@work.example"]
            [capture]
            mail = ["~/Mail", "/var/mail/ana"]
            calendars = ["~/.calendars/work"]
            subjects = false
            max_recipients = 5
            horizon_days = 14
            interval_seconds = 30
            """, file: "config.toml"), file: "config.toml", environment: ["HOME": "/home/ana"])
        #expect(config.me.name == "Ana Lima" && config.me.emails == ["ana@example.com", "ana@work.example"])
        #expect(config.me.owns("ANA@example.COM") && !config.me.owns("bo@example.com"))
        #expect(config.capture.mail == ["/home/ana/Mail", "/var/mail/ana"])
        #expect(config.capture.calendars == ["/home/ana/.calendars/work"])
        #expect(!config.capture.subjects && config.capture.maxRecipients == 5)
        #expect(config.capture.horizonDays == 14 && config.capture.intervalSeconds == 30)
        // Without [me], capture cannot tell sent from received.
        #expect(!Config().me.isSet)
    }

    @Test func syncVdirsAreRead() throws {
        let config = try Config.parse(SettingsReader.parse("""
            [sync]
            vdirs = ["~/.contacts/personal", "/srv/contacts/work"]
            interval_seconds = 120
            """, file: "config.toml"), file: "config.toml", environment: ["HOME": "/home/ana"])
        #expect(config.sync.vdirs == ["/home/ana/.contacts/personal", "/srv/contacts/work"])
        #expect(config.sync.intervalSeconds == 120)
        #expect(Config().sync.vdirs.isEmpty)
        for (text, message) in [
            ("[sync]\nvdirs = \"~/.contacts\"", "config.toml: sync.vdirs must be a list of folders"),
            ("[sync]\ninterval_seconds = 1", "config.toml: sync.interval_seconds must be a whole number from 5 to 86400"),
            ("[sync]\ncarddav = true", "config.toml: unknown setting sync.carddav"),
        ] {
            #expect(throws: SettingsError.self) {
                _ = try Config.parse(SettingsReader.parse(text, file: "config.toml"), file: "config.toml")
            }
            do {
                _ = try Config.parse(SettingsReader.parse(text, file: "config.toml"), file: "config.toml")
            } catch {
                #expect("\(error)" == message)
            }
        }
    }

    @Test func malformedTomlGivesItsLine() {
        do {
            _ = try SettingsReader.parse("theme = \"light\"\nrescore_seconds = = 3\n", file: "config.toml")
            Issue.record("expected a parse error")
        } catch {
            #expect("\(error)".hasPrefix("config.toml: line 2:"))
        }
    }

    @Test func missingConfigFileMeansDefaults() throws {
        #expect(try Config.load(path: "/nonexistent/rapport/config.toml") == Config())
    }
}
