import Foundation
import GRDB

/// A value bound to a statement's `?`.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case text(String)
}

/// What a statement's `?` can take: text, integers, booleans (1 or 0), and nil.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Substring: SQLBindable { public var sqlValue: SQLValue { .text(String(self)) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .int(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .int(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .int(self ? 1 : 0) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// The arguments of one statement, in the order of its `?`.
typealias SQLArguments = [any SQLBindable]

/// The column names of a result, shared by its rows.
final class SQLColumns: @unchecked Sendable {
    let names: [String]
    private let index: [String: Int]
    init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name.lowercased()] == nil { index[name.lowercased()] = i }
        self.index = index
    }
    /// The position of a column (names compared without case: PostgreSQL folds unquoted names).
    func position(_ name: String) -> Int? { index[name] ?? index[name.lowercased()] }
}

/// One row of a result, read by column name (or position) whatever the engine: SQLite hands typed values,
/// PostgreSQL text; the readers below accept both.
struct SQLRow {
    let columns: SQLColumns
    let values: [SQLValue]

    func value(_ column: String) -> SQLValue { columns.position(column).map { values[$0] } ?? .null }
    func value(at position: Int) -> SQLValue { position < values.count ? values[position] : .null }

    func string(_ column: String) -> String? { SQLRow.string(value(column)) }
    func string(at position: Int) -> String? { SQLRow.string(value(at: position)) }
    func int64(_ column: String) -> Int64? { SQLRow.int64(value(column)) }
    func int64(at position: Int) -> Int64? { SQLRow.int64(value(at: position)) }
    func int(_ column: String) -> Int? { int64(column).map { Int($0) } }
    func int(at position: Int) -> Int? { int64(at: position).map { Int($0) } }
    func bool(_ column: String) -> Bool { SQLRow.bool(value(column)) }
    func bool(at position: Int) -> Bool { SQLRow.bool(value(at: position)) }

    static func string(_ v: SQLValue) -> String? {
        switch v {
        case .null: return nil
        case .int(let n): return String(n)
        case .text(let s): return s
        }
    }

    static func int64(_ v: SQLValue) -> Int64? {
        switch v {
        case .null: return nil
        case .int(let n): return n
        case .text(let s): return Int64(s)
        }
    }

    /// SQLite's 0/1 or PostgreSQL's `t`/`f`.
    static func bool(_ v: SQLValue) -> Bool {
        switch v {
        case .null: return false
        case .int(let n): return n != 0
        case .text(let s): return s == "t" || s == "true" || s == "1"
        }
    }
}

/// Where the two engines' SQL differs, named once (the store's queries are otherwise the same text).
struct SQLDialect: Sendable {
    enum Engine: Sendable { case sqlite, postgresql }
    let engine: Engine

    static let sqlite = SQLDialect(engine: .sqlite)
    static let postgresql = SQLDialect(engine: .postgresql)

    /// Whether `column` contains the text bound to the next `?`.
    func contains(_ column: String) -> String {
        engine == .sqlite ? "instr(\(column), ?) > 0" : "strpos(\(column), ?) > 0"
    }

    /// The client table, aliased `c`, read through its (id, name) index where the engine lets a query say so.
    var clientsByIdAndName: String { engine == .sqlite ? "client c INDEXED BY client_id_name" : "client c" }

    /// The number of the next audit batch: on SQLite one past the largest (writers are serialized by the file's
    /// lock), on PostgreSQL from a sequence.
    var nextBatch: String {
        engine == .sqlite ? "SELECT COALESCE(MAX(batch), 0) + 1 AS n FROM audit" : "SELECT nextval('audit_batch') AS n"
    }
}

/// How many rows a statement must change, and the error that says what it means when it changes another
/// number (a conflict: someone changed the record since it was read).
struct RowsExpected: Sendable {
    var changed: Int
    var otherwise: any Error
}

/// One read or one transaction on the store's database, on either engine. The store's operations are written
/// once against this (SQL with `?` placeholders); `SQLiteSession` and `PostgresSession` run them.
protocol SQLSession {
    var dialect: SQLDialect { get }
    /// Runs a statement; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int
    /// Runs a query and returns its rows.
    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow]
    /// Runs a query and hands its rows one by one (without holding them all where the engine allows).
    func each(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws
    /// Inserts rows (each with a value for every column) into a table: one cached statement per row on SQLite,
    /// a few multi-row statements on PostgreSQL (a round trip per hundreds of rows, not per row).
    func insertMany(into table: String, columns: [String], rows: [[SQLValue]]) throws
    /// Runs a statement whose answer is not needed before the next statement's. On a server it is sent at once
    /// and its answer read with the next statement's (one round trip for both); on a file it runs now. When it
    /// changes other than the rows `expecting` says, its error is thrown, at the latest before the transaction
    /// commits. A statement that fails makes the next statement (or the commit) fail.
    func executeLater(_ sql: String, _ arguments: SQLArguments, expecting: RowsExpected?) throws
    /// Runs queries that do not depend on one another and returns their rows, in order: on a server in one round
    /// trip, on a file one after the other.
    func rowsTogether(_ queries: [(sql: String, arguments: SQLArguments)]) throws -> [[SQLRow]]
}

extension SQLSession {
    @discardableResult
    func execute(_ sql: String) throws -> Int { try execute(sql, []) }
    func rowsTogether(_ queries: [(sql: String, arguments: SQLArguments)]) throws -> [[SQLRow]] {
        try queries.map { try rows($0.sql, $0.arguments) }
    }

    /// `executeLater` with nothing to check.
    func executeLater(_ sql: String, _ arguments: SQLArguments) throws {
        try executeLater(sql, arguments, expecting: nil)
    }
    func rows(_ sql: String) throws -> [SQLRow] { try rows(sql, []) }
    /// The first row, or nil.
    func row(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLRow? { try rows(sql, arguments).first }
    /// The first column of the first row, as text.
    func string(_ sql: String, _ arguments: SQLArguments = []) throws -> String? { try row(sql, arguments)?.string(at: 0) }
    /// The first column of the first row, as an integer.
    func int(_ sql: String, _ arguments: SQLArguments = []) throws -> Int? { try row(sql, arguments)?.int(at: 0) }
    /// The first column of the first row, as a truth value.
    func bool(_ sql: String, _ arguments: SQLArguments = []) throws -> Bool { try row(sql, arguments)?.bool(at: 0) ?? false }
    /// The first column of every row, as text.
    func strings(_ sql: String, _ arguments: SQLArguments = []) throws -> [String] { try rows(sql, arguments).compactMap { $0.string(at: 0) } }

    /// The number of the next audit batch (one change).
    func nextBatch() throws -> Int64 { try row(dialect.nextBatch)?.int64(at: 0) ?? 1 }
}

/// The store's session on SQLite: a GRDB database connection inside a read or a transaction.
struct SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func executeLater(_ sql: String, _ arguments: SQLArguments, expecting: RowsExpected?) throws {
        let changed = try execute(sql, arguments)
        if let expecting, changed != expecting.changed { throw expecting.otherwise }
    }

    static func arguments(_ values: SQLArguments) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value.sqlValue {
            case .null: return .null
            case .int(let n): return n.databaseValue
            case .text(let s): return s.databaseValue
            }
        })
    }

    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: SQLiteSession.arguments(arguments))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        var out: [SQLRow] = []
        try each(sql, arguments) { out.append($0) }
        return out
    }

    func each(_ sql: String, _ arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        let cursor = try Row.fetchCursor(statement, arguments: SQLiteSession.arguments(arguments))
        while let row = try cursor.next() {
            try body(SQLRow(columns: columns, values: row.databaseValues.map(SQLiteSession.value)))
        }
    }

    func insertMany(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        guard !rows.isEmpty else { return }
        let statement = try db.cachedStatement(sql: SQLSessionText.insert(table, columns, rows: 1))
        for row in rows { try statement.execute(arguments: SQLiteSession.arguments(row)) }
    }

    static func value(_ v: DatabaseValue) -> SQLValue {
        switch v.storage {
        case .null: return .null
        case .int64(let n): return .int(n)
        case .double(let d): return .text(String(d))
        case .string(let s): return .text(s)
        case .blob(let data): return .text(String(decoding: data, as: UTF8.self))
        }
    }
}

/// SQL text the sessions build.
enum SQLSessionText {
    /// `INSERT INTO table (columns) VALUES (?, …), (?, …)` for `rows` rows.
    static func insert(_ table: String, _ columns: [String], rows: Int) -> String {
        let one = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + Array(repeating: one, count: rows).joined(separator: ", ")
    }
}
