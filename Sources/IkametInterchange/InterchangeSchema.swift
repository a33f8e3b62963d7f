import Foundation
import IkametCore

/// The keys each object of an `ikamet/1` client may hold. A key the format does
/// not know is an import error naming its path, never silently dropped.
/// `InterchangeSchemaTests` checks that every key the model writes is listed here.
enum InterchangeSchema {
    /// The shape of a value: a leaf, an object with its known keys, or a list of one shape.
    /// (A final class rather than an indirect enum: the enum's boxes sit behind tagged pointers
    /// that LeakSanitizer cannot follow, so it reported this global as leaked.)
    final class Shape: Sendable {
        let fields: [String: Shape]?
        let element: Shape?
        private init(fields: [String: Shape]?, element: Shape?) { self.fields = fields; self.element = element }
        static let leaf = Shape(fields: nil, element: nil)
        static func object(_ fields: [String: Shape]) -> Shape { Shape(fields: fields, element: nil) }
        static func list(_ element: Shape) -> Shape { Shape(fields: nil, element: element) }
    }

    static func leaves(_ keys: [String]) -> [String: Shape] {
        Dictionary(uniqueKeysWithValues: keys.map { ($0, Shape.leaf) })
    }

    static let application: Shape = {
        var keys = leaves(Application.interchangeKeys)
        keys["checklist"] = .list(.object(leaves(ChecklistEntry.interchangeKeys)))
        keys["steps"] = .object(leaves(LongTermSteps.interchangeKeys))
        keys["snapshot"] = .object(leaves(SubmissionSnapshot.interchangeKeys))
        return .object(keys)
    }()

    /// The shape of one client object: the keys come from the model's `CodingKeys` (`InterchangeKeyed`);
    /// only which keys hold objects or lists is said here.
    static let client: Shape = {
        var keys = leaves(Client.interchangeKeys)
        keys["passport"] = .object(leaves(Passport.interchangeKeys))
        keys["permits"] = .list(.object(leaves(Permit.interchangeKeys)))
        keys["trips"] = .list(.object(leaves(Trip.interchangeKeys)))
        var longTerm = leaves(LongTermFile.interchangeKeys)
        longTerm["entryExitRecord"] = .object(leaves(EntryExitRecord.interchangeKeys))
        keys["longTerm"] = .object(longTerm)
        keys["applications"] = .list(application)
        keys["powerOfAttorney"] = .object(leaves(PowerOfAttorney.interchangeKeys))
        keys["closed"] = .object(leaves(ClosedFile.interchangeKeys))
        keys["supporter"] = .object(leaves(Supporter.interchangeKeys))
        return .object(keys)
    }()

    /// The path of the first key the format does not know, in a tree read by the fast reader.
    static func firstUnknownKey(_ value: ClientJSON.Value, shape: Shape = client, path: String = "") -> String? {
        switch value {
        case .object(let pairs):
            guard let known = shape.fields else { return nil }
            for (k, v) in pairs {
                // The path is built only when a key is unknown (this runs on every imported client).
                guard let inner = known[k] else { return path.isEmpty ? k : "\(path).\(k)" }
                if inner.fields == nil && inner.element == nil { continue }
                if let found = firstUnknownKey(v, shape: inner, path: "") {
                    return (path.isEmpty ? k : "\(path).\(k)") + (found.hasPrefix("[") ? "" : ".") + found
                }
            }
        case .array(let items):
            guard let element = shape.element else { return nil }
            for (i, v) in items.enumerated() {
                if let found = firstUnknownKey(v, shape: element, path: "") {
                    return "\(path)[\(i)]" + (found.hasPrefix("[") ? "" : ".") + found
                }
            }
        default: break
        }
        return nil
    }

    /// The same over a `JSONSerialization` tree (the careful path).
    static func firstUnknownKey(json: Any, shape: Shape = client, path: String = "") -> String? {
        if let known = shape.fields, let dict = json as? [String: Any] {
            for k in dict.keys.sorted() {
                let here = path.isEmpty ? k : "\(path).\(k)"
                guard let inner = known[k] else { return here }
                if let v = dict[k], let found = firstUnknownKey(json: v, shape: inner, path: here) { return found }
            }
        } else if let element = shape.element, let items = json as? [Any] {
            for (i, v) in items.enumerated() {
                if let found = firstUnknownKey(json: v, shape: element, path: "\(path)[\(i)]") { return found }
            }
        }
        return nil
    }
}
