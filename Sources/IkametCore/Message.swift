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
    private static let special: Set<UInt8> = [UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["),
                                              UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "="), UInt8(ascii: ","),
                                              UInt8(ascii: "~")]

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
            if special.contains(b) { out.append(UInt8(ascii: "\\")) }
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

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var atEnd: Bool { i == bytes.count }

        mutating func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func take(_ c: Character) -> Bool {
            guard let ascii = c.asciiValue, peek() == ascii else { return false }
            i += 1
            return true
        }

        /// Text up to the next unescaped special byte.
        mutating func text() -> String? {
            var out: [UInt8] = []
            while let b = peek() {
                if b == UInt8(ascii: "\\") {
                    i += 1
                    guard let next = peek() else { return nil }
                    out.append(next); i += 1
                } else if MessageCodec.special.contains(b) {
                    break
                } else {
                    out.append(b); i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        mutating func message() -> Message? {
            guard take("{"), let key = text() else { return nil }
            var args: [String: MessageArg] = [:]
            while take("|") {
                guard let name = text(), take("="), let v = value() else { return nil }
                args[name] = v
            }
            guard take("}") else { return nil }
            return Message(key, args)
        }

        mutating func value() -> MessageArg? {
            guard let b = peek() else { return nil }
            switch b {
            case UInt8(ascii: "{"): return message().map(MessageArg.message)
            case UInt8(ascii: "["):
                i += 1
                var items: [MessageArg] = []
                if take("]") { return .list(items) }
                repeat {
                    guard let v = value() else { return nil }
                    items.append(v)
                } while take(",")
                return take("]") ? .list(items) : nil
            case UInt8(ascii: "t"): i += 1; return text().map(MessageArg.text)
            case UInt8(ascii: "i"): i += 1; return text().flatMap { Int($0) }.map(MessageArg.int)
            case UInt8(ascii: "d"): i += 1; return text().flatMap { CivilDate($0) }.map(MessageArg.date)
            case UInt8(ascii: "k"): i += 1; return text().map(MessageArg.term)
            case UInt8(ascii: "o"):
                i += 1
                guard let k = text(), take("~"), let fallback = text() else { return nil }
                return .termOr(k, fallback: fallback)
            default: return nil
            }
        }
    }
}
