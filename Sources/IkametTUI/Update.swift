import IkametCore
import IkametText
import TerminalUI

/// The smallest terminal the UI draws in.
public let minimumSize = (width: 80, height: 24)

/// The only place the state changes: applies an action and returns the effects to run.
/// Runs with the catalog of the state's language bound, so every word it writes
/// into the state (status, prompts, forms) is in that language.
public func update(_ state: inout AppState, _ action: Action, _ env: AppEnvironment) -> [Effect] {
    let catalog = state.catalog
    return Catalog.using(catalog) { applyAction(&state, action, env) }
}

func applyAction(_ state: inout AppState, _ action: Action, _ env: AppEnvironment) -> [Effect] {
    switch action {
    case .terminalResized(let w, let h):
        state.width = w; state.height = h
        clampCursors(&state)
        return []
    case .idleTick:
        return [.checkForChanges]
    case .dayChanged(let date):
        // Days left, severities, the agenda and every report are recomputed for the new day.
        guard date != state.today else { return [] }
        state.today = date
        if var screen = state.clientScreen, let detail = screen.detail {
            refreshReport(&screen, detail.client, today: date, env)
            state.clientScreen = screen
        }
        return reloadEffects(&state)
    case .storeChangedElsewhere:
        return reloadEffects(&state)
    case .agendaLoaded(let counts, let window, let count, let shown):
        state.agendaStale = false
        state.agendaCounts = counts
        state.agendaWindow = window
        state.clientCount = count
        state.agendaShownClients = shown
        state.agendaLoaded = true
        if count == 0, state.route == .agenda { state.screens = [.welcome] }
        if count > 0, state.route == .welcome { state.screens = [.agenda] }
        clampCursors(&state)
        return []
    case .agendaWindowLoaded(let window):
        state.agendaWindow = window
        return []
    case .clientsLoaded(let total, let window):
        state.clientsStale = false
        state.clientTotal = total
        state.clientWindow = window
        clampCursors(&state)
        return ensureClientWindow(state)
    case .clientWindowLoaded(let window):
        state.clientWindow = window
        return []
    case .clientLoaded(let detail):
        guard var screen = state.clientScreen else { return [] }
        guard let detail else {
            setStatus(&state, Strings.clientGone(screen.id), error: true)
            popTo(&state, not: [.client, .checklist, .form])
            return reloadEffects(&state)
        }
        screen.detail = detail
        refreshReport(&screen, detail.client, today: state.today, env)
        state.clientScreen = screen
        clampCursors(&state)
        return []
    case .saveSucceeded(let clientId, _, let undo, let message):
        if let undo { state.undo.append(undo) }
        if state.route == .form {
            let created = state.form?.kind == .client(isNew: true)
            state.screens.removeLast()
            // A client just added opens, ready for its permits and applications; the first one of an empty
            // store has the agenda under it (the welcome screen is for an empty store).
            if created {
                if state.screens == [.welcome] { state.screens = [.agenda]; state.agendaStale = true }
                state.open(.client(ClientScreen(id: clientId)))
            }
        }
        setStatus(&state, message)
        return reloadEffects(&state)
    case .attorneysLoaded(let attorneys):
        offerAttorneys(&state, attorneys)
        return []
    case .undone(let entry, let version):
        // The client is back at the content of `beforeVersion`, now stored as `version`: an earlier change of the
        // session that produced `beforeVersion` is undone from `version` next (undo walks back in order).
        if let from = entry.beforeVersion {
            for i in state.undo.indices.reversed() where state.undo[i].clientId == entry.clientId && state.undo[i].afterVersion == from {
                state.undo[i].afterVersion = version
                break
            }
        }
        setStatus(&state, Strings.undone(entry.label))
        if state.route == .form { state.screens.removeLast() }
        return reloadEffects(&state)
    case .saveFailed(let message, let latest):
        if state.route == .form, var form = state.form {
            form.message = message
            if let latest, latest.client.id == form.base.id {
                // Keep the user's input; the next Enter saves it over the latest version.
                form.base = latest.client
                form.baseVersion = latest.version
                form.message = message + " " + Strings.saveAgainOverConflict
            }
            state.form = form
        }
        setStatus(&state, message, error: true)
        return reloadEffects(&state)
    case .demoOpened(let label):
        state.storeLabel = label
        state.isDemo = true
        state.role = nil  // the demo is a file of one's own: no office role applies
        state.screens = [.agenda]
        state.undo = []
        state.agendaCursor = ListCursor()
        return [agendaLoad(state)]
    case .importFinished(let message, let ok):
        setStatus(&state, message, error: !ok)
        return [agendaLoad(state)]
    case .recordFileRead(let path, let bytes, let error):
        recordFileRead(&state, path: path, bytes: bytes, error: error, env)
        return []
    case .letterWritten(let path, let error):
        if let path { setStatus(&state, Strings.letterWritten(path)) } else { setStatus(&state, error ?? "", error: true) }
        return []
    case .jobProgress(let message):
        setStatus(&state, message)
        return []
    case .agendaRefreshed(let complete):
        setStatus(&state, complete ? Strings.agendaRefreshed : Strings.agendaNotRefreshed, error: !complete)
        // The rows now shown may be a day old: read them again (the current screen too, if it is a list).
        state.clientsStale = true
        guard state.route == .agenda else {
            state.agendaStale = true
            return []
        }
        return [agendaLoad(state)]
    case .keyPressed(let key):
        return handleKey(&state, key, env)
    }
}

func setStatus(_ state: inout AppState, _ text: String, error: Bool = false) {
    state.status = text
    state.statusIsError = error
    // Kept whole for `m`: a long message or warning is cut on the status line.
    if state.messageHistory.last != text { state.messageHistory.append(text) }
    if state.messageHistory.count > 100 { state.messageHistory.removeFirst(state.messageHistory.count - 100) }
}

/// m: the session's messages, whole, newest first.
func showMessages(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    let text = state.messageHistory.isEmpty ? Strings.noMessages : state.messageHistory.reversed().joined(separator: "\n")
    state.overlay = .explanation(title: Strings.messagesTitle, text: text)
    state.textScroll = 0
    return []
}

/// The loads that refresh what is on screen after a change. Lists under the
/// current screen are only marked stale and reloaded when they are shown again,
/// so that a save costs what the visible screen needs.
func reloadEffects(_ state: inout AppState) -> [Effect] {
    var out: [Effect] = []
    if state.route == .agenda || state.route == .welcome {
        out.append(agendaLoad(state))
    } else {
        state.agendaStale = true
    }
    if state.route == .clients {
        out.append(clientsLoad(state))
    } else if state.stack.contains(.clients) {
        state.clientsStale = true
    }
    if let screen = state.clientScreen, state.stack.contains(.client) || state.stack.contains(.checklist) {
        out.append(.loadClient(id: screen.id))
    }
    return out
}

/// After going back: reload the list now shown if it went stale meanwhile.
func reloadIfStale(_ state: inout AppState) -> [Effect] {
    if state.route == .agenda, state.agendaStale {
        state.agendaStale = false
        return [agendaLoad(state)]
    }
    if state.route == .clients, state.clientsStale {
        state.clientsStale = false
        return [clientsLoad(state)]
    }
    return state.route == .clients ? ensureClientWindow(state) : ensureAgendaWindow(state)
}

/// Where a window load starts for a cursor: a little above the visible rows.
func windowStart(_ c: ListCursor) -> Int { max(0, c.offset - 50) }

func agendaLoad(_ state: AppState) -> Effect {
    .loadAgenda(horizon: state.agendaHorizon, attorney: state.agendaAttorney, start: windowStart(state.agendaCursor))
}

func clientsLoad(_ state: AppState) -> Effect {
    .loadClients(filter: state.clientFilter.text, sort: state.clientSort, start: windowStart(state.clientCursor))
}

/// Loads another slice of the agenda when the visible rows are not all loaded.
func ensureAgendaWindow(_ state: AppState) -> [Effect] {
    let c = state.agendaCursor
    if state.agendaWindow.covers(c.offset, c.offset + state.listHeight, total: state.agendaTotal) { return [] }
    return [.loadAgendaWindow(horizon: state.agendaHorizon, attorney: state.agendaAttorney, start: windowStart(c))]
}

/// Loads another slice of the client list when the visible rows are not all loaded.
func ensureClientWindow(_ state: AppState) -> [Effect] {
    let c = state.clientCursor
    if state.clientWindow.covers(c.offset, c.offset + state.listHeight, total: state.clientTotal) { return [] }
    return [.loadClientWindow(filter: state.clientFilter.text, sort: state.clientSort, start: windowStart(c))]
}

func popTo(_ state: inout AppState, not routes: [Route]) {
    while let last = state.screens.last, routes.contains(last.route), state.screens.count > 1 { state.screens.removeLast() }
}

func clampCursors(_ state: inout AppState) {
    state.agendaCursor.clamp(count: state.agendaTotal, page: state.listHeight)
    state.clientCursor.clamp(count: state.clientTotal, page: state.listHeight - 1)
    if var screen = state.clientScreen, let detail = screen.detail {
        for tab in ClientTab.allCases {
            var c = screen.cursor(tab)
            c.clamp(count: rowCount(tab, detail, screen), page: state.listHeight - 2)
            screen.cursors[tab] = c
        }
        state.clientScreen = screen
    }
    if var cl = state.checklist, let app = currentApplication(state) {
        cl.cursor.clamp(count: app.checklist.count, page: state.listHeight - 4)
        state.checklist = cl
    }
}

func rowCount(_ tab: ClientTab, _ d: ClientDetail, _ screen: ClientScreen) -> Int {
    switch tab {
    case .overview: return d.items.count
    case .permits: return d.client.permits.count
    case .trips: return d.client.trips.count
    case .applications: return d.client.applications.count
    case .longTerm: return (screen.report?.rules.count ?? 0) + screen.whatIf.count
    case .history: return d.history.count
    }
}

/// The application shown on the checklist screen.
func currentApplication(_ state: AppState) -> Application? {
    guard let cl = state.checklist, let d = state.clientScreen?.detail, d.client.id == cl.clientId else { return nil }
    return d.client.applications.first { $0.id == cl.applicationId }
}

// MARK: - Keys

func handleKey(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    if key == .resize { return [] }
    if case .paste = key, !KeyTables.takesText(state) { return [] }
    if state.width < minimumSize.width || state.height < minimumSize.height {
        if key == .character("q") || key == .control("c") { state.quitRequested = true; return [.quit] }
        return []
    }
    // The overlay's, form's, filter's or screen's key-binding table (Keys.swift).
    let screenBefore = (state.screens.count, state.route), statusBefore = state.status
    let effects = KeyTables.dispatch(&state, key, env)
    // A status message belongs to its screen: leaving the screen clears it, unless the key set a new one
    // (it stays readable with m).
    if (state.screens.count, state.route) != screenBefore, state.status == statusBefore { state.status = nil }
    return effects
}

// MARK: Keys on every screen outside a text field

/// 1: the agenda (or the welcome screen); 2: the clients list.
func switchScreen(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    if key == .character("1") {
        state.screens = [state.clientCount == 0 && state.agendaLoaded ? .welcome : .agenda]
        return [agendaLoad(state)]
    }
    state.screens = [.agenda, .clients]
    return [clientsLoad(state)]
}

func showHelp(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.overlay = .help
    state.textScroll = 0
    return []
}

/// u: undoes the session's last change (again for the one before, and so on). A change to a client that is
/// not on screen is undone only after a question naming the client.
func undoLast(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let last = state.undo.last else { setStatus(&state, Strings.nothingToUndo); return [] }
    let onScreen = [.client, .checklist, .form].contains(state.route) ? state.clientScreen?.id : nil
    if last.clientId != onScreen {
        state.overlay = .confirm(Confirmation(purpose: .undoElsewhere(clientId: last.clientId, afterVersion: last.afterVersion),
                                              question: Strings.undoElsewhereQuestion(id: last.clientId, name: last.clientName, change: last.label)))
        return []
    }
    state.undo.removeLast()
    return [.undo(last)]
}

func quitNow(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.quitRequested = true
    return [.quit]
}

/// Esc or q: back to the screen below; q on the first screen (and Esc on the welcome screen) quits.
func goBack(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    if state.screens.count > 1 {
        // The screen below is current: saves reload it, and changes made elsewhere arrive with the idle check.
        state.screens.removeLast()
        state.status = nil
        return reloadIfStale(&state)
    }
    if key == .character("q") || state.route == .welcome { state.quitRequested = true; return [.quit] }
    return []
}

/// The next language of `Catalog.available`; the status line names it in itself.
/// Rows keep facts, so the screen is drawn in the new language at once, without a reload.
func switchLanguage(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    let codes = Catalog.available
    guard !codes.isEmpty else { return [] }
    let i = codes.firstIndex(of: state.language) ?? -1
    state.language = codes[(i + 1) % codes.count]
    let catalog = state.catalog
    setStatus(&state, Catalog.using(catalog) { Strings.languageSwitched(catalog.name) })
    return []
}

// MARK: Welcome

func askImportFile(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.overlay = .prompt(Prompt(purpose: .importFile, label: Strings.importPrompt, field: TextField()))
    return []
}

func addClient(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    openNewClientForm(&state)
}

// MARK: Agenda

func moveAgendaCursor(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.agendaCursor.handle(key, count: state.agendaTotal, page: state.listHeight) ? ensureAgendaWindow(state) : []
}

func openAgendaRow(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let row = state.selectedAgendaRow else { return [] }
    return openClient(&state, row.clientId)
}

func explainAgendaRow(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let row = state.selectedAgendaRow else { return [] }
    state.overlay = .explanation(title: Strings.agendaExplanationTitle(row), text: row.explanation)
    return []
}

func askHorizon(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.overlay = .prompt(Prompt(purpose: .agendaHorizon, label: Strings.horizonPrompt, field: TextField(selecting: String(state.agendaHorizon))))
    return []
}


/// / on the agenda: the clients list with its filter focused.
func findClient(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.screens = [.agenda, .clients]
    state.clientFilterActive = true
    state.clientFilter = TextField()
    state.clientCursor = ListCursor()
    return [clientsLoad(state)]
}

// MARK: Clients

func moveClientsCursor(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.clientCursor.handle(key, count: state.clientTotal, page: state.listHeight - 1) ? ensureClientWindow(state) : []
}

func openClientRow(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let row = state.selectedClientRow else { return [] }
    return openClient(&state, row.id)
}

/// /: a fresh filter (the last one is cleared), with the keys.
func startFilter(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.clientFilterActive = true
    if state.clientFilter.text.isEmpty { return [] }
    state.clientFilter = TextField()
    state.clientCursor = ListCursor()
    return [clientsLoad(state)]
}

func cycleSort(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.clientSort = state.clientSort.next
    state.clientCursor = ListCursor()
    setStatus(&state, Strings.sortedBy(state.clientSort))
    return [clientsLoad(state)]
}

func toggleClosed(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.showClosed.toggle()
    state.clientCursor = ListCursor()
    setStatus(&state, state.showClosed ? Strings.closedShown : Strings.closedHidden)
    return [clientsLoad(state)]
}

// MARK: The clients filter field

/// Enter or ↓: from the filter field to the list.
func leaveFilter(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.clientFilterActive = false
    return []
}

/// Esc: the filter cleared (and the list reloaded when it was filtered). The filter keeps the keys, so that
/// the next letters typed start a new filter instead of running commands; Esc on an empty filter gives them
/// back to the list.
func clearFilter(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    if state.clientFilter.text.isEmpty {
        state.clientFilterActive = false
        return []
    }
    state.clientFilter = TextField()
    state.clientCursor = ListCursor()
    return [clientsLoad(state)]
}

func typeInFilter(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    // / in an empty filter is the fresh filter it asks for already (after Esc, "/ name" finds the name).
    if key == .character("/"), state.clientFilter.text.isEmpty { return [] }
    let before = state.clientFilter.text
    _ = state.clientFilter.handle(key)
    guard state.clientFilter.text != before else { return [] }
    state.clientCursor = ListCursor()
    return [clientsLoad(state)]
}

/// Opens the form for a new client.
func openNewClientForm(_ state: inout AppState) -> [Effect] {
    state.open(.form(Forms.clientForm(Client(id: "", name: ""), version: nil, isNew: true)))
    return []
}

func openClient(_ state: inout AppState, _ id: String) -> [Effect] {
    // The same client already open below (reached again from a list) keeps its tab and cursors.
    let existing = state.clientScreen.flatMap { $0.id == id ? $0 : nil }
    state.open(.client(existing ?? ClientScreen(id: id)))
    state.status = nil
    return [.loadClient(id: id)]
}

// MARK: Overlays

func closeOverlay(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.overlay = nil
    state.textScroll = 0
    return []
}

func confirmYes(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard case .confirm(let c)? = state.overlay else { return [] }
    state.overlay = nil
    state.textScroll = 0
    return confirmed(&state, c.purpose, env)
}

func confirmNo(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    state.overlay = nil
    setStatus(&state, Strings.cancelled)
    return []
}

func submitPromptKey(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard case .prompt(let p)? = state.overlay else { return [] }
    return submitPrompt(&state, p, env)
}

func typeInPrompt(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    if typeInRecordPrompt(&state, key, env) { return [] }
    guard case .prompt(var p)? = state.overlay else { return [] }
    _ = p.field.handle(key)
    p.error = nil
    state.overlay = .prompt(p)
    return []
}
