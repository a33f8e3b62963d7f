import IkametCore
import IkametText
import IkametStore
import TerminalUI

/// How a key is named in the help's key column: a key name shown as it is
/// ("g / G"), or a catalog entry when the name has words ("x or Space").
enum KeyName {
    case literal(String)
    case catalog(String)

    var text: String {
        switch self {
        case .literal(let s): return s
        case .catalog(let key): return L(key)
        }
    }
}

/// One key binding of a screen, declared once: the keys, what they do, and how
/// the key bar and the help screen show it. `update` dispatches through the
/// screen's table, the key bar and the help are derived from the same table.
struct KeyBinding {
    typealias Run = (inout AppState, Key, AppEnvironment) -> [Effect]

    /// The keys that run it (empty: shown in the help only, e.g. Ctrl-Z, which the terminal handles).
    var keys: [Key]
    /// Runs for any key no binding of the table names (typing into a field).
    var anyKey = false
    /// The help's key column (nil: not in the help).
    var name: KeyName?
    /// The help's description (a catalog key).
    var help: String?
    /// The key bar's item (a catalog key; nil: not in the bar) …
    var bar: String?
    /// … and its place in the bar (items are sorted by it, then by their place in the table).
    var barOrder = 0
    /// The client screen's tabs it applies to (nil: everywhere).
    var tabs: Set<ClientTab>?
    /// On an office server, the role it needs on a tab (nil: any role); a login without it does not see the key in
    /// the bar, and pressing it says which role it needs (decision 0034).
    var needs: @Sendable (ClientTab?) -> OfficeRole? = { _ in nil }
    var run: Run

    init(_ keys: [Key], _ name: KeyName?, _ help: String?, tabs: Set<ClientTab>? = nil, anyKey: Bool = false, _ run: @escaping Run) {
        self.keys = keys; self.name = name; self.help = help; self.tabs = tabs; self.anyKey = anyKey; self.run = run
    }

    /// The binding, needing `role` (on the client screen's `tabs` only, when given).
    func needing(_ role: OfficeRole, on tabs: Set<ClientTab>? = nil) -> KeyBinding {
        var b = self
        b.needs = { tab in tabs.map { tab.map($0.contains) ?? false } ?? true ? role : nil }
        return b
    }

    /// Whether a login of `role` may use it (nil: a store file, where the file's permissions are the gate).
    func allowed(for role: OfficeRole?, tab: ClientTab?) -> Bool {
        guard let role, let needed = needs(tab) else { return true }
        return role >= needed
    }

    /// The binding with an item in the key bar.
    func inBar(_ key: String, _ order: Int) -> KeyBinding {
        var b = self
        b.bar = key
        b.barOrder = order
        return b
    }

    /// The binding left out of the help.
    func notInHelp() -> KeyBinding {
        var b = self
        b.name = nil
        b.help = nil
        return b
    }

    /// The binding described otherwise in the help.
    func described(_ name: KeyName, _ help: String) -> KeyBinding {
        var b = self
        b.name = name
        b.help = help
        return b
    }

    func applies(to tab: ClientTab?) -> Bool {
        guard let tabs else { return true }
        return tab.map { tabs.contains($0) } ?? false
    }
}

/// The key-binding tables, one per screen (and per overlay), and what is derived from them.
enum KeyTables {
    /// The table in force: the overlay's, else the screen's.
    static func table(for state: AppState) -> [KeyBinding] {
        switch state.overlay {
        case .help?: return helpOverlay
        case .explanation?: return textBox
        case .choose?: return choice
        case .confirm?: return confirmation
        case .prompt?: return prompt
        case nil: return screen(state.route, filterActive: state.route == .clients && state.clientFilterActive)
        }
    }

    /// Whether a text field has the keys (a prompt, a form, the clients filter): only there is a paste typed;
    /// anywhere else it is dropped, so that no pasted letter runs as a command.
    static func takesText(_ state: AppState) -> Bool {
        switch state.overlay {
        case .prompt?: return true
        case .help?, .explanation?, .confirm?, .choose?: return false
        case nil: return state.route == .form || (state.route == .clients && state.clientFilterActive)
        }
    }

    /// The table of a screen (`filterActive`: the clients list with its filter field focused).
    static func screen(_ route: Route, filterActive: Bool = false) -> [KeyBinding] {
        switch route {
        case .welcome: return welcome
        case .agenda: return agenda
        case .clients: return filterActive ? clientFilter : clients
        case .client: return client
        case .checklist: return checklist
        case .form: return form
        }
    }

    /// Runs the binding of `key`: the first binding naming the key, else the first taking any key.
    static func dispatch(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
        let bindings = table(for: state)
        let tab = state.route == .client ? state.clientScreen?.tab : nil
        let binding = bindings.first(where: { $0.keys.contains(key) && $0.applies(to: tab) })
            ?? bindings.first(where: { $0.anyKey && $0.applies(to: tab) })
        guard let binding else { return [] }
        if !binding.allowed(for: state.role, tab: tab), let needed = binding.needs(tab) {
            state.status = L("store.error.role-required", ["role": needed.groupName, "login": env.user])
            state.statusIsError = true
            return []
        }
        return binding.run(&state, key, env)
    }

    /// The key bar of the state's table.
    static func bar(for state: AppState) -> String {
        let tab = state.route == .client ? state.clientScreen?.tab : nil
        return table(for: state).enumerated()
            .filter { $0.element.bar != nil && $0.element.applies(to: tab) && $0.element.allowed(for: state.role, tab: tab) }
            .sorted { ($0.element.barOrder, $0.offset) < ($1.element.barOrder, $1.offset) }
            .compactMap { item in item.element.bar.map { L($0) } }
            .joined(separator: " · ")
    }

    /// The help of a screen: (key, description) in table order.
    static func help(for route: Route, tab: ClientTab?) -> [(String, String)] {
        screen(route).compactMap { b in
            guard let name = b.name, let help = b.help, b.applies(to: tab) else { return nil }
            return (name.text, L(help))
        }
    }

    // MARK: Shared bindings

    static var moveKeys: [Key] { [.up, .down, .character("j"), .character("k"), .pageUp, .pageDown, .control("f"), .control("b")] }
    static var endKeys: [Key] { [.home, .end, .character("g"), .character("G")] }

    /// ↑↓ j k PgUp PgDn, then g / G: the list cursor of a screen.
    static func navigation(_ run: @escaping KeyBinding.Run) -> [KeyBinding] {
        [KeyBinding(moveKeys, .literal("↑↓ j k PgUp PgDn"), "tui.help.move", run),
         KeyBinding(endKeys, .literal("g / G"), "tui.help.first-last", run)]
    }

    /// The keys that work on every screen outside a text field, in their help order.
    static var globals: (screens: KeyBinding, undo: KeyBinding, back: KeyBinding, suspend: KeyBinding, language: KeyBinding,
                         help: KeyBinding, interrupt: KeyBinding, messages: KeyBinding) {
        (screens: KeyBinding([.character("1"), .character("2")], .literal("1 / 2"), "tui.help.screens", switchScreen),
         undo: KeyBinding([.character("u")], .literal("u"), "tui.help.undo", undoLast),
         back: KeyBinding([.escape, .character("q")], .literal("q / Esc"), "tui.help.back", goBack),
         suspend: KeyBinding([], .literal("Ctrl-Z"), "tui.help.suspend") { _, _, _ in [] },
         language: KeyBinding([.character("L")], .literal("L"), "tui.help.language", switchLanguage).notInHelp(),
         help: KeyBinding([.character("?")], nil, nil, showHelp),
         interrupt: KeyBinding([.control("c")], nil, nil, quitNow),
         messages: KeyBinding([.character("m")], .literal("m"), "tui.help.messages", showMessages))
    }

    // MARK: Screens

    static var welcome: [KeyBinding] {
        let g = globals
        return [
            KeyBinding([.character("d")], .literal("d"), "tui.help.welcome.demo") { _, _, _ in [.openDemo] }.inBar("tui.bar.demo", 1),
            KeyBinding([.character("i")], .literal("i"), "tui.help.welcome.import", askImportFile).needing(.attorney).inBar("tui.bar.import", 2),
            KeyBinding([.character("a")], .literal("a"), "tui.help.add-client", addClient).needing(.attorney).inBar("tui.bar.add-client", 3),
            g.back.described(.literal("q"), "tui.help.welcome.quit").inBar("tui.bar.quit", 4),
            g.language,
            g.screens.notInHelp(), g.undo.notInHelp(), g.suspend.notInHelp(), g.help.inBar("tui.bar.help", 5), g.interrupt, g.messages,
        ]
    }

    static var agenda: [KeyBinding] {
        let g = globals, nav = navigation(moveAgendaCursor)
        return [
            nav[0].inBar("tui.bar.move-open", 1), nav[1],
            KeyBinding([.enter], .literal("Enter"), "tui.help.open-client", openAgendaRow),
            KeyBinding([.character("x"), .character(" ")], .catalog("tui.keys.x-or-space"), "tui.help.agenda.explain", explainAgendaRow)
                .inBar("tui.bar.why", 2),
            KeyBinding([.character("h")], .literal("h"), "tui.help.agenda.horizon", askHorizon).inBar("tui.bar.days", 3),
            KeyBinding([.character("f")], .literal("f"), "tui.help.agenda.attorney", askAttorney).inBar("tui.bar.attorney", 4),
            KeyBinding([.character("a")], .literal("a"), "tui.help.add-client", addClient).needing(.attorney),
            KeyBinding([.character("/")], .literal("/"), "tui.help.agenda.find", findClient).inBar("tui.bar.find", 6),
            g.screens.inBar("tui.bar.clients", 5), g.undo, g.back.inBar("tui.bar.quit", 8), g.suspend, g.language,
            g.help.inBar("tui.bar.help", 7), g.interrupt, g.messages,
        ]
    }

    static var clients: [KeyBinding] {
        let g = globals, nav = navigation(moveClientsCursor)
        return [
            nav[0].inBar("tui.bar.move-open", 1), nav[1],
            KeyBinding([.character("/")], .literal("/"), "tui.help.clients.filter", startFilter).inBar("tui.bar.filter", 2),
            KeyBinding([.enter], .literal("Enter"), "tui.help.open-client", openClientRow),
            KeyBinding([.character("s")], .literal("s"), "tui.help.clients.sort", cycleSort).inBar("tui.bar.sort", 3),
            KeyBinding([.character("a")], .literal("a"), "tui.help.add-client", addClient).needing(.attorney).inBar("tui.bar.add", 4),
            KeyBinding([.character("z")], .literal("z"), "tui.help.clients.closed", toggleClosed).inBar("tui.bar.closed", 5),
            g.screens, g.undo, g.back.inBar("tui.bar.back", 7), g.suspend, g.language, g.help.inBar("tui.bar.help", 6), g.interrupt, g.messages,
        ]
    }

    /// The clients list while its filter field has the keys.
    static var clientFilter: [KeyBinding] {
        [KeyBinding([.enter, .down], nil, nil, leaveFilter).inBar("tui.bar.to-list", 2),
         KeyBinding([.escape], nil, nil, clearFilter).inBar("tui.bar.clear", 3),
         KeyBinding([], nil, nil, anyKey: true, typeInFilter).inBar("tui.bar.type-to-filter", 1)]
    }

    /// The tabs whose records only an attorney adds or deletes on an office server: the client itself (Overview)
    /// and the permits (decision 0034).
    static let attorneyTabs: Set<ClientTab> = [.overview, .permits]

    /// The client screen's tabs that show stored records (every tab but the Long-term simulation).
    static let recordTabs: Set<ClientTab> = [.overview, .permits, .trips, .applications, .history]

    static var client: [KeyBinding] {
        let g = globals, nav = navigation(moveClientCursor)
        return [
            nav[0].inBar("tui.bar.move-open", 2), nav[1],
            KeyBinding([.tab, .backTab], .literal("Tab / Shift-Tab"), "tui.help.client.tab", switchTab).inBar("tui.bar.tab", 1),
            KeyBinding([.character("e")], .literal("e"), "tui.help.client.edit", tabs: recordTabs, editSelected).inBar("tui.bar.edit", 3),
            KeyBinding([.character("e")], .literal("e"), "tui.help.client.edit-long-term", tabs: [.longTerm], editSelected),
            // Not on the Long-term tab: there a trip is only a what-if (w), never a real one by the Trips tab's key.
            KeyBinding([.character("a")], .literal("a"), "tui.help.client.add", tabs: recordTabs, addForTab)
                .needing(.attorney, on: attorneyTabs).inBar("tui.bar.add", 4),
            KeyBinding([.character("d")], .literal("d"), "tui.help.client.delete", tabs: recordTabs, deleteSelected)
                .needing(.attorney, on: attorneyTabs).inBar("tui.bar.delete", 5),
            KeyBinding([.character("C")], .literal("C"), "tui.help.client.close", closeOrReopen).needing(.attorney),
            KeyBinding([.character("o")], .literal("o"), "tui.help.client.power-of-attorney", tabs: [.overview], editPowerOfAttorney),
            KeyBinding([.enter, .character("x")], .literal("x / Enter"), "tui.help.client.explain-action", tabs: [.overview], explainDeadlineItem),
            KeyBinding([.enter], .literal("Enter"), "tui.help.client.open-checklist", tabs: [.applications], openApplicationChecklist),
            KeyBinding([.character("v")], .literal("v"), "tui.help.client.snapshot-values", tabs: [.applications], showSnapshotValues),
            KeyBinding([.character("l")], .literal("l"), "tui.help.client.letter", tabs: [.applications], chooseLetter),
            KeyBinding([.character("i")], .literal("i"), "tui.help.client.import-record", tabs: [.trips], askEntryExitRecord),
            KeyBinding([.character("h")], .literal("h"), "tui.help.client.household", showHousehold),
            KeyBinding([.enter], nil, nil, tabs: [.permits, .trips], editSelected),
            KeyBinding([.enter, .character("x")], .literal("x / Enter"), "tui.help.client.explain-rule", tabs: [.longTerm], explainRule),
            KeyBinding([.character("w")], .literal("w"), "tui.help.client.what-if-trip", tabs: [.longTerm], askWhatIfTrip)
                .inBar("tui.bar.what-if-trip", 4),
            KeyBinding([.character("b")], .literal("b"), "tui.help.client.what-if-return", tabs: [.longTerm], askWhatIfReturn)
                .inBar("tui.bar.what-if-return", 5),
            KeyBinding([.character("c")], .literal("c / d"), "tui.help.client.clear-what-if", tabs: [.longTerm], clearWhatIf)
                .inBar("tui.bar.clear-what-if", 5),
            KeyBinding([.character("d")], nil, nil, tabs: [.longTerm], deleteSelected),
            KeyBinding([.character("r")], .literal("r"), "tui.help.client.reference", tabs: [.longTerm], askReference),
            KeyBinding([.enter, .character("x")], .literal("Enter"), "tui.help.client.history-entry", tabs: [.history], showHistoryEntry),
            g.screens, g.undo.inBar("tui.bar.undo", 6), g.back.inBar("tui.bar.back", 8), g.suspend, g.language,
            g.help.inBar("tui.bar.help", 7), g.interrupt, g.messages,
        ]
    }

    static var checklist: [KeyBinding] {
        let g = globals, nav = navigation(moveChecklistCursor)
        return [
            nav[0], nav[1],
            KeyBinding([.character(" ")], .catalog("tui.keys.space"), "tui.help.checklist.next", advanceItem).inBar("tui.bar.next-state", 1),
            KeyBinding([.character("s")], .literal("s"), "tui.help.checklist.set-state", chooseItemState).inBar("tui.bar.set-state", 2),
            KeyBinding([.character("d")], .literal("d"), "tui.help.checklist.delete", deleteCustomItem),
            KeyBinding([.character("p")], .literal("p"), "tui.help.checklist.mailed", recordDocumentsMailed),
            KeyBinding([.character("w")], .literal("w"), "tui.help.checklist.waive", waiveItem).inBar("tui.bar.waive", 3),
            KeyBinding([.character("n")], .literal("n"), "tui.help.checklist.note", noteItem).inBar("tui.bar.note", 4),
            KeyBinding([.character("a")], .literal("a"), "tui.help.checklist.add", addCustomItem).inBar("tui.bar.add", 4),
            KeyBinding([.enter, .character("x")], .literal("x / Enter"), "tui.help.checklist.details", itemDetails),
            KeyBinding([.character("e")], .literal("e"), "tui.help.checklist.edit", editChecklistApplication),
            g.screens, g.undo.inBar("tui.bar.undo", 6), g.back.inBar("tui.bar.back", 8), g.suspend, g.language,
            g.help.inBar("tui.bar.help", 7), g.interrupt, g.messages,
        ]
    }

    /// A form: its fields take the keys (so no single-letter commands; F1 is the help).
    static var form: [KeyBinding] {
        [KeyBinding([.function(1)], .literal("F1"), "tui.help.form.help", showHelp).inBar("tui.bar.form-help", 5),
         KeyBinding([.tab, .down], .literal("Tab / ↓"), "tui.help.form.next", nextField).inBar("tui.bar.field", 1),
         KeyBinding([.backTab, .up], .literal("Shift-Tab / ↑"), "tui.help.form.previous", previousField),
         KeyBinding([], .catalog("tui.keys.choice"), "tui.help.form.choice", anyKey: true, editField).inBar("tui.bar.choice", 2),
         KeyBinding([.enter, .control("s")], .catalog("tui.keys.save"), "tui.help.form.save", saveForm).inBar("tui.bar.save", 3),
         KeyBinding([.escape], .literal("Esc"), "tui.help.form.cancel", cancelForm).inBar("tui.bar.cancel", 4),
         KeyBinding([], .catalog("tui.keys.dates"), "tui.help.form.dates") { _, _, _ in [] }]
    }

    // MARK: Overlays

    /// The help and an explanation: most keys close them.
    /// A text box (an explanation, the message history): ↑↓ and PgUp/PgDn scroll one that does not fit.
    static var textBox: [KeyBinding] {
        [KeyBinding([.down, .character("j"), .up, .character("k"), .pageDown, .pageUp], nil, nil, scrollTextBox)] + overlayClose
    }

    /// A choice box: ↑↓ (or j k) move, Enter or the shown number chooses, Esc or q closes.
    static var choice: [KeyBinding] {
        [KeyBinding([.down, .character("j"), .up, .character("k")], nil, nil, moveChoice),
         KeyBinding([.enter], nil, nil, pickChoice).inBar("tui.bar.choose", 1),
         KeyBinding([.escape, .character("q")], nil, nil, closeOverlay).inBar("tui.bar.cancel", 2),
         KeyBinding([], nil, nil, anyKey: true, pickChoiceByNumber)]
    }

    static var overlayClose: [KeyBinding] {
        [KeyBinding([.escape, .character("q"), .enter, .character("?"), .character("x"), .character(" ")], nil, nil, closeOverlay)
            .inBar("tui.bar.close", 1)]
    }

    /// The help box: closes like any box, and L switches the language with the box open (its footer says so).
    static var helpOverlay: [KeyBinding] {
        textBox + [KeyBinding([.character("L")], nil, nil, switchLanguage)]
    }

    static var confirmation: [KeyBinding] {
        [KeyBinding([.down, .character("j"), .up, .character("k"), .pageDown, .pageUp], nil, nil, scrollTextBox),
         KeyBinding([.character("y"), .character("Y")], nil, nil, confirmYes).inBar("tui.bar.yes", 1),
         KeyBinding([.character("n"), .character("N"), .escape, .character("q")], nil, nil, confirmNo).inBar("tui.bar.no", 2)]
    }

    static var prompt: [KeyBinding] {
        [KeyBinding([.enter], nil, nil, submitPromptKey).inBar("tui.bar.ok", 1),
         KeyBinding([.escape], nil, nil, closeOverlay).inBar("tui.bar.cancel", 2),
         KeyBinding([], nil, nil, anyKey: true, typeInPrompt)]
    }
}
