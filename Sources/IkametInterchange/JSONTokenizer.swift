import Foundation
import IkametCore

/// The one JSON tokenizer of the interchange format, over UTF-8 bytes. The
/// scanner uses it to check a file and find each client's bytes (`skipValue`,
/// which says what is wrong and where); the fast reader uses it to build a
/// client's value tree (`value`, which gives up on anything unusual so that
/// `JSONDecoder` can answer). Both share the lexing of whitespace, strings and
/// literals.
public struct JSONTokenizer {
    let bytes: UnsafeRawBufferPointer
    var i = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    /// A parsed JSON value (the fast reader's tree).
    public indirect enum Value {
        case string(String)
        case number
        case bool(Bool)
        case null
        case array([Value])
        /// Keys and values in file order (a client object has at most a few dozen keys: a list beats hashing).
        case object([(String, Value)])

        /// The text of a string value.
        public var string: String? { if case .string(let s) = self { return s }; return nil }
        /// The entries of an object, in file order.
        public var object: [(String, Value)]? { if case .object(let o) = self { return o }; return nil }
        var isNull: Bool { if case .null = self { return true }; return false }
    }

    /// The value of a whole JSON text made of strings, literals, arrays and objects (the message catalogs):
    /// nil when it holds a number, is not valid JSON, or has anything after the value.
    public static func parse(_ text: String) -> Value? {
        var text = text
        return text.withUTF8 { utf8 in
            var tokenizer = JSONTokenizer(bytes: UnsafeRawBufferPointer(utf8))
            guard let value = tokenizer.value(), tokenizer.atEnd() else { return nil }
            return value
        }
    }

    // MARK: Lexing

    mutating func skipWhitespace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    /// Whether only whitespace is left.
    mutating func atEnd() -> Bool { skipWhitespace(); return i == bytes.count }

    /// What lexing a string found.
    enum StringLex { case ok(Range<Int>, escaped: Bool), controlCharacter, unterminated }

    /// Lexes the string at `i` (a quote), leaving `i` after its closing quote; the range is the content.
    mutating func lexString() -> StringLex {
        i += 1
        let start = i
        var escaped = false
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x22 {
                i += 1
                return .ok(start..<(i - 1), escaped: escaped)
            }
            if b == 0x5C { escaped = true; i += 2; continue }
            if b < 0x20 { return .controlCharacter }
            i += 1
        }
        return .unterminated
    }

    /// The text of a lexed string: sliced directly when it has no escapes, else through the careful path.
    func text(_ range: Range<Int>, escaped: Bool) -> String? {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
        if !escaped { return String(validating: slice, as: UTF8.self) }
        var data = Data([0x22]); data.append(contentsOf: slice); data.append(0x22)
        return try? JSONDecoder().decode(String.self, from: data)
    }

    /// The string at `i` (a quote), or nil when it is not a valid string.
    mutating func string() -> String? {
        guard case .ok(let range, let escaped) = lexString() else { return nil }
        return text(range, escaped: escaped)
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let ok = word.withUTF8Buffer { w in (0..<n).allSatisfy { bytes[i + $0] == w[$0] } }
        if ok { i += n }
        return ok
    }

    // MARK: The value tree (fast reader)

    /// The value at `i`, or nil on anything this reader does not take (numbers, invalid text).
    mutating func value() -> Value? {
        skipWhitespace()
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case 0x22: return string().map(Value.string)
        case 0x7B:
            i += 1
            var dict: [(String, Value)] = []
            skipWhitespace()
            if i < bytes.count, bytes[i] == 0x7D { i += 1; return .object(dict) }
            while true {
                skipWhitespace()
                guard i < bytes.count, bytes[i] == 0x22, let k = string() else { return nil }
                skipWhitespace()
                guard i < bytes.count, bytes[i] == 0x3A else { return nil }
                i += 1
                guard let v = value() else { return nil }
                dict.append((k, v))
                skipWhitespace()
                guard i < bytes.count else { return nil }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x7D { i += 1; return .object(dict) }
                return nil
            }
        case 0x5B:
            i += 1
            var list: [Value] = []
            skipWhitespace()
            if i < bytes.count, bytes[i] == 0x5D { i += 1; return .array(list) }
            while true {
                guard let v = value() else { return nil }
                list.append(v)
                skipWhitespace()
                guard i < bytes.count else { return nil }
                if bytes[i] == 0x2C { i += 1; continue }
                if bytes[i] == 0x5D { i += 1; return .array(list) }
                return nil
            }
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default:
            // Numbers never appear in a client; let JSONDecoder judge.
            return nil
        }
    }

    // MARK: Checking (scanner)

    /// An error at the current position: the line and column, and what is wrong.
    func fail(_ problem: Message) -> InterchangeError {
        var line = 1, column = 1
        for b in UnsafeRawBufferPointer(rebasing: bytes[0..<min(i, bytes.count)]) {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return InterchangeError(client: nil, field: nil, message: Message("interchange.error.json-at", [
            "line": .int(line), "column": .int(column), "problem": .message(problem),
        ]))
    }

    /// Refuses bytes that are not UTF-8 (text must be valid Unicode).
    mutating func validateUTF8() throws(InterchangeError) {
        var j = 0
        while j < bytes.count {
            let b = bytes[j]
            if b < 0x80 { j += 1; continue }
            let need: Int
            if b & 0xE0 == 0xC0, b >= 0xC2 { need = 1 } else if b & 0xF0 == 0xE0 { need = 2 } else if b & 0xF8 == 0xF0, b <= 0xF4 { need = 3 } else {
                i = j
                throw fail(Message("interchange.json.invalid-byte", ["byte": .text(String(b, radix: 16))]))
            }
            var scalar = UInt32(b) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
            for k in 1...need {
                guard j + k < bytes.count, bytes[j + k] & 0xC0 == 0x80 else {
                    i = j
                    throw fail(Message("interchange.json.broken-character"))
                }
                scalar = scalar << 6 | UInt32(bytes[j + k] & 0x3F)
            }
            let minimum: UInt32 = need == 1 ? 0x80 : need == 2 ? 0x800 : 0x10000
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                i = j
                throw fail(Message("interchange.json.invalid-character"))
            }
            j += need + 1
        }
    }

    /// The string at `i`, or an error saying why it is not one.
    mutating func checkedString() throws(InterchangeError) -> String {
        guard peek == UInt8(ascii: "\"") else { throw fail(Message("interchange.json.expected-string")) }
        let start = i
        try skipString()
        let end = i
        i = start
        guard let s = string() else { throw fail(Message("interchange.json.invalid-string")) }
        i = end
        return s
    }

    /// Skips the string at `i` (a quote), or says why it is not one.
    mutating func skipString() throws(InterchangeError) {
        switch lexString() {
        case .ok: return
        case .controlCharacter: throw fail(Message("interchange.json.control-character"))
        case .unterminated: throw fail(Message("interchange.json.unterminated-string"))
        }
    }

    /// Skips one well-formed value, or says what is wrong and where.
    mutating func skipValue() throws(InterchangeError) {
        skipWhitespace()
        guard let b = peek else { throw fail(Message("interchange.json.unexpected-end")) }
        switch b {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = b == UInt8(ascii: "{")
            i += 1
            skipWhitespace()
            if peek == close { i += 1; return }
            while true {
                skipWhitespace()
                if isObject {
                    guard peek == UInt8(ascii: "\"") else { throw fail(Message("interchange.json.expected-key")) }
                    try skipString()
                    skipWhitespace()
                    guard peek == UInt8(ascii: ":") else { throw fail(Message("interchange.json.expected-colon")) }
                    i += 1
                }
                try skipValue()
                skipWhitespace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == close { i += 1; return }
                throw fail(Message("interchange.json.expected-comma-or", ["close": .text(String(Character(Unicode.Scalar(close))))]))
            }
        default:
            let start = i
            while let c = peek, !(c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09) {
                i += 1
            }
            let token = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            if token == "true" || token == "false" || token == "null" || Double(token) != nil { return }
            i = start
            throw fail(Message("interchange.json.unexpected-token", ["token": .text(String(token.prefix(20)))]))
        }
    }
}
