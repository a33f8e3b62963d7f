// The C side of the ncurses backend: the wide-character API and static inline
// wrappers for the macros and globals Swift cannot use directly.
#ifndef IKAMET_CNCURSES_SHIM_H
#define IKAMET_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <string.h>
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *ikamet_stdscr(void) { return stdscr; }
static inline int ikamet_lines(void) { return LINES; }
static inline int ikamet_cols(void) { return COLS; }
static inline FILE *ikamet_stdin(void) { return stdin; }
static inline FILE *ikamet_stdout(void) { return stdout; }
static inline int ikamet_color_pair(int n) { return COLOR_PAIR(n); }
static inline attr_t ikamet_a_normal(void) { return A_NORMAL; }
static inline attr_t ikamet_a_bold(void) { return A_BOLD; }
static inline attr_t ikamet_a_reverse(void) { return A_REVERSE; }
static inline attr_t ikamet_a_dim(void) { return A_DIM; }
static inline attr_t ikamet_a_underline(void) { return A_UNDERLINE; }
static inline int ikamet_key_resize(void) { return KEY_RESIZE; }
static inline int ikamet_key_code_yes(void) { return KEY_CODE_YES; }

/// Draws one cell: a string of wide characters (a character plus combining marks) with attributes.
static inline int ikamet_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, text, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

/// Key codes ncurses returns for the start and end of a bracketed paste (ESC[200~, ESC[201~), past KEY_MAX.
static inline int ikamet_key_paste_start(void) { return KEY_MAX + 1; }
static inline int ikamet_key_paste_end(void) { return KEY_MAX + 2; }

/// Asks the terminal to bracket pasted text (xterm's mode 2004) and teaches ncurses the two markers.
void ikamet_bracketed_paste_on(void);
/// Turns bracketed paste off again (before the terminal is handed back).
void ikamet_bracketed_paste_off(void);

/// Whether the current locale's character set is UTF-8.
static inline int ikamet_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the signal;
/// the main loop reads it with ikamet_take_signal() and restores the terminal.
void ikamet_install_signal_handlers(void);
/// The signal received since the last call (0 if none).
int ikamet_take_signal(void);
/// On a crash (SIGSEGV, SIGILL, SIGTRAP, SIGABRT, …) restores the terminal, then dies as before.
void ikamet_install_crash_handlers(void);
#endif
