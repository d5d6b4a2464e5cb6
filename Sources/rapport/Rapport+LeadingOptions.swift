import ArgumentParser

extension Rapport {
    /// Options a user may write before the command, as with `git -C`:
    /// `rapport --db x.sqlite list` means `rapport list --db x.sqlite`.
    static let leadingOptions: Set<String> = ["--db", "--theme"]

    /// `arguments` with the recognised options written before a command name
    /// moved to just after the full command path (`event list`), where the
    /// command's own parser reads them. Anything else is left as it is: no
    /// command after the options means the dashboard (the default command
    /// takes them as they are), an unknown word stays where it was and is
    /// reported as a usage error, and a command without the option (only
    /// `open` has `--theme`) rejects it by name.
    static func movingLeadingOptions(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if let equals = argument.firstIndex(of: "="), leadingOptions.contains(String(argument[..<equals])) {
                leading.append(argument)
                index += 1
            } else if leadingOptions.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        var command: ParsableCommand.Type = Rapport.self
        var path: [String] = []
        while index + path.count < arguments.count,
              let sub = subcommand(of: command, named: arguments[index + path.count]) {
            command = sub
            path.append(arguments[index + path.count])
        }
        guard !path.isEmpty else { return arguments }
        return path + leading + arguments[(index + path.count)...]
    }

    private static func subcommand(of command: ParsableCommand.Type, named name: String) -> ParsableCommand.Type? {
        command.configuration.subcommands.first { sub in
            sub._commandName == name || sub.configuration.aliases.contains(name)
        }
    }
}
