import Foundation
@testable import IkametCore
import IkametData
@testable import IkametStore
import IkametTestSupport
import Testing

/// The store on the office server (issue 13): the same operations give the same results as on a file, the roles
/// are refused through the product before the server is asked, and two desks see each other's changes and
/// conflicts. Runs against the real throwaway cluster of `scripts/postgres-cluster`.
@Suite(.serialized, .enabled(if: PostgresTestServer.available))
struct PostgresStoreTests {
    /// An initialised office with an admin (the owner), an attorney and a paralegal.
    struct Office {
        var office: PostgresTestServer.Office
        var attorney: String
        var paralegal: String

        init() throws {
            office = try PostgresTestServer.makeOffice()
            let owner = try OfficeServer(PostgresAddress(office.ownerURL))
            _ = try owner.initialize()
            attorney = office.login("attorney")
            paralegal = office.login("paralegal")
            try owner.addUser(attorney, role: .attorney, password: nil)
            try owner.addUser(paralegal, role: .paralegal, password: nil)
        }

        /// The store as `login` sees it (the owner when nil), with the agenda rules configured.
        func store(_ login: String? = nil) throws -> OfficeStore {
            let store = try OfficeStore.open(server: PostgresAddress(login.map { office.url($0) } ?? office.ownerURL))
            store.configure(agenda: rules)
            return store
        }
    }

    /// The shipped rules (built in), as the CLI and the TUI configure the store.
    static let rules: AgendaRules = {
        let data = try? RuleData.loadDefault()
        return AgendaRules.make(parameters: data?.parameters ?? RuleParameters.standard, holidays: data?.holidays ?? HolidayTable(fixed: [], fixedHalfDays: [], religious: [:]))
    }()
    var rules: AgendaRules { Self.rules }

    /// Everything a user could observe after the same work on a store, user names left out (on the server the
    /// audit trail records the login, by design).
    static func transcript(_ store: OfficeStore, second: OfficeStore) throws -> [String] {
        var out: [String] = []
        let supporter = sampleClient(id: "2026-0002", name: "Kerem Şahin", passport: "C02", attorney: "EK")
        var dependent = sampleClient(id: "2026-0003", name: "Leyla Əliyeva", passport: "C03", attorney: "ek",
                                     applications: [extensionApplication()])
        dependent.supporter = .client("2026-0002")
        try store.add(sampleClient(), by: pl, today: testToday)
        try store.add(supporter, by: pl, today: testToday)
        try store.add(dependent, by: ek, today: testToday)
        var edited = try #require(try store.client("2026-0001")).client
        edited.phone = "+90 555 111 2233"
        out.append("update → \(try store.update(edited, expectedVersion: 1, by: ek, today: testToday))")
        // The other desk saves over a version it did not see: refused.
        do {
            try second.update(edited, expectedVersion: 1, by: pl, today: testToday)
            out.append("stale update saved")
        } catch let error as StoreError {
            if case .conflict(let client, _, _, let version) = error { out.append("conflict \(client) v\(version)") }
        }
        let ticked = try second.modify("2026-0003", by: pl, today: testToday) { c in
            c.applications[0].checklist[0].state = .received
            c.trips.append(Trip(exit: d("2026-06-01"), entry: d("2026-06-10")))
        }
        out.append("modify → v\(ticked.version)")
        try store.setSetting("dateFormat", to: "dotted", base: RuleParameters.standard, by: ek)
        try store.setSetting("dateFormat", to: "dotted", base: RuleParameters.standard, by: ek)  // no change, no audit
        out.append("settings " + (try store.settingRows().map { "\($0.key)=\($0.value) v\($0.version)" }.joined(separator: ",")))
        out.append("search ayse: " + (try store.searchClients(filter: "ayse").map(\.id).joined(separator: ",")))
        out.append("search aliyeva: " + (try store.searchClients(filter: "aliyeva").map(\.id).joined(separator: ",")))
        out.append("count EK: \(try store.clientCount(attorney: "ek"))")
        out.append("attorneys: " + (try store.knownAttorneys().joined(separator: ",")))
        out.append("household: " + (try store.household(of: "2026-0003").map(\.id).joined(separator: ",")))
        out.append("dependents: \(try store.hasDependents("2026-0002")) \(try store.hasDependents("2026-0001"))")
        _ = try store.refreshAgenda(today: testToday, rules: Self.rules)
        let query = AgendaQuery(today: testToday, horizon: 30, criticalDays: 7, windowDays: 60, attorney: nil)
        out.append("groups: \(try store.agendaGroupCounts(query))")
        for group in AgendaGroup.allCases {
            for e in try store.agendaPage(query, group: group, offset: 0, limit: 50) {
                out.append("page \(group.id): \(e.clientId) \(e.entry.kind) \(e.entry.date.iso) \(e.entry.applicationId ?? "-") \(e.entry.alwaysOverdue)")
            }
        }
        for e in try store.agendaEntries(today: testToday, rules: Self.rules, through: d("2027-12-31")) {
            out.append("entry: \(e.clientId) \(e.name) \(e.attorney ?? "-") \(e.entry.kind) \(e.entry.date.iso) \(e.entry.encodedFacts.reason)")
        }
        var rows: [String] = []
        let served = try store.forEachAgendaRow(today: testToday, rules: Self.rules, through: d("2027-12-31"),
                                                kinds: DeadlineKind.allCases.map(\.rawValue)) { row in
            let id = row.bytes(.clientId) { String(decoding: $0, as: UTF8.self) }
            let kind = row.bytes(.kind) { String(decoding: $0, as: UTF8.self) }
            rows.append("\(id) \(kind) \(row.date?.iso ?? "?") \(row.isNull(.application)) \(row.alwaysOverdue)")
        }
        out.append("rows served \(served): " + rows.joined(separator: "; "))
        out.append("list: " + (try store.clientListAll().map { "\($0.row.id) \($0.row.name) \($0.row.nextKind?.rawValue ?? "-") \($0.row.nextDate?.iso ?? "-")" }
            .joined(separator: "; ")))
        let summary = try store.importClients([sampleClient(id: "2026-0004", name: "Ömer Faruk", passport: "C04"),
                                               sampleClient(id: "2026-0001", name: "Ayşe Yılmaz", passport: "C01X00T47")],
                                              by: ek, today: testToday)
        out.append("import \(summary.created) \(summary.updated) \(summary.unchanged)")
        try store.delete("2026-0004", expectedVersion: 1, by: ek)
        out.append("clients \(try store.clientCount()) \(try store.allClients().map(\.id))")
        for entry in try store.auditTrail(limit: 200).reversed() {
            out.append("audit \(entry.seq) b\(entry.batch) \(entry.clientId ?? "-") \(entry.entity) \(entry.field) \(entry.old ?? "∅") → \(entry.new ?? "∅")")
        }
        out.append("counter \(try store.changeCounter())")
        out.append("changed since: \(try store.clientsChanged(since: d("2020-01-01")).keys.sorted())")
        return out
    }

    @Test func theSameWorkGivesTheSameResultsOnBothEngines() throws {
        let server = try Office()
        defer { server.office.drop() }
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try OfficeStore.open(path: dir.path("office.sqlite"))
        file.configure(agenda: rules)
        let fileSecond = try OfficeStore.open(path: dir.path("office.sqlite"))
        fileSecond.configure(agenda: rules)
        let onFile = try Self.transcript(file, second: fileSecond)
        let onServer = try Self.transcript(try server.store(), second: try server.store(server.attorney))
        #expect(onFile.count > 40)
        for (a, b) in zip(onFile, onServer) where a != b { Issue.record("file: \(a)\nserver: \(b)") }
        #expect(onFile.count == onServer.count)
    }

    @Test func theAuditTrailAndTheClientNameTheLoginWhateverTheActorSays() throws {
        let server = try Office()
        defer { server.office.drop() }
        let store = try server.store(server.attorney)
        #expect(store.serverLogin == server.attorney)
        try store.add(sampleClient(), by: pl, today: testToday)
        #expect(try store.client("2026-0001")?.updatedBy == server.attorney)
        #expect(try store.auditTrail().allSatisfy { $0.user == server.attorney })
    }

    @Test func aParalegalTicksAChecklistButIsRefusedWhatTheRoleDoesNotAllow() throws {
        let server = try Office()
        defer { server.office.drop() }
        try server.store(server.attorney).add(sampleClient(applications: [extensionApplication()]), by: ek, today: testToday)
        let paralegal = try server.store(server.paralegal)
        #expect(try paralegal.serverRole() == .paralegal)
        let ticked = try paralegal.modify("2026-0001", by: pl, today: testToday) { c in c.applications[0].checklist[0].state = .received }
        #expect(ticked.version == 2)
        #expect(try paralegal.client("2026-0001")?.updatedBy == server.paralegal)
        let needsAttorney = StoreError.roleRequired(role: "ikamet_attorney", login: server.paralegal)
        #expect(throws: needsAttorney) {
            try paralegal.modify("2026-0001", by: pl, today: testToday) { c in c.closed = ClosedFile(date: testToday, reason: .leftTurkey) }
        }
        #expect(throws: needsAttorney) {
            try paralegal.modify("2026-0001", by: pl, today: testToday) { c in c.name = "Someone Else" }
        }
        #expect(throws: needsAttorney) { try paralegal.add(sampleClient(id: "2026-0002", passport: "C02"), by: pl, today: testToday) }
        #expect(throws: needsAttorney) { try paralegal.delete("2026-0001", expectedVersion: 2, by: pl) }
        #expect(throws: StoreError.roleRequired(role: "ikamet_admin", login: server.paralegal)) {
            try paralegal.setSetting("dateFormat", to: "dotted", base: RuleParameters.standard, by: pl)
        }
        #expect(throws: StoreError.roleRequired(role: "ikamet_admin", login: server.attorney)) {
            try server.store(server.attorney).setSetting("dateFormat", to: "dotted", base: RuleParameters.standard, by: ek)
        }
        // Nothing of the refused changes reached the store.
        let stored = try #require(try paralegal.client("2026-0001"))
        #expect(stored.version == 2 && stored.client.closed == nil && stored.client.name == "Ayşe Yılmaz")
        #expect(try paralegal.settingRows().isEmpty)
        #expect(try paralegal.clientCount() == 1)
    }

    @Test func aBackupOfTheServerIsAFileThatCopiesBack() throws {
        let server = try Office()
        defer { server.office.drop() }
        let store = try server.store(server.attorney)
        var c = sampleClient(applications: [extensionApplication()])
        c.supporter = .person(name: "Kerem Şahin", permitEnd: d("2027-01-31"), citizen: false)
        try store.add(c, by: ek, today: testToday)
        try store.add(sampleClient(id: "2026-0002", name: "Ömer Faruk", passport: "C02"), by: ek, today: testToday)
        try server.store().setSetting("dateFormat", to: "dotted", base: RuleParameters.standard, by: ek)
        _ = try store.modify("2026-0001", by: ek, today: testToday) { $0.phone = "+90 555 999 0000" }
        let dir = try TempDir()
        defer { dir.remove() }
        // The backup: one consistent read of the server, written to a new file readable by its owner only.
        try store.backup(to: dir.path("backup.sqlite"))
        let file = try OfficeStore.open(path: dir.path("backup.sqlite"))
        let original = try store.digest()
        #expect(try file.digest() == original)
        #expect(original.rows == ["client": 2, "audit": original.rows["audit"] ?? 0, "setting": 1, "meta": 1, "agenda": original.rows["agenda"] ?? 0])
        #expect((original.rows["audit"] ?? 0) > 10)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.path("backup.sqlite"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: StoreError.access(path: dir.path("backup.sqlite"), detail: Message("store.access.exists"))) {
            try store.backup(to: dir.path("backup.sqlite"))
        }
        // Back to a fresh server store, by its owner: the same rows, who made them and when included.
        let fresh = try Office()
        defer { fresh.office.drop() }
        #expect(throws: StoreError.copyNeedsOwner(try fresh.store(fresh.attorney).label)) { try file.copy(to: try fresh.store(fresh.attorney)) }
        let report = try file.copy(to: try fresh.store())
        #expect(report == original)
        let copied = try fresh.store()
        #expect(try copied.auditTrail().map(\.user) == (try store.auditTrail().map(\.user)))
        #expect(try copied.client("2026-0001")?.updatedBy == server.attorney)
        // The copy goes on numbering changes after the copied ones, and a copy into a store in use is refused.
        _ = try copied.modify("2026-0002", by: ek, today: testToday) { $0.phone = "+90 555 111 0000" }
        #expect(try copied.auditTrail(limit: 1).first?.seq ?? 0 > (try store.auditTrail(limit: 1).first?.seq ?? 0))
        #expect(throws: StoreError.copyDestinationNotEmpty(copied.label)) { try file.copy(to: copied) }
        #expect(throws: StoreError.copyDestinationNotEmpty(file.label)) { try copied.copy(to: file) }
    }

    @Test func anAdminRestoresABackupIntoTheServerAndTheAuditTrailStays() throws {
        let server = try Office()
        defer { server.office.drop() }
        let store = try server.store(server.attorney)
        try store.add(sampleClient(), by: ek, today: testToday)
        let dir = try TempDir()
        defer { dir.remove() }
        try store.backup(to: dir.path("backup.sqlite"))
        try store.add(sampleClient(id: "2026-0002", name: "Ömer Faruk", passport: "C02"), by: ek, today: testToday)
        _ = try store.modify("2026-0001", by: ek, today: testToday) { $0.phone = "+90 555 777 0000" }
        let trail = try store.auditTrail().count
        #expect(throws: StoreError.roleRequired(role: "ikamet_admin", login: server.attorney)) {
            try store.restore(fromBackup: dir.path("backup.sqlite"), by: ek)
        }
        #expect(try store.clientCount() == 2)
        let admin = try server.store()
        try admin.restore(fromBackup: dir.path("backup.sqlite"), by: ek)
        #expect(try store.allClients().map(\.id) == ["2026-0001"])
        #expect(try store.client("2026-0001")?.client.phone == sampleClient().phone)
        let after = try store.auditTrail()
        #expect(after.count == trail + 1)
        #expect(after.first?.new == "restored from \(dir.path("backup.sqlite"))" && after.first?.user == server.office.owner)
    }

    @Test func aStoreMustBeUpToDate() throws {
        let server = try Office()
        defer { server.office.drop() }
        let store = try server.store()
        #expect(try store.integrityProblems().isEmpty)
        #expect(try PostgresTestServer.psql(server.office.ownerURL, "DELETE FROM ikamet_migration WHERE step = 'pg2-change-notify'").status == 0)
        #expect(throws: StoreError.serverNeedsUpgrade(server: PostgresAddress(server.office.ownerURL).display, steps: ["pg2-change-notify"])) {
            _ = try OfficeStore.open(server: PostgresAddress(server.office.ownerURL))
        }
        let empty = try PostgresTestServer.makeOffice()
        defer { empty.drop() }
        #expect(throws: StoreError.notAnOfficeStore(server: PostgresAddress(empty.ownerURL).display)) {
            _ = try OfficeStore.open(server: PostgresAddress(empty.ownerURL))
        }
    }

    @Test func anotherDeskIsToldOfAChangeWithoutAskingTheServer() throws {
        let server = try Office()
        defer { server.office.drop() }
        let store = try server.store(server.attorney)
        let listener = try #require(try server.store(server.paralegal).changeListener())
        #expect(!listener.takeChanges())
        try store.add(sampleClient(), by: ek, today: testToday)
        var told = false
        for _ in 0..<100 where !told {
            told = listener.takeChanges()
            if !told { usleep(10_000) }
        }
        #expect(told, "the change was announced within a second")
        #expect(!listener.takeChanges(), "once")
        // A refresh of agenda snapshots is not a change anyone made: no announcement.
        _ = try store.refreshAgenda(today: d("2026-12-01"), rules: rules)
        usleep(200_000)
        #expect(!listener.takeChanges())
        #expect(try OfficeStore.inMemory().changeListener() == nil)
    }

    @Test func aServerRestartIsSurvivedByTheNextOperation() throws {
        let server = try Office()
        defer { server.office.drop() }
        let store = try server.store(server.attorney)
        try store.add(sampleClient(), by: ek, today: testToday)
        // The server ends this desk's connection (as a restart would); the next read connects again.
        #expect(try PostgresTestServer.psql(PostgresTestServer.url ?? "", """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '\(server.attorney)'
            """).status == 0)
        // The next read meets the dropped connection at its BEGIN, connects again and succeeds; so does a write.
        #expect(try store.clientCount() == 1)
        #expect(try PostgresTestServer.psql(PostgresTestServer.url ?? "", """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '\(server.attorney)'
            """).status == 0)
        _ = try store.modify("2026-0001", by: ek, today: testToday) { $0.phone = "+90 555 222 3344" }
        #expect(try store.client("2026-0001")?.client.phone == "+90 555 222 3344")
    }
}
