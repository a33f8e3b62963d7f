import CNCurses
import Foundation
import TerminalUI

/// Why the terminal UI cannot start.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public let description: String
}

/// The `Terminal` over ncurses (wide-character API). The only code that
/// talks to curses: it copies frames to the screen and turns key codes into keys.
@MainActor
public final class CursesTerminal: Terminal {
    private var screen: OpaquePointer?
    private var previous: Frame?
    /// Inside a bracketed paste whose end marker has not arrived yet (a long paste over a slow link): what
    /// comes next is still pasted text, never keys.
    private var pasting = false
    private let asciiOnly: Bool
    private let colors: Bool
    /// Whether the locale is not UTF-8 (drawing falls back to ASCII).
    public var isASCIIFallback: Bool { asciiOnly }
    public var hasColors: Bool { colors }

    /// Takes over the terminal. Refuses without a terminal on stdin and stdout.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        setlocale(LC_ALL, "")
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalUnavailable(description: "ikamet's terminal UI needs a terminal on standard input and output; for scripts use the commands (ikamet deadlines, ikamet clients, ikamet export, … — see ikamet --help)")
        }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else {
            throw TerminalUnavailable(description: "TERM is not set to a usable terminal type; set it (e.g. TERM=xterm-256color) or use the CLI commands (ikamet --help)")
        }
        asciiOnly = ikamet_locale_is_utf8() == 0
        guard let s = newterm(nil, ikamet_stdout(), ikamet_stdin()) else {
            throw TerminalUnavailable(description: "the terminal type '\(term)' is unknown to ncurses; use the CLI commands (ikamet --help)")
        }
        screen = s
        set_term(s)
        ikamet_install_signal_handlers()
        ikamet_install_crash_handlers()
        cbreak()
        noecho()
        nonl()
        keypad(ikamet_stdscr(), true)
        set_escdelay(25)
        ikamet_bracketed_paste_on()
        curs_set(0)
        let wantColor = environment["NO_COLOR"].map { $0.isEmpty } ?? true
        if wantColor && has_colors() {
            start_color()
            use_default_colors()
            let palette: [(Int16, Int16)] = [(1, Int16(COLOR_RED)), (2, Int16(COLOR_GREEN)), (3, Int16(COLOR_YELLOW)),
                                             (4, Int16(COLOR_BLUE)), (5, Int16(COLOR_MAGENTA)), (6, Int16(COLOR_CYAN))]
            for (pair, fg) in palette { init_pair(pair, fg, -1) }
            colors = true
        } else {
            colors = false
        }
    }

    /// Restores the terminal. Safe to call more than once.
    public func close() {
        guard let s = screen else { return }
        curs_set(1)
        ikamet_bracketed_paste_off()
        endwin()
        delscreen(s)
        screen = nil
    }

    public var size: (width: Int, height: Int) {
        (Int(ikamet_cols()), Int(ikamet_lines()))
    }

    /// The signal received since the last call (SIGINT, SIGTERM, SIGHUP), or 0.
    public func takeSignal() -> Int32 { ikamet_take_signal() }

    public func draw(_ frame: Frame) {
        let full = previous == nil || previous?.width != frame.width || previous?.height != frame.height
        if full { werase(ikamet_stdscr()) }
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if !full, let prev = previous, prev[x, y] == cell { continue }
                if cell.text.isEmpty { continue }  // right half of a wide character
                put(cell, x: x, y: y, frame: frame)
            }
        }
        if let cursor = frame.cursor {
            wmove(ikamet_stdscr(), Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(ikamet_stdscr())
        previous = frame
    }

    private func put(_ cell: Cell, x: Int, y: Int, frame: Frame) {
        var attrs = ikamet_a_normal()
        if cell.style.bold { attrs |= ikamet_a_bold() }
        if cell.style.reverse { attrs |= ikamet_a_reverse() }
        if cell.style.dim { attrs |= ikamet_a_dim() }
        if cell.style.underline { attrs |= ikamet_a_underline() }
        let pair: Int16 = colors ? Int16(cell.style.color?.rawValue ?? 0) : 0
        var text = cell.text
        if asciiOnly { text = CursesTerminal.ascii(text) }
        // A wide character in the last column cannot be drawn: leave a space.
        if x == frame.width - 1, DisplayWidth.of(text) == 2 { text = " " }
        var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        wide.append(0)
        _ = ikamet_put_cell(Int32(y), Int32(x), wide, attrs, pair)
    }

    /// ASCII stand-ins for a non-UTF-8 locale.
    static func ascii(_ s: String) -> String {
        switch s {
        case "─": return "-"
        case "│": return "|"
        case "┌", "┐", "└", "┘": return "+"
        case "█", "▒": return "#"
        case "·": return "."
        case "…": return "~"
        case "▸", "›": return ">"
        case "‹": return "<"
        case "✓": return "v"
        case "✗": return "x"
        case "≠": return "!"
        case "→": return ">"
        case "–": return "-"
        default: return s.unicodeScalars.allSatisfy { $0.isASCII } ? s : "?"
        }
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if pasting { return readPaste() }
        wtimeout(ikamet_stdscr(), Int32(timeoutMilliseconds))
        var ch: wint_t = 0
        let result = wget_wch(ikamet_stdscr(), &ch)
        if result == ERR { return nil }
        if result == ikamet_key_code_yes() {
            if Int32(ch) == ikamet_key_paste_start() { return readPaste() }
            return CursesTerminal.functionKey(Int32(ch))
        }
        return CursesTerminal.characterKey(UInt32(ch))
    }

    /// The most pasted text kept (the rest of a larger paste is read and dropped: a name or a note is short).
    static let pasteLimit = 16_384

    /// The text of a bracketed paste, up to its end marker: one `.paste` key, so that nothing in it
    /// (a newline, a Tab, an ESC) acts as a key. After a second of silence it returns what it has, and the
    /// next read goes on with the paste until the end marker arrives.
    func readPaste() -> Key {
        var text = String.UnicodeScalarView()
        pasting = true
        wtimeout(ikamet_stdscr(), 1000)
        while true {
            var ch: wint_t = 0
            let result = wget_wch(ikamet_stdscr(), &ch)
            if result == ERR { break }
            if result == ikamet_key_code_yes() {
                if Int32(ch) == ikamet_key_paste_end() { pasting = false; break }
                if Int32(ch) == KEY_ENTER, text.count < Self.pasteLimit { text.append("\n") }
                continue  // another function key inside a paste is not text
            }
            guard text.count < Self.pasteLimit else { continue }
            switch UInt32(ch) {
            case 13: text.append("\n")
            default: if let scalar = Unicode.Scalar(UInt32(ch)) { text.append(scalar) }
            }
        }
        return .paste(String(text))
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case ikamet_key_resize(): return .resize
        case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        case 9: return .tab
        case 1...26:
            guard let scalar = Unicode.Scalar(value + 96) else { return nil }
            return .control(Character(scalar))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}

