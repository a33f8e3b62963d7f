import Foundation
import GRDB
import IkametCore

/// What a copy between two stores moved, and the digest both sides agreed on.
public struct StoreCopyReport: Sendable, Equatable {
    /// Rows per table (`client`, `audit`, `setting`, `meta`, `agenda`).
    public var rows: [String: Int]
    /// FNV-1a 64 over every copied row, in a fixed order, on each side (they matched).
    public var digest: String
}

extension OfficeStore {
    /// The tables a copy moves, in order, with their columns and a total order of their rows (the same on both
    /// engines: both compare text byte by byte, decision 0035).
    static let copiedTables: [(name: String, columns: [String], order: String)] = [
        ("setting", ["key", "value", "version", "updatedBy", "updatedAt"], "key"),
        ("meta", ["key", "value"], "key"),
        ("client", ["id", "doc", "name", "sortName", "search", "attorney", "version", "createdBy", "createdAt", "updatedBy", "updatedAt",
                    "cacheFrom", "cacheTo", "cacheRules", "permitType", "permitEnd", "nextKind", "nextDate", "nationality", "closedOn",
                    "supporterId"], "id"),
        ("agenda", ["clientId", "kind", "date", "application", "reasonFacts", "explanationFacts", "alwaysOverdue"],
         "clientId, kind, date, application NULLS FIRST, reasonFacts, explanationFacts"),
        ("audit", ["seq", "batch", "at", "\"user\"", "clientId", "entity", "field", "old", "new"], "seq"),
    ]

    /// The server's triggers that stamp the login or announce changes, off while a copy writes the rows as they
    /// were (inside its transaction: nobody else ever sees them off). The audit trail's guards stay on.
    static let stampingTriggers = [("client", "client_guard"), ("client", "client_audited_insert"),
                                   ("client", "client_audited_update"), ("client", "client_audited_delete"), ("setting", "setting_stamp"),
                                   ("audit", "audit_stamp"), ("audit", "audit_notify")]
        .map { (table: $0.0, name: $0.1) }

    /// Copies every client with its version, the audit trail, the settings and the agenda snapshots into
    /// `destination`, which must hold none, in one transaction there; then checks the row counts and a digest of
    /// the contents on both sides. This store is read in one consistent read (on a server, one REPEATABLE READ
    /// transaction). Into a server, it is run by the database's owner: the rows keep who made them and when,
    /// which the server's triggers would otherwise stamp with the copier's login. `progress` hears the rows
    /// copied so far and the rows to copy, after each chunk.
    public func copy(to destination: OfficeStore, progress: ((Int, Int) -> Void)? = nil) throws -> StoreCopyReport {
        try destination.requireEmpty()
        if destination.isServer { try destination.requireOwner() }
        return try read { source in
            let mine = try OfficeStore.digest(source)
            let total = mine.rows.values.reduce(0, +)
            var done = 0
            return try destination.write { target in
                // The destination's caches (agenda snapshots made by a reader meanwhile) make way for the copied ones.
                try target.execute("DELETE FROM agenda")
                try target.execute("DELETE FROM meta")
                let server = target.dialect.engine == .postgresql
                if server {
                    for trigger in OfficeStore.stampingTriggers { try target.execute("ALTER TABLE \(trigger.table) DISABLE TRIGGER \(trigger.name)") }
                }
                for table in OfficeStore.copiedTables {
                    let columns = table.columns.joined(separator: ", ")
                    var batch: [[SQLValue]] = []
                    try source.each("SELECT \(columns) FROM \(table.name) ORDER BY \(table.order)", []) { row in
                        batch.append(row.values)
                        if batch.count == 1000 {
                            try target.insertMany(into: table.name, columns: table.columns, rows: batch)
                            done += batch.count
                            progress?(done, total)
                            batch.removeAll(keepingCapacity: true)
                        }
                    }
                    try target.insertMany(into: table.name, columns: table.columns, rows: batch)
                    done += batch.count
                    progress?(done, total)
                }
                if server {
                    for trigger in OfficeStore.stampingTriggers { try target.execute("ALTER TABLE \(trigger.table) ENABLE TRIGGER \(trigger.name)") }
                    // The sequences go on from the copied numbers.
                    try target.execute("SELECT pg_catalog.setval('public.audit_seq_seq'::regclass, GREATEST((SELECT MAX(seq) FROM audit), 1))")
                    try target.execute("SELECT pg_catalog.setval('public.audit_batch'::regclass, GREATEST((SELECT MAX(batch) FROM audit), 1))")
                }
                // Checked before the copy is committed: a copy that does not match is not kept.
                let theirs = try OfficeStore.digest(target)
                guard mine == theirs else { throw StoreError.copyMismatch(source: label, destination: destination.label) }
                return mine
            }
        }
    }

    /// The rows per copied table and a digest of their contents, read in one consistent read.
    public func digest() throws -> StoreCopyReport {
        try read { db in try OfficeStore.digest(db) }
    }

    /// The rows per copied table and a digest of their contents, as `db` sees them.
    static func digest(_ db: any SQLSession) throws -> StoreCopyReport {
        var hash = FNV1a()
        func mix(_ text: String) { hash.mix(text) }
        var rows: [String: Int] = [:]
        for table in OfficeStore.copiedTables {
            var count = 0
            mix("\u{1C}" + table.name)
            try db.each("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.order)", []) { row in
                for value in row.values { mix(SQLRow.string(value).map { "\u{1F}" + $0 } ?? "\u{1D}") }
                mix("\u{1E}")
                count += 1
            }
            rows[table.name] = count
        }
        return StoreCopyReport(rows: rows, digest: hash.hex)
    }

    /// Refuses a store that holds any client, audit row or setting.
    func requireEmpty() throws {
        let used = try read { db in
            try db.int("SELECT (SELECT COUNT(*) FROM client) + (SELECT COUNT(*) FROM audit) + (SELECT COUNT(*) FROM setting)") ?? 0
        }
        if used > 0 { throw StoreError.copyDestinationNotEmpty(label) }
    }

    /// On a server, refuses a login that does not own the store's tables.
    func requireOwner() throws {
        let owner = try read { db in
            try db.bool("SELECT pg_catalog.pg_get_userbyid(relowner) = session_user FROM pg_catalog.pg_class WHERE oid = 'public.client'::regclass")
        }
        if !owner { throw StoreError.copyNeedsOwner(label) }
    }

    /// On a server: a consistent snapshot of the whole store (one REPEATABLE READ transaction) written to a new
    /// SQLite file at `destination` (owner-only), which `copy-store` or `restore` can bring back. The copy is
    /// checked (counts and digest) before this returns.
    func backupFromServer(to destination: String, progress: ((Int, Int) -> Void)?) throws {
        let oldMask = umask(0o077)
        defer { umask(oldMask) }
        do {
            let queue = try DatabaseQueue(path: destination, configuration: OfficeStore.configuration())
            try Schema.migrator.migrate(queue)
            let target = OfficeStore(path: destination, writer: queue, warnings: [])
            _ = try copy(to: target, progress: progress)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try queue.close()
        } catch {
            try? FileManager.default.removeItem(atPath: destination)
            if let e = error as? StoreError { throw e }
            throw OfficeStore.mapOpenError(error, path: destination)
        }
    }
}
