import Foundation
import IkametCore
import IkametStore
import IkametText
import TerminalUI

// The choice box, scrolling text boxes, and the checklist and agenda actions that use them (issue 12).

// MARK: - Text boxes

/// ↑↓ j k PgUp PgDn in a text box that does not fit: scroll it.
func scrollTextBox(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    let text: String
    switch state.overlay {
    case .explanation(_, let t)?: text = t
    case .confirm(let c)?: text = c.question
    case .help?: text = helpText(state, width: state.width)
    default: return []
    }
    let metrics = TextBoxMetrics(text: text, width: state.width, height: state.height)
    let step: Int = switch key {
    case .down, .character("j"): 1
    case .up, .character("k"): -1
    case .pageDown: max(1, metrics.visible - 1)
    case .pageUp: -max(1, metrics.visible - 1)
    default: 0
    }
    state.textScroll = min(max(0, state.textScroll + step), metrics.maxScroll)
    return []
}

// MARK: - Choices

func moveChoice(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard case .choose(var c)? = state.overlay, !c.values.isEmpty else { return [] }
    let down = key == .down || key == .character("j")
    c.cursor = (c.cursor + (down ? 1 : c.values.count - 1)) % c.values.count
    state.overlay = .choose(c)
    return []
}

func pickChoice(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard case .choose(let c)? = state.overlay, c.values.indices.contains(c.cursor) else { return [] }
    state.overlay = nil
    return chosen(&state, c.purpose, c.values[c.cursor], env)
}

/// 1–9: the value shown with that number. Any other key does nothing (it is no command here).
func pickChoiceByNumber(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard case .choose(var c)? = state.overlay, case .character(let ch) = key, let n = ch.wholeNumberValue,
          n >= 1, c.values.indices.contains(n - 1) else { return [] }
    c.cursor = n - 1
    state.overlay = .choose(c)
    return pickChoice(&state, key, env)
}

func chosen(_ state: inout AppState, _ purpose: Choice.Purpose, _ value: String, _ env: AppEnvironment) -> [Effect] {
    switch purpose {
    case .letter(let applicationId):
        guard let id = state.clientScreen?.detail?.client.id else { return [] }
        setStatus(&state, Strings.letterWriting)
        return [.writeLetter(clientId: id, applicationId: applicationId, kind: value)]
    case .agendaAttorney:
        state.agendaAttorney = value.isEmpty ? nil : value
        state.agendaCursor = ListCursor()
        return [agendaLoad(state)]
    case .itemState(let item):
        guard let target = ChecklistState(rawValue: value), let selected = selectedChecklistEntry(state), selected.entry.item == item else { return [] }
        return setItemState(&state, index: selected.index, entry: selected.entry, to: target, env)
    }
}

// MARK: - Checklist

/// s: choose any state for the selected item, back to missing included (audited like every change).
func chooseItemState(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let entry = selectedChecklistEntry(state)?.entry else { return [] }
    let all = ChecklistState.allCases
    state.overlay = .choose(Choice(purpose: .itemState(item: entry.item), title: Strings.setStateTitle(entry.item),
                                   values: all.map(\.rawValue), labels: all.map { Strings.state($0) },
                                   cursor: all.firstIndex(of: entry.state) ?? 0))
    return []
}

/// Moves an item to `target`: a waiver asks for its reason first; a state the item cannot take says why.
func setItemState(_ state: inout AppState, index: Int, entry: ChecklistEntry, to target: ChecklistState, _ env: AppEnvironment) -> [Effect] {
    guard target != entry.state else { return [] }
    if target == .waived { return waiveItem(&state, .character("w"), env) }
    if let problem = ChecklistRules.check(entry, to: target, notarized: env.templates.needsNotarizedCopy(entry.item), note: nil) {
        setStatus(&state, L(problem), error: true)
        return []
    }
    return changeChecklist(&state, env, Strings.itemMoved(entry.item, target)) { list in
        list[index].state = target
        if entry.state == .waived { list[index].note = nil }
    }
}

/// d: delete the selected custom item (asks first); the template's items are kept (waive one instead).
func deleteCustomItem(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let entry = selectedChecklistEntry(state)?.entry else { return [] }
    guard env.templates.item(entry.item) == nil else {
        setStatus(&state, Strings.notACustomItem(entry.item), error: true)
        return []
    }
    state.overlay = .confirm(Confirmation(purpose: .deleteCustomItem(item: entry.item), question: Strings.confirmDeleteItem(entry.item)))
    return []
}

/// p: the extension's documents were mailed today. Asks first while items still block the mailing.
func recordDocumentsMailed(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard let app = currentApplication(state) else { return [] }
    guard app.kind == .extension, app.delivery == .mail else { setStatus(&state, Strings.notMailed(app.id), error: true); return [] }
    if let mailed = app.mailed { setStatus(&state, Strings.alreadyMailed(app.id, mailed)); return [] }
    // The documents follow the online submission: a draft has no mailing deadline yet (and marking it mailed
    // would make it pending, hiding the client's filing deadlines).
    guard app.submitted != nil, app.status == .submitted else { setStatus(&state, Strings.mailBeforeSubmission(app.id), error: true); return [] }
    let blockers = ChecklistProgress(application: app, templates: env.templates).blockers
    if !blockers.isEmpty {
        state.overlay = .confirm(Confirmation(purpose: .recordMailed(applicationId: app.id, fromForm: false),
                                              question: Strings.mailAnyway(app.id, blockers.map { itemLabel($0.item, env) })))
        return []
    }
    return markMailed(&state, applicationId: app.id, env)
}

/// An item's name as the checklist shows it (its template's label; a custom item's own name).
func itemLabel(_ id: String, _ env: AppEnvironment) -> String { env.templates.item(id).map { LT($0.term) } ?? id }

/// Records application `applicationId` as mailed today, and moves a submitted one on to documents-mailed.
func markMailed(_ state: inout AppState, applicationId: String, _ env: AppEnvironment) -> [Effect] {
    guard let detail = state.clientScreen?.detail, let ai = detail.client.applications.firstIndex(where: { $0.id == applicationId }),
          detail.client.applications[ai].mailed == nil, detail.client.applications[ai].status == .submitted else { return [] }
    var c = detail.client
    c.applications[ai].mailed = state.today
    c.applications[ai].status = .documentsMailed
    return [.saveClient(c, version: detail.version, before: detail.client, message: Strings.mailedRecorded(applicationId, state.today))]
}

// MARK: - Agenda

/// f: the attorney filter, chosen among the office's attorneys (loaded from the store first).
func askAttorney(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] { [.loadAttorneys] }

/// The attorneys arrived: the choice box, the current filter selected.
func offerAttorneys(_ state: inout AppState, _ attorneys: [Attorney]) {
    let values = [""] + attorneys.map(\.initials)
    let labels = [Strings.allAttorneys] + attorneys.map { $0.name.isEmpty ? $0.initials : Strings.attorneyLabel($0.initials, $0.name) }
    let current = state.agendaAttorney.flatMap { a in values.firstIndex { !$0.isEmpty && $0.caseInsensitiveCompare(a) == .orderedSame } } ?? 0
    state.overlay = .choose(Choice(purpose: .agendaAttorney, title: Strings.attorneyChoice, values: values, labels: labels, cursor: current))
}
