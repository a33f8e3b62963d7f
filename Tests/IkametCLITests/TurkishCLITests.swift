import Foundation
import IkametText
@testable import IkametCLI
import IkametTestSupport
import Testing

/// The CLI in Turkish, as a process (issue 11): tables, CSV, ICS, eligibility,
/// a client, an import error, the language chosen by option, environment,
/// office setting and locale, and JSON keys unchanged. Expected words come from
/// the Turkish catalog, so a string left in English fails here.
@Suite("CLI in Turkish")
struct TurkishCLITests {
    static let tr = Catalog.named("tr") ?? Catalog.english
    static let en = Catalog.english

    @Test("deadlines --format table in Turkish: Turkish titles, labels and dates; nothing left in English")
    func deadlinesTable() throws {
        let office = try Office()
        let r = try office.run(["deadlines", "--lang", "tr", "--format", "table"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(Self.tr("kind.mail-documents")), "\(r.stdout)")
        #expect(r.stdout.contains(Self.tr("kind.out-of-status")))
        #expect(r.stdout.contains("26.11.2026"), "dates as GG.AA.YYYY")
        #expect(!r.stdout.contains("2026-11-26"))
        for english in [Self.en("kind.mail-documents"), Self.en("kind.out-of-status"), "Client", "Action", "overdue"] {
            #expect(!r.stdout.contains(english), "English '\(english)' in: \(r.stdout)")
        }
        // Also before the command name, as `ikamet --lang tr deadlines`.
        let before = try runIkamet(["--lang", "tr", "deadlines", "--store", office.store, "--today", "2026-11-23"], in: office.dir)
        #expect(before.status == 0 && before.stdout == r.stdout)
    }

    @Test("deadlines csv and ics in Turkish; JSON keys stay English")
    func deadlinesCSVICSJSON() throws {
        let office = try Office()
        let csv = try office.run(["deadlines", "--lang", "tr", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\n").first.map(String.init) == Self.tr("cli.deadlines.csv-header"))
        #expect(csv.stdout.contains("iş günü"), "the mailing explanation counts working days in Turkish")
        let ics = try office.run(["deadlines", "--lang", "tr", "--format", "ics"])
        #expect(ics.status == 0)
        #expect(ics.stdout.contains("SUMMARY:" + Self.tr("kind.mail-documents")))
        let jsonTR = try office.run(["deadlines", "--lang", "tr", "--format", "json"])
        let jsonEN = try office.run(["deadlines", "--format", "json"])
        func keys(_ text: String) throws -> [Set<String>] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let items = try #require(object["items"] as? [[String: Any]])
            return [Set(object.keys)] + items.map { Set($0.keys) }
        }
        #expect(try keys(jsonTR.stdout) == keys(jsonEN.stdout))
        #expect(jsonTR.stdout.contains("\"kind\" : \"mail-documents\"") || jsonTR.stdout.contains("\"kind\":\"mail-documents\""),
                "kind ids stay English")
        #expect(jsonTR.stdout != jsonEN.stdout, "explanations are in the chosen language")
    }

    @Test("eligibility, client and an import error in Turkish")
    func reportsAndErrors() throws {
        let office = try Office()
        let e = try office.run(["eligibility", "2026-0003", "--lang", "tr"])
        #expect(e.status == 0, "\(e.stderr)")
        #expect(e.stdout.contains(Self.tr.render(.term("verdict.not-eligible"))) || e.stdout.contains(Self.tr.render(.term("verdict.eligible"))),
                "\(e.stdout)")
        let c = try office.run(["client", "2026-0001", "--lang", "tr"])
        #expect(c.status == 0)
        #expect(c.stdout.contains("Ayşe Yılmaz"))
        #expect(c.stdout.contains(Self.tr.render(.term("application-kind.extension"))))
        #expect(c.stdout.contains("19.11.2026"))
        let bad = try office.dir.write("bad.json", """
            {"format":"ikamet/1","clients":[{"id":"X","name":"N","permits":[{"type":"short-term","start":"2026-02-30","end":"2027-01-01"}]}]}
            """)
        let i = try runIkamet(["import", bad, "--lang", "tr", "--store", office.dir.path("other.sqlite")], in: office.dir)
        #expect(i.status != 0)
        #expect(i.stderr.contains("Hata:"), "\(i.stderr)")
        #expect(i.stderr.contains("permits[0].start"))
        #expect(i.stderr.contains("Şubat 2026"), "the month in Turkish: \(i.stderr)")
        #expect(!i.stderr.contains("is not a valid date"))
    }

    @Test("the language: --lang over IKAMET_LANG over the office setting over the locale; an unknown one is refused")
    func languageChoice() throws {
        let office = try Office()
        let title = Self.tr("cli.deadlines.column.date")
        func deadlines(_ extra: [String], env: [String: String] = [:]) throws -> String {
            try runIkamet(["deadlines", "--store", office.store, "--today", "2026-11-23"] + extra, in: office.dir, environment: env).stdout
        }
        #expect(try !deadlines([]).contains(title), "English by default")
        #expect(try deadlines([], env: ["LANG": "tr_TR.UTF-8"]).contains(title), "the locale")
        #expect(try deadlines([], env: ["IKAMET_LANG": "tr"]).contains(title), "IKAMET_LANG")
        #expect(try !deadlines(["--lang", "en"], env: ["IKAMET_LANG": "tr"]).contains(title), "--lang wins")
        let set = try office.run(["settings", "language", "tr"], user: "EK")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(try deadlines([]).contains(title), "the office setting")
        #expect(try !deadlines([], env: ["IKAMET_LANG": "en"]).contains(title), "IKAMET_LANG over the setting")
        let unknown = try office.run(["deadlines", "--lang", "de"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("en") && unknown.stderr.contains("tr"), "names the available languages: \(unknown.stderr)")
        let badSetting = try office.run(["settings", "language", "de"], user: "EK")
        #expect(badSetting.status != 0)
    }

    @Test("clients sorts names in Turkish alphabetical order when Turkish is chosen")
    func turkishOrder() throws {
        let dir = try TempDir()
        let file = try dir.write("c.json", """
            {"format":"ikamet/1","clients":[
             {"id":"1","name":"Çelik Ada"},{"id":"2","name":"Cem Ak"},{"id":"3","name":"Işık Bal"},
             {"id":"4","name":"İnci Can"},{"id":"5","name":"Ilgaz Dem"},{"id":"6","name":"Dora Er"}]}
            """)
        let store = dir.path("o.sqlite")
        #expect(try runIkamet(["import", file, "--store", store, "--today", "2026-11-23"], in: dir).status == 0)
        func names(_ lang: String) throws -> [String] {
            let r = try runIkamet(["clients", "--lang", lang, "--format", "json", "--store", store, "--today", "2026-11-23"], in: dir)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            return rows.compactMap { $0["name"] as? String }
        }
        #expect(try names("tr") == ["Cem Ak", "Çelik Ada", "Dora Er", "Ilgaz Dem", "Işık Bal", "İnci Can"])
    }

    @Test("a rule parameter changed with `ikamet settings` changes the cached explanation the next time it is read, in either language")
    func settingChangesCachedExplanations() throws {
        let office = try Office()
        let before = try office.run(["deadlines", "--format", "csv"])
        #expect(before.stdout.contains("5th working day"))
        #expect(try office.run(["settings", "rules.deadlines.mailingCount", "7"], user: "EK").status == 0)
        let after = try office.run(["deadlines", "--format", "csv"])
        #expect(after.stdout.contains("7th working day"), "\(after.stdout)")
        #expect(!after.stdout.contains("5th working day"))
        let turkish = try office.run(["deadlines", "--lang", "tr", "--format", "csv"])
        #expect(turkish.stdout.contains("7. iş günü"), "\(turkish.stdout)")
    }
}

/// `deadlines --format json` streams stored rows; the document is byte for byte the one built from items.
@Suite("deadlines JSON: streamed and built agree")
struct StreamedDeadlinesTests {
    @Test("the streamed JSON equals deadlinesJSON over the same items, in English and Turkish, with and without an attorney")
    func streamedEqualsBuilt() throws {
        let office = try Office()
        let command = try #require(try IkametCommand.parseAsRoot(["deadlines", "--store", office.store, "--today", "2026-11-23"])
                                   as? DeadlinesCommand)
        for code in ["en", "tr"] {
            let catalog = try #require(Catalog.named(code))
            try Catalog.using(catalog) {
                let ctx = try Context.open(command.global, quiet: true)
                for (within, attorney) in [(30, nil), (400, nil), (30, "EK"), (0, nil)] as [(Int, String?)] {
                    var streamed: [UInt8] = []
                    #expect(try streamDeadlinesJSON(ctx, within: within, attorney: attorney) { streamed += Array($0.data) })
                    let built = deadlinesJSON(try collectDeadlines(ctx, within: within, attorney: attorney), today: ctx.today, within: within)
                    #expect(streamed == built, "\(code) within \(within) attorney \(attorney ?? "-")")
                }
            }
        }
    }
}
