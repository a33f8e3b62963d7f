import Foundation
import IkametCore
import IkametInterchange
import IkametStore
@testable import IkametTUI
import TerminalUI
import Testing

/// Control and bidi-format characters: never drawn raw.
func mustNotBeDrawn(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 0x20 || v == 0x7F { return true }
    if (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) { return true }
    return (0x2066...0x2069).contains(v)
}

/// The runtime end to end on a real in-memory store: keys in, store changes
/// and audit rows out.
@MainActor
@Suite("Runtime")
struct RuntimeTests {
    func openClient(_ runtime: AppRuntime, _ id: String) {
        runtime.press([.character("2"), .character("/")])
        runtime.type(id)
        runtime.press([.enter, .enter])
    }

    func go(_ runtime: AppRuntime, to tab: ClientTab) {
        for _ in 0..<6 where runtime.state.clientScreen?.tab != tab { runtime.press([.tab]) }
    }

    /// Every client but `id`, canonical, to show nothing else changed.
    func others(_ store: OfficeStore, except id: String) throws -> [Client] {
        try store.allClients().filter { $0.id != id }.map(Interchange.canonical).sorted { $0.id < $1.id }
    }

    func stored(_ store: OfficeStore, _ id: String) throws -> StoredClient {
        try #require(try store.client(id))
    }

    @Test func tickingAChecklistItemSavesItWithWhoAndWhenAndAnAuditRow() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        let othersBefore = try others(store, except: "2026-0101")
        let counterBefore = try store.changeCounter()
        openClient(runtime, "2026-0101")
        go(runtime, to: .applications)
        try runtime.selectApplication("A1")
        runtime.press([.enter])
        #expect(runtime.state.route == .checklist)
        #expect(runtime.state.checklist?.applicationId == "A1")
        runtime.press([.character(" ")])

        let after = try stored(store, "2026-0101")
        #expect(after.version == 2)
        #expect(after.updatedBy == "PL")
        let a1 = try applicationIndex("A1", in: after.client)
        let entry = after.client.applications[a1].checklist[0]
        #expect(entry == ChecklistEntry(item: "application-form", state: .received, by: "PL", at: demoToday))
        // Only that item changed.
        var expected = Fixture.demoClients.first { $0.id == "2026-0101" }
        expected?.applications[a1].checklist[0] = entry
        #expect(expected.map(Interchange.canonical) == Interchange.canonical(after.client))
        #expect(try others(store, except: "2026-0101") == othersBefore)

        let newRows = try store.auditTrail(client: "2026-0101").filter { $0.seq > counterBefore }
        #expect(Set(newRows.map(\.field)) == ["applications[A1].checklist[application-form].state",
                                              "applications[A1].checklist[application-form].by",
                                              "applications[A1].checklist[application-form].at"])
        let state = try #require(newRows.first { $0.field.hasSuffix(".state") })
        #expect(state.old == "missing" && state.new == "received" && state.user == "PL" && state.entity == "checklist")
        #expect(try store.auditTrail().filter { $0.seq > counterBefore }.allSatisfy { $0.clientId == "2026-0101" })

        // The screen shows the saved state and who did it.
        #expect(runtime.state.status == "application-form → received")
        #expect(runtime.state.clientScreen?.detail?.version == 2)
        let line = try #require(runtime.frame.lines().first { $0.contains("Signed application form") })
        #expect(line.contains("received") && line.contains("PL 2026-11-23"))
        #expect(runtime.state.undo.count == 1)

        // Space moved the cursor on (issue 12); back on the item, a second Space goes on from the saved version (no conflict).
        runtime.press([.up, .character(" ")])
        #expect(try stored(store, "2026-0101").version == 3)
        #expect(try stored(store, "2026-0101").client.applications[a1].checklist[0].state == .submitted)
        #expect(!runtime.state.statusIsError)
    }

    @Test func aTripWithABadDateSavesNothingThenAGoodOneIsSavedAndUndone() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        let original = try stored(store, "2026-0101")
        let counter = try store.changeCounter()
        openClient(runtime, "2026-0101")
        go(runtime, to: .trips)
        runtime.press([.character("a")])
        runtime.type("2026-02-30")
        runtime.press([.enter])
        #expect(runtime.state.route == .form)
        #expect(runtime.frame.text.contains("day 30 does not exist in February 2026"))
        #expect(try store.changeCounter() == counter)
        #expect(try stored(store, "2026-0101") == original)

        runtime.press([.control("u")])
        runtime.type("31.04.2026")
        runtime.press([.enter])
        #expect(runtime.frame.text.contains("day 31 does not exist in April 2026"))
        #expect(try store.changeCounter() == counter)

        runtime.press([.control("u")])
        runtime.type("2026-10-01")
        runtime.press([.tab])
        runtime.type("05.10.2026")
        runtime.press([.enter])
        #expect(runtime.state.route == .client)
        #expect(runtime.state.status == "Add trip: saved.")
        let saved = try stored(store, "2026-0101")
        #expect(saved.version == 2)
        #expect(saved.client.trips.contains(Trip(exit: day("2026-10-01"), entry: day("2026-10-05"))))
        #expect(saved.client.trips.count == original.client.trips.count + 1)
        let rows = try store.auditTrail(client: "2026-0101").filter { $0.seq > counter }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.entity == "trip" && $0.user == "PL" })
        #expect(rows.contains { $0.new == "2026-10-01" } && rows.contains { $0.new == "2026-10-05" })
        // The trips tab shows it.
        #expect(runtime.frame.text.contains("2026-10-01  2026-10-05  4"))

        runtime.press([.character("u")])
        let undone = try stored(store, "2026-0101")
        #expect(undone.version == 3)
        #expect(Interchange.canonical(undone.client) == Interchange.canonical(original.client))
        #expect(runtime.state.status == "Undone: Add trip: saved.")
        #expect(runtime.state.undo.isEmpty)
        #expect(!runtime.frame.text.contains("2026-10-01  2026-10-05"))
        runtime.press([.character("u")])
        #expect(runtime.state.status == "Nothing to undo in this session.")
        #expect(try stored(store, "2026-0101").version == 3)
    }

    @Test func deletingATripAsksFirstAndUndoBringsItBack() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        let original = try stored(store, "2026-0101")
        openClient(runtime, "2026-0101")
        go(runtime, to: .trips)
        runtime.press([.character("d")])
        guard case .confirm? = runtime.state.overlay else { Issue.record("d did not ask"); return }
        runtime.press([.character("n")])
        #expect(runtime.state.status == "Cancelled.")
        #expect(try stored(store, "2026-0101") == original)
        runtime.press([.character("d"), .escape])
        #expect(try stored(store, "2026-0101") == original)
        runtime.press([.character("d"), .character("y")])
        #expect(try stored(store, "2026-0101").client.trips.count == original.client.trips.count - 1)
        runtime.press([.character("u")])
        #expect(Interchange.canonical(try stored(store, "2026-0101").client) == Interchange.canonical(original.client))
    }

    @Test func deletingAClientAsksFirstAndUndoRestoresIt() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        let original = try stored(store, "2026-0101")
        openClient(runtime, "2026-0101")
        runtime.press([.character("d"), .character("y")])
        #expect(try store.client("2026-0101") == nil)
        #expect(runtime.state.route != .client)
        runtime.press([.character("1")])
        #expect(runtime.state.agendaRows.allSatisfy { $0.clientId != "2026-0101" })
        // The deleted client is not on screen: undo asks first, naming it.
        runtime.press([.character("u")])
        #expect(runtime.state.overlay.map { if case .confirm(let c) = $0 { c.question.contains("2026-0101") } else { false } } == true)
        runtime.press([.character("y")])
        let back = try stored(store, "2026-0101")
        #expect(Interchange.canonical(back.client) == Interchange.canonical(original.client))
    }

    /// Recording the online submission of a draft extension submits it (no status
    /// change needed): its mailing deadline shows at once, on the client and the agenda.
    @Test func recordingASubmissionCreatesTheMailingDeadlineAtOnce() throws {
        let (runtime, _) = try makeRuntime()
        openClient(runtime, "2026-0101")
        go(runtime, to: .applications)
        try runtime.selectApplication("A1")
        runtime.press([.character("e")])
        #expect(runtime.state.form?.title == "Edit application A1")
        #expect(runtime.state.form?[.status] == "draft")
        let form = try #require(runtime.state.form)
        let submitted = try #require(form.fields.firstIndex { $0.key == .submitted })
        runtime.press(Array(repeating: .tab, count: submitted - form.focus))
        runtime.type("23.11.2026")
        runtime.press([.enter])
        #expect(runtime.state.route == .client, "\(runtime.state.form?.fields.compactMap(\.error) ?? []) \(runtime.state.form?.message ?? "")")
        let saved = try #require(try runtime.store.client("2026-0101")?.client)
        let a1 = saved.applications[try applicationIndex("A1", in: saved)]
        #expect(a1.submitted == demoToday)
        #expect(a1.status == .submitted)
        let items = runtime.state.clientScreen?.detail?.items ?? []
        #expect(items.contains { $0.kind == .mailDocuments && $0.applicationId == "A1" })
        runtime.press([.character("1")])  // the agenda, reloaded as it is shown again
        #expect(runtime.state.agendaRows.contains { $0.clientId == "2026-0101" && $0.action == "Mail documents by" })
    }

    @Test func aSubmittedExtensionWithItsDateHasAMailingDeadline() throws {
        let (runtime, _) = try makeRuntime()
        openClient(runtime, "2026-0101")
        go(runtime, to: .applications)
        try runtime.selectApplication("A1")
        runtime.press([.character("e")])
        #expect(runtime.state.form?.title == "Edit application A1")
        let form = try #require(runtime.state.form)
        let status = try #require(form.fields.firstIndex { $0.key == .status })
        let submitted = try #require(form.fields.firstIndex { $0.key == .submitted })
        runtime.press(Array(repeating: .tab, count: status - form.focus) + [.right])
        #expect(runtime.state.form?.fields[status].input.text == "submitted")
        runtime.press(Array(repeating: .tab, count: submitted - status))
        runtime.type("2026-11-23")
        runtime.press([.enter])
        #expect(runtime.state.route == .client)
        let items = runtime.state.clientScreen?.detail?.items ?? []
        let mail = try #require(items.first { $0.kind == .mailDocuments && $0.applicationId == "A1" })
        #expect(mail.date > demoToday)
        runtime.press([.character("1")])
        #expect(runtime.state.agendaRows.contains { $0.clientId == "2026-0101" && $0.action == "Mail documents by" })
    }

    @Test func aConflictingEditSaysSoAndKeepsTheInput() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        openClient(runtime, "2026-0101")
        go(runtime, to: .trips)
        runtime.press([.character("a")])
        runtime.type("2026-10-01")
        runtime.press([.tab])
        runtime.type("2026-10-05")
        // A colleague changes the client meanwhile.
        let colleague = Actor(user: "EK", timestamp: "2026-11-23T10:00:00+03:00")
        try store.modify("2026-0101", by: colleague, today: demoToday, validator: Fixture.env().validator) { $0.phone = "+90 555 111 2233" }
        runtime.press([.enter])
        #expect(runtime.state.route == .form)
        #expect(runtime.state.statusIsError)
        #expect(runtime.state.form?.message?.contains("EK") == true, "\(runtime.state.form?.message ?? "no message")")
        #expect(runtime.state.form?.fields[0].input.text == "2026-10-01")
        #expect(try stored(store, "2026-0101").client.trips.count == 2)
        // Enter again saves the trip over their version, keeping their phone number.
        runtime.press([.enter])
        let saved = try stored(store, "2026-0101")
        #expect(runtime.state.route == .client)
        #expect(saved.client.trips.count == 3)
        #expect(saved.client.phone == "+90 555 111 2233")
    }

    @Test func anotherWritersChangeShowsUpOnTheNextIdleTick() throws {
        let (runtime, _) = try makeRuntime()
        runtime.press([.character("2")])
        #expect(!runtime.frame.text.contains("Zeynep Işık"))
        var newcomer = turkishClient()
        newcomer.id = "2026-0998"
        newcomer.name = "Zeynep Işık"
        try runtime.store.add(newcomer, by: Actor(user: "EK", timestamp: "2026-11-23T10:00:00+03:00"), today: demoToday,
                              validator: Fixture.env().validator)
        runtime.send(.idleTick)
        #expect(runtime.state.clientRows.contains { $0.id == "2026-0998" })
        // 64 demo clients, one closed (hidden), plus the one another writer added.
        #expect(runtime.state.clientTotal == 64)
        // Nothing new: the tick loads nothing.
        let rows = runtime.state.clientRows
        runtime.send(.idleTick)
        #expect(runtime.state.clientRows == rows)
    }

    @Test(arguments: ["isik", "IŞIK", "Işık", "ışık", "ayse", "AYŞE", "ayşe ışıklı", "C99T00001", "2026-0999"])
    func theClientFilterFoldsTurkishLetters(filter: String) throws {
        let (runtime, _) = try makeRuntime(store: try Fixture.demoStore(extra: [turkishClient()]))
        runtime.press([.character("2"), .character("/")])
        runtime.type(filter)
        #expect(runtime.state.clientRows.map(\.id) == ["2026-0999"], "filter \(filter)")
        #expect(runtime.frame.text.contains("Ayşe IŞIKLI"))
    }

    @Test func theClientFilterSearchesNamesFileNumbersPassportsAndForeignerIds() throws {
        let (runtime, _) = try makeRuntime()
        for (filter, id) in [("muller", "2021-0017"), ("MÜLLER", "2021-0017"), ("C91885105", "2026-0101"), ("99095945358", "2026-0101"),
                             ("lukas", "2026-0101"), ("2026-0101", "2026-0101")] {
            runtime.press([.character("2"), .character("/"), .control("u")])
            runtime.type(filter)
            #expect(runtime.state.clientRows.map(\.id) == [id], "filter \(filter)")
        }
    }

    @Test func hostileTextInDataNeverReachesTheTerminal() throws {
        var evil = turkishClient()
        evil.id = "2026-0666"
        evil.name = "Evil\u{202E}gnp.exe\u{1B}[2J\u{1B}]0;title\u{07} Name"
        evil.notes = "note\u{1B}[31m red \u{2066}iso\u{2069}"
        evil.address = "line1\nline2\u{9B}"
        let store = try Fixture.demoStore(extra: [evil])
        let (runtime, terminal) = try makeRuntime(store: store)
        openClient(runtime, "2026-0666")
        runtime.press([.character("?"), .escape, .character("x"), .escape, .character("e")])
        runtime.press([.escape, .character("1")])
        for frame in terminal.frames {
            let bad = frame.cells.flatMap { Array($0.text.unicodeScalars) }.filter(mustNotBeDrawn)
            #expect(bad.isEmpty, "control or bidi characters drawn: \(bad.map { String($0.value, radix: 16) })")
        }
        #expect(terminal.frames.contains { $0.text.contains("Evilgnp.exe[2J]0;title Name") })
    }

    /// Overlays are drawn over rows of Arabic, Cyrillic and CJK names: no row may
    /// become wider than the terminal (half a wide character left under a border).
    @Test(arguments: snapshotSizes)
    func overlaysKeepEveryRowTheWidthOfTheTerminal(size: ScreenSize) throws {
        let (runtime, _) = try makeRuntime(width: size.width, height: size.height)
        let screens: [[Key]] = [[.character("?")], [.character("x")], [.character("f")], [.character("h")]]
        for keys in screens {
            runtime.press(keys)
            let f = runtime.frame
            for y in 0..<f.height {
                let width = (0..<f.width).reduce(0) { $0 + DisplayWidth.of(f[$1, y].text) }
                #expect(width == f.width, "\(keys) row \(y) is \(width) cells: \(f.lines()[y])")
            }
            runtime.press([.escape])
        }
    }

    @Test func theWelcomeScreenOpensTheDemoOnAThrowawayStore() throws {
        let empty = try Fixture.emptyStore()
        let (runtime, _) = try makeRuntime(store: empty)
        #expect(runtime.state.route == .welcome)
        runtime.press([.character("d")])
        #expect(runtime.state.route == .agenda)
        #expect(runtime.state.isDemo)
        #expect(runtime.state.clientCount == 64)
        #expect(runtime.frame.lines()[0].contains("DEMO"))
        #expect(try empty.clientCount() == 0, "the office store is not touched")
    }

    @Test func theWelcomeScreenImportsAFile() throws {
        let (runtime, _) = try makeRuntime(store: try Fixture.emptyStore())
        runtime.press([.character("i")])
        runtime.type("/nonexistent/file.json")
        runtime.press([.enter])
        runtime.settle()
        #expect(runtime.state.statusIsError)
        #expect(runtime.state.route == .welcome)
        runtime.press([.character("i")])
        runtime.type(Repo.data.appendingPathComponent("demo.json").path)
        runtime.press([.enter])
        runtime.settle()
        #expect(runtime.state.route == .agenda)
        #expect(try runtime.store.clientCount() == 64)
        #expect(runtime.state.status == "Imported 64 client(s): 64 created, 0 updated.")
    }

    @Test func keysKeepWorkingWhileAnImportRunsOffTheInputLoop() throws {
        let (runtime, _) = try makeRuntime(store: try Fixture.emptyStore())
        // Hold the import job open until the keys below were handled.
        let hold = DispatchSemaphore(value: 0)
        runtime.jobGate = { hold.wait() }
        runtime.press([.character("i")])
        runtime.type(Repo.data.appendingPathComponent("demo.json").path)
        runtime.press([.enter])
        #expect(runtime.jobsRunning == 1)
        #expect(runtime.state.status == "Importing \(Repo.data.appendingPathComponent("demo.json").path)… (keys keep working)")
        // While it runs: the help opens and closes, the screen redraws.
        runtime.press([.character("?")])
        #expect(runtime.state.overlay == .help)
        runtime.press([.escape])
        #expect(runtime.state.overlay == nil)
        #expect(try runtime.store.clientCount() == 0, "the import has not run yet")
        hold.signal()
        runtime.settle()
        #expect(runtime.jobsRunning == 0)
        #expect(try runtime.store.clientCount() == 64)
        #expect(runtime.state.route == .agenda)
        #expect(runtime.state.status == "Imported 64 client(s): 64 created, 0 updated.")
    }

    @Test func aLargeAgendaRefreshRunsOffTheInputLoopAndTheAgendaIsReadAgainAfterIt() throws {
        // 1,200 clients (above the inline limit), opened on a later day: every snapshot is a day old.
        let store = try OfficeStore.inMemory()
        store.configure(agenda: Fixture.agendaRules)
        let demo = Fixture.demoClients
        let clients = (0..<(AppRuntime.inlineRefreshLimit + 200)).map { i -> Client in
            var c = demo[i % demo.count]
            c.id = "S-\(i)"
            return c
        }
        _ = try store.importClients(clients, by: Actor(user: "T", timestamp: "2026-11-23T09:00:00+03:00"), today: demoToday)
        let later = demoToday.adding(days: 400)
        let hold = DispatchSemaphore(value: 0)
        let terminal = HeadlessTerminal(width: 80, height: 24)
        var state = Fixture.initialState()
        state.today = later
        let runtime = AppRuntime(state: state, env: Fixture.env(), store: store, terminal: terminal, timeZone: "Europe/Istanbul",
                                 agendaRules: Fixture.agendaRules) { _ in [] }
        runtime.jobGate = { hold.wait() }
        runtime.start()
        #expect(runtime.jobsRunning == 1)
        #expect(runtime.state.status?.hasPrefix("Updating the agenda") == true)
        runtime.press([.character("2")])
        #expect(runtime.state.route == .clients, "keys work during the refresh")
        runtime.press([.character("1")])
        hold.signal()
        runtime.settle()
        #expect(runtime.state.status == "The agenda is up to date.")
        #expect(try !store.agendaNeedsRefresh(today: later, rules: Fixture.agendaRules))
        #expect(runtime.state.agendaLoaded)
    }

    @Test func runStopsOnQuitAndOnASignal() throws {
        let terminal = HeadlessTerminal(width: 80, height: 24, keys: [.character("2"), .character("1"), .character("q")])
        let runtime = AppRuntime(state: Fixture.initialState(), env: Fixture.env(), store: try Fixture.demoStore(), terminal: terminal,
                                 timeZone: "Europe/Istanbul", agendaRules: Fixture.agendaRules) { _ in [] }
        runtime.run { false }
        #expect(runtime.state.quitRequested)
        #expect(terminal.frames.count >= 3)

        let idle = HeadlessTerminal(width: 80, height: 24)
        let second = AppRuntime(state: Fixture.initialState(), env: Fixture.env(), store: try Fixture.demoStore(), terminal: idle,
                                timeZone: "Europe/Istanbul", agendaRules: Fixture.agendaRules) { _ in [] }
        var polls = 0
        second.run {
            polls += 1
            return polls > 3
        }
        #expect(!second.state.quitRequested)
        #expect(idle.frames.count == 1)
    }

    @Test func aResizeKeyRedrawsAtTheNewSize() throws {
        let terminal = HeadlessTerminal(width: 80, height: 24, keys: [.resize])
        let runtime = AppRuntime(state: Fixture.initialState(), env: Fixture.env(), store: try Fixture.demoStore(), terminal: terminal,
                                 timeZone: "Europe/Istanbul", agendaRules: Fixture.agendaRules) { _ in [] }
        runtime.start()
        terminal.size = (60, 20)
        var polls = 0
        runtime.run {
            polls += 1
            return polls > 2
        }
        #expect(terminal.lastFrame?.width == 60)
        #expect(terminal.lastFrame?.lines().first == "Terminal too small")
        terminal.queuedKeys = [.resize]
        terminal.size = (80, 24)
        polls = 0
        runtime.run {
            polls += 1
            return polls > 2
        }
        #expect(terminal.lastFrame?.width == 80)
        #expect(terminal.lastFrame?.lines().first?.contains("Agenda") == true)
    }
}

/// Issue 9: saves from the TUI's forms reach the store (a new client, a permit, an application).
@Suite("Runtime: saves from forms")
@MainActor
struct RuntimeFormSaveTests {
    @Test func aNewClientAPermitAndAnApplicationAreSavedInTheStore() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        runtime.press([.character("2"), .character("a")])
        #expect(runtime.state.route == .form)
        runtime.type("2026-0900")
        runtime.press([.tab])
        runtime.type("Zeynep Test")
        runtime.press([.enter])
        let created = try #require(try store.client("2026-0900"))
        #expect(created.client.name == "Zeynep Test")
        #expect(created.version == 1)

        // Find it in the list, open it, and add a permit and an application, all with keys.
        runtime.press([.escape, .character("2"), .character("/")])
        runtime.type("zeynep")
        runtime.press([.enter, .enter])
        #expect(runtime.state.route == .client && runtime.state.clientScreen?.id == "2026-0900")
        runtime.press([.tab])
        #expect(runtime.state.clientScreen?.tab == .permits)
        runtime.press([.character("a")])
        #expect(runtime.state.route == .form)
        runtime.press([.tab])
        runtime.type("2026-01-01")
        runtime.press([.tab])
        runtime.type("2026-12-31")
        runtime.press([.enter])
        let withPermit = try #require(try store.client("2026-0900"))
        #expect(withPermit.client.permits == [Permit(type: .shortTerm, start: day("2026-01-01"), end: day("2026-12-31"))])
        #expect(withPermit.version == 2)

        runtime.press([.tab, .tab])
        #expect(runtime.state.clientScreen?.tab == .applications)
        runtime.press([.character("a")])
        #expect(runtime.state.route == .form)
        runtime.press([.enter])
        let withApplication = try #require(try store.client("2026-0900"))
        let app = try #require(withApplication.client.applications.first)
        #expect(app.id == "A1" && app.kind == .extension && app.status == .draft)
        #expect(app.filedBy == .client)
        #expect(app.checklist.contains { $0.item == "uets-address" })
        #expect(withApplication.version == 3)
        let audit = try store.auditTrail(client: "2026-0900")
        #expect(audit.count >= 3 && audit.allSatisfy { $0.user == "PL" })
    }
}

/// Revision 2 on the Long-term tab: the what-if return from an open trip (nothing stored) and the verdict.
@Suite("Runtime: long-term what-if return")
@MainActor
struct RuntimeWhatIfReturnTests {
    @Test func bAsksForAReturnDateAndTheReportUsesIt() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        let before = try #require(try store.client("2026-0207"))
        runtime.send(.keyPressed(.character("2")))
        runtime.press([.character("/")])
        runtime.type("tremblay")
        runtime.press([.enter, .character("z")])   // a closed file: shown with z
        runtime.press([.enter])
        #expect(runtime.state.clientScreen?.id == "2026-0207")
        runtime.press([.tab, .tab, .tab, .tab])
        #expect(runtime.state.clientScreen?.tab == .longTerm)
        #expect(runtime.frame.text.contains("verdict:"))
        runtime.press([.character("b")])
        runtime.type("2026-11-01")
        runtime.press([.enter])
        #expect(runtime.frame.text.contains("must be after the open trip's exit 2026-11-0"))
        runtime.press([.control("u")])
        runtime.type("2026-12-15")
        runtime.press([.enter])
        #expect(runtime.state.clientScreen?.whatIfReturn == day("2026-12-15"))
        #expect(runtime.frame.text.contains("what-if back 2026-12-15"))
        // Nothing is stored.
        #expect(try store.client("2026-0207")?.version == before.version)
        runtime.press([.character("c")])
        #expect(runtime.state.clientScreen?.whatIfReturn == nil)
    }

    @Test func bWithoutAnOpenTripSaysSo() throws {
        let (runtime, _) = try makeRuntime()
        runtime.send(.keyPressed(.character("2")))
        runtime.press([.character("/")])
        runtime.type("becker")
        runtime.press([.enter, .enter, .tab, .tab, .tab, .tab, .character("b")])
        #expect(runtime.state.status == "No open trip: every recorded trip has a re-entry date.")
        #expect(runtime.state.overlay == nil)
    }
}

/// Issue 12: undo walks back the session's changes in order, each audited; a change to a client not on screen asks first.
@Suite("Runtime: undo, more than once")
@MainActor
struct RuntimeUndoTests {
    @Test func twoChangesAreUndoneInOrderAndEachUndoIsAudited() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        let original = try #require(try store.client("2026-0101"))
        runtime.openClient("2026-0101")
        #expect(runtime.state.route == .client && runtime.state.clientScreen?.id == "2026-0101")
        // Two changes: the client's phone, then its notes (the client form).
        runtime.press([.character("e")])
        #expect(runtime.state.route == .form)
        let phone = try #require(runtime.state.form?.fields.firstIndex { $0.key == .phone })
        runtime.press(Array(repeating: .tab, count: phone))
        runtime.press([.control("u")])
        runtime.type("+90 555 000 0001")
        runtime.press([.enter])
        #expect(try store.client("2026-0101")?.client.phone == "+90 555 000 0001")
        runtime.press([.character("e")])
        let notes = try #require(runtime.state.form?.fields.firstIndex { $0.key == .notes })
        runtime.press(Array(repeating: .tab, count: notes))
        runtime.press([.control("u")])
        runtime.type("second change")
        runtime.press([.enter])
        let changed = try #require(try store.client("2026-0101"))
        #expect(changed.client.notes == "second change" && changed.version == original.version + 2)

        // u, u: both undone, the newest first; neither is refused as a conflict with the first undo.
        runtime.press([.character("u")])
        #expect(!runtime.state.statusIsError, "\(runtime.state.status ?? "")")
        #expect(try store.client("2026-0101")?.client.notes == original.client.notes)
        #expect(try store.client("2026-0101")?.client.phone == "+90 555 000 0001")
        runtime.press([.character("u")])
        #expect(!runtime.state.statusIsError, "\(runtime.state.status ?? "")")
        let back = try #require(try store.client("2026-0101"))
        #expect(back.client == original.client)
        #expect(back.version == original.version + 4)
        // Four audited changes: two edits and two undos.
        // Four audited changes, each its own batch: two edits and the two undos (each undo restores one field).
        let audit = try store.auditTrail(client: "2026-0101").filter { $0.user == "PL" && $0.field != "*" }
        #expect(Set(audit.map(\.batch)).count == 4, "\(audit.map { ($0.batch, $0.field, $0.old ?? "-", $0.new ?? "-") })")
        #expect(audit.filter { $0.field == "phone" }.count == 2 && audit.filter { $0.field == "notes" }.count == 2)
        runtime.press([.character("u")])
        #expect(runtime.state.status == "Nothing to undo in this session.")
    }

    @Test func undoingAChangeToAClientNotOnScreenAsksFirstNamingTheClient() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        let original = try #require(try store.client("2026-0101"))
        runtime.openClient("2026-0101")
        runtime.press([.character("e")])
        let notes = try #require(runtime.state.form?.fields.firstIndex { $0.key == .notes })
        runtime.press(Array(repeating: .tab, count: notes))
        runtime.type(" (edited)")
        runtime.press([.enter])
        #expect(try store.client("2026-0101")?.version == original.version + 1)
        // Back to the agenda: the client is no longer on screen.
        runtime.press([.character("1")])
        runtime.press([.character("u")])
        guard case .confirm(let question)? = runtime.state.overlay else {
            Issue.record("no question before undoing a change to a client not on screen")
            return
        }
        #expect(question.question.contains("2026-0101") && question.question.contains(original.client.name))
        runtime.press([.character("n")])
        #expect(try store.client("2026-0101")?.version == original.version + 1)
        runtime.press([.character("u"), .character("y")])
        let back = try #require(try store.client("2026-0101"))
        #expect(back.client == original.client && back.version == original.version + 2)
    }
}

/// Issue 12: a bracketed paste is text only.
@Suite("Runtime: paste")
@MainActor
struct RuntimePasteTests {
    @Test func aPasteWithANewlineIntoTheNameFieldIsTextAndRunsNothing() throws {
        let (runtime, _) = try makeRuntime()
        let store = runtime.store
        let before = try store.clientCount()
        runtime.press([.character("2"), .character("a")])
        #expect(runtime.state.route == .form)
        runtime.type("2026-0901")
        runtime.press([.tab])
        runtime.send(.keyPressed(.paste("Paste Test\n2\u{1B}\tq")))
        // Still in the form: the newline was not Enter, the ESC did not cancel, "2" did not switch screens.
        #expect(runtime.state.route == .form)
        #expect(runtime.state.form?.fields.first { $0.key == .name }?.input.text == "Paste Test 2 q")
        #expect(try store.clientCount() == before)
        // Outside a text field a paste does nothing at all.
        runtime.press([.escape])
        let route = runtime.state.route
        runtime.send(.keyPressed(.paste("a2q")))
        #expect(runtime.state.route == route && runtime.state.overlay == nil && !runtime.state.quitRequested)
    }
}
