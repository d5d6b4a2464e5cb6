// CNcursesw: ncursesw for Swift, plus the C that Swift cannot or must not do.
//
// Only the Terminal target imports this module. Two kinds of code live here:
//
// 1. `static inline` wrappers for ncurses globals and macros that Swift 6
//    cannot import (stdscr, curscr, LINES, COLS, COLORS, A_*, KEY_F(n)).
// 2. The terminal guard: signal handlers that restore the terminal when the
//    process is told to stop or crashes. A signal handler may call only
//    async-signal-safe functions (tcsetattr, write, sigaction, raise), which
//    Swift code cannot promise (it may allocate or take runtime locks), so the
//    handlers are C. Their state is in `__attribute__((weak))` globals, so that
//    every object file that happens to emit these inline functions shares one
//    copy at link time. The globals must have initializers: without one the
//    importer emits an undefined weak symbol, whose address is null.
#ifndef RAPPORT_CNCURSESW_SHIM_H
#define RAPPORT_CNCURSESW_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1

#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <langinfo.h>
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// Glibc's Swift module is built without _XOPEN_SOURCE and hides these.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

// MARK: - Globals and macros

static inline WINDOW *rapport_stdscr(void) { return stdscr; }
static inline WINDOW *rapport_curscr(void) { return curscr; }
static inline int rapport_lines(void) { return LINES; }
static inline int rapport_cols(void) { return COLS; }
static inline int rapport_colors(void) { return COLORS; }
static inline int rapport_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t rapport_a_normal(void) { return A_NORMAL; }
static inline attr_t rapport_a_bold(void) { return A_BOLD; }
static inline attr_t rapport_a_dim(void) { return A_DIM; }
static inline attr_t rapport_a_underline(void) { return A_UNDERLINE; }
static inline attr_t rapport_a_reverse(void) { return A_REVERSE; }
static inline attr_t rapport_a_italic(void) { return A_ITALIC; }

static inline int rapport_key_f(int n) { return KEY_F(n); }

/// `newterm` on the process's stdout and stdin (Swift 6 cannot name `stdout`).
static inline SCREEN *rapport_newterm(const char *term) { return newterm(term, stdout, stdin); }

/// Whether terminfo knows `term` and it can address the cursor (a "dumb"
/// terminal cannot). Loads the entry and frees it, writing nothing to the
/// terminal, so a refusal leaves it untouched.
static inline int rapport_terminal_is_usable(const char *term) {
    int status = 0;
    if (setupterm(term, STDOUT_FILENO, &status) != OK) return 0;
    const char *cup = tigetstr("cup");
    int usable = cup != NULL && cup != (char *)-1;
    del_curterm(cur_term);
    return usable;
}

/// Sets the locale from the environment; when that is not UTF-8 (no LANG, as
/// in CI), falls back to C.UTF-8. Returns 1 when the locale ends up UTF-8.
static inline int rapport_setup_utf8_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset != NULL && strcmp(codeset, "UTF-8") == 0) return 1;
    if (setlocale(LC_ALL, "C.UTF-8") == NULL) return 0;
    codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

// MARK: - Terminal guard (async-signal-safe restore)

#define RAPPORT_GUARD_SEQUENCE_CAPACITY 256
#define RAPPORT_GUARD_SIGNALS 65
#define RAPPORT_GUARD_ALTSTACK_SIZE 65536

struct rapport_guard_state {
    struct termios saved_termios;
    int have_termios;
    int input_fd;
    int output_fd;
    /// 1 while curses owns the terminal: only then do handlers restore it.
    volatile sig_atomic_t active;
    char sequence[RAPPORT_GUARD_SEQUENCE_CAPACITY];
    size_t sequence_length;
    /// The first termination signal received (0: none); read with __atomic.
    int termination_signal;
    int installed;
    int atexit_registered;
    struct sigaction previous[RAPPORT_GUARD_SIGNALS];
};

__attribute__((weak)) struct rapport_guard_state rapport_guard = { .input_fd = 0 };
__attribute__((weak)) char rapport_guard_altstack[RAPPORT_GUARD_ALTSTACK_SIZE] = { 0 };

static const int rapport_guard_crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
static const int rapport_guard_termination_signals[] = { SIGTERM, SIGHUP, SIGINT };

/// Puts the terminal back as the shell had it: attributes reset, cursor shown,
/// keypad and alternate screen left, then the saved termios. Async-signal-safe.
static inline void rapport_guard_restore_now(void) {
    if (!rapport_guard.active) return;
    rapport_guard.active = 0;
    if (rapport_guard.sequence_length > 0) {
        ssize_t ignored = write(rapport_guard.output_fd, rapport_guard.sequence, rapport_guard.sequence_length);
        (void)ignored;
    }
    if (rapport_guard.have_termios) {
        tcsetattr(rapport_guard.input_fd, TCSANOW, &rapport_guard.saved_termios);
    }
}

/// Crash: restore, then call whoever had the signal before (the Swift
/// runtime's backtracer) so the crash is still reported, then die by the
/// signal. Calling it directly, rather than re-raising into it, matters for a
/// signal sent from outside: the backtracer returns from that one, and the
/// process would otherwise go on running behind a restored terminal.
static inline void rapport_guard_crash_handler(int sig, siginfo_t *info, void *context) {
    rapport_guard_restore_now();
    struct sigaction previous = rapport_guard.previous[sig];
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction != NULL) previous.sa_sigaction(sig, info, context);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(sig);
    }
    // Blocked while this handler runs: delivered with the default action on return.
    signal(sig, SIG_DFL);
    raise(sig);
}

/// SIGTERM, SIGHUP, SIGINT: record the signal for the UI loop to see. Curses is
/// never called here. A second signal means the loop did not stop: restore
/// the terminal and die by the signal.
static inline void rapport_guard_termination_handler(int sig) {
    int expected = 0;
    if (__atomic_compare_exchange_n(&rapport_guard.termination_signal, &expected, sig, 0,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        return;
    }
    rapport_guard_restore_now();
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    raise(sig);
}

static inline void rapport_guard_atexit(void) { rapport_guard_restore_now(); }

/// Saves the shell's termios of `input_fd` (call before curses changes it) and
/// installs the handlers and the atexit hook. Idempotent.
static inline void rapport_guard_install(int input_fd, int output_fd) {
    if (rapport_guard.installed) return;
    rapport_guard.input_fd = input_fd;
    rapport_guard.output_fd = output_fd;
    rapport_guard.have_termios = tcgetattr(input_fd, &rapport_guard.saved_termios) == 0;
    __atomic_store_n(&rapport_guard.termination_signal, 0, __ATOMIC_SEQ_CST);

    // A stack overflow needs its own stack for the handler to run on.
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t stack;
        memset(&stack, 0, sizeof stack);
        stack.ss_sp = rapport_guard_altstack;
        stack.ss_size = sizeof rapport_guard_altstack;
        sigaltstack(&stack, NULL);
    }

    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK | SA_SIGINFO;
    action.sa_sigaction = rapport_guard_crash_handler;
    for (size_t i = 0; i < sizeof rapport_guard_crash_signals / sizeof(int); i++) {
        int sig = rapport_guard_crash_signals[i];
        sigaction(sig, &action, &rapport_guard.previous[sig]);
    }
    // No SA_RESTART: a blocking read returns early so the loop sees the flag.
    action.sa_flags = 0;
    action.sa_sigaction = NULL;
    action.sa_handler = rapport_guard_termination_handler;
    for (size_t i = 0; i < sizeof rapport_guard_termination_signals / sizeof(int); i++) {
        int sig = rapport_guard_termination_signals[i];
        sigaction(sig, &action, &rapport_guard.previous[sig]);
    }
    if (!rapport_guard.atexit_registered) {
        rapport_guard.atexit_registered = 1;
        atexit(rapport_guard_atexit);
    }
    rapport_guard.installed = 1;
}

/// Puts back the dispositions found at install time.
static inline void rapport_guard_uninstall(void) {
    if (!rapport_guard.installed) return;
    rapport_guard.active = 0;
    for (size_t i = 0; i < sizeof rapport_guard_crash_signals / sizeof(int); i++) {
        int sig = rapport_guard_crash_signals[i];
        sigaction(sig, &rapport_guard.previous[sig], NULL);
    }
    for (size_t i = 0; i < sizeof rapport_guard_termination_signals / sizeof(int); i++) {
        int sig = rapport_guard_termination_signals[i];
        sigaction(sig, &rapport_guard.previous[sig], NULL);
    }
    rapport_guard.installed = 0;
}

static inline void rapport_guard_append(const char *capability, const char *fallback) {
    const char *value = tigetstr(capability);
    if (value == NULL || value == (char *)-1) value = fallback;
    size_t length = strlen(value);
    if (rapport_guard.sequence_length + length >= RAPPORT_GUARD_SEQUENCE_CAPACITY) return;
    memcpy(rapport_guard.sequence + rapport_guard.sequence_length, value, length);
    rapport_guard.sequence_length += length;
}

/// Reads the restore sequences from terminfo once curses is set up, so the
/// handlers only copy bytes: sgr0, cnorm, rmkx, rmcup (xterm's as fallback).
static inline void rapport_guard_capture_sequences(void) {
    rapport_guard.sequence_length = 0;
    rapport_guard_append("sgr0", "\033[0m");
    rapport_guard_append("cnorm", "\033[?25h");
    rapport_guard_append("rmkx", "");
    rapport_guard_append("rmcup", "\033[?1049l");
}

static inline int rapport_guard_is_installed(void) { return rapport_guard.installed; }

static inline void rapport_guard_set_active(int active) { rapport_guard.active = active; }

static inline int rapport_guard_termination_signal(void) {
    return __atomic_load_n(&rapport_guard.termination_signal, __ATOMIC_SEQ_CST);
}

/// Stops the process as a shell's Ctrl-Z would: SIGTSTP with the default
/// action (ncurses may have its own handler), returning after `fg`.
static inline void rapport_guard_stop_self(void) {
    struct sigaction stop, previous;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &previous);
    sigset_t mask, old;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &mask, &old);
    kill(getpid(), SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    sigaction(SIGTSTP, &previous, NULL);
}

#endif
