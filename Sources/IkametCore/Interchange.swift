import Foundation

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
public struct InterchangeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The client's id, or its position when the id is unknown.
    public var client: String?
    /// The field path inside the client (e.g. `permits[0].start`).
    public var field: String?
    public var message: String

    public init(client: String?, field: String?, message: String) {
        self.client = client; self.field = field; self.message = message
    }

    public var description: String {
        var where_: [String] = []
        if let client { where_.append("client \(client)") }
        if let field { where_.append(field) }
        return (where_.isEmpty ? "" : where_.joined(separator: ", ") + ": ") + message
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
                throw InterchangeError(client: c.id, field: "id", message: "duplicate id (clients #\(first + 1) and #\(i + 1))")
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

    static func explain(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case .dataCorrupted(let c):
            var message = c.debugDescription
            if message.hasPrefix("Cannot initialize "), let range = message.range(of: " from invalid String value ") {
                let typeName = message[message.index(message.startIndex, offsetBy: 18)..<range.lowerBound]
                let value = message[range.upperBound...]
                message = "'\(value)' is not a valid \(Interchange.friendly(String(typeName)))"
            }
            return (c.codingPath, message)
        case .keyNotFound(let key, let c):
            return (c.codingPath + [key], "missing")
        case .typeMismatch(let type, let c):
            return (c.codingPath, "has the wrong type (expected \(Interchange.friendly(String(describing: type))))")
        case .valueNotFound(let type, let c):
            return (c.codingPath, "must not be null (expected \(Interchange.friendly(String(describing: type))))")
        @unknown default:
            return ([], String(describing: error))
        }
    }

    static func friendly(_ typeName: String) -> String {
        let known: [String: String] = [
            "PermitType": "permit type (" + PermitType.allCases.map(\.rawValue).joined(separator: ", ") + ")",
            "TripExemption": "exemption (" + TripExemption.allCases.map(\.rawValue).joined(separator: ", ") + ")",
            "ApplicationKind": "application kind (" + ApplicationKind.allCases.map(\.rawValue).joined(separator: ", ") + ")",
            "ApplicationStatus": "status (" + ApplicationStatus.allCases.map(\.rawValue).joined(separator: ", ") + ")",
            "Delivery": "delivery (mail, appointment)",
            "Filer": "filer (" + Filer.allCases.map(\.rawValue).joined(separator: ", ") + ")",
            "ChecklistState": "checklist state (" + ChecklistState.allCases.map(\.rawValue).joined(separator: ", ") + ")",
            "ConditionState": "condition state (confirmed, failed, unknown)",
            "EntryExitResult": "Entry-Exit Record result (POSITIVE, NEGATIVE)",
            "String": "text", "Int": "number", "Array<Any>": "list", "Dictionary<String, Any>": "object",
        ]
        return known[typeName] ?? typeName
    }

    static func render(_ path: [any CodingKey]) -> String {
        var out = ""
        for k in path {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }
}
