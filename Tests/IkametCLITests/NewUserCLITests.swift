import Foundation
import IkametTestSupport
import Testing

/// Issue 12, the CLI's part, through the built binary: each test failed before its fix.
@Suite("What a new user trips over (CLI as a process)")
struct NewUserCLITests {
    @Test("a command that only reads refuses a store that does not exist, names it, and creates nothing",
          arguments: [["deadlines"], ["clients"], ["client", "2026-0001"], ["eligibility", "2026-0001"], ["log"], ["export"],
                      ["check"], ["checklist", "2026-0001", "A1"], ["settings"], ["backup", "copy.sqlite"]])
    func missingStoreIsRefused(command: [String]) throws {
        let dir = try TempDir(); defer { dir.remove() }
        let typo = dir.path("office-typo.sqlite")
        let r = try runIkamet(command + ["--store", typo, "--today", "2026-11-23"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("No store: \(typo) does not exist; nothing was created."), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: typo))
        #expect(r.stdout.isEmpty)
        // The default location is no exception: only the TUI's first start creates it.
        let d = try runIkamet(command + ["--today", "2026-11-23"], in: dir)
        #expect(d.status != 0 && d.stderr.contains("No store: "))
        #expect(!FileManager.default.fileExists(atPath: dir.path("xdg/ikamet/office.sqlite")))
    }

    @Test("in Turkish too; IKAMET_STORE is checked the same way")
    func missingStoreInTurkish() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let typo = dir.path("buro.sqlite")
        let r = try runIkamet(["deadlines", "--lang", "tr"], in: dir, environment: ["IKAMET_STORE": typo])
        #expect(r.status != 0)
        #expect(r.stderr.contains("Veritabanı yok: \(typo) bulunamadı; hiçbir şey oluşturulmadı."), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test("init creates an empty store and says so; a second init changes nothing; import creates one and says so")
    func initAndImportCreate() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let path = dir.path("new.sqlite")
        let created = try runIkamet(["init", "--store", path], in: dir)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("Created a new store at \(path)."))
        let listed = try runIkamet(["clients", "--store", path, "--format", "json"], in: dir)
        #expect(listed.status == 0)
        #expect((try JSONSerialization.jsonObject(with: listed.stdoutData) as? [Any])?.isEmpty == true)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try runIkamet(["init", "--store", path], in: dir)
        #expect(again.status != 0 && again.stderr.contains("A store already exists at \(path); nothing was changed."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let file = try dir.write("caseload.json", caseload)
        let imported = try runIkamet(["import", file, "--store", dir.path("other.sqlite"), "--today", "2026-11-23"], in: dir)
        #expect(imported.status == 0 && imported.stderr.contains("Created a new store at \(dir.path("other.sqlite"))."))
    }

    @Test("a note, empty or not, leaves who moved the item and when")
    func noteKeepsByAndAt() throws {
        let office = try Office(); defer { office.dir.remove() }
        #expect(try office.run(["checklist", "2026-0001", "A1", "--set", "photos=received"], today: "2026-11-20", user: "PL").status == 0)
        for note in ["photos=brought by the client", "photos="] {
            let r = try office.run(["checklist", "2026-0001", "A1", "--note", note], today: "2026-11-23", user: "ZT")
            #expect(r.status == 0, "\(r.stderr)")
            let item = try checklistItem(office, "photos")
            #expect(item["by"] as? String == "PL" && item["at"] as? String == "2026-11-20", "\(item)")
            #expect(item["state"] as? String == "received")
        }
        #expect(try checklistItem(office, "photos")["note"] == nil || (try checklistItem(office, "photos")["note"] is NSNull))
    }

    func checklistItem(_ office: Office, _ item: String) throws -> [String: Any] {
        let doc = try #require(try JSONSerialization.jsonObject(with: office.export()) as? [String: Any])
        let clients = try #require(doc["clients"] as? [[String: Any]])
        let client = try #require(clients.first { $0["id"] as? String == "2026-0001" })
        let app = try #require((client["applications"] as? [[String: Any]])?.first)
        return try #require((app["checklist"] as? [[String: Any]])?.first { $0["item"] as? String == item })
    }

    @Test("attorney initials match in any case; an unknown attorney is an error listing the known ones")
    func attorneyInitials() throws {
        let office = try Office(); defer { office.dir.remove() }
        let upper = try office.run(["deadlines", "--attorney", "EK", "--format", "json"])
        let lower = try office.run(["deadlines", "--attorney", "ek", "--format", "json"])
        #expect(upper.status == 0 && lower.status == 0)
        #expect(lower.stdout == upper.stdout)
        #expect(lower.stdout.contains("\"client\":\"2026-0001\""))
        let clients = try office.run(["clients", "--attorney", "ek", "--format", "json"])
        #expect(clients.status == 0 && clients.stdout.contains("2026-0001") && !clients.stdout.contains("2026-0002"))
        let unknown = try office.run(["deadlines", "--attorney", "XY"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("No attorney XY in this office. Known attorneys: EK."), "\(unknown.stderr)")
        #expect(unknown.stdout.isEmpty)
        let tr = try office.run(["clients", "--attorney", "xy", "--lang", "tr"])
        #expect(tr.status != 0 && tr.stderr.contains("Bu büroda xy adlı avukat yok. Bilinen avukatlar: EK."))
    }

    @Test("log --client of an unknown file number is an error; a deleted client's history stays readable")
    func logOfUnknownClient() throws {
        let office = try Office(); defer { office.dir.remove() }
        let r = try office.run(["log", "--client", "2026-9999"])
        #expect(r.status != 0 && r.stderr.contains("2026-9999"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test("export --output refuses to replace a file unless --force is given")
    func exportDoesNotOverwrite() throws {
        let office = try Office(); defer { office.dir.remove() }
        let target = try office.dir.write("keep.json", "someone's data\n")
        let refused = try office.run(["export", "--output", target])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(target) already exists; nothing was written. Add --force to replace it."))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "someone's data\n")
        let forced = try office.run(["export", "--output", target, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("\"format\":\"ikamet/1\""))
    }

    @Test("a trip from 1800 to 9999 is refused by name, with nothing imported")
    func absurdTripRefused() throws {
        let dir = try TempDir(); defer { dir.remove() }
        let file = try dir.write("bad.json", """
            {"format": "ikamet/1", "clients": [{"id": "X-1", "name": "Far Away", "birthDate": "1980-01-01",
             "trips": [{"exit": "1800-01-01", "entry": "9999-12-31"}]}]}
            """)
        let r = try runIkamet(["import", file, "--store", dir.path("s.sqlite"), "--today", "2026-11-23"], in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains("The exit date 1800-01-01 is before the birth date 1980-01-01."), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("s.sqlite")))
    }

    @Test("log shows changes in words, in both languages")
    func logInWords() throws {
        let office = try Office(); defer { office.dir.remove() }
        #expect(try office.run(["checklist", "2026-0001", "A1", "--set", "photos=received"], user: "PL").status == 0)
        let en = try office.run(["log", "--client", "2026-0001", "--limit", "3"])
        #expect(en.stdout.contains("    state: missing → received"), "\(en.stdout)")
        let tr = try office.run(["log", "--client", "2026-0001", "--limit", "3", "--lang", "tr"])
        #expect(tr.stdout.contains("A1 başvurusu · “"), "\(tr.stdout)")
        #expect(tr.stdout.contains("    durum: eksik → teslim alındı"), "\(tr.stdout)")
        #expect(tr.stdout.contains("23.11.2026"))
    }

    @Test("restore without --yes on a missing store creates nothing")
    func restoreWithoutYes() throws {
        let office = try Office(); defer { office.dir.remove() }
        let backup = office.dir.path("b.sqlite")
        #expect(try office.run(["backup", backup]).status == 0)
        let typo = office.dir.path("typo.sqlite")
        let r = try runIkamet(["restore", backup, "--store", typo], in: office.dir)
        #expect(r.status != 0)
        #expect(!FileManager.default.fileExists(atPath: typo))
        #expect(!r.stderr.contains("Created a new store"))
    }

    @Test("an empty note cannot clear a waived item's reason, unless --set moves the item on")
    func waiverReasonStays() throws {
        let office = try Office(); defer { office.dir.remove() }
        #expect(try office.run(["checklist", "2026-0001", "A1", "--set", "photos=waived", "--note", "photos=client abroad"]).status == 0)
        let r = try office.run(["checklist", "2026-0001", "A1", "--note", "photos="])
        #expect(r.status != 0 && r.stderr.contains("photos is waived"), "\(r.stderr)")
        #expect(try checklistItem(office, "photos")["note"] as? String == "client abroad")
        let moved = try office.run(["checklist", "2026-0001", "A1", "--set", "photos=missing", "--note", "photos="])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(try checklistItem(office, "photos")["state"] as? String == "missing")
    }
}
