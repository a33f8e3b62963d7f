import Foundation
import IkametTestSupport
import Testing
@testable import IkametCLI
import IkametCore
import IkametData
import IkametInterchange
@testable import IkametStore
import IkametText

/// Issue 14 through the built binary and the real store: Entry-Exit Record import, households,
/// letters, the daily digest.
@Suite("Practice tools (CLI as a process, real store)")
struct PracticeToolsTests {
    /// A supporter (work permit ending 2027-01-09, nothing filed), a dependent on a family permit ending later,
    /// and a client with an extension whose documents are partly in.
    static let household = """
    {"format": "ikamet/1", "clients": [
      {"id": "2024-0001", "name": "Omar Haddad", "nationality": "JO", "birthDate": "1980-02-02", "attorney": "EK", "province": "İstanbul",
       "passport": {"number": "P1234567", "expires": "2032-01-01"},
       "permits": [{"type": "work-permit", "start": "2025-01-10", "end": "2027-01-09"}]},
      {"id": "2024-0002", "name": "Lina Haddad", "nationality": "JO", "birthDate": "1984-05-05", "attorney": "EK", "province": "İstanbul",
       "passport": {"number": "P7654321", "expires": "2032-01-01"},
       "permits": [{"type": "family", "start": "2025-07-01", "end": "2027-06-30"}],
       "supporter": {"client": "2024-0001"}},
      {"id": "2024-0003", "name": "Sami Haddad", "nationality": "JO", "birthDate": "2012-03-03", "attorney": "EK",
       "passport": {"number": "P1111111", "expires": "2032-01-01"},
       "permits": [{"type": "family", "start": "2025-07-01", "end": "2026-12-20"}],
       "supporter": {"client": "2024-0001"}},
      {"id": "2026-0042", "name": "Ayşe Işık", "nationality": "DE", "birthDate": "1985-04-12", "attorney": "EK", "province": "Ankara",
       "foreignerId": "99123456786", "passport": {"number": "C01X00T47", "expires": "2031-05-01"}, "fatherName": "Hans",
       "permits": [{"type": "short-term", "start": "2024-12-20", "end": "2026-12-19", "number": "06-2024-1"}],
       "trips": [{"exit": "2025-03-01", "entry": "2025-03-10", "exempt": "health"}],
       "applications": [{"id": "A1", "kind": "extension", "permitType": "short-term", "status": "submitted", "submitted": "2026-11-27",
                         "delivery": "mail", "filedBy": "attorney", "number": "2026-E-123456",
                         "checklist": [{"item": "photos", "state": "received"}, {"item": "passport-notarized-copy", "state": "received"},
                                       {"item": "health-insurance", "state": "missing", "note": "policy must run to 2028"},
                                       {"item": "foreign-documents-legalised", "state": "missing"},
                                       {"item": "application-form", "state": "certified"}]}],
       "powerOfAttorney": {"date": "2026-01-05", "notary": "Çankaya 3. Noterliği"}}
    ]}
    """

    /// A store with the household caseload and the office's contact, on 2026-12-01.
    struct Desk {
        let dir: TempDir
        var store: String { dir.path("office.sqlite") }
        init() throws {
            dir = try TempDir()
            // Made in-process with the audit time of 2026-11-25, so that on 2026-12-01 nothing was changed "since yesterday"
            // whatever the machine's clock says (the CLI stamps its own changes with the real time).
            let data = try RuleData.load(from: Repo.data)
            let store = try OfficeStore.open(path: dir.path("office.sqlite"))
            store.configure(agenda: Context.agendaRules(parameters: data.parameters, data: data))
            let actor = Actor(user: "EK", timestamp: "2026-11-25T09:00:00+03:00")
            _ = try store.importClients(try Interchange.decode(Data(PracticeToolsTests.household.utf8)).clients, by: actor,
                                        today: CivilDate("2026-11-25")!)
            for (key, value) in [("office.name", "Kaya Hukuk Bürosu"), ("office.address", "Büyükdere Cad. 1, Şişli, İstanbul"),
                                 ("office.phone", "+90 212 555 00 00"), ("office.email", "buro@kaya.example"),
                                 ("attorneys", #"[{"initials":"EK","name":"Elif Kaya"}]"#)] {
                try store.setSetting(key, to: value, base: data.parameters, by: actor)
            }
        }
        func run(_ arguments: [String], today: String = "2026-12-01", user: String = "PL", environment: [String: String] = [:]) throws -> RunResult {
            try runIkamet(arguments + ["--store", store, "--today", today, "--user", user], in: dir, environment: environment)
        }
        func json(_ arguments: [String], today: String = "2026-12-01") throws -> Any {
            let r = try run(arguments + ["--format", "json"], today: today)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            return try JSONSerialization.jsonObject(with: r.stdoutData)
        }
    }

    // MARK: Entry-Exit Record

    @Test("trips import: a dry run writes nothing; --apply adds and corrects in one audited change and the verdict line changes")
    func tripsImport() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        let record = try desk.dir.write("record.csv", """
            Tarih;Yön;Kapı
            20.12.2024;Giriş;İstanbul Havalimanı
            01.03.2025;Çıkış;İstanbul Havalimanı
            12.03.2025;Giriş;İstanbul Havalimanı
            05.01.2026;Çıkış;Sabiha Gökçen
            20.02.2026;Giriş;Sabiha Gökçen

            """)
        let before = try runIkamet(["export", "--store", desk.store], in: desk.dir).stdoutData
        let dry = try desk.run(["trips", "import", "2026-0042", record])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("New, to be added: 1\n  + 2026-01-05 – 2026-02-20 (46 days abroad)  line 5  Sabiha Gökçen → Sabiha Gökçen"), "\(dry.stdout)")
        #expect(dry.stdout.contains("Different on file, to be corrected: 1\n  ~ on file 2025-03-01 – 2025-03-10 (9 days abroad); record 2025-03-01 – 2025-03-12 (11 days abroad)  line 3 (exemption health kept: check it still applies)"))
        #expect(dry.stdout.contains("Nothing written. Run again with --apply to add 1 trip(s) and correct 1."))
        #expect(dry.stdout.contains("Long-term verdict on 2026-12-01: not-eligible now, not-eligible with the record"), "\(dry.stdout)")
        #expect(try runIkamet(["export", "--store", desk.store], in: desk.dir).stdoutData == before, "a dry run changes nothing")

        let applied = try desk.run(["trips", "import", "2026-0042", record, "--apply", "--format", "json"])
        #expect(applied.status == 0, "\(applied.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: applied.stdoutData) as? [String: Any])
        #expect(result["applied"] as? Bool == true && result["version"] as? Int == 2)
        #expect((result["new"] as? [[String: Any]])?.first?["exit"] as? String == "2026-01-05")
        let client = try #require((try desk.json(["client", "2026-0042"]) as? [String: Any])?["clients"] as? [[String: Any]]).first
        let trips = try #require(client?["trips"] as? [[String: Any]])
        #expect(trips.count == 2)
        #expect(trips[0]["entry"] as? String == "2025-03-12" && trips[0]["exempt"] as? String == "health")
        #expect(trips[1]["note"] as? String == "Sabiha Gökçen → Sabiha Gökçen")
        // One change: one batch in the audit trail, by the login given.
        let log = try desk.run(["log", "--client", "2026-0042", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: log.stdoutData) as? [[String: Any]])
        let batches = Set(rows.filter { ($0["field"] as? String)?.hasPrefix("trips") == true }.compactMap { $0["batch"] as? Int })
        #expect(batches.count == 1, "\(rows)")
        // A second run has nothing to do.
        let again = try desk.run(["trips", "import", "2026-0042", record, "--apply"])
        #expect(again.status == 0 && again.stdout.contains("The trips on file already match the record; nothing to write."))
    }

    @Test("a record whose corrected trips would not validate is shown with the reason and not applied")
    func tripsImportBlocked() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        let record = try desk.dir.write("long.csv", "01.03.2025;Çıkış\n05.01.2026;Giriş\n")
        // 2026-0042's trip 2025-03-01 – 2025-03-10 is corrected to ten months; no trip on file overlaps: allowed.
        #expect(try desk.run(["trips", "import", "2026-0042", record]).status == 0)
        // A second trip on file inside those months makes the corrected one overlap it: refused, with the reason.
        let add = try desk.run(["import", try desk.dir.write("extra.json", """
            {"format": "ikamet/1", "clients": [\(PracticeToolsTests.householdClient(id: "2026-0042", extraTrip: #"{"exit": "2025-06-01", "entry": "2025-06-10"}"#))]}
            """)])
        #expect(add.status == 0, "\(add.stderr)")
        let before = try runIkamet(["export", "--store", desk.store], in: desk.dir).stdoutData
        let dry = try desk.run(["trips", "import", "2026-0042", record])
        #expect(dry.status == 0 && dry.stdout.contains("Cannot be applied: 1"), "\(dry.stdout)")
        #expect(dry.stdout.contains("cannot be applied until"), "no promise to apply: \(dry.stdout)")
        let r = try desk.run(["trips", "import", "2026-0042", record, "--apply"])
        #expect(r.status == 1 && r.stderr.contains("nothing was written"), "\(r.stderr)")
        #expect(try runIkamet(["export", "--store", desk.store], in: desk.dir).stdoutData == before)
    }

    /// Ayşe Işık's client object of `household`, with one more trip.
    static func householdClient(id: String, extraTrip: String) -> String {
        let doc = try? JSONSerialization.jsonObject(with: Data(household.utf8)) as? [String: Any]
        guard var c = (doc?["clients"] as? [[String: Any]])?.first(where: { $0["id"] as? String == id }),
              let extra = try? JSONSerialization.jsonObject(with: Data(extraTrip.utf8)) else { return "{}" }
        c["trips"] = ((c["trips"] as? [Any]) ?? []) + [extra]
        return (try? JSONSerialization.data(withJSONObject: c)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    @Test("trips import refuses anomalies, unreadable lines, binary files and missing files, naming them, and writes nothing")
    func tripsImportRefusals() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        let before = try runIkamet(["export", "--store", desk.store], in: desk.dir).stdoutData
        let anomalies = try desk.dir.write("anomalies.csv", "01.02.2022;Çıkış\n01.03.2022;Çıkış\n15.03.2022;Giriş\n")
        let a = try desk.run(["trips", "import", "2026-0042", anomalies, "--apply"])
        #expect(a.status == 1 && a.stdout.contains("! lines 1 and 2: two exits in a row (2022-02-01, 2022-03-01)"), "\(a.stdout)")
        #expect(a.stderr.contains("The record has 1 anomaly(ies); nothing was written."))
        let bad = try desk.dir.write("bad.csv", "01.02.2022;Çıkış\n31.02.2022;Giriş\n")
        let b = try desk.run(["trips", "import", "2026-0042", bad, "--apply", "--lang", "tr"])
        #expect(b.status == 1 && b.stderr.contains("2. satır: “31.02.2022” bir tarih değil"), "\(b.stderr)")
        let binary = desk.dir.path("scan.pdf")
        try Data([0x25, 0x50, 0x44, 0x46, 0x2D, 0x00, 0xFF, 0x00]).write(to: URL(fileURLWithPath: binary))
        let c = try desk.run(["trips", "import", "2026-0042", binary, "--apply"])
        #expect(c.status == 1 && c.stderr.contains("the file is not UTF-8 text"))
        let d = try desk.run(["trips", "import", "2026-0042", desk.dir.path("nope.csv")])
        #expect(d.status == 1 && d.stderr.contains("no such file"), "\(d.stderr)")
        let dev = try desk.run(["trips", "import", "2026-0042", "/dev/zero"])
        #expect(dev.status == 1 && dev.stderr.contains("not a regular file"), "\(dev.stderr)")
        let hostile = try desk.dir.write("hostile.csv", "01.02.2022;Çıkış;\u{1B}[2J\u{1B}]0;pwned\u{07}\n15.02.2022;Giriş;\u{202E}SAW\n")
        let e = try desk.run(["trips", "import", "2026-0042", hostile])
        #expect(e.status == 0 && !e.stdout.contains("\u{1B}") && !e.stdout.contains("\u{202E}"), "escaped on output")
        #expect(try runIkamet(["export", "--store", desk.store], in: desk.dir).stdoutData == before)
        for r in [a, b, c, d, e] { #expect(!looksLikeACrash(r.stderr)) }
    }

    @Test("a change refused inside the store's transaction says why, not \"database error\", and writes nothing")
    func refusedChangeIsNotADatabaseError() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        let r = try desk.run(["checklist", "2026-0042", "A1", "--set", "photos=certified"])
        #expect(r.status == 1 && r.stderr.contains("'photos' does not need a notarized copy, so it cannot be certified"), "\(r.stderr)")
        #expect(!r.stderr.contains("database error"), "\(r.stderr)")
    }

    // MARK: Households

    @Test("a dependent whose supporter's permit ends first is flagged: agenda item, validation warning, household list")
    func household() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        let deadlines = try #require((try desk.json(["deadlines", "--within", "60"]) as? [String: Any])?["items"] as? [[String: Any]])
        let first = deadlines.filter { $0["kind"] as? String == "supporter-extension-first" }
        #expect(first.map { $0["client"] as? String } == ["2024-0002"], "the child's permit ends before the supporter's: only Lina")
        #expect(first.first?["date"] as? String == "2027-01-09")
        let text = try desk.run(["client", "2024-0002"])
        #expect(text.stdout.contains("Supporter: Omar Haddad (2024-0001), permit ends 2027-01-09"), "\(text.stdout)")
        #expect(text.stdout.contains("the family permit ends 2027-06-30, after the permit of the supporter Omar Haddad (2024-0001) (2027-01-09)"))
        let members = try #require(try desk.json(["clients", "--household", "2024-0003"]) as? [[String: Any]])
        #expect(members.map { $0["id"] as? String } == ["2024-0001", "2024-0002", "2024-0003"])
        #expect(members.map { $0["supporter"] as? String } == [nil, "2024-0001", "2024-0001"])
        // The supporter files an extension: the dependent's item goes at once (the store recomputes the dependents).
        let filed = try desk.run(["import", try desk.dir.write("filed.json", """
            {"format": "ikamet/1", "clients": [
              {"id": "2024-0001", "name": "Omar Haddad", "nationality": "JO", "birthDate": "1980-02-02", "attorney": "EK", "province": "İstanbul",
               "passport": {"number": "P1234567", "expires": "2032-01-01"},
               "permits": [{"type": "work-permit", "start": "2025-01-10", "end": "2027-01-09"}],
               "applications": [{"id": "A1", "kind": "extension", "permitType": "work-permit", "status": "submitted", "submitted": "2026-11-30",
                                 "delivery": "appointment"}]}]}
            """)])
        #expect(filed.status == 0, "\(filed.stderr)")
        let after = try #require((try desk.json(["deadlines", "--within", "60"]) as? [String: Any])?["items"] as? [[String: Any]])
        #expect(!after.contains { $0["kind"] as? String == "supporter-extension-first" })
        let unknown = try desk.run(["clients", "--household", "2099-0001"])
        #expect(unknown.status == 1 && unknown.stderr.contains("2099-0001"))
    }

    @Test("the store recomputes a dependent's agenda when the supporter is saved or deleted")
    func dependentsRecomputed() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let data = try RuleData.load(from: Repo.data)
        let rules = Context.agendaRules(parameters: data.parameters, data: data)
        let store = try OfficeStore.open(path: dir.path("s.sqlite"))
        store.configure(agenda: rules)
        let today = CivilDate("2026-12-01")!
        let actor = Actor(user: "PL", timestamp: "2026-12-01T09:00:00+03:00")
        let file = try Interchange.decode(Data(Self.household.utf8)).clients
        _ = try store.importClients(file, by: actor, today: today)
        func kinds(_ id: String) throws -> [String] {
            try store.agendaEntries(today: today, rules: rules, through: nil).filter { $0.clientId == id }.map(\.entry.kind)
        }
        #expect(try kinds("2024-0002").contains("supporter-extension-first"))
        #expect(try !store.agendaNeedsRefresh(today: today, rules: rules))
        // The supporter's permit is renewed: the dependent's stored rows change in the same write.
        try store.modify("2024-0001", by: actor, today: today) { $0.permits.append(Permit(type: .workPermit, start: CivilDate("2027-01-10")!, end: CivilDate("2029-01-09")!)) }
        #expect(try !kinds("2024-0002").contains("supporter-extension-first"))
        #expect(try store.household(of: "2024-0002").map(\.id) == ["2024-0001", "2024-0002", "2024-0003"])
        let version = try #require(try store.client("2024-0001")?.version)
        // Back to no renewal, then the supporter is deleted: the dependent's stored item goes with the supporter's file.
        try store.modify("2024-0001", by: actor, today: today) { $0.permits.removeLast() }
        #expect(try kinds("2024-0002").contains("supporter-extension-first"))
        try store.delete("2024-0001", expectedVersion: version + 1, by: actor)
        #expect(try !kinds("2024-0002").contains("supporter-extension-first"))
        #expect(try store.household(of: "2024-0002").map(\.id) == ["2024-0002"])
        let facts = try store.supporterFacts(for: try #require(try store.client("2024-0002")?.client), today: today, engine: rules.computer.deadlines)
        #expect(facts?.found == false)
    }

    // MARK: Letters

    @Test("the missing-documents letter in Turkish and English, text and HTML, matches its snapshot")
    func documentsLetters() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        for lang in ["tr", "en"] {
            let text = try desk.run(["letter", "documents", "2026-0042", "A1", "--lang", lang])
            #expect(text.status == 0, "\(text.stderr)")
            assertTextSnapshot(text.stdout, named: "letter-documents-\(lang).txt")
            let html = try desk.run(["letter", "documents", "2026-0042", "A1", "--lang", lang, "--format", "html"])
            #expect(html.status == 0 && html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("<svg"))
            assertTextSnapshot(html.stdout, named: "letter-documents-\(lang).html")
        }
        let tr = try desk.run(["letter", "documents", "2026-0042", "A1", "--lang", "tr"]).stdout
        #expect(tr.contains("Sağlık sigortası poliçesi") && tr.contains("Not: policy must run to 2028"))
        #expect(tr.contains("en geç 04.12.2026 tarihine kadar"), "the mailing deadline: 5 working days after 2026-11-27")
        #expect(tr.contains("apostil"))
    }

    @Test("the cover letter (dilekçe) is Turkish, lists the enclosed documents, and refuses a draft or another kind")
    func coverLetter() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        let r = try desk.run(["letter", "cover", "2026-0042", "A1"])
        #expect(r.status == 0, "\(r.stderr)")
        assertTextSnapshot(r.stdout, named: "letter-cover.txt")
        #expect(r.stdout.contains("ANKARA İL GÖÇ İDARESİ MÜDÜRLÜĞÜNE") && r.stdout.contains("2026-E-123456"))
        #expect(r.stdout.contains("EKLER (3)"))
        let html = try desk.run(["letter", "cover", "2026-0042", "A1", "--format", "html"])
        assertTextSnapshot(html.stdout, named: "letter-cover.html")
        let missing = try desk.run(["letter", "cover", "2024-0001", "A9"])
        #expect(missing.status == 1 && missing.stderr.contains("A9"))
    }

    @Test("a letter written to a file is readable by its owner only; an existing file needs --force")
    func letterFile() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        let path = desk.dir.path("letter.html")
        let r = try desk.run(["letter", "documents", "2026-0042", "A1", "--format", "html", "--output", path])
        #expect(r.status == 0 && r.stderr.contains("Letter written to \(path)."))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        let again = try desk.run(["letter", "documents", "2026-0042", "A1", "--format", "html", "--output", path])
        #expect(again.status == 1)
    }

    @Test("the PDF has a page and the letter's text (pdftotext); without a converter the error says what to install")
    func pdfLetter() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        let path = desk.dir.path("letter.pdf")
        let converter = ["/usr/bin/weasyprint", "/usr/bin/wkhtmltopdf"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        // CI installs weasyprint (.ci/run): there the PDF must be made, never skipped.
        if ProcessInfo.processInfo.environment["CI"] == "true" { #expect(converter, "CI must have a PDF converter") }
        if converter {
            let r = try desk.run(["letter", "documents", "2026-0042", "A1", "--lang", "en", "--format", "pdf", "--output", path])
            #expect(r.status == 0, "\(r.stderr)")
            let pdf = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(pdf.starts(with: Array("%PDF".utf8)))
            let text = try pdftotext(path)
            #expect(text.contains("Dear Ayşe Işık,") && text.contains("Documents to bring"), "\(text)")
            let cover = try desk.run(["letter", "cover", "2026-0042", "A1", "--format", "pdf", "--output", desk.dir.path("cover.pdf")])
            #expect(cover.status == 0)
            #expect(try pdftotext(desk.dir.path("cover.pdf")).contains("İL GÖÇ İDARESİ MÜDÜRLÜĞÜNE"))
        }
        let none = try desk.run(["letter", "documents", "2026-0042", "A1", "--format", "pdf", "--output", desk.dir.path("x.pdf")],
                                environment: ["PATH": "/nonexistent"])
        #expect(none.status == 1 && none.stderr.contains("PDF needs one of weasyprint, wkhtmltopdf"), "\(none.stderr)")
    }

    func pdftotext(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = [path, "-"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Digest

    @Test("the digest lists new, overdue and upcoming items per attorney; nothing is new on a quiet day")
    func digest() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        // The files were imported on 2026-11-25: on 2026-12-01 nothing was changed since yesterday.
        let r = try desk.run(["digest", "--within", "45"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Morning list of 2026-12-01 (deadlines up to 45 days ahead, and everything overdue)"))
        #expect(r.stdout.contains("Elif Kaya (EK)"))
        #expect(r.stdout.contains("New since yesterday: 0\nOverdue: 0\nDue in the next 45 days, through 2027-01-15: 4\n"), "\(r.stdout)")
        #expect(r.stdout.contains("Lina Haddad (2024-0002)  Supporter's extension first: Omar Haddad (2024-0001)'s permit ends 2027-01-09, before this one"))
        // With a 39-day horizon the items of 2027-01-09 enter the list today: they are new.
        let edge = try desk.run(["digest", "--within", "39"])
        #expect(edge.stdout.contains("New since yesterday: 2\n     2027-01-09 (39 days left)  Omar Haddad (2024-0001)"), "\(edge.stdout)")
        // A change today makes the client's items new, with who changed the file.
        let tick = try desk.run(["checklist", "2026-0042", "A1", "--set", "health-insurance=received"], user: "ZT")
        #expect(tick.status == 0)
        let after = try desk.run(["digest", "--within", "45", "--lang", "tr"])
        #expect(after.stdout.contains("Ayşe Işık (2026-0042)") && after.stdout.contains("[dosyayı ZT değiştirdi]"), "\(after.stdout)")
        let html = try desk.run(["digest", "--format", "html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("<h2>Elif Kaya (EK)</h2>"))
    }

    @Test("digest --mail hands an RFC 5322 message to sendmail -t and nothing else")
    func digestMail() throws {
        let desk = try Desk(); defer { desk.dir.remove() }
        let bin = desk.dir.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let captured = desk.dir.path("mail.txt")
        // The system's MTA stands outside the product: a stand-in that keeps what it was handed.
        try desk.dir.write("bin/sendmail", "#!/bin/sh\necho \"$@\" > \(captured).args\ncat > \(captured)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/sendmail")
        let r = try desk.run(["digest", "--mail", "ek@kaya.example"], environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(r.status == 0 && r.stdout.isEmpty && !r.stderr.contains("Digest handed"), "quiet without a terminal: \(r.stderr)")
        let message = try String(contentsOfFile: captured, encoding: .utf8)
        #expect(message.hasPrefix("To: ek@kaya.example\nSubject: =?UTF-8?B?"))
        #expect(message.contains("Content-Type: text/plain; charset=utf-8") && message.contains("\n\nMorning list of 2026-12-01"))
        #expect(try String(contentsOfFile: captured + ".args", encoding: .utf8) == "-t -oi\n")
        try FileManager.default.removeItem(atPath: captured)
        let bad = try desk.run(["digest", "--mail", "ek@kaya.example\nBcc: x@y.z"], environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(bad.status != 0 && !FileManager.default.fileExists(atPath: captured), "a header injection is refused before sendmail runs")
        // HTML: every line of the message within RFC 5322's 998 bytes; the subject folded into short encoded-words.
        let html = try desk.run(["digest", "--within", "60", "--format", "html", "--mail", "ek@kaya.example"], environment: ["PATH": bin + ":/usr/bin:/bin"])
        #expect(html.status == 0)
        let sent = try String(contentsOfFile: captured, encoding: .utf8)
        #expect(sent.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 998 })
        #expect(sent.split(separator: "\n").filter { $0.hasPrefix("Subject:") || $0.hasPrefix(" =?UTF-8") }.allSatisfy { $0.utf8.count <= 78 })
        let none = try desk.run(["digest", "--mail", "ek@kaya.example"], environment: ["PATH": "/nonexistent"])
        // Debian puts sendmail in /usr/sbin: only when no MTA is installed is this an error.
        if !FileManager.default.isExecutableFile(atPath: "/usr/sbin/sendmail") && !FileManager.default.isExecutableFile(atPath: "/usr/lib/sendmail") {
            #expect(none.status == 1 && none.stderr.contains("No sendmail found"))
        }
    }
}

/// Compares `text` with the file `name` in `__Snapshots__` next to this file; `RECORD_SNAPSHOTS=1` (not in CI) writes it.
func assertTextSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__").appendingPathComponent(name)
    let environment = ProcessInfo.processInfo.environment
    let inCI = environment["CI"] == "true"
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if (environment["RECORD_SNAPSHOTS"] == "1" || existing == nil) && !inCI {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        if existing == nil { Issue.record("no snapshot \(name): recorded, review it and run again", sourceLocation: sourceLocation) }
        return
    }
    guard let existing else { Issue.record("no snapshot \(name) (CI writes none)", sourceLocation: sourceLocation); return }
    #expect(text == existing, "\(name) differs from its snapshot", sourceLocation: sourceLocation)
}
