import Foundation
import IkametCore
import IkametStore
@testable import IkametTUI
import TerminalUI
import Testing

/// Issue 14 in the terminal UI, on the demo store: the Trips tab's Entry-Exit Record import (paste or file,
/// review, confirm), the household box, letters from the Applications tab.
@Suite("Practice tools (TUI)")
@MainActor
struct PracticeToolsTUITests {
    /// Pooja Mehta (2020-0300): two trips on file, long-term conditions open.
    func openTrips(_ r: AppRuntime, _ id: String = "2020-0300") {
        r.openClient(id)
        r.press([.tab, .tab])
        #expect(r.state.clientScreen?.tab == .trips)
    }

    static let record = "Tarih;Yön;Kapı\n20.12.2018;Çıkış;IST\n10.01.2019;Giriş;IST\n01.10.2023;Çıkış;SAW\n14.10.2023;Giriş;SAW\n05.01.2024;Çıkış;IST\n20.08.2024;Giriş;IST\n"

    @Test func aPastedRecordIsReviewedThenAppliedInOneChange() throws {
        let (r, _) = try makeRuntime(width: 100, height: 30)
        openTrips(r)
        let before = try #require(try r.store.client("2020-0300"))
        r.press([.character("i")])
        guard case .prompt(let p)? = r.state.overlay else { Issue.record("no prompt"); return }
        #expect(p.purpose == .entryExitRecord)
        r.press([.paste(Self.record)])
        guard case .confirm(let c)? = r.state.overlay else { Issue.record("no review: \(String(describing: r.state.overlay))"); return }
        #expect(c.question.contains("New, to be added: 1"))
        #expect(c.question.contains("+ 2024-01-05 – 2024-08-20 (228 days abroad)"))
        #expect(c.question.contains("Same as on file: 2"))
        #expect(c.question.contains("not-eligible with the record"))
        #expect(c.question.hasSuffix("Apply: add 1 trip(s) and correct 0, in one change? (y/n)"))
        // The review scrolls like any long box; nothing is written until y.
        r.press([.pageDown])
        #expect(try r.store.client("2020-0300")?.version == before.version)
        r.press([.character("y")])
        let after = try #require(try r.store.client("2020-0300"))
        #expect(after.version == before.version + 1)
        #expect(after.client.trips.count == 3 && after.client.trips.last?.note == "IST → IST")
        #expect(r.state.status == "Entry-Exit Record applied: 1 trip(s) added, 0 corrected")
        // Editing the imported trip (to mark an exemption) keeps its note.
        r.press([.character("G"), .enter])
        #expect(r.state.form != nil)
        r.press([.down, .down, .right, .enter])
        let edited = try #require(try r.store.client("2020-0300")?.client.trips.last)
        #expect(edited.exempt != nil && edited.note == "IST → IST", "\(edited)")
        // The two changes, undone by two u.
        r.press([.character("u"), .character("u")])
        #expect(try r.store.client("2020-0300")?.client.trips == before.client.trips)
    }

    @Test func aRecordFileIsReadByPathAndABadOneIsExplainedLineByLine() throws {
        let (r, _) = try makeRuntime(width: 100, height: 30)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ikamet-tui-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("record.csv").path
        try Data(Self.record.utf8).write(to: URL(fileURLWithPath: good))
        let bad = dir.appendingPathComponent("bad.csv").path
        try Data("01.02.2022;Çıkış\n31.02.2022;Giriş\n".utf8).write(to: URL(fileURLWithPath: bad))
        openTrips(r)
        r.press([.character("i")])
        r.type(bad)
        r.press([.enter])
        guard case .explanation(_, let text)? = r.state.overlay else { Issue.record("no explanation: \(String(describing: r.state.overlay))"); return }
        #expect(text.contains("line 2: “31.02.2022” is not a date"), "\(text)")
        #expect(r.state.statusIsError)
        r.press([.escape, .character("i")])
        r.type(good)
        r.press([.enter])
        guard case .confirm = r.state.overlay else { Issue.record("no review"); return }
        r.press([.character("n")])
        #expect(try r.store.client("2020-0300")?.client.trips.count == 2, "n writes nothing")
        r.press([.character("i")])
        r.type(dir.appendingPathComponent("missing.csv").path)
        r.press([.enter])
        #expect(r.state.statusIsError && r.state.status?.contains("Cannot read") == true)
    }

    @Test func anomaliesAreShownAndNothingCanBeApplied() throws {
        let (r, _) = try makeRuntime(width: 100, height: 30)
        openTrips(r)
        r.press([.character("i"), .paste("01.02.2022;Çıkış\n01.03.2022;Çıkış\n15.03.2022;Giriş\n")])
        guard case .explanation(_, let text)? = r.state.overlay else { Issue.record("no box"); return }
        #expect(text.contains("lines 1 and 2: two exits in a row"))
        #expect(text.contains("1 anomaly(ies): nothing can be applied"))
    }

    @Test func theHouseholdBoxListsTheSupporterAndDependents() throws {
        let store = try Fixture.demoStore()
        let actor = Actor(user: "PL", timestamp: "2026-11-23T10:00:00+03:00")
        // Leyla Əliyeva (2024-0260, family permit) names Lukas Becker (2026-0101) as her supporter.
        try store.modify("2024-0260", by: actor, today: day("2026-11-23")) { $0.supporter = .client("2026-0101") }
        let (r, _) = try makeRuntime(store: store, width: 100, height: 30)
        r.openClient("2024-0260")
        let detail = try #require(r.state.clientScreen?.detail)
        #expect(detail.supporter?.clientId == "2026-0101")
        #expect(detail.household.map(\.id) == ["2026-0101", "2024-0260"])
        #expect(r.frame.text.contains("Household (h): Lukas Becker (2026-0101), permit ends 2026-11-28; 2 member(s)"))
        r.press([.character("h")])
        guard case .explanation(let title, let text)? = r.state.overlay else { Issue.record("no household box"); return }
        #expect(title == "Household")
        #expect(text.contains("Lukas Becker (2026-0101), supporter") && text.contains("* Leyla Əliyeva (2024-0260)"))
    }

    @Test func aLetterIsWrittenFromTheApplicationsTab() throws {
        let (r, _) = try makeRuntime(width: 100, height: 30)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ikamet-tui-letters-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        r.lettersDirectory = dir.path
        r.openClient("2026-0101")
        r.press([.tab, .tab, .tab])
        try r.selectApplication("A1")
        r.press([.character("l")])
        guard case .choose(let c)? = r.state.overlay else { Issue.record("no letter choice"); return }
        #expect(c.values == ["documents-tr", "documents-en", "cover"])
        r.press([.character("2")])
        let path = dir.appendingPathComponent("2026-0101-A1-documents-en.html").path
        #expect(r.state.status == "Letter written to \(path)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("Dear Lukas Becker,") && html.contains("<svg"))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        // A second letter of the same kind does not replace the first.
        r.press([.character("l"), .character("2")])
        #expect(r.state.status == "Letter written to \(dir.appendingPathComponent("2026-0101-A1-documents-en-2.html").path)")
        // The cover letter of a draft is refused with the reason.
        r.press([.character("l"), .character("3")])
        #expect(r.state.statusIsError && r.state.status?.contains("has not been submitted in e-ikamet yet") == true)
    }

    @Test func theClientFormNamesASupporterAndTheApplicationFormItsNumber() throws {
        let (r, _) = try makeRuntime(width: 100, height: 40)
        r.openClient("2024-0260")
        r.press([.character("e")])
        guard var form = r.state.form else { Issue.record("no client form"); return }
        let kindIndex = try #require(form.fields.firstIndex { $0.key == .supporterKind })
        #expect(form.fields[kindIndex].value == "client", "Leyla's demo supporter is her father, a client of the office")
        #expect(form.fields.first { $0.key == .supporterName }?.value == "2024-0259")
        // Choose "a person outside the office" and back to "a client of the office", then give Lukas Becker's file number.
        r.press(Array(repeating: .down, count: kindIndex - form.focus))
        r.press([.right])
        form = try #require(r.state.form)
        #expect(form.fields[kindIndex].value == "person")
        r.press([.left])
        #expect(r.state.form?.fields[kindIndex].value == "client")
        r.press([.down, .control("u")])
        r.type("2026-0101")
        r.press([.enter])
        let saved = try #require(try r.store.client("2024-0260")?.client)
        #expect(saved.supporter == .client("2026-0101"))
        #expect(r.state.clientScreen?.detail?.household.map(\.id) == ["2026-0101", "2024-0260"])
        // The e-ikamet number, on the application form.
        r.press([.tab, .tab, .tab])
        try r.selectApplication("A1")
        r.press([.character("e")])
        guard let appForm = r.state.form else { Issue.record("no application form"); return }
        let numberIndex = try #require(appForm.fields.firstIndex { $0.key == .number })
        r.press(Array(repeating: .down, count: numberIndex - appForm.focus))
        r.type("2026-E-777")
        r.press([.enter])
        #expect(try r.store.client("2024-0260")?.client.applications.first { $0.id == "A1" }?.number == "2026-E-777")
    }
}
