// Terminal: the ncurses backend, the only target that imports curses.
//
// It exists so that C interop, curses' global state and the Swift 6
// concurrency exceptions they need stay in one place: UI widgets draw into a
// `Buffer`, App talks to the `Backend` protocol, and this target turns buffers
// into ncurses calls (changed cells only) and ncurses key codes into `Key`s.
// Only the rapport executable imports it, to build the backend it hands to App.
//
// Invariants kept here:
// - curses is called from one thread only: `NcursesBackend` is deliberately
//   not Sendable, so the compiler refuses to let it cross threads;
// - no control character or escape sequence from a cell reaches the terminal
//   (TerminalText);
// - the terminal is restored on close, on Ctrl-Z, on SIGTERM/SIGHUP/SIGINT,
//   on a crash signal and at exit (TerminalGuard).
import CNcursesw
import Glibc
import UI

/// Shows buffers and reads keys through ncursesw on the process's terminal.
///
/// Termination signals (SIGTERM, SIGHUP, SIGINT) never run curses code: they
/// set a flag, and the UI loop sees them either way:
/// - `nextKey` returns `keyOnTermination` (default `.control("c")`, the quit
///   key) at once, and keeps doing so, while a termination is pending, so a
///   loop that knows only `Backend` still quits;
/// - `NcursesBackend.terminationSignal` tells which signal came, for a loop
///   that wants to tell a signal from a key press (set `keyOnTermination` to
///   nil then).
/// A second termination signal restores the terminal and ends the process.
public final class NcursesBackend: Backend {
    public private(set) var size: Size
    /// Colours the terminal shows: 256, 16, 8, or 0 (attributes only).
    public let colorCount: Int
    /// What `nextKey` returns while a termination signal is pending; nil to
    /// return nothing and rely on `terminationSignal`.
    public var keyOnTermination: Key? = .control("c")

    private var styleFor: (Role) -> TerminalStyle
    private var screen: OpaquePointer?
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: Buffer?
    private var repaintAll = false
    private var pairs: ColorPairCache
    private var resolved: [Role: (attributes: attr_t, pair: Int16)] = [:]
    private let hasDefaultColors: Bool

    /// The first SIGTERM, SIGHUP or SIGINT received while a backend is open.
    public static var terminationSignal: Int32? { TerminalGuard.terminationSignal }

    /// Takes the terminal: alternate screen, raw mode, no echo, hidden cursor.
    ///
    /// - Parameter styleFor: the style of each role; called once per role and
    ///   cached (see `setStyles`).
    /// - Throws: `TerminalError` when stdin/stdout is not a terminal, TERM is
    ///   unusable, no UTF-8 locale exists, or a backend is already open. The
    ///   terminal is left untouched then.
    public init(styleFor: @escaping (Role) -> TerminalStyle) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty else { throw TerminalError.unusableTerminal(term: "") }
        guard !TerminalGuard.isInstalled else { throw TerminalError.alreadyOpen }
        guard rapport_setup_utf8_locale() != 0 else { throw TerminalError.noUTF8Locale }

        guard rapport_terminal_is_usable(term) != 0 else { throw TerminalError.unusableTerminal(term: term) }

        Self.receiveTerminalSignals()
        TerminalGuard.install()
        guard let screen = rapport_newterm(nil), let window = rapport_stdscr() else {
            TerminalGuard.uninstall()
            throw TerminalError.unusableTerminal(term: term)
        }
        self.screen = screen
        self.window = window
        self.styleFor = styleFor

        raw()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        scrollok(window, false)
        leaveok(window, true)
        set_escdelay(25)
        curs_set(0)

        var colors = 0
        var defaults = false
        if has_colors(), start_color() == OK {
            defaults = use_default_colors() == OK
            let count = Int(rapport_colors())
            colors = count >= 256 ? 256 : count >= 16 ? 16 : count >= 8 ? 8 : 0
        }
        colorCount = colors
        hasDefaultColors = defaults
        pairs = ColorPairCache(capacity: colors == 0 ? 0 : Int(rapport_color_pairs()) - 1)
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))

        TerminalGuard.captureRestoreSequences()
        TerminalGuard.setActive(true)
    }

    deinit { close() }

    private var isOpen: Bool { screen != nil }

    /// Replaces the role styles (a theme change); the next frame is drawn whole.
    public func setStyles(_ styleFor: @escaping (Role) -> TerminalStyle) {
        self.styleFor = styleFor
        resolved.removeAll()
        pairs.removeAll()
        previous = nil
    }

    // MARK: Drawing

    public func draw(_ buffer: Buffer) {
        guard isOpen else { return }
        if repaintAll {
            clearok(rapport_curscr(), true)
            repaintAll = false
            previous = nil
        }
        if previous?.size != buffer.size { werase(window) }
        let limit = size.width
        for run in buffer.changes(since: previous) where run.y < size.height && run.x < limit {
            let style = resolve(run.role)
            wattr_set(window, style.attributes, style.pair, nil)
            let characters = TerminalText.characters(of: run, in: buffer, limit: limit)
            // The bottom-right cell returns ERR (the cursor cannot advance past
            // it) but is drawn; scrollok is off, so nothing scrolls.
            _ = characters.withUnsafeBufferPointer { chars in
                mvwaddnwstr(window, Int32(run.y), Int32(run.x), chars.baseAddress, Int32(chars.count))
            }
        }
        wattr_set(window, rapport_a_normal(), 0, nil)
        wnoutrefresh(window)
        doupdate()
        previous = buffer
    }

    private func resolve(_ role: Role) -> (attributes: attr_t, pair: Int16) {
        if let style = resolved[role] { return style }
        let style = styleFor(role)
        var attributes = rapport_a_normal()
        if style.attributes.contains(.bold) { attributes |= rapport_a_bold() }
        if style.attributes.contains(.dim) { attributes |= rapport_a_dim() }
        if style.attributes.contains(.underline) { attributes |= rapport_a_underline() }
        if style.attributes.contains(.reverse) { attributes |= rapport_a_reverse() }
        if style.attributes.contains(.italic) { attributes |= rapport_a_italic() }
        var pair: Int16 = 0
        if colorCount > 0 {
            var foreground = ColorDownsampling.color(style.foreground, colorCount: colorCount)
            var background = ColorDownsampling.color(style.background, colorCount: colorCount)
            if !hasDefaultColors {
                // Without use_default_colors, -1 is not a colour: assume white on black.
                if foreground < 0 { foreground = Int32(COLOR_WHITE) }
                if background < 0 { background = Int32(COLOR_BLACK) }
            }
            let allocation = pairs.pair(foreground: foreground, background: background)
            if allocation.isNew {
                init_pair(allocation.number, Int16(foreground), Int16(background))
            }
            pair = allocation.number
        }
        resolved[role] = (attributes, pair)
        return (attributes, pair)
    }

    // MARK: Keys

    /// The next key within `timeoutMilliseconds` (negative: wait for one).
    /// A resize comes as `.resize`, with `size` already updated.
    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        guard isOpen else { return nil }
        if Self.terminationSignal != nil, let key = keyOnTermination { return key }
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(max(0, timeoutMilliseconds))
        while true {
            // Short slices, so a termination signal is seen within 100 ms.
            var slice = 100
            if timeoutMilliseconds >= 0 {
                let left = deadline - clock.now
                slice = max(0, min(100, Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
            }
            wtimeout(window, Int32(slice))
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if Self.terminationSignal != nil, let key = keyOnTermination { return key }
            if status != ERR, let key = decodeKey(status: status, code: UInt32(code)) {
                if key == .resize { updateSize() }
                return key
            }
            if timeoutMilliseconds >= 0, clock.now >= deadline { return nil }
        }
    }

    private func updateSize() {
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        repaintAll = true
    }

    // MARK: Suspend and close

    /// Ctrl-Z: gives the terminal back to the shell and stops the process;
    /// after `fg`, takes it again. The next `draw` repaints the whole screen.
    public func suspend() {
        guard isOpen else { return }
        TerminalGuard.setActive(false)
        endwin()
        TerminalGuard.stopProcess()
        // Back after `fg`: raw mode again now; doupdate re-enters the alternate screen.
        reset_prog_mode()
        TerminalGuard.setActive(true)
        repaintAll = true
        previous = nil
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    /// Restores the terminal for good. Safe to call more than once.
    public func close() {
        guard let screen else { return }
        self.screen = nil
        TerminalGuard.setActive(false)
        endwin()
        delscreen(screen)
        TerminalGuard.uninstall()
    }

    /// A parent can hand us SIGWINCH (or job-control signals) blocked or
    /// ignored, and both are inherited across exec: then a resize would never
    /// reach ncurses. Unblock them and restore the default handlers, which
    /// ncurses replaces with its own, before the screen starts.
    private static func receiveTerminalSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in [SIGWINCH, SIGTSTP, SIGCONT, SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for signal in [SIGWINCH, SIGTSTP, SIGCONT] { Glibc.signal(signal, SIG_DFL) }
    }
}
