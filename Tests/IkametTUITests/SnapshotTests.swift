import Foundation
import IkametCore
import IkametStore
import IkametTUI
import TerminalUI
import Testing

/// A terminal size and language to snapshot every screen at (Turkish snapshots are named `…-tr-80x24`).
struct ScreenSize: Sendable, CustomTestStringConvertible {
    var width: Int
    var height: Int
    var language = "en"
    var suffix: String { (language == "en" ? "" : "\(language)-") + "\(width)x\(height)" }
    var testDescription: String { suffix }
}

let snapshotSizes = [ScreenSize(width: 80, height: 24), ScreenSize(width: 120, height: 40),
                     ScreenSize(width: 80, height: 24, language: "tr"), ScreenSize(width: 120, height: 40, language: "tr")]

/// Every screen, drawn by `view` from states the real runtime reached on a
/// demo store, compared with text files in `__Snapshots__/`.
@MainActor
@Suite("Screen snapshots")
struct SnapshotTests {
    /// Opens client `id` through the clients list filter (the way a user finds one).
    func openClient(_ runtime: AppRuntime, _ id: String) {
        runtime.press([.character("2"), .character("/")])
        runtime.type(id)
        runtime.press([.enter, .enter])
    }

    /// Moves the client screen to `tab` with Tab presses.
    func go(_ runtime: AppRuntime, to tab: ClientTab) {
        while runtime.state.clientScreen?.tab != tab { runtime.press([.tab]) }
    }

    @Test(arguments: snapshotSizes)
    func welcomeOnAnEmptyStore(size: ScreenSize) throws {
        let (runtime, _) = try makeRuntime(store: try Fixture.emptyStore(), width: size.width, height: size.height, language: size.language)
        #expect(runtime.state.route == .welcome)
        assertSnapshot(runtime.frame, named: "welcome-\(size.suffix)")
        runtime.press([.character("?")])
        assertSnapshot(runtime.frame, named: "welcome-help-\(size.suffix)")
        runtime.press([.escape, .character("i")])
        runtime.type("/tmp/caseload.json")
        assertSnapshot(runtime.frame, named: "welcome-import-prompt-\(size.suffix)")
    }

    @Test(arguments: snapshotSizes)
    func agendaAndItsOverlays(size: ScreenSize) throws {
        let (runtime, terminal) = try makeRuntime(width: size.width, height: size.height, language: size.language)
        #expect(runtime.state.route == .agenda)
        #expect(terminal.lastFrame == runtime.frame)
        assertSnapshot(runtime.frame, named: "agenda-\(size.suffix)")
        runtime.press([.character("?")])
        assertSnapshot(runtime.frame, named: "agenda-help-\(size.suffix)")
        runtime.press([.escape, .character("x")])
        assertSnapshot(runtime.frame, named: "agenda-explanation-\(size.suffix)")
        runtime.press([.escape, .pageDown, .pageDown])
        assertSnapshot(runtime.frame, named: "agenda-page3-\(size.suffix)")
        runtime.press([.character("G")])
        assertSnapshot(runtime.frame, named: "agenda-end-\(size.suffix)")
        // f offers the office's attorneys (issue 12); EK is chosen by its number.
        runtime.press([.character("g"), .character("f")])
        assertSnapshot(runtime.frame, named: "agenda-attorney-choice-\(size.suffix)")
        guard case .choose(let choice)? = runtime.state.overlay, let ek = choice.values.firstIndex(of: "EK") else {
            Issue.record("no attorney choice with EK")
            return
        }
        runtime.press([.character(Character(String(ek + 1)))])
        assertSnapshot(runtime.frame, named: "agenda-attorney-EK-\(size.suffix)")
        runtime.press([.character("h"), .control("u")])
        runtime.type("abc")
        runtime.press([.enter])
        assertSnapshot(runtime.frame, named: "agenda-horizon-prompt-error-\(size.suffix)")
    }

    @Test(arguments: snapshotSizes)
    func clientsList(size: ScreenSize) throws {
        let (runtime, _) = try makeRuntime(store: try Fixture.demoStore(extra: [turkishClient()]), width: size.width, height: size.height, language: size.language)
        runtime.press([.character("2")])
        assertSnapshot(runtime.frame, named: "clients-\(size.suffix)")
        runtime.press([.character("s"), .character("s")])
        assertSnapshot(runtime.frame, named: "clients-by-next-deadline-\(size.suffix)")
        runtime.press([.character("s"), .character("/")])
        runtime.type("isik")
        assertSnapshot(runtime.frame, named: "clients-filter-isik-\(size.suffix)")
        runtime.press([.escape, .character("/")])
        runtime.type("muller")
        assertSnapshot(runtime.frame, named: "clients-filter-muller-\(size.suffix)")
        runtime.press([.control("u")])
        runtime.type("zzzz")
        assertSnapshot(runtime.frame, named: "clients-filter-no-match-\(size.suffix)")
        runtime.press([.escape, .character("?")])
        assertSnapshot(runtime.frame, named: "clients-help-\(size.suffix)")
    }

    @Test(arguments: snapshotSizes)
    func clientTabs(size: ScreenSize) throws {
        let (runtime, _) = try makeRuntime(width: size.width, height: size.height, language: size.language)
        openClient(runtime, "2026-0101")
        #expect(runtime.state.route == .client)
        assertSnapshot(runtime.frame, named: "client-overview-\(size.suffix)")
        runtime.press([.character("x")])
        assertSnapshot(runtime.frame, named: "client-overview-explanation-\(size.suffix)")
        runtime.press([.escape])
        for (tab, name) in [(ClientTab.permits, "permits"), (.trips, "trips"), (.applications, "applications"),
                            (.longTerm, "longterm"), (.history, "history")] {
            go(runtime, to: tab)
            assertSnapshot(runtime.frame, named: "client-\(name)-\(size.suffix)")
        }
        runtime.press([.character("?")])
        assertSnapshot(runtime.frame, named: "client-help-\(size.suffix)")
        runtime.press([.escape])
        go(runtime, to: .longTerm)
        runtime.press([.character("?")])
        assertSnapshot(runtime.frame, named: "client-longterm-help-\(size.suffix)")
        // a (the Trips tab's "add a real trip") does nothing here; w adds a what-if trip (issue 12).
        runtime.press([.escape, .character("a")])
        #expect(runtime.state.overlay == nil && runtime.state.route == .client)
        runtime.press([.character("w")])
        runtime.type("2027-01-10:2027-04-20")
        assertSnapshot(runtime.frame, named: "client-longterm-whatif-prompt-\(size.suffix)")
        runtime.press([.enter])
        assertSnapshot(runtime.frame, named: "client-longterm-whatif-\(size.suffix)")
    }

    @Test(arguments: snapshotSizes)
    func extensionComparedWithTheLastSubmission(size: ScreenSize) throws {
        let (runtime, _) = try makeRuntime(store: try Fixture.storeWithSubmissionSnapshot(), width: size.width, height: size.height, language: size.language)
        openClient(runtime, "2024-0077")
        go(runtime, to: .applications)
        runtime.press([.down])
        assertSnapshot(runtime.frame, named: "client-applications-extension-\(size.suffix)")
    }

    /// The demo itself: Lukas Becker's draft extension A1 beside the data he submitted with A0 in 2024.
    @Test(arguments: snapshotSizes)
    func demoExtensionComparedWithItsEarlierApplication(size: ScreenSize) throws {
        let (runtime, _) = try makeRuntime(width: size.width, height: size.height, language: size.language)
        openClient(runtime, "2026-0101")
        go(runtime, to: .applications)
        try runtime.selectApplication("A1")
        let text = runtime.frame.text
        #expect(text.contains("≠ "), "the changed fields are marked")
        assertSnapshot(runtime.frame, named: "client-applications-demo-A1-\(size.suffix)")
    }

    @Test(arguments: snapshotSizes)
    func checklistAndItsPrompts(size: ScreenSize) throws {
        let (runtime, _) = try makeRuntime(width: size.width, height: size.height, language: size.language)
        openClient(runtime, "2026-0101")
        go(runtime, to: .applications)
        try runtime.selectApplication("A1")
        runtime.press([.enter])
        #expect(runtime.state.route == .checklist)
        #expect(runtime.state.checklist?.applicationId == "A1")
        assertSnapshot(runtime.frame, named: "checklist-\(size.suffix)")
        runtime.press([.character("x")])
        assertSnapshot(runtime.frame, named: "checklist-item-details-\(size.suffix)")
        runtime.press([.escape, .character("?")])
        assertSnapshot(runtime.frame, named: "checklist-help-\(size.suffix)")
        runtime.press([.escape, .character("w")])
        assertSnapshot(runtime.frame, named: "prompt-waive-\(size.suffix)")
        runtime.press([.enter])
        assertSnapshot(runtime.frame, named: "prompt-waive-reason-required-\(size.suffix)")
    }

    @Test(arguments: snapshotSizes)
    func forms(size: ScreenSize) throws {
        let (runtime, _) = try makeRuntime(width: size.width, height: size.height, language: size.language)
        runtime.press([.character("2"), .character("a")])
        assertSnapshot(runtime.frame, named: "form-client-new-\(size.suffix)")
        runtime.press([.escape])
        openClient(runtime, "2026-0101")
        runtime.press([.character("e")])
        assertSnapshot(runtime.frame, named: "form-client-edit-\(size.suffix)")
        runtime.press([.escape])
        go(runtime, to: .permits)
        runtime.press([.character("a")])
        assertSnapshot(runtime.frame, named: "form-permit-add-\(size.suffix)")
        runtime.press([.escape])
        go(runtime, to: .trips)
        runtime.press([.character("a")])
        runtime.type("2026-02-30")
        assertSnapshot(runtime.frame, named: "form-trip-add-\(size.suffix)")
        runtime.press([.enter])
        assertSnapshot(runtime.frame, named: "form-trip-bad-date-\(size.suffix)")
        runtime.press([.escape])
        go(runtime, to: .applications)
        runtime.press([.character("a")])
        assertSnapshot(runtime.frame, named: "form-application-add-\(size.suffix)")
        // ? is text in a form (typing never triggers a command).
        runtime.press([.character("?")])
        #expect(runtime.state.overlay == nil)
        assertSnapshot(runtime.frame, named: "form-question-mark-is-text-\(size.suffix)")
        runtime.press([.escape])
        try runtime.selectApplication("A1")
        runtime.press([.character("e")])
        #expect(runtime.state.form?.title == (size.language == "en" ? "Edit application A1" : "Başvuruyu düzenle: A1"))
        assertSnapshot(runtime.frame, named: "form-application-edit-\(size.suffix)")
        // F1 is the help key in a form.
        runtime.press([.function(1)])
        #expect(runtime.state.overlay == .help)
        assertSnapshot(runtime.frame, named: "form-help-\(size.suffix)")
    }

    @Test(arguments: snapshotSizes)
    func confirmation(size: ScreenSize) throws {
        let (runtime, _) = try makeRuntime(width: size.width, height: size.height, language: size.language)
        openClient(runtime, "2026-0101")
        go(runtime, to: .trips)
        runtime.press([.character("d")])
        assertSnapshot(runtime.frame, named: "confirm-delete-trip-\(size.suffix)")
        runtime.press([.escape])
        go(runtime, to: .overview)
        runtime.press([.character("d")])
        assertSnapshot(runtime.frame, named: "confirm-delete-client-\(size.suffix)")
    }

    @Test func terminalTooSmall() throws {
        for (w, h) in [(60, 20), (79, 24), (80, 23)] {
            let (runtime, _) = try makeRuntime(width: w, height: h)
            assertSnapshot(runtime.frame, named: "too-small-\(w)x\(h)")
        }
        let (runtime, _) = try makeRuntime(width: 60, height: 20, language: "tr")
        assertSnapshot(runtime.frame, named: "too-small-tr-60x20")
    }
}
