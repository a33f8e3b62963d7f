#include "CNCurses.h"

static volatile sig_atomic_t received_signal = 0;

static void record_signal(int sig) { received_signal = sig; }

void ikamet_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = record_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

int ikamet_take_signal(void) {
    int sig = received_signal;
    received_signal = 0;
    return sig;
}

static void restore_and_reraise(int sig) {
    // write(2) only: async-signal-safe; the fixed sequence that turns bracketed paste off again.
    static const char paste_off[] = "\033[?2004l";
    ssize_t ignored = write(STDOUT_FILENO, paste_off, sizeof paste_off - 1);  // lint:terminal-control
    (void)ignored;
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

void ikamet_install_crash_handlers(void) {
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) signal(signals[i], restore_and_reraise);
}

// The terminal's bracketed-paste mode. ncurses has no call for it, and a string sent with putp() before the
// first refresh is dropped, so the fixed control sequence is written here, by the curses backend, which owns
// the terminal. It carries no data (scripts/lint-output allows these lines by their marker).
void ikamet_bracketed_paste_on(void) {
    define_key("\033[200~", ikamet_key_paste_start());
    define_key("\033[201~", ikamet_key_paste_end());
    fputs("\033[?2004h", stdout); fflush(stdout);  // lint:terminal-control
}

void ikamet_bracketed_paste_off(void) {
    fputs("\033[?2004l", stdout); fflush(stdout);  // lint:terminal-control
}
