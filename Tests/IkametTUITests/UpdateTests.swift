import Foundation
import IkametCore
import IkametStore
@testable import IkametTUI
import TerminalUI
import Testing

/// Tests of `update(&state, action, env)`: the state it leaves and the exact
/// effects it asks for. States are reached with the real runtime on the demo
/// store, then `update` is called directly.
@MainActor
@Suite("Update")
struct UpdateTests {
    let env = Fixture.env()

    /// The state after pressing `keys` on a fresh demo runtime.
    func state(after keys: [Key] = [], store: OfficeStore? = nil, width: Int = 80, height: Int = 24) throws -> AppState {
        let (runtime, _) = try makeRuntime(store: store, width: width, height: height)
        runtime.press(keys)
        return runtime.state
    }

    /// Keys that open client `id` from the agenda through the clients filter.
    func openClient(_ id: String) -> [Key] {
        [.character("2"), .character("/")] + typing(id) + [.enter, .enter]
    }

    /// Keys that open the checklist of Lukas Becker's application A1 (his approved A0 is listed first).
    var openChecklist: [Key] { openClient("2026-0101") + [.tab, .tab, .tab] + Array(repeating: .down, count: lukasA1Index) + [.enter] }

    func press(_ state: inout AppState, _ keys: [Key]) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += update(&state, .keyPressed(key), env) }
        return effects
    }

    // MARK: Navigation

    @Test func twoShowsClientsAndOneTheAgendaFromAnywhere() throws {
        var s = try state()
        #expect(s.route == .agenda && s.agendaLoaded)
        #expect(s.agendaRows.count == 70)
        #expect(press(&s, [.character("2")]) == [.loadClients(filter: "", sort: .name, start: 0)])
        // The clients list sits on the agenda, so q and Esc there go back to it.
        #expect(s.stack == [.agenda, .clients])
        #expect(press(&s, [.character("1")]) == [.loadAgenda(horizon: 30, attorney: nil, start: 0)])
        #expect(s.stack == [.agenda])

        var deep = try state(after: openChecklist)
        #expect(deep.stack == [.agenda, .clients, .client, .checklist])
        #expect(deep.checklist?.applicationId == "A1")
        #expect(press(&deep, [.character("1")]) == [.loadAgenda(horizon: 30, attorney: nil, start: 0)])
        #expect(deep.stack == [.agenda])
        #expect(deep.overlay == nil && !deep.quitRequested)
    }

    @Test func enterOpensTheSelectedAgendaRowsClient() throws {
        var s = try state()
        _ = press(&s, [.down, .down])
        let row = s.agendaRows[2]
        #expect(press(&s, [.enter]) == [.loadClient(id: row.clientId)])
        #expect(s.stack == [.agenda, .client])
        #expect(s.clientScreen?.id == row.clientId)
        #expect(s.clientScreen?.tab == .overview)
    }

    @Test func qAndEscGoBackAndQOnTheAgendaQuits() throws {
        var s = try state(after: [.enter])
        #expect(s.route == .client)
        // Going back shows the screen below as it is (saves reloaded it; other writers arrive with the idle check).
        #expect(press(&s, [.character("q")]) == [])
        #expect(s.stack == [.agenda] && !s.quitRequested)

        var t = try state(after: [.enter])
        #expect(press(&t, [.escape]) == [])
        #expect(t.stack == [.agenda] && !t.quitRequested)
        // Esc on the agenda stays; q quits.
        #expect(press(&t, [.escape]) == [])
        #expect(t.stack == [.agenda] && !t.quitRequested)
        #expect(press(&t, [.character("q")]) == [.quit])
        #expect(t.quitRequested)
    }

    @Test func backFromTheChecklistShowsTheClientWithoutReloading() throws {
        var s = try state(after: openChecklist)
        #expect(press(&s, [.escape]) == [])
        #expect(s.route == .client)
        #expect(press(&s, [.character("q")]) == [])
        #expect(s.route == .clients && !s.quitRequested)
    }

    /// The clients list is opened from the agenda (2 or /): q and Esc go back there,
    /// as its key bar says ("q back"); only q on the agenda quits.
    @Test func qOnTheClientsListGoesBackToTheAgenda() throws {
        var s = try state(after: [.character("2")])
        #expect(view(s).lines()[s.height - 1].contains("q back"))
        #expect(press(&s, [.character("q")]) == [])
        #expect(s.route == .agenda && !s.quitRequested)
        var t = try state(after: [.character("2")])
        #expect(press(&t, [.escape]) == [])
        #expect(t.route == .agenda && !t.quitRequested)
    }

    /// (In a real terminal Ctrl-C arrives as SIGINT, which the launcher handles on every screen.)
    @Test func ctrlCQuitsFromAnyScreen() throws {
        for keys in [[], [.character("2")], openChecklist] {
            var s = try state(after: keys)
            #expect(press(&s, [.control("c")]) == [.quit])
            #expect(s.quitRequested)
        }
    }

    @Test func tabAndShiftTabCycleTheClientTabs() throws {
        var s = try state(after: openClient("2026-0101"))
        var seen: [ClientTab] = []
        for _ in 0..<6 {
            #expect(press(&s, [.tab]) == [])
            seen.append(s.clientScreen?.tab ?? .overview)
        }
        #expect(seen == [.permits, .trips, .applications, .longTerm, .history, .overview])
        _ = press(&s, [.backTab])
        #expect(s.clientScreen?.tab == .history)
    }

    @Test func helpAndExplanationOverlaysOpenAndClose() throws {
        var s = try state()
        #expect(press(&s, [.character("?")]) == [])
        #expect(s.overlay == .help)
        #expect(press(&s, [.escape]) == [])
        #expect(s.overlay == nil && s.route == .agenda && !s.quitRequested)
        _ = press(&s, [.character("x")])
        guard case .explanation(let title, let text)? = s.overlay else {
            Issue.record("x did not explain the row: \(String(describing: s.overlay))")
            return
        }
        #expect(title.contains(s.agendaRows[0].name))
        #expect(text == s.agendaRows[0].explanation)
        // q closes the overlay; it does not quit.
        #expect(press(&s, [.character("q")]) == [])
        #expect(s.overlay == nil && !s.quitRequested)
    }

    @Test func theStatusBarNamesTheMainKeysOfEveryScreen() throws {
        let cases: [([Key], [String])] = [
            ([], ["Enter", "? help", "q quit"]),
            ([.character("2")], ["Enter", "/ filter", "? help", "q back"]),
            (openClient("2026-0101"), ["Tab", "e edit", "? help", "q back"]),
            (openChecklist, ["Space", "w waive", "? help", "q back"]),
            (openClient("2026-0101") + [.character("e")], ["Enter save", "Esc", "F1 help"]),
        ]
        for (keys, expected) in cases {
            let s = try state(after: keys)
            let bar = view(s).lines()[s.height - 1]
            for key in expected { #expect(bar.contains(key), "\(s.route) key bar at 80×24: \(bar)") }
        }
    }

    // MARK: Typing never triggers commands

    @Test func typingIntoTheClientFilterOnlyEditsIt() throws {
        var s = try state(after: [.character("2"), .character("/")])
        #expect(s.isTyping)
        #expect(press(&s, [.character("q")]) == [.loadClients(filter: "q", sort: .name, start: 0)])
        #expect(press(&s, [.character("1")]) == [.loadClients(filter: "q1", sort: .name, start: 0)])
        _ = press(&s, [.character("2"), .character("?"), .character("u"), .character("a"), .character("s"), .character("/")])
        #expect(s.clientFilter.text == "q12?uas/")
        #expect(s.route == .clients && s.stack == [.agenda, .clients])
        #expect(s.overlay == nil && !s.quitRequested && s.form == nil && s.clientSort == .name)
        #expect(press(&s, [.backspace]) == [.loadClients(filter: "q12?uas", sort: .name, start: 0)])
        // Keys that do not change the text load nothing.
        #expect(press(&s, [.left, .right]) == [])
        // Enter goes to the list, keeping the filter; Esc there goes back.
        #expect(press(&s, [.enter]) == [])
        #expect(!s.clientFilterActive && s.clientFilter.text == "q12?uas")
        // / starts a fresh filter (issue 12): the last one is cleared and the list reloaded.
        #expect(press(&s, [.character("/")]) == [.loadClients(filter: "", sort: .name, start: 0)])
        #expect(s.clientFilterActive && s.clientFilter.text == "")
        _ = press(&s, [.character("x")])
        // Esc in the filter clears it and keeps the keys: the next letters start a new filter, they run no command.
        #expect(press(&s, [.escape]) == [.loadClients(filter: "", sort: .name, start: 0)])
        #expect(s.clientFilterActive && s.clientFilter.text == "" && s.route == .clients)
        // / in the empty filter changes nothing (the habit "Esc, /, name" still finds the name).
        #expect(press(&s, [.character("/")]) == [] && s.clientFilter.text == "")
        #expect(press(&s, [.character("a")]) == [.loadClients(filter: "a", sort: .name, start: 0)])
        #expect(s.form == nil && s.route == .clients)
        _ = press(&s, [.backspace])
        // Esc on an empty filter gives the keys back to the list.
        #expect(press(&s, [.escape]) == [])
        #expect(!s.clientFilterActive && s.route == .clients)
    }

    @Test func slashOnTheAgendaFindsAClient() throws {
        var s = try state()
        #expect(press(&s, [.character("/")]) == [.loadClients(filter: "", sort: .name, start: 0)])
        #expect(s.route == .clients && s.clientFilterActive)
        #expect(press(&s, [.character("q")]) == [.loadClients(filter: "q", sort: .name, start: 0)])
        #expect(!s.quitRequested)
    }

    @Test func typingIntoAFormFieldOnlyEditsIt() throws {
        var s = try state(after: openClient("2026-0101") + [.tab, .tab, .character("a")])
        #expect(s.route == .form && s.isTyping)
        let before = s.stack
        #expect(press(&s, typing("q1u2?/dx")) == [])
        #expect(s.form?.fields[0].input.text == "q1u2?/dx")
        #expect(s.stack == before && s.overlay == nil && !s.quitRequested && s.undo.isEmpty)
        // A name field takes every letter too.
        var c = try state(after: openClient("2026-0101") + [.character("e")])
        _ = press(&c, [.control("u")] + typing("q Işık 1"))
        #expect(c.form?.fields[0].key == .name)
        #expect(c.form?.fields[0].input.text == "q Işık 1")
        #expect(c.route == .form && !c.quitRequested)
    }

    @Test func typingIntoAPromptOnlyEditsIt() throws {
        var s = try state(after: openChecklist + [.character("w")])
        #expect(press(&s, typing("q1 2?u")) == [])
        guard case .prompt(let p)? = s.overlay else { Issue.record("no prompt"); return }
        #expect(p.field.text == "q1 2?u")
        #expect(s.route == .checklist && !s.quitRequested)
    }

    // MARK: Checklist

    func lukas(_ s: AppState) throws -> ClientDetail {
        try #require(s.clientScreen?.detail)
    }

    /// Lukas Becker's application A1 (found by id: A0 comes first).
    func a1(_ d: ClientDetail) throws -> Application {
        d.client.applications[try applicationIndex("A1", in: d.client)]
    }

    /// The client with checklist item `index` of application A1 changed as the checklist stamps it.
    func stamped(_ client: Client, _ index: Int, _ change: (inout ChecklistEntry) -> Void) throws -> Client {
        var c = client
        let a = try applicationIndex("A1", in: c)
        change(&c.applications[a].checklist[index])
        c.applications[a].checklist[index].by = "PL"
        c.applications[a].checklist[index].at = demoToday
        return c
    }

    @Test func spaceMovesAPlainItemMissingReceivedSubmitted() throws {
        var s = try state(after: openChecklist)
        let d = try lukas(s)
        #expect(s.checklist?.applicationId == "A1")
        #expect(try a1(d).checklist[0].item == "application-form")
        #expect(try a1(d).checklist[0].state == .missing)
        let received = try stamped(d.client, 0) { $0.state = .received }
        #expect(press(&s, [.character(" ")]) == [.saveClient(received, version: d.version, before: d.client,
                                                             message: "application-form → received")])
        // The cursor moved on to the next item (issue 12); back up to the same one.
        #expect(s.checklist?.cursor.selected == 1)
        _ = press(&s, [.up])
        // Not a notarized item: received goes straight to submitted.
        let submitted = try stamped(received, 0) { $0.state = .submitted }
        #expect(press(&s, [.character(" ")]) == [.saveClient(submitted, version: d.version, before: received,
                                                             message: "application-form → submitted")])
        // Submitted is the end: nothing is saved, the status says why.
        _ = press(&s, [.up])
        #expect(press(&s, [.character(" ")]) == [])
        #expect(s.status == "application-form is submitted already (w waives, u undoes).")
    }

    @Test func spaceMovesANotarizedItemThroughCertified() throws {
        var s = try state(after: openChecklist + [.down])
        let d = try lukas(s)
        let entry = try a1(d).checklist[1]
        #expect(entry.item == "passport-notarized-copy" && entry.state == .received && entry.by == "ZT")
        #expect(env.templates.needsNotarizedCopy(entry.item))
        let certified = try stamped(d.client, 1) { $0.state = .certified }
        #expect(press(&s, [.character(" ")]) == [.saveClient(certified, version: d.version, before: d.client,
                                                             message: "passport-notarized-copy → certified")])
        _ = press(&s, [.up])
        let submitted = try stamped(certified, 1) { $0.state = .submitted }
        #expect(press(&s, [.character(" ")]) == [.saveClient(submitted, version: d.version, before: certified,
                                                             message: "passport-notarized-copy → submitted")])
    }

    @Test func waivingNeedsAReason() throws {
        var s = try state(after: openChecklist + [.down, .down, .down])
        let d = try lukas(s)
        #expect(try a1(d).checklist[3].item == "health-insurance")
        #expect(try a1(d).checklist[3].state == .missing)
        #expect(press(&s, [.character("w")]) == [])
        guard case .prompt(let p)? = s.overlay else { Issue.record("w asked nothing"); return }
        #expect(p.purpose == .waiveReason(item: "health-insurance"))
        // Empty (or blank) reason: refused at the prompt, nothing saved.
        #expect(press(&s, [.enter]) == [])
        #expect(press(&s, [.character(" "), .character(" "), .enter]) == [])
        guard case .prompt(let refused)? = s.overlay else { Issue.record("the prompt closed"); return }
        #expect(refused.error == "a waiver needs a reason")
        #expect(view(s).text.contains("a waiver needs a reason"))
        let reason = "covered by employer policy"
        let waived = try stamped(d.client, 3) { $0.state = .waived; $0.note = reason }
        #expect(press(&s, [.control("u")] + typing(reason) + [.enter]) == [
            .saveClient(waived, version: d.version, before: d.client, message: "health-insurance waived"),
        ])
        #expect(s.overlay == nil)
        // Space on a waived item brings it back to missing and drops the waiver reason.
        let back = try stamped(waived, 3) { $0.state = .missing; $0.note = nil }
        #expect(press(&s, [.character(" ")]) == [.saveClient(back, version: d.version, before: waived, message: "health-insurance → missing")])
    }

    @Test func escCancelsAPromptWithoutSaving() throws {
        var s = try state(after: openChecklist + [.character("w")] + typing("reason"))
        #expect(press(&s, [.escape]) == [])
        #expect(s.overlay == nil && s.route == .checklist)
        #expect(try a1(lukas(s)).checklist[0].state == .missing)
    }

    @Test func customItemsAndNotes() throws {
        var s = try state(after: openChecklist)
        let d = try lukas(s)
        _ = press(&s, [.character("a"), .enter])
        guard case .prompt(let empty)? = s.overlay else { Issue.record("no prompt"); return }
        #expect(empty.error == "give the item a name")
        #expect(press(&s, typing("photos") + [.enter]) == [])
        guard case .prompt(let dup)? = s.overlay else { Issue.record("no prompt"); return }
        #expect(dup.error == "the checklist has photos already")
        var added = d.client
        added.applications[try applicationIndex("A1", in: added)].checklist.append(ChecklistEntry(item: "apostille", by: "PL", at: demoToday))
        #expect(press(&s, [.control("u")] + typing("apostille") + [.enter]) == [
            .saveClient(added, version: d.version, before: d.client, message: "apostille added"),
        ])
        // A note does not move the item: who moved it, and when, stay as they were (issue 12).
        var noted = added
        noted.applications[try applicationIndex("A1", in: noted)].checklist[0].note = "client brings it Friday"
        #expect(press(&s, [.character("n")] + typing("client brings it Friday") + [.enter]) == [
            .saveClient(noted, version: d.version, before: added, message: "Note on application-form saved"),
        ])
    }

    // MARK: Forms

    func tripForm() throws -> AppState { try state(after: openClient("2026-0101") + [.tab, .tab, .character("a")]) }

    func field(_ s: AppState, _ key: FieldKey) -> FormField? { s.form?.fields.first { $0.key == key } }

    /// Issue 12: Enter on 1800-01-01 … 9999-12-31 did nothing at all; every Enter saves or says why not.
    @Test func anAbsurdTripSaysWhyAtEachField() throws {
        var s = try tripForm()
        _ = press(&s, typing("1800-01-01") + [.tab] + typing("9999-12-31"))
        #expect(press(&s, [.enter]) == [])
        #expect(s.route == .form)
        #expect(field(s, .exit)?.error == "The exit date 1800-01-01 is before the birth date 1988-07-14.")
        #expect(field(s, .entry)?.error == "The entry date 9999-12-31 is more than 10 years ahead; the latest accepted is 2036-11-23.")
        #expect(s.form?.focus == s.form?.fields.firstIndex { $0.key == .exit })
    }

    @Test func aPasteIntoAFormFieldIsTextAndAPrefilledValueIsReplacedByTyping() throws {
        var s = try tripForm()
        #expect(press(&s, [.paste("2026-08-01\n\u{1B}")]) == [])
        #expect(s.route == .form && field(s, .exit)?.input.text == "2026-08-01 ")
        // The agenda's horizon prompt: its value is selected, so "90" replaces "30" (not "3090").
        var a = try state()
        _ = press(&a, [.character("h")])
        _ = press(&a, typing("90"))
        guard case .prompt(let p)? = a.overlay else { Issue.record("no prompt"); return }
        #expect(p.field.text == "90")
    }

    @Test(arguments: [("2026-02-30", "day 30 does not exist in February 2026 (it has 28 days)"),
                      ("31.04.2026", "day 31 does not exist in April 2026 (it has 30 days)"),
                      ("2026-13-01", "month 13 does not exist (1–12)"),
                      ("1/2/2026", "expected YYYY-MM-DD or DD.MM.YYYY")])
    func aBadExitDateKeepsTheFormOpenWithTheErrorAtTheField(input: String, reason: String) throws {
        var s = try tripForm()
        let before = s.clientScreen
        #expect(press(&s, typing(input) + [.enter]) == [])
        #expect(s.route == .form)
        #expect(field(s, .exit)?.error == reason)
        #expect(field(s, .exit)?.input.text == input)
        #expect(s.form?.focus == 0)
        #expect(s.clientScreen == before)
        let screen = view(s)
        let line = try #require(screen.lines().first { $0.contains("Exit date") })
        #expect(line.contains("✗"), "the error is drawn on the field's line: \(line)")
        #expect(screen.text.contains(reason), "the whole reason is on screen")
    }

    @Test func anErrorInALaterFieldMovesTheFocusThere() throws {
        var s = try tripForm()
        #expect(press(&s, typing("2026-11-01") + [.tab] + typing("31.11.2026") + [.enter]) == [])
        #expect(field(s, .exit)?.error == nil)
        #expect(field(s, .entry)?.error == "day 31 does not exist in November 2026 (it has 30 days)")
        #expect(s.form?.focus == 1)
        // Editing the field clears its error.
        _ = press(&s, [.backspace])
        #expect(field(s, .entry)?.error == nil)
    }

    @Test func aGoodTripIsSavedWithEitherDateFormat() throws {
        var s = try tripForm()
        let d = try #require(s.clientScreen?.detail)
        var expected = d.client
        expected.trips.append(Trip(exit: day("2026-10-01"), entry: day("2026-10-05")))
        let effects = press(&s, typing("2026-10-01") + [.tab] + typing("05.10.2026") + [.enter])
        #expect(effects == [.saveClient(expected, version: d.version, before: d.client, message: "Add trip: saved.")])
        // The form stays until the save succeeds.
        #expect(s.route == .form)
    }

    @Test func aTripEndingBeforeItStartsIsRefusedAtTheField() throws {
        var s = try tripForm()
        #expect(press(&s, typing("2026-10-05") + [.tab] + typing("2026-10-01") + [.enter]) == [])
        #expect(s.route == .form)
        let errors = s.form?.fields.compactMap(\.error) ?? []
        let message = s.form?.message
        #expect(!errors.isEmpty || message != nil, "the rule validation says why")
    }

    @Test func otherFormsRefuseBadDatesToo() throws {
        var permit = try state(after: openClient("2026-0101") + [.tab, .character("a"), .tab] + typing("30.02.2026") + [.enter])
        #expect(permit.route == .form)
        #expect(field(permit, .start)?.error == "day 30 does not exist in February 2026 (it has 28 days)")
        #expect(press(&permit, [.escape]) == [])

        var app = try state(after: openClient("2026-0101") + [.tab, .tab, .tab, .character("a")])
        let submittedIndex = try #require(app.form?.fields.firstIndex { $0.key == .submitted })
        _ = press(&app, Array(repeating: .tab, count: submittedIndex) + typing("2026-02-29") + [.enter])
        #expect(app.route == .form)
        #expect(field(app, .submitted)?.error == "day 29 does not exist in February 2026 (it has 28 days)")

        var client = try state(after: [.character("2"), .character("a")])
        #expect(press(&client, [.enter]) == [])
        #expect(field(client, .id)?.error == "required")
        #expect(field(client, .name)?.error == "required")
        _ = press(&client, typing("2026-0500") + [.tab] + typing("Test Kişi") + [.tab, .tab] + typing("2026-02-30") + [.enter])
        #expect(field(client, .birthDate)?.error == "day 30 does not exist in February 2026 (it has 28 days)")
        #expect(client.route == .form)
    }

    @Test func escLeavesAFormWithNoEffect() throws {
        var s = try tripForm()
        let screen = s.clientScreen
        #expect(press(&s, typing("2026-10-01") + [.escape]) == [])
        #expect(s.route == .client && s.form == nil)
        #expect(s.clientScreen == screen)
        #expect(s.status == "Left without saving.")
        #expect(s.undo.isEmpty)
    }

    /// ? is text in a form, so F1 opens the help there; Esc closes only the help.
    @Test func f1OpensTheHelpInAFormAndEscClosesOnlyTheHelp() throws {
        var s = try tripForm()
        _ = press(&s, typing("2026-10-01"))
        #expect(press(&s, [.function(1)]) == [])
        #expect(s.overlay == .help && s.route == .form)
        #expect(view(s).text.contains("YYYY-MM-DD or DD.MM.YYYY"))
        #expect(press(&s, [.escape]) == [])
        #expect(s.overlay == nil && s.route == .form)
        #expect(field(s, .exit)?.input.text == "2026-10-01")
    }

    @Test func choiceFieldsCycleAndJumpByLetter() throws {
        var s = try tripForm()
        _ = press(&s, [.tab, .tab])
        #expect(field(s, .exempt)?.input.text == "no")
        _ = press(&s, [.right])
        #expect(field(s, .exempt)?.input.text == "health")
        _ = press(&s, [.left, .left])
        #expect(field(s, .exempt)?.input.text == "public-service")
        _ = press(&s, [.character("e")])
        #expect(field(s, .exempt)?.input.text == "education")
        // A letter matching nothing changes nothing, and does not act as a command.
        #expect(press(&s, [.character("q")]) == [])
        #expect(field(s, .exempt)?.input.text == "education" && s.route == .form)
    }

    // MARK: Undo

    @Test func undoWalksBackInOrderAndAsksFirstForAClientNotOnScreen() throws {
        var s = try state()
        #expect(press(&s, [.character("u")]) == [])
        #expect(s.status == "Nothing to undo in this session.")
        let c = Fixture.demoClients[0]
        let first = UndoEntry(clientId: c.id, clientName: c.name, before: c, beforeVersion: 1, afterVersion: 2, label: "first")
        let second = UndoEntry(clientId: c.id, clientName: c.name, before: c, beforeVersion: 2, afterVersion: 3, label: "second")
        s.undo = [first, second]
        // On the agenda no client is on screen: u asks first, naming the client, and undoes nothing yet.
        #expect(press(&s, [.character("u")]) == [])
        guard case .confirm(let question)? = s.overlay else { Issue.record("no question"); return }
        #expect(question.question.contains(c.name) && question.question.contains(c.id) && question.question.contains("second"))
        #expect(press(&s, [.character("n")]) == [] && s.undo.count == 2)
        _ = press(&s, [.character("u")])
        #expect(press(&s, [.character("y")]) == [.undo(second)])
        #expect(s.undo == [first])
        // The runtime undid it: version 4 holds what version 2 held, so the first change is undone from version 4.
        _ = update(&s, .undone(second, version: 4), env)
        #expect(s.undo.first?.afterVersion == 4)
        #expect(s.status == "Undone: second")
        _ = press(&s, [.character("u")])
        var expected = first
        expected.afterVersion = 4
        #expect(press(&s, [.character("y")]) == [.undo(expected)])
        #expect(s.undo.isEmpty)
    }

    @Test func undoOfTheClientOnScreenAsksNothing() throws {
        var s = try tripForm()
        _ = press(&s, [.escape])
        #expect(s.route == .client)
        let id = try #require(s.clientScreen?.id)
        let entry = UndoEntry(clientId: id, clientName: "x", before: Fixture.demoClients[0], beforeVersion: 1, afterVersion: 2, label: "edit")
        s.undo = [entry]
        #expect(press(&s, [.character("u")]) == [.undo(entry)])
        #expect(s.overlay == nil)
    }

    @Test func saveSucceededRecordsTheUndoEntryAndClosesTheForm() throws {
        var s = try tripForm()
        let entry = UndoEntry(clientId: "2026-0101", clientName: "Lukas Becker", before: nil, beforeVersion: nil, afterVersion: 2,
                              label: "Add trip: saved.")
        let effects = update(&s, .saveSucceeded(clientId: "2026-0101", version: 2, undo: entry, message: "Add trip: saved."), env)
        #expect(s.undo == [entry])
        #expect(s.route == .client && s.form == nil)
        #expect(s.status == "Add trip: saved.")
        // Only the visible client is reloaded; the lists underneath are marked stale and reload when shown again.
        #expect(effects == [.loadClient(id: "2026-0101")])
        #expect(s.agendaStale && s.clientsStale)
        #expect(press(&s, [.escape]) == [.loadClients(filter: "2026-0101", sort: .name, start: 0)])
        #expect(press(&s, [.escape]) == [.loadAgenda(horizon: 30, attorney: nil, start: 0)])
    }

    @Test func aFailedSaveKeepsTheFormAndTheInput() throws {
        var s = try tripForm()
        _ = press(&s, typing("2026-10-01"))
        _ = update(&s, .saveFailed(message: "client 2026-0101 was changed by EK at 10:00", latest: nil), env)
        #expect(s.route == .form)
        #expect(field(s, .exit)?.input.text == "2026-10-01")
        #expect(s.form?.message == "client 2026-0101 was changed by EK at 10:00")
        #expect(s.statusIsError)
    }

    // MARK: Resize

    @Test func resizingBelowTheMinimumShowsTooSmallAndBackRestoresTheScreen() throws {
        var s = try state(after: openClient("2026-0101"))
        let normal = view(s)
        #expect(update(&s, .terminalResized(width: 79, height: 24), env) == [])
        #expect(view(s).lines()[0] == "Terminal too small")
        #expect(update(&s, .terminalResized(width: 100, height: 23), env) == [])
        #expect(view(s).lines()[0] == "Terminal too small")
        #expect(update(&s, .terminalResized(width: 60, height: 20), env) == [])
        let small = view(s)
        #expect(small.width == 60 && small.height == 20)
        #expect(small.text.contains("this one is 60×20"))
        // While too small, keys do nothing (q still quits).
        #expect(press(&s, [.character("2"), .character("e"), .enter, .escape]) == [])
        #expect(s.route == .client && s.form == nil)
        #expect(update(&s, .terminalResized(width: 80, height: 24), env) == [])
        #expect(view(s) == normal)
        _ = update(&s, .terminalResized(width: 60, height: 20), env)
        #expect(press(&s, [.character("q")]) == [.quit])
    }

    @Test func shrinkingKeepsTheSelectionOnScreen() throws {
        var s = try state(width: 120, height: 40)
        _ = press(&s, Array(repeating: .down, count: 30))
        #expect(s.agendaCursor.selected == 30)
        _ = update(&s, .terminalResized(width: 80, height: 24), env)
        #expect(s.agendaCursor.selected == 30)
        #expect(s.agendaCursor.offset <= 30 && 30 < s.agendaCursor.offset + s.listHeight)
        #expect(selectedRow(view(s)) != nil, "the selected agenda row is drawn after the resize")
    }

    // MARK: Lists

    /// The body line drawn in reverse video across the whole width (the selection), if any.
    func selectedRow(_ f: Frame) -> String? {
        for y in 1..<(f.height - 2) where f[0, y].style.reverse && f[f.width - 1, y].style.reverse {
            return f.lines()[y]
        }
        return nil
    }

    @Test(arguments: snapshotSizes)
    func theSelectedAgendaRowIsAlwaysOnScreen(size: ScreenSize) throws {
        var s = try state(width: size.width, height: size.height)
        var hidden: [Int] = []
        for i in 0..<s.agendaRows.count {
            #expect(s.agendaCursor.selected == i)
            if let line = selectedRow(view(s)) {
                #expect(line.contains(s.agendaRows[i].date.iso), "row \(i): \(line)")
            } else {
                hidden.append(i)
            }
            _ = press(&s, [.down])
        }
        #expect(hidden.isEmpty, "at \(size.suffix), moving down with ↓, the selected row is not drawn for rows \(hidden) of \(s.agendaRows.count)")
        // And paging up from the end.
        var hiddenUp: [Int] = []
        for _ in 0..<6 {
            _ = press(&s, [.pageUp])
            if selectedRow(view(s)) == nil { hiddenUp.append(s.agendaCursor.selected) }
        }
        #expect(hiddenUp.isEmpty, "after PgUp the selected row is not drawn for rows \(hiddenUp)")
    }

    @Test func agendaRowsShowAShortReasonAt80Columns() throws {
        let s = try state()
        let f = view(s)
        for row in s.agendaRows.prefix(8) {
            let line = try #require(f.lines().first { $0.contains(row.date.iso) && $0.contains(row.action.prefix(12)) })
            let visible = String(row.reason.prefix(16))
            #expect(line.contains(visible), "reason \"\(row.reason)\" is cut to nothing useful: \(line)")
        }
    }

    @Test func theSelectedClientRowIsAlwaysOnScreen() throws {
        var s = try state(after: [.character("2")])
        for i in 0..<s.clientRows.count {
            let line = selectedRow(view(s))
            #expect(line?.contains(s.clientRows[i].id) == true, "client row \(i)")
            _ = press(&s, [.character("j")])
        }
    }

    @Test func sortCyclesThroughNamePermitEndAndNextDeadline() throws {
        var s = try state(after: [.character("2")])
        #expect(press(&s, [.character("s")]) == [.loadClients(filter: "", sort: .permitEnd, start: 0)])
        #expect(s.clientSort == .permitEnd && s.status == "Sorted by permit end.")
        // Through the runtime, the store returns the rows in that order.
        let (runtime, _) = try makeRuntime()
        runtime.press([.character("2"), .character("s")])
        let ends = runtime.state.clientRows.compactMap(\.permitEnd)
        #expect(ends == ends.sorted())
        runtime.press([.character("s")])
        #expect(runtime.state.clientSort == .nextDeadline)
        let dates = runtime.state.clientRows.compactMap(\.nextDate)
        #expect(dates == dates.sorted())
        runtime.press([.character("s")])
        #expect(runtime.state.clientSort == .name)
        let names = runtime.state.clientRows.map { TextFolding.fold($0.name) }
        #expect(names == names.sorted())
    }

    @Test func theAgendaIsGroupedByUrgencyWithATextMarkOnEveryUrgentRow() throws {
        let s = try state(width: 120, height: 40)
        let groups = s.agendaRows.map(\.group)
        #expect(groups == groups.sorted())
        #expect(s.agendaRows.first?.group == .urgent)
        var mono = s
        mono.useColor = false
        let colour = view(s), plain = view(mono)
        #expect(colour.text == plain.text, "NO_COLOR shows the same text")
        for (i, row) in s.agendaRows.prefix(10).enumerated() {
            let line = try #require(plain.lines().first { $0.contains(row.date.iso) && $0.contains(row.action.prefix(10)) }, "row \(i)")
            #expect(line.hasPrefix(" " + row.severity.mark), "\(line)")
        }
        #expect(plain.cells.allSatisfy { $0.style.color == nil })
    }

    @Test func theAttorneyFilterAndHorizonReloadTheAgenda() throws {
        var s = try state()
        // f asks the store for the office's attorneys, then offers them (issue 12: not a blank field).
        #expect(press(&s, [.character("f")]) == [.loadAttorneys])
        _ = update(&s, .attorneysLoaded([Attorney(initials: "AY", name: "Ali Yılmaz"), Attorney(initials: "EK", name: "Elif Kaya")]), env)
        guard case .choose(let choice)? = s.overlay else { Issue.record("no attorney choice"); return }
        #expect(choice.values == ["", "AY", "EK"])
        #expect(choice.labels == ["all attorneys", "AY — Ali Yılmaz", "EK — Elif Kaya"])
        #expect(choice.cursor == 0)
        // Letters are no commands here; ↓ ↓ Enter picks EK.
        #expect(press(&s, [.character("q")]) == [] && s.overlay == nil)
        _ = update(&s, .attorneysLoaded([Attorney(initials: "AY", name: "Ali Yılmaz"), Attorney(initials: "EK", name: "Elif Kaya")]), env)
        #expect(press(&s, [.down, .down, .enter]) == [.loadAgenda(horizon: 30, attorney: "EK", start: 0)])
        #expect(s.agendaAttorney == "EK" && s.overlay == nil)
        // Offered again, the filter in force is selected; 1 goes back to every attorney.
        _ = update(&s, .attorneysLoaded([Attorney(initials: "AY", name: "Ali Yılmaz"), Attorney(initials: "EK", name: "Elif Kaya")]), env)
        if case .choose(let again)? = s.overlay { #expect(again.cursor == 2) } else { Issue.record("no choice") }
        #expect(press(&s, [.character("1")]) == [.loadAgenda(horizon: 30, attorney: nil, start: 0)])
        _ = update(&s, .attorneysLoaded([Attorney(initials: "EK", name: "")]), env)
        _ = press(&s, [.character("2")])
        #expect(s.agendaAttorney == "EK")
        _ = press(&s, [.character("h"), .control("u")] + typing("abc") + [.enter])
        guard case .prompt(let p)? = s.overlay else { Issue.record("the horizon prompt closed"); return }
        #expect(p.error == "a whole number of days from 0 to 3650")
        #expect(press(&s, [.control("u")] + typing("90") + [.enter]) == [.loadAgenda(horizon: 90, attorney: "EK", start: 0)])
        #expect(s.agendaHorizon == 90)
    }

    /// The launcher shows the store's path on the right of the title bar; a usual
    /// one (~/.local/share/ikamet/office.sqlite expanded) must not push the
    /// screen's own title off an 80-column terminal.
    @Test func theTitleBarNamesTheScreenWithARealStorePathAt80Columns() throws {
        let path = "/home/paralegal/.local/share/ikamet/office.sqlite"
        var client = try state(after: openClient("2026-0101"))
        client.storeLabel = path
        let title = view(client).lines()[0]
        #expect(title.contains("Lukas Becker (2026-0101)"), "\(title)")
        var checklist = try state(after: openChecklist)
        checklist.storeLabel = path
        let checklistTitle = view(checklist).lines()[0]
        #expect(checklistTitle.contains("Checklist of application A1"), "\(checklistTitle)")
        // Only the store's file name is shown, not its folders.
        for line in [title, checklistTitle] {
            #expect(line.hasSuffix("office.sqlite") && !line.contains("/home/paralegal"), "\(line)")
        }
    }

    @Test func theAgendaHeaderShowsTheAttorneyFilterAt80Columns() throws {
        let (runtime, _) = try makeRuntime()
        // f offers the office's attorneys: "All attorneys", then EK (1, 2).
        runtime.press([.character("f"), .character("2")])
        let header = runtime.frame.lines()[1]
        #expect(header.contains("· attorney EK ·") && !header.contains("all attorneys"), "the filter in force is visible: \(header)")
    }

    /// Help lists every key of the screen in two columns; a long description must
    /// not swallow its key column: it wraps under its own column (a hanging indent).
    /// At 80×24 the help box is 76 cells wide.
    @Test func helpKeepsTheKeyColumnForEveryKeyAt80Columns() throws {
        // The description column starts 17 cells into the box: the longest key ("↑↓ j k PgUp PgDn") and a space.
        let keyColumn = 17
        let screens: [([Key], Key)] = [([], .character("?")), ([.character("2")], .character("?")), (openClient("2026-0101"), .character("?")),
                                       (openClient("2026-0101") + [.tab, .tab, .tab, .tab], .character("?")), (openChecklist, .character("?")),
                                       // In a form ? is text: F1 opens the help.
                                       (openClient("2026-0101") + [.character("e")], .function(1))]
        for (keys, helpKey) in screens {
            var s = try state(after: keys)
            // 80 columns; tall enough for the longest help in one page (at 24 rows it scrolls: see the next test).
            s.height = 40
            #expect(press(&s, [helpKey]) == [])
            #expect(s.overlay == .help, "\(helpKey) on \(s.route)")
            let expected = Strings.helpKeys(for: s.route, tab: s.clientScreen?.tab)
            let f = view(s)
            // The box: its top-left corner on the row with the "Keys" title, its right border on the same row.
            let top = try #require((0..<f.height).first { f.lines()[$0].contains("┌─ Keys") }, "no help box on \(s.route)")
            let left = try #require((0..<f.width).first { f[$0, top].text == "┌" })
            let right = try #require((left..<f.width).first { f[$0, top].text == "┐" })
            func cells(_ xs: Range<Int>, _ y: Int) -> String {
                xs.map { f[$0, y].text }.joined().trimmingCharacters(in: .whitespaces)
            }
            // Read the box back as (key, description) pairs; a row with a blank key column continues the description above.
            var shown: [(key: String, text: String)] = []
            for y in (top + 1)..<f.height {
                let key = cells((left + 2)..<(left + 2 + keyColumn), y)
                let text = cells((left + 2 + keyColumn)..<(right - 1), y)
                if key.isEmpty && text.isEmpty { break }  // the blank row above the footer
                if key.isEmpty, !shown.isEmpty {
                    shown[shown.count - 1].text += " " + text
                } else {
                    #expect(!text.isEmpty, "help on \(s.route): \"\(key)\" has nothing in the description column")
                    shown.append((key, text))
                }
            }
            #expect(shown.map(\.key) == expected.map(\.0), "help on \(s.route): keys in the key column")
            for (got, want) in zip(shown, expected) {
                #expect(got.text == want.1, "help on \(s.route): \"\(want.0)\" is not followed by its whole description in the second column")
            }
        }
    }

    /// Dates are shown in one configurable format: ISO by default, DD.MM.YYYY as an option.
    @Test func theDottedDateStyleIsUsedOnEveryListScreen() throws {
        let iso = /\b20\d\d-\d\d-\d\d\b/
        for keys in [[], [.character("2")], openClient("2026-0101"), openClient("2026-0101") + [.tab],
                      openClient("2026-0101") + [.tab, .tab], openChecklist] {
            var s = try state(after: keys)
            s.dateStyle = .dotted
            let f = view(s)
            // The title bar's "today" and every row below it.
            #expect(f.lines()[0].contains("today 23.11.2026"), "\(f.lines()[0])")
            for line in f.lines().dropFirst() where line.contains(iso) {
                Issue.record("an ISO date on the \(s.route) screen (\(String(describing: s.clientScreen?.tab))) with DD.MM.YYYY chosen: \(line)")
            }
        }
    }

    // MARK: Welcome

    @Test func anEmptyStoreOpensOnTheWelcomeScreen() throws {
        var s = try state(store: try Fixture.emptyStore())
        #expect(s.route == .welcome)
        #expect(view(s).text.contains("The office store is empty."))
        #expect(press(&s, [.character("d")]) == [.openDemo])
        var t = try state(store: try Fixture.emptyStore())
        _ = press(&t, [.character("i")])
        #expect(press(&t, typing("/tmp/x.json") + [.enter]) == [.importFile(path: "/tmp/x.json")])
        var u = try state(store: try Fixture.emptyStore())
        #expect(press(&u, [.character("1")]) == [.loadAgenda(horizon: 30, attorney: nil, start: 0)])
        #expect(u.route == .welcome)
        #expect(press(&u, [.escape]) == [.quit])
    }
}

@Suite("Update: revision 2")
struct UpdateR2Tests {
    @Test("a new day (midnight in the office zone) moves today and reloads what is shown")
    func dayChangedMovesToday() {
        var state = AppState(today: CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0), width: 80, height: 24, storeLabel: "t")
        let env = AppEnvironment(deadlines: DeadlineEngine(), eligibility: EligibilityEngine(), validator: Validator(),
                                 templates: ChecklistTemplates(items: []), user: "PL")
        let next = CivilDate(year: 2026, month: 11, day: 24) ?? CivilDate(dayNumber: 0)
        let effects = update(&state, .dayChanged(next), env)
        #expect(state.today == next)
        #expect(effects.contains { if case .loadAgenda = $0 { return true }; return false })
        #expect(update(&state, .dayChanged(next), env).isEmpty)
    }

    @Test("z on the clients list shows and hides closed files")
    func closedToggle() {
        var state = AppState(today: CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0), width: 80, height: 24, storeLabel: "t")
        state.screens = [.agenda, .clients]
        let env = AppEnvironment(deadlines: DeadlineEngine(), eligibility: EligibilityEngine(), validator: Validator(),
                                 templates: ChecklistTemplates(items: []), user: "PL")
        #expect(!state.showClosed)
        let effects = update(&state, .keyPressed(.character("z")), env)
        #expect(state.showClosed)
        #expect(effects == [.loadClients(filter: "", sort: .name, start: 0)])
    }
}

/// The client screen's long-term report is made again only when what it is made from changes (decision 0036).
@Suite("Long-term report")
struct LongTermReportTests {
    let env = Fixture.env()
    let today = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0)

    @Test("the report of a client with checklists is the full evaluation's; a tick keeps it, a trip, a what-if or the day make it again")
    func reportFollowsItsInputs() throws {
        for client in Fixture.demoClients where client.applications.contains(where: { !$0.checklist.isEmpty }) {
            var screen = ClientScreen(id: client.id)
            refreshReport(&screen, client, today: today, env)
            // Leaving the checklists out changes nothing in what is shown.
            #expect(screen.report == env.eligibility.evaluate(client, today: today), "\(client.id)")
            let first = screen.reportInput
            // A ticked item: the same input, the report kept.
            var ticked = client
            if let a = ticked.applications.firstIndex(where: { !$0.checklist.isEmpty }) {
                ticked.applications[a].checklist[0].state = ticked.applications[a].checklist[0].state == .missing ? .received : .missing
            }
            refreshReport(&screen, ticked, today: today, env)
            #expect(screen.reportInput == first, "\(client.id)")
            // A new trip abroad, a what-if trip, another day: made again, and equal to the full evaluation.
            var travelled = ticked
            travelled.trips.append(Trip(exit: today.adding(days: -40), entry: today.adding(days: -10)))
            refreshReport(&screen, travelled, today: today, env)
            #expect(screen.reportInput?.subject.trips == travelled.trips)
            #expect(screen.report == env.eligibility.evaluate(travelled, today: today), "\(client.id)")
            screen.whatIf = [Trip(exit: today.adding(days: 10), entry: today.adding(days: 20))]
            refreshReport(&screen, travelled, today: today, env)
            #expect(screen.report == env.eligibility.evaluate(travelled, today: today, extraTrips: screen.whatIf), "\(client.id)")
            let tomorrow = today.adding(days: 1)
            refreshReport(&screen, travelled, today: tomorrow, env)
            #expect(screen.report == env.eligibility.evaluate(travelled, today: tomorrow, extraTrips: screen.whatIf), "\(client.id)")
        }
    }
}
