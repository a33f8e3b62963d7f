import Foundation
import GRDB
import GRDBSQLite
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
        var hash = FNV1a()
        hash.mix("agenda-" + AgendaComputer.engineVersion + "|" + fingerprintSource)
        fingerprint = hash.hex
    }
}

/// FNV-1a, 64 bits: the store's fingerprints and digests (not a security hash: it tells contents apart).
struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func mix(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01B3
        }
    }

    /// The hash in lower-case hexadecimal.
    var hex: String { String(value, radix: 16) }
}

extension AgendaRules {
    /// The rules for these parameters and holidays; the fingerprint changes with any of them.
    public static func make(parameters: RuleParameters, holidays: HolidayTable) -> AgendaRules {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let source = [(try? encoder.encode(parameters)), (try? encoder.encode(holidays))]
            .map { $0.map { String(decoding: $0, as: UTF8.self) } ?? "" }.joined(separator: "|")
        let deadlines = DeadlineEngine(parameters: parameters, calendar: WorkingDayCalendar(table: holidays))
        let computer = AgendaComputer(deadlines: deadlines, eligibility: EligibilityEngine(parameters: parameters.longTerm, deadlines: deadlines))
        return AgendaRules(computer: computer, fingerprintSource: source)
    }
}

/// One agenda row as the database hands it over, read in place (no copy, no String, on SQLite):
/// for printing tens of thousands of rows (`OfficeStore.forEachAgendaRow`).
public struct AgendaRowView {
    /// The columns of the row, in order.
    public enum Column: Int32 { case clientId, name, kind, date, application, reasonFacts, explanationFacts, alwaysOverdue }
    /// Where the row is: SQLite's statement positioned on it (read with SQLite's C API: no value is copied), or
    /// the texts of a PostgreSQL row.
    enum Source {
        case statement(SQLiteStatement)
        case texts([String?])
    }
    let source: Source

    /// The bytes of a SQLite column (UTF-8 text; empty when NULL), valid until the next row.
    static func buffer(_ statement: SQLiteStatement, _ column: Column) -> UnsafeRawBufferPointer {
        // sqlite3_column_blob before sqlite3_column_bytes, the order SQLite documents.
        let start = sqlite3_column_blob(statement, column.rawValue)
        return UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : Int(sqlite3_column_bytes(statement, column.rawValue)))
    }

    private func text(_ column: Column) -> String? {
        guard case .texts(let texts) = source, Int(column.rawValue) < texts.count else { return nil }
        return texts[Int(column.rawValue)]
    }

    /// Runs `body` with the bytes of a column (UTF-8 text; empty when NULL), valid only during the call.
    public func bytes<T>(_ column: Column, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        switch source {
        case .statement(let statement): return body(AgendaRowView.buffer(statement, column))
        case .texts:
            var value = text(column) ?? ""
            return value.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether a column is NULL (the application of a client-level item).
    public func isNull(_ column: Column) -> Bool {
        switch source {
        case .statement(let statement): return sqlite3_column_type(statement, column.rawValue) == SQLITE_NULL
        case .texts: return text(column) == nil
        }
    }

    /// Out of status is overdue whatever the date.
    public var alwaysOverdue: Bool {
        switch source {
        case .statement(let statement): return sqlite3_column_int64(statement, Column.alwaysOverdue.rawValue) != 0
        case .texts: return (text(.alwaysOverdue).flatMap { Int($0) } ?? 0) != 0
        }
    }

    /// The row's date (nil: not a valid date).
    public var date: CivilDate? {
        bytes(.date) { b -> CivilDate? in
            guard b.count == 10 else { return nil }
            func number(_ r: Range<Int>) -> Int? {
                var n = 0
                for i in r { let d = Int(b[i]) - 48; guard (0...9).contains(d) else { return nil }; n = n * 10 + d }
                return n
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
            return CivilDate(year: y, month: m, day: d)
        }
    }
}

/// Where an agenda row stands in the agenda's order (date, client, kind, application with none first): a page
/// next to a row starts from its key (`OfficeStore.agendaPage(_:group:next:before:limit:)`).
public struct AgendaRowKey: Sendable, Equatable {
    public var date: CivilDate
    public var clientId: String
    public var kind: String
    public var application: String?

    public init(date: CivilDate, clientId: String, kind: String, application: String?) {
        self.date = date; self.clientId = clientId; self.kind = kind; self.application = application
    }
}

/// One agenda row read from the store. Its messages stay in the store's encoded form until they are read: a
/// window of the agenda shows a few dozen of its rows' reasons and no explanation, and decoding every row's facts
/// was most of the cost of reading a window.
public struct StoredAgendaEntry: Sendable, Equatable {
    public var clientId: String
    public var name: String
    public var attorney: String?
    public var kind: String
    public var date: CivilDate
    public var applicationId: String?
    public var alwaysOverdue: Bool
    /// `reason` and `explanation` in `MessageCodec`'s form, as the store keeps them.
    public var reasonFacts: String
    public var explanationFacts: String

    public init(clientId: String, name: String, attorney: String?, kind: String, date: CivilDate, applicationId: String?,
                alwaysOverdue: Bool, reasonFacts: String, explanationFacts: String) {
        self.clientId = clientId; self.name = name; self.attorney = attorney; self.kind = kind; self.date = date
        self.applicationId = applicationId; self.alwaysOverdue = alwaysOverdue
        self.reasonFacts = reasonFacts; self.explanationFacts = explanationFacts
    }

    /// A row for an entry computed in memory (a client whose snapshot is stale).
    public init(clientId: String, name: String, attorney: String?, entry e: AgendaSnapshot.Entry) {
        let facts = e.encodedFacts
        self.init(clientId: clientId, name: name, attorney: attorney, kind: e.kind, date: e.date, applicationId: e.applicationId,
                  alwaysOverdue: e.alwaysOverdue, reasonFacts: facts.reason, explanationFacts: facts.explanation)
    }

    /// The whole entry, its messages decoded.
    public var entry: AgendaSnapshot.Entry {
        AgendaSnapshot.Entry(kind: kind, date: date, applicationId: applicationId, reasonFacts: reasonFacts,
                             explanationFacts: explanationFacts, alwaysOverdue: alwaysOverdue)
    }

    /// The row's place in the agenda's order.
    public var key: AgendaRowKey { AgendaRowKey(date: date, clientId: clientId, kind: kind, application: applicationId) }
}

extension OfficeStore {
    /// The fingerprint of the rules every snapshot in the store was made under (nil: none yet, or mixed).
    static func agendaFingerprint(_ db: any SQLSession) throws -> String? {
        try db.string("SELECT value FROM meta WHERE key = 'agendaRules'")
    }

    /// The rules a writer may make snapshots with: the store's own, or any rules
    /// in a store that has none yet and no snapshots under other rules (then adopted).
    static func usableAgendaRules(_ db: any SQLSession, _ rules: AgendaRules?) throws -> AgendaRules? {
        guard let rules else { return nil }
        let stored = try agendaFingerprint(db)
        if stored == rules.fingerprint { return rules }
        guard stored == nil,
              try db.int("SELECT COUNT(*) FROM client WHERE cacheRules IS NOT NULL AND cacheRules <> ?", [rules.fingerprint]) == 0
        else { return nil }
        try setAgendaFingerprint(db, rules.fingerprint)
        return rules
    }

    /// Records the rules every snapshot is made under.
    static func setAgendaFingerprint(_ db: any SQLSession, _ fingerprint: String) throws {
        try db.execute("INSERT INTO meta (key, value) VALUES ('agendaRules', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       [fingerprint])
    }

    /// Computes and writes a client's agenda snapshot inside a write transaction.
    /// Without usable rules the snapshot is marked stale instead (readers recompute it).
    static func writeSnapshot(_ db: any SQLSession, _ c: Client, today: CivilDate, rules: AgendaRules?) throws {
        let usable = try usableAgendaRules(db, rules)
        let snap = try usable.map { u in
            u.computer.snapshot(of: c, today: today, supporter: try supporterFacts(db, c, today: today, engine: u.computer.deadlines))
        }
        try writeSnapshot(db, c.id, snap, fingerprint: usable?.fingerprint)
    }

    /// The facts of a client's supporter, read from the supporter's file when the link names a client.
    static func supporterFacts(_ db: any SQLSession, _ c: Client, today: CivilDate, engine: DeadlineEngine) throws -> SupporterFacts? {
        guard let link = c.supporter else { return nil }
        let file = try link.clientId.flatMap { try fetchClient(db, $0)?.client }
        return SupporterFacts.of(c, supporterFile: file, today: today, engine: engine)
    }

    /// Recomputes the snapshots of the clients whose supporter is `id` (after `id` was saved), or of every client
    /// naming a supporter in the store (`id` nil: after an import).
    static func refreshDependents(_ db: any SQLSession, of id: String?, today: CivilDate, rules: AgendaRules?) throws {
        let rows = try id.map { try db.rows("SELECT id, doc FROM client WHERE supporterId = ? AND id <> ?", [$0, $0]) }
            ?? db.rows("SELECT id, doc FROM client WHERE supporterId IS NOT NULL")
        for row in rows { try writeSnapshot(db, try decodeDoc(row), today: today, rules: rules) }
    }

    /// Marks the snapshots of the clients whose supporter is `id` stale (after `id` was deleted).
    static func markDependentsStale(_ db: any SQLSession, of id: String) throws {
        for dependent in try db.strings("SELECT id FROM client WHERE supporterId = ?", [id]) {
            try writeSnapshot(db, dependent, nil, fingerprint: nil)
        }
    }

    /// The facts of `client`'s supporter as the store knows them (nil: no supporter).
    public func supporterFacts(for client: Client, today: CivilDate, engine: DeadlineEngine) throws -> SupporterFacts? {
        guard client.supporter != nil else { return nil }
        return try read { db in try OfficeStore.supporterFacts(db, client, today: today, engine: engine) }
    }

    /// Supporter facts for each of `clients` that has a supporter, by client id.
    static func supporterFacts(_ db: any SQLSession, for clients: [Client], today: CivilDate, engine: DeadlineEngine) throws -> [String: SupporterFacts] {
        var out: [String: SupporterFacts] = [:]
        for c in clients where c.supporter != nil { out[c.id] = try supporterFacts(db, c, today: today, engine: engine) }
        return out
    }

    /// Writes a computed snapshot (rows and list columns); nil marks the client stale.
    static func writeSnapshot(_ db: any SQLSession, _ id: String, _ snap: AgendaSnapshot?, fingerprint: String?) throws {
        // Nothing is read from these: on a server they travel with the next statement.
        try db.executeLater("DELETE FROM agenda WHERE clientId = ?", [id])
        guard let snap, let fingerprint else {
            try db.executeLater("UPDATE client SET cacheFrom = NULL, cacheTo = NULL, cacheRules = NULL WHERE id = ?", [id])
            return
        }
        try insertAgendaRows(db, id, snap)
        try db.executeLater("""
            UPDATE client SET cacheFrom = ?, cacheTo = ?, cacheRules = ?, permitType = ?, permitEnd = ?, nextKind = ?, nextDate = ?
            WHERE id = ?
            """, [snap.validFrom.iso, snap.validTo.iso, fingerprint, snap.permitType?.rawValue, snap.permitEnd?.iso,
                  snap.nextKind?.rawValue, snap.nextDate?.iso, id])
    }

    /// The columns of an agenda row.
    static let agendaColumns = ["clientId", "kind", "date", "application", "reasonFacts", "explanationFacts", "alwaysOverdue"]

    /// The values of a snapshot's agenda rows (`agendaColumns`).
    static func agendaRows(_ id: String, _ snap: AgendaSnapshot) -> [[SQLValue]] {
        snap.entries.map { e in
            let facts = e.encodedFacts
            let values: SQLArguments = [id, e.kind, e.date.iso, e.applicationId, facts.reason, facts.explanation, e.alwaysOverdue]
            return values.map(\.sqlValue)
        }
    }

    /// Inserts a snapshot's agenda rows.
    static func insertAgendaRows(_ db: any SQLSession, _ id: String, _ snap: AgendaSnapshot) throws {
        try db.insertMany(into: "agenda", columns: agendaColumns, rows: agendaRows(id, snap))
    }

    /// Recomputes the snapshots that are not valid on `today` (or were made
    /// under other rules) and writes them back. A read-only or busy store is
    /// left as it is (returns false); readers then compute in memory.
    /// The work goes in chunks of `refreshChunk` clients, one short write transaction each, so that on a store of
    /// 100,000 clients a change of the rules never holds the writers' lock for long: other desks' saves (and this
    /// desk's own, on the input loop) go in between. The store's rules fingerprint is written last, once no
    /// snapshot is stale; until then readers take the stored rows as stale, as before.
    @discardableResult
    public func refreshAgenda(today: CivilDate, rules: AgendaRules) throws -> Bool {
        try refreshAgenda(today: today, rules: rules, chunksAtMost: .max)
    }

    /// `refreshAgenda`, stopping after `chunksAtMost` chunks (tests: the state between two chunks); false when it
    /// stopped before the end.
    func refreshAgenda(today: CivilDate, rules: AgendaRules, chunksAtMost: Int) throws -> Bool {
        guard try agendaNeedsRefresh(today: today, rules: rules) else { return true }
        var chunksLeft = chunksAtMost
        do {
            // A save by another desk during a pass may leave its client stale again (its rules were not yet the
            // store's): a second pass takes those few.
            for _ in 0..<3 {
                let ids = try read { db in try OfficeStore.staleClientIds(db, today: today, rules: rules) }
                if ids.isEmpty { break }
                var start = 0
                while start < ids.count {
                    guard chunksLeft > 0 else { return false }
                    chunksLeft -= 1
                    let chunk = Array(ids[start..<min(start + OfficeStore.refreshChunk, ids.count)])
                    start += chunk.count
                    try write { db in
                        // Re-read inside the transaction (another writer may have saved since), compute on all cores, write.
                        let current = try OfficeStore.staleClients(db, ids: chunk, today: today, rules: rules)
                        let supporters = try OfficeStore.supporterFacts(db, for: current, today: today, engine: rules.computer.deadlines)
                        let snapshots = OfficeStore.parallelMap(current) { rules.computer.snapshot(of: $0, today: today, supporter: supporters[$0.id]) }
                        for (c, snap) in zip(current, snapshots) { try OfficeStore.writeSnapshot(db, c.id, snap, fingerprint: rules.fingerprint) }
                    }
                }
            }
            return try write { db in
                guard try OfficeStore.staleClientIds(db, today: today, rules: rules).isEmpty else { return false }
                if try OfficeStore.agendaFingerprint(db) != rules.fingerprint { try OfficeStore.setAgendaFingerprint(db, rules.fingerprint) }
                return true
            }
        } catch StoreError.busy {
            return false
        } catch StoreError.access {
            return false
        }
    }

    /// How many clients one transaction of `refreshAgenda` recomputes: about 0.1 s of work on two cores (500 took
    /// 0.45 s on the server, which a save waiting for the lock felt).
    static let refreshChunk = 100

    /// Whether some snapshot does not serve `today` under `rules` (then `refreshAgenda` would write).
    public func agendaNeedsRefresh(today: CivilDate, rules: AgendaRules) throws -> Bool {
        try read { db in
            if try OfficeStore.agendaFingerprint(db) != rules.fingerprint { return true }
            return try db.bool("""
                SELECT EXISTS (SELECT 1 FROM client WHERE cacheTo IS NULL OR cacheTo < ?)
                    OR EXISTS (SELECT 1 FROM client WHERE cacheFrom > ?)
                """, [today.iso, today.iso])
        }
    }

    /// The file numbers of the clients whose snapshot does not serve `today` under `rules`: every client made under
    /// other rules when the store's rules differ, else those whose validity does not cover `today` (indexed).
    static func staleClientIds(_ db: any SQLSession, today: CivilDate, rules: AgendaRules) throws -> [String] {
        if try OfficeStore.agendaFingerprint(db) != rules.fingerprint {
            return try db.strings("SELECT id FROM client WHERE \(staleCondition) ORDER BY id", [rules.fingerprint, today.iso, today.iso])
        }
        return try db.strings("""
            SELECT id FROM client WHERE cacheTo IS NULL OR cacheTo < ?
            UNION SELECT id FROM client WHERE cacheFrom > ? ORDER BY id
            """, [today.iso, today.iso])
    }

    /// Of the clients `ids`, those whose snapshot does not serve `today` under `rules` (read with their records).
    static func staleClients(_ db: any SQLSession, ids: [String], today: CivilDate, rules: AgendaRules) throws -> [Client] {
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ",")
        let args: SQLArguments = ids.map { $0 as any SQLBindable } + [rules.fingerprint, today.iso, today.iso]
        return try db.rows("SELECT id, doc FROM client WHERE id IN (\(marks)) AND (\(staleCondition)) ORDER BY id", args)
            .map { try OfficeStore.decodeDoc($0) }
    }

    /// A client row whose snapshot does not serve a day under some rules (arguments: the rules' fingerprint, the
    /// day twice).
    static let staleCondition = "cacheRules IS NULL OR cacheRules <> ? OR cacheTo IS NULL OR cacheTo < ? OR cacheFrom > ?"

    /// An agenda row read with the client's name and attorney (columns clientId, name, attorney, kind, date,
    /// application, reasonFacts, explanationFacts, alwaysOverdue); nil for a row without a valid date.
    static func agendaEntry(_ r: SQLRow) -> StoredAgendaEntry? {
        guard let date = r.string(at: 4).flatMap({ CivilDate($0) }) else { return nil }
        return StoredAgendaEntry(clientId: r.string(at: 0) ?? "", name: r.string(at: 1) ?? "", attorney: r.string(at: 2),
                                 kind: r.string(at: 3) ?? "", date: date, applicationId: r.string(at: 5), alwaysOverdue: r.bool(at: 8),
                                 reasonFacts: r.string(at: 6) ?? "", explanationFacts: r.string(at: 7) ?? "")
    }

    /// `transform` applied to every element on all cores, results in order.
    static func parallelMap<T: Sendable, U: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> U) -> [U] {
        guard items.count > 64 else { return items.map(transform) }
        var out = [U?](repeating: nil, count: items.count)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let b = buffer
            DispatchQueue.concurrentPerform(iterations: items.count) { b[$0] = transform(items[$0]) }
        }
        return out.compactMap { $0 }
    }

    /// Streams the stored agenda rows dated up to `last` with the given kinds, in date, client, kind order,
    /// without decoding their facts. Returns false, calling `body` for nothing, when some client's
    /// snapshot does not serve `today` (a read-only or busy store): then use `agendaEntries`.
    public func forEachAgendaRow(today: CivilDate, rules: AgendaRules, through last: CivilDate, kinds: [String], attorney: String? = nil,
                                 _ body: (AgendaRowView) throws -> Void) throws -> Bool {
        guard try !agendaNeedsRefresh(today: today, rules: rules) else { return false }
        var conditions = ["a.date <= ?"]
        var args: SQLArguments = [last.iso]
        let allDeadlineKinds = Set(kinds) == Set(DeadlineKind.allCases.map(\.rawValue))
        if !allDeadlineKinds {
            conditions.append("a.kind IN (" + kinds.map { _ in "?" }.joined(separator: ",") + ")")
            args += kinds.map { $0 as any SQLBindable }
        }
        if !kinds.contains(AgendaSnapshot.awaitingKind) && !kinds.contains(AgendaSnapshot.longTermKind) {
            conditions.append(OfficeStore.deadlineRowsCondition)  // lets the partial covering index serve the query
        }
        try read { db in
            // The client's name from the covering index (id, name): the big client rows are not read.
            let client = attorney == nil ? db.dialect.clientsByIdAndName : "client c"
            var conditions = conditions, args = args
            if let attorney {
                let (condition, spellings) = try OfficeStore.attorneyCondition(db, column: "c.attorney", attorney)
                conditions.append(condition)
                args += spellings
            }
            let sql = """
                SELECT a.clientId, c.name, a.kind, a.date, a.application, a.reasonFacts, a.explanationFacts, a.alwaysOverdue
                FROM agenda a JOIN \(client) ON c.id = a.clientId WHERE \(conditions.joined(separator: " AND "))
                ORDER BY a.date, a.clientId, a.kind, a.application NULLS FIRST
                """
            if let sqlite = db as? SQLiteSession {
                // SQLite: the statement's own buffers, no copy (docs/performance.md).
                let statement = try sqlite.db.makeStatement(sql: sql)
                statement.arguments = SQLiteSession.arguments(args)
                let cursor = try Row.fetchCursor(statement)
                let view = AgendaRowView(source: .statement(statement.sqliteStatement))
                while try cursor.next() != nil { try body(view) }
            } else {
                try db.each(sql, args) { row in try body(AgendaRowView(source: .texts(row.values.map(SQLRow.string)))) }
            }
        }
        return true
    }

    /// Agenda entries dated up to `last` (nil: all) with the given kinds (nil: all), in date, client, kind order.
    /// Call `refreshAgenda` first; entries of clients still stale are computed in memory and merged.
    public func agendaEntries(today: CivilDate, rules: AgendaRules, through last: CivilDate?, kinds: [String]? = nil,
                              attorney: String? = nil) throws -> [StoredAgendaEntry] {
        // The stale clients and the stored rows in one state of the store (on a server, one transaction).
        try readTogether { try agendaEntriesRead(today: today, rules: rules, through: last, kinds: kinds, attorney: attorney) }
    }

    private func agendaEntriesRead(today: CivilDate, rules: AgendaRules, through last: CivilDate?, kinds: [String]?,
                                   attorney: String?) throws -> [StoredAgendaEntry] {
        let staleIds: Set<String>
        var extra: [StoredAgendaEntry] = []
        let stale = try read { db in
            let ids = try OfficeStore.staleClientIds(db, today: today, rules: rules)
            return try stride(from: 0, to: ids.count, by: OfficeStore.refreshChunk).flatMap { start in
                try OfficeStore.staleClients(db, ids: Array(ids[start..<min(start + OfficeStore.refreshChunk, ids.count)]), today: today, rules: rules)
            }
        }
        staleIds = Set(stale.map(\.id))
        let supporters = try read { db in try OfficeStore.supporterFacts(db, for: stale, today: today, engine: rules.computer.deadlines) }
        for c in stale where attorney.map { a in c.attorney.map { AttorneyMatch.same($0, a) } ?? false } ?? true {
            for e in rules.computer.snapshot(of: c, today: today, supporter: supporters[c.id]).entries
            where (last.map { e.date <= $0 } ?? true) && (kinds.map { $0.contains(e.kind) } ?? true) {
                extra.append(StoredAgendaEntry(clientId: c.id, name: c.name, attorney: c.attorney, entry: e))
            }
        }
        var rows: [StoredAgendaEntry] = try read { db in
            var conditions: [String] = [], args: SQLArguments = []
            if let last { conditions.append("a.date <= ?"); args.append(last.iso) }
            if let kinds {
                conditions.append("a.kind IN (" + kinds.map { _ in "?" }.joined(separator: ",") + ")")
                args += kinds.map { $0 as any SQLBindable }
                if !kinds.contains(AgendaSnapshot.awaitingKind) && !kinds.contains(AgendaSnapshot.longTermKind) {
                    conditions.append(OfficeStore.deadlineRowsCondition)  // lets the partial index serve the query
                }
            }
            if let attorney {
                let (condition, spellings) = try OfficeStore.attorneyCondition(db, column: "c.attorney", attorney)
                conditions.append(condition)
                args += spellings
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            var out: [StoredAgendaEntry] = []
            try db.each("""
                SELECT a.clientId, c.name, c.attorney, a.kind, a.date, a.application, a.reasonFacts, a.explanationFacts, a.alwaysOverdue
                FROM agenda a JOIN client c ON c.id = a.clientId \(whereClause)
                ORDER BY a.date, a.clientId, a.kind, a.application NULLS FIRST
                """, args) { r in
                let id = r.string(at: 0) ?? ""
                if staleIds.contains(id) { return }
                if let entry = OfficeStore.agendaEntry(r) { out.append(entry) }
            }
            return out
        }
        if !extra.isEmpty {
            rows += extra
            rows.sort { ($0.date, $0.clientId, $0.kind, $0.applicationId ?? "") < ($1.date, $1.clientId, $1.kind, $1.applicationId ?? "") }
        }
        return rows
    }
}
