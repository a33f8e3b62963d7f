import Foundation
import IkametStore
import IkametTestSupport
import Testing

/// The office server (issue 13, decision 0034): `ikamet init` on PostgreSQL, the group roles and what PostgreSQL
/// itself lets each do, tried through the product and through raw SQL (`psql`) as each login, and the people an
/// admin manages. Runs against the real throwaway cluster of `scripts/postgres-cluster`.
@Suite(.serialized, .enabled(if: PostgresTestServer.available))
struct OfficeServerTests {
    /// A database with the office store, an attorney, a paralegal and an admin (besides the owner).
    struct Staffed {
        var office: PostgresTestServer.Office
        var attorney: String
        var paralegal: String
        var admin: String
    }

    static let doc = #"{"id":"2026-0001","name":"Ayşe Demir","phone":"0532","trips":[],"applications":[],"permits":[]}"#

    func staffed() throws -> Staffed {
        let office = try PostgresTestServer.makeOffice()
        let owner = try OfficeServer(PostgresAddress(office.ownerURL))
        _ = try owner.initialize()
        let s = Staffed(office: office, attorney: office.login("attorney"), paralegal: office.login("paralegal"), admin: office.login("admin"))
        try owner.addUser(s.attorney, role: .attorney, password: nil)
        try owner.addUser(s.paralegal, role: .paralegal, password: nil)
        try owner.addUser(s.admin, role: .admin, password: nil)
        let insert = try PostgresTestServer.psql(office.ownerURL, """
            INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, '2026-12-01T10:00', '2026-0001', 'client', '*');
            INSERT INTO client (id, doc, name, sortName, search, version, createdBy, createdAt, updatedBy, updatedAt)
            VALUES ('2026-0001', '\(Self.doc)', 'Ayşe Demir', 'ayse demir', 'ayse demir', 1, 'x', '2026-12-01T10:00', 'x', '2026-12-01T10:00');
            INSERT INTO setting VALUES ('language', '"tr"', 1, 'x', '2026-12-01T10:00');
            """)
        #expect(insert.status == 0, "\(insert.errors)")
        return s
    }

    @Test func initCreatesTheStoreThenOnlyBringsItUpToDate() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        let owner = try OfficeServer(PostgresAddress(office.ownerURL))
        let first = try owner.initialize()
        #expect(first.created)
        #expect(first.applied == ["pg1-office-store", "pg2-change-notify", "pg3-audited-changes", "pg4-audit-first"])
        let again = try owner.initialize()
        #expect(!again.created)
        #expect(again.applied == [])
        #expect(again.rolesCreated == [])
        // The owner is an admin, and the only user so far.
        #expect(try owner.role() == .admin)
        #expect(try owner.users().filter { $0.name.hasPrefix("t_\(office.tag)_") } == [OfficeUser(name: office.owner, role: .admin, canLogin: true)])
        let tables = try PostgresTestServer.psql(office.ownerURL,
            "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")
        #expect(tables.output == "agenda,audit,client,ikamet_migration,meta,setting")
    }

    @Test func initRefusesADatabaseThatHoldsSomethingElse() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        #expect(try PostgresTestServer.psql(office.ownerURL, "CREATE TABLE invoices (n int)").status == 0)
        let owner = try OfficeServer(PostgresAddress(office.ownerURL))
        #expect(throws: StoreError.serverNotEmpty(server: PostgresAddress(office.ownerURL).display, objects: 1)) { try owner.initialize() }
        // Nothing was created: the same single table.
        let tables = try PostgresTestServer.psql(office.ownerURL, "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'")
        #expect(tables.output == "invoices")
    }

    @Test func aDatabaseWithoutTheStoreIsNamedAsSuch() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        let owner = try OfficeServer(PostgresAddress(office.ownerURL))
        #expect(throws: StoreError.notAnOfficeStore(server: owner.display)) { try owner.users() }
    }

    @Test func usersAreAddedListedAndRemovedAndTheirAuditRowsStay() throws {
        let s = try staffed()
        defer { s.office.drop() }
        let owner = try OfficeServer(PostgresAddress(s.office.ownerURL))
        #expect(try owner.users().map(\.name).filter { $0.hasPrefix("t_\(s.office.tag)_") } == [s.office.owner, s.admin, s.attorney, s.paralegal].sorted())
        #expect(try owner.users().first { $0.name == s.paralegal }?.role == .paralegal)
        #expect(try OfficeServer(PostgresAddress(s.office.url(s.paralegal))).role() == .paralegal)
        #expect(try OfficeServer(PostgresAddress(s.office.url(s.attorney))).role() == .attorney)
        #expect(try OfficeServer(PostgresAddress(s.office.url(s.admin))).role() == .admin)

        let wrote = try PostgresTestServer.psql(s.office.url(s.paralegal),
            "INSERT INTO audit (batch, at, clientId, entity, field) VALUES (nextval('audit_batch'), '2026-12-01T10:00', '2026-0001', 'client', 'phone')")
        #expect(wrote.status == 0, "\(wrote.errors)")
        try owner.removeUser(s.paralegal)
        #expect(try !owner.users().map(\.name).contains(s.paralegal))
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "SELECT \"user\" FROM audit WHERE field = 'phone'").output == s.paralegal)
        #expect(throws: StoreError.userUnknown(s.paralegal)) { try owner.removeUser(s.paralegal) }
        #expect(throws: StoreError.userExists(s.attorney)) { try owner.addUser(s.attorney, role: .admin, password: nil) }
        #expect(throws: StoreError.cannotRemoveSelf(s.office.owner)) { try owner.removeUser(s.office.owner) }
        // A role that is not an ikamet user (the cluster's superuser) cannot be removed through ikamet.
        #expect(throws: StoreError.userUnknown("ikamet_ci")) { try owner.removeUser("ikamet_ci") }
        #expect(throws: StoreError.badUserName("pg_monitor")) { try owner.addUser("pg_monitor", role: .admin, password: nil) }
        #expect(throws: StoreError.badUserName("Robert'); DROP")) { try owner.addUser("Robert'); DROP", role: .admin, password: nil) }
    }

    @Test func twoOfficesOnOneClusterAreWarnedOfAndNeitherRemovesTheOthersOwner() throws {
        let first = try PostgresTestServer.makeOffice(), second = try PostgresTestServer.makeOffice()
        defer { first.drop(); second.drop() }
        _ = try OfficeServer(PostgresAddress(first.ownerURL)).initialize()
        let secondOwner = try OfficeServer(PostgresAddress(second.ownerURL))
        let report = try secondOwner.initialize()
        #expect(report.sharedPeople.contains(first.owner))
        #expect(!report.sharedPeople.contains(second.owner))
        #expect(throws: StoreError.userOwnsDatabase(first.owner)) { try secondOwner.removeUser(first.owner) }
        #expect(try PostgresTestServer.psql(PostgresTestServer.url ?? "", "SELECT count(*) FROM pg_roles WHERE rolname = '\(first.owner)'").output == "1")
    }

    @Test func initByALoginThatIsNotTheOwnerSaysWhoseJobItIs() throws {
        let s = try staffed()
        defer { s.office.drop() }
        let attorney = try OfficeServer(PostgresAddress(s.office.url(s.attorney)))
        #expect(throws: StoreError.initNeedsOwner(server: attorney.display, login: s.attorney)) { try attorney.initialize() }
    }

    @Test func aPasswordReachesTheServerOnlyAsAScramVerifier() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        let owner = try OfficeServer(PostgresAddress(office.ownerURL))
        _ = try owner.initialize()
        let login = office.login("anna")
        try owner.addUser(login, role: .attorney, password: "correct horse battery")
        let stored = try PostgresTestServer.psql(PostgresTestServer.url ?? "", "SELECT rolpassword FROM pg_authid WHERE rolname = '\(login)'").output
        #expect(stored.hasPrefix("SCRAM-SHA-256$4096:"))
        #expect(!stored.contains("correct horse"))
    }

    @Test func onlyAnAdminManagesUsersThroughTheProductOrThroughSQL() throws {
        let s = try staffed()
        defer { s.office.drop() }
        for login in [s.attorney, s.paralegal] {
            let server = try OfficeServer(PostgresAddress(s.office.url(login)))
            #expect(throws: StoreError.roleRequired(role: "ikamet_admin", login: login)) {
                try server.addUser(s.office.login("eve"), role: .admin, password: nil)
            }
            #expect(throws: StoreError.roleRequired(role: "ikamet_admin", login: login)) { try server.removeUser(s.admin) }
            for sql in ["SELECT ikamet_add_user('\(s.office.login("eve"))', 'ikamet_admin', NULL)",
                        "SELECT ikamet_remove_user('\(s.admin)')",
                        "CREATE ROLE \(s.office.login("eve")) LOGIN",
                        "GRANT ikamet_admin TO \(login)"] {
                let result = try PostgresTestServer.psql(s.office.url(login), sql)
                #expect(result.status != 0 && result.sqlstate == "42501", "\(login): \(sql) → \(result.errors)")
            }
        }
        let admin = try OfficeServer(PostgresAddress(s.office.url(s.admin)))
        try admin.addUser(s.office.login("eve"), role: .paralegal, password: nil)
        try admin.removeUser(s.office.login("eve"))
        #expect(try admin.users().filter { $0.name.hasPrefix("t_\(s.office.tag)_") }.count == 4)
    }

    /// What each login may do, statement by statement, as raw SQL: nil = allowed, else the SQLSTATE of the refusal.
    static let closing = #"{"id":"2026-0001","name":"Ayşe Demir","phone":"0532","trips":[],"applications":[],"permits":[],"closed":{"date":"2026-12-01","reason":"left"}}"#
    static let newTrip = #"{"id":"2026-0001","name":"Ayşe Demir","phone":"0555","trips":[{"exit":"2026-06-01","entry":"2026-06-10"}],"applications":[],"permits":[]}"#
    static let renamed = #"{"id":"2026-0001","name":"Ayşe Yılmaz","phone":"0532","trips":[],"applications":[],"permits":[]}"#
    static let statements: [(sql: String, paralegal: String?, attorney: String?, admin: String?)] = [
        ("UPDATE setting SET value = '\"en\"', version = version + 1", "42501", "42501", nil),
        ("INSERT INTO setting VALUES ('dateFormat', '\"iso\"', 1, 'x', 'x')", "42501", "42501", nil),
        ("DELETE FROM setting", "42501", "42501", nil),
        ("INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0002', 'client', '*'); INSERT INTO client (id, doc, name, sortName, search, version, createdBy, createdAt, updatedBy, updatedAt) VALUES ('2026-0002', '{}', 'B', 'b', 'b', 1, 'x', 'x', 'x', 'x')", "42501", nil, nil),
        ("INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0001', 'client', '*'); DELETE FROM client", "42501", nil, nil),
        ("DELETE FROM client", "42501", "42501", "42501"),
        ("INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0001', 'client', 'phone'); UPDATE client SET doc = '\(newTrip)', version = version + 1", nil, nil, nil),
        ("UPDATE client SET doc = '\(newTrip)', version = version + 1", "42501", "42501", "42501"),
        ("UPDATE client SET doc = '\(newTrip)', version = version + 1; INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0001', 'client', 'phone')", "42501", "42501", "42501"),
        ("INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0009', 'client', 'phone'); UPDATE client SET doc = '\(newTrip)', version = version + 1", "42501", "42501", "42501"),
        ("INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0001', 'client', 'doc'); UPDATE client SET doc = '\(closing)', version = version + 1, closedOn = '2026-12-01'", "42501", nil, nil),
        ("INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0001', 'client', 'doc'); UPDATE client SET doc = '\(renamed)', version = version + 1, name = 'Ayşe Yılmaz'", "42501", nil, nil),
        ("INSERT INTO audit (batch, at, entity, field) VALUES (1, 'x', 'store', '*'); UPDATE client SET doc = '\(newTrip)', version = version + 1", "42501", "42501", nil),
        ("UPDATE client SET name = 'Someone Else'", "42501", nil, nil),
        ("UPDATE client SET attorney = 'EK'", "42501", nil, nil),
        ("UPDATE client SET doc = '\(closing)', version = version + 1, closedOn = '2026-12-01'", "42501", "42501", "42501"),
        ("UPDATE client SET doc = '\(newTrip)'", "23514", "23514", "23514"),
        ("UPDATE audit SET field = 'x'", "42501", "42501", "42501"),
        ("DELETE FROM audit", "42501", "42501", "42501"),
        ("TRUNCATE audit", "42501", "42501", "42501"),
        ("DROP TABLE audit", "42501", "42501", "42501"),
        ("ALTER TABLE audit DISABLE TRIGGER audit_no_change", "42501", "42501", "42501"),
        ("CREATE TABLE mine (n int)", "42501", "42501", "42501"),
        ("CREATE FUNCTION public.nextval(text) RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint'", "42501", "42501", "42501"),
        ("INSERT INTO audit (seq, batch, at, entity, field) VALUES (999999, 1, 'x', 'client', 'forged')", "42501", "42501", "42501"),
    ]

    @Test(arguments: [OfficeRole.paralegal, .attorney, .admin])
    func postgresEnforcesEachRoleOnRawSQL(role: OfficeRole) throws {
        let s = try staffed()
        defer { s.office.drop() }
        let login = [OfficeRole.paralegal: s.paralegal, .attorney: s.attorney, .admin: s.admin][role] ?? ""
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "INSERT INTO audit (batch, at, entity, field) VALUES (1, 'x', 'client', 'seed')").status == 0)
        for statement in Self.statements {
            let expected = role == .paralegal ? statement.paralegal : role == .attorney ? statement.attorney : statement.admin
            // Each statement alone on a fresh copy of the row, so that an allowed change does not decide the next one.
            let reset = try PostgresTestServer.psql(s.office.ownerURL, """
                INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0001', 'client', 'reset');
                INSERT INTO client (id, doc, name, sortName, search, version, createdBy, createdAt, updatedBy, updatedAt)
                VALUES ('2026-0001', '\(Self.doc)', 'Ayşe Demir', 'ayse demir', 'ayse demir', 1, 'x', 'x', 'x', 'x')
                ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, name = EXCLUDED.name, attorney = NULL, closedOn = NULL, version = client.version + 1;
                INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0002', 'client', 'reset');
                DELETE FROM client WHERE id <> '2026-0001'
                """)
            #expect(reset.status == 0, "reset before \(statement.sql): \(reset.errors)")
            let result = try PostgresTestServer.psql(s.office.url(login), statement.sql)
            if let expected {
                #expect(result.status != 0 && result.sqlstate == expected, "\(role) \(statement.sql): \(result.errors)")
            } else {
                #expect(result.status == 0, "\(role) \(statement.sql): \(result.errors)")
            }
        }
        // The audit trail keeps the seed row, and records the login whatever user a client claims.
        #expect(try PostgresTestServer.psql(s.office.url(login), "INSERT INTO audit (batch, at, \"user\", entity, field) VALUES (2, 'x', 'forged', 'client', 'claimed')").status == 0)
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "SELECT \"user\" FROM audit WHERE field = 'claimed'").output == login)
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "SELECT \"user\" FROM audit WHERE field = 'seed'").output == s.office.owner)
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "SELECT count(*) FROM audit WHERE \"user\" = 'forged' OR field = 'forged'").output == "0")
        // Who last changed a client is the login too; without a change of the record, its version and last change
        // stay as they were, and who created it never changes.
        #expect(try PostgresTestServer.psql(s.office.url(login), "INSERT INTO audit (batch, at, clientId, entity, field) VALUES (1, 'x', '2026-0001', 'client', 'doc'); UPDATE client SET doc = '\(Self.newTrip)', version = version + 1, updatedBy = 'forged'").status == 0)
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "SELECT updatedBy FROM client").output == login)
        let stamp = try PostgresTestServer.psql(s.office.ownerURL, "SELECT version || ' ' || updatedBy || ' ' || updatedAt || ' ' || createdBy FROM client").output
        #expect(try PostgresTestServer.psql(s.office.url(login), "UPDATE client SET version = 99, updatedBy = 'ek', updatedAt = '2020-01-01', createdBy = 'ek'").status == 0)
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "SELECT version || ' ' || updatedBy || ' ' || updatedAt || ' ' || createdBy FROM client").output == stamp)
        // The audit rows are numbered by the server alone: no row carries the number a client asked for.
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "SELECT count(*) FROM audit WHERE seq = 999999").output == "0")
    }

    @Test func evenTheOwnerCannotChangeTheAuditTrail() throws {
        let s = try staffed()
        defer { s.office.drop() }
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "INSERT INTO audit (batch, at, entity, field) VALUES (1, 'x', 'client', 'seed')").status == 0)
        for sql in ["UPDATE audit SET field = 'x'", "DELETE FROM audit", "TRUNCATE audit"] {
            let result = try PostgresTestServer.psql(s.office.ownerURL, sql)
            #expect(result.status != 0 && result.sqlstate == "42501", "\(sql): \(result.errors)")
        }
        #expect(try PostgresTestServer.psql(s.office.ownerURL, "SELECT count(*) FROM audit").output == "2")
    }

    @Test func aLoginOutsideTheGroupsCannotEvenConnect() throws {
        let s = try staffed()
        defer { s.office.drop() }
        let stranger = s.office.login("stranger")
        #expect(try PostgresTestServer.psql(PostgresTestServer.url ?? "", "CREATE ROLE \(stranger) LOGIN").status == 0)
        let refusal = unreachable { _ = try OfficeServer(PostgresAddress(s.office.url(stranger))) }
        #expect(refusal?.server.contains(stranger) == true)
        #expect(refusal?.reason.contains("permission denied for database") == true)
    }

    @Test func aServerThatIsNotThereIsNamedWithItsReasonAndNoPassword() throws {
        let address = PostgresAddress("postgresql://anna:hunter2@/office?host=/nonexistent/socket/folder")
        let refusal = unreachable { _ = try OfficeServer(address) }
        #expect(refusal?.server == "postgresql://anna@/office?host=/nonexistent/socket/folder")
        #expect(refusal?.reason.contains("/nonexistent/socket/folder/.s.PGSQL.5432") == true)
        #expect(refusal?.reason.contains("No such file or directory") == true)
        #expect(refusal.map { !$0.reason.contains("hunter2") && !$0.server.contains("hunter2") } == true)
    }

    @Test func aPasswordInTheURLAppearsInNoError() throws {
        let s = try staffed()
        defer { s.office.drop() }
        // The socket trusts the login, so the password is not needed; the database named does not exist.
        let url = PostgresTestServer.url(database: "no_such_db", login: s.attorney, password: "hunter2")
        let refusal = unreachable { _ = try OfficeServer(PostgresAddress(url)) }
        #expect(refusal?.reason.contains("does not exist") == true)
        #expect(refusal.map { !$0.reason.contains("hunter2") && !$0.server.contains("hunter2") } == true)
    }
}

/// The server and reason of a connection refused by `body`, or nil if it did not refuse that way.
func unreachable(_ body: () throws -> Void) -> (server: String, reason: String)? {
    do { try body() } catch let error as StoreError {
        if case .serverUnreachable(let server, let reason) = error { return (server, reason) }
    } catch {}
    return nil
}

/// Under CI the PostgreSQL tests are required: a missing server fails the run instead of skipping them.
@Test func postgresTestsRunUnderCI() {
    #expect(!PostgresTestServer.required || PostgresTestServer.available,
            "CI=true but IKAMET_TEST_POSTGRES is not set: start the throwaway cluster (scripts/postgres-cluster)")
}

/// Store URLs print without their password (no server needed).
@Suite struct StoreLocationTests {
    @Test(arguments: [
        ("postgresql://anna:s3cret@db.office:5432/ikamet?sslmode=verify-full", "postgresql://anna@db.office:5432/ikamet?sslmode=verify-full"),
        ("postgres://anna:p%40ss%2Fw@db/ikamet", "postgres://anna@db/ikamet"),
        ("postgresql://anna:raw/pass@word@db/ikamet", "postgresql://anna@db/ikamet"),
        ("postgresql://anna:pa?ss@db/ikamet?sslmode=require", "postgresql://anna@db/ikamet?sslmode=require"),
        ("postgresql://anna:p%3Fss@db/ikamet", "postgresql://anna@db/ikamet"),
        ("postgresql://db/ikamet?user=anna@corp&sslmode=require", "postgresql://db/ikamet?user=anna@corp&sslmode=require"),
        ("postgresql://try_zeynep:Gizli@8@/ikamet?host=/tmp/x", "postgresql://try_zeynep@/ikamet?host=/tmp/x"),
        ("host=/tmp/x dbname=ikamet user=zeynep password=KvGizli3", "host=/tmp/x dbname=ikamet user=zeynep"),
        ("host=/tmp/x password = 'Kv Gizli' dbname=ikamet", "host=/tmp/x dbname=ikamet"),
        ("postgresql:///ikamet?host=/run/postgresql&password=s3cret&user=anna", "postgresql:///ikamet?host=/run/postgresql&user=anna"),
        ("POSTGRESQL://db/ikamet?PASSWORD=x", "POSTGRESQL://db/ikamet"),
        ("postgresql://db", "postgresql://db"),
    ])
    func theDisplayedURLHasNoPassword(url: String, shown: String) {
        #expect(StoreLocation.parse(url) == .postgres(PostgresAddress(url)))
        #expect(StoreLocation.parse(url).display == shown)
        #expect(!StoreLocation.parse(url).display.contains("Gizli") && !StoreLocation.parse(url).display.contains("s3cret"))
    }

    @Test func scrubRemovesThePasswordAsWrittenAndDecoded() {
        let address = PostgresAddress("postgresql://anna:p%40ss@db/ikamet?password=other")
        #expect(address.scrub("failed for p@ss and p%40ss and other") == "failed for *** and *** and ***")
        #expect(PostgresAddress("postgresql://anna:pa?ss@db/ik").scrub("no pa?ss here") == "no *** here")
    }

    @Test func aConnectionStringIsAServerAndItsPasswordIsScrubbed() {
        let text = "host=/tmp/x dbname=ikamet user=zeynep password=KvGizli3"
        #expect(StoreLocation.parse(text) == .postgres(PostgresAddress(text)))
        #expect(PostgresAddress(text).scrub("failed for KvGizli3") == "failed for ***")
    }

    @Test func aPathIsAFile() {
        #expect(StoreLocation.parse("/srv/ikamet/office.sqlite") == .file("/srv/ikamet/office.sqlite"))
        #expect(StoreLocation.parse("postgresql.sqlite") == .file("postgresql.sqlite"))
    }

    /// The title bar's name of a store: the file's name, or the server's database (never the socket folder, never
    /// a password).
    @Test(arguments: [
        ("/srv/ikamet/office.sqlite", "office.sqlite"),
        ("postgresql:///e2e_41?host=/tmp/ikamet-ci-pg.nfsf7j&user=PL", "e2e_41"),
        ("postgresql://anna:s3cret@db.buro.example:5433/ikamet?sslmode=verify-full", "ikamet"),
        ("postgres://db.buro.example/b%C3%BCro", "büro"),
        ("postgresql://anna:s3cret@db.buro.example", "anna"),
        ("postgresql://?host=/run/postgresql&dbname=office", "office"),
        ("host=/run/postgresql dbname=ikamet user=elif password=s3cret", "ikamet"),
        ("host=/run/postgresql user=elif", "elif"),
    ])
    func theTitleBarNamesTheDatabase(text: String, name: String) {
        #expect(StoreLocation.parse(text).shortName == name)
    }
}
