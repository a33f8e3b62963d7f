/// A sentence as facts: a catalog key and typed arguments. The rule engines
/// return messages, never sentences; a catalog (module IkametText) renders
/// them in the reader's language when they are read. The store keeps messages
/// in `MessageCodec`'s form, so a cached row holds no text of any language.
public struct Message: Sendable, Hashable {
    /// The catalog key, e.g. `deadline.extension-window-opens.summary`.
    public var key: String
    /// The named arguments, each rendered by its type.
    public var args: [String: MessageArg]

    public init(_ key: String, _ args: [String: MessageArg] = [:]) {
        self.key = key
        self.args = args
    }

    /// A message whose arguments are given as plain values (Int, CivilDate, String, Message, MessageArg).
    public init(_ key: String, with args: [String: any MessageArgConvertible]) {
        self.key = key
        self.args = args.mapValues(\.messageArg)
    }
}

/// One argument of a message.
public enum MessageArg: Sendable, Hashable {
    /// Data, shown as it is (a name, an id); never translated.
    case text(String)
    /// A number, shown in the reader's digits.
    case int(Int)
    /// A civil date, shown in the reader's date format.
    case date(CivilDate)
    /// Another catalog entry (a permit type's name, a weekday), rendered in the reader's language.
    case term(String)
    /// A catalog entry that may be absent from a catalog (a holiday the office added): then the fallback is shown.
    case termOr(String, fallback: String)
    /// A nested sentence.
    case message(Message)
    /// Several values joined by the catalog's list separator.
    case list([MessageArg])
}

/// Values that can stand as a message argument.
public protocol MessageArgConvertible: Sendable {
    var messageArg: MessageArg { get }
}

extension MessageArg: MessageArgConvertible { public var messageArg: MessageArg { self } }
extension Int: MessageArgConvertible { public var messageArg: MessageArg { .int(self) } }
extension String: MessageArgConvertible { public var messageArg: MessageArg { .text(self) } }
extension CivilDate: MessageArgConvertible { public var messageArg: MessageArg { .date(self) } }
extension Message: MessageArgConvertible { public var messageArg: MessageArg { .message(self) } }

/// The compact text form of a message tree, for the store. It carries keys and
/// typed values only: `{key|name=value|…}` where a value is `t…` (text), `i…`
/// (integer), `d…` (ISO date), `k…` (term), `o…~…` (term or fallback), a nested
/// `{…}` or a list `[v,v]`. `\` escapes the punctuation inside text.
public enum MessageCodec {
    /// Whether a byte is the codec's punctuation (escaped inside text): `\ { } [ ] | = , ~`.
    @inline(__always)
    static func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "|"),
             UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// The encoded form of a message.
    public static func encode(_ m: Message) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        append(m, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The encoded form of a list of messages (a list value at top level).
    public static func encode(_ list: [Message]) -> String {
        var out: [UInt8] = []
        append(.list(list.map(MessageArg.message)), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ m: Message, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        escape(m.key, to: &out)
        for name in m.args.keys.sorted() {
            guard let value = m.args[name] else { continue }
            out.append(UInt8(ascii: "|"))
            escape(name, to: &out)
            out.append(UInt8(ascii: "="))
            append(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func append(_ v: MessageArg, to out: inout [UInt8]) {
        switch v {
        case .text(let s): out.append(UInt8(ascii: "t")); escape(s, to: &out)
        case .int(let n): out.append(UInt8(ascii: "i")); out += Array(String(n).utf8)
        case .date(let d): out.append(UInt8(ascii: "d")); out += Array(d.iso.utf8)
        case .term(let k): out.append(UInt8(ascii: "k")); escape(k, to: &out)
        case .termOr(let k, let fallback):
            out.append(UInt8(ascii: "o")); escape(k, to: &out); out.append(UInt8(ascii: "~")); escape(fallback, to: &out)
        case .message(let m): append(m, to: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                append(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    private static func escape(_ s: String, to out: inout [UInt8]) {
        for b in s.utf8 {
            if isSpecial(b) { out.append(UInt8(ascii: "\\")) }
            out.append(b)
        }
    }

    /// The message encoded in `text`, or nil when it is not a valid encoding.
    public static func decode(_ text: String) -> Message? {
        var parser = Parser(bytes: Array(text.utf8))
        guard let m = parser.message(), parser.atEnd else { return nil }
        return m
    }

    /// The list of messages encoded in `text` (see `encode(_: [Message])`), or nil.
    public static func decodeList(_ text: String) -> [Message]? {
        var parser = Parser(bytes: Array(text.utf8))
        guard case .list(let items)? = parser.value(), parser.atEnd else { return nil }
        var out: [Message] = []
        for item in items {
            guard case .message(let m) = item else { return nil }
            out.append(m)
        }
        return out
    }

    /// Reads the encoded form byte by byte. Agenda windows decode a few hundred of these per keystroke, so text
    /// without escapes is taken as one slice, and integers and ISO dates are read from their bytes.
    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var atEnd: Bool { i == bytes.count }

        func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        /// Text up to the next unescaped special byte.
        mutating func text() -> String? {
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\\") { return escapedText(from: start) }
                if MessageCodec.isSpecial(b) { break }
                i += 1
            }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }

        /// Text with escapes, from `start` (the slow path of `text`).
        private mutating func escapedText(from start: Int) -> String? {
            var out = Array(bytes[start..<i])
            while let b = peek() {
                if b == UInt8(ascii: "\\") {
                    i += 1
                    guard let next = peek() else { return nil }
                    out.append(next); i += 1
                } else if MessageCodec.isSpecial(b) {
                    break
                } else {
                    out.append(b); i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// The bytes up to the next special byte when there is no escape among them, else nil (position kept).
        private mutating func plainRun() -> ArraySlice<UInt8>? {
            var j = i
            while j < bytes.count, !MessageCodec.isSpecial(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "\\") { return nil }
            defer { i = j }
            return bytes[i..<j]
        }

        /// An integer: read from its bytes when it is plain digits (with a minus sign), else as `Int(_:)` reads it.
        mutating func integer() -> Int? {
            let start = i
            if let run = plainRun(), (1...18).contains(run.count) {
                var digits = run[...]
                let negative = digits.first == UInt8(ascii: "-")
                if negative { digits = digits.dropFirst() }
                if !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                    let n = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                    return negative ? -n : n
                }
            }
            i = start
            return text().flatMap { Int($0) }
        }

        /// A date: read from its bytes when it is `YYYY-MM-DD` (as `encode` writes it), else as `CivilDate(_:)` reads it.
        mutating func date() -> CivilDate? {
            let start = i
            if let run = plainRun(), run.count == 10 {
                let b = run.startIndex
                func number(_ from: Int, _ count: Int) -> Int? {
                    var n = 0
                    for k in (b + from)..<(b + from + count) {
                        let d = run[k]
                        guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
                        n = n * 10 + Int(d - UInt8(ascii: "0"))
                    }
                    return n
                }
                if run[b + 4] == UInt8(ascii: "-"), run[b + 7] == UInt8(ascii: "-"),
                   let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), y >= 1 {
                    return CivilDate(year: y, month: m, day: d)
                }
            }
            i = start
            return text().flatMap { CivilDate($0) }
        }

        mutating func message() -> Message? {
            guard take(UInt8(ascii: "{")), let key = text() else { return nil }
            var args: [String: MessageArg] = [:]
            while take(UInt8(ascii: "|")) {
                guard let name = text(), take(UInt8(ascii: "=")), let v = value() else { return nil }
                args[name] = v
            }
            guard take(UInt8(ascii: "}")) else { return nil }
            return Message(key, args)
        }

        mutating func value() -> MessageArg? {
            guard let b = peek() else { return nil }
            switch b {
            case UInt8(ascii: "{"): return message().map(MessageArg.message)
            case UInt8(ascii: "["):
                i += 1
                var items: [MessageArg] = []
                if take(UInt8(ascii: "]")) { return .list(items) }
                repeat {
                    guard let v = value() else { return nil }
                    items.append(v)
                } while take(UInt8(ascii: ","))
                return take(UInt8(ascii: "]")) ? .list(items) : nil
            case UInt8(ascii: "t"): i += 1; return text().map(MessageArg.text)
            case UInt8(ascii: "i"): i += 1; return integer().map(MessageArg.int)
            case UInt8(ascii: "d"): i += 1; return date().map(MessageArg.date)
            case UInt8(ascii: "k"): i += 1; return text().map(MessageArg.term)
            case UInt8(ascii: "o"):
                i += 1
                guard let k = text(), take(UInt8(ascii: "~")), let fallback = text() else { return nil }
                return .termOr(k, fallback: fallback)
            default: return nil
            }
        }
    }
}
