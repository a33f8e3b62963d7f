import Foundation
import IkametCore
import IkametInterchange

/// One field that changed.
public struct AuditChange: Sendable, Equatable {
    /// What kind of thing: client, passport, permit, trip, application, checklist, longTerm, setting.
    public var entity: String
    /// The field's path, e.g. `applications[A1].checklist[photos].state`.
    public var field: String
    public var old: String?
    public var new: String?
}

/// One row of the audit trail.
public struct AuditEntry: Sendable, Equatable {
    public var seq: Int64
    public var batch: Int64
    public var at: String
    public var user: String
    public var clientId: String?
    public var entity: String
    public var field: String
    public var old: String?
    public var new: String?
}

/// Field-by-field differences between two versions of a client.
enum AuditDiff {
    /// The changes from `old` to `new` (nil `old`: everything is new).
    static func changes(from old: Client?, to new: Client) -> [AuditChange] {
        let (before, after) = old.map { withoutCommonParts($0, new) } ?? (nil, new)
        let a = before.map(flatten) ?? [:]
        let b = flatten(after)
        var out: [AuditChange] = []
        for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
            if old == nil && b[key] == nil { continue }
            out.append(AuditChange(entity: entity(of: key), field: key, old: a[key], new: b[key]))
        }
        return out
    }

    /// `old` and `new` without the lists they hold alike: the same trips, the same permits, and each application
    /// that is the same on both sides (its fields are keyed by its id, so the others keep their paths). Flattening
    /// these gives the same changes as flattening the whole clients, for less work on every save (a tick of one
    /// checklist item flattened every trip twice).
    static func withoutCommonParts(_ old: Client, _ new: Client) -> (Client, Client) {
        var (a, b) = (old, new)
        if a.trips == b.trips { a.trips = []; b.trips = [] }
        if a.permits == b.permits { a.permits = []; b.permits = [] }
        let idsA = a.applications.map(\.id), idsB = b.applications.map(\.id)
        if Set(idsA).count == idsA.count, Set(idsB).count == idsB.count {
            let same = Set(a.applications.filter { app in b.applications.contains(app) }.map(\.id))
            a.applications.removeAll { same.contains($0.id) }
            b.applications.removeAll { same.contains($0.id) }
        }
        return (a, b)
    }

    static func entity(of path: String) -> String {
        let head = path.prefix { $0 != "." && $0 != "[" }
        switch head {
        case "permits": return "permit"
        case "trips": return "trip"
        case "applications": return path.contains(".checklist[") ? "checklist" : "application"
        case "passport", "longTerm", "powerOfAttorney": return String(head)
        default: return "client"
        }
    }

    /// Path → scalar text. Applications are keyed by id and checklist items by
    /// item id, so a change to one does not shift the others. A value is its text as JSON gives it: a string as
    /// it is, `true`/`false` as `1`/`0` (what Foundation's reading of JSON made of them, kept for the rows
    /// already written); null is no value.
    static func flatten(_ client: Client) -> [String: String] {
        let json = String(decoding: ClientJSON.encode(client), as: UTF8.self)
        // The interchange format's own reader (Foundation's took most of a save's time); for anything it does
        // not take, Foundation's.
        guard let tree = JSONTokenizer.parse(json) ?? foundationTree(json) else { return [:] }
        var out: [String: String] = [:]
        func walk(_ value: JSONTokenizer.Value, _ path: String) {
            switch value {
            case .object(let entries):
                for (k, v) in entries { walk(v, path.isEmpty ? k : path + "." + k) }
            case .array(let list):
                for (i, v) in list.enumerated() {
                    var key = String(i)
                    if let entries = v.object {
                        if path == "applications", let id = entries.first(where: { $0.0 == "id" })?.1.string { key = id }
                        if path.hasSuffix(".checklist"), let item = entries.first(where: { $0.0 == "item" })?.1.string { key = item }
                    }
                    walk(v, path + "[" + key + "]")
                }
            case .null, .number:
                break
            case .string(let s):
                out[path] = s
            case .bool(let b):
                out[path] = b ? "1" : "0"
            }
        }
        walk(tree, "")
        return out
    }

    /// The tree of `json` as Foundation reads it, numbers as their text.
    private static func foundationTree(_ json: String) -> JSONTokenizer.Value? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return nil }
        func convert(_ value: Any) -> JSONTokenizer.Value {
            switch value {
            case let dict as [String: Any]: return .object(dict.map { ($0.key, convert($0.value)) })
            case let list as [Any]: return .array(list.map(convert))
            case let s as String: return .string(s)
            case let n as NSNumber: return .string(n.stringValue)
            case is NSNull: return .null
            default: return .string(String(describing: value))
            }
        }
        return convert(object)
    }
}

extension OfficeStore {
    /// The columns the audit trail is read with.
    static let auditListColumns = "seq, batch, at, \"user\", clientId, entity, field, old, new"

    /// The columns of an audit row (`seq` is the database's).
    static let auditColumns = ["batch", "at", "\"user\"", "clientId", "entity", "field", "old", "new"]

    /// The values of one audit row (`auditColumns`).
    static func auditRow(batch: Int64, actor: Actor, clientId: String?, _ c: AuditChange) -> [SQLValue] {
        let values: SQLArguments = [batch, actor.timestamp, actor.user, clientId, c.entity, c.field, c.old, c.new]
        return values.map(\.sqlValue)
    }

    /// Appends audit rows. On an office server the row's user is the login whatever `actor` says (a trigger).
    static func appendAudit(_ db: any SQLSession, batch: Int64, actor: Actor, clientId: String?, changes: [AuditChange]) throws {
        try db.insertMany(into: "audit", columns: auditColumns, rows: changes.map { auditRow(batch: batch, actor: actor, clientId: clientId, $0) })
    }

    /// The audit trail, newest first (one client, or all).
    public func auditTrail(client: String? = nil, limit: Int = 1000) throws -> [AuditEntry] {
        try read { db in
            guard let client else {
                return try db.rows("SELECT \(OfficeStore.auditListColumns) FROM audit ORDER BY seq DESC LIMIT ?", [limit])
                    .map(OfficeStore.auditEntry)
            }
            return try db.rows(OfficeStore.clientAuditSQL, [client, limit]).map(OfficeStore.auditEntry)
        }
    }

    /// One client's audit rows, newest first (arguments: the client, the limit).
    static let clientAuditSQL = "SELECT \(auditListColumns) FROM audit WHERE clientId = ? ORDER BY seq DESC LIMIT ?"

    /// An audit row read with `auditListColumns`.
    static func auditEntry(_ r: SQLRow) -> AuditEntry {
        AuditEntry(seq: r.int64("seq") ?? 0, batch: r.int64("batch") ?? 0, at: r.string("at") ?? "", user: r.string("user") ?? "",
                   clientId: r.string("clientId"), entity: r.string("entity") ?? "", field: r.string("field") ?? "",
                   old: r.string("old"), new: r.string("new"))
    }
}

extension OfficeStore {
    /// A number that grows with every committed change (the newest audit row),
    /// so a screen can tell cheaply whether another process wrote.
    public func changeCounter() throws -> Int64 {
        try read { db in try db.row(OfficeStore.changeCounterSQL)?.int64(at: 0) ?? 0 }
    }

    static let changeCounterSQL = "SELECT COALESCE(MAX(seq), 0) FROM audit"

    /// What a screen reads after its own change of client `id`, together (on a server, in one round trip): the
    /// change counter, the client's list row with its folded search text (nil: gone), and whether other
    /// clients name it as their supporter (their list rows changed with it).
    public func afterOwnChange(of id: String) throws -> (counter: Int64, listRow: (row: ClientListRow, search: String)?, hasDependents: Bool) {
        try read { db in
            let queries: [(sql: String, arguments: SQLArguments)] = [(OfficeStore.changeCounterSQL, []), (OfficeStore.clientListRowSQL, [id]),
                                                                     (OfficeStore.hasDependentsSQL, [id, id])]
            let answers = try db.rowsTogether(queries)
            let row = answers[1].first
            return (answers[0].first?.int64(at: 0) ?? 0, row.map { (OfficeStore.listRow($0), $0.string(at: 7) ?? "") },
                    answers[2].first?.bool(at: 0) ?? false)
        }
    }

    /// What a client's screen reads of the client, together (on a server, in one round trip): the record, whether
    /// other clients name it as their supporter, and its newest `historyLimit` audit rows.
    public func clientWithHistory(_ id: String, historyLimit: Int) throws -> (stored: StoredClient?, hasDependents: Bool, history: [AuditEntry]) {
        try read { db in
            let queries: [(sql: String, arguments: SQLArguments)] = [(OfficeStore.fetchClientSQL, [id]), (OfficeStore.hasDependentsSQL, [id, id]),
                                                                     (OfficeStore.clientAuditSQL, [id, historyLimit])]
            let answers = try db.rowsTogether(queries)
            return (try answers[0].first.map { try OfficeStore.storedClient($0, id: id) }, answers[1].first?.bool(at: 0) ?? false,
                    answers[2].map(OfficeStore.auditEntry))
        }
    }
}

/// What happened to a whole record, as the audit trail records it in `new` when the field is `*`
/// (`created`, `imported`, `restored from PATH`), as a message (`audit.event.*`) for the catalogs.
public enum AuditEvent {
    public static func message(_ recorded: String) -> Message {
        let restored = "restored from "  // lint:allow-literal the store's own record of a restore, matched, not shown
        switch recorded {
        case "created": return Message("audit.event.created")
        case "imported": return Message("audit.event.imported")
        default:
            if recorded.hasPrefix(restored) { return Message("audit.event.restored", ["path": .text(String(recorded.dropFirst(restored.count)))]) }
            return Message("audit.event.other", ["value": .text(recorded)])
        }
    }
}

extension OfficeStore {
    /// The clients created or changed on or after `day` (office dates, as the audit trail records them),
    /// each with who made its latest change.
    public func clientsChanged(since day: CivilDate) throws -> [String: String] {
        try read { db in
            var out: [String: String] = [:]
            let rows = try db.rows("""
                SELECT clientId, "user" FROM audit WHERE seq IN
                    (SELECT MAX(seq) FROM audit WHERE at >= ? AND clientId IS NOT NULL GROUP BY clientId)
                """, [day.iso])
            for row in rows { if let id = row.string(at: 0) { out[id] = row.string(at: 1) } }
            return out
        }
    }
}
