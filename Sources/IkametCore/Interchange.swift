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
        // First a generic parse, to report invalid JSON / UTF-8 and find client ids by position.
        let raw: Any
        do { raw = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw InterchangeError(client: nil, field: nil,
                                   message: "not valid JSON (or not valid UTF-8)" + (detail.map { ": \($0)" } ?? ""))
        }
        guard let top = raw as? [String: Any] else {
            throw InterchangeError(client: nil, field: nil, message: "expected a JSON object with \"format\" and \"clients\"")
        }
        guard let format = top["format"] as? String else {
            throw InterchangeError(client: nil, field: "format", message: "missing; expected \"\(InterchangeFile.formatTag)\"")
        }
        guard format == InterchangeFile.formatTag else {
            throw InterchangeError(client: nil, field: "format", message: "'\(format)' is not supported; expected \"\(InterchangeFile.formatTag)\"")
        }
        guard let rawClients = top["clients"] as? [Any] else {
            throw InterchangeError(client: nil, field: "clients", message: "missing or not a list")
        }
        func label(_ i: Int) -> String {
            if let c = rawClients[i] as? [String: Any], let id = c["id"] as? String, !id.isEmpty { return id }
            return "#\(i + 1)"
        }
        do {
            let file = try JSONDecoder().decode(InterchangeFile.self, from: data)
            var seen: [String: Int] = [:]
            for (i, c) in file.clients.enumerated() {
                if let first = seen[c.id] {
                    throw InterchangeError(client: c.id, field: "id", message: "duplicate id (clients #\(first + 1) and #\(i + 1))")
                }
                seen[c.id] = i
            }
            return file
        } catch let error as InterchangeError {
            throw error
        } catch let error as DecodingError {
            let (path, message) = Interchange.explain(error)
            // path starts with "clients", index, …
            if path.count >= 2, path[0].stringValue == "clients", let i = path[1].intValue, i < rawClients.count {
                throw InterchangeError(client: label(i), field: Interchange.render(Array(path.dropFirst(2))), message: message)
            }
            throw InterchangeError(client: nil, field: Interchange.render(path), message: message)
        } catch {
            throw InterchangeError(client: nil, field: nil, message: String(describing: error))
        }
    }

    /// The canonical encoding: clients sorted by id, permits by start, trips by
    /// exit, keys sorted, two-space indentation. Export → import → export is
    /// byte-identical.
    public static func encode(_ clients: [Client]) throws -> Data {
        let file = InterchangeFile(clients: clients.map(canonical).sorted { $0.id < $1.id })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(file)
        data.append(0x0A)
        return data
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
