import Foundation
import GRDB
import Testing
import IkametData
import IkametText
@testable import IkametCore
@testable import IkametInterchange
@testable import IkametStore
import IkametTestSupport

// The office store (issue 3, "The store"), on both engines (issue 13): every test about what the store does
// runs once on a real SQLite file and once on the real PostgreSQL test server (`Engine.tested`, `StoreSite`),
// each on a fresh store of its own. The tests about the SQLite file itself (WAL, file modes, fixtures of older
// schemas, refused files, network mounts) run on SQLite only; their server counterparts (init, schema steps,
// refused databases, who may connect) are in OfficeServerTests.

/// A record's fields by path, as the audit trail flattened them with Foundation's JSON reader (before the
/// interchange format's own reader took over; the rows already written hold these texts).
func foundationFlatten(_ client: Client) -> [String: String] {
    guard let object = try? JSONSerialization.jsonObject(with: Data(ClientJSON.encode(client))) as? [String: Any] else { return [:] }
    var out: [String: String] = [:]
    func walk(_ value: Any, _ path: String) {
        switch value {
        case let dict as [String: Any]:
            for (k, v) in dict { walk(v, path.isEmpty ? k : "\(path).\(k)") }
        case let list as [Any]:
            for (i, v) in list.enumerated() {
                var key = "\(i)"
                if let d = v as? [String: Any] {
                    if path == "applications", let id = d["id"] as? String { key = id }
                    if path.hasSuffix(".checklist"), let item = d["item"] as? String { key = item }
                }
                walk(v, "\(path)[\(key)]")
            }
        case is NSNull:
            break
        case let s as String:
            out[path] = s
        case let n as NSNumber:
            out[path] = n.stringValue
        default:
            out[path] = String(describing: value)
        }
    }
    walk(object, "")
    return out
}

// MARK: - Schema

@Suite("Store schema")
struct SchemaTests {
    @Test("a new file store is WAL, carries the ikamet application id and the one known migration")
    func newFileStore() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("office.sqlite")
        let store = try OfficeStore.open(path: path)
        #expect(store.path == path)
        #expect(try store.clientCount() == 0)
        #expect(try store.integrityProblems() == [])

        let raw = try DatabaseQueue(path: path)
        defer { try? raw.close() }
        try raw.read { db in
            #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == 0x696B_6D74)
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == ["v1-clients-audit-settings", "v2-agenda-cache", "v3-closed-files", "v4-agenda-facts", "v5-search-variants", "v6-supporters"])
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            #expect(tables == ["agenda", "audit", "client", "grdb_migrations", "meta", "setting"])
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            #expect(triggers == ["audit_no_delete", "audit_no_update"])
        }
    }

    @Test("reopening an existing store keeps its clients and does not re-run migrations", arguments: Engine.tested)
    func reopen(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        _ = try site.open().importClients([sampleClient()], by: pl, today: testToday)
        let store = try site.open()
        #expect(try store.allClients().map(\.id) == ["2026-0001"])
        #expect(store.warnings == [])
        switch engine {
        case .sqlite:
            let raw = try DatabaseQueue(path: site.path)
            defer { try? raw.close() }
            #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM grdb_migrations") } == 6)
        case .postgresql:
            let steps = try PostgresTestServer.psql(try #require(site.ownerURL), "SELECT string_agg(step, ',' ORDER BY step) FROM ikamet_migration")
            #expect(steps.output == PostgresSchema.steps.map(\.name).sorted().joined(separator: ","))
        }
    }

    @Test("a store written by schema v1 (fixture) is upgraded in place, keeping clients, versions and the audit trail")
    func upgradeFromV1() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("office.sqlite")
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/store-v1.sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let store = try OfficeStore.open(path: path)
        let stored = try #require(try store.client("2019-0001"))
        #expect(stored.client.name == "Ayşe Işık")
        #expect(stored.version == 3)
        #expect(try store.searchClients(filter: "isik").map(\.id) == ["2019-0001"])
        #expect(try store.auditTrail(client: "2019-0001").map(\.new) == ["created"])
        let raw = try DatabaseQueue(path: path)
        defer { try? raw.close() }
        #expect(try raw.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
                == ["v1-clients-audit-settings", "v2-agenda-cache", "v3-closed-files", "v4-agenda-facts", "v5-search-variants", "v6-supporters"])
        // The upgraded store can be written to.
        try store.modify("2019-0001", by: pl, today: testToday) { $0.notes = "upgraded" }
        #expect(try store.client("2019-0001")?.version == 4)
    }

    @Test("a new store file is 0600 and a created folder 0700")
    func permissions() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("office.sqlite")
        let store = try OfficeStore.open(path: path)
        try store.add(sampleClient(), by: pl, today: testToday)
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        // The write-ahead log holds client data too.
        for sidecar in [path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: sidecar) {
            let mode = try FileManager.default.attributesOfItem(atPath: sidecar)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(sidecar) mode \(String(mode ?? 0, radix: 8))")
        }

        let nested = tmp.path("xdg/ikamet/office.sqlite")
        _ = try OfficeStore.open(path: nested, createFolder: true)
        let folderMode = try FileManager.default.attributesOfItem(atPath: tmp.path("xdg/ikamet"))[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        #expect((try FileManager.default.attributesOfItem(atPath: nested)[.posixPermissions] as? Int) == 0o600)
    }

    @Test("an existing store readable by others opens with a warning")
    func groupReadableWarning() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("office.sqlite")
        try makeStoreFile(at: path, clients: [])
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let store = try OfficeStore.open(path: path)
        #expect(store.warnings.count == 1)
        #expect(store.warnings.first.map { Catalog.english.render($0) }?.contains("chmod 600") == true)
    }
}

// MARK: - Clients and versions

@Suite("Clients and versions")
struct ClientVersionTests {
    @Test("a record changed since it was read is refused at its update, before the commit (on a server, where the update travels with the next statement), and the store goes on",
          arguments: Engine.tested)
    func updateOfAChangedRecordIsRefused(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open(as: pl)
        try store.add(sampleClient(applications: [extensionApplication()]), by: pl, today: testToday)
        var noted = sampleClient(applications: [extensionApplication()])
        noted.notes = "called"
        #expect(try store.update(noted, expectedVersion: 1, by: pl, today: testToday) == 2)
        let stored = try #require(try store.client("2026-0001"))
        let trail = try store.auditTrail()
        // The record as it was read before the last save (version 1), edited: its update matches no row.
        var stale = stored
        stale.version = 1
        var edited = stored.client
        edited.phone = "+90 555 111 2233"
        #expect(throws: StoreError.conflict(client: "2026-0001", by: stored.updatedBy, at: stored.updatedAt, version: 1)) {
            try store.write { db in
                try OfficeStore.replace(db, old: stale, new: edited, actor: ek, today: testToday, batch: try db.nextBatch(), rules: nil)
            }
        }
        // Nothing of it stayed: not the record, not its audit rows, not its agenda.
        #expect(try store.client("2026-0001") == stored)
        #expect(try store.auditTrail() == trail)
        // The next save on the same connection goes through.
        #expect(try store.update(edited, expectedVersion: 2, by: ek, today: testToday) == 3)
        #expect(try store.client("2026-0001")?.client.phone == "+90 555 111 2233")
    }

    @Test("the reads a screen makes together are the reads made one by one", arguments: Engine.tested)
    func readsTogetherAreTheReadsOneByOne(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open(as: pl)
        var head = sampleClient(applications: [extensionApplication()])
        try store.add(head, by: pl, today: testToday)
        var member = sampleClient(id: "2026-0002", name: "Can Yılmaz", passport: "C02")
        member.supporter = .client("2026-0001")
        try store.add(member, by: pl, today: testToday)
        head.notes = "called"
        try store.update(head, expectedVersion: 1, by: ek, today: testToday)
        for id in ["2026-0001", "2026-0002", "2026-9999"] {
            let together = try store.clientWithHistory(id, historyLimit: 2)
            #expect(together.stored == (try store.client(id)))
            #expect(together.hasDependents == (try store.hasDependents(id)))
            #expect(together.history == (try store.auditTrail(client: id, limit: 2)))
            let after = try store.afterOwnChange(of: id)
            #expect(after.counter == (try store.changeCounter()))
            #expect(after.listRow?.row == (try store.clientListRow(id))?.row)
            #expect(after.listRow?.search == (try store.clientListRow(id))?.search)
            #expect(after.hasDependents == (try store.hasDependents(id)))
        }
        // The values are the store's: the head has a dependent, and its newest history row first, as many as asked.
        let head2 = try store.clientWithHistory("2026-0001", historyLimit: 2)
        #expect(head2.hasDependents && head2.stored?.client.notes == "called")
        #expect(head2.history.count == 2 && head2.history.first?.field == "notes")
        #expect(try store.afterOwnChange(of: "2026-9999").listRow == nil)
    }

    @Test("on a server, a statement sent ahead that fails makes the next one fail, and the connection goes on")
    func aFailedStatementSentAheadIsReported() throws {
        guard Engine.tested.contains(.postgresql) else { return }
        let site = try StoreSite(.postgresql); defer { site.remove() }
        let store = try site.open(as: pl)
        try store.add(sampleClient(), by: pl, today: testToday)
        // A second client with the same file number, sent ahead: the server refuses it, the SELECT after it says so.
        #expect(throws: (any Error).self) {
            try store.write { db in
                try db.executeLater("INSERT INTO meta (key, value) VALUES ('probe', '1')", [])
                try db.executeLater("INSERT INTO meta (key, value) VALUES ('probe', '2')", [])
                _ = try db.int("SELECT COUNT(*) FROM meta")
            }
        }
        #expect(try store.read { db in try db.int("SELECT COUNT(*) FROM meta WHERE key = 'probe'") } == 0)
        // The statement whose preparation the failure cut off is prepared again; the others run by their names.
        let count = try store.write { db -> Int? in
            try db.executeLater("INSERT INTO meta (key, value) VALUES ('probe', '1')", [])
            try db.executeLater("UPDATE meta SET value = '3' WHERE key = 'probe'", [],
                                expecting: RowsExpected(changed: 1, otherwise: StoreError.busy))
            return try db.int("SELECT COUNT(*) FROM meta")
        }
        #expect(count == (try store.read { db in try db.int("SELECT COUNT(*) FROM meta") }))
        #expect(try store.read { db in try db.string("SELECT value FROM meta WHERE key = 'probe'") } == "3")
        #expect(try store.client("2026-0001") != nil)
    }

    struct BodyFailed: Error {}

    @Test("a write whose work fails with statements still on their way keeps none of them and frees the writers' lock",
          arguments: Engine.tested)
    func aWriteThatFailsWithStatementsOnTheirWay(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open(as: pl)
        try store.add(sampleClient(), by: pl, today: testToday)
        for check in [false, true] {
            do {
                try store.write { db in
                    try db.executeLater("INSERT INTO meta (key, value) VALUES ('probe', '1')", [])
                    // An update that changes no row, sent with the rows it must change (on a server its refusal is
                    // not read before the work fails; on a file it is thrown at once), or none.
                    try db.executeLater("UPDATE meta SET value = '2' WHERE key = 'nothing'", [],
                                        expecting: check ? RowsExpected(changed: 1, otherwise: StoreError.busy) : nil)
                    throw BodyFailed()
                }
                Issue.record("the write went through")
            } catch {
                let expected = error is BodyFailed || (engine == .sqlite && check && error as? StoreError == .busy)
                #expect(expected, "\(error)")
            }
            #expect(try store.read { db in try db.int("SELECT COUNT(*) FROM meta WHERE key = 'probe'") } == 0)
        }
        // Another desk writes at once (the writers' lock was let go), and so does this one.
        let other = try site.open(as: ek)
        let start = Date()
        #expect(try other.update(sampleClient(notes: "other desk"), expectedVersion: 1, by: ek, today: testToday) == 2)
        #expect(Date().timeIntervalSince(start) < OfficeStore.writersWait / 2)
        #expect(try store.update(sampleClient(notes: "this desk"), expectedVersion: 2, by: pl, today: testToday) == 3)
    }

    @Test("on a server, a connection the server dropped between two reads or two writes is made again, and the work goes on")
    func droppedConnectionsAreMadeAgain() throws {
        guard Engine.tested.contains(.postgresql) else { return }
        let site = try StoreSite(.postgresql); defer { site.remove() }
        let store = try site.open(as: pl)
        try store.add(sampleClient(), by: pl, today: testToday)
        #expect(try store.clientCount() == 1)
        // The server ends every connection to the store's database (a restart, an administrator's hand).
        func dropConnections() throws {
            let database = try #require(site.databaseName)
            let dropped = try PostgresTestServer.psql(try #require(PostgresTestServer.url),
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(database)'")
            #expect(dropped.status == 0 && (Int(dropped.output) ?? 0) >= 1, "\(dropped.errors)")
        }
        try dropConnections()
        // A read: its BEGIN went out with its first statement and found the connection gone; it reads again.
        #expect(try store.clientCount() == 1)
        #expect(try store.client("2026-0001")?.version == 1)
        try dropConnections()
        // A write: its BEGIN finds the connection gone before anything was done; it begins again.
        #expect(try store.update(sampleClient(notes: "after the drop"), expectedVersion: 1, by: pl, today: testToday) == 2)
        #expect(try store.client("2026-0001")?.client.notes == "after the drop")
    }

    @Test("add, update and delete move the version and record who and when", arguments: Engine.tested)
    func addUpdateDelete(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let mine = try site.open(as: pl), theirs = try site.open(as: ek)
        #expect(try mine.add(sampleClient(), by: pl, today: testToday) == 1)
        let first = try #require(try mine.client("2026-0001"))
        #expect(first.version == 1)
        #expect(first.updatedBy == site.who(pl))
        #expect(first.updatedAt == "2026-11-23T10:00:00+03:00")
        #expect(first.client == sampleClient())

        var edited = first.client
        edited.phone = "+90 555 111 2233"
        #expect(try theirs.update(edited, expectedVersion: 1, by: ek, today: testToday) == 2)
        let second = try #require(try mine.client("2026-0001"))
        #expect(second.version == 2)
        #expect(second.updatedBy == site.who(ek))
        #expect(second.updatedAt == "2026-11-23T11:30:00+03:00")
        #expect(second.client.phone == "+90 555 111 2233")

        // Saving an unchanged record is not a change.
        #expect(try mine.update(edited, expectedVersion: 2, by: pl, today: testToday) == 2)
        #expect(try mine.client("2026-0001")?.updatedBy == site.who(ek))

        #expect(throws: StoreError.duplicateClient("2026-0001")) {
            try mine.add(sampleClient(), by: pl, today: testToday)
        }
        #expect(throws: StoreError.conflict(client: "2026-0001", by: site.who(ek), at: "2026-11-23T11:30:00+03:00", version: 2)) {
            try mine.delete("2026-0001", expectedVersion: 1, by: pl)
        }
        #expect(try mine.clientCount() == 1)

        try mine.delete("2026-0001", expectedVersion: 2, by: pl)
        #expect(try mine.client("2026-0001") == nil)
        #expect(try theirs.clientCount() == 0)
        let deletion = try #require(try theirs.auditTrail(client: "2026-0001").first)
        #expect(deletion.field == "*")
        #expect(deletion.user == site.who(pl))
        #expect(deletion.new == nil)
        #expect(deletion.old?.contains("\"phone\":\"+90 555 111 2233\"") == true)

        #expect(throws: StoreError.clientNotFound("2026-0001")) {
            try mine.delete("2026-0001", expectedVersion: 2, by: pl)
        }
    }

    @Test("a record with a validation error is not saved", arguments: Engine.tested)
    func invalidRefused(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open()
        var bad = sampleClient()
        bad.trips = [Trip(exit: d("2026-05-01"), entry: d("2026-04-01"))]
        do {
            try store.add(bad, by: pl, today: testToday)
            Issue.record("an invalid record was saved")
        } catch let StoreError.invalid(client, issues) {
            #expect(client == "2026-0001")
            #expect(issues.map(\.field) == ["trips[0].entry"])
        }
        #expect(try store.clientCount() == 0)
        #expect(try store.auditTrail() == [])
    }

    @Test("an update based on an outdated version from a second connection is refused, naming who and when", arguments: Engine.tested)
    func conflictBetweenConnections(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let mine = try site.open(as: pl)
        try mine.add(sampleClient(), by: pl, today: testToday)
        let theirs = try site.open(as: ek)

        let myCopy = try #require(try mine.client("2026-0001"))
        let theirCopy = try #require(try theirs.client("2026-0001"))
        #expect(myCopy.version == 1 && theirCopy.version == 1)

        var theirEdit = theirCopy.client
        theirEdit.address = "Bağdat Cad. 200, Kadıköy"
        #expect(try theirs.update(theirEdit, expectedVersion: 1, by: ek, today: testToday) == 2)

        var myEdit = myCopy.client
        myEdit.phone = "+90 555 999 9999"
        let expected = StoreError.conflict(client: "2026-0001", by: site.who(ek), at: "2026-11-23T11:30:00+03:00", version: 2)
        #expect(throws: expected) {
            try mine.update(myEdit, expectedVersion: 1, by: pl, today: testToday)
        }
        #expect(Catalog.english.render(expected.message).contains("changed by \(site.who(ek)) at 2026-11-23T11:30:00+03:00"))

        // Nothing of the refused edit was saved; both connections see the other's change.
        let now = try #require(try mine.client("2026-0001"))
        #expect(now.version == 2)
        #expect(now.client.address == "Bağdat Cad. 200, Kadıköy")
        #expect(now.client.phone == "+90 555 000 0000")
        #expect(try theirs.client("2026-0001")?.client == now.client)
        #expect(try mine.auditTrail(client: "2026-0001").contains { $0.new == "+90 555 999 9999" } == false)
    }

    @Test("a write that cannot get the lock within the writers' wait is refused as busy, writing nothing", arguments: Engine.tested)
    func busy(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open(as: ek)
        try store.add(sampleClient(), by: ek, today: testToday)
        // Another desk holds the writers' lock (SQLite: BEGIN IMMEDIATE; the server: the advisory lock of a write).
        func whileAnotherDeskWrites(_ body: () throws -> Void) throws {
            switch engine {
            case .sqlite:
                let raw = try DatabaseQueue(path: site.path)
                defer { try? raw.close() }
                try raw.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    defer { try? db.execute(sql: "ROLLBACK") }
                    try body()
                }
            case .postgresql:
                let other = try PGConnection(PostgresAddress(try #require(site.ownerURL)))
                try other.run(script: "BEGIN; SELECT pg_catalog.pg_advisory_xact_lock(x'696B6D74'::int)")
                defer { try? other.run(script: "ROLLBACK") }
                try body()
            }
        }
        try whileAnotherDeskWrites { () throws in
            let start = Date()
            #expect(throws: StoreError.busy) {
                try store.add(sampleClient(id: "2026-0002"), by: ek, today: testToday)
            }
            let waited = Date().timeIntervalSince(start)
            #expect(waited >= OfficeStore.writersWait - 1 && waited < OfficeStore.writersWait + 5, "waited \(waited) s")
            #expect(try store.clientCount() == 1)           // readers are not blocked
        }
        #expect(try store.clientCount() == 1)
        try store.add(sampleClient(id: "2026-0002"), by: ek, today: testToday)   // and work goes on afterwards
        #expect(try store.clientCount() == 2)
    }
}

// MARK: - Audit trail

@Suite("Audit trail")
struct AuditTests {
    @Test("an audit row's time is what ISO8601DateFormatter writes, in the office zone, across offsets and DST changes")
    func timestampsAsTheFormatterWritesThem() throws {
        var generator = SystemRandomNumberGenerator()
        for name in ["Europe/Istanbul", "UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns"] {
            let zone = try #require(TimeZone(identifier: name))
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = zone
            formatter.formatOptions = [.withInternetDateTime]
            // Whole seconds from 1970 to 2100, random and around 2026's changes of offset.
            let fixed = [1_774_746_000, 1_774_749_599, 1_792_890_000, 0, 4_102_444_799, 978_307_199]
            for seconds in fixed + (0..<400).map({ _ in Int.random(in: 0..<4_102_444_800, using: &generator) }) {
                let date = Date(timeIntervalSince1970: Double(seconds))
                #expect(Actor.internetTime(date, zone: zone) == formatter.string(from: date), "\(name) \(seconds)")
                // A fraction of a second is dropped.
                #expect(Actor.internetTime(date.addingTimeInterval(0.75), zone: zone) == formatter.string(from: date), "\(name) \(seconds).75")
            }
        }
        #expect(Actor.now(user: "PL", timeZone: "Europe/Istanbul", date: Date(timeIntervalSince1970: 1_795_000_000)).timestamp
                == "2026-11-18T14:06:40+03:00")
    }

    @Test("a save's changes are those of the whole records: lists held alike are left out without changing a path")
    func changesLeaveOutWhatIsAlike() {
        // The changes as flattening both whole records with Foundation's JSON reader gives them.
        func whole(_ old: Client, _ new: Client) -> [AuditChange] {
            let a = foundationFlatten(old), b = foundationFlatten(new)
            return Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
                .map { AuditChange(entity: AuditDiff.entity(of: $0), field: $0, old: a[$0], new: b[$0]) }
        }
        var second = extensionApplication(status: .draft, submitted: nil)
        second.id = "A2"
        var base = richClient()
        base.applications = [extensionApplication(), second]
        var variants: [Client] = [base]
        func variant(_ change: (inout Client) -> Void) { var c = base; change(&c); variants.append(c) }
        variant { $0.applications[0].checklist[0].state = .received }
        variant { $0.applications[1].checklist[1].state = .received; $0.applications[0].status = .approved }
        variant { $0.trips[0].entry = d("2024-07-21") }
        variant { $0.trips.append(Trip(exit: d("2020-01-01"), entry: d("2020-01-09"))) }
        variant { $0.trips.reverse() }
        variant { $0.trips = [] }
        variant { $0.permits[1].end = d("2025-11-29") }
        variant { $0.applications.removeFirst() }
        variant { $0.applications.reverse() }
        variant { $0.applications.append(second) }  // two applications A2: the lists are taken whole
        variant { $0.name = "Çağla Öztürk" }
        // A supporter who is a citizen (a true in the record), and one who is not.
        variant { $0.supporter = .person(name: "Ali Demir", permitEnd: nil, citizen: true) }
        variant { $0.supporter = .person(name: "Ali \"Demir\"\n\u{1F600}", permitEnd: d("2027-01-31"), citizen: false) }
        for old in variants {
            #expect(AuditDiff.flatten(old) == foundationFlatten(old))
            for new in variants {
                #expect(AuditDiff.changes(from: old, to: new) == whole(old, new))
            }
        }
        // The check above can fail: a tick is one change, at its application's path.
        #expect(AuditDiff.changes(from: variants[0], to: variants[1]).map(\.field) == ["applications[A1].checklist[photos].state"])
    }

    @Test("a checklist change records who, when, the field and old and new values", arguments: Engine.tested)
    func checklistChange(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        try site.open(as: ek).add(sampleClient(applications: [extensionApplication()]), by: ek, today: testToday)
        let store = try site.open(as: pl)
        let before = try store.auditTrail().count

        let saved = try store.modify("2026-0001", by: pl, today: testToday) { c in
            c.applications[0].checklist[0].state = .received
            c.applications[0].checklist[0].by = "PL"
            c.applications[0].checklist[0].at = testToday
        }
        #expect(saved.version == 2)
        #expect(saved.updatedBy == site.who(pl))

        let trail = try store.auditTrail(client: "2026-0001")
        let change = trail.prefix(trail.count - before)
        #expect(change.count == 3)
        #expect(Set(change.map(\.batch)).count == 1)
        let rows = change.sorted { $0.field < $1.field }.map { [$0.user, $0.at, $0.clientId ?? "", $0.entity, $0.field, $0.old ?? "∅", $0.new ?? "∅"] }
        let me = site.who(pl)
        #expect(rows == [
            [me, "2026-11-23T10:00:00+03:00", "2026-0001", "checklist", "applications[A1].checklist[photos].at", "∅", "2026-11-23"],
            [me, "2026-11-23T10:00:00+03:00", "2026-0001", "checklist", "applications[A1].checklist[photos].by", "∅", "PL"],
            [me, "2026-11-23T10:00:00+03:00", "2026-0001", "checklist", "applications[A1].checklist[photos].state", "missing", "received"],
        ])
        // Newest first.
        #expect(trail.map(\.seq) == trail.map(\.seq).sorted(by: >))
    }

    @Test("audit rows cannot be updated or deleted, even through raw SQL by the store's owner", arguments: Engine.tested)
    func auditIsAppendOnly(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open()
        try store.add(sampleClient(applications: [extensionApplication()]), by: ek, today: testToday)
        try store.modify("2026-0001", by: pl, today: testToday) { $0.applications[0].checklist[0].state = .received }
        let before = try store.auditTrail()
        #expect(before.count > 1)

        let attempts = [("UPDATE audit SET \"user\" = 'mallory', new = 'forged'", "changed"),
                        ("DELETE FROM audit", "deleted"), ("DELETE FROM audit WHERE seq = 1", "deleted")]
        switch engine {
        case .sqlite:
            let raw = try DatabaseQueue(path: site.path)
            defer { try? raw.close() }
            for (sql, verb) in attempts {
                do {
                    try raw.write { try $0.execute(sql: sql) }
                    Issue.record("\(sql) succeeded")
                } catch let error as DatabaseError {
                    #expect(error.message == "the audit trail cannot be \(verb)")
                }
            }
            #expect(try raw.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit WHERE user = 'mallory'") } == 0)
        case .postgresql:
            let owner = try #require(site.ownerURL)
            for (sql, _) in attempts + [("TRUNCATE audit", "")] {
                let result = try PostgresTestServer.psql(owner, sql)
                #expect(result.status != 0, "\(sql) succeeded")
                #expect(result.sqlstate == "42501", "\(sql): \(result.errors)")
            }
        }
        #expect(try store.auditTrail() == before)
    }
}

// MARK: - Import and export

@Suite("Import and export")
struct ImportExportTests {
    @Test("import is all or nothing: a bad client in the middle writes nothing", arguments: Engine.tested)
    func importRollback(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        try site.open(as: pl).add(sampleClient(id: "2026-0001"), by: pl, today: testToday)
        let store = try site.open(as: ek)
        let auditBefore = try store.auditTrail()

        var bad = sampleClient(id: "2026-0102", name: "Bad Trip")
        bad.trips = [Trip(exit: d("2026-05-01"), entry: d("2026-04-01"))]
        let batch = [sampleClient(id: "2026-0101", name: "Good Before"), bad, sampleClient(id: "2026-0103", name: "Good After")]
        #expect {
            try store.importClients(batch, by: ek, today: testToday)
        } throws: { error in
            guard case StoreError.importRefused(let e) = error else { return false }
            return e.client == "2026-0102" && e.field == "trips[0].entry"
                && Catalog.english.render(e.message) == "re-entry 2026-04-01 is before exit 2026-05-01"
        }
        #expect(try store.clientCount() == 1)
        #expect(try store.allClients().map(\.id) == ["2026-0001"])
        #expect(try store.auditTrail() == auditBefore)

        // A duplicate id in the batch is refused the same way.
        let dup = [sampleClient(id: "2026-0101"), sampleClient(id: "2026-0101", name: "Twin")]
        #expect(throws: StoreError.importRefused(InterchangeError(client: "2026-0101", field: "id", message: Message("interchange.error.duplicate-id-in-file")))) {
            try store.importClients(dup, by: ek, today: testToday)
        }
        #expect(try store.clientCount() == 1)
    }

    @Test("the import refuses the first bad client of the file, as the check before it does", arguments: Engine.tested)
    func firstBadClient(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open()
        var clients = bulkClients(30)
        clients[9] = sampleClient(id: "B-0005", name: "Twin")     // a duplicate file number …
        clients[19].trips = [Trip(exit: d("2026-05-01"), entry: d("2026-04-01"))]   // … before an invalid trip
        let duplicate = StoreError.importRefused(InterchangeError(client: "B-0005", field: "id", message: Message("interchange.error.duplicate-id-in-file")))
        let batch = clients
        #expect(throws: duplicate) { try OfficeStore.checkImport(count: batch.count, validator: Validator(), today: testToday) { batch[$0] } }
        #expect(throws: duplicate) { try store.importClients(batch, by: pl, today: testToday) }

        clients[3].trips = [Trip(exit: d("2026-05-01"), entry: d("2026-04-01"))]   // now an invalid trip comes first
        let invalid = clients
        func refusedClient(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch StoreError.importRefused(let e) { return "\(e.client ?? "") \(e.field ?? "")" } catch { return "\(error)" }
        }
        #expect(refusedClient { try OfficeStore.checkImport(count: invalid.count, validator: Validator(), today: testToday) { invalid[$0] } } == "B-0004 trips[0].entry")
        #expect(refusedClient { _ = try store.importClients(invalid, by: pl, today: testToday) } == "B-0004 trips[0].entry")
        #expect(try store.clientCount() == 0)
        #expect(try store.auditTrail() == [])
    }

    @Test("re-importing a client updates it, audited; an identical re-import changes nothing", arguments: Engine.tested)
    func reimport(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let first = try site.open(as: pl).importClients([sampleClient()], by: pl, today: testToday)
        let store = try site.open(as: ek)
        #expect(first == ImportSummary(created: 1, updated: 0, unchanged: 0))
        #expect(try store.client("2026-0001")?.version == 1)
        #expect(try store.auditTrail(client: "2026-0001").map(\.new) == ["imported"])

        var changed = sampleClient()
        changed.phone = "+90 532 123 4567"
        let second = try store.importClients([changed, sampleClient(id: "2026-0002", name: "Yeni Müvekkil")], by: ek, today: testToday)
        #expect(second == ImportSummary(created: 1, updated: 1, unchanged: 0))
        let stored = try #require(try store.client("2026-0001"))
        #expect(stored.version == 2)
        #expect(stored.updatedBy == site.who(ek))
        #expect(stored.client.phone == "+90 532 123 4567")
        let audit = try store.auditTrail(client: "2026-0001")
        #expect(audit.count == 2)
        let update = try #require(audit.first)
        #expect([update.user, update.at, update.entity, update.field, update.old, update.new]
                == [site.who(ek), "2026-11-23T11:30:00+03:00", "client", "phone", "+90 555 000 0000", "+90 532 123 4567"])

        let auditCount = try store.auditTrail().count
        let third = try site.open(as: pl).importClients([changed], by: pl, today: testToday)
        #expect(third == ImportSummary(created: 0, updated: 0, unchanged: 1))
        #expect(try store.client("2026-0001")?.version == 2)
        #expect(try store.auditTrail().count == auditCount)
    }

    @Test("export → import into a fresh store → export is byte-identical", arguments: Engine.tested)
    func exportRoundTrip(engine: Engine) throws {
        let site = try StoreSite(engine), other = try StoreSite(engine)
        defer { site.remove(); other.remove() }
        let source = try site.open(as: pl)
        try source.add(richClient(), by: pl, today: testToday)   // stamps the submission snapshot
        try source.add(sampleClient(id: "2026-0007", name: "Hans Müller", passport: "C7"), by: pl, today: testToday)
        _ = try source.importClients([sampleClient(id: "2026-0003", name: "İlkay Şahin")], by: pl, today: testToday)
        let exported = try Interchange.encode(try source.allClients())

        let text = String(decoding: exported, as: UTF8.self)
        // One client per line, keys sorted, clients by file number.
        #expect(text.hasPrefix("{\"clients\":[\n{\"address\""))
        #expect(text.hasSuffix("\n],\"format\":\"ikamet/1\"}\n"))
        #expect(text.split(separator: "\n").count == 5)
        #expect(text.contains("\"snapshot\":{"))

        let decoded = try Interchange.decode(exported)
        #expect(decoded.clients.map(\.id) == ["2026-0003", "2026-0007", "2026-0042"])
        let rich = try #require(decoded.clients.last)
        #expect(rich.permits.map(\.start) == [d("2021-09-01"), d("2025-12-01")])   // canonical order
        #expect(rich.trips.map(\.exit) == [d("2022-01-05"), d("2024-07-01")])

        let target = try other.open(as: ek)
        let summary = try target.importClients(decoded.clients, by: ek, today: testToday)
        #expect(summary == ImportSummary(created: 3, updated: 0, unchanged: 0))
        let again = try Interchange.encode(try target.allClients())
        #expect(again == exported)
    }
}

// MARK: - Refusing files that are not ikamet stores

@Suite("Refused files stay untouched")
struct RefusalTests {
    /// Opens `path`, expects `check` to accept the error, and the file's bytes to be unchanged.
    func expectRefusal(_ path: String, sourceLocation: SourceLocation = #_sourceLocation,
                       _ check: (StoreError) -> Bool) throws {
        let before = try fileBytes(path)
        do {
            _ = try OfficeStore.open(path: path)
            Issue.record("the file was opened as a store", sourceLocation: sourceLocation)
        } catch let error as StoreError {
            #expect(check(error), "unexpected error: \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a StoreError: \(error)", sourceLocation: sourceLocation)
        }
        #expect(try fileBytes(path) == before, "the refused file was changed", sourceLocation: sourceLocation)
    }

    @Test("an empty file")
    func emptyFile() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("empty.sqlite")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        try expectRefusal(path) { $0 == .notAStore(path: path, reason: Message("store.not-a-store.empty")) }
        #expect(try fileBytes(path).isEmpty)
    }

    @Test("random bytes")
    func randomBytes() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("random.sqlite")
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try data.write(to: URL(fileURLWithPath: path))
        try expectRefusal(path) { $0 == .notAStore(path: path, reason: Message("store.not-a-store.not-sqlite")) }
        #expect(try fileBytes(path) == data)
    }

    @Test("a SQLite database of another application")
    func foreignSQLite() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("invoices.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE invoice (id INTEGER PRIMARY KEY, amount REAL NOT NULL)")
            try db.execute(sql: "INSERT INTO invoice (amount) VALUES (12.5), (99.0)")
        }
        try other.close()
        try expectRefusal(path) { $0 == .notAStore(path: path, reason: Message("store.not-a-store.other-application")) }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("a store written by a newer schema")
    func newerSchema() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("office.sqlite")
        try makeStoreFile(at: path, clients: [sampleClient()])
        let raw = try DatabaseQueue(path: path)
        try raw.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')") }
        try raw.close()
        try expectRefusal(path) { $0 == .newerSchema(path: path, unknown: ["v9-from-the-future"]) }
    }

    @Test("a truncated store (its first 4096 bytes)")
    func truncatedStore() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let full = tmp.path("full.sqlite")
        try makeStoreFile(at: full, clients: bulkClients(40, noteLength: 200))
        let bytes = try fileBytes(full)
        #expect(bytes.count > 8192)
        let path = tmp.path("truncated.sqlite")
        try bytes.prefix(4096).write(to: URL(fileURLWithPath: path))
        try expectRefusal(path) {
            if case .corrupt(let p, _) = $0 { return p == path }
            return false
        }
        #expect(try fileBytes(path).count == 4096)
    }

    @Test("a missing folder is refused and not created")
    func missingFolder() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let folder = tmp.path("no-such-folder")
        #expect(throws: StoreError.missingFolder(path: folder)) {
            try OfficeStore.open(path: folder + "/office.sqlite")
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}

// MARK: - Search

@Suite("Turkish-aware client search")
struct SearchTests {
    /// Five clients on a fresh store of `site`.
    func store(_ site: StoreSite) throws -> OfficeStore {
        let s = try site.open()
        let clients = [
            sampleClient(id: "2026-0010", name: "Mehmet IŞIK", passport: "U1000001", attorney: "EK"),
            sampleClient(id: "2026-0011", name: "Elif Işık", passport: "U1000002", attorney: "PL"),
            sampleClient(id: "2026-0012", name: "Ayşe Yılmaz", passport: "C01X00T47", foreignerId: "99123456740", attorney: "EK"),
            sampleClient(id: "2026-0013", name: "Hans Müller", passport: "U1000003", attorney: "PL"),
            sampleClient(id: "2026-0014", name: "İsmail Çelik", passport: "U1000004", attorney: "EK"),
        ]
        for c in clients { try s.add(c, by: pl, today: testToday) }
        return s
    }

    @Test("I/ı/İ, ş, ü, ç fold to plain letters, in both directions", arguments: Engine.tested)
    func folding(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let s = try store(site)
        func ids(_ filter: String) throws -> [String] { try s.searchClients(filter: filter).map(\.id) }
        #expect(try ids("isik") == ["2026-0011", "2026-0010"])   // ordered by name: Elif, Mehmet
        #expect(try ids("IŞIK") == ["2026-0011", "2026-0010"])
        #expect(try ids("ışık") == ["2026-0011", "2026-0010"])
        #expect(try ids("ayse") == ["2026-0012"])
        #expect(try ids("AYŞE YILMAZ") == ["2026-0012"])
        #expect(try ids("muller") == ["2026-0013"])
        #expect(try ids("ismail celik") == ["2026-0014"])
        #expect(try ids("nobody") == [])
    }

    @Test("search by passport, foreigner id and file number", arguments: Engine.tested)
    func identifiers(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let s = try store(site)
        #expect(try s.searchClients(filter: "c01x00").map(\.id) == ["2026-0012"])
        #expect(try s.searchClients(filter: "99123456740").map(\.id) == ["2026-0012"])
        #expect(try s.searchClients(filter: "9912345").map(\.id) == ["2026-0012"])
        #expect(try s.searchClients(filter: "2026-0013").map(\.id) == ["2026-0013"])
        let row = try #require(try s.searchClients(filter: "C01X00T47").first)
        #expect(row == ClientSummary(id: "2026-0012", name: "Ayşe Yılmaz", attorney: "EK", version: 1))
    }

    @Test("pages and the attorney filter", arguments: Engine.tested)
    func paging(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let s = try store(site)
        let all = try s.searchClients().map(\.id)
        #expect(all == ["2026-0012", "2026-0011", "2026-0013", "2026-0014", "2026-0010"])
        let pages = try [0, 2, 4].map { try s.searchClients(limit: 2, offset: $0).map(\.id) }
        #expect(pages == [["2026-0012", "2026-0011"], ["2026-0013", "2026-0014"], ["2026-0010"]])
        #expect(try s.searchClients(filter: "isik", attorney: "EK").map(\.id) == ["2026-0010"])
        #expect(try s.searchClientRecords(filter: "isik", attorney: "PL").map(\.name) == ["Elif Işık"])
    }
}

// MARK: - Settings

@Suite("Office settings")
struct SettingsTests {
    let base = RuleParameters.standard

    @Test("mailing in calendar days changes the parameters and the mailing deadline, audited", arguments: Engine.tested)
    func mailingUnitOverride(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open(as: pl), theirs = try site.open(as: ek)
        #expect(try store.parameters(base: base) == base)
        try store.setSetting("rules.deadlines.mailingUnit", to: "calendar-days", base: base, by: pl)

        let params = try store.parameters(base: base)
        #expect(params.deadlines.mailingUnit == .calendarDays)
        var expected = base
        expected.deadlines.mailingUnit = .calendarDays
        #expect(params == expected)

        let row = try #require(try store.settingRows().first)
        #expect(row == SettingRow(key: "rules.deadlines.mailingUnit", value: "\"calendar-days\"", version: 1,
                                  updatedBy: site.who(pl), updatedAt: "2026-11-23T10:00:00+03:00"))
        let audit = try #require(try store.auditTrail().first)
        #expect([audit.user, audit.entity, audit.field, audit.old, audit.new]
                == [site.who(pl), "setting", "rules.deadlines.mailingUnit", nil, "\"calendar-days\""])
        #expect(audit.clientId == nil)

        // Submitted Thu 2026-11-19: 5 calendar days → Tue 2026-11-24 (working days would give Thu 2026-11-26).
        let (deadline, why) = DeadlineEngine(parameters: params).mailingDeadline(submitted: d("2026-11-19"))
        #expect(deadline == d("2026-11-24"))
        #expect(Catalog.english.explanation(why).contains("calendar-days"))
        #expect(DeadlineEngine(parameters: base).mailingDeadline(submitted: d("2026-11-19")).0 == d("2026-11-26"))

        // Changing it again bumps its version; unsetting goes back to the shipped value.
        try theirs.setSetting("rules.deadlines.mailingCount", to: "7", base: base, by: ek)
        #expect(try store.parameters(base: base).deadlines.mailingCount == 7)
        try theirs.setSetting("rules.deadlines.mailingUnit", to: "working-days", base: base, by: ek)
        #expect(try store.settingRows().first { $0.key == "rules.deadlines.mailingUnit" }?.version == 2)
        try theirs.setSetting("rules.deadlines.mailingUnit", to: nil, base: base, by: ek)
        try theirs.setSetting("rules.deadlines.mailingCount", to: nil, base: base, by: ek)
        #expect(try store.parameters(base: base) == base)
        let unset = try #require(try store.auditTrail().first)
        #expect([unset.user, unset.field, unset.old, unset.new] == [site.who(ek), "rules.deadlines.mailingCount", "7", nil])
    }

    @Test("bad keys and values are refused and change nothing", arguments: Engine.tested, [
        ("colour", "blue"),
        ("rules.deadlines.noSuchParameter", "3"),
        ("rules.deadlines", "3"),
        ("rules.deadlines.mailingUnit", "fortnights"),
        ("rules.deadlines.mailingCount", "0"),
        ("rules.deadlines.mailingCount", "\"five\""),
        ("dateFormat", "american"),
        ("attorneys", "EK, PL"),
    ])
    func refused(engine: Engine, setting: (key: String, value: String)) throws {
        let (key, value) = setting
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open()
        try store.setSetting("dateFormat", to: "dotted", base: base, by: pl)
        let rows = try store.settingRows(), audit = try store.auditTrail()
        do {
            try store.setSetting(key, to: value, base: base, by: ek)
            Issue.record("\(key) = \(value) was accepted")
        } catch let StoreError.badSetting(message) {
            #expect(!Catalog.english.render(message).isEmpty && Catalog.english.has(message.key))
        }
        #expect(try store.settingRows() == rows)
        #expect(try store.auditTrail() == audit)
        #expect(try store.parameters(base: base) == base)
    }

    @Test("attorneys are kept as a list", arguments: Engine.tested)
    func attorneys(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open()
        #expect(try store.attorneys() == [])
        try store.setSetting("attorneys", to: #"[{"initials":"EK","name":"Elif Kaya"},{"initials":"PL","name":"Pelin Laçin"}]"#,
                             base: base, by: pl)
        #expect(try store.attorneys() == [Attorney(initials: "EK", name: "Elif Kaya"), Attorney(initials: "PL", name: "Pelin Laçin")])
    }
}

// MARK: - Submission snapshot

@Suite("Submission snapshot")
struct SnapshotTests {
    @Test("an application going from draft to submitted is stamped with the submitted data", arguments: Engine.tested)
    func stampedOnSubmission(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open(as: pl), theirs = try site.open(as: ek)
        try store.add(sampleClient(applications: [extensionApplication(status: .draft, submitted: nil)]), by: pl, today: testToday)
        let draft = try #require(try store.client("2026-0001"))
        #expect(draft.client.applications[0].snapshot == nil)

        var submitted = draft.client
        submitted.applications[0].status = .submitted
        submitted.applications[0].submitted = d("2026-11-19")
        #expect(try theirs.update(submitted, expectedVersion: 1, by: ek, today: testToday) == 2)

        let stored = try #require(try store.client("2026-0001"))
        // r2: the snapshot holds the identity data e-ikamet asks again (birth date, nationality, …) too.
        let expected = SubmissionSnapshot(name: "Ayşe Yılmaz", birthDate: d("1985-04-12"), nationality: "DE",
                                          passportNumber: "C01X00T47", passportExpires: d("2031-05-01"),
                                          address: "Moda Cad. 1, Kadıköy", phone: "+90 555 000 0000", email: "client@example.com",
                                          permitType: .shortTerm, permitNumber: "P-77",
                                          permitStart: d("2025-12-01"), permitEnd: d("2026-11-30"))
        #expect(stored.client.applications[0].snapshot == expected)
        let audit = try store.auditTrail(client: "2026-0001").filter { $0.user == site.who(ek) }
        #expect(audit.contains { $0.field == "applications[A1].status" && $0.old == "draft" && $0.new == "submitted" })
        #expect(audit.contains { $0.field == "applications[A1].snapshot.passportNumber" && $0.old == nil && $0.new == "C01X00T47" })

        // Later edits of the record do not rewrite what was submitted.
        let edited = try store.modify("2026-0001", by: pl, today: testToday) { $0.phone = "+90 555 777 8899" }
        #expect(edited.client.phone == "+90 555 777 8899")
        #expect(try store.client("2026-0001")?.client.applications[0].snapshot == expected)
    }

    @Test("a client added with a submitted application gets its snapshot; a draft does not", arguments: Engine.tested)
    func stampedOnAdd(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open()
        try store.add(sampleClient(id: "2026-0001", applications: [extensionApplication()]), by: pl, today: testToday)
        try store.add(sampleClient(id: "2026-0002", applications: [extensionApplication(status: .draft, submitted: nil)]), by: pl, today: testToday)
        #expect(try store.client("2026-0001")?.client.applications[0].snapshot?.permitEnd == d("2026-11-30"))
        #expect(try store.client("2026-0002")?.client.applications[0].snapshot == nil)
    }
}

// MARK: - Agenda snapshots

@Suite("Agenda snapshots")
struct AgendaSnapshotTests {
    static func rules(mailingCount: Int? = nil) -> AgendaRules {
        let data = try? RuleData.loadDefault()
        var parameters = data?.parameters ?? RuleParameters.standard
        if let mailingCount { parameters.deadlines.mailingCount = mailingCount }
        return AgendaRules.make(parameters: parameters, holidays: data?.holidays ?? HolidayTable(fixed: [], fixedHalfDays: [], religious: [:]))
    }

    @Test("new rules recompute every snapshot, in chunks, and the store takes their fingerprint last", arguments: Engine.tested)
    func refreshInChunks(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let old = Self.rules(), new = Self.rules(mailingCount: 9)
        #expect(old.fingerprint != new.fingerprint)
        let store = try site.open()
        store.configure(agenda: old)
        let count = 2 * OfficeStore.refreshChunk + 17
        let clients = bulkClients(count).map { c -> Client in
            var c = c
            c.applications = [extensionApplication()]   // submitted 2026-11-19 by mail: the mailing deadline depends on the rules
            return c
        }
        _ = try store.importClients(clients, by: pl, today: testToday)
        #expect(try !store.agendaNeedsRefresh(today: testToday, rules: old))
        #expect(try store.agendaNeedsRefresh(today: testToday, rules: new))
        #expect(try store.read { try OfficeStore.staleClientIds($0, today: testToday, rules: new) }.count == count)

        // One chunk: its clients are done (each by its own cacheRules), the others not, and the store keeps the old
        // rules' fingerprint until the last one.
        #expect(try !store.refreshAgenda(today: testToday, rules: new, chunksAtMost: 1))
        #expect(try store.read { try OfficeStore.staleClientIds($0, today: testToday, rules: new) }.count == count - OfficeStore.refreshChunk)
        #expect(try store.read { try OfficeStore.agendaFingerprint($0) } == old.fingerprint)
        #expect(try store.agendaNeedsRefresh(today: testToday, rules: new))
        // A save by another desk between two chunks goes through at once (no lock is held between chunks).
        let other = try site.open(as: ek)
        other.configure(agenda: new)
        try other.modify(clients[0].id, by: ek, today: testToday) { $0.notes = "saved between two chunks" }

        #expect(try store.refreshAgenda(today: testToday, rules: new))
        #expect(try store.read { try OfficeStore.agendaFingerprint($0) } == new.fingerprint)
        #expect(try !store.agendaNeedsRefresh(today: testToday, rules: new))
        #expect(try store.read { try OfficeStore.staleClientIds($0, today: testToday, rules: new) } == [])
        // Every stored row is what the new rules compute, client by client.
        let stored = try store.agendaEntries(today: testToday, rules: new, through: nil)
        let expected = clients.flatMap { c in new.computer.snapshot(of: c, today: testToday, supporter: nil).entries.map { (c.id, $0) } }
        #expect(stored.count == expected.count)
        #expect(Set(stored.map { "\($0.clientId) \($0.entry.kind) \($0.entry.date.iso)" })
                == Set(expected.map { "\($0.0) \($0.1.kind) \($0.1.date.iso)" }))
        // A second call finds nothing to do.
        #expect(try store.refreshAgenda(today: testToday, rules: new))
    }
}

// MARK: - Agenda pages

@Suite("Agenda pages")
struct AgendaPageTests {
    @Test("a page read from its neighbour's key is the page counted from the start, forward and backward", arguments: Engine.tested)
    func keysetPages(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let store = try site.open()
        let rules = AgendaSnapshotTests.rules()
        store.configure(agenda: rules)
        // Two submitted applications a client on the same dates (rows tied on date, client and kind, told apart by
        // the application), two attorneys, permits ending on many days.
        let clients = (1...160).map { i -> Client in
            var c = sampleClient(id: String(format: "P-%04d", i), name: "Page Client \(i)", passport: "PP\(i)", attorney: i % 3 == 0 ? "PL" : "EK")
            c.permits[0].end = testToday.adding(days: i % 40)
            var second = extensionApplication()
            second.id = "A2"
            c.applications = i % 2 == 0 ? [extensionApplication(), second] : [extensionApplication(status: .draft, submitted: nil)]
            return c
        }
        _ = try store.importClients(clients, by: pl, today: testToday)
        for attorney in [nil, "EK"] {
            let query = AgendaQuery(today: testToday, horizon: 60, criticalDays: 7, windowDays: 60, attorney: attorney)
            var rows = 0
            for group in AgendaGroup.allCases {
                let all = try store.agendaPage(query, group: group, offset: 0, limit: 100_000)
                rows += all.count
                guard all.count > 1 else { continue }
                // Forward: the first page counted, the next ones each from the last row of the one before.
                var forward = try store.agendaPage(query, group: group, offset: 0, limit: 7)
                while let last = forward.last {
                    let next = try store.agendaPage(query, group: group, next: last.key, limit: 7)
                    if next.isEmpty { break }
                    forward += next
                }
                #expect(forward == all, "\(group), attorney \(attorney ?? "all"), forward")
                // Backward: the last page counted, the ones before each from the first row of the one after.
                var backward = try store.agendaPage(query, group: group, offset: max(0, all.count - 7), limit: 7)
                while let first = backward.first {
                    let previous = try store.agendaPage(query, group: group, next: first.key, before: true, limit: 7)
                    if previous.isEmpty { break }
                    backward = previous + backward
                }
                #expect(backward == all, "\(group), attorney \(attorney ?? "all"), backward")
            }
            #expect(rows > 100, "attorney \(attorney ?? "all"): \(rows) rows")
        }
    }
}

// MARK: - Backup and restore

/// Writes a client through a second connection on each of the first backup steps.
final class ConcurrentWriter: @unchecked Sendable {
    private let lock = NSLock()
    private let store: OfficeStore
    private let maxWrites: Int
    private(set) var steps = 0
    private(set) var written: [String] = []
    private(set) var errors: [String] = []

    init(store: OfficeStore, maxWrites: Int) { self.store = store; self.maxWrites = maxWrites }

    func step(done: Int, total: Int) {
        lock.lock(); defer { lock.unlock() }
        steps += 1
        guard done < total, written.count < maxWrites else { return }
        let id = "W-\(written.count + 1)"
        do {
            try store.add(sampleClient(id: id, name: "Written During Backup"), by: ek, today: testToday)
            written.append(id)
        } catch {
            errors.append(String(describing: error))
        }
    }
}

@Suite("Backup and restore")
struct BackupTests {
    @Test("a backup taken while a second connection writes is consistent and holds the committed clients", arguments: Engine.tested)
    func backupWhileWriting(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let dest = site.tmp.path("backup.sqlite")
        let store = try site.open(as: pl)
        let initial = bulkClients(600, noteLength: 3000)   // a few MB: several 256-page backup steps (1,000-row chunks on a server)
        _ = try store.importClients(initial, by: pl, today: testToday)
        let other = try site.open(as: ek)
        let writer = ConcurrentWriter(store: other, maxWrites: 3)

        try store.backup(to: dest) { done, total in writer.step(done: done, total: total) }

        #expect(writer.errors == [])
        #expect(writer.steps > 1)
        #expect(!writer.written.isEmpty)   // at least one commit landed between two backup steps
        #expect(try store.clientCount() == 600 + writer.written.count)

        let copy = try OfficeStore.open(path: dest)
        #expect(try copy.integrityProblems() == [])
        #expect((try FileManager.default.attributesOfItem(atPath: dest)[.posixPermissions] as? Int) == 0o600)
        // The backup is the database as committed when it started: all imported clients, none half-written.
        #expect(try copy.clientCount() == 600)
        let ids = try copy.allClients().map(\.id)
        #expect(ids == initial.map(\.id))
        #expect(try copy.client("B-0600")?.client == initial.last)
    }

    @Test("backup refuses an existing destination and a missing folder", arguments: Engine.tested)
    func backupRefusals(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let tmp = site.tmp
        let store = try site.open()
        let existing = tmp.path("exists.sqlite")
        _ = FileManager.default.createFile(atPath: existing, contents: Data("keep me".utf8))
        do {
            try store.backup(to: existing)
            Issue.record("overwrote an existing file")
        } catch let StoreError.access(path, _) {
            #expect(path == existing)
        }
        #expect(try fileBytes(existing) == Data("keep me".utf8))
        #expect(throws: StoreError.missingFolder(path: tmp.path("nope"))) {
            try store.backup(to: tmp.path("nope/backup.sqlite"))
        }
    }

    @Test("a backup is one rollback-journal file, checked without changing it", arguments: Engine.tested)
    func backupIsOneFile(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let tmp = site.tmp
        let store = try site.open()
        try store.add(sampleClient(id: "2026-0001"), by: pl, today: testToday)
        let dest = tmp.path("backup.sqlite")
        try store.backup(to: dest)
        let bytes = try fileBytes(dest)
        let (clients, problems) = try OfficeStore.inspect(backup: dest)
        #expect(clients == 1 && problems.isEmpty)
        #expect(try fileBytes(dest) == bytes)
        #expect(!FileManager.default.fileExists(atPath: dest + "-wal"))
        let raw = try DatabaseQueue(path: dest, configuration: { var c = Configuration(); c.readonly = true; return c }())
        #expect(try raw.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
        try raw.close()
    }

    @Test("restore brings back the backup's clients and records the restore", arguments: Engine.tested)
    func restore(engine: Engine) throws {
        let site = try StoreSite(engine); defer { site.remove() }
        let dest = site.tmp.path("backup.sqlite")
        let store = try site.open(as: pl), theirs = try site.open(as: ek)
        try store.add(sampleClient(id: "2026-0001"), by: pl, today: testToday)
        try store.add(sampleClient(id: "2026-0002", name: "Elif Işık"), by: pl, today: testToday)
        try store.backup(to: dest)

        try store.delete("2026-0001", expectedVersion: 1, by: pl)
        try store.add(sampleClient(id: "2026-0003", name: "After Backup"), by: pl, today: testToday)
        #expect(try store.allClients().map(\.id) == ["2026-0002", "2026-0003"])

        let auditBefore = try store.auditTrail().count
        let backupBytes = try fileBytes(dest)
        try theirs.restore(fromBackup: dest, by: ek)
        #expect(try fileBytes(dest) == backupBytes, "the backup file was changed")
        #expect(try store.allClients().map(\.id) == ["2026-0001", "2026-0002"])
        // The trail keeps every row written after the backup and records the restore.
        #expect(try store.auditTrail().count == auditBefore + 1)
        #expect(try store.client("2026-0001")?.client == sampleClient(id: "2026-0001"))
        #expect(try store.integrityProblems() == [])
        let last = try #require(try store.auditTrail().first)
        #expect([last.user, last.entity, last.field, last.new] == [site.who(ek), "store", "*", "restored from \(dest)"])

        // Another connection to the store sees the restored store.
        let other = try site.open()
        #expect(try other.allClients().map(\.id) == ["2026-0001", "2026-0002"])
    }
}

@Suite("Network file systems")
struct NetworkFileSystemTests {
    static let mounts = """
        /dev/vda / ext4 rw,relatime 0 0
        server:/export /mnt/office nfs4 rw,relatime 0 0
        //nas/share /mnt/nas cifs rw 0 0
        tmpfs /mnt/office/local tmpfs rw 0 0
        """

    @Test("a store under an NFS or SMB mount is recognised; the longest mount point decides", arguments: [
        ("/mnt/office/ikamet", true), ("/mnt/nas/x", true), ("/mnt/office/local/ikamet", false), ("/home/pl", false),
        ("/mnt/officer", false),
    ])
    func recognised(_ path: String, _ network: Bool) {
        #expect(OfficeStore.isNetworkFileSystem(path, mounts: Self.mounts) == network)
    }
}

/// Issue 12: search that finds people as offices type them.
@Suite("Search folding")
struct SearchFoldingTests {
    @Test("the issue's names are found by their plain Latin spelling",
          arguments: [("aliyev", "Rəşad Əliyev"), ("nguyen", "Nguyễn Văn An"), ("bakyt", "Бакыт Усенов"), ("sokolov", "Дмитрий Соколов"),
                      ("resad", "Rəşad Əliyev"), ("eliyev", "Rəşad Əliyev"), ("van an", "Nguyễn Văn An"),
                      ("bakit", "Бакыт Усенов"), ("khasanov", "Хасанов Ильхом"), ("hasanov", "Хасанов Ильхом"),
                      ("ilkhom", "Хасанов Ильхом"), ("ilhom", "Хасанов Ильхом"), ("aygerim", "Айгерим Сейткали"),
                      ("aigerim", "Айгерим Сейткали"), ("kovalev", "Андрей Ковалёв"), ("jovanovic", "Милица Јовановић"),
                      ("ahmad", "Аҳмад Каримов"), ("sevtap", "Şevtap Işık"), ("isik", "Şevtap Işık"), ("soren", "Søren Kierkegaard"),
                      ("dang", "Đặng Thị Hoa"), ("zhukov", "Жуков"), ("shevchenko", "Олена Шевченко")])
    func found(query: String, name: String) {
        let variants = SearchFolding.variants(name)
        let key = SearchFolding.searchKey(query)
        #expect(variants.contains { $0.contains(key) }, "\(query) in \(variants)")
    }

    @Test("a filter typed in Cyrillic or with Turkish capitals folds like the names", arguments: [("СОКОЛОВ", "sokolov"), ("IŞIK", "isik"), ("Əliyev", "aliyev")])
    func typed(query: String, key: String) { #expect(SearchFolding.searchKey(query) == key) }

    @Test("variants are few and exact: a plain Latin name has one; kh/h and y/i double them")
    func variantCounts() {
        #expect(SearchFolding.variants("Lukas Becker") == ["lukas becker"])
        #expect(SearchFolding.variants("Бакыт") == ["bakyt", "bakit"])
        #expect(SearchFolding.variants("Хасанов Ильхом").count == 2)
        #expect(SearchFolding.variants("Хайрулла").count == 4)  // kh/h × y/i
    }

    @Test("a store of the previous schema gets the variants when opened; the filter then finds Cyrillic names")
    func upgradeFromV4() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("office.sqlite")
        try makeStoreFile(at: path, clients: [sampleClient(id: "C-1", name: "Дмитрий Соколов"), sampleClient(id: "C-2", name: "Rəşad Əliyev")])
        // As schema v4 left it: the search column folded without transliteration, and no v5 migration.
        do {
            let raw = try DatabaseQueue(path: path)
            try raw.write { db in
                try db.execute(sql: "UPDATE client SET search = lower(name)")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-search-variants'")
            }
            try raw.close()
        }
        let store = try OfficeStore.open(path: path)
        #expect(try store.searchClients(filter: "sokolov").map(\.id) == ["C-1"])
        #expect(try store.searchClients(filter: "aliyev").map(\.id) == ["C-2"])
        #expect(try store.searchClients(filter: "C-2").map(\.id) == ["C-2"])
    }

    @Test("migration v5 survives a row whose document is not JSON, or whose passport number is a number")
    func upgradeWithOddRows() throws {
        let tmp = try TempDir(); defer { tmp.remove() }
        let path = tmp.path("office.sqlite")
        try makeStoreFile(at: path, clients: [sampleClient(id: "C-1", name: "Дмитрий Соколов"), sampleClient(id: "C-2", name: "Ivan Petrov")])
        do {
            let raw = try DatabaseQueue(path: path)
            try raw.write { db in
                try db.execute(sql: "UPDATE client SET doc = json_set(doc, '$.passport.number', 12345) WHERE id = 'C-2'")
                try db.execute(sql: "UPDATE client SET search = lower(name)")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-search-variants'")
            }
            try raw.close()
        }
        // A document that is not JSON (written by hand): the migration must not abort on it.
        do {
            let raw = try DatabaseQueue(path: path)
            try raw.write { db in try db.execute(sql: "UPDATE client SET doc = 'not json' WHERE id = 'C-1'") }
            try raw.close()
        }
        let store = try OfficeStore.open(path: path)
        #expect(try store.searchClients(filter: "sokolov").map(\.id) == ["C-1"])
        #expect(try store.searchClients(filter: "12345").map(\.id) == ["C-2"])
    }
}
