import Foundation

/// The store's session on PostgreSQL: one connection inside a read or a transaction. The store's SQL is written
/// with `?` placeholders; they become `$1`, `$2`, … here (outside quoted text and names).
struct PostgresSession: SQLSession {
    let connection: PGConnection
    var dialect: SQLDialect { .postgresql }

    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        try run(sql, arguments).changed
    }

    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        let result = try run(sql, arguments)
        let columns = SQLColumns(result.columnNames)
        return result.rows.map { SQLRow(columns: columns, values: $0.map { $0.map(SQLValue.text) ?? .null }) }
    }

    func each(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        for row in try rows(sql, arguments) { try body(row) }
    }

    func insertMany(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        // PostgreSQL takes at most 65,535 parameters a statement; 500 rows keep a statement's text and parameters small.
        let perStatement = max(1, min(500, 60_000 / max(1, columns.count)))
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(start + perStatement, rows.count)]
            // Nothing is read from an insert: it travels with the next statement.
            try executeLater(SQLSessionText.insert(table, columns, rows: slice.count), slice.flatMap { $0.map { $0 as any SQLBindable } },
                             expecting: nil)
            start += slice.count
        }
    }

    func rowsTogether(_ queries: [(sql: String, arguments: SQLArguments)]) throws -> [[SQLRow]] {
        let results: [PGResult]
        do {
            results = try connection.queries(queries.map { (PostgresSession.numbered($0.sql), $0.arguments.map { SQLRow.string($0.sqlValue) }) })
        } catch {
            throw PostgresLink.storeError(error, connection: connection)
        }
        return results.map { result in
            let columns = SQLColumns(result.columnNames)
            return result.rows.map { SQLRow(columns: columns, values: $0.map { $0.map(SQLValue.text) ?? .null }) }
        }
    }

    func executeLater(_ sql: String, _ arguments: SQLArguments, expecting: RowsExpected?) throws {
        let values = arguments.map { SQLRow.string($0.sqlValue) }
        do {
            try connection.executeLater(PostgresSession.numbered(sql), values, expecting: expecting)
        } catch {
            throw PostgresLink.storeError(error, connection: connection)
        }
    }

    private func run(_ sql: String, _ arguments: SQLArguments) throws -> PGResult {
        let values = arguments.map { SQLRow.string($0.sqlValue) }
        do { return try connection.executePrepared(PostgresSession.numbered(sql), values) } catch {
            throw PostgresLink.storeError(error, connection: connection)
        }
    }

    /// `sql` with each `?` outside quotes replaced by `$1`, `$2`, … in order.
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quote: Character?
        for ch in sql {
            if let q = quote {
                if ch == q { quote = nil }
                out.append(ch)
            } else if ch == "'" || ch == "\"" {
                quote = ch
                out.append(ch)
            } else if ch == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

/// The store's connection to the office server: one connection, used by one read or transaction at a time.
/// Writes are serialized across every desk by an advisory lock taken first in each transaction, as SQLite's
/// file lock serializes them, so every store operation keeps its meaning on both engines.
final class PostgresLink: @unchecked Sendable {
    let address: PostgresAddress
    private var connection: PGConnection
    private let lock = NSRecursiveLock()
    private var depth = 0

    init(_ address: PostgresAddress) throws(StoreError) {
        self.address = address
        connection = try PGConnection(address)
    }

    /// The login (`session_user`).
    var login: String { lock.withLock { connection.login } }

    /// The login's highest role, read once (the server enforces the roles at every statement anyway).
    private var role: OfficeRole??

    func loginRole() throws -> OfficeRole? {
        try lock.withLock {
            if let role { return role }
            let found = try read { session in
                OfficeRole.highest(of: try session.strings(PostgresSchema.heldGroups, [PostgresSchema.arrayLiteral(PostgresSchema.groups)]))
            }
            role = .some(found)
            return found
        }
    }

    /// A read: one REPEATABLE READ, READ ONLY transaction, so that its statements see one state of the store.
    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", lockWriters: false, body)
    }

    /// A write: one transaction, writers one at a time.
    func write<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try inTransaction("BEGIN", lockWriters: true, body)
    }

    private func inTransaction<T>(_ begin: String, lockWriters: Bool, _ body: (PostgresSession) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        // A read inside a transaction (the same thread) joins it.
        if depth > 0 { return try body(PostgresSession(connection: connection)) }
        try reconnectIfBroken()
        if !lockWriters { return try readTransaction(begin, body) }
        func start() throws(PGServerError) {
            do {
                // A writer waits at most `writersWait` for another desk's write (then: busy, as on SQLite); the
                // transaction, its wait and the writers' lock are one round trip.
                try connection.run(script: lockWriters
                    ? begin + "; SET LOCAL lock_timeout = '\(Int(OfficeStore.writersWait))s'; SELECT pg_catalog.pg_advisory_xact_lock(x'696B6D74'::int)"
                    : begin)
            } catch {
                // Never leave a half-begun transaction behind on a live connection.
                if connection.isHealthy { connection.rollback() }
                throw error
            }
        }
        do {
            try start()
        } catch {
            // A connection the server dropped (a restart, an idle timeout) is found out by the first statement:
            // nothing was done yet, so connect again and begin once more.
            guard !connection.isHealthy else { throw PostgresLink.storeError(error, connection: connection) }
            try reconnectIfBroken()
            do { try start() } catch { throw PostgresLink.storeError(error, connection: connection) }
        }
        let session = PostgresSession(connection: connection)
        depth += 1
        defer { depth -= 1 }
        do {
            let value = try body(session)
            do { try connection.run(script: "COMMIT") } catch { throw PostgresLink.storeError(error, connection: connection) }
            return value
        } catch {
            connection.rollback()
            throw error
        }
    }

    /// A read: its BEGIN goes to the server with its first statement (one round trip less), and its COMMIT is not
    /// waited for. When the connection turns out broken before the server answered anything of it (the server
    /// restarted while the desk was idle), nothing was read: it connects again and reads once more, as a write
    /// does when its BEGIN fails.
    private func readTransaction<T>(_ begin: String, _ body: (PostgresSession) throws -> T) throws -> T {
        var retried = false
        while true {
            do { try connection.beginLater(begin) } catch {
                guard !retried, !connection.isHealthy else { throw PostgresLink.storeError(error, connection: connection) }
                retried = true
                try reconnectIfBroken()
                continue
            }
            let session = PostgresSession(connection: connection)
            depth += 1
            let outcome = Result { try body(session) }
            depth -= 1
            if !retried, !connection.isHealthy, !connection.beginAnswered {
                retried = true
                try reconnectIfBroken()
                continue
            }
            switch outcome {
            case .success(let value):
                // A read has nothing to commit: its COMMIT's answer is read with the next command's.
                connection.send(script: "COMMIT")
                return value
            case .failure(let error):
                connection.rollback()
                throw error
            }
        }
    }

    /// Makes the server do, on this connection, the work it does once per connection at the first save: load the
    /// tables' descriptions and compile the triggers a save fires (about 10 ms, that the first save of a session
    /// at a desk paid). Statements that change no row, in a transaction rolled back: nothing is written, nothing
    /// announced, no row locked. Whatever fails here (a role's missing right) is the first save's to say.
    func warmUp() {
        // Never in a save's way: skipped when the connection is busy, and each statement waits for a lock at most
        // a moment (`PostgresSchema.warmUp`).
        guard lock.try() else { return }
        defer { lock.unlock() }
        guard depth == 0, connection.isHealthy else { return }
        do {
            try connection.run(script: PostgresSchema.warmUp)
        } catch {
            connection.rollback()
        }
    }

    /// Brings the planner's statistics and the visibility map up to date after a bulk load (`VACUUM (ANALYZE)`,
    /// outside any transaction), so that the next reads use index-only scans at once instead of after the next
    /// autovacuum. Only the tables' owner may; for another login the server skips it (its warning is not shown).
    func vacuum(_ tables: [String]) {
        lock.withLock {
            guard depth == 0 else { return }
            _ = try? connection.run(script: "VACUUM (ANALYZE) " + tables.joined(separator: ", "))
        }
    }

    /// A connection the server dropped (a restart) is made again before the next read or write.
    private func reconnectIfBroken() throws(StoreError) {
        guard !connection.isHealthy else { return }
        connection = try PGConnection(address)
    }

    /// A server error as the store reports it: a missing role (SQLSTATE 42501 with ikamet's hint naming it), a
    /// lost connection, or the server's own words.
    static func storeError(_ error: any Error, connection: PGConnection) -> any Error {
        guard let e = error as? PGServerError else { return error }
        if let refusal = e.refusal { return refusal }
        if e.sqlstate == PGServerError.lockTimeout { return StoreError.busy }
        if e.sqlstate == PGServerError.insufficientPrivilege, PostgresSchema.groups.contains(e.hint) {
            return StoreError.roleRequired(role: e.hint, login: connection.login)
        }
        if e.sqlstate.isEmpty || !connection.isHealthy {
            return StoreError.serverUnreachable(server: connection.address.display, reason: e.message)
        }
        return StoreError.serverRefused(server: connection.address.display, detail: e.message)
    }
}

/// Tells a screen that the office store changed on another desk, without asking the server: a connection of its
/// own that LISTENs on the change channel (pg2-change-notify); `takeChanges` only reads what already arrived.
public final class StoreChangeListener: @unchecked Sendable {
    private let address: PostgresAddress
    private var connection: PGConnection?
    private let lock = NSLock()

    init(_ address: PostgresAddress) throws(StoreError) {
        self.address = address
        connection = try StoreChangeListener.listening(address)
    }

    private static func listening(_ address: PostgresAddress) throws(StoreError) -> PGConnection {
        let connection = try PGConnection(address, connectTimeout: 2)
        do { try connection.run(script: "LISTEN " + PostgresSchema.changeChannel) } catch {
            throw StoreError.serverRefused(server: address.display, detail: error.message)
        }
        return connection
    }

    /// When the last attempt to connect again failed: the next one waits a few seconds (the input loop asks
    /// every 250 ms and must not block on a server that is away).
    private var failedAt: Date?
    static let retryAfter: TimeInterval = 5

    /// Whether a change was announced since the last call. A lost connection is made again (at most every few
    /// seconds) and counts as a change: announcements may have been missed meanwhile.
    public func takeChanges() -> Bool {
        lock.withLock {
            if let connection, let count = connection.takeNotifications() { return count > 0 }
            connection = nil
            if let failedAt, Date().timeIntervalSince(failedAt) < StoreChangeListener.retryAfter { return false }
            connection = try? StoreChangeListener.listening(address)
            failedAt = connection == nil ? Date() : nil
            return connection != nil
        }
    }

    /// Whether the listener is connected to the server now.
    public var isConnected: Bool { lock.withLock { connection?.isHealthy ?? false } }
}
