import Foundation

/// rapport.1, written from the argument parser's own description of the
/// commands (`rapport --experimental-dump-help`, ArgumentParser's ToolInfo
/// JSON), so the page cannot drift from the parser; only the files, the
/// environment and the exit statuses are written here, because the parser
/// does not know them.
public enum ManualPage {
    /// The subset of ArgumentParser's ToolInfoV0 the page uses.
    struct ToolInfo: Decodable {
        var command: CommandInfo
    }

    struct CommandInfo: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var defaultSubcommand: String?
        var arguments: [ArgumentInfo]?
        var subcommands: [CommandInfo]?
    }

    struct ArgumentInfo: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }

        var kind: String
        var names: [Name]?
        var valueName: String?
        var abstract: String?
        var discussion: String?
        var isOptional: Bool?
        var isRepeating: Bool?
        var shouldDisplay: Bool?
        var defaultValue: String?
        var allValues: [String]?
    }

    public struct Error: Swift.Error, CustomStringConvertible {
        public var description: String
    }

    /// The page in man(7) markup.
    /// - Parameters:
    ///   - dumpHelp: the output of `rapport --experimental-dump-help`.
    ///   - version: shown in the page's footer.
    public static func render(dumpHelp: Data, version: String) throws -> String {
        let info: ToolInfo
        do {
            info = try JSONDecoder().decode(ToolInfo.self, from: dumpHelp)
        } catch {
            throw Error(description: "the parser's description could not be read: \(error)")
        }
        let root = info.command
        var page = """
            .TH RAPPORT 1 "" "rapport \(escape(version))" "User Commands"
            .SH NAME
            rapport \\- \(escape(root.abstract ?? ""))
            .SH SYNOPSIS
            .B rapport
            [\\fIOPTIONS\\fR]
            .br
            .B rapport
            \\fICOMMAND\\fR [\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]
            .SH DESCRIPTION

            """
        page += paragraphs(root.discussion ?? "")
        page += ".SH OPTIONS\n" + options(root.arguments ?? [])
        page += ".SH COMMANDS\n"
        for command in visible(root.subcommands) {
            page += section(command, path: [root.commandName], isDefault: command.commandName == root.defaultSubcommand)
        }
        page += staticSections
        return page
    }

    private static func visible(_ commands: [CommandInfo]?) -> [CommandInfo] {
        (commands ?? []).filter { $0.shouldDisplay ?? true }
    }

    private static func section(_ command: CommandInfo, path: [String], isDefault: Bool) -> String {
        let path = path + [command.commandName]
        // --help and --version are the same everywhere: listed once, under OPTIONS.
        let arguments = (command.arguments ?? []).filter { argument in
            (argument.shouldDisplay ?? true) && !(argument.names ?? []).contains { ["help", "version"].contains($0.name) }
        }
        let positionals = arguments.filter { $0.kind == "positional" }.map(usage).joined(separator: " ")
        var text = ".SS \"\(escape(path.joined(separator: " ")))"
        text += positionals.isEmpty ? "" : " \(positionals)"
        text += "\"\n"
        text += paragraphs((command.abstract ?? "") + (isDefault && command.abstract?.contains("default") != true ? " (The default command.)" : ""))
        if let discussion = command.discussion, !discussion.isEmpty { text += paragraphs(discussion) }
        text += options(arguments)
        for sub in visible(command.subcommands) {
            text += section(sub, path: path, isDefault: sub.commandName == command.defaultSubcommand)
        }
        return text
    }

    private static func usage(_ argument: ArgumentInfo) -> String {
        let name = argument.valueName ?? argument.names?.first?.name ?? "value"
        var text = "<\(name)>" + (argument.isRepeating == true ? " ..." : "")
        if argument.isOptional == true { text = "[\(text)]" }
        return escape(text)
    }

    private static func options(_ arguments: [ArgumentInfo]) -> String {
        var text = ""
        for argument in arguments where (argument.shouldDisplay ?? true) {
            let names = (argument.names ?? []).map { name -> String in
                let dashes = name.kind == "short" || name.kind == "longWithSingleDash" ? "-" : "--"
                return "\\fB" + escape(dashes + name.name) + "\\fR"
            }
            var term = names.joined(separator: ", ")
            if argument.kind == "positional" {
                term = "\\fI" + escape(argument.valueName ?? argument.names?.first?.name ?? "value") + "\\fR"
            } else if argument.kind == "option" {
                term += " \\fI" + escape(argument.valueName ?? "value") + "\\fR"
            }
            var body = argument.abstract ?? ""
            if let values = argument.allValues, !values.isEmpty, !body.contains(values[0]) {
                body += " One of: \(values.joined(separator: ", "))."
            }
            if let value = argument.defaultValue, !value.isEmpty { body += " Default: \(value)." }
            if argument.isRepeating == true, argument.kind != "flag", !body.contains("repeat") { body += " May be repeated." }
            text += ".TP\n\(term)\n\(escape(body))\n"
            if let discussion = argument.discussion, !discussion.isEmpty { text += escape(discussion) + "\n" }
        }
        return text
    }

    /// Text as paragraphs: blank lines separate them, single line breaks
    /// join, except in a block laid out in columns (two spaces inside a
    /// line), which keeps its lines.
    private static func paragraphs(_ text: String) -> String {
        text.components(separatedBy: "\n\n").map { block -> String in
            let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if lines.isEmpty { return "" }
            if lines.contains(where: { $0.contains("  ") }) {
                return ".PP\n.nf\n" + lines.map(escape).joined(separator: "\n") + "\n.fi\n"
            }
            return ".PP\n" + escape(lines.joined(separator: " ")) + "\n"
        }.joined()
    }

    /// Backslashes and hyphens escaped, characters outside ASCII as
    /// `\[uXXXX]` (man reads the page as ASCII), and a line never starting
    /// with a control character (`.` or `'`).
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\e"
            case "-": escaped += "\\-"
            case _ where scalar.value > 127:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line)
        }.joined(separator: "\n")
    }

    private static let staticSections = """
        .SH FILES
        .TP
        \\fI$XDG_DATA_HOME/rapport/rapport.sqlite\\fR
        The database (contacts, history, promises, events, trash), unless \\fB\\-\\-db\\fR or \\fBRAPPORT_DB\\fR names another. \\fBXDG_DATA_HOME\\fR defaults to \\fI~/.local/share\\fR.
        .TP
        \\fI$XDG_CONFIG_HOME/rapport/config.toml\\fR
        Settings: theme, keys, playbook, capture. \\fBXDG_CONFIG_HOME\\fR defaults to \\fI~/.config\\fR.
        .TP
        \\fI$XDG_CONFIG_HOME/rapport/themes/NAME.toml\\fR
        User colour themes, chosen with \\fB\\-\\-theme\\fR \\fINAME\\fR or \\fItheme\\fR in config.toml. A file named like a built\\-in theme (default, light, high\\-contrast, mono) replaces it.
        .SH ENVIRONMENT
        .TP
        .B RAPPORT_DB
        The database file, when \\fB\\-\\-db\\fR is not given.
        .TP
        .B RAPPORT_SEEDS
        A folder with contacts.vcf and history.toml to load as the demo instead of the built\\-in demo data (for working on the seeds).
        .TP
        .B XDG_DATA_HOME
        Where the database lives by default (an absolute path; a relative one is ignored).
        .TP
        .B XDG_CONFIG_HOME
        Where config.toml and the user's themes live.
        .TP
        .B HOME
        The base of the default folders, and of a \\fB\\-\\-db\\fR path starting with \\fI~/\\fR.
        .TP
        .B NO_COLOR
        When set to any non\\-empty value, the dashboard uses no colours (the mono theme).
        .TP
        .B TERM
        The terminal type, as for any curses program.
        .SH EXIT STATUS
        0 on success, 1 for an error with a message (an unknown name, an impossible date, a locked database), 2 for a usage error.
        .SH SEE ALSO
        .BR khard (1),
        .BR vdirsyncer (1)

        """
}
