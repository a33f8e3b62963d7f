import Foundation
import GRDB
import IkametTestSupport
import Testing
@testable import IkametCLI
@testable import IkametCore
@testable import IkametInterchange
@testable import IkametData
@testable import IkametStore

/// Revision 2 at the edges: the rule data built into the binary, the new
/// interchange fields (every field written and read), unknown keys refused,
/// and a store of the previous schema upgraded with its agenda recomputed.
@Suite("Revision 2: data, interchange and store")
struct R2DataTests {
    static let today = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0)

    // MARK: Rule data in the binary

    @Test("the built-in rule data and demo are exactly data/ (run scripts/embed-data after editing data/)")
    func embeddedDataMatchesTheDataFolder() throws {
        let empty = try TempFolder()
        defer { empty.remove() }
        let builtIn = try RuleData.loadDefault(environment: ["HOME": empty.url.path])
        let files = try RuleData.load(from: Repo.data)
        #expect(builtIn.parameters == files.parameters)
        #expect(builtIn.holidays == files.holidays)
        #expect(builtIn.checklists == files.checklists)
        #expect(builtIn.origin.files.allSatisfy { $0.source == "built in" })
        for (name, text) in [("rules.json", EmbeddedData.rules), ("holidays.json", EmbeddedData.holidays),
                             ("checklists.json", EmbeddedData.checklists), ("demo.json", EmbeddedData.demo)] {
            let onDisk = try String(contentsOf: Repo.data.appendingPathComponent(name), encoding: .utf8)
            #expect(text == onDisk.trimmingCharacters(in: .newlines), "\(name) differs from the built-in copy: run scripts/embed-data")
        }
    }

    @Test("an office folder overrides single files, named in the origin; a missing IKAMET_DATA folder is an error")
    func overrideFolder() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        var holidays = HolidayTable.standard
        holidays.religious["2031"] = [HolidayTable.Religious(name: "Ramazan Bayramı", start: CivilDate(year: 2031, month: 1, day: 24) ?? Self.today, days: 3)]
        try JSONEncoder().encode(holidays).write(to: folder.url.appendingPathComponent("holidays.json"))
        let data = try RuleData.loadDefault(environment: ["IKAMET_DATA": folder.url.path])
        #expect(data.holidays.religious["2031"] != nil)
        #expect(data.origin.files.first { $0.name == "holidays.json" }?.source == folder.url.appendingPathComponent("holidays.json").path)
        #expect(data.origin.files.first { $0.name == "rules.json" }?.source == "built in")
        // The XDG folder is used when IKAMET_DATA is not set.
        let config = try TempFolder()
        defer { config.remove() }
        let xdg = config.url.appendingPathComponent("ikamet/data")
        try FileManager.default.createDirectory(at: xdg, withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: xdg.appendingPathComponent("rules.json"))
        #expect(throws: DataFileError.self) { try RuleData.loadDefault(environment: ["XDG_CONFIG_HOME": config.url.path]) }
        #expect(throws: DataFileError.self) { try RuleData.loadDefault(environment: ["IKAMET_DATA": "/nonexistent/ikamet-data"]) }
    }

    // MARK: Interchange

    static var fullClient: Client {
        let d = { (s: String) in CivilDate(s) ?? CivilDate(dayNumber: 0) }
        var c = Client(id: "R2-1", name: "Ayşe Işık", nationality: "AZ", birthDate: d("1990-05-01"), foreignerId: "99123456780",
                       passport: Passport(number: "C123", expires: d("2030-01-01")), phone: "+90 555", email: "a@b.c",
                       address: "Kadıköy", province: "İstanbul", attorney: "EK", notes: "n",
                       fatherName: "Əli", motherName: "Leyla", birthPlace: "Bakı", sex: .female, maritalStatus: .married,
                       closed: ClosedFile(date: d("2026-11-01"), reason: .other, note: "moved to Ankara office"))
        c.permits = [Permit(type: .family, start: d("2024-01-01"), end: d("2026-12-31"), number: "34-1", province: "İstanbul")]
        var app = Application(id: "A1", kind: .extension, permitType: .family, status: .inReview, submitted: d("2026-11-01"),
                              delivery: .appointment, filedBy: .attorney, documentsRequested: d("2026-11-10"),
                              documentsCompleted: d("2026-11-20"), requestedEnd: d("2028-12-31"))
        app.snapshot = SubmissionSnapshot.of(c, on: d("2026-11-01"))
        c.applications = [app]
        return c
    }

    @Test("every new field is written (fast writer = JSONEncoder) and read back; the schema lists every key written")
    func newFieldsRoundTrip() throws {
        let c = Self.fullClient
        let fast = ClientJSON.encode(c)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(fast == [UInt8](try encoder.encode(Interchange.canonical(c))))
        let text = String(decoding: fast, as: UTF8.self)
        for key in ["\"documentsRequested\":\"2026-11-10\"", "\"documentsCompleted\":\"2026-11-20\"", "\"requestedEnd\":\"2028-12-31\"",
                    "\"closed\":{\"date\":\"2026-11-01\",\"note\":\"moved to Ankara office\",\"reason\":\"other\"}",
                    "\"fatherName\":\"Əli\"", "\"motherName\":\"Leyla\"", "\"birthPlace\":\"Bakı\"", "\"sex\":\"female\"",
                    "\"maritalStatus\":\"married\""] {
            #expect(text.contains(key), "\(key) in \(text)")
        }
        let back = try Interchange.decode(try Interchange.encode([c])).clients
        #expect(back == [Interchange.canonical(c)])
        // Every key of the written client is one the schema knows.
        let tree = try JSONSerialization.jsonObject(with: Data(fast))
        #expect(InterchangeSchema.firstUnknownKey(json: tree) == nil)
        // A client without the new fields writes none of them (older exports stay byte-identical).
        let plain = String(decoding: ClientJSON.encode(Client(id: "P", name: "Plain")), as: UTF8.self)
        for key in ["closed", "fatherName", "motherName", "birthPlace", "sex", "maritalStatus"] { #expect(!plain.contains("\"\(key)\"")) }
    }

    @Test("an unknown key anywhere in a client is an import error naming its path, on both readers",
          arguments: [(#"{"id":"X","name":"N","nickname":"x"}"#, "nickname"),
                      (#"{"id":"X","name":"N","applications":[{"id":"A","kind":"first","permitType":"family","documentsRequestd":"2026-01-01"}]}"#,
                       "applications[0].documentsRequestd"),
                      (#"{"id":"X","name":"N","closed":{"date":"2026-01-01","reason":"deceased","by":"EK"}}"#, "closed.by"),
                      (#"{"id":"X","name":"N","permits":[{"type":"family","start":"2020-01-01","end":"2021-01-01","extra":1}]}"#, "permits[0].extra")])
    func unknownKeys(json: String, path: String) {
        let file = "{\"format\":\"ikamet/1\",\"clients\":[\(json)]}"
        do {
            _ = try Interchange.decode(Data(file.utf8))
            Issue.record("accepted an unknown key")
        } catch {
            #expect(error.field == path, "\(error)")
            #expect(error.message.text.contains("unknown field"), "\(error)")
        }
    }

    @Test("an old file without the new fields imports unchanged")
    func oldFilesImport() throws {
        let file = #"{"format":"ikamet/1","clients":[{"id":"X","name":"N","applications":[{"id":"A","kind":"first","permitType":"family","status":"submitted","submitted":"2026-01-05"}]}]}"#
        let c = try #require(try Interchange.decode(Data(file.utf8)).clients.first)
        #expect(c.closed == nil && c.sex == nil)
        #expect(c.applications.first?.filedBy == .client)
        #expect(c.applications.first?.documentsRequested == nil)
    }

    // MARK: Store upgrade

    @Test("a store of schema v2 (English sentences in its agenda) upgrades to v4 and its agenda is recomputed as facts")
    func upgradeFromV2RecomputesTheAgenda() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("office.sqlite").path
        let data = try RuleData.load(from: Repo.data)
        let rules = AgendaRules.make(parameters: data.parameters, holidays: data.holidays)
        let actor = Actor(user: "PL", timestamp: "2026-11-23T10:00:00+03:00")
        // A lapsed unposted extension: r1 listed only its mailing item; r2 also the permit's end.
        let d = { (s: String) in CivilDate(s) ?? CivilDate(dayNumber: 0) }
        let client = Client(id: "U-1", name: "Upgrade", permits: [Permit(type: .shortTerm, start: d("2025-12-16"), end: d("2026-12-15"))],
                            applications: [Application(id: "A1", kind: .extension, permitType: .shortTerm, status: .submitted,
                                                       submitted: d("2026-11-02"), delivery: .mail)])
        do {
            let store = try OfficeStore.open(path: path)
            store.configure(agenda: rules)
            try store.add(client, by: actor, today: Self.today)
        }
        // Make it a v2 store written by the previous engine: old fingerprint, old rows, no v3 column or migration.
        do {
            let raw = try DatabaseQueue(path: path)
            try raw.write { db in
                try db.execute(sql: """
                    UPDATE meta SET value = 'agenda-v1-old' WHERE key = 'agendaRules';
                    UPDATE client SET cacheRules = 'agenda-v1-old';
                    DROP TABLE agenda;
                    CREATE TABLE agenda (
                        clientId TEXT NOT NULL REFERENCES client(id) ON DELETE CASCADE, kind TEXT NOT NULL, date TEXT NOT NULL,
                        application TEXT, reason TEXT NOT NULL, explanation TEXT NOT NULL, alwaysOverdue INTEGER NOT NULL) STRICT;
                    INSERT INTO agenda (clientId, kind, date, application, reason, explanation, alwaysOverdue)
                        VALUES ('U-1', 'mail-documents', '2026-11-09', 'A1', 'old text', 'Documents must be posted (old text)', 0);
                    ALTER TABLE client DROP COLUMN closedOn;
                    DROP INDEX client_id_name;
                    DELETE FROM grdb_migrations WHERE identifier IN ('v3-closed-files', 'v4-agenda-facts');
                    """)
            }
            try raw.close()
        }
        let store = try OfficeStore.open(path: path)
        store.configure(agenda: rules)
        _ = try store.refreshAgenda(today: Self.today, rules: rules)
        let raw = try DatabaseQueue(path: path)
        defer { try? raw.close() }
        try raw.read { db in
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                    == ["v1-clients-audit-settings", "v2-agenda-cache", "v3-closed-files", "v4-agenda-facts", "v5-search-variants", "v6-supporters"])
            let kinds = try String.fetchAll(db, sql: "SELECT kind FROM agenda WHERE clientId = 'U-1' ORDER BY date, kind")
            // Mailing deadline Mon 2 Nov → Mon 9 Nov; lapsed from 10 Nov: the extension deadline 15 Dec is back.
            #expect(kinds == ["mail-documents", "extension-deadline"])
            #expect(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'agendaRules'") == rules.fingerprint)
            // The old sentence columns are gone; the rows hold facts that decode.
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(agenda)").map { $0["name"] as String }
            #expect(!columns.contains("reason") && !columns.contains("explanation") && columns.contains("explanationFacts"))
            #expect(try String.fetchAll(db, sql: "SELECT explanationFacts FROM agenda").allSatisfy { MessageCodec.decode($0) != nil })
        }
    }
}

/// A fresh temporary folder. Call `remove()` (in a `defer`).
struct TempFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ikamet-r2-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}
