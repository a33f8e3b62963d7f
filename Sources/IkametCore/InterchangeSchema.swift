import Foundation

/// The keys each object of an `ikamet/1` client may hold. A key the format does
/// not know is an import error naming its path, never silently dropped.
/// `InterchangeSchemaTests` checks that every key the model writes is listed here.
enum InterchangeSchema {
    indirect enum Shape: Sendable {
        case leaf
        case object([String: Shape])
        case list(Shape)
    }

    static func leaves(_ keys: [String]) -> [String: Shape] {
        Dictionary(uniqueKeysWithValues: keys.map { ($0, Shape.leaf) })
    }

    static let application: Shape = {
        var keys = leaves(Application.CodingKeys.allCases.map(\.stringValue))
        keys["checklist"] = .list(.object(leaves(["item", "state", "by", "at", "note"])))
        keys["steps"] = .object(leaves(["online", "appointment", "packageSubmitted", "reviewStarted"]))
        keys["snapshot"] = .object(leaves(SubmissionSnapshot.CodingKeys.allCases.map(\.stringValue)))
        return .object(keys)
    }()

    /// The shape of one client object.
    static let client: Shape = {
        var keys = leaves(Client.CodingKeys.allCases.map(\.stringValue))
        keys["passport"] = .object(leaves(["number", "expires"]))
        keys["permits"] = .list(.object(leaves(["type", "start", "end", "number", "province"])))
        keys["trips"] = .list(.object(leaves(["exit", "entry", "exempt"])))
        keys["longTerm"] = .object([
            "publicAid": .leaf, "income": .leaf, "insurance": .leaf, "publicOrder": .leaf,
            "entryExitRecord": .object(leaves(["requested", "received", "result"])),
        ])
        keys["applications"] = .list(application)
        keys["powerOfAttorney"] = .object(leaves(["date", "notary", "expires"]))
        keys["closed"] = .object(leaves(["date", "reason", "note"]))
        return .object(keys)
    }()

    /// The path of the first key the format does not know, in a tree read by the fast reader.
    static func firstUnknownKey(_ value: ClientJSON.Value, shape: Shape = client, path: String = "") -> String? {
        switch (shape, value) {
        case (.object(let known), .object(let pairs)):
            for (k, v) in pairs {
                let here = path.isEmpty ? k : "\(path).\(k)"
                guard let inner = known[k] else { return here }
                if let found = firstUnknownKey(v, shape: inner, path: here) { return found }
            }
        case (.list(let element), .array(let items)):
            for (i, v) in items.enumerated() {
                if let found = firstUnknownKey(v, shape: element, path: "\(path)[\(i)]") { return found }
            }
        default: break
        }
        return nil
    }

    /// The same over a `JSONSerialization` tree (the careful path).
    static func firstUnknownKey(json: Any, shape: Shape = client, path: String = "") -> String? {
        switch shape {
        case .object(let known):
            guard let dict = json as? [String: Any] else { return nil }
            for k in dict.keys.sorted() {
                let here = path.isEmpty ? k : "\(path).\(k)"
                guard let inner = known[k] else { return here }
                if let v = dict[k], let found = firstUnknownKey(json: v, shape: inner, path: here) { return found }
            }
        case .list(let element):
            guard let items = json as? [Any] else { return nil }
            for (i, v) in items.enumerated() {
                if let found = firstUnknownKey(json: v, shape: element, path: "\(path)[\(i)]") { return found }
            }
        case .leaf: break
        }
        return nil
    }
}
