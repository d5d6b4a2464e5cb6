import CNcursesw

/// The Swift face of the C terminal guard in CNcursesw's shim.h: saves the
/// shell's terminal state, and restores it from signal handlers and at exit
/// without calling curses (only async-signal-safe calls run there).
///
/// Signals, as installed while a backend is open:
/// - SIGTERM, SIGHUP, SIGINT: the first one is recorded (`terminationSignal`)
///   for the UI loop to act on; a second one restores the terminal and kills
///   the process by that signal (the loop did not stop in time).
/// - SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE: restore, then pass the
///   signal on to the handler found at install time (the Swift runtime's
///   backtracer) or the default action, so the crash is still reported.
/// - `exit()` without `close()`: an atexit hook restores.
enum TerminalGuard {
    static var isInstalled: Bool { rapport_guard_is_installed() != 0 }

    /// Call before curses touches the terminal: this saves its termios.
    static func install() { rapport_guard_install(STDIN_FILENO, STDOUT_FILENO) }

    static func uninstall() { rapport_guard_uninstall() }

    /// Reads sgr0/cnorm/rmkx/rmcup from terminfo; call once curses is set up.
    static func captureRestoreSequences() { rapport_guard_capture_sequences() }

    /// Whether the handlers should restore: true only while curses owns the screen.
    static func setActive(_ active: Bool) { rapport_guard_set_active(active ? 1 : 0) }

    /// The first termination signal received since install, if any.
    static var terminationSignal: Int32? {
        let signal = rapport_guard_termination_signal()
        return signal == 0 ? nil : signal
    }

    /// Stops the process (SIGTSTP, default action); returns after `fg`.
    static func stopProcess() { rapport_guard_stop_self() }
}
