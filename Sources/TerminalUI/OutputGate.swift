import Foundation

/// The one gate for bytes leaving the program on standard output and standard error.
/// Every CLI output passes it: text lines, tables, CSV, ICS, JSON, usage errors, warnings
/// and progress (the TUI's cells pass `Frame.put`). `scripts/lint-output` fails on any
/// other write to those streams in `Sources/`.
///
/// What never leaves raw: C0 controls (except newline and tab, and the CR of an ICS
/// line end), DEL, C1 controls (U+0080–U+009F), bidi controls (U+202A–U+202E,
/// U+2066–U+2069, U+200E, U+200F, U+061C), U+2028, U+2029, and invalid UTF-8. In text they
/// are shown escaped (`\u{1B}`) so the reader still sees what was there; in JSON they are
/// written as `\u001b`-style escapes, which keeps the document's meaning.
public enum OutputGate {
    /// Where the bytes go.
    public enum Stream: Sendable { case standardOutput, standardError }

    /// Whether a scalar must not reach a terminal raw (newline and tab are handled by the callers).
    public static func isForbidden(_ v: UInt32) -> Bool {
        v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C || v == 0x2028 || v == 0x2029
    }

    /// The visible escaped form of a scalar: `\u{1B}`.
    public static func escaped(_ v: UInt32) -> String { "\\u{" + String(v, radix: 16, uppercase: true) + "}" }

    /// Text made safe: newline and tab kept, every other forbidden scalar escaped; with `crlf`,
    /// a CR directly before a newline is kept too (ICS line ends).
    public static func clean(_ text: String, crlf: Bool = false) -> String {
        rewrite(text) { v, next in
            if v == 0x0A || v == 0x09 { return nil }
            if crlf, v == 0x0D, next == 0x0A { return nil }
            return escaped(v)
        }
    }

    /// JSON text made safe: every forbidden scalar other than the newlines and indentation of
    /// the layout becomes a `\uXXXX` escape. JSON encoders escape C0 controls inside strings, and
    /// structural characters are ASCII, so a raw forbidden scalar can only sit inside a string,
    /// where the escape means the same character.
    public static func cleanJSON(_ text: String) -> String {
        rewrite(text) { v, _ in
            if v == 0x0A || v == 0x09 { return nil }
            let hex = String(v, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    /// Copies the UTF-8 of `text`, replacing each forbidden scalar by what `replacement` returns
    /// (nil: keep it). Works on bytes: a text without a forbidden scalar is returned unchanged.
    static func rewrite(_ text: String, _ replacement: (UInt32, UInt8?) -> String?) -> String {
        var text = text
        return text.withUTF8 { b -> String in
            let n = b.count
            var out: [UInt8] = []
            var copied = 0, i = 0
            while i < n {
                guard let (length, scalar) = forbidden(b, i) else { i += 1; continue }
                let next: UInt8? = i + length < n ? b[i + length] : nil
                if let r = replacement(scalar, next) {
                    if out.isEmpty { out.reserveCapacity(n + 64) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<i]))
                    out.append(contentsOf: Array(r.utf8))
                    copied = i + length
                }
                i += length
            }
            if copied == 0 { return String(decoding: b, as: UTF8.self) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<n]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The forbidden scalar starting at byte `i` of valid UTF-8, with its length in bytes.
    static func forbidden(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, UInt32)? {
        let c = b[i]
        if c < 0x20 || c == 0x7F { return (1, UInt32(c)) }
        guard c >= 0xC2, i + 1 < b.count else { return nil }
        let c1 = b[i + 1]
        if c == 0xC2, (0x80...0x9F).contains(c1) { return (2, UInt32(c1)) }                 // C1 controls
        if c == 0xD8, c1 == 0x9C { return (2, 0x061C) }                                      // Arabic letter mark
        if c == 0xE2, i + 2 < b.count {
            let c2 = b[i + 2]
            if c1 == 0x80, (0x8E...0x8F).contains(c2) || (0xA8...0xAE).contains(c2) {      // U+200E/F, U+2028–202E
                return (3, 0x2000 + UInt32(c2 - 0x80))
            }
            if c1 == 0x81, (0xA6...0xA9).contains(c2) { return (3, 0x2040 + UInt32(c2 - 0x80)) }  // U+2066–2069
        }
        return nil
    }

    /// Bytes read as UTF-8, invalid sequences replaced by U+FFFD.
    public static func text(of data: Data) -> String { String(decoding: data, as: UTF8.self) }

    // MARK: Writing

    /// Writes a line of text (a newline is appended).
    public static func line(_ text: String, to stream: Stream = .standardOutput) {
        write(clean(text) + "\n", to: stream)
    }

    /// Writes text as it is laid out (the caller put its newlines).
    public static func text(_ text: String, to stream: Stream = .standardOutput) {
        write(clean(text), to: stream)
    }

    /// Writes a binary document (a PDF) to standard output, only when it is not a terminal: no raw byte
    /// reaches a screen. Returns false, writing nothing, when standard output is a terminal.
    @discardableResult
    public static func binaryDocument(_ data: Data) -> Bool {
        guard isatty(1) != 1 else { return false }
        handle(.standardOutput).write(data)
        return true
    }

    /// Writes a document whose lines end in CRLF (iCalendar).
    public static func crlfDocument(_ text: String, to stream: Stream = .standardOutput) {
        write(clean(text, crlf: true), to: stream)
    }

    /// Writes JSON (text or bytes), forbidden scalars escaped.
    public static func json(_ text: String, to stream: Stream = .standardOutput) {
        write(cleanJSON(text), to: stream)
    }
    public static func json(_ data: Data, to stream: Stream = .standardOutput) {
        // Large outputs (a deadline list of 100,000 clients is tens of megabytes): when the bytes are
        // valid UTF-8 without a forbidden scalar, they are written as they are, without a copy.
        if isCleanJSON(data) {
            handle(stream).write(data)
        } else {
            json(text(of: data), to: stream)
        }
    }

    /// JSON bytes the gate has checked, and cleaned when they needed it. Only the gate makes one, so a
    /// document can be checked in pieces on several threads and written later, still through the gate.
    public struct CheckedJSON: Sendable {
        /// The bytes to write.
        public let data: Data
    }

    /// Checks JSON bytes now (on any thread), for `write(_:)` later; the same escapes as `json(_:)`.
    public static func checked(json bytes: [UInt8]) -> CheckedJSON { CheckedJSON(data: cleanJSON(Data(bytes))) }

    /// Writes JSON the gate has already checked.
    public static func write(_ checked: CheckedJSON, to stream: Stream = .standardOutput) { handle(stream).write(checked.data) }

    /// JSON bytes for a file (`export --output`), with the same escapes as `json(_:)`; the same
    /// bytes when nothing needs escaping.
    public static func cleanJSON(_ data: Data) -> Data {
        isCleanJSON(data) ? data : Data(cleanJSON(text(of: data)).utf8)
    }

    /// Valid UTF-8 holding no forbidden scalar other than newline and tab.
    static func isCleanJSON(_ data: Data) -> Bool {
        data.withUnsafeBytes { isCleanText($0.bindMemory(to: UInt8.self)) }
    }

    /// Valid UTF-8 holding no forbidden scalar other than newline and tab, in one pass that
    /// skips eight printable ASCII bytes at a time (most of a JSON document).
    static func isCleanText(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let below20 = (w &- ones &* 0x20) & ~w & high   // some byte < 0x20
                let x = w ^ (ones &* 0x7F)
                let is7F = (x &- ones) & ~x & high               // some byte == 0x7F
                if (w & high) | below20 | is7F == 0 { i += 8; continue }
            }
            let c = b[i]
            if c < 0x80 {
                if (c < 0x20 && c != 0x0A && c != 0x09) || c == 0x7F { return false }
                i += 1
                continue
            }
            guard let length = utf8Length(b, i), forbidden(b, i) == nil else { return false }
            i += length
        }
        return true
    }

    /// The length of the well-formed UTF-8 sequence starting with a non-ASCII byte at `i`, nil when it is not one.
    static func utf8Length(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let n = b.count, c = b[i]
        func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF:
            return cont(1) ? 2 : nil
        case 0xE0...0xEF:
            guard cont(1), cont(2) else { return nil }
            let c1 = b[i + 1]
            if c == 0xE0 && c1 < 0xA0 { return nil }      // overlong
            if c == 0xED && c1 > 0x9F { return nil }      // surrogates
            return 3
        case 0xF0...0xF4:
            guard cont(1), cont(2), cont(3) else { return nil }
            let c1 = b[i + 1]
            if c == 0xF0 && c1 < 0x90 { return nil }      // overlong
            if c == 0xF4 && c1 > 0x8F { return nil }      // past U+10FFFF
            return 4
        default:
            return nil
        }
    }

    /// Whether the bytes are well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count {
            if b[i] < 0x80 { i += 1; continue }
            guard let length = utf8Length(b, i) else { return false }
            i += length
        }
        return true
    }

    /// Rewrites the current line of a progress display (a carriage return, then the text).
    public static func progress(_ text: String, to stream: Stream = .standardError) {
        write("\r" + clean(text).replacingOccurrences(of: "\n", with: " "), to: stream)
    }

    /// The gate's file handles: the only place the program writes to standard output and error.
    static func write(_ text: String, to stream: Stream) {
        handle(stream).write(Data(text.utf8))
    }

    static func handle(_ stream: Stream) -> FileHandle {
        stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
    }
}
