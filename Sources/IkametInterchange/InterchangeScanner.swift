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
            do throws(InterchangeError) { result = .success(try InterchangeScanner.scan(JSONTokenizer(bytes: raw))) } catch { result = .failure(error) }
        }
        switch result {
        case .success(let (format, ranges)):
            self.format = format
            clientRanges = ranges
        case .failure(let error):
            throw error
        }
    }

    static func scan(_ parser: JSONTokenizer) throws(InterchangeError) -> (String?, [Range<Int>]) {
        var p = parser
        var format: String?
        var clientRanges: [Range<Int>] = []
        let bytes = p.bytes
        do {
            try p.validateUTF8()
            p.skipWhitespace()
            guard p.peek == UInt8(ascii: "{") else { throw p.fail(Message("interchange.json.expected-object")) }
            p.i += 1
            var first = true
            var sawClients = false
            while true {
                p.skipWhitespace()
                if p.peek == UInt8(ascii: "}") { p.i += 1; break }
                if !first {
                    guard p.peek == UInt8(ascii: ",") else { throw p.fail(Message("interchange.json.expected-comma-or", ["close": .text("}")])) }
                    p.i += 1
                    p.skipWhitespace()
                }
                first = false
                let key = try p.checkedString()
                p.skipWhitespace()
                guard p.peek == UInt8(ascii: ":") else { throw p.fail(Message("interchange.json.expected-colon")) }
                p.i += 1
                p.skipWhitespace()
                switch key {
                case "format":
                    guard p.peek == UInt8(ascii: "\"") else { throw p.fail(Message("interchange.json.format-not-string")) }
                    format = try p.checkedString()
                case "clients":
                    guard p.peek == UInt8(ascii: "[") else {
                        throw InterchangeError(client: nil, field: "clients", message: Message("interchange.error.clients-not-list"))
                    }
                    sawClients = true
                    p.i += 1
                    p.skipWhitespace()
                    if p.peek == UInt8(ascii: "]") { p.i += 1; continue }
                    while true {
                        p.skipWhitespace()
                        let start = p.i
                        try p.skipValue()
                        clientRanges.append(start..<p.i)
                        p.skipWhitespace()
                        if p.peek == UInt8(ascii: ",") { p.i += 1; continue }
                        if p.peek == UInt8(ascii: "]") { p.i += 1; break }
                        throw p.fail(Message("interchange.json.expected-comma-in-clients"))
                    }
                default:
                    try p.skipValue()
                }
            }
            p.skipWhitespace()
            guard p.i == bytes.count else { throw p.fail(Message("interchange.json.trailing-text")) }
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
