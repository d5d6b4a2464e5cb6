import App
import ArgumentParser
import Foundation

/// What every scripting command does first: load config.toml's playbook and
/// open the database, at one "now" in the user's calendar.
extension DatabaseOptions {
    func scripting() throws -> Scripting {
        try scriptingAndConfig().scripting
    }

    /// The scripting commands and the whole config.toml, for the commands
    /// that read more of it than the playbook (capture).
    func scriptingAndConfig() throws -> (scripting: Scripting, config: Config) {
        try userErrors {
            let config = try Config.load(path: Config.defaultPath(environment: environment), environment: environment)
            let store = try Store(path: path(config: config))
            try store.nameMember(name: config.me.name, emails: config.me.emails)
            return (Scripting(store: store, playbook: config.playbook, now: Date(), calendar: .current), config)
        }
    }
}

extension Scripting {
    /// Text output, with database text made visible when standard output is a terminal.
    var text: ScriptText { ScriptText(safe: isatty(1) == 1, calendar: calendar, today: today) }
}

/// Runs `body`, turning what the user can fix (bad input, unknown names,
/// database problems) into a `UserError`: its lines on standard error, exit 1.
func userErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ScriptingError {
        throw UserError(error.description)
    } catch let error as UserError {
        throw error
    } catch {
        throw UserError(error)
    }
}

/// Writes to standard output as is (the text is already made safe where needed).
///
/// A reader gone (`rapport list | head`) ends rapport quietly with 141, as
/// SIGPIPE would: on a team's book SwiftNIO ignores SIGPIPE for its sockets,
/// and the write fails instead.
func emit(_ text: String) {
    do {
        try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    } catch {
        exit(128 + SIGPIPE)
    }
}

func emit(_ json: JSONValue) {
    emit(json.text + "\n")
}
