import Foundation

/// What a login may do in a PostgreSQL office store. Each role is a PostgreSQL group role, and each includes the
/// one before it (decision 0034).
public enum OfficeRole: String, CaseIterable, Sendable, Comparable, Codable {
    /// Reads everything; changes checklists, trips, applications and contact data.
    case paralegal
    /// Also creates, deletes, closes and reopens clients, and imports.
    case attorney
    /// Also changes settings, restores, and manages users.
    case admin

    /// The PostgreSQL group role.
    public var groupName: String { "ikamet_" + rawValue }  // lint:allow-literal role names

    public static func < (a: OfficeRole, b: OfficeRole) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }

    /// The role a change of a client record's top-level field needs (`key` as in the interchange format: "phone",
    /// "trips", …): a paralegal's fields (decision 0034; the server's trigger `client_guard` checks the same list),
    /// else an attorney's.
    public static func needed(toChange key: String) -> OfficeRole {
        PostgresSchema.paralegalFields.contains(key) ? .paralegal : .attorney
    }
}

/// A person who may log in to the office store.
public struct OfficeUser: Sendable, Equatable {
    public var name: String
    /// The highest role the login has.
    public var role: OfficeRole
    /// False for a login whose LOGIN right was taken away outside ikamet.
    public var canLogin: Bool

    public init(name: String, role: OfficeRole, canLogin: Bool) {
        self.name = name; self.role = role; self.canLogin = canLogin
    }
}

/// What `ikamet init` did on a server.
public struct ServerInitReport: Sendable, Equatable {
    /// The schema steps applied now (empty: the store was up to date).
    public var applied: [String]
    /// The group roles created now (empty: the cluster had them).
    public var rolesCreated: [String]
    /// Whether the database held no office store before.
    public var created: Bool
    /// On a new store, the logins of the groups other than the owner: people of another office on the same
    /// cluster, who may open this store too (the roles are the cluster's, decision 0034).
    public var sharedPeople: [String] = []
}

/// The office server's administration: creating or upgrading the store (`ikamet init`) and managing the people
/// who may log in (`ikamet users`). The server enforces every right itself; these calls only ask.
public final class OfficeServer {
    let connection: PGConnection

    /// Connects to the server as the URL's login.
    public init(_ address: PostgresAddress) throws(StoreError) {
        connection = try PGConnection(address)
    }

    /// The login (`session_user`): the name the audit trail records.
    public var login: String { connection.login }

    /// The server as it may be printed (no password).
    public var display: String { connection.address.display }

    /// Creates the office store in an empty database, or applies the schema steps it lacks; creates the group
    /// roles if the cluster lacks them; grants each its rights. Run by the database's owner, who needs the right
    /// to create roles (CREATEROLE). All in one transaction: a failure leaves the database as it was.
    public func initialize() throws -> ServerInitReport {
        do {
            return try connection.transaction {
                // One init at a time on this database.
                try connection.execute("SELECT pg_advisory_xact_lock(x'696B6D74'::int)")
                let exists = try connection.execute(PostgresSchema.storePresent)
                    .value(0, "present") == "t"
                if !exists {
                    let others = try connection.execute("""
                        SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                        """).value(0, "n").flatMap { Int($0) } ?? 0
                    if others > 0 { throw StoreError.serverNotEmpty(server: display, objects: others) }
                }
                let existing = try connection.execute(
                    "SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])", [PostgresSchema.arrayLiteral(PostgresSchema.groups)])
                let had = Set((0..<existing.rows.count).compactMap { existing.value($0, "rolname") })
                try connection.run(script: PostgresSchema.roles)
                try connection.run(script: "CREATE TABLE IF NOT EXISTS ikamet_migration (step text PRIMARY KEY, appliedAt timestamptz NOT NULL DEFAULT now())")
                let done = try connection.execute("SELECT step FROM ikamet_migration")
                let applied = Set((0..<done.rows.count).compactMap { done.value($0, "step") })
                let known = Set(PostgresSchema.steps.map(\.name))
                let unknown = applied.subtracting(known).sorted()
                if !unknown.isEmpty { throw StoreError.newerSchema(path: display, unknown: unknown) }
                var now: [String] = []
                for step in PostgresSchema.steps where !applied.contains(step.name) {
                    try connection.run(script: step.sql)
                    try connection.execute("INSERT INTO ikamet_migration (step) VALUES ($1)", [step.name])
                    now.append(step.name)
                }
                let database = try connection.execute("SELECT current_database() AS db").value(0, "db") ?? ""
                try connection.run(script: PostgresSchema.grants(database: database))
                // The owner is an admin too, so that the product run as the owner may do everything it offers.
                try connection.run(script: "GRANT ikamet_admin TO " + PostgresSchema.quoteIdentifier(login))
                let members = try connection.execute("""
                    SELECT DISTINCT r.rolname AS name FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
                    WHERE g.rolname = ANY($1::text[]) AND NOT (r.rolname = ANY($1::text[])) AND r.rolname <> session_user
                    ORDER BY 1
                    """, [PostgresSchema.arrayLiteral(PostgresSchema.groups)])
                let shared = !exists ? (0..<members.rows.count).compactMap { members.value($0, "name") } : []
                return ServerInitReport(applied: now, rolesCreated: PostgresSchema.groups.filter { !had.contains($0) }, created: !exists,
                                        sharedPeople: shared)
            }
        } catch let error as PGServerError {
            // Creating roles, schema and grants is the database owner's, with CREATEROLE.
            if error.sqlstate == PGServerError.insufficientPrivilege { throw StoreError.initNeedsOwner(server: display, login: login) }
            throw StoreError.serverRefused(server: display, detail: error.message)
        }
    }

    /// Whether the database holds an office store (`ikamet init` has run).
    func requireStore() throws(StoreError) {
        let present: String?
        do { present = try connection.execute(PostgresSchema.storePresent).value(0, "present") } catch {
            throw StoreError.serverRefused(server: display, detail: error.message)
        }
        guard present == "t" else { throw StoreError.notAnOfficeStore(server: display) }
    }

    /// The highest role this login has, or nil for a login that may only connect.
    public func role() throws(StoreError) -> OfficeRole? {
        try requireStore()
        do {
            let result = try connection.execute(PostgresSchema.heldGroups, [PostgresSchema.arrayLiteral(PostgresSchema.groups)])
            return OfficeRole.highest(of: (0..<result.rows.count).compactMap { result.value($0, "grp") })
        } catch {
            throw StoreError.serverRefused(server: display, detail: error.message)
        }
    }

    /// The people who may log in, by name, each with the highest role they hold.
    public func users() throws(StoreError) -> [OfficeUser] {
        try requireStore()
        let result: PGResult
        do {
            result = try connection.execute("""
                SELECT r.rolname AS name, g.rolname AS grp, r.rolcanlogin AS canlogin
                FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
                WHERE g.rolname = ANY($1::text[]) AND NOT (r.rolname = ANY($1::text[]))
                ORDER BY r.rolname COLLATE "C"
                """, [PostgresSchema.arrayLiteral(PostgresSchema.groups)])
        } catch {
            throw StoreError.serverRefused(server: display, detail: error.message)
        }
        var byName: [String: OfficeUser] = [:]
        var order: [String] = []
        for row in 0..<result.rows.count {
            guard let name = result.value(row, "name"), let role = result.value(row, "grp").flatMap(OfficeRole.init(group:)) else { continue }
            if let known = byName[name] {
                byName[name]?.role = max(known.role, role)
            } else {
                byName[name] = OfficeUser(name: name, role: role, canLogin: result.value(row, "canlogin") == "t")
                order.append(name)
            }
        }
        return order.compactMap { byName[$0] }
    }

    /// Whether `name` can be a login: lower-case letters, digits, `_`, `.`, `-`, starting with a letter or `_`,
    /// at most 63 bytes, and not a name PostgreSQL or ikamet reserve (`pg_…`, `ikamet_…`). The server checks the same.
    public static func isValidUserName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.utf8.count <= 63,
              !name.hasPrefix("pg_"), !name.hasPrefix("ikamet_") else { return false }  // lint:allow-literal reserved prefixes
        let lower = "abcdefghijklmnopqrstuvwxyz"  // lint:allow-literal character classes
        let tail = Set(lower + "0123456789_.-")  // lint:allow-literal character classes
        return (lower + "_").unicodeScalars.contains(first) && name.allSatisfy { tail.contains($0) }  // lint:allow-literal character classes
    }

    /// Adds a login with a role. With a password, the server stores only its SCRAM-SHA-256 verifier (computed
    /// here); without one, the login works through the server's peer or socket authentication.
    public func addUser(_ name: String, role: OfficeRole, password: String?) throws(StoreError) {
        guard OfficeServer.isValidUserName(name) else { throw StoreError.badUserName(name) }
        try requireStore()
        do {
            let verifier = try password.map { p throws(PGServerError) in try connection.passwordVerifier(p, user: name) }
            try connection.execute("SELECT ikamet_add_user($1, $2, $3)", [name, role.groupName, verifier])
        } catch {
            throw userError(error, name: name, needs: .admin)
        }
    }

    /// Removes a login. The audit trail keeps every row it wrote, under its name.
    public func removeUser(_ name: String) throws(StoreError) {
        try requireStore()
        if name == login { throw StoreError.cannotRemoveSelf(name) }
        do { try connection.execute("SELECT ikamet_remove_user($1)", [name]) } catch {
            throw userError(error, name: name, needs: .admin)
        }
    }

    private func userError(_ error: PGServerError, name: String, needs role: OfficeRole) -> StoreError {
        switch error.sqlstate {
        // Refused by the function's own check, whose hint names the role; any other refusal (the owner may not
        // create roles) is said in the server's words.
        case PGServerError.insufficientPrivilege where error.hint == role.groupName:
            return .roleRequired(role: role.groupName, login: login)
        case PGServerError.duplicateObject: return .userExists(name)
        case PGServerError.dependentObjects: return .userOwnsDatabase(name)
        case PGServerError.undefinedObject: return .userUnknown(name)
        default: return .serverRefused(server: display, detail: error.message)
        }
    }
}

extension OfficeRole {
    /// The role of a PostgreSQL group name, if it is one of ikamet's.
    init?(group: String) {
        guard let role = OfficeRole.allCases.first(where: { $0.groupName == group }) else { return nil }
        self = role
    }
}

extension PostgresSchema {
    /// A text array in PostgreSQL's literal form, for a `$n::text[]` parameter (names here never hold quotes).
    static func arrayLiteral(_ items: [String]) -> String {
        "{" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
