import CLibPQ
import Foundation

/// An error the PostgreSQL server (or libpq) reported: its SQLSTATE code and its own words, password scrubbed.
struct PGServerError: Error, Sendable {
    /// The five-character SQLSTATE (`42501` insufficient privilege, `42710` duplicate object, …); empty for a
    /// failure without a server answer (the connection broke).
    var sqlstate: String
    var message: String
    /// The hint; ikamet's own refusals put the group role they need here (`ikamet_admin`), as a token, not a sentence.
    var hint: String = ""

    static let insufficientPrivilege = "42501"
    static let duplicateObject = "42710"
    static let undefinedObject = "42704"
    static let invalidParameter = "22023"
    static let lockTimeout = "55P03"
    static let dependentObjects = "2BP01"
    /// Not the server's: a statement sent ahead changed other rows than expected (`refusal` says what that means).
    static let refusedByCheck = "ikamet"
    /// What the store makes of a statement that changed other rows than expected (a conflict).
    var refusal: (any Error)? = nil
}

/// One result of a query: rows of text values (libpq's text format), columns read by name.
struct PGResult {
    /// No rows, no columns.
    static let empty = PGResult()
    private init() {}

    private var columns: [String: Int] = [:]
    private(set) var columnNames: [String] = []
    private(set) var rows: [[String?]] = []
    /// The rows a command changed (INSERT, UPDATE, DELETE), else 0.
    private(set) var changed = 0

    init(_ result: OpaquePointer) {
        let fields = Int(PQnfields(result))
        for f in 0..<fields {
            let name = PQfname(result, Int32(f)).map { String(cString: $0) } ?? ""
            columnNames.append(name)
            columns[name.lowercased()] = f
        }
        changed = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        let count = Int(PQntuples(result))
        rows.reserveCapacity(count)
        for r in 0..<count {
            rows.append((0..<fields).map { f in
                PQgetisnull(result, Int32(r), Int32(f)) != 0 ? nil : PQgetvalue(result, Int32(r), Int32(f)).map { String(cString: $0) }
            })
        }
    }

    /// The value of a named column in a row (PostgreSQL folds unquoted names to lower case; so does this).
    func value(_ row: Int, _ column: String) -> String? {
        guard let index = columns[column.lowercased()], row < rows.count else { return nil }
        return rows[row][index]
    }
}

/// One connection to the office server through libpq. Statements run with their parameters apart from the SQL
/// text (`PQexecParams`): no value is ever spliced into a statement.
final class PGConnection {
    private let connection: OpaquePointer
    let address: PostgresAddress

    /// Connects. A refusal names the server (password removed) and libpq's reason.
    init(_ address: PostgresAddress, connectTimeout: Int = 10) throws(StoreError) {
        self.address = address
        // The URL comes second so that what it says wins over the default timeout; the encoding is always UTF-8.
        let keywords = ["connect_timeout", "dbname", "client_encoding", "fallback_application_name"]  // lint:allow-literal libpq keywords
        let values = [String(connectTimeout), address.url, "UTF8", "ikamet"]  // lint:allow-literal libpq values
        let conn: OpaquePointer? = withCStrings(keywords) { k in withCStrings(values) { v in PQconnectdbParams(k, v, 1) } }
        guard let conn else { throw StoreError.serverUnreachable(server: address.display, reason: "out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let reason = address.scrub(PGConnection.text(PQerrorMessage(conn)).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))
            PQfinish(conn)
            throw StoreError.serverUnreachable(server: address.display, reason: reason)
        }
        // The server's notices ("already exists, skipping", …) are its own words on a raw stream: never shown.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        connection = conn
    }

    deinit { PQfinish(connection) }

    /// Reads what the server sent without waiting, and returns how many notifications (LISTEN) arrived; nil when
    /// the connection is broken.
    func takeNotifications() -> Int? {
        readPendingAnswer()
        guard PQconsumeInput(connection) == 1, isHealthy else { return nil }
        var count = 0
        while let note = PQnotifies(connection) {
            count += 1
            PQfreemem(note)
        }
        return count
    }

    /// Whether the connection is still up (false after the server closed it, or once it could not leave
    /// pipeline mode: then the next transaction connects again).
    var isHealthy: Bool { !unusable && PQstatus(connection) == CONNECTION_OK }
    private var unusable = false

    /// The login this connection runs as (`session_user`).
    var login: String { PQuser(connection).map { String(cString: $0) } ?? "" }

    /// Whether the answer to a statement sent by `send(script:)` is still to be read.
    private var answerPending = false

    /// Sends a script and returns without waiting for its answer, which is read (and dropped) before the next
    /// command on this connection: for a read-only transaction's COMMIT, saving a round trip on every read.
    /// Nothing can fail there that the next command would not find (a broken connection fails it; a COMMIT
    /// ends the transaction whatever its answer).
    func send(script sql: String) {
        _ = try? finishPipeline()
        readPendingAnswer()
        answerPending = PQsendQuery(connection, sql) == 1
    }

    private func readPendingAnswer() {
        guard answerPending else { return }
        answerPending = false
        while let result = PQgetResult(connection) { PQclear(result) }
    }

    /// Runs one statement with text parameters (`$1`, `$2`, …).
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws(PGServerError) -> PGResult {
        try finishPipeline()
        readPendingAnswer()
        let result: OpaquePointer? = withOptionalCStrings(parameters) { values in
            PQexecParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try check(result)
    }

    /// Named prepared statements of this connection, by SQL text: the server parses and plans a statement once
    /// per connection, not at every run (as GRDB's cached statements on SQLite).
    private var prepared: [String: String] = [:]
    /// At most this many are kept; beyond, all are dropped and prepared again as they come.
    static let preparedLimit = 400
    /// The number of the last name given: names are never given twice, whatever was forgotten (a statement the
    /// server may still hold keeps its name).
    private var lastName = 0

    private func newName() -> String {
        lastName += 1
        return "ik\(lastName)"
    }

    /// Runs one statement with text parameters as a prepared statement of this connection (named and planned
    /// the first time, in the same round trip). Statements queued by `executeLater` (or `beginLater`) go to the
    /// server with it.
    @discardableResult
    func executePrepared(_ sql: String, _ parameters: [String?] = []) throws(PGServerError) -> PGResult {
        try sendPrepared(sql, parameters, .answer)
        return try finishPipeline().first ?? PGResult.empty
    }

    /// Runs several prepared statements in one round trip (with any queued by `executeLater` before them) and
    /// returns their answers in order.
    func queries(_ statements: [(sql: String, parameters: [String?])]) throws(PGServerError) -> [PGResult] {
        for statement in statements { try sendPrepared(statement.sql, statement.parameters, .answer) }
        return try finishPipeline()
    }

    /// Runs a script of several statements with no parameters (schema steps).
    func run(script sql: String) throws(PGServerError) {
        try finishPipeline()
        readPendingAnswer()
        _ = try check(PQexec(connection, sql))
    }

    // MARK: Pipeline (libpq's pipeline mode)

    /// What a statement sent in pipeline mode is, for reading its answer.
    private enum Queued {
        /// A statement whose answer is not needed, but maybe how many rows it changes.
        case later(RowsExpected?)
        /// The naming of a prepared statement (its SQL: forgotten again if the server never made it).
        case prepare(sql: String)
        /// The statement whose answer is returned.
        case answer
        /// A transaction's BEGIN (`beginAnswered`).
        case begin
    }

    /// Statements sent in pipeline mode whose answers are still to be read, in order (empty: not in pipeline mode).
    private var queued: [Queued] = []
    /// At most this many statements wait for their answers: the answers stay few and small, so the server never
    /// blocks on sending them while this side still sends (libpq's note on pipelines in blocking mode).
    static let queuedLimit = 32

    /// Sends a statement whose answer is read with the next statement's (`SQLSession.executeLater`).
    func executeLater(_ sql: String, _ parameters: [String?], expecting: RowsExpected?) throws {
        try sendPrepared(sql, parameters, .later(expecting))
        if queued.count >= PGConnection.queuedLimit { try finishPipeline() }
    }

    /// Whether the server answered the BEGIN sent by `beginLater` (false until the pipeline carrying it ended well).
    private(set) var beginAnswered = true

    /// Sends `BEGIN …` (no parameters) to go to the server with the next statement.
    func beginLater(_ sql: String) throws(PGServerError) {
        try enterPipeline()
        guard PQsendQueryParams(connection, sql, 0, nil, nil, nil, nil, 0) == 1 else { throw abandonPipeline() }
        queued.append(.begin)
        beginAnswered = false
    }

    private func enterPipeline() throws(PGServerError) {
        guard queued.isEmpty else { return }
        readPendingAnswer()
        guard PQenterPipelineMode(connection) == 1 else { throw connectionError() }
    }

    private func sendPrepared(_ sql: String, _ parameters: [String?], _ kind: Queued) throws(PGServerError) {
        // Past the limit, between pipelines, every name is dropped and statements are named again as they come.
        if queued.isEmpty, prepared[sql] == nil, prepared.count >= PGConnection.preparedLimit {
            readPendingAnswer()
            _ = try check(PQexec(connection, "DEALLOCATE ALL"))
            prepared.removeAll()
        }
        try enterPipeline()
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            // Past the limit inside a pipeline (no DEALLOCATE there): the statement runs unnamed.
            if prepared.count >= PGConnection.preparedLimit {
                let sent = withOptionalCStrings(parameters) { values in
                    PQsendQueryParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
                }
                guard sent == 1 else { throw abandonPipeline() }
                queued.append(kind)
                return
            }
            name = newName()
            guard PQsendPrepare(connection, name, sql, Int32(parameters.count), nil) == 1 else { throw abandonPipeline() }
            queued.append(.prepare(sql: sql))
            prepared[sql] = name
        }
        let sent = withOptionalCStrings(parameters) { values in
            PQsendQueryPrepared(connection, name, Int32(parameters.count), values, nil, nil, 0)
        }
        guard sent == 1 else { throw abandonPipeline() }
        queued.append(kind)
    }

    /// Ends the pipeline: sends a synchronization point, reads every answer in order and leaves pipeline mode.
    /// Returns the answers of the statements sent for one (`.answer`), in order; throws the first failure (a
    /// statement the server refused, or one that changed other than the rows expected), after reading everything.
    @discardableResult
    private func finishPipeline() throws(PGServerError) -> [PGResult] {
        guard !queued.isEmpty else { return [] }
        let entries = queued
        queued = []
        guard PQpipelineSync(connection) == 1 else { throw abandonPipeline() }
        var failure: (any Error)?
        var answers: [PGResult] = []
        for entry in entries {
            var answered = false
            // Each statement's results end with a null result.
            while let result = PQgetResult(connection) {
                defer { PQclear(result) }
                answered = true
                switch PQresultStatus(result) {
                case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                    switch entry {
                    case .answer: answers.append(PGResult(result))
                    case .begin: beginAnswered = true
                    case .later(let expected?):
                        let changed = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
                        if changed != expected.changed, failure == nil { failure = expected.otherwise }
                    case .later, .prepare: break
                    }
                case PGRES_PIPELINE_ABORTED:
                    if case .prepare(let sql) = entry { prepared[sql] = nil }
                default:
                    if case .prepare(let sql) = entry { prepared[sql] = nil }
                    if failure == nil { failure = serverError(result) }
                }
            }
            if !answered {
                if case .prepare(let sql) = entry { prepared[sql] = nil }
                if failure == nil { failure = connectionError() }
            }
        }
        // The synchronization point's own result, then back to one statement at a time.
        if let sync = PQgetResult(connection) { PQclear(sync) } else if failure == nil { failure = connectionError() }
        if PQexitPipelineMode(connection) != 1 {
            unusable = true
            if failure == nil { failure = connectionError() }
        }
        if let failure {
            if let server = failure as? PGServerError { throw server }
            throw PGServerError(sqlstate: PGServerError.refusedByCheck, message: "", refusal: failure)
        }
        return answers
    }

    /// A statement libpq would not send (the connection broke, or it refused the statement): what was sent is
    /// read to its end and dropped, and the error says why. A connection that cannot leave pipeline mode is not
    /// used again (the next transaction connects anew).
    private func abandonPipeline() -> PGServerError {
        let error = connectionError()
        let sent = queued.count
        queued = []
        prepared.removeAll()
        if PQstatus(connection) == CONNECTION_OK, PQpipelineSync(connection) == 1 {
            // Each statement's results end with a null result; the synchronization point's ends the reading.
            var reads = 0
            while reads < 3 * (sent + 1) {
                reads += 1
                guard let result = PQgetResult(connection) else { continue }
                let status = PQresultStatus(result)
                PQclear(result)
                if status == PGRES_PIPELINE_SYNC { break }
            }
        }
        if PQexitPipelineMode(connection) != 1 { unusable = true }
        return error
    }

    /// Ends the current transaction without its changes, whatever is still queued (read and dropped first).
    func rollback() {
        _ = try? finishPipeline()
        readPendingAnswer()
        if let result = PQexec(connection, "ROLLBACK") { PQclear(result) }
    }

    private func connectionError() -> PGServerError {
        PGServerError(sqlstate: "", message: address.scrub(PGConnection.text(PQerrorMessage(connection))))
    }

    private func serverError(_ result: OpaquePointer) -> PGServerError {
        let state = PGConnection.field(result, "C")
        let primary = PGConnection.field(result, "M")
        let message = primary.isEmpty ? PGConnection.text(PQresultErrorMessage(result)) : primary
        return PGServerError(sqlstate: state, message: address.scrub(message), hint: PGConnection.field(result, "H"))
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    func transaction<T>(_ isolation: String = "READ COMMITTED", _ body: () throws -> T) throws -> T {
        try run(script: "BEGIN ISOLATION LEVEL \(isolation)")
        do {
            let value = try body()
            try run(script: "COMMIT")
            return value
        } catch {
            rollback()
            throw error
        }
    }

    /// The SCRAM-SHA-256 verifier of a password, computed here by libpq: the password itself never reaches the
    /// server (as psql's `\password` does).
    func passwordVerifier(_ password: String, user: String) throws(PGServerError) -> String {
        guard let encrypted = PQencryptPasswordConn(connection, password, user, "scram-sha-256") else {
            throw PGServerError(sqlstate: "", message: address.scrub(PGConnection.text(PQerrorMessage(connection))))
        }
        defer { PQfreemem(encrypted) }
        return String(cString: encrypted)
    }

    private func check(_ result: OpaquePointer?) throws(PGServerError) -> PGResult {
        guard let result else {
            throw PGServerError(sqlstate: "", message: address.scrub(PGConnection.text(PQerrorMessage(connection))))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PGResult(result)
        default:
            throw serverError(result)
        }
    }

    private static func field(_ result: OpaquePointer, _ code: Character) -> String {
        guard let ascii = code.asciiValue else { return "" }
        return text(PQresultErrorField(result, Int32(ascii)))
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String { text(UnsafePointer(pointer)) }
}

/// C strings for a list of Swift strings, alive for the duration of `body`, ending with a null pointer.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    withOptionalCStrings(strings, body)
}

private func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}
