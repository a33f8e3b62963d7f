import Foundation
import GRDB
import IkametCore
import Synchronization

/// Who makes a change and when; written into the audit trail.
public struct Actor: Sendable, Equatable {
    /// User name or initials.
    public var user: String
    /// Local timestamp, `YYYY-MM-DDTHH:MM:SS±HH:MM`.
    public var timestamp: String
    public init(user: String, timestamp: String) { self.user = user; self.timestamp = timestamp }

    /// The actor now, with the time in the office zone.
    public static func now(user: String, timeZone: String = "Europe/Istanbul", date: Date = Date()) -> Actor {
        Actor(user: user, timestamp: internetTime(date, zone: zone(timeZone)))
    }

    /// Zones by name, each looked up once (every save stamps its audit rows).
    private static let zones = Mutex<[String: TimeZone]>([:])

    static func zone(_ name: String) -> TimeZone {
        zones.withLock { known in
            if let zone = known[name] { return zone }
            let zone = TimeZone(identifier: name) ?? TimeZone(secondsFromGMT: 3 * 3600) ?? .current
            known[name] = zone
            return zone
        }
    }

    /// `date` as RFC 3339 internet time in `zone`, to the second (what `ISO8601DateFormatter` writes with
    /// `.withInternetDateTime` for a whole second, without making a formatter at every save).
    static func internetTime(_ date: Date, zone: TimeZone) -> String {
        let offset = zone.secondsFromGMT(for: date)
        guard offset % 60 == 0 else {
            // A zone offset with seconds (local mean times before 1900): the formatter's own form.
            let f = ISO8601DateFormatter()
            f.timeZone = zone
            f.formatOptions = [.withInternetDateTime]
            return f.string(from: date)
        }
        // A fraction of a second is dropped (the formatter's own rounding of fractions varies with the instant).
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = Int((Double(local) / 86_400).rounded(.down))
        let seconds = local - days * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
        let time = two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60)
        let zoneText = offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + two(abs(offset) / 3600) + ":" + two(abs(offset) / 60 % 60)
        return CivilDate(dayNumber: days).iso + "T" + time + zoneText
    }
}

/// One office's caseload: in one SQLite file (or in memory, for tests), or in a PostgreSQL database (the office
/// server). The operations are the same on both (they run through `SQLSession`); the TUI and the CLI do not know
/// which engine runs.
public final class OfficeStore: Sendable {
    /// The file, or nil in memory or on a server.
    public let path: String?
    /// The database: GRDB's writer on a file, or the link to the office server.
    let engine: Engine
    enum Engine: Sendable {
        case sqlite(any DatabaseWriter)
        case postgres(ServerLinks)
    }

    /// The connections of a store on an office server: one for writes, one for reads, so that a long write (a
    /// refresh or an import, off the input loop) never holds up the screen's reads, as on SQLite's WAL.
    struct ServerLinks: Sendable {
        let writer: PostgresLink
        let reader: PostgresLink
    }
    /// Does in the background what the first save would otherwise do once, so that the first save at a desk is
    /// as quick as the next ones: the office zone's lookup (the time zone data is loaded at the first one) and, on
    /// an office server, the server's own first-save work (`PostgresLink.warmUp`). For a screen about to be used.
    public func prepareForWrites(timeZone: String) {
        let writer: PostgresLink? = if case .postgres(let links) = engine { links.writer } else { nil }
        DispatchQueue.global(qos: .utility).async {
            _ = Actor.zone(timeZone)
            writer?.warmUp()
        }
    }

    /// Problems noticed on open that do not stop work (permissions, network file system).
    public let warnings: [Message]
    /// The rules used to keep each client's agenda snapshot up to date on every write.
    let agendaRulesBox = Mutex<AgendaRules?>(nil)

    /// Sets the rules the store keeps agenda snapshots with (every write then updates them).
    public func configure(agenda rules: AgendaRules) {
        agendaRulesBox.withLock { $0 = rules }
    }

    var agendaRules: AgendaRules? { agendaRulesBox.withLock { $0 } }

    init(path: String?, writer: any DatabaseWriter, warnings: [Message]) {
        self.path = path
        engine = .sqlite(writer)
        self.warnings = warnings
    }

    init(server: ServerLinks) {
        path = nil
        engine = .postgres(server)
        warnings = []
    }

    /// The store's place as it may be printed: the file, or the server's URL without its password.
    public var label: String {
        switch engine {
        case .sqlite: return path ?? ":memory:"
        case .postgres(let links): return links.writer.address.display
        }
    }

    /// Whether the store is on an office server (PostgreSQL).
    public var isServer: Bool {
        if case .postgres = engine { return true }
        return false
    }

    /// On a server, the login (the audit trail's user whatever `--user` says); nil for a file.
    public var serverLogin: String? {
        if case .postgres(let links) = engine { return links.reader.login }
        return nil
    }

    /// On a server, the highest role of the login (nil: none); on a file, nil (the file's permissions are the gate).
    public func serverRole() throws -> OfficeRole? {
        guard case .postgres(let links) = engine else { return nil }
        return try links.reader.loginRole()
    }

    /// On an office server, a listener that tells when another desk changed the store (LISTEN/NOTIFY); nil for a
    /// file, whose screens compare `changeCounter()` instead.
    public func changeListener() throws -> StoreChangeListener? {
        guard case .postgres(let links) = engine else { return nil }
        return try StoreChangeListener(links.writer.address)
    }

    /// On a server, the login's role and name, for refusing a change beyond the role; nil for a file.
    func serverAccess() throws -> (OfficeRole, login: String)? {
        guard isServer else { return nil }
        return (try serverRole() ?? .paralegal, login: serverLogin ?? "")
    }

    /// Refuses, before anything is asked of the server, an action the login's role does not allow (the server
    /// would refuse it too; this says which role it needs). A file store allows everything.
    public func require(_ role: OfficeRole) throws {
        guard isServer else { return }
        let held = try serverRole()
        guard let held, held >= role else { throw StoreError.roleRequired(role: role.groupName, login: serverLogin ?? "") }
    }

    /// The role a change needs: a paralegal changes only checklists, trips, applications, contact data and notes
    /// (decision 0034; the server's trigger `client_guard` checks the same list).
    static func roleNeeded(for changes: [AuditChange]) -> OfficeRole {
        changes.map { OfficeRole.needed(toChange: String($0.field.prefix { $0 != "." && $0 != "[" })) }.max() ?? .paralegal
    }

    /// Opens the office store on a PostgreSQL server. The database must hold an ikamet store with every schema
    /// step this version knows (`ikamet init`, run by its owner, creates it or brings it up to date).
    public static func open(server address: PostgresAddress) throws -> OfficeStore {
        let link = try PostgresLink(address)
        try link.read { session in
            guard try session.bool(PostgresSchema.storePresent) else {
                throw StoreError.notAnOfficeStore(server: address.display)
            }
            let applied = Set(try session.strings("SELECT step FROM ikamet_migration"))
            let known = Set(PostgresSchema.steps.map(\.name))
            let unknown = applied.subtracting(known)
            if !unknown.isEmpty { throw StoreError.newerSchema(path: address.display, unknown: unknown.sorted()) }
            let missing = known.subtracting(applied)
            if !missing.isEmpty { throw StoreError.serverNeedsUpgrade(server: address.display, steps: missing.sorted()) }
        }
        return OfficeStore(server: ServerLinks(writer: try PostgresLink(address), reader: link))
    }

    /// A fresh store in memory (tests).
    public static func inMemory() throws -> OfficeStore {
        let queue = try DatabaseQueue(configuration: configuration())
        try Schema.migrator.migrate(queue)
        return OfficeStore(path: nil, writer: queue, warnings: [])
    }

    /// Opens the store at `path`, creating it (0600, folder 0700 when
    /// `createFolder`) if it does not exist. An existing file is checked
    /// read-only first: a file that is not an ikamet store, is damaged, or was
    /// written by a newer schema is refused and left untouched.
    /// With `readOnly`, an existing up-to-date store is opened for reading only: the
    /// file is not written to (not even the write-ahead-log setup), and a reader never
    /// waits for another process's write lock. Writes through such a store fail.
    public static func open(path: String, createFolder: Bool = false, readOnly: Bool = false) throws -> OfficeStore {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var warnings: [Message] = []
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: folder, isDirectory: &isDir) {
            guard createFolder else { throw StoreError.missingFolder(path: folder) }
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.access(path: folder, detail: Message("store.access.create-folder", ["error": .text(error.localizedDescription)]))
            }
        } else if !isDir.boolValue {
            throw StoreError.missingFolder(path: folder)
        }

        let exists = fm.fileExists(atPath: path)
        var upToDate = false
        // The read-only connection that checked the file serves a read-only command (no second open).
        var checked: DatabaseQueue?
        if exists {
            if !fm.isWritableFile(atPath: folder) || !fm.isWritableFile(atPath: path) {
                throw StoreError.access(path: path, detail: Message("store.access.read-only"))
            }
            (upToDate, checked) = try checkExisting(path: path, keepOpen: readOnly)
            // stat(2), not FileManager's attributes (they look up the owner's and group's names).
            var info = stat()
            // Owner, or an office group (the shared-server setup, docs/deployment.md): anyone else is warned about.
            if stat(path, &info) == 0, info.st_mode & 0o007 != 0 {
                let mode = Int(info.st_mode & 0o777)
                warnings.append(Message("store.warning.readable-by-others", ["path": .text(path), "mode": .text(String(mode, radix: 8))]))
            }
        }
        if isNetworkFileSystem(folder) {
            warnings.append(Message("store.warning.network-file-system"))
        }

        if readOnly && exists && upToDate, let checked {
            return OfficeStore(path: path, writer: checked, warnings: warnings)
        }
        try? checked?.close()
        let pool: DatabasePool
        let oldMask = umask(0o077)
        defer { umask(oldMask) }
        do {
            pool = try DatabasePool(path: path, configuration: configuration())
        } catch {
            throw mapOpenError(error, path: path)
        }
        // An up-to-date store is not migrated (GRDB still re-creates the write-ahead log; see docs/reliability.md D2).
        if !upToDate {
            do {
                try Schema.migrator.migrate(pool)
            } catch {
                throw mapOpenError(error, path: path)
            }
        }
        // The write-ahead log and its index hold client data too: SQLite gives them the file's mode as it was
        // when they were made, so they are closed to others here as well (the umask is the whole process's).
        if !exists { for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) { chmod(file, 0o600) } }
        return OfficeStore(path: path, writer: pool, warnings: warnings)
    }

    /// How long a write waits for another desk's write before it is refused as busy, in seconds, on both engines
    /// (SQLite's busy timeout; the server's `lock_timeout` on the writers' advisory lock).
    public static let writersWait: TimeInterval = 5

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(writersWait)
        config.label = "ikamet"
        return config
    }

    /// Checks an existing file without writing to it; returns whether its schema is up to date.
    @discardableResult
    static func checkExisting(path: String) throws -> Bool { try checkExisting(path: path, keepOpen: false).upToDate }

    /// Checks an existing file without writing to it: whether its schema is up to date, and (`keepOpen`) the
    /// read-only connection that looked, for a read-only command to use.
    static func checkExisting(path: String, keepOpen: Bool) throws -> (upToDate: Bool, queue: DatabaseQueue?) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.access(path: path, detail: Message("store.access.unreadable"))
        }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        if header.isEmpty { throw StoreError.notAStore(path: path, reason: Message("store.not-a-store.empty")) }
        if header.count < 100 || !header.starts(with: Array("SQLite format 3\0".utf8)) {
            throw StoreError.notAStore(path: path, reason: Message("store.not-a-store.not-sqlite"))
        }
        var config = configuration()
        config.readonly = true
        var upToDate = false
        // A read-only look may create -wal/-shm files; a refused file is left exactly as found.
        let companions = ["-wal", "-shm"].map { path + $0 }.filter { !FileManager.default.fileExists(atPath: $0) }
        func removeCompanions() { for c in companions { try? FileManager.default.removeItem(atPath: c) } }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in
                let appId = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                guard appId == Schema.applicationId else {
                    throw StoreError.notAStore(path: path, reason: Message("store.not-a-store.other-application"))
                }
                let applied = try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                let known = Set(Schema.migrator.migrations)
                let unknown = applied.subtracting(known)
                if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknown: unknown.sorted()) }
                upToDate = applied == known
            }
            if keepOpen && upToDate { return (true, queue) }
            try queue.close()
            return (upToDate, nil)
        } catch let error as StoreError {
            removeCompanions()
            throw error
        } catch {
            removeCompanions()
            throw mapOpenError(error, path: path)
        }
    }

    static func mapOpenError(_ error: any Error, path: String) -> StoreError {
        if let e = error as? StoreError { return e }
        if let db = error as? DatabaseError {
            switch db.resultCode {
            case .SQLITE_CORRUPT: return .corrupt(path: path, detail: db.message ?? "database disk image is malformed")
            case .SQLITE_NOTADB: return .notAStore(path: path, reason: Message("store.not-a-store.not-sqlite"))
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_AUTH:
                return .access(path: path, detail: Message("store.access.permission", ["detail": .text(db.message ?? "")]))
            case .SQLITE_FULL: return .access(path: path, detail: Message("store.access.disk-full"))
            case .SQLITE_IOERR: return .access(path: path, detail: Message("store.access.io", ["detail": .text(db.message ?? "")]))
            default: return .database(db.message ?? db.description)
            }
        }
        return .database(String(describing: error))
    }

    /// Whether `folder` lies on a network file system (NFS, SMB/CIFS, 9p, sshfs), read from /proc/mounts.
    /// `IKAMET_TEST_MOUNTS` may name another mounts table (a test hook: no NFS mount is needed to
    /// see the warning printed).
    static func isNetworkFileSystem(_ folder: String) -> Bool {
        let table = ProcessInfo.processInfo.environment["IKAMET_TEST_MOUNTS"].flatMap { $0.isEmpty ? nil : $0 } ?? "/proc/mounts"
        guard let mounts = try? String(contentsOfFile: table, encoding: .utf8) else { return false }
        return isNetworkFileSystem(URL(fileURLWithPath: folder).resolvingSymlinksInPath().path, mounts: mounts)
    }

    /// Whether `target` lies on a network file system according to a /proc/mounts text (the longest mount point wins).
    static func isNetworkFileSystem(_ target: String, mounts: String) -> Bool {
        var best = (length: -1, type: "")
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = String(fields[1]).replacingOccurrences(of: "\\040", with: " ")
            let inside = target == point || target.hasPrefix(point == "/" ? "/" : point + "/")
            if inside && point.count > best.length { best = (point.count, String(fields[2])) }
        }
        let network = ["nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "afs", "ceph", "glusterfs"]
        return network.contains(best.type)
    }

    /// Runs `body`, whose reads of this store then see one state of it: on a server they share one transaction
    /// (a client's screen is five reads: one BEGIN instead of five). On a file each read stays its own, as GRDB's
    /// reads do not nest.
    public func readTogether<T>(_ body: () throws -> T) throws -> T {
        guard case .postgres(let links) = engine else { return try body() }
        return try links.reader.read { _ in try body() }
    }

    /// Runs a write as one transaction (immediate on SQLite; serialized by an advisory lock on PostgreSQL),
    /// mapping database errors.
    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        switch engine {
        case .sqlite(let writer): return try writeSQLite(writer) { db in try body(SQLiteSession(db: db)) }
        case .postgres(let links): return try links.writer.write { session in try body(session) }
        }
    }

    /// Runs a read (one consistent state of the store), mapping database errors.
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        switch engine {
        case .sqlite(let writer): return try readSQLite(writer) { db in try body(SQLiteSession(db: db)) }
        case .postgres(let links): return try links.reader.read { session in try body(session) }
        }
    }

    /// The GRDB writer of a file store; a server has none (backup, restore and integrity checks are the file's).
    func sqliteWriter() throws -> any DatabaseWriter {
        guard case .sqlite(let writer) = engine else { throw StoreError.notOnServer(label) }
        return writer
    }

    private func writeSQLite<T>(_ writer: any DatabaseWriter, _ body: (Database) throws -> T) throws -> T {
        // An error of the caller's own (a refused change, thrown by a `modify` closure) rolls the transaction back
        // and reaches the caller as it was thrown, not as a "database error".
        var callerError: (any Error)?
        do {
            let probe = SaveProbe.fromEnvironment
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    do { result = try body(db) } catch {
                        if !(error is DatabaseError) && !(error is StoreError) { callerError = error }
                        throw error
                    }
                    probe?.begin()
                    return .commit
                }
                probe?.commit()
                guard let result else { throw StoreError.database("the transaction produced no result") }
                return result
            }
        } catch {
            if let callerError { throw callerError }
            throw OfficeStore.mapOpenError(error, path: path ?? ":memory:")
        }
    }

    private func readSQLite<T>(_ writer: any DatabaseWriter, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read { db in try body(db) }
        } catch {
            throw OfficeStore.mapOpenError(error, path: path ?? ":memory:")
        }
    }

    /// SQLite's integrity and foreign-key checks; empty when healthy.
    /// On a server, PostgreSQL keeps its own integrity (checksums, constraints): nothing to report here.
    public func integrityProblems() throws -> [Message] {
        guard case .sqlite(let writer) = engine else { return [] }
        return try readSQLite(writer) { db in
            // SQLite's own findings are its words (data); the foreign-key finding is ours.
            var out = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                .map { Message("store.integrity.sqlite", ["detail": .text($0)]) }
            let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            out += fk.map {
                Message("store.integrity.foreign-key", ["table": .text($0[0] as String? ?? "?"), "row": .int(Int($0[1] as Int64? ?? 0))])
            }
            return out
        }
    }

    /// Copies the store to `destination` with SQLite's backup API (safe while
    /// others write). The copy is created owner-only. From a server: one consistent read written to a new
    /// SQLite file. `progress` hears the steps done and to do (pages of a file, rows from a server).
    public func backup(to destination: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination) {
            throw StoreError.access(path: destination, detail: Message("store.access.exists"))
        }
        let folder = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        guard fm.fileExists(atPath: folder) else { throw StoreError.missingFolder(path: folder) }
        if isServer { return try backupFromServer(to: destination, progress: progress) }
        let writer = try sqliteWriter()
        let oldMask = umask(0o077)
        defer { umask(oldMask) }
        do {
            let target = try DatabaseQueue(path: destination, configuration: OfficeStore.configuration())
            try writer.backup(to: target, pagesPerStep: 256) { p in
                progress?(p.completedPageCount, p.totalPageCount)
            }
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
        } catch {
            try? fm.removeItem(atPath: destination)
            throw OfficeStore.mapOpenError(error, path: destination)
        }
    }
}

extension OfficeStore {
    /// A backup file checked without changing it: its clients and integrity problems.
    public static func inspect(backup path: String) throws -> (clients: Int, problems: [Message]) {
        try checkExisting(path: path)
        var config = configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db in
                var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                    .map { Message("store.integrity.sqlite", ["detail": .text($0)]) }
                problems += try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map {
                    Message("store.integrity.foreign-key", ["table": .text($0[0] as String? ?? "?"), "row": .int(Int($0[1] as Int64? ?? 0))])
                }
                return (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM client") ?? 0, problems)
            }
        } catch {
            throw mapOpenError(error, path: path)
        }
    }

    /// Replaces this store's clients, agenda and settings with a backup's, in one
    /// transaction: a crash leaves either the old contents or the restored ones.
    /// The audit trail is never shortened: it keeps every row and records the restore.
    /// The backup file is not changed (an older schema is upgraded on a temporary copy).
    /// On an office server it is an admin's (decision 0034).
    public func restore(fromBackup backupPath: String, by actor: Actor) throws {
        if isServer { try require(.admin) }
        _ = try OfficeStore.inspect(backup: backupPath)
        let fm = FileManager.default
        let temp = fm.temporaryDirectory.appendingPathComponent("ikamet-restore-\(UUID().uuidString)")
        let oldMask = umask(0o077)
        defer { umask(oldMask) }
        do { try fm.createDirectory(at: temp, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
            throw StoreError.access(path: temp.path, detail: Message("store.access.temporary-folder"))
        }
        defer { try? fm.removeItem(at: temp) }
        let copy = temp.appendingPathComponent("backup.sqlite").path
        let restored = AuditChange(entity: "store", field: "*", old: nil, new: "restored from \(backupPath)")
        do {
            // A consistent copy of the backup, upgraded to the current schema.
            let source = try DatabaseQueue(path: backupPath, configuration: { var c = OfficeStore.configuration(); c.readonly = true; return c }())
            let target = try DatabaseQueue(path: copy, configuration: OfficeStore.configuration())
            try source.backup(to: target)
            try source.close()
            try Schema.migrator.migrate(target)
            guard case .sqlite(let writer) = engine else {
                // On a server: the backup's rows, read from the upgraded copy, replace the store's in one transaction,
                // after the audit row that records it (the server refuses a change of clients before its audit row).
                let backup = OfficeStore(path: copy, writer: target, warnings: [])
                try backup.read { source in
                    try write { db in
                        try OfficeStore.appendAudit(db, batch: try db.nextBatch(), actor: actor, clientId: nil, changes: [restored])
                        for table in ["agenda", "client", "setting", "meta"] { try db.execute("DELETE FROM \(table)") }
                        for table in OfficeStore.copiedTables where table.name != "audit" {
                            let rows = try source.rows("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.order)")
                            try db.insertMany(into: table.name, columns: table.columns, rows: rows.map(\.values))
                        }
                    }
                }
                try target.close()
                return
            }
            try target.close()
            let tables = ["meta", "setting", "client", "agenda"]
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS restored", arguments: [copy])
                defer { try? db.execute(sql: "DETACH DATABASE restored") }
                try db.inTransaction(.immediate) {
                    let session = SQLiteSession(db: db)
                    try OfficeStore.appendAudit(session, batch: try session.nextBatch(), actor: actor, clientId: nil, changes: [restored])
                    try db.execute(sql: "DELETE FROM agenda; DELETE FROM client; DELETE FROM setting; DELETE FROM meta")
                    for table in tables {
                        let columns = try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(table))").map { $0["name"] as String }
                            .map { "\"\($0)\"" }.joined(separator: ", ")
                        try db.execute(sql: "INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM restored.\(table)")
                    }
                    return .commit
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw OfficeStore.mapOpenError(error, path: path ?? ":memory:")
        }
    }
}
