import Foundation
import IkametCore

/// One office setting as stored.
public struct SettingRow: Sendable, Equatable {
    public var key: String
    /// The value as JSON text.
    public var value: String
    public var version: Int
    public var updatedBy: String
    public var updatedAt: String

    /// A text setting's value: the JSON string decoded (a bare word as it is).
    public var text: String { (try? JSONDecoder().decode(String.self, from: Data(value.utf8))) ?? value }

    init(row: SQLRow) {
        self.init(key: row.string("key") ?? "", value: row.string("value") ?? "", version: row.int("version") ?? 0,
                  updatedBy: row.string("updatedBy") ?? "", updatedAt: row.string("updatedAt") ?? "")
    }

    public init(key: String, value: String, version: Int, updatedBy: String, updatedAt: String) {
        self.key = key; self.value = value; self.version = version; self.updatedBy = updatedBy; self.updatedAt = updatedAt
    }
}

/// The office's name and contact, as letters print them (settings `office.*`; nil: not set).
public struct OfficeContact: Sendable, Equatable {
    public var name: String?
    public var address: String?
    public var phone: String?
    public var email: String?
    public init(name: String? = nil, address: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name; self.address = address; self.phone = phone; self.email = email
    }
    /// The setting keys, in the order letters print them.
    public static let settingKeys = ["office.name", "office.address", "office.phone", "office.email"]
}

/// An attorney of the office.
public struct Attorney: Codable, Sendable, Equatable {
    public var initials: String
    public var name: String
    public init(initials: String, name: String) { self.initials = initials; self.name = name }
}

/// Office settings kept in the store, so that everyone on one store works by
/// the same rules: overrides of `data/rules.json` (keys `rules.<path>`, e.g.
/// `rules.deadlines.mailingUnit`), the attorneys (`attorneys`) and the date
/// format (`dateFormat`: `iso` or `dotted`) and the office language (`language`:
/// a catalog code such as `tr`; the CLI checks it names an installed catalog).
public enum OfficeSettings {
    /// Keys that are not rule overrides.
    public static let plainKeys = ["attorneys", "dateFormat", "language"] + OfficeContact.settingKeys

    /// The parameters with the office's overrides applied, and the overrides used.
    public static func effectiveParameters(base: RuleParameters, rows: [SettingRow]) throws -> RuleParameters {
        let overrides = rows.filter { $0.key.hasPrefix("rules.") }
        guard !overrides.isEmpty else { return base }
        var object = try jsonObject(base)
        for row in overrides {
            let value = try parseValue(row.value, key: row.key)
            try set(&object, path: Array(row.key.dropFirst(6).split(separator: ".").map(String.init)), value: value, key: row.key)
        }
        let data = try JSONSerialization.data(withJSONObject: object)
        let params: RuleParameters
        do { params = try JSONDecoder().decode(RuleParameters.self, from: data) } catch {
            throw StoreError.badSetting(Message("store.setting.invalid-parameters", ["detail": .text("\(error)")]))
        }
        let problems = params.problems()
        if !problems.isEmpty { throw StoreError.badSetting(Message("store.setting.unusable-parameters", ["problems": .list(problems.map(MessageArg.message))])) }
        return params
    }

    static func jsonObject(_ params: RuleParameters) throws -> [String: Any] {
        let data = try JSONEncoder().encode(params)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw StoreError.badSetting(Message("store.setting.unrepresentable"))
        }
        return object
    }

    static func parseValue(_ text: String, key: String) throws -> Any {
        if let v = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) { return v }
        // A bare word is taken as a string: `calendar-days`.
        return text
    }

    static func set(_ object: inout [String: Any], path: [String], value: Any, key: String) throws {
        guard let first = path.first else { throw StoreError.badSetting(Message("store.setting.no-parameter", ["key": .text(key)])) }
        guard let existing = object[first] else {
            throw StoreError.badSetting(Message("store.setting.unknown-parameter", ["key": .text(key)]))
        }
        if path.count == 1 {
            if existing is [String: Any] { throw StoreError.badSetting(Message("store.setting.group", ["key": .text(key)])) }
            object[first] = value
        } else {
            guard var inner = existing as? [String: Any] else { throw StoreError.badSetting(Message("store.setting.unknown-parameter", ["key": .text(key)])) }
            try set(&inner, path: Array(path.dropFirst()), value: value, key: key)
            object[first] = inner
        }
    }

    /// Every parameter path with its value, e.g. `deadlines.mailingUnit = "working-days"`.
    public static func flatten(_ params: RuleParameters) -> [(String, String)] {
        guard let object = try? jsonObject(params) else { return [] }
        var out: [(String, String)] = []
        func walk(_ v: Any, _ path: String) {
            if let d = v as? [String: Any] {
                for k in d.keys.sorted() { walk(d[k] ?? NSNull(), path.isEmpty ? k : "\(path).\(k)") }
            } else if let data = try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed]) {
                out.append((path, String(decoding: data, as: UTF8.self)))
            }
        }
        walk(object, "")
        return out
    }
}

extension OfficeStore {
    /// All stored settings, by key.
    public func settingRows() throws -> [SettingRow] {
        try read { db in
            try db.rows("SELECT key, value, version, updatedBy, updatedAt FROM setting ORDER BY key").map(SettingRow.init(row:))
        }
    }

    /// The effective rule parameters: `base` (from data/) with the office's overrides.
    public func parameters(base: RuleParameters) throws -> RuleParameters {
        try OfficeSettings.effectiveParameters(base: base, rows: settingRows())
    }

    /// Sets (or, with a nil value, removes) a setting, checked against `base`, audited.
    public func setSetting(_ key: String, to value: String?, base: RuleParameters, by actor: Actor) throws {
        try require(.admin)
        guard key.hasPrefix("rules.") || OfficeSettings.plainKeys.contains(key) else {
            throw StoreError.badSetting(Message("store.setting.unknown", ["key": .text(key), "keys": .text(OfficeSettings.plainKeys.joined(separator: ", "))]))
        }
        var normalized = value
        if let v = value {
            if key == "dateFormat", v != "iso", v != "dotted", v != "\"iso\"", v != "\"dotted\"" {
                throw StoreError.badSetting(Message("store.setting.date-format"))
            }
            if key == "language" {
                let code = v.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                guard (2...3).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
                    throw StoreError.badSetting(Message("store.setting.language", ["value": .text(v)]))
                }
            }
            if key == "attorneys" {
                guard (try? JSONDecoder().decode([Attorney].self, from: Data(v.utf8))) != nil else {
                    throw StoreError.badSetting(Message("store.setting.attorneys"))
                }
            }
            let parsed = try OfficeSettings.parseValue(v, key: key)
            let data = try JSONSerialization.data(withJSONObject: parsed, options: [.fragmentsAllowed, .sortedKeys])
            normalized = String(decoding: data, as: UTF8.self)
        }
        try write { db in
            let old = try db.row("SELECT value, version FROM setting WHERE key = ?", [key])
            // Setting what is already in force changes nothing and records nothing.
            if old?.string("value") == normalized { return }
            var rows = try db.rows("SELECT key, value, version, updatedBy, updatedAt FROM setting").map(SettingRow.init(row:)).filter { $0.key != key }
            if let normalized {
                rows.append(SettingRow(key: key, value: normalized, version: 1, updatedBy: actor.user, updatedAt: actor.timestamp))
                _ = try OfficeSettings.effectiveParameters(base: base, rows: rows)  // refuse values that break the rules
                let version = (old?.int("version") ?? 0) + 1
                try db.execute("""
                    INSERT INTO setting (key, value, version, updatedBy, updatedAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = excluded.version,
                        updatedBy = excluded.updatedBy, updatedAt = excluded.updatedAt
                    """, [key, normalized, version, actor.user, actor.timestamp])
            } else {
                try db.execute("DELETE FROM setting WHERE key = ?", [key])
            }
            try OfficeStore.appendAudit(db, batch: try db.nextBatch(), actor: actor, clientId: nil,
                                        changes: [AuditChange(entity: "setting", field: key, old: old?.string("value"), new: normalized)])
        }
    }

    /// The office language setting's code (nil: not set).
    public func languageSetting() throws -> String? {
        try settingRows().first(where: { $0.key == "language" })?.text
    }

    /// The office's name and contact for letters (`office.name`, `office.address`, `office.phone`, `office.email`).
    public func officeContact() throws -> OfficeContact {
        let rows = try settingRows()
        func text(_ key: String) -> String? { rows.first(where: { $0.key == key })?.text }
        return OfficeContact(name: text("office.name"), address: text("office.address"), phone: text("office.phone"), email: text("office.email"))
    }

    /// The office's attorneys (empty when not set).
    public func attorneys() throws -> [Attorney] {
        guard let row = try settingRows().first(where: { $0.key == "attorneys" }) else { return [] }
        return (try? JSONDecoder().decode([Attorney].self, from: Data(row.value.utf8))) ?? []
    }
}
