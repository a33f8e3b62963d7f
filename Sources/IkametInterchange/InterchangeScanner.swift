import Foundation
import IkametCore

/// Finds the clients of an `ikamet/1` file without building the whole document
/// in memory: it checks that the bytes are valid UTF-8 and well-formed JSON, reads
/// `format`, and returns the byte range of each element of `clients`, which can
/// then be decoded one at a time (or in parallel).
public struct InterchangeScanner: Sendable {
    /// The file (may be memory-mapped).
    public let data: Data
    public private(set) var format: String?
    /// Byte ranges of the client objects, in file order.
    public private(set) var clientRanges: [Range<Int>] = []

    /// Scans the file; throws with the line and column of the first problem.
    public init(_ data: Data) throws(InterchangeError) {
        self.data = data
        var result: Result<(String?, [Range<Int>]), InterchangeError> = .success((nil, []))
        data.withUnsafeBytes { raw in
            do throws(InterchangeError) { result = .success(try InterchangeScanner.scan(Parser(bytes: raw))) } catch { result = .failure(error) }
        }
        switch result {
        case .success(let (format, ranges)):
            self.format = format
            clientRanges = ranges
        case .failure(let error):
            throw error
        }
    }

    static func scan(_ parser: Parser) throws(InterchangeError) -> (String?, [Range<Int>]) {
        var p = parser
        var format: String?
        var clientRanges: [Range<Int>] = []
        let bytes = p.bytes
        do {
            try p.validateUTF8()
            try p.skipWhitespace()
            guard p.peek == UInt8(ascii: "{") else { throw p.error(Message("interchange.json.expected-object")) }
            p.i += 1
            var first = true
            var sawClients = false
            while true {
                try p.skipWhitespace()
                if p.peek == UInt8(ascii: "}") { p.i += 1; break }
                if !first {
                    guard p.peek == UInt8(ascii: ",") else { throw p.error(Message("interchange.json.expected-comma-or", ["close": .text("}")])) }
                    p.i += 1
                    try p.skipWhitespace()
                }
                first = false
                let key = try p.string()
                try p.skipWhitespace()
                guard p.peek == UInt8(ascii: ":") else { throw p.error(Message("interchange.json.expected-colon")) }
                p.i += 1
                try p.skipWhitespace()
                switch key {
                case "format":
                    guard p.peek == UInt8(ascii: "\"") else { throw p.error(Message("interchange.json.format-not-string")) }
                    format = try p.string()
                case "clients":
                    guard p.peek == UInt8(ascii: "[") else {
                        throw InterchangeError(client: nil, field: "clients", message: Message("interchange.error.clients-not-list"))
                    }
                    sawClients = true
                    p.i += 1
                    try p.skipWhitespace()
                    if p.peek == UInt8(ascii: "]") { p.i += 1; continue }
                    while true {
                        try p.skipWhitespace()
                        let start = p.i
                        try p.skipValue()
                        clientRanges.append(start..<p.i)
                        try p.skipWhitespace()
                        if p.peek == UInt8(ascii: ",") { p.i += 1; continue }
                        if p.peek == UInt8(ascii: "]") { p.i += 1; break }
                        throw p.error(Message("interchange.json.expected-comma-in-clients"))
                    }
                default:
                    try p.skipValue()
                }
            }
            try p.skipWhitespace()
            guard p.i == bytes.count else { throw p.error(Message("interchange.json.trailing-text")) }
            let tag = MessageArg.text(InterchangeFile.formatTag)
            guard let format else {
                throw InterchangeError(client: nil, field: "format", message: Message("interchange.error.format-missing", ["tag": tag]))
            }
            guard format == InterchangeFile.formatTag else {
                throw InterchangeError(client: nil, field: "format",
                                       message: Message("interchange.error.format-unsupported", ["format": .text(format), "tag": tag]))
            }
            guard sawClients else { throw InterchangeError(client: nil, field: "clients", message: Message("interchange.error.clients-missing")) }
        } catch let e as InterchangeError {
            throw e
        } catch {
            throw InterchangeError(client: nil, field: nil, message: Message("interchange.error.text", ["text": .text(String(describing: error))]))
        }
        return (format, clientRanges)
    }

    /// Decodes client `index`, naming the client (its id, or its position) and the field on error.
    public func client(_ index: Int) throws(InterchangeError) -> Client {
        let range = clientRanges[index]
        // Fast path first; anything unusual goes to JSONDecoder for the answer and its precise error.
        let fast = data.withUnsafeBytes { raw in ClientJSON.decode(UnsafeRawBufferPointer(rebasing: raw[range])) }
        if let fast { return fast }
        let data = self.data.subdata(in: range)
        do {
            let client = try JSONDecoder().decode(Client.self, from: data)
            if let tree = try? JSONSerialization.jsonObject(with: data), let unknown = InterchangeSchema.firstUnknownKey(json: tree) {
                throw InterchangeError(client: label(index, data), field: unknown,
                                       message: Message("interchange.error.unknown-field", ["tag": .text(InterchangeFile.formatTag)]))
            }
            return client
        } catch let error as InterchangeError {
            throw error
        } catch let error as DecodingError {
            let (path, message) = Interchange.explain(error)
            throw InterchangeError(client: label(index, data), field: Interchange.render(path), message: message)
        } catch {
            throw InterchangeError(client: label(index, data), field: nil, message: Message("interchange.error.text", ["text": .text(String(describing: error))]))
        }
    }

    /// The client's id if it can be read, else its position.
    func label(_ index: Int, _ data: Data) -> String {
        struct IdOnly: Decodable { let id: String }
        if let id = try? JSONDecoder().decode(IdOnly.self, from: data).id, !id.isEmpty { return id }
        return "#\(index + 1)"
    }
}

/// A minimal JSON well-formedness scanner over UTF-8 bytes.
struct Parser {
    let bytes: UnsafeRawBufferPointer
    var i = 0

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    func error(_ problem: Message) -> InterchangeError {
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
                throw error(Message("interchange.json.invalid-byte", ["byte": .text(String(b, radix: 16))]))
            }
            var scalar = UInt32(b) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
            for k in 1...need {
                guard j + k < bytes.count, bytes[j + k] & 0xC0 == 0x80 else {
                    i = j
                    throw error(Message("interchange.json.broken-character"))
                }
                scalar = scalar << 6 | UInt32(bytes[j + k] & 0x3F)
            }
            let minimum: UInt32 = need == 1 ? 0x80 : need == 2 ? 0x800 : 0x10000
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                i = j
                throw error(Message("interchange.json.invalid-character"))
            }
            j += need + 1
        }
    }

    mutating func skipWhitespace() throws(InterchangeError) {
        while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 }
    }

    /// Reads a string (with escapes) and returns it.
    mutating func string() throws(InterchangeError) -> String {
        guard peek == UInt8(ascii: "\"") else { throw error(Message("interchange.json.expected-string")) }
        let start = i
        try skipString()
        let data = Data(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        guard let s = try? JSONDecoder().decode(String.self, from: data) else { throw error(Message("interchange.json.invalid-string")) }
        return s
    }

    mutating func skipString() throws(InterchangeError) {
        i += 1
        while let b = peek {
            if b == UInt8(ascii: "\"") { i += 1; return }
            if b == UInt8(ascii: "\\") { i += 2; continue }
            if b < 0x20 { throw error(Message("interchange.json.control-character")) }
            i += 1
        }
        throw error(Message("interchange.json.unterminated-string"))
    }

    mutating func skipValue() throws(InterchangeError) {
        try skipWhitespace()
        guard let b = peek else { throw error(Message("interchange.json.unexpected-end")) }
        switch b {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = b == UInt8(ascii: "{")
            i += 1
            try skipWhitespace()
            if peek == close { i += 1; return }
            while true {
                try skipWhitespace()
                if isObject {
                    guard peek == UInt8(ascii: "\"") else { throw error(Message("interchange.json.expected-key")) }
                    try skipString()
                    try skipWhitespace()
                    guard peek == UInt8(ascii: ":") else { throw error(Message("interchange.json.expected-colon")) }
                    i += 1
                }
                try skipValue()
                try skipWhitespace()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                if peek == close { i += 1; return }
                throw error(Message("interchange.json.expected-comma-or", ["close": .text(String(Character(Unicode.Scalar(close))))]))
            }
        default:
            let start = i
            while let c = peek, !(c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09) {
                i += 1
            }
            let token = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            if token == "true" || token == "false" || token == "null" || Double(token) != nil { return }
            i = start
            throw error(Message("interchange.json.unexpected-token", ["token": .text(String(token.prefix(20)))]))
        }
    }
}
