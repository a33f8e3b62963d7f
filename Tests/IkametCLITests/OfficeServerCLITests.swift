import Foundation
import IkametTestSupport
import Testing

/// `ikamet init` and `ikamet users` on a PostgreSQL office store, through the binary (issue 13, decision 0034).
@Suite(.serialized, .enabled(if: PostgresTestServer.available))
struct OfficeServerCLITests {
    @Test func anAdminCreatesTheStoreAndAddsAnAttorneyAndAParalegal() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        let dir = try TempDir()
        defer { dir.remove() }
        let store = office.ownerURL
        let created = try runIkamet(["init", "--store", store], in: dir)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Office store created on \(store) (schema steps: pg1-office-store, pg2-change-notify, pg3-audited-changes, pg4-audit-first)"))
        // No server notice reaches the terminal; the only line on stderr may be the warning that the cluster already
        // has ikamet people (the other tests' logins).
        #expect(created.stderr.isEmpty || created.stderr.hasPrefix("warning: this PostgreSQL cluster already has ikamet people ("),
                "\(created.stderr)")
        #expect(!created.stderr.contains("NOTICE") && !created.stderr.contains("already exists"))
        let again = try runIkamet(["init"], in: dir, environment: ["IKAMET_STORE": store])
        #expect(again.status == 0)
        #expect(again.stdout.contains("is up to date"))
        #expect(again.stderr.isEmpty, "\(again.stderr)")

        let anna = office.login("anna"), pelin = office.login("pelin")
        let added = try runIkamet(["users", "add", anna, "--role", "attorney", "--password-stdin", "--store", store], in: dir,
                                  stdin: "tr0ub4dor&3\nignored second line\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "\(anna) may now log in as attorney, with a password (the server keeps only its SCRAM-SHA-256 verifier).\n")
        #expect(!added.stdout.contains("tr0ub4dor") && !added.stderr.contains("tr0ub4dor"))
        let peer = try runIkamet(["users", "add", pelin, "--role", "paralegal", "--store", store, "--lang", "tr"], in: dir)
        #expect(peer.status == 0, "\(peer.stderr)")
        #expect(peer.stdout.contains("\(pelin) artık büro çalışanı (paralegal) olarak parolasız girebilir"))

        let listed = try runIkamet(["users", "list", "--format", "json", "--store", store], in: dir)
        #expect(listed.status == 0)
        // The group roles belong to the whole cluster (decision 0034): other tests' logins are left out here.
        struct Row: Decodable, Equatable { var canLogin: Bool; var name: String; var role: String }
        let rows = try JSONDecoder().decode([Row].self, from: listed.stdoutData).filter { $0.name.hasPrefix("t_\(office.tag)_") }
        #expect(rows == [Row(canLogin: true, name: anna, role: "attorney"), Row(canLogin: true, name: office.owner, role: "admin"),
                         Row(canLogin: true, name: pelin, role: "paralegal")])
        #expect(listed.stdout.contains(#"{"canLogin":true,"name":"\#(pelin)","role":"paralegal"}"#))
        let table = try runIkamet(["users", "--store", store], in: dir)
        #expect(table.stdout.contains("\(pelin) ") && table.stdout.contains("paralegal"))
        #expect(table.stdout.hasSuffix("You are logged in as \(office.owner).\n"))

        let stored = try PostgresTestServer.psql(PostgresTestServer.url ?? "", "SELECT rolpassword FROM pg_authid WHERE rolname = '\(anna)'").output
        #expect(stored.hasPrefix("SCRAM-SHA-256$") && !stored.contains("tr0ub4dor"))

        let removed = try runIkamet(["users", "remove", pelin, "--store", store], in: dir)
        #expect(removed.status == 0)
        #expect(removed.stdout == "\(pelin) was removed; the audit trail keeps every row written under that name.\n")
    }

    @Test func aParalegalIsRefusedUserManagementInTheirLanguageAndNothingChanges() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        let dir = try TempDir()
        defer { dir.remove() }
        #expect(try runIkamet(["init", "--store", office.ownerURL], in: dir).status == 0)
        let pelin = office.login("pelin")
        #expect(try runIkamet(["users", "add", pelin, "--role", "paralegal", "--store", office.ownerURL], in: dir).status == 0)
        let before = try PostgresTestServer.psql(office.ownerURL, "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolname LIKE 't\\_\(office.tag)\\_%'").output

        let refused = try runIkamet(["users", "add", office.login("eve"), "--role", "admin", "--store", office.url(pelin)], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("Refused: this needs the role ikamet_admin, which your login \(pelin) does not have. Nothing was changed"))
        let turkish = try runIkamet(["users", "remove", office.owner, "--store", office.url(pelin), "--lang", "tr"], in: dir)
        #expect(turkish.status == 1)
        #expect(turkish.stderr.contains("Reddedildi: bu işlem ikamet_admin rolünü gerektiriyor, \(pelin) oturumunuzda bu rol yok."))
        #expect(try PostgresTestServer.psql(office.ownerURL, "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolname LIKE 't\\_\(office.tag)\\_%'").output == before)
        // The same refusal through psql as that login.
        let raw = try PostgresTestServer.psql(office.url(pelin), "SELECT ikamet_add_user('\(office.login("eve"))', 'ikamet_admin', NULL)")
        #expect(raw.status != 0 && raw.sqlstate == "42501")
    }

    @Test func badInputIsRefusedBeforeTheServerIsAsked() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        let dir = try TempDir()
        defer { dir.remove() }
        #expect(try runIkamet(["init", "--store", office.ownerURL], in: dir).status == 0)
        let badName = try runIkamet(["users", "add", "Anna Smith", "--role", "admin", "--store", office.ownerURL], in: dir)
        #expect(badName.status == 1)
        #expect(badName.stderr.contains("\"Anna Smith\" cannot be a user name"))
        let noPassword = try runIkamet(["users", "add", office.login("bo"), "--role", "admin", "--password-stdin", "--store", office.ownerURL], in: dir, stdin: "\n")
        #expect(noPassword.status == 1)
        #expect(noPassword.stderr.contains("No password on the first line of standard input; nothing was changed."))
        let badRole = try runIkamet(["users", "add", office.login("bo"), "--role", "boss", "--store", office.ownerURL], in: dir)
        #expect(badRole.status != 0)
        #expect(try PostgresTestServer.psql(office.ownerURL, "SELECT count(*) FROM pg_roles WHERE rolname = '\(office.login("bo"))'").output == "0")
    }

    @Test func copyStoreMovesAFileToTheServerAndBackupBringsItHome() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        let dir = try TempDir()
        defer { dir.remove() }
        #expect(try runIkamet(["init", "--store", office.ownerURL], in: dir).status == 0)
        let file = dir.path("office.sqlite")
        #expect(try runIkamet(["demo", "--keep", file, "--today", "2026-11-23"], in: dir).status == 0)
        let copied = try runIkamet(["copy-store", "--from", file, "--to", office.ownerURL], in: dir)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.hasPrefix("Copied 64 client(s), "))
        #expect(copied.stdout.contains("row counts and contents checked on both sides (digest "))
        // The same answers from both stores, and a second copy into the now used store is refused.
        let onFile = try runIkamet(["deadlines", "--within", "60", "--format", "json", "--store", file, "--today", "2026-11-23"], in: dir)
        let onServer = try runIkamet(["deadlines", "--within", "60", "--format", "json", "--store", office.ownerURL, "--today", "2026-11-23"], in: dir)
        #expect(onFile.status == 0 && onFile.stdoutData == onServer.stdoutData)
        let again = try runIkamet(["copy-store", "--from", file, "--to", office.ownerURL], in: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds clients, audit rows or settings: copy-store writes only into an empty store. Nothing was copied."))
        // A backup of the server is a file with the same audit trail.
        let backup = try runIkamet(["backup", dir.path("backup.sqlite"), "--store", office.ownerURL], in: dir)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("64 client(s)"))
        let logFile = try runIkamet(["log", "--format", "json", "--limit", "5000", "--store", dir.path("backup.sqlite")], in: dir)
        let logServer = try runIkamet(["log", "--format", "json", "--limit", "5000", "--store", office.ownerURL], in: dir)
        #expect(logFile.status == 0 && logFile.stdoutData == logServer.stdoutData)
        // The owner (an admin) restores it; the audit trail keeps every row and records the restore.
        let restore = try runIkamet(["restore", dir.path("backup.sqlite"), "--yes", "--store", office.ownerURL], in: dir)
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(restore.stdout.contains("Restored 64 client(s)"))
        let logAfter = try runIkamet(["log", "--format", "json", "--limit", "5000", "--store", office.ownerURL], in: dir)
        #expect(logAfter.stdout.count > logServer.stdout.count)
    }

    @Test func initRefusesADatabaseThatIsNotEmpty() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        let dir = try TempDir()
        defer { dir.remove() }
        #expect(try PostgresTestServer.psql(office.ownerURL, "CREATE TABLE invoices (n int); CREATE SEQUENCE invoice_no").status == 0)
        let refused = try runIkamet(["init", "--store", office.ownerURL], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not empty (it holds 2 tables, views or sequences that are not ikamet's)"))
    }
}

/// Without a server: the password never shows, the file store explains itself, and commands not yet on
/// PostgreSQL say so and change nothing.
@Suite struct OfficeServerURLTests {
    @Test func anUnreachableServerIsNamedWithoutItsPassword() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let url = "postgresql://anna:hunter2@/office?host=\(dir.path("no-server"))&sslmode=disable"
        for arguments in [["init"], ["users", "list"], ["users", "add", "bob", "--role", "admin"]] {
            let result = try runIkamet(arguments + ["--store", url], in: dir)
            #expect(result.status == 1)
            #expect(result.stderr.contains("Cannot connect to the office server postgresql://anna@/office?host=\(dir.path("no-server"))&sslmode=disable:"))
            #expect(result.stderr.contains("No such file or directory"))
            #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"))
        }
    }

    @Test func sslmodeIsHonoured() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let result = try runIkamet(["users", "list", "--store", "postgresql://anna@/office?host=\(dir.path("x"))&sslmode=sometimes"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("invalid sslmode value: \"sometimes\""))
    }

    @Test func usersOnAStoreFileExplainTheGate() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let result = try runIkamet(["users", "list", "--store", dir.path("office.sqlite")], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is a store file: its people are the OS accounts its permissions let in"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("office.sqlite")))
    }

    @Test func everyCommandNamesAnUnreachableServerWithoutThePassword() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let url = "postgresql://anna:hunter2@/ikamet?host=\(dir.path("gone"))"
        for arguments in [["deadlines"], ["clients"], ["log"], ["tui"], ["settings"], ["eligibility", "2026-0001"]] {
            let result = try runIkamet(arguments + ["--store", url], in: dir)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("Cannot connect to the office server postgresql://anna@/ikamet?host=\(dir.path("gone")):"),
                    "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"))
        }
    }

    /// On a server the import skips the check before it (its transaction leaves nothing behind), and refuses the
    /// same first bad client with the same words as on a file: here a duplicate file number before an invalid trip.
    @Test func aRefusedImportSaysTheSameOnAFileAndOnTheServerAndWritesNothing() throws {
        let office = try PostgresTestServer.makeOffice()
        defer { office.drop() }
        let dir = try TempDir()
        defer { dir.remove() }
        #expect(try runIkamet(["init", "--store", office.ownerURL], in: dir).status == 0)
        let generated = dir.url.appendingPathComponent("caseload.json").path
        #expect(try runIkamet(["demo", "--generate", "40", "--seed", "3", "--output", generated], in: dir).status == 0)
        var file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: generated))) as? [String: Any])
        var clients = try #require(file["clients"] as? [[String: Any]])
        clients[12]["id"] = clients[4]["id"]
        clients[30]["trips"] = [["exit": "2026-05-01", "entry": "2026-04-01"]]
        file["clients"] = clients
        let broken = dir.url.appendingPathComponent("broken.json")
        try JSONSerialization.data(withJSONObject: file).write(to: broken)
        let duplicate = try #require(clients[4]["id"] as? String)

        let onFile = try runIkamet(["import", broken.path, "--store", dir.url.appendingPathComponent("office.sqlite").path], in: dir)
        let onServer = try runIkamet(["import", broken.path, "--store", office.ownerURL], in: dir)
        #expect(onFile.status == 1 && onServer.status == 1)
        #expect(onFile.stderr.contains(duplicate) && onFile.stderr.contains("id"), "\(onFile.stderr)")
        #expect(onServer.stderr == onFile.stderr)
        #expect(try PostgresTestServer.psql(office.ownerURL, "SELECT (SELECT count(*) FROM client) || ' ' || (SELECT count(*) FROM audit)").output == "0 0")

        // The invalid trip first: both name it.
        clients[12]["id"] = "2026-9999"
        clients[2]["trips"] = [["exit": "2026-05-01", "entry": "2026-04-01"]]
        clients[30]["id"] = clients[2]["id"]
        file["clients"] = clients
        try JSONSerialization.data(withJSONObject: file).write(to: broken)
        let fileAgain = try runIkamet(["import", broken.path, "--store", dir.url.appendingPathComponent("office.sqlite").path], in: dir)
        let serverAgain = try runIkamet(["import", broken.path, "--store", office.ownerURL], in: dir)
        #expect(fileAgain.stderr.contains("trips[0].entry"), "\(fileAgain.stderr)")
        #expect(serverAgain.stderr == fileAgain.stderr)
        #expect(try PostgresTestServer.psql(office.ownerURL, "SELECT count(*) FROM client").output == "0")
    }
}
