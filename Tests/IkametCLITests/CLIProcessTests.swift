import Foundation
import IkametTestSupport
import Testing
import TerminalUI

// The built binary as a process (issue 3, "CLI tests run the built binary as a
// process for each command and its errors"). Every test imports the small
// caseload below into its own temporary store; "today" is pinned to Monday
// 2026-11-23.

/// Five clients, each set up for one line of the deadline list (RULES.md §3, §4, §6):
/// - 2026-0001: extension submitted Thu 2026-11-19, documents by mail, not mailed:
///   5th working day after = Fri 20 (1), Mon 23 (2), Tue 24 (3), Wed 25 (4), Thu 26 (5)
///   → mail-documents 2026-11-26, 3 days left, critical (≤ 7). No window or
///   filing-deadline items while the extension is pending.
/// - 2026-0002: permit ends 2026-12-15 → extension-deadline 2026-12-15, 22 days, soon
///   (the window opened 2026-10-16, in the past: not listed). Passport expires
///   2027-01-10 < 2026-12-15 + 60 = 2027-02-13 → passport-validity on
///   2027-01-10 − 60 = 2026-11-11, −12 days, overdue.
/// - 2026-0003: permit ended 2026-11-05, nothing pending; late filing ran to
///   2026-11-15 → out-of-status from 2026-11-16, −7 days, overdue.
/// - 2026-0004: permit ends 2027-02-10 → extension-window-opens 2027-02-10 − 60 =
///   2026-12-12, 19 days, soon; its filing deadline (79 days) is beyond 30 days.
/// - 2026-0005: permit ends 2026-12-15 too → extension-deadline 2026-12-15, 22 days,
///   listed after 2026-0002 (same date, then client id; its name sorts first).
let caseload = """
{
  "format": "ikamet/1",
  "clients": [
    {"id": "2026-0005", "name": "Ahmet Demir", "nationality": "TR",
     "passport": {"number": "A5555555", "expires": "2030-01-01"},
     "permits": [{"type": "short-term", "start": "2025-12-16", "end": "2026-12-15"}]},
    {"id": "2026-0001", "name": "Ayşe Yılmaz", "nationality": "DE", "birthDate": "1985-04-12",
     "passport": {"number": "C01X00T47", "expires": "2031-05-01"}, "attorney": "EK",
     "permits": [{"type": "short-term", "start": "2025-12-01", "end": "2026-11-30", "number": "P-77", "province": "İstanbul"}],
     "applications": [{"id": "A1", "kind": "extension", "permitType": "short-term", "status": "submitted",
                       "submitted": "2026-11-19", "delivery": "mail", "filedBy": "attorney",
                       "checklist": [{"item": "photos", "state": "missing"},
                                     {"item": "passport-notarized-copy", "state": "missing"}]}]},
    {"id": "2026-0002", "name": "Mehmet Işık", "nationality": "GB",
     "passport": {"number": "U1234567", "expires": "2027-01-10"},
     "permits": [{"type": "short-term", "start": "2025-12-16", "end": "2026-12-15"}]},
    {"id": "2026-0003", "name": "John Smith", "nationality": "US",
     "passport": {"number": "GB998877", "expires": "2032-01-01"},
     "permits": [{"type": "short-term", "start": "2025-11-06", "end": "2026-11-05"}],
     "trips": [{"exit": "2026-07-01", "entry": "2026-07-20", "exempt": null}]},
    {"id": "2026-0004", "name": "Olga Petrova", "nationality": "RU",
     "passport": {"number": "RU556677", "expires": "2030-01-01"},
     "permits": [{"type": "short-term", "start": "2026-02-11", "end": "2027-02-10"}]}
  ]
}
"""

/// A temporary office with the caseload imported.
struct Office {
    let dir: TempDir
    var store: String { dir.path("office.sqlite") }

    /// What the import of the caseload printed.
    let importOutput: String

    init() throws {
        let dir = try TempDir()
        let file = try dir.write("caseload.json", caseload)
        let result = try runIkamet(["import", file, "--store", dir.path("office.sqlite"), "--today", "2026-11-23", "--user", "EK"], in: dir)
        guard result.status == 0 else { throw ImportFailed(stderr: result.stderr) }
        self.dir = dir
        importOutput = result.stdout
    }

    struct ImportFailed: Error { var stderr: String }

    /// Runs `ikamet ARGS --store STORE --today TODAY [--user USER]`.
    func run(_ arguments: [String], today: String = "2026-11-23", user: String? = nil) throws -> RunResult {
        try runIkamet(arguments + ["--store", store, "--today", today] + (user.map { ["--user", $0] } ?? []), in: dir)
    }

    /// The whole store as canonical ikamet/1.
    func export() throws -> Data {
        let r = try run(["export"])
        #expect(r.status == 0, "export failed: \(r.stderr)")
        return r.stdoutData
    }

    /// The number of audit entries.
    func auditCount() throws -> Int {
        let r = try run(["log", "--format", "json", "--limit", "100000"])
        let list = try JSONSerialization.jsonObject(with: r.stdoutData) as? [Any]
        return list?.count ?? -1
    }
}

/// `deadlines --format json` output.
struct DeadlinesJSON: Decodable {
    struct Item: Decodable {
        var client: String
        var name: String
        var kind: String
        var date: String
        var daysLeft: Int
        var severity: String
        var application: String?
        var explanation: String
        var row: [String] { [client, kind, date, String(daysLeft), severity, application ?? "-"] }
    }
    var today: String
    var within: Int
    var items: [Item]
}

@Suite("CLI as a process")
struct CLIProcessTests {
    @Test("the built binary exists")
    func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Repo.binary.path), "run swift build first: \(Repo.binary.path)")
    }

    @Test("import reports what it did")
    func importSummary() throws {
        let office = try Office(); defer { office.dir.remove() }
        #expect(office.importOutput == "Imported 5 client(s) from \(office.dir.path("caseload.json")): 5 created, 0 updated, 0 unchanged.\n")
        #expect((try FileManager.default.attributesOfItem(atPath: office.store)[.posixPermissions] as? Int) == 0o600)
        // Importing the same file again changes nothing.
        let again = try office.run(["import", office.dir.path("caseload.json")])
        #expect(again.status == 0)
        #expect(again.stdout.hasSuffix(": 0 created, 0 updated, 5 unchanged.\n"))
    }

    // MARK: deadlines

    @Test("deadlines --format json: exact kinds, dates and days left, sorted by date then client")
    func deadlinesJSON() throws {
        let office = try Office(); defer { office.dir.remove() }
        let r = try office.run(["deadlines", "--within", "30", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        let out = try JSONDecoder().decode(DeadlinesJSON.self, from: r.stdoutData)
        #expect(out.today == "2026-11-23")
        #expect(out.within == 30)
        #expect(out.items.map(\.row) == [
            ["2026-0002", "passport-validity", "2026-11-11", "-12", "overdue", "-"],
            ["2026-0003", "out-of-status", "2026-11-16", "-7", "overdue", "-"],
            ["2026-0001", "mail-documents", "2026-11-26", "3", "critical", "A1"],
            ["2026-0004", "extension-window-opens", "2026-12-12", "19", "soon", "-"],
            ["2026-0002", "extension-deadline", "2026-12-15", "22", "soon", "-"],
            ["2026-0005", "extension-deadline", "2026-12-15", "22", "soon", "-"],
        ])
        #expect(out.items.map(\.name) == ["Mehmet Işık", "John Smith", "Ayşe Yılmaz", "Olga Petrova", "Mehmet Işık", "Ahmet Demir"])
        let mail = try #require(out.items.first { $0.kind == "mail-documents" })
        #expect(mail.explanation.contains("2026-11-20 (1), 2026-11-23 (2), 2026-11-24 (3), 2026-11-25 (4), 2026-11-26 (5) → deadline 2026-11-26 (Thu)"))
        #expect(mail.explanation.contains("mailing = 5 working days"))

        // Every item has all eight keys, the application as an explicit null when there is none.
        let raw = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect(Set(raw.keys) == ["today", "within", "items"])
        for item in try #require(raw["items"] as? [[String: Any]]) {
            #expect(Set(item.keys) == ["client", "name", "kind", "date", "daysLeft", "severity", "application", "explanation"])
        }
    }

    @Test("the horizon: items up to today + N inclusive, and every overdue item")
    func horizon() throws {
        let office = try Office(); defer { office.dir.remove() }
        func kinds(_ within: Int, attorney: String? = nil) throws -> [String] {
            let r = try office.run(["deadlines", "--within", String(within), "--format", "json"] + (attorney.map { ["--attorney", $0] } ?? []))
            #expect(r.status == 0, "\(r.stderr)")
            return try JSONDecoder().decode(DeadlinesJSON.self, from: r.stdoutData).items.map { "\($0.client) \($0.kind)" }
        }
        #expect(try kinds(0) == ["2026-0002 passport-validity", "2026-0003 out-of-status"])
        #expect(try kinds(2) == ["2026-0002 passport-validity", "2026-0003 out-of-status"])
        #expect(try kinds(3) == ["2026-0002 passport-validity", "2026-0003 out-of-status", "2026-0001 mail-documents"])
        #expect(try kinds(19).last == "2026-0004 extension-window-opens")
        #expect(try kinds(21).count == 4)
        #expect(try kinds(22).count == 6)
        #expect(try kinds(79).last == "2026-0004 extension-deadline")
        #expect(try kinds(30, attorney: "EK") == ["2026-0001 mail-documents"])
    }

    @Test("deadlines --format csv and the table")
    func deadlinesCSVAndTable() throws {
        let office = try Office(); defer { office.dir.remove() }
        let csv = try office.run(["deadlines", "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "client,name,kind,date,daysLeft,severity,application,explanation")
        #expect(lines.count == 8)   // header, six items, final newline
        #expect(lines[1].hasPrefix("2026-0002,Mehmet Işık,passport-validity,2026-11-11,-12,overdue,,"))
        #expect(lines[3].hasPrefix("2026-0001,Ayşe Yılmaz,mail-documents,2026-11-26,3,critical,A1,\"Documents must be posted"))

        let table = try office.run(["deadlines"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("Deadlines on 2026-11-23, next 30 days and everything overdue: 6 item(s)\n"))
        #expect(table.stdout.contains("2026-11-26     3 2026-0001  Ayşe Yılmaz"))
        for line in table.stdout.split(separator: "\n") {
            #expect(line.count <= 80, "wider than 80 columns: \(line)")
        }
    }

    @Test("deadlines --format ics: RFC 5545 calendar, CRLF, one event per item, stable UIDs")
    func deadlinesICS() throws {
        let office = try Office(); defer { office.dir.remove() }
        let first = try office.run(["deadlines", "--format", "ics"])
        #expect(first.status == 0, "\(first.stderr)")
        let text = first.stdout
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        // Every line ends in CRLF: no bare LF, no bare CR.
        let bytes = Array(first.stdoutData)
        for (i, b) in bytes.enumerated() where b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D) }
        for (i, b) in bytes.enumerated() where b == 0x0D { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x0A) }
        let lines = text.components(separatedBy: "\r\n").dropLast()
        for line in lines { #expect(line.utf8.count <= 75, "line longer than 75 octets: \(line)") }
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 6)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 6)

        let uids = lines.filter { $0.hasPrefix("UID:") }
        #expect(uids == [
            "UID:2026-0002/passport-validity/-@ikamet", "UID:2026-0003/out-of-status/-@ikamet",
            "UID:2026-0001/mail-documents/A1@ikamet", "UID:2026-0004/extension-window-opens/-@ikamet",
            "UID:2026-0002/extension-deadline/-@ikamet", "UID:2026-0005/extension-deadline/-@ikamet",
        ])
        #expect(Set(uids).count == uids.count)
        #expect(lines.contains("DTSTART;VALUE=DATE:20261126"))
        #expect(lines.contains("DTEND;VALUE=DATE:20261127"))
        #expect(lines.filter { $0.hasPrefix("DTSTAMP:") }.count == 6)

        // The same day gives the same bytes; the next day keeps the UIDs.
        let second = try office.run(["deadlines", "--format", "ics"])
        #expect(second.stdoutData == first.stdoutData)
        let tomorrow = try office.run(["deadlines", "--format", "ics"], today: "2026-11-24")
        let tomorrowUIDs = tomorrow.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(tomorrowUIDs == uids)
    }

    // MARK: eligibility

    @Test("eligibility --format json has the documented keys and the hand-computed earliest date")
    func eligibilityJSON() throws {
        let office = try Office(); defer { office.dir.remove() }
        let r = try office.run(["eligibility", "2026-0001", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let required: Set<String> = ["client", "referenceDate", "eligible", "borderline", "rules", "earliestEligibleDate", "assumptions", "conditions"]
        #expect(required.isSubset(of: Set(json.keys)), "keys: \(json.keys.sorted())")
        #expect(json["client"] as? String == "2026-0001")
        #expect(json["referenceDate"] as? String == "2026-11-23")
        #expect(json["eligible"] as? Bool == false)
        #expect(json["borderline"] as? Bool == false)
        // Permits only since 2025-12-01, assumed extended without a gap: 8 years
        // (2922 days, two leap days) are credited on 2033-12-01, not a day earlier.
        #expect(json["earliestEligibleDate"] as? String == "2033-12-01")
        let assumptions = try #require(json["assumptions"] as? [String])
        #expect(assumptions.count == 1)
        #expect(assumptions.first?.contains("2026-11-30") == true)
        #expect(json["conditions"] as? [String: String] == ["publicAid": "unknown", "income": "unknown", "insurance": "unknown", "publicOrder": "unknown"])

        let rules = try #require(json["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["single-absence", "yearly-absence", "five-year-absence", "permit-time", "permit-type", "valid-permit"])
        for rule in rules {
            #expect(Set(["id", "passed", "value", "limit", "detail"]).isSubset(of: Set(rule.keys)), "rule keys: \(rule.keys.sorted())")
        }
        let permitTime = try #require(rules.first { $0["id"] as? String == "permit-time" })
        #expect(permitTime["passed"] as? Bool == false)
        #expect(permitTime["value"] as? Double == 357)    // 2025-12-01 … 2026-11-22
        #expect(permitTime["limit"] as? Double == 2922)   // 2018-11-23 … 2026-11-22
        let yearly = try #require(rules.first { $0["id"] as? String == "yearly-absence" })
        #expect(yearly["passed"] as? Bool == true)
        #expect(yearly["limit"] as? Double == 180)

        func verdict(on date: String) throws -> (Bool?, String?) {
            let r = try office.run(["eligibility", "2026-0001", "--on", date, "--format", "json"])
            let j = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
            #expect(j?["referenceDate"] as? String == date)
            return (j?["eligible"] as? Bool, j?["earliestEligibleDate"] as? String)
        }
        let before = try verdict(on: "2033-11-30")
        #expect(before.0 == false && before.1 == "2033-12-01")
        let on = try verdict(on: "2033-12-01")
        #expect(on.0 == true && on.1 == "2033-12-01")

        let text = try office.run(["eligibility", "2026-0001"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Earliest eligible date: 2033-12-01"))
    }

    // MARK: clients, client

    @Test("clients filters Turkish-aware; client shows one record with its deadlines")
    func clientsAndClient() throws {
        let office = try Office(); defer { office.dir.remove() }
        let found = try office.run(["clients", "--filter", "ISIK", "--format", "json"])
        #expect(found.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: found.stdoutData) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["2026-0002"])
        #expect(rows.first?["nextAction"] as? String == "passport-validity")

        let table = try office.run(["clients"])
        #expect(table.status == 0)
        #expect(table.stdout.hasSuffix("5 client(s)\n"))
        for line in table.stdout.split(separator: "\n") { #expect(line.count <= 80, "wider than 80 columns: \(line)") }

        let csv = try office.run(["clients", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,name,nationality,attorney,permitType,permitEnd,nextAction,nextDate\n"))
        #expect(csv.stdout.split(separator: "\n").count == 6)

        let one = try office.run(["client", "2026-0001"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.hasPrefix("Ayşe Yılmaz — file 2026-0001 (version 1, last changed by EK at "))
        #expect(one.stdout.contains("2026-11-26 (3 days) Mail documents by [A1]"))
        #expect(one.stdout.contains("Earliest eligible date: 2033-12-01"))
    }

    // MARK: checklist and log

    @Test("checklist --set then log shows the change and who made it")
    func checklistAndLog() throws {
        let office = try Office(); defer { office.dir.remove() }
        let set = try office.run(["checklist", "2026-0001", "A1", "--set", "photos=received"], user: "PL")
        #expect(set.status == 0, "\(set.stderr)")
        let row = try #require(set.stdout.split(separator: "\n").first { $0.contains(" photos ") })
        #expect(row.hasPrefix("received  photos"))
        #expect(row.hasSuffix("PL   2026-11-23"))

        let shown = try office.run(["checklist", "2026-0001", "A1"])
        #expect(shown.stdout == set.stdout)
        // The checklist table (header, rule, one row per item) fits 80 columns.
        let tableLines = set.stdout.split(separator: "\n").filter {
            $0.hasPrefix("State ") || $0.hasPrefix("-----") || $0.hasPrefix("received ") || $0.hasPrefix("missing ")
        }
        #expect(tableLines.count == 4)
        for line in tableLines { #expect(line.count <= 80, "checklist table wider than 80 columns (\(line.count)): \(line)") }

        let log = try office.run(["log", "--client", "2026-0001"])
        #expect(log.status == 0)
        let lines = log.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)   // three fields of the item (two lines each), then the import (one line)
        // In words (issue 12): where, then the field and its values as the product names them.
        let stateIndex = try #require(lines.firstIndex { $0 == "    state: missing → received" }) - 1
        #expect(lines[stateIndex].contains("  PL  2026-0001  application A1 · checklist item “"))
        #expect(lines.contains { $0.hasPrefix("    changed on: ") && $0.hasSuffix("→ 2026-11-23") })
        #expect(lines.last?.hasSuffix("  EK  2026-0001  client imported") == true)
        for line in lines { #expect(DisplayWidth.of(line) <= 80, "log line wider than 80 columns: \(line)") }

        let json = try office.run(["log", "--client", "2026-0001", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]])
        let state = try #require(entries.first { $0["field"] as? String == "applications[A1].checklist[photos].state" })
        #expect(state["user"] as? String == "PL")
        #expect(state["entity"] as? String == "checklist")
        #expect(state["old"] as? String == "missing")
        #expect(state["new"] as? String == "received")
        #expect(state["client"] as? String == "2026-0001")
        #expect((state["at"] as? String)?.count == 25)   // YYYY-MM-DDTHH:MM:SS+03:00

        // The export carries the new state.
        #expect(String(decoding: try office.export(), as: UTF8.self).contains("\"by\":\"PL\""))
    }

    @Test("checklist refusals name the problem and change nothing")
    func checklistRefusals() throws {
        let office = try Office(); defer { office.dir.remove() }
        let before = try office.export()
        let noItem = try office.run(["checklist", "2026-0001", "A1", "--set", "visa=received"])
        #expect(noItem.status == 1)
        #expect(noItem.stderr.contains("application A1 has no checklist item 'visa'; its items are: photos, passport-notarized-copy"))
        let waive = try office.run(["checklist", "2026-0001", "A1", "--set", "photos=waived"])
        #expect(waive.status == 1)
        #expect(waive.stderr.contains("waiving 'photos' needs a reason"))
        let noApp = try office.run(["checklist", "2026-0001", "A9", "--set", "photos=received"])
        #expect(noApp.status == 1)
        #expect(noApp.stderr.contains("client 2026-0001 has no application A9"))
        #expect(try office.export() == before)
        for r in [noItem, waive, noApp] { #expect(!looksLikeACrash(r.stderr)) }
    }

    // MARK: settings

    @Test("an office setting changes the deadlines for everyone on the store")
    func settingsChangeDeadlines() throws {
        let office = try Office(); defer { office.dir.remove() }
        let set = try office.run(["settings", "rules.deadlines.mailingUnit", "calendar-days"], user: "PL")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("deadlines.mailingUnit"))
        #expect(set.stdout.contains("\"calendar-days\"   (office setting by PL at "))
        let r = try office.run(["deadlines", "--format", "json"])
        let items = try JSONDecoder().decode(DeadlinesJSON.self, from: r.stdoutData).items
        let mail = try #require(items.first { $0.kind == "mail-documents" })
        // Thu 2026-11-19 + 5 calendar days = Tue 2026-11-24.
        #expect(mail.date == "2026-11-24")
        #expect(mail.daysLeft == 1)
        #expect(mail.explanation.contains("calendar-days"))
        let log = try office.run(["log"])
        let logLines = log.stdout.split(separator: "\n").map(String.init)
        #expect(logLines.first?.hasSuffix("PL  (office)  rules.deadlines.mailingUnit") == true)
        #expect(logLines.dropFirst().first == "    ∅ → \"calendar-days\"")  // an office setting: its key and stored value

        let bad = try office.run(["settings", "rules.deadlines.mailingUnit", "fortnights"])
        #expect(bad.status == 1)
        #expect(!bad.stderr.isEmpty)
    }

    // MARK: export, backup, check

    @Test("export → import into a new store → export gives identical bytes")
    func exportRoundTrip() throws {
        let office = try Office(); defer { office.dir.remove() }
        let toFile = try office.run(["export", "--output", office.dir.path("e1.json")])
        #expect(toFile.status == 0)
        #expect(toFile.stdout == "")
        #expect(toFile.stderr == "Exported 5 client(s) to \(office.dir.path("e1.json")).\n")
        let e1 = try Data(contentsOf: office.dir.url.appendingPathComponent("e1.json"))
        #expect(try office.export() == e1)
        #expect(String(decoding: e1, as: UTF8.self).hasSuffix("\n],\"format\":\"ikamet/1\"}\n"))

        let other = office.dir.path("other.sqlite")
        let imported = try runIkamet(["import", office.dir.path("e1.json"), "--store", other, "--today", "2026-11-23"], in: office.dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let e2 = try runIkamet(["export", "--store", other], in: office.dir)
        #expect(e2.status == 0)
        #expect(e2.stdoutData == e1)

        let one = try office.run(["export", "--client", "2026-0003"])
        let ids = try #require(try JSONSerialization.jsonObject(with: one.stdoutData) as? [String: Any])["clients"] as? [[String: Any]]
        #expect(ids?.map { $0["id"] as? String } == ["2026-0003"])
    }

    @Test("backup DEST, then check on the backup and on the store")
    func backupAndCheck() throws {
        let office = try Office(); defer { office.dir.remove() }
        let dest = office.dir.path("backup.sqlite")
        let b = try office.run(["backup", dest])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout == "Backed up 5 client(s) to \(dest); integrity check ok.\n")
        #expect((try FileManager.default.attributesOfItem(atPath: dest)[.posixPermissions] as? Int) == 0o600)

        let summary = "5 client(s): 0 error(s) in 0 client(s), 2 warning(s).\n"
        let checkBackup = try runIkamet(["check", "--store", dest, "--today", "2026-11-23"], in: office.dir)
        #expect(checkBackup.status == 0, "\(checkBackup.stderr)")
        #expect(checkBackup.stdout.hasPrefix("Database integrity: ok\n"))
        #expect(checkBackup.stdout.contains("2026-0002: warning: permits[0].end: the passport expires 2027-01-10"))
        // Issue 12: filed by the attorney with no power of attorney on record.
        #expect(checkBackup.stdout.contains("2026-0001: warning: applications[0].filedBy: Application A1 is filed by the attorney, but no power of attorney is on record"))
        #expect(checkBackup.stdout.hasSuffix(summary))
        let checkStore = try office.run(["check"])
        #expect(checkStore.status == 0)
        #expect(checkStore.stdout == checkBackup.stdout)

        let fromBackup = try runIkamet(["export", "--store", dest], in: office.dir)
        #expect(fromBackup.stdoutData == (try office.export()))

        let again = try office.run(["backup", dest])
        #expect(again.status == 1)
        #expect(again.stderr.contains("the file exists already"))
    }

    // MARK: errors

    @Test("a broken import file (2026-02-30 in a permit) is refused, naming client and field; the store is unchanged")
    func brokenImport() throws {
        let office = try Office(); defer { office.dir.remove() }
        let before = try office.export(), auditBefore = try office.auditCount()
        let file = try office.dir.write("broken.json", """
            {"format": "ikamet/1", "clients": [
              {"id": "2026-0105", "name": "Good One", "permits": [{"type": "short-term", "start": "2026-01-01", "end": "2026-12-31"}]},
              {"id": "2026-0109", "name": "Bad Date", "permits": [{"type": "short-term", "start": "2026-02-30", "end": "2026-12-31"}]}
            ]}
            """)
        let storeBytes = try Data(contentsOf: URL(fileURLWithPath: office.store))
        let r = try office.run(["import", file])
        #expect(r.status != 0)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("client 2026-0109"))
        #expect(r.stderr.contains("permits[0].start"))
        #expect(r.stderr.contains("'2026-02-30' is not a valid date"))
        #expect(r.stderr.contains("nothing was written"))
        #expect(!looksLikeACrash(r.stderr))
        // Nothing was written: the same clients byte for byte, the same audit trail. (The file's header
        // counters may move: GRDB re-creates the write-ahead log when it opens a store.)
        _ = storeBytes
        #expect(try office.export() == before)
        #expect(try office.auditCount() == auditBefore)
    }

    @Test("import refusals found by the rules and the format also name client and field", arguments: [
        (#"{"id": "2026-0109", "name": "Bad Trip", "trips": [{"exit": "2026-05-01", "entry": "2026-04-01", "exempt": null}]}"#,
         "2026-0109", "trips[0].entry", "re-entry 2026-04-01 is before exit 2026-05-01"),
        (#"{"id": "2026-0109", "name": "Bad Type", "permits": [{"type": "temporary", "start": "2026-01-01", "end": "2026-12-31"}]}"#,
         "2026-0109", "permits[0].type", "'temporary' is not a valid permit type"),
        (#"{"id": "2026-0001", "name": "Twin"}"#, "2026-0001", "id", "duplicate id"),
    ])
    func otherImportRefusals(client: String, id: String, field: String, message: String) throws {
        let office = try Office(); defer { office.dir.remove() }
        let before = try office.export(), auditBefore = try office.auditCount()
        let file = try office.dir.write("bad.json", """
            {"format": "ikamet/1", "clients": [
              {"id": "2026-0001", "name": "Ayşe Yılmaz (changed)"},
              \(client)
            ]}
            """)
        let r = try office.run(["import", file])
        #expect(r.status != 0)
        #expect(r.stderr.contains("client \(id), \(field): "), "stderr: \(r.stderr)")
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
        #expect(!looksLikeACrash(r.stderr))
        #expect(try office.export() == before)
        #expect(try office.auditCount() == auditBefore)
    }

    @Test("an unknown client gives a clear message and a non-zero exit, no stack trace", arguments: [
        ["client", "9999-0000"],
        ["eligibility", "9999-0000", "--format", "json"],
        ["checklist", "9999-0000", "A1", "--set", "photos=received"],
        ["export", "--client", "9999-0000"],
    ])
    func unknownClient(_ arguments: [String]) throws {
        let office = try Office(); defer { office.dir.remove() }
        let r = try office.run(arguments)
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == "Error: no client with file number 9999-0000\n")
        #expect(!looksLikeACrash(r.stderr))
    }

    @Test("an impossible --today or IKAMET_TODAY exits non-zero")
    func badToday() throws {
        let office = try Office(); defer { office.dir.remove() }
        let r = try office.run(["deadlines"], today: "2026-13-01")
        #expect(r.status != 0)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("--today: '2026-13-01' is not a valid date: month 13 does not exist"))
        #expect(!looksLikeACrash(r.stderr))

        let env = try runIkamet(["deadlines", "--store", office.store], in: office.dir, environment: ["IKAMET_TODAY": "2026-02-30"])
        #expect(env.status != 0)
        #expect(env.stderr.contains("IKAMET_TODAY: '2026-02-30' is not a valid date"))

        let format = try office.run(["deadlines", "--format", "xml"])
        #expect(format.status != 0)
        #expect(format.stderr.contains("--format must be table, json, csv or ics"))
    }

    @Test("a store that is not an ikamet store, or in a missing folder, is refused and left alone")
    func badStores() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let notes = try dir.write("notes.txt", String(repeating: "not a database\n", count: 20))
        let before = try Data(contentsOf: URL(fileURLWithPath: notes))
        let r = try runIkamet(["clients", "--store", notes], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("is not an ikamet store (not a SQLite database); it was left untouched"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: notes)) == before)
        #expect(!looksLikeACrash(r.stderr))

        let missing = dir.path("no-such-folder/office.sqlite")
        let m = try runIkamet(["clients", "--store", missing], in: dir)
        #expect(m.status == 1)
        #expect(m.stderr.contains("No store: \(missing) does not exist; nothing was created"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("no-such-folder")))
    }

    @Test("IKAMET_STORE and IKAMET_USER stand in for --store and --user")
    func environment() throws {
        let office = try Office(); defer { office.dir.remove() }
        let env = ["IKAMET_STORE": office.store, "IKAMET_USER": "ZK", "IKAMET_TODAY": "2026-11-23"]
        let set = try runIkamet(["checklist", "2026-0001", "A1", "--set", "photos=received"], in: office.dir, environment: env)
        #expect(set.status == 0, "\(set.stderr)")
        let log = try runIkamet(["log", "--client", "2026-0001", "--limit", "1"], in: office.dir, environment: env)
        #expect(log.stdout.contains("  ZK  2026-0001  application A1 · checklist item “"))
    }

    @Test("without --user, IKAMET_USER, USER and LOGNAME (a job from cron), the audit trail names the process's account")
    func userFromTheAccount() throws {
        let office = try Office(); defer { office.dir.remove() }
        let account = try #require(getpwuid(geteuid())?.pointee.pw_name.map { String(cString: $0) })
        let env = ["IKAMET_STORE": office.store, "IKAMET_TODAY": "2026-11-23", "USER": "", "LOGNAME": " "]
        let set = try runIkamet(["checklist", "2026-0001", "A1", "--set", "photos=received"], in: office.dir, environment: env)
        #expect(set.status == 0, "\(set.stderr)")
        let log = try runIkamet(["log", "--client", "2026-0001", "--limit", "1", "--format", "json"], in: office.dir, environment: env)
        let entries = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.first?["user"] as? String == account, "\(log.stdout)")
    }
}

/// Issue 9: no byte from data reaches a terminal raw, standard error included.
@Suite("CLI output gate (as a process)")
struct CLIOutputGateTests {
    static let hostile = "\u{1B}]0;PWNED\u{07}\u{1B}[31m"
    static let forbiddenBytes: [[UInt8]] = [[0x1B], [0x07], [0x7F], [0xC2, 0x85], [0xC2, 0x9B], Array("\u{202E}".utf8),
                                            Array("\u{2066}".utf8), Array("\u{2028}".utf8), Array("\u{061C}".utf8)]

    func expectClean(_ data: Data, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = [UInt8](data)
        for pattern in Self.forbiddenBytes {
            let found = bytes.count >= pattern.count && (0...(bytes.count - pattern.count)).contains { Array(bytes[$0..<$0 + pattern.count]) == pattern }
            #expect(!found, "\(what): raw \(pattern) in output", sourceLocation: sourceLocation)
        }
    }

    @Test("an import error quoting a hostile permit type shows it escaped on standard error")
    func importErrorIsEscaped() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let client = #"{"id":"X","name":"N","permits":[{"type":"\u001b]0;PWNED\u0007\u001b[31m","start":"2020-01-01","end":"2021-01-01"}]}"#
        try Data(#"{"format":"ikamet/1","clients":[\#(client)]}"#.utf8).write(to: dir.url.appendingPathComponent("evil.json"))
        let r = try runIkamet(["import", "evil.json", "--store", "s.sqlite"], in: dir)
        #expect(r.status != 0)
        expectClean(r.stderrData, "import error")
        #expect(r.stderr.contains(#"'\u{1B}]0;PWNED\u{7}\u{1B}[31m' is not a valid permit type"#), "\(r.stderr)")
    }

    @Test("usage and lookup errors quoting a hostile argument are escaped")
    func usageErrors() throws {
        let dir = try TempDir(); defer { dir.remove() }
        _ = try runIkamet(["demo", "--keep", "demo.sqlite", "--today", "2026-11-23"], in: dir)
        for args in [["client", Self.hostile, "--store", "demo.sqlite"], ["clients", "--format", Self.hostile, "--store", "demo.sqlite"],
                     ["--\u{1B}[31mbogus"], ["eligibility", "2026-0101", "--on", "2026-\u{202E}01-01", "--store", "demo.sqlite"]] {
            let r = try runIkamet(args, in: dir)
            #expect(r.status != 0, "\(args)")
            #expect(!r.stderr.isEmpty, "\(args)")
            expectClean(r.stderrData, "\(args) stderr")
            expectClean(r.stdoutData, "\(args) stdout")
        }
    }

    @Test("hostile text stored in a client leaves every format escaped, and JSON still decodes to it")
    func everyFormat() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let name = "Evil\u{1B}]0;PWNED\u{07}\u{85}\u{202E}\u{2066}\u{2028}\u{7F}\u{61C}Name"
        let client: [String: Any] = ["id": "H-1", "name": name, "notes": "n\u{9B}31m",
                                     "permits": [["type": "short-term", "start": "2025-12-20", "end": "2026-12-10"]]]
        let file = try JSONSerialization.data(withJSONObject: ["format": "ikamet/1", "clients": [client]])
        try file.write(to: dir.url.appendingPathComponent("h.json"))
        let imported = try runIkamet(["import", "h.json", "--store", "s.sqlite", "--today", "2026-11-23"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
        let runs: [[String]] = [["clients"], ["clients", "--format", "csv"], ["clients", "--format", "json"], ["client", "H-1"],
                                ["client", "H-1", "--format", "json"], ["deadlines", "--within", "60"],
                                ["deadlines", "--within", "60", "--format", "csv"], ["deadlines", "--within", "60", "--format", "json"],
                                ["deadlines", "--within", "60", "--format", "ics"], ["eligibility", "H-1"], ["eligibility", "H-1", "--format", "json"],
                                ["log"], ["log", "--format", "json"], ["export"], ["check"]]
        for args in runs {
            let r = try runIkamet(args + ["--store", "s.sqlite", "--today", "2026-11-23"], in: dir)
            expectClean(r.stdoutData, "\(args)")
            expectClean(r.stderrData, "\(args) stderr")
        }
        let export = try runIkamet(["export", "--store", "s.sqlite"], in: dir)
        let decoded = try JSONSerialization.jsonObject(with: export.stdoutData) as? [String: Any]
        let clients = try #require(decoded?["clients"] as? [[String: Any]])
        #expect(clients.first?["name"] as? String == name)
        // A file written by export --output passes the same gate, and reads back the same.
        let toFile = try runIkamet(["export", "--output", "out.json", "--store", "s.sqlite"], in: dir)
        #expect(toFile.status == 0, "\(toFile.stderr)")
        let fileData = try Data(contentsOf: dir.url.appendingPathComponent("out.json"))
        expectClean(fileData, "export --output file")
        let fromFile = try JSONSerialization.jsonObject(with: fileData) as? [String: Any]
        #expect((fromFile?["clients"] as? [[String: Any]])?.first?["name"] as? String == name)
    }
}

/// Issue 9: commands and guarantees that had no test as a process.
@Suite("CLI as a process: what had no test")
struct CLIUntestedTests {
    func demo(_ dir: TempDir) throws {
        let r = try runIkamet(["demo", "--keep", "s.sqlite", "--today", "2026-11-23"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    func sha(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test("restore refuses a corrupt backup and needs --yes; with it, the backup's clients come back")
    func restore() throws {
        let dir = try TempDir(); defer { dir.remove() }
        try demo(dir)
        let backup = try runIkamet(["backup", "b.sqlite", "--store", "s.sqlite"], in: dir)
        #expect(backup.status == 0, "\(backup.stderr)")
        // A corrupt backup: refused, store unchanged.
        try Data(repeating: 0x42, count: 8192).write(to: dir.url.appendingPathComponent("bad.sqlite"))
        let before = try sha(dir.path("s.sqlite"))
        let bad = try runIkamet(["restore", "bad.sqlite", "--yes", "--store", "s.sqlite"], in: dir)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("bad.sqlite"), "\(bad.stderr)")
        #expect(try sha(dir.path("s.sqlite")) == before)
        // Without --yes: refused, says how many clients would be replaced.
        _ = try runIkamet(["close", "2026-0101", "--reason", "left-turkey", "--store", "s.sqlite", "--today", "2026-11-23"], in: dir)
        let noYes = try runIkamet(["restore", "b.sqlite", "--store", "s.sqlite"], in: dir)
        #expect(noYes.status != 0)
        #expect(noYes.stderr.contains("--yes"), "\(noYes.stderr)")
        #expect(try runIkamet(["client", "2026-0101", "--store", "s.sqlite", "--format", "json"], in: dir).stdout.contains("\"closed\""))
        // With --yes: the backup's state is back (the file is open again).
        let ok = try runIkamet(["restore", "b.sqlite", "--yes", "--store", "s.sqlite"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("Restored 64 client(s)"), "\(ok.stdout)")
        #expect(!(try runIkamet(["client", "2026-0101", "--store", "s.sqlite", "--format", "json"], in: dir).stdout.contains("\"closed\"")))
    }

    @Test("check with a validation error exits non-zero and names the client")
    func checkWithErrors() throws {
        let dir = try TempDir(); defer { dir.remove() }
        // Imported with an error would be refused, so break a stored document through SQL: a permit ending before it starts.
        try demo(dir)
        let clean = try runIkamet(["check", "--store", "s.sqlite", "--today", "2026-11-23"], in: dir)
        #expect(clean.status == 0, "\(clean.stdout)")
        let sql = "UPDATE client SET doc = json_set(doc, '$.permits[0].end', '2000-01-01') WHERE id = '2026-0101'"
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [dir.path("s.sqlite"), sql]
        try sqlite.run(); sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let r = try runIkamet(["check", "--store", "s.sqlite", "--today", "2026-11-23"], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("2026-0101: error: permits[0].end"), "\(r.stdout)")
        #expect(r.stdout.contains("1 error(s) in 1 client(s)"), "\(r.stdout)")
    }

    @Test("eligibility --trip moves the earliest eligible date")
    func whatIfTripMovesTheEarliestDate() throws {
        let dir = try TempDir(); defer { dir.remove() }
        try demo(dir)
        func earliest(_ extra: [String]) throws -> String? {
            let r = try runIkamet(["eligibility", "2026-0201", "--format", "json", "--store", "s.sqlite", "--today", "2026-11-23"] + extra, in: dir)
            let json = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any]
            return json?["earliestEligibleDate"] as? String
        }
        #expect(try earliest([]) == "2026-11-23")
        #expect(try earliest(["--on", "2027-03-01"]) == "2027-03-01")
        // A what-if trip 2026-11-24 → 2027-03-04 is 100 days abroad. With the 120 days of
        // 2026-05-04 → 2026-09-01, slice 1 (D − 1 year … D − 1) holds at most 180 only once it has
        // shed 40 days of the May trip: D − 1 year ≥ 2026-06-13, so D = 2027-06-13.
        #expect(try earliest(["--on", "2027-03-01", "--trip", "2026-11-24:2027-03-04"]) == "2027-06-13")
    }

    @Test("read-only commands leave the store's bytes unchanged; deadlines writes only a stale agenda cache")
    func readOnlyOpens() throws {
        let dir = try TempDir(); defer { dir.remove() }
        try demo(dir)
        let path = dir.path("s.sqlite")
        // The first deadlines of the day refreshes the cache; from then on nothing writes.
        _ = try runIkamet(["deadlines", "--store", "s.sqlite", "--today", "2026-11-23"], in: dir)
        let before = try sha(path)
        for args in [["deadlines"], ["deadlines", "--format", "json"], ["clients"], ["client", "2026-0101"], ["eligibility", "2026-0101"],
                     ["log"], ["export"], ["check"]] {
            let r = try runIkamet(args + ["--store", "s.sqlite", "--today", "2026-11-23"], in: dir)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(try sha(path) == before, "\(args) changed the store's bytes")
        }
    }

    @Test("a store on a network file system gets the warning on open")
    func networkFileSystemWarning() throws {
        let dir = try TempDir(); defer { dir.remove() }
        try demo(dir)
        let folder = dir.url.resolvingSymlinksInPath().path
        try Data("server:/export \(folder) nfs4 rw,relatime 0 0\n".utf8).write(to: dir.url.appendingPathComponent("mounts"))
        let r = try runIkamet(["clients", "--store", "s.sqlite", "--today", "2026-11-23"], in: dir,
                              environment: ["IKAMET_TEST_MOUNTS": dir.path("mounts")])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning: the store is on a network file system"), "\(r.stderr)")
        let local = try runIkamet(["clients", "--store", "s.sqlite", "--today", "2026-11-23"], in: dir)
        #expect(!local.stderr.contains("network file system"))
    }
}
