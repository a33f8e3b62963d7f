import Foundation
import GRDB
import IkametCore

/// The rules the store uses to keep each client's agenda snapshot, and a
/// fingerprint of them: snapshots made under other rules are recomputed.
public struct AgendaRules: Sendable {
    public let computer: AgendaComputer
    public let fingerprint: String

    /// `fingerprintSource` is anything that changes when the rules change (the
    /// parameters and holiday table as JSON); the code version is added to it.
    public init(computer: AgendaComputer, fingerprintSource: String) {
        self.computer = computer
        // FNV-1a 64 over the source and the snapshot format version.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in ("agenda-v1|" + fingerprintSource).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        fingerprint = String(hash, radix: 16)
    }
}

/// One agenda row read from the store.
public struct StoredAgendaEntry: Sendable, Equatable {
    public var clientId: String
    public var name: String
    public var attorney: String?
    public var entry: AgendaSnapshot.Entry
}

extension OfficeStore {
    /// The fingerprint of the rules every snapshot in the store was made under (nil: none yet, or mixed).
    static func agendaFingerprint(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'agendaRules'")
    }

    /// Writes a client's agenda snapshot (rows and list columns) inside a write transaction.
    /// Without rules, or under rules other than the store's, the snapshot is marked stale instead.
    static func writeSnapshot(_ db: Database, _ c: Client, today: CivilDate, rules: AgendaRules?) throws {
        try db.execute(sql: "DELETE FROM agenda WHERE clientId = ?", arguments: [c.id])
        var usable = false
        if let rules {
            let stored = try agendaFingerprint(db)
            if stored == rules.fingerprint {
                usable = true
            } else if stored == nil,
                      try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM client WHERE id != ? AND cacheRules IS NOT ?",
                                       arguments: [c.id, rules.fingerprint]) == 0 {
                // Every other client (none, in a new store) is under these rules: adopt them.
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('agendaRules', ?)", arguments: [rules.fingerprint])
                usable = true
            }
        }
        guard usable, let rules else {
            try db.execute(sql: "UPDATE client SET cacheFrom = NULL, cacheTo = NULL, cacheRules = NULL WHERE id = ?", arguments: [c.id])
            return
        }
        let snap = rules.computer.snapshot(of: c, today: today)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO agenda (clientId, kind, date, application, reason, explanation, alwaysOverdue) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for e in snap.entries {
            try insert.execute(arguments: [c.id, e.kind, e.date.iso, e.applicationId, e.reason, e.explanation, e.alwaysOverdue])
        }
        try db.execute(sql: """
            UPDATE client SET cacheFrom = ?, cacheTo = ?, cacheRules = ?, permitType = ?, permitEnd = ?, nextKind = ?, nextDate = ?
            WHERE id = ?
            """, arguments: [snap.validFrom.iso, snap.validTo.iso, rules.fingerprint, snap.permitType?.rawValue, snap.permitEnd?.iso,
                             snap.nextKind?.rawValue, snap.nextDate?.iso, c.id])
    }

    /// Recomputes the snapshots that are not valid on `today` (or were made
    /// under other rules) and writes them back. A read-only or busy store is
    /// left as it is (returns false); readers then compute in memory.
    @discardableResult
    public func refreshAgenda(today: CivilDate, rules: AgendaRules) throws -> Bool {
        let (stale, all) = try staleClients(today: today, rules: rules)
        guard !stale.isEmpty || all else { return true }
        do {
            try write { db in
                if all { try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('agendaRules', ?)", arguments: [rules.fingerprint]) }
                for c in stale { try OfficeStore.writeSnapshot(db, c, today: today, rules: rules) }
            }
            return true
        } catch StoreError.busy {
            return false
        } catch StoreError.access {
            return false
        }
    }

    /// Clients whose snapshot does not serve `today` under `rules`; `all` when the store's rules differ.
    func staleClients(today: CivilDate, rules: AgendaRules) throws -> (clients: [Client], all: Bool) {
        try read { db in
            let all = try OfficeStore.agendaFingerprint(db) != rules.fingerprint
            let sql = all ? "SELECT id, doc FROM client" : """
                SELECT id, doc FROM client WHERE cacheTo IS NULL OR cacheTo < ?1
                UNION SELECT id, doc FROM client WHERE cacheFrom > ?1
                """
            let rows = try Row.fetchAll(db, sql: sql, arguments: all ? [] : [today.iso])
            return (try rows.map { try OfficeStore.decodeDoc($0["doc"], id: $0["id"]) }, all)
        }
    }

    /// Agenda entries dated up to `last` (nil: all) with the given kinds (nil: all), in date, client, kind order.
    /// Call `refreshAgenda` first; entries of clients still stale are computed in memory and merged.
    public func agendaEntries(today: CivilDate, rules: AgendaRules, through last: CivilDate?, kinds: [String]? = nil,
                              attorney: String? = nil) throws -> [StoredAgendaEntry] {
        let staleIds: Set<String>
        var extra: [StoredAgendaEntry] = []
        let stale = try staleClients(today: today, rules: rules).clients
        staleIds = Set(stale.map(\.id))
        for c in stale where attorney == nil || c.attorney == attorney {
            for e in rules.computer.snapshot(of: c, today: today).entries
            where (last.map { e.date <= $0 } ?? true) && (kinds.map { $0.contains(e.kind) } ?? true) {
                extra.append(StoredAgendaEntry(clientId: c.id, name: c.name, attorney: c.attorney, entry: e))
            }
        }
        var rows: [StoredAgendaEntry] = try read { db in
            var conditions: [String] = [], args: [any DatabaseValueConvertible] = []
            if let last { conditions.append("a.date <= ?"); args.append(last.iso) }
            if let kinds { conditions.append("a.kind IN (" + kinds.map { _ in "?" }.joined(separator: ",") + ")"); args += kinds }
            if let attorney { conditions.append("c.attorney = ?"); args.append(attorney) }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT a.clientId, c.name, c.attorney, a.kind, a.date, a.application, a.reason, a.explanation, a.alwaysOverdue
                FROM agenda a JOIN client c ON c.id = a.clientId \(whereClause)
                ORDER BY a.date, a.clientId, a.kind, a.application
                """, arguments: StatementArguments(args))
            var out: [StoredAgendaEntry] = []
            while let r = try cursor.next() {
                let id: String = r[0]
                if staleIds.contains(id) { continue }
                let dateText: String = r[4]
                guard let date = CivilDate(dateText) else { continue }
                out.append(StoredAgendaEntry(clientId: id, name: r[1], attorney: r[2],
                                             entry: AgendaSnapshot.Entry(kind: r[3], date: date, applicationId: r[5], reason: r[6],
                                                                         explanation: r[7], alwaysOverdue: r[8])))
            }
            return out
        }
        if !extra.isEmpty {
            rows += extra
            rows.sort { ($0.entry.date, $0.clientId, $0.entry.kind, $0.entry.applicationId ?? "") < ($1.entry.date, $1.clientId, $1.entry.kind, $1.entry.applicationId ?? "") }
        }
        return rows
    }
}
