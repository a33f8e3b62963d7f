import Foundation

/// The PostgreSQL server the tests use: a throwaway cluster on a Unix socket that `.ci/run` (or `scripts/test`)
/// starts with `scripts/postgres-cluster` and names in `IKAMET_TEST_POSTGRES` (its superuser's URL). Each test makes
/// its own database, owned by its own login with CREATEROLE (as an office's database owner is), and drops both.
/// Raw SQL runs through `psql`, exactly as a person with that login would type it.
public enum PostgresTestServer {
    /// The superuser URL, or nil when no server was started for the tests.
    public static let url: String? = ProcessInfo.processInfo.environment["IKAMET_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether the PostgreSQL tests can run.
    public static var available: Bool { url != nil }

    /// Whether this run must include the PostgreSQL tests (CI): then a missing server is a failure, not a skip.
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The URL of `database` as `login` on the test server.
    public static func url(database: String, login: String, password: String? = nil) -> String {
        guard let base = url, var parts = URLComponents(string: base) else { return "" }
        parts.path = "/" + database
        var items = (parts.queryItems ?? []).filter { $0.name != "user" && $0.name != "password" }
        items.append(URLQueryItem(name: "user", value: login))
        if let password { items.append(URLQueryItem(name: "password", value: password)) }
        parts.queryItems = items
        return parts.string ?? ""
    }

    /// The socket folder of the test server.
    public static var socketFolder: String {
        url.flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "host" }?.value } ?? ""
    }

    /// What one `psql` run printed.
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
        /// The SQLSTATE of the error psql reported (`ERROR:  42501: …` in verbose mode), or nil.
        public var sqlstate: String? {
            guard let range = errors.range(of: "ERROR:  ") else { return nil }
            let code = errors[range.upperBound...].prefix(5)
            return code.count == 5 ? String(code) : nil
        }
    }

    /// Runs `sql` through `psql` at `target` (one transaction, stop at the first error, errors with their SQLSTATE).
    @discardableResult
    public static func psql(_ target: String, _ sql: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose", "-d", target, "-c", sql]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "10"
        process.environment = environment
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                      errors: String(decoding: errors, as: UTF8.self))
    }

    /// A fresh database and its owner on the test server.
    public struct Office: Sendable {
        /// A short random tag that names the database and every login of this test.
        public let tag: String
        public var database: String { "t_\(tag)" }
        public var owner: String { "t_\(tag)_owner" }
        /// The owner's URL.
        public var ownerURL: String { PostgresTestServer.url(database: database, login: owner) }
        /// The URL of `login` on this database.
        public func url(_ login: String, password: String? = nil) -> String {
            PostgresTestServer.url(database: database, login: login, password: password)
        }
        /// A login name for this test (`t_<tag>_<name>`): roles belong to the whole cluster.
        public func login(_ name: String) -> String { "t_\(tag)_\(name)" }

        /// Drops the database and every login this test made.
        public func drop() {
            guard let admin = PostgresTestServer.url else { return }
            _ = try? PostgresTestServer.psql(admin, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            let logins = (try? PostgresTestServer.psql(admin, "SELECT rolname FROM pg_roles WHERE rolname LIKE 't\\_\(tag)\\_%'").output) ?? ""
            for login in logins.split(separator: "\n") where !login.isEmpty {
                _ = try? PostgresTestServer.psql(admin, "DROP ROLE IF EXISTS \(login)")
            }
        }
    }

    /// Makes a database owned by a new login with CREATEROLE (the office's database owner), not yet initialised.
    public static func makeOffice() throws -> Office {
        let office = Office(tag: String(UUID().uuidString.prefix(8)).lowercased())
        guard let admin = url else { throw NoServer() }
        for sql in ["CREATE ROLE \(office.owner) LOGIN CREATEROLE", "CREATE DATABASE \(office.database) OWNER \(office.owner)"] {
            let result = try psql(admin, sql)
            if result.status != 0 { throw SetupFailed(sql: sql, errors: result.errors) }
        }
        return office
    }

    public struct NoServer: Error, CustomStringConvertible {
        public var description: String { "no test server: IKAMET_TEST_POSTGRES is not set (scripts/test starts one)" }
    }

    public struct SetupFailed: Error, CustomStringConvertible {
        public var sql: String
        public var errors: String
        public var description: String { "\(sql): \(errors)" }
    }
}
