import Foundation
import IkametCore
import IkametInterchange

/// A client as stored, with its version and last change.
public struct StoredClient: Sendable, Equatable {
    public var client: Client
    public var version: Int
    public var updatedBy: String
    public var updatedAt: String
}

/// One row of the client list.
public struct ClientSummary: Sendable, Equatable {
    public var id: String
    public var name: String
    public var attorney: String?
    public var version: Int
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    public var created: Int
    public var updated: Int
    public var unchanged: Int
}

extension OfficeStore {
    static func encodeDoc(_ client: Client) throws -> String {
        String(decoding: ClientJSON.encode(client), as: UTF8.self)
    }

    static func decodeDoc(_ text: String, id: String) throws -> Client {
        var text = text
        if let fast = text.withUTF8({ ClientJSON.decode(UnsafeRawBufferPointer($0)) }) { return fast }
        do { return try JSONDecoder().decode(Client.self, from: Data(text.utf8)) } catch {
            throw StoreError.clientUnreadable(client: id, detail: "\(error)")
        }
    }

    /// The client of a row with the columns `id` and `doc`.
    static func decodeDoc(_ row: SQLRow) throws -> Client {
        try decodeDoc(row.string("doc") ?? "", id: row.string("id") ?? "")
    }

    /// The text searched by the client filter: every folded spelling of the name (SearchFolding), the file number,
    /// passport and foreigner id, separated by U+001F.
    static func searchText(_ c: Client) -> String {
        searchText(name: c.name, id: c.id, passport: c.passport.number, foreignerId: c.foreignerId)
    }

    static func searchText(name: String, id: String, passport: String?, foreignerId: String?) -> String {
        (SearchFolding.variants(name) + [id, passport ?? "", foreignerId ?? ""].map(SearchFolding.searchKey)).joined(separator: "\u{1F}")
    }

    /// Number of clients.
    public func clientCount() throws -> Int {
        try read { db in try db.int("SELECT COUNT(*) FROM client") ?? 0 }
    }

    /// How many clients one attorney has (initials matched without regard to case).
    public func clientCount(attorney: String) throws -> Int {
        try read { db in
            let (whereClause, args) = try OfficeStore.listFilter(db, "", attorney)
            return try db.int("SELECT COUNT(*) FROM client \(whereClause)", args) ?? 0
        }
    }

    /// One client, or nil.
    public func client(_ id: String) throws -> StoredClient? {
        try read { db in try OfficeStore.fetchClient(db, id) }
    }

    /// The clients among `ids` that are in the store, by id (one query).
    static func fetchClients(_ db: any SQLSession, _ ids: [String]) throws -> [String: StoredClient] {
        guard !ids.isEmpty else { return [:] }
        var out: [String: StoredClient] = [:]
        let placeholders = ids.map { _ in "?" }.joined(separator: ",")
        for row in try db.rows("SELECT id, doc, version, updatedBy, updatedAt FROM client WHERE id IN (\(placeholders))", ids) {
            let id = row.string("id") ?? ""
            out[id] = StoredClient(client: try decodeDoc(row), version: row.int("version") ?? 0,
                                   updatedBy: row.string("updatedBy") ?? "", updatedAt: row.string("updatedAt") ?? "")
        }
        return out
    }

    static func fetchClient(_ db: any SQLSession, _ id: String) throws -> StoredClient? {
        try db.row(fetchClientSQL, [id]).map { try storedClient($0, id: id) }
    }

    /// One client's record with its version (argument: the client).
    static let fetchClientSQL = "SELECT doc, version, updatedBy, updatedAt FROM client WHERE id = ?"

    /// A client read with `fetchClientSQL`.
    static func storedClient(_ row: SQLRow, id: String) throws -> StoredClient {
        StoredClient(client: try decodeDoc(row.string("doc") ?? "", id: id), version: row.int("version") ?? 0,
                     updatedBy: row.string("updatedBy") ?? "", updatedAt: row.string("updatedAt") ?? "")
    }

    /// Calls `body` for each client in file-number order, without loading all at once.
    public func forEachClient(attorney: String? = nil, _ body: (Client) throws -> Void) throws {
        try read { db in
            let (whereClause, args) = try OfficeStore.listFilter(db, "", attorney)
            try db.each("SELECT id, doc FROM client \(whereClause) ORDER BY id", args) { row in
                try body(try OfficeStore.decodeDoc(row))
            }
        }
    }

    /// All clients (small stores, export).
    public func allClients() throws -> [Client] {
        var out: [Client] = []
        try forEachClient { out.append($0) }
        return out
    }

    /// A page of clients whose name, file number, passport or foreigner id
    /// contains `filter` (Turkish-aware folding), ordered by name.
    public func searchClients(filter: String = "", attorney: String? = nil, limit: Int = 100, offset: Int = 0) throws -> [ClientSummary] {
        try searchPage(columns: "id, name, attorney, version", filter: filter, attorney: attorney, limit: limit, offset: offset) {
            ClientSummary(id: $0.string("id") ?? "", name: $0.string("name") ?? "", attorney: $0.string("attorney"), version: $0.int("version") ?? 0)
        }
    }

    /// Like `searchClients`, returning the full records.
    public func searchClientRecords(filter: String = "", attorney: String? = nil, limit: Int = 100, offset: Int = 0) throws -> [Client] {
        try searchPage(columns: "id, doc", filter: filter, attorney: attorney, limit: limit, offset: offset) {
            try OfficeStore.decodeDoc($0)
        }
    }

    private func searchPage<T>(columns: String, filter: String, attorney: String?, limit: Int, offset: Int,
                               _ transform: (SQLRow) throws -> T) throws -> [T] {
        return try read { db in
            let (whereClause, args) = try OfficeStore.listFilter(db, filter, attorney)
            return try db.rows("SELECT \(columns) FROM client \(whereClause) ORDER BY sortName, id LIMIT ? OFFSET ?",
                               args + [limit, offset]).map(transform)
        }
    }

    /// Adds a new client. Refuses a duplicate file number or a record with validation errors.
    @discardableResult
    public func add(_ client: Client, by actor: Actor, today: CivilDate, validator: Validator = Validator()) throws -> Int {
        let rules = agendaRules
        let issues = validator.validate(client, today: today).filter { $0.level == .error }
        if !issues.isEmpty { throw StoreError.invalid(client: client.id, issues: issues) }
        try require(.attorney)
        return try write { db in
            if try OfficeStore.fetchClient(db, client.id) != nil { throw StoreError.duplicateClient(client.id) }
            let batch = try db.nextBatch()
            let stamped = OfficeStore.stampSnapshots(old: nil, new: client, today: today)
            // The audit rows come first (on a server, a change of a client without them is refused: step pg4).
            try OfficeStore.appendAudit(db, batch: batch, actor: actor, clientId: client.id,
                                        changes: [AuditChange(entity: "client", field: "*", old: nil, new: "created")])
            try OfficeStore.appendAudit(db, batch: batch, actor: actor, clientId: client.id,
                                        changes: AuditDiff.changes(from: nil, to: stamped))
            try OfficeStore.insert(db, stamped, actor: actor)
            try OfficeStore.writeSnapshot(db, stamped, today: today, rules: rules)
            try OfficeStore.refreshDependents(db, of: stamped.id, today: today, rules: rules)
            return 1
        }
    }

    /// Saves an edited client if nobody changed it since `expectedVersion`;
    /// otherwise refuses with who changed it and when. Returns the new version.
    @discardableResult
    public func update(_ client: Client, expectedVersion: Int, by actor: Actor, today: CivilDate, validator: Validator = Validator()) throws -> Int {
        let rules = agendaRules
        let issues = validator.validate(client, today: today).filter { $0.level == .error }
        if !issues.isEmpty { throw StoreError.invalid(client: client.id, issues: issues) }
        let role = try serverAccess()
        return try write { db in
            guard let current = try OfficeStore.fetchClient(db, client.id) else { throw StoreError.clientNotFound(client.id) }
            guard current.version == expectedVersion else {
                throw StoreError.conflict(client: client.id, by: current.updatedBy, at: current.updatedAt, version: current.version)
            }
            return try OfficeStore.replace(db, old: current, new: client, actor: actor, today: today, batch: try db.nextBatch(),
                                           rules: rules, role: role)
        }
    }

    /// Loads, changes and saves one client in one transaction (for CLI commands
    /// that change one thing). The change sees the latest version.
    @discardableResult
    public func modify(_ id: String, by actor: Actor, today: CivilDate, validator: Validator = Validator(),
                       _ change: (inout Client) throws -> Void) throws -> StoredClient {
        let rules = agendaRules
        let role = try serverAccess()
        return try write { db in
            guard let current = try OfficeStore.fetchClient(db, id) else { throw StoreError.clientNotFound(id) }
            var edited = current.client
            try change(&edited)
            let issues = validator.validate(edited, today: today).filter { $0.level == .error }
            if !issues.isEmpty { throw StoreError.invalid(client: id, issues: issues) }
            let version = try OfficeStore.replace(db, old: current, new: edited, actor: actor, today: today, batch: try db.nextBatch(),
                                                  rules: rules, role: role)
            return StoredClient(client: edited, version: version, updatedBy: serverLogin ?? actor.user, updatedAt: actor.timestamp)
        }
    }

    /// Deletes a client if unchanged since `expectedVersion`.
    public func delete(_ id: String, expectedVersion: Int, by actor: Actor) throws {
        try require(.attorney)
        try write { db in
            guard let current = try OfficeStore.fetchClient(db, id) else { throw StoreError.clientNotFound(id) }
            guard current.version == expectedVersion else {
                throw StoreError.conflict(client: id, by: current.updatedBy, at: current.updatedAt, version: current.version)
            }
            try OfficeStore.appendAudit(db, batch: try db.nextBatch(), actor: actor, clientId: id,
                                        changes: [AuditChange(entity: "client", field: "*", old: try OfficeStore.encodeDoc(current.client), new: nil)])
            try db.execute("DELETE FROM client WHERE id = ?", [id])
            try OfficeStore.markDependentsStale(db, of: id)
        }
    }

    /// Imports clients all or nothing: on any error (a bad record, a rule
    /// violation, a duplicate id) the transaction is rolled back and nothing is
    /// written. An existing file number is updated (audited).
    public func importClients(_ clients: [Client], by actor: Actor, today: CivilDate, validator: Validator = Validator(),
                              progress: ((Int, Int) -> Void)? = nil) throws -> ImportSummary {
        try importClients(count: clients.count, by: actor, today: today, validator: validator, progress: progress) { clients[$0] }
    }

    /// Checks a whole import without touching any store: every client decodes, passes
    /// validation (errors) and appears once. Throws `importRefused` naming the first problem
    /// (by position), exactly as the import itself would. Decoding runs on all cores.
    public static func checkImport(count: Int, validator: Validator, today: CivilDate,
                                   decode: @escaping @Sendable (Int) throws -> Client) throws {
        var ids = [String?](repeating: nil, count: count)
        var failures = [(any Error)?](repeating: nil, count: count)
        ids.withUnsafeMutableBufferPointer { idBuffer in
            failures.withUnsafeMutableBufferPointer { failureBuffer in
                nonisolated(unsafe) let idOut = idBuffer, failureOut = failureBuffer
                DispatchQueue.concurrentPerform(iterations: count) { i in
                    do {
                        let c: Client
                        do { c = try decode(i) } catch let e as InterchangeError { throw StoreError.importRefused(e) }
                        if let e = validator.validate(c, today: today).first(where: { $0.level == .error }) {
                            throw StoreError.importRefused(InterchangeError(client: c.id, field: e.field, message: e.message))
                        }
                        idOut[i] = c.id
                    } catch {
                        failureOut[i] = error
                    }
                }
            }
        }
        var seen = Set<String>()
        for i in 0..<count {
            if let failure = failures[i] { throw failure }
            if let id = ids[i], !seen.insert(id).inserted {
                throw StoreError.importRefused(InterchangeError(client: id, field: "id", message: Message("interchange.error.duplicate-id-in-file")))
            }
        }
    }

    /// Streaming import: `decode(i)` yields client `i` (called in parallel, in chunks),
    /// so a large file is never held in memory as a whole.
    public func importClients(count: Int, by actor: Actor, today: CivilDate, validator: Validator = Validator(),
                              progress: ((Int, Int) -> Void)? = nil,
                              decode: @escaping @Sendable (Int) throws -> Client) throws -> ImportSummary {
        let rules = agendaRules
        try require(.attorney)
        let summary = try write { db in
            var summary = ImportSummary(created: 0, updated: 0, unchanged: 0)
            let batch = try db.nextBatch()
            let snapshotRules = try OfficeStore.usableAgendaRules(db, rules)
            var seen = Set<String>()
            var start = 0
            // Chunks are prepared on other threads while the previous chunk is written (a two-stage pipeline).
            let chunk = 1000
            func launch(_ from: Int) -> PendingChunk? {
                guard from < count else { return nil }
                let pending = PendingChunk()
                let range = from..<min(from + chunk, count)
                DispatchQueue.global().async {
                    pending.finish(OfficeStore.prepare(range, decode: decode, validator: validator, today: today, rules: snapshotRules))
                }
                return pending
            }
            var next = launch(0)
            while start < count, let current = next {
                let end = min(start + chunk, count)
                let prepared = try current.wait()
                // A chunk with a bad client ends the import below: nothing more is prepared.
                next = prepared.allSatisfy({ if case .success = $0 { true } else { false } }) ? launch(end) : nil
                // The chunk's clients already in the store, in one query; new ones go in as a few multi-row statements.
                let existing = try OfficeStore.fetchClients(db, prepared.compactMap { try? $0.get().client.id })
                var newClients: [[SQLValue]] = [], newAgenda: [[SQLValue]] = [], newAudit: [[SQLValue]] = []
                for result in prepared {
                    let p = try result.get()
                    let c = p.client
                    guard seen.insert(c.id).inserted else {
                        throw StoreError.importRefused(InterchangeError(client: c.id, field: "id", message: Message("interchange.error.duplicate-id-in-file")))
                    }
                    if let current = existing[c.id] {
                        if Interchange.canonical(current.client) == Interchange.canonical(c) {
                            summary.unchanged += 1
                        } else {
                            _ = try OfficeStore.replace(db, old: current, new: c, actor: actor, today: today, batch: batch, stamp: false, rules: rules)
                            summary.updated += 1
                        }
                    } else {
                        let fingerprint = snapshotRules?.fingerprint
                        newClients.append(try OfficeStore.clientRow(c, doc: p.doc, actor: actor, snapshot: p.snapshot, fingerprint: fingerprint))
                        if fingerprint != nil, let snap = p.snapshot { newAgenda += OfficeStore.agendaRows(c.id, snap) }
                        newAudit.append(OfficeStore.auditRow(batch: batch, actor: actor, clientId: c.id,
                                                             AuditChange(entity: "client", field: "*", old: nil, new: "imported")))
                        summary.created += 1
                    }
                }
                try db.insertMany(into: "audit", columns: OfficeStore.auditColumns, rows: newAudit)
                try db.insertMany(into: "client", columns: OfficeStore.clientColumns, rows: newClients)
                try db.insertMany(into: "agenda", columns: OfficeStore.agendaColumns, rows: newAgenda)
                progress?(end, count)
                start = end
            }
            // The snapshots above were made without the supporters' files (they may come later in the file).
            try OfficeStore.refreshDependents(db, of: nil, today: today, rules: rules)
            return summary
        }
        // After a bulk load only: on a store of 100,000 clients a VACUUM takes seconds, too much for a few new files.
        if case .postgres(let links) = engine, summary.created + summary.updated >= OfficeStore.bulkLoad {
            links.writer.vacuum(["client", "agenda", "audit"])
        }
        return summary
    }

    /// From this many new or changed clients an import is a bulk load (the server's statistics are brought up to date).
    static let bulkLoad = 1_000

    /// The result of preparing a chunk on another thread.
    final class PendingChunk: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: [Result<Prepared, any Error>]?
        func finish(_ r: [Result<Prepared, any Error>]) { result = r; done.signal() }
        func wait() throws -> [Result<Prepared, any Error>] {
            done.wait()
            guard let result else { throw StoreError.database("an import worker produced no result") }
            return result
        }
    }

    /// A decoded, validated client with its stored form and agenda snapshot, made off the writer's thread.
    struct Prepared: Sendable {
        var client: Client
        var doc: String
        var snapshot: AgendaSnapshot?
    }

    /// Decodes, validates and prepares clients `range` on all cores; each client's own result, in order, so that the
    /// import refuses the first bad client of the file as `checkImport` does (a failure before a duplicate).
    static func prepare(_ range: Range<Int>, decode: @escaping @Sendable (Int) throws -> Client, validator: Validator,
                        today: CivilDate, rules: AgendaRules?) -> [Result<Prepared, any Error>] {
        var results = [Result<Prepared, any Error>?](repeating: nil, count: range.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: range.count) { k in
                out[k] = Result {
                    let c: Client
                    do { c = try decode(range.lowerBound + k) } catch let e as InterchangeError { throw StoreError.importRefused(e) }
                    if let e = validator.validate(c, today: today).first(where: { $0.level == .error }) {
                        throw StoreError.importRefused(InterchangeError(client: c.id, field: e.field, message: e.message))
                    }
                    // A supporter outside the store is in the file itself; one in the store is resolved after the import.
                    let supporter = rules.flatMap { SupporterFacts.of(c, supporterFile: nil, today: today, engine: $0.computer.deadlines) }
                    return Prepared(client: c, doc: try encodeDoc(c), snapshot: rules?.computer.snapshot(of: c, today: today, supporter: supporter))
                }
            }
        }
        return results.map { $0 ?? .failure(StoreError.database("an import worker produced no result")) }
    }

    // MARK: - Rows

    /// The columns of a new client row.
    static let clientColumns = ["id", "doc", "name", "sortName", "search", "attorney", "nationality", "version", "createdBy", "createdAt",
                                "updatedBy", "updatedAt", "cacheFrom", "cacheTo", "cacheRules", "permitType", "permitEnd", "nextKind",
                                "nextDate", "closedOn", "supporterId"]

    /// The values of a new client row (`clientColumns`); with a snapshot, its list columns are filled at once.
    static func clientRow(_ c: Client, doc: String? = nil, actor: Actor, snapshot: AgendaSnapshot?, fingerprint: String?) throws -> [SQLValue] {
        let snap = fingerprint == nil ? nil : snapshot
        let values: SQLArguments = [c.id, try doc ?? encodeDoc(c), c.name, TextFolding.fold(c.name), searchText(c), c.attorney,
                                    c.nationality, 1, actor.user, actor.timestamp, actor.user, actor.timestamp,
                                    snap?.validFrom.iso, snap?.validTo.iso, snap == nil ? nil : fingerprint,
                                    snap?.permitType?.rawValue, snap?.permitEnd?.iso, snap?.nextKind?.rawValue, snap?.nextDate?.iso,
                                    c.closed?.date.iso, c.supporter?.clientId]
        return values.map(\.sqlValue)
    }

    /// Inserts a new client row; with a snapshot, its list columns and agenda rows go in at once (no second update).
    static func insert(_ db: any SQLSession, _ c: Client, doc: String? = nil, actor: Actor, snapshot: AgendaSnapshot? = nil,
                       fingerprint: String? = nil) throws {
        try db.insertMany(into: "client", columns: clientColumns,
                          rows: [try clientRow(c, doc: doc, actor: actor, snapshot: snapshot, fingerprint: fingerprint)])
        if fingerprint != nil, let snapshot { try insertAgendaRows(db, c.id, snapshot) }
    }

    /// `role`: on an office server, the login's role (a change beyond it is refused before the server is asked);
    /// nil on a file.
    static func replace(_ db: any SQLSession, old: StoredClient, new: Client, actor: Actor, today: CivilDate, batch: Int64, stamp: Bool = true,
                        rules: AgendaRules?, role: (OfficeRole, login: String)? = nil) throws -> Int {
        let stamped = stamp ? stampSnapshots(old: old.client, new: new, today: today) : new
        let changes = AuditDiff.changes(from: old.client, to: stamped)
        if changes.isEmpty { return old.version }
        if let role, case let needed = roleNeeded(for: changes), role.0 < needed {
            throw StoreError.roleRequired(role: needed.groupName, login: role.login)
        }
        let version = old.version + 1
        try appendAudit(db, batch: batch, actor: actor, clientId: new.id, changes: changes)
        // Not the version read: someone changed the client meanwhile (a conflict), found before the commit. On a
        // server the update travels with the next statement.
        try db.executeLater("""
            UPDATE client SET doc = ?, name = ?, sortName = ?, search = ?, attorney = ?, nationality = ?, closedOn = ?, supporterId = ?,
                version = ?, updatedBy = ?, updatedAt = ?
            WHERE id = ? AND version = ?
            """, [try encodeDoc(stamped), stamped.name, TextFolding.fold(stamped.name), searchText(stamped),
                             stamped.attorney, stamped.nationality, stamped.closed?.date.iso, stamped.supporter?.clientId,
                             version, actor.user, actor.timestamp, stamped.id, old.version],
                            expecting: RowsExpected(changed: 1, otherwise: StoreError.conflict(client: new.id, by: old.updatedBy,
                                                                                                at: old.updatedAt, version: old.version)))
        try writeSnapshot(db, stamped, today: today, rules: rules)
        try refreshDependents(db, of: stamped.id, today: today, rules: rules)
        return version
    }

    /// Keeps the submitted data with an application when it becomes submitted (RULES.md §8a).
    static func stampSnapshots(old: Client?, new: Client, today: CivilDate) -> Client {
        var c = new
        for i in c.applications.indices {
            let app = c.applications[i]
            guard app.snapshot == nil, app.status != .draft, app.status != .withdrawn, let submitted = app.submitted else { continue }
            let before = old?.applications.first { $0.id == app.id }
            if let before, before.status != .draft, before.submitted != nil { continue }
            c.applications[i].snapshot = SubmissionSnapshot.of(new, on: submitted)
        }
        return c
    }

}


extension OfficeStore {
    /// Imports an `ikamet/1` file all or nothing, decoding it client by client
    /// (so a large file is not held in memory as objects). Returns the number of
    /// clients in the file and what was done.
    public func importInterchange(_ data: Data, by actor: Actor, today: CivilDate, validator: Validator = Validator(),
                                  progress: ((Int, Int) -> Void)? = nil) throws -> (clients: Int, summary: ImportSummary) {
        let scanner: InterchangeScanner
        do { scanner = try InterchangeScanner(data) } catch { throw StoreError.importRefused(error) }
        let summary = try importClients(count: scanner.clientRanges.count, by: actor, today: today, validator: validator,
                                        progress: progress) { i in try scanner.client(i) }
        return (scanner.clientRanges.count, summary)
    }
}

extension OfficeStore {
    /// Whether some client names `id` as supporter (one indexed probe; no document is read).
    public func hasDependents(_ id: String) throws -> Bool {
        try read { db in try db.bool(OfficeStore.hasDependentsSQL, [id, id]) }
    }

    /// Whether other clients name a client as supporter (arguments: the client, twice).
    static let hasDependentsSQL = "SELECT EXISTS (SELECT 1 FROM client WHERE supporterId = ? AND id <> ?)"

    /// The household of client `id`: its head (the supporter when a client of the office, else the
    /// client itself) first, then every client who names the head as supporter, by name; `filter`
    /// and `attorney` narrow it as they narrow the client list. Throws `clientNotFound` for an unknown `id`.
    public func household(of id: String, filter: String = "", attorney: String? = nil) throws -> [Client] {
        try read { db in
            // The head from the supporterId column (no document read): the supporter when in the store, else the client.
            guard let row = try db.row("""
                SELECT c.supporterId, EXISTS (SELECT 1 FROM client s WHERE s.id = c.supporterId) FROM client c WHERE c.id = ?
                """, [id]) else { throw StoreError.clientNotFound(id) }
            let supporterId = row.string(at: 0), supporterInStore = row.bool(at: 1)
            let head = supporterInStore ? supporterId ?? id : id
            let (whereClause, args) = try OfficeStore.listFilter(db, filter, attorney)
            let narrowing = whereClause.isEmpty ? "" : " AND " + whereClause.dropFirst("WHERE ".count)
            let rows = try db.rows("""
                SELECT id, doc FROM client WHERE (id = ? OR supporterId = ?)\(narrowing) ORDER BY (id = ?) DESC, sortName, id
                """, ([head, head] as SQLArguments) + args + [head])
            return try rows.map { try OfficeStore.decodeDoc($0) }
        }
    }
}
