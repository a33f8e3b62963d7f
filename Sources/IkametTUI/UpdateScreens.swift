import IkametCore
import IkametText
import TerminalUI

// MARK: - Client screen

/// The open client screen, when its client is loaded (the client keys do nothing before).
func loadedClientScreen(_ state: AppState) -> ClientScreen? {
    guard let screen = state.clientScreen, screen.detail != nil else { return nil }
    return screen
}

func moveClientCursor(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var screen = state.clientScreen, let detail = screen.detail else { return [] }
    var cursor = screen.cursor(screen.tab)
    if cursor.handle(key, count: rowCount(screen.tab, detail, screen), page: state.listHeight - 2) {
        screen.cursors[screen.tab] = cursor
        state.clientScreen = screen
    }
    return []
}

/// Tab and Shift-Tab: the next or previous tab.
func switchTab(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var screen = loadedClientScreen(state) else { return [] }
    let all = ClientTab.allCases
    let step = key == .tab ? 1 : all.count - 1
    screen.tab = all[(screen.tab.rawValue + step) % all.count]
    state.clientScreen = screen
    return []
}

/// The loaded client and the element under the cursor of the current tab's list (nil: none selected).
func selectedOnTab<T>(_ state: AppState, _ list: (ClientDetail) -> [T]) -> (detail: ClientDetail, element: T)? {
    guard let screen = state.clientScreen, let detail = screen.detail else { return nil }
    let elements = list(detail), selected = screen.cursor(screen.tab).selected
    return elements.indices.contains(selected) ? (detail, elements[selected]) : nil
}

/// The Overview tab: the selected deadline item's explanation.
func explainDeadlineItem(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let picked = selectedOnTab(state, \.items) else { return [] }
    let (detail, item) = (picked.detail, picked.element)
    state.overlay = .explanation(title: L("tui.client.item-title", ["kind": item.kind.term, "name": detail.client.name]),
                                 text: Catalog.current.explanation(item.explanation))
    return []
}

/// The Applications tab: the selected application's checklist.
func openApplicationChecklist(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let picked = selectedOnTab(state, \.client.applications) else { return [] }
    state.open(.checklist(ChecklistScreen(clientId: picked.detail.client.id, applicationId: picked.element.id)))
    return []
}

/// The Long-term tab: the selected rule in full, or the whole report below the rules.
func explainRule(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let screen = loadedClientScreen(state), let report = screen.report else { return [] }
    let selected = screen.cursor(screen.tab).selected
    if report.rules.indices.contains(selected) {
        let rule = report.rules[selected]
        state.overlay = .explanation(title: Strings.ruleTitle(rule), text: L(rule.detail) + "\n\n" + Catalog.current.explanation(rule.explanation))
    } else {
        state.overlay = .explanation(title: Strings.tabTitle(.longTerm), text: reportText(report))
    }
    return []
}

/// The History tab: the selected change in full.
func showHistoryEntry(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let e = selectedOnTab(state, \.history)?.element else { return [] }
    let text = Strings.historyDetail(at: Strings.timestamp(e.at, minutes: false), user: e.user, field: e.field,
                                     old: e.old.map(Strings.value) ?? "∅", new: e.new.map(Strings.value) ?? "∅")
    state.overlay = .explanation(title: Strings.change, text: text)
    return []
}

/// e (and Enter on the Permits and Trips tabs): the client, or the selected permit, trip or application, in a form.
func editSelected(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let screen = state.clientScreen, let detail = screen.detail else { return [] }
    let c = detail.client, selected = screen.cursor(screen.tab).selected
    switch screen.tab {
    case .overview, .history: state.open(.form(Forms.clientForm(c, version: detail.version, isNew: false)))
    case .longTerm: state.open(.form(Forms.longTermForm(c, version: detail.version)))
    case .permits:
        guard c.permits.indices.contains(selected) else { return [] }
        state.open(.form(Forms.permitForm(c, version: detail.version, index: selected)))
    case .trips:
        guard c.trips.indices.contains(selected) else { return [] }
        state.open(.form(Forms.tripForm(c, version: detail.version, index: selected)))
    case .applications:
        guard c.applications.indices.contains(selected) else { return [] }
        state.open(.form(Forms.applicationForm(c, version: detail.version, index: selected, today: state.today, parameters: env.deadlines.parameters)))
    }
    return []
}

/// o: the power of attorney's form.
func editPowerOfAttorney(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let detail = state.clientScreen?.detail else { return [] }
    state.open(.form(Forms.powerOfAttorneyForm(detail.client, version: detail.version)))
    return []
}

/// a: a permit, trip or application form per tab.
func addForTab(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let screen = state.clientScreen, let detail = screen.detail else { return [] }
    let c = detail.client
    switch screen.tab {
    case .permits: state.open(.form(Forms.permitForm(c, version: detail.version, index: nil)))
    case .trips: state.open(.form(Forms.tripForm(c, version: detail.version, index: nil)))
    case .applications, .overview:
        state.open(.form(Forms.applicationForm(c, version: detail.version, index: nil, today: state.today, parameters: env.deadlines.parameters)))
    case .longTerm: return askWhatIfTrip(&state, key, env)
    case .history: return []
    }
    return []
}

/// v on the Applications tab: the values the previous submission gave e-ikamet, each whole, with today's value
/// beside any that changed (the tab shows them cut to its width).
func showSnapshotValues(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let screen = state.clientScreen, let detail = screen.detail else { return [] }
    let apps = detail.client.applications
    let selected = screen.cursor(.applications).selected
    guard apps.indices.contains(selected) else { return [] }
    let a = apps[selected]
    guard let (prev, snap) = detail.client.previousSnapshot(before: a) else {
        setStatus(&state, Strings.noSnapshot)
        return []
    }
    let diffs = snap.differences(from: SubmissionSnapshot.of(detail.client, on: a.submitted ?? state.today))
    let lines = snap.labelledFields.map { field in
        Strings.snapshotValue(label: LT(field.term), value: LT(field.display), current: diffs.first { $0.field == field.id }.map { LT($0.current) })
    }
    let date = prev.submitted.map { Catalog.current.date($0) } ?? "?"
    state.overlay = .explanation(title: Strings.snapshotTitle(prev.id, date), text: lines.joined(separator: "\n"))
    return []
}

func askWhatIfTrip(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard loadedClientScreen(state) != nil else { return [] }
    state.overlay = .prompt(Prompt(purpose: .whatIfTrip, label: Strings.whatIfPrompt, field: TextField()))
    return []
}

func askReference(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let screen = loadedClientScreen(state) else { return [] }
    state.overlay = .prompt(Prompt(purpose: .referenceDate, label: Strings.referencePrompt,
                                   field: TextField(screen.reference.map { Catalog.current.date($0) } ?? "")))
    return []
}

func askWhatIfReturn(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let detail = state.clientScreen?.detail else { return [] }
    guard detail.client.trips.contains(where: { $0.entry == nil }) else {
        setStatus(&state, Strings.noOpenTrip, error: true)
        return []
    }
    state.overlay = .prompt(Prompt(purpose: .whatIfReturn, label: Strings.whatIfReturnPrompt, field: TextField()))
    return []
}

/// C: close the file (a prompt for the reason), or reopen a closed one (asks first).
func closeOrReopen(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let detail = state.clientScreen?.detail else { return [] }
    if let closed = detail.client.closed {
        state.overlay = .confirm(Confirmation(purpose: .reopenFile(id: detail.client.id),
                                              question: Strings.reopenQuestion(detail.client.name, closed.date)))
    } else {
        state.overlay = .prompt(Prompt(purpose: .closeFile, label: Strings.closePrompt, field: TextField()))
    }
    return []
}

func clearWhatIf(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var screen = state.clientScreen, let detail = screen.detail else { return [] }
    screen.whatIf = []
    screen.whatIfReturn = nil
    refreshReport(&screen, detail.client, today: state.today, env)
    state.clientScreen = screen
    setStatus(&state, Strings.whatIfCleared)
    return []
}

/// d: delete the client or the selected permit, trip or application (asks first); on the
/// Long-term tab, remove the selected what-if trip.
func deleteSelected(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var screen = state.clientScreen, let detail = screen.detail else { return [] }
    let c = detail.client, selected = screen.cursor(screen.tab).selected
    let question: String, purpose: ConfirmPurpose
    switch screen.tab {
    case .overview:
        purpose = .deleteClient(id: c.id, version: detail.version)
        question = Strings.confirmDeleteClient(c.name, c.id)
    case .permits:
        guard c.permits.indices.contains(selected) else { return [] }
        purpose = .deletePermit(index: selected)
        question = Strings.confirmDeletePermit(c.permits[selected])
    case .trips:
        guard c.trips.indices.contains(selected) else { return [] }
        purpose = .deleteTrip(index: selected)
        question = Strings.confirmDeleteTrip(c.trips[selected])
    case .applications:
        guard c.applications.indices.contains(selected) else { return [] }
        purpose = .deleteApplication(id: c.applications[selected].id)
        question = Strings.confirmDeleteApplication(c.applications[selected].id)
    case .longTerm:
        let ruleCount = screen.report?.rules.count ?? 0
        guard screen.whatIf.indices.contains(selected - ruleCount) else { return [] }
        screen.whatIf.remove(at: selected - ruleCount)
        refreshReport(&screen, c, today: state.today, env)
        state.clientScreen = screen
        return []
    case .history: return []
    }
    state.overlay = .confirm(Confirmation(purpose: purpose, question: question))
    return []
}

// MARK: - Checklist

func moveChecklistCursor(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var cl = state.checklist, let app = currentApplication(state) else { return [] }
    if cl.cursor.handle(key, count: app.checklist.count, page: state.listHeight - 4) { state.checklist = cl }
    return []
}

/// The checklist entry under the cursor and its index.
func selectedChecklistEntry(_ state: AppState) -> (index: Int, entry: ChecklistEntry)? {
    guard let cl = state.checklist, let app = currentApplication(state), app.checklist.indices.contains(cl.cursor.selected) else { return nil }
    return (cl.cursor.selected, app.checklist[cl.cursor.selected])
}

/// Space: the selected item's next state.
func advanceItem(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let selected = selectedChecklistEntry(state) else { return [] }
    let index = selected.index, entry = selected.entry
    let next = ChecklistRules.nextState(after: entry.state, notarized: env.templates.needsNotarizedCopy(entry.item))
    guard next != entry.state else { setStatus(&state, Strings.alreadySubmitted(entry.item)); return [] }
    let effects = changeChecklist(&state, env, Strings.itemMoved(entry.item, next)) { list in
        list[index].state = next
        if next != .waived, entry.state == .waived { list[index].note = nil }
    }
    // On to the next item, so that Space after Space works down the list.
    if var cl = state.checklist, let app = currentApplication(state), index + 1 < app.checklist.count {
        cl.cursor.selected = index + 1
        state.checklist = cl
    }
    return effects
}

func waiveItem(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let entry = selectedChecklistEntry(state)?.entry else { return [] }
    state.overlay = .prompt(Prompt(purpose: .waiveReason(item: entry.item), label: Strings.waivePrompt(entry.item), field: TextField()))
    return []
}

func noteItem(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let entry = selectedChecklistEntry(state)?.entry else { return [] }
    state.overlay = .prompt(Prompt(purpose: .note(item: entry.item), label: Strings.notePrompt(entry.item), field: TextField(entry.note ?? "")))
    return []
}

func addCustomItem(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard state.checklist != nil, currentApplication(state) != nil else { return [] }
    state.overlay = .prompt(Prompt(purpose: .customItem, label: Strings.customItemPrompt, field: TextField()))
    return []
}

func editChecklistApplication(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let app = currentApplication(state), let detail = state.clientScreen?.detail,
          let i = detail.client.applications.firstIndex(where: { $0.id == app.id }) else { return [] }
    state.open(.form(Forms.applicationForm(detail.client, version: detail.version, index: i, today: state.today, parameters: env.deadlines.parameters)))
    return []
}

/// x or Enter: the selected item's label, state, who changed it, note, hint and source.
func itemDetails(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var cl = state.checklist, let app = currentApplication(state), let entry = selectedChecklistEntry(state)?.entry else { return [] }
    let t = env.templates.item(entry.item)
    var lines = [t.map { LT($0.term) } ?? Strings.customItem(entry.item), Strings.stateLine(entry.state)]
    if let by = entry.by { lines.append(Strings.changedBy(by, on: entry.at)) }
    if let note = entry.note { lines.append(Strings.note(note)) }
    if t?.notarized == true { lines.append(Strings.needsNotarizedCopy) }
    if let hint = t?.hintTerm { lines.append(Strings.check(LT(hint))) }
    if let source = t?.source { lines.append(Strings.source(source)) }
    state.overlay = .explanation(title: entry.item, text: lines.joined(separator: "\n"))
    cl.cursor.clamp(count: app.checklist.count, page: state.listHeight - 4)
    state.checklist = cl
    return []
}

/// Applies a change to the open application's checklist, stamps who and when, and saves.
func changeChecklist(_ state: inout AppState, _ env: AppEnvironment, _ message: String, _ change: (inout [ChecklistEntry]) -> Void) -> [Effect] {
    guard var screen = state.clientScreen, var detail = screen.detail, let cl = state.checklist,
          let ai = detail.client.applications.firstIndex(where: { $0.id == cl.applicationId }) else { return [] }
    let before = detail.client
    var list = detail.client.applications[ai].checklist
    let old = list
    change(&list)
    // Who moved an item, and when, change with its state only: a note leaves them (the audit trail has the note).
    // Items are matched by id, so deleting one does not make the ones after it look changed.
    let statesBefore = Dictionary(old.map { ($0.item, $0.state) }, uniquingKeysWith: { first, _ in first })
    for i in list.indices where statesBefore[list[i].item] != list[i].state {
        list[i].by = env.user
        list[i].at = state.today
    }
    detail.client.applications[ai].checklist = list
    let version = detail.version
    screen.detail = detail  // shown at once; the reload confirms it
    state.clientScreen = screen
    return [.saveClient(detail.client, version: version, before: before, message: message)]
}

// MARK: - Forms

/// Esc: the form closed without saving.
func cancelForm(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard state.form != nil else { return [] }
    state.screens.removeLast()
    setStatus(&state, Strings.formCancelled)
    return []
}

/// Tab or ↓: the next field.
func nextField(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var form = state.form else { return [] }
    form.focus = form.focus(movedBy: 1)
    state.form = form
    return []
}

/// Shift-Tab or ↑: the previous field.
func previousField(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var form = state.form else { return [] }
    form.focus = form.focus(movedBy: -1)
    state.form = form
    return []
}

/// Enter or Ctrl-S: the form checked like the CLI, then saved (or its errors shown).
func saveForm(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var form = state.form else { return [] }
    // A form the login may only read (every field locked) closes without a save.
    if form.fields.allSatisfy({ $0.locked != nil }) { return cancelForm(&state, key, env) }
    guard let edited = Forms.apply(&form, templates: env.templates, validator: env.validator, today: state.today, user: env.user) else {
        if let first = form.fields.firstIndex(where: { $0.error != nil }) { form.focus = first }
        state.form = form
        return []
    }
    state.form = form
    // A new mailing date while checklist items still block the mailing: asked first.
    if case .application(let index) = form.kind, !form.mailingConfirmed {
        let before = index.flatMap { form.base.applications.indices.contains($0) ? form.base.applications[$0] : nil }
        let after = index.map { edited.applications.indices.contains($0) ? edited.applications[$0] : nil } ?? edited.applications.last
        if let app = after, app.mailed != nil, before?.mailed == nil {
            let blockers = ChecklistProgress(application: app, templates: env.templates).blockers
            if !blockers.isEmpty {
                state.overlay = .confirm(Confirmation(purpose: .recordMailed(applicationId: app.id, fromForm: true),
                                                      question: Strings.mailAnyway(app.id, blockers.map { itemLabel($0.item, env) })))
                return []
            }
        }
    }
    let isNew: Bool
    if case .client(let new) = form.kind { isNew = new } else { isNew = false }
    return [.saveClient(edited, version: form.baseVersion, before: isNew ? nil : form.base,
                        message: Strings.saved(form.title) + (form.message.map { " " + $0 } ?? ""))]
}

/// Any other key: typed into the focused field, or, in a choice, ←/→/Space cycle and a letter jumps.
func editField(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var form = state.form, form.fields.indices.contains(form.focus) else { return [] }
    var field = form.fields[form.focus]
    if let needed = field.locked {
        state.status = L("store.error.role-required", ["role": needed.groupName, "login": env.user])
        return []
    }
    if let choices = field.choices, !choices.isEmpty {
        let i = choices.firstIndex(of: field.input.text) ?? 0
        switch key {
        case .right, .character(" "): field.input = TextField(choices[(i + 1) % choices.count])
        case .left: field.input = TextField(choices[(i + choices.count - 1) % choices.count])
        case .character(let ch):
            // Jump to the next choice whose shown name starts with the typed letter.
            let catalog = Catalog.current, letter = catalog.lowercased(String(ch))
            let matches = choices.indices.filter { catalog.lowercased(field.choiceLabel(choices[$0])).hasPrefix(letter) }
            if let next = matches.first(where: { $0 > i }) ?? matches.first { field.input = TextField(choices[next]) }
        default: break
        }
    } else {
        _ = field.input.handle(key)
    }
    field.error = nil
    form.fields[form.focus] = field
    state.form = form
    return []
}

// MARK: - Prompts and confirmations

func submitPrompt(_ state: inout AppState, _ prompt: Prompt, _ env: AppEnvironment) -> [Effect] {
    var p = prompt
    let text = p.field.text.trimmingCharacters(in: .whitespaces)
    func refuse(_ message: String) -> [Effect] {
        p.error = message
        state.overlay = .prompt(p)
        return []
    }
    switch p.purpose {
    case .waiveReason(let item):
        guard !text.isEmpty else { return refuse(Strings.reasonRequired) }
        state.overlay = nil
        return changeChecklist(&state, env, Strings.itemWaived(item)) { list in
            if let i = list.firstIndex(where: { $0.item == item }) { list[i].state = .waived; list[i].note = text }
        }
    case .note(let item):
        // A waived item's note is its reason (docs/rules.md): it may change, not go.
        if text.isEmpty, selectedChecklistEntry(state).map({ $0.entry.item == item && $0.entry.state == .waived }) == true {
            return refuse(Strings.reasonRequired)
        }
        state.overlay = nil
        return changeChecklist(&state, env, Strings.noteSaved(item)) { list in
            if let i = list.firstIndex(where: { $0.item == item }) { list[i].note = text.isEmpty ? nil : text }
        }
    case .customItem:
        guard !text.isEmpty else { return refuse(Strings.itemNameRequired) }
        guard currentApplication(state)?.checklist.contains(where: { $0.item == text }) == false else { return refuse(Strings.itemExists(text)) }
        state.overlay = nil
        return changeChecklist(&state, env, Strings.itemAdded(text)) { list in list.append(ChecklistEntry(item: text)) }
    case .whatIfTrip:
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 || parts.count == 1 else { return refuse(Strings.whatIfFormat) }
        let exit: CivilDate
        do { exit = try CivilDate.parse(parts[0]) } catch { return refuse(Strings.badExit(error.reason)) }
        var entry: CivilDate?
        if parts.count == 2, !parts[1].isEmpty {
            do { entry = try CivilDate.parse(parts[1]) } catch { return refuse(Strings.badEntry(error.reason)) }
        }
        if let entry, entry < exit { return refuse(Strings.entryBeforeExit) }
        return applyWhatIf(&state, env) { $0.whatIf.append(Trip(exit: exit, entry: entry)) }
    case .whatIfReturn:
        let date: CivilDate
        do { date = try CivilDate.parse(text) } catch { return refuse(L(error.reason)) }
        guard let client = state.clientScreen?.detail?.client else { return [] }
        do { _ = try EligibilityEngine.withReturn(date, client) } catch { return refuse(L(error.message)) }
        return applyWhatIf(&state, env) { $0.whatIfReturn = date }
    case .closeFile:
        guard let detail = state.clientScreen?.detail else { return [] }
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, let reason = closingReason(first) else { return refuse(Strings.closeReasons) }
        let note = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        if reason == .other, note == nil { return refuse(Strings.closeNoteRequired) }
        var c = detail.client
        c.closed = ClosedFile(date: state.today, reason: reason, note: note)
        state.overlay = nil
        return [.saveClient(c, version: detail.version, before: detail.client, message: Strings.fileClosed(state.today))]
    case .referenceDate:
        var reference: CivilDate?
        if !text.isEmpty {
            do { reference = try CivilDate.parse(text) } catch { return refuse(L(error.reason)) }
        }
        guard var screen = state.clientScreen, let detail = screen.detail else { return [] }
        screen.reference = reference
        refreshReport(&screen, detail.client, today: state.today, env)
        state.clientScreen = screen
        state.overlay = nil
        return []
    case .entryExitRecord:
        guard !text.isEmpty else { return refuse(Strings.recordFileRequired) }
        state.overlay = nil
        setStatus(&state, Strings.recordReading(text))
        return [.readRecordFile(path: text)]
    case .importFile:
        guard !text.isEmpty else { return refuse(Strings.fileRequired) }
        state.overlay = nil
        setStatus(&state, Strings.importing(text))
        return [.importFile(path: text)]
    case .agendaHorizon:
        guard let days = Int(text), days >= 0, days <= 3650 else { return refuse(Strings.horizonInvalid) }
        state.agendaHorizon = days
        state.overlay = nil
        state.agendaCursor = ListCursor()
        return [agendaLoad(state)]
    }
}

func confirmed(_ state: inout AppState, _ purpose: ConfirmPurpose, _ env: AppEnvironment) -> [Effect] {
    switch purpose {
    case let .applyEntryExitRecord(trips, added, corrected):
        return applyEntryExitRecord(&state, trips: trips, added: added, corrected: corrected)
    case .undoElsewhere(let id, let afterVersion):
        // Only the change the question named (the stack may have changed meanwhile).
        guard let last = state.undo.last, last.clientId == id, last.afterVersion == afterVersion else { return [] }
        state.undo.removeLast()
        return [.undo(last)]
    case .recordMailed(let id, let fromForm):
        guard fromForm else { return markMailed(&state, applicationId: id, env) }
        guard var form = state.form else { return [] }
        form.mailingConfirmed = true
        state.form = form
        return saveForm(&state, .enter, env)
    case .deleteCustomItem(let item):
        return changeChecklist(&state, env, Strings.itemDeleted(item)) { list in list.removeAll { $0.item == item } }
    default: break
    }
    guard let detail = state.clientScreen?.detail else {
        if purpose == .quit { state.quitRequested = true; return [.quit] }
        return []
    }
    var c = detail.client
    let message: String
    switch purpose {
    case .quit:
        state.quitRequested = true
        return [.quit]
    case .applyEntryExitRecord:
        return []  // handled above
    case .deleteClient(let id, let version):
        popTo(&state, not: [.client, .checklist, .form])
        return [.deleteClient(id: id, version: version, before: detail.client)]
    case .deletePermit(let index):
        guard c.permits.indices.contains(index) else { return [] }
        c.permits.remove(at: index)
        message = Strings.deletedPermit
    case .deleteTrip(let index):
        guard c.trips.indices.contains(index) else { return [] }
        c.trips.remove(at: index)
        message = Strings.deletedTrip
    case .deleteApplication(let id):
        c.applications.removeAll { $0.id == id }
        message = Strings.deletedApplication(id)
    case .reopenFile:
        c.closed = nil
        message = Strings.fileReopened
    case .undoElsewhere, .recordMailed, .deleteCustomItem:
        return []  // handled above
    }
    return [.saveClient(c, version: detail.version, before: detail.client, message: message)]
}

/// Changes the Long-term tab's what-if, recomputes its report, closes the prompt (nothing is stored).
func applyWhatIf(_ state: inout AppState, _ env: AppEnvironment, _ change: (inout ClientScreen) -> Void) -> [Effect] {
    guard var screen = state.clientScreen, let detail = screen.detail else { return [] }
    change(&screen)
    refreshReport(&screen, detail.client, today: state.today, env)
    state.clientScreen = screen
    state.overlay = nil
    setStatus(&state, Strings.whatIfAdded)
    return []
}

/// Brings the client screen's long-term report up to date for client `c` (what-if trips and a what-if return
/// applied, nothing stored). It is computed again only when what it is computed from changed: saving a checklist
/// item reloads the client, and the report with its earliest-date search took 1–2 ms of every such keystroke.
func refreshReport(_ screen: inout ClientScreen, _ c: Client, today: CivilDate, _ env: AppEnvironment) {
    let input = LongTermInput(c, screen, today: today)
    if screen.report != nil, screen.reportInput == input { return }
    screen.report = env.eligibility.evaluate(input.subject, today: today, reference: input.reference, extraTrips: input.whatIf)
    screen.reportInput = input
}

/// What a long-term report is computed from. The applications' checklists are left out of the subject: no rule
/// of eligibility or deadlines reads them (docs/rules.md §7), so a report made without them is the same, and a
/// ticked item leaves the input unchanged.
struct LongTermInput: Sendable, Equatable {
    var subject: Client
    var whatIf: [Trip]
    var today: CivilDate
    var reference: CivilDate?

    init(_ c: Client, _ screen: ClientScreen, today: CivilDate) {
        var subject = screen.whatIfReturn.flatMap { try? EligibilityEngine.withReturn($0, c) } ?? c
        for i in subject.applications.indices { subject.applications[i].checklist = [] }
        self.subject = subject
        whatIf = screen.whatIf
        self.today = today
        reference = screen.reference
    }
}

/// The whole eligibility report as text (verdict, assumptions, exempt trips, conditions).
func reportText(_ r: EligibilityReport) -> String {
    var lines = [L(r.earliestNote), Strings.verdictLine(r.verdict, reasons: r.verdictReasons)]
    if !r.assumptions.isEmpty {
        lines.append(Strings.assumptionsHeading(r.today))
        lines += r.assumptions.map { "• " + L($0) }
    }
    lines += r.exemptTrips.map { L($0.note) }
    lines += r.conditions.map { Strings.condition(LT($0.term), $0.state) }
    lines += r.warnings.map { L($0) }
    lines.append(L("explanation.conventions", ["list": MessageArg.list(r.conventions.map(MessageArg.message))]))
    return lines.joined(separator: "\n")
}

/// The closing reason typed in the close prompt: its id (`left-turkey`) or its name in the current language.
func closingReason(_ text: String) -> ClosingReason? {
    if let reason = ClosingReason(rawValue: text) { return reason }
    let typed = Catalog.current.lowercased(text)
    return ClosingReason.allCases.first { Catalog.current.lowercased(LT($0.term)) == typed }
}
