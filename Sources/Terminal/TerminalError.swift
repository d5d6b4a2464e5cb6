/// Why the dashboard cannot take the terminal. Each says so in one line, for
/// the executable to print before exiting with status 1.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is a pipe or a file.
    case notATerminal
    /// TERM is unset, unknown to terminfo, or cannot move the cursor.
    case unusableTerminal(term: String)
    /// Neither the environment's locale nor C.UTF-8 is UTF-8.
    case noUTF8Locale
    /// Another `NcursesBackend` already owns the terminal.
    case alreadyOpen

    public var description: String {
        switch self {
        case .notATerminal:
            return "the dashboard needs a terminal: standard input and output must both be a terminal (use the scripting commands in pipes)"
        case .unusableTerminal(let term) where term.isEmpty:
            return "the dashboard needs a terminal type: TERM is not set"
        case .unusableTerminal(let term):
            return "terminal type '\(term)' is unknown or cannot position the cursor: set TERM (e.g. xterm-256color)"
        case .noUTF8Locale:
            return "no UTF-8 locale is available (tried the environment's and C.UTF-8)"
        case .alreadyOpen:
            return "the terminal is already in use by this process"
        }
    }
}
