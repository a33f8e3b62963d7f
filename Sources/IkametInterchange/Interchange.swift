import Foundation
import IkametCore

/// The interchange format `ikamet/1` (JSON): used by import and export, by
/// readable backups and by tests.
public struct InterchangeFile: Codable, Sendable, Equatable {
    /// The format tag this version reads and writes.
    public static let formatTag = "ikamet/1"

    public var format: String
    public var clients: [Client]

    public init(clients: [Client]) {
        format = InterchangeFile.formatTag
        self.clients = clients
    }
}

/// Why an interchange file was refused: names the client, the field and what is wrong.
public struct InterchangeError: Error, Equatable, Sendable {
    /// The client's id, or its position when the id is unknown.
    public var client: String?
    /// The field path inside the client (e.g. `permits[0].start`).
    public var field: String?
    /// What is wrong (`interchange.error.…`).
    public var message: Message

    public init(client: String?, field: String?, message: Message) {
        self.client = client; self.field = field; self.message = message
    }

    /// The whole refusal: "client <id>, <field>: <message>" (`interchange.error.at-…`), or the message alone.
    public var full: Message {
        switch (client, field) {
        case (let client?, let field?):
            Message("interchange.error.at-client-field", ["client": .text(client), "field": .text(field), "message": .message(message)])
        case (let client?, nil): Message("interchange.error.at-client", ["client": .text(client), "message": .message(message)])
        case (nil, let field?): Message("interchange.error.at-field", ["field": .text(field), "message": .message(message)])
        case (nil, nil): message
        }
    }
}

/// Reading and writing `ikamet/1`.
public enum Interchange {
    /// Decodes a file, or explains exactly which client and field are wrong.
    /// Also refuses duplicate client ids. Does not run rule validation.
    public static func decode(_ data: Data) throws(InterchangeError) -> InterchangeFile {
        let scanner = try InterchangeScanner(data)
        var clients: [Client] = []
        clients.reserveCapacity(scanner.clientRanges.count)
        var seen: [String: Int] = [:]
        for i in scanner.clientRanges.indices {
            let c = try scanner.client(i)
            if let first = seen[c.id] {
                throw InterchangeError(client: c.id, field: "id",
                                       message: Message("interchange.error.duplicate-id", ["first": .int(first + 1), "second": .int(i + 1)]))
            }
            seen[c.id] = i
            clients.append(c)
        }
        return InterchangeFile(clients: clients)
    }

    /// The canonical encoding: clients sorted by id, permits by start, trips by
    /// exit, keys sorted, one client per line (compact). Export → import → export
    /// is byte-identical.
    public static func encode(_ clients: [Client]) throws -> Data {
        var data = Data("{\"clients\":[".utf8)
        for (i, c) in clients.sorted(by: { $0.id < $1.id }).enumerated() {
            data.append(contentsOf: Array((i == 0 ? "\n" : ",\n").utf8))
            data.append(contentsOf: ClientJSON.encode(c))
        }
        data.append(contentsOf: Array("\n],\"format\":\"\(InterchangeFile.formatTag)\"}\n".utf8))
        return data
    }

    /// The path of the first key in a client object (as read by `JSONSerialization`) that the
    /// format does not know, or nil.
    public static func firstUnknownKey(inClient json: Any) -> String? {
        InterchangeSchema.firstUnknownKey(json: json)
    }

    /// A client with its lists in canonical order.
    public static func canonical(_ client: Client) -> Client {
        var c = client
        c.permits.sort { ($0.start, $0.end ?? CivilDate(dayNumber: Int.max / 4), $0.type.rawValue) < ($1.start, $1.end ?? CivilDate(dayNumber: Int.max / 4), $1.type.rawValue) }
        c.trips.sort { ($0.exit, $0.entry ?? CivilDate(dayNumber: Int.max / 4)) < ($1.exit, $1.entry ?? CivilDate(dayNumber: Int.max / 4)) }
        return c
    }

    /// A decoding error's field path and what is wrong. A reason the model's own decoders give travels
    /// as facts (`MessageCodec`) in the error's description and is read back here; any other
    /// description is passed on as text (`interchange.error.text`).
    public static func explain(_ error: DecodingError) -> ([any CodingKey], Message) {
        switch error {
        case .dataCorrupted(let c):
            let text = c.debugDescription
            if text.hasPrefix("Cannot initialize "), let range = text.range(of: " from invalid String value ") {
                let typeName = text[text.index(text.startIndex, offsetBy: 18)..<range.lowerBound]
                let value = text[range.upperBound...]
                return (c.codingPath, Message("interchange.error.invalid-value",
                                              ["value": .text(String(value)), "type": Interchange.friendly(String(typeName))]))
            }
            return (c.codingPath, Interchange.message(describedBy: text))
        case .keyNotFound(let key, let c):
            return (c.codingPath + [key], Message("interchange.error.missing"))
        case .typeMismatch(let type, let c):
            return (c.codingPath, Message("interchange.error.wrong-type", ["type": Interchange.friendly(String(describing: type))]))
        case .valueNotFound(let type, let c):
            return (c.codingPath, Message("interchange.error.null", ["type": Interchange.friendly(String(describing: type))]))
        @unknown default:
            return ([], Message("interchange.error.text", ["text": .text(String(describing: error))]))
        }
    }

    /// The message a decoding error's description stands for: facts written by the model's decoders
    /// (`MessageCodec`), else the text itself (`interchange.error.text`).
    public static func message(describedBy text: String) -> Message {
        if text.hasPrefix("{"), let m = MessageCodec.decode(text) { return m }
        return Message("interchange.error.text", ["text": .text(text)])
    }

    /// A type named in words with its allowed values (`interchange.type.…`); other type names as they are.
    static func friendly(_ typeName: String) -> MessageArg {
        func named(_ key: String, _ values: [String]) -> MessageArg {
            .message(Message("interchange.type." + key, ["values": .text(values.joined(separator: ", "))]))
        }
        switch typeName {
        case "PermitType": return named("permit-type", PermitType.allCases.map(\.rawValue))
        case "TripExemption": return named("exemption", TripExemption.allCases.map(\.rawValue))
        case "ApplicationKind": return named("application-kind", ApplicationKind.allCases.map(\.rawValue))
        case "ApplicationStatus": return named("application-status", ApplicationStatus.allCases.map(\.rawValue))
        case "Delivery": return named("delivery", ["mail", "appointment"])
        case "Filer": return named("filer", Filer.allCases.map(\.rawValue))
        case "ChecklistState": return named("checklist-state", ChecklistState.allCases.map(\.rawValue))
        case "ConditionState": return named("condition-state", ["confirmed", "failed", "unknown"])
        case "EntryExitResult": return named("entry-exit-result", ["POSITIVE", "NEGATIVE"])
        case "String": return .term("interchange.type.string")
        case "Int": return .term("interchange.type.int")
        case "Array<Any>": return .term("interchange.type.list")
        case "Dictionary<String, Any>": return .term("interchange.type.object")
        default: return .text(typeName)
        }
    }

    /// A field path as written in refusals: `permits[0].start`.
    public static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for k in path {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }
}
