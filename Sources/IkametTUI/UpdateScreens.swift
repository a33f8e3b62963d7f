import IkametCore
import TerminalUI

// MARK: - Client screen

func handleClientKey(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var screen = state.clientScreen, let detail = screen.detail else { return [] }
    let tab = screen.tab
    var cursor = screen.cursor(tab)
    if cursor.handle(key, count: rowCount(tab, detail, screen), page: state.listHeight - 2) {
        screen.cursors[tab] = cursor
        state.clientScreen = screen
        return []
    }
    let selected = cursor.selected
    let c = detail.client
    switch key {
    case .tab, .backTab:
        let all = ClientTab.allCases
        let step = key == .tab ? 1 : all.count - 1
        screen.tab = all[(tab.rawValue + step) % all.count]
        state.clientScreen = screen
        return []
    case .enter, .character("x"):
        switch tab {
        case .overview:
            guard detail.items.indices.contains(selected) else { return [] }
            let item = detail.items[selected]
            state.overlay = .explanation(title: "\(item.kind.label) — \(c.name)", text: item.explanation.text)
        case .applications where key == .enter:
            guard c.applications.indices.contains(selected) else { return [] }
            state.checklist = ChecklistScreen(clientId: c.id, applicationId: c.applications[selected].id)
            state.stack.append(.checklist)
        case .permits where key == .enter, .trips where key == .enter:
            return handleClientKey(&state, .character("e"), env)
        case .longTerm:
            guard let report = screen.report else { return [] }
            if report.rules.indices.contains(selected) {
                let rule = report.rules[selected]
                state.overlay = .explanation(title: "\(rule.id.rawValue): \(rule.passed ? "pass" : "FAIL")",
                                             text: rule.detail + "\n\n" + rule.explanation.text)
            } else {
                state.overlay = .explanation(title: Strings.tabTitle(.longTerm), text: reportText(report))
            }
        case .history:
            guard detail.history.indices.contains(selected) else { return [] }
            let e = detail.history[selected]
            state.overlay = .explanation(title: Strings.change, text: "\(e.at) by \(e.user)\n\(e.field)\nold: \(e.old ?? "∅")\nnew: \(e.new ?? "∅")")
        default: break
        }
        return []
    case .character("e"):
        switch tab {
        case .overview, .longTerm, .history: state.form = Forms.clientForm(c, version: detail.version, isNew: false)
        case .permits:
            guard c.permits.indices.contains(selected) else { return [] }
            state.form = Forms.permitForm(c, version: detail.version, index: selected)
        case .trips:
            guard c.trips.indices.contains(selected) else { return [] }
            state.form = Forms.tripForm(c, version: detail.version, index: selected)
        case .applications:
            guard c.applications.indices.contains(selected) else { return [] }
            state.form = Forms.applicationForm(c, version: detail.version, index: selected, today: state.today, parameters: env.deadlines.parameters)
        }
        state.stack.append(.form)
        return []
    case .character("a"):
        switch tab {
        case .permits: state.form = Forms.permitForm(c, version: detail.version, index: nil)
        case .trips: state.form = Forms.tripForm(c, version: detail.version, index: nil)
        case .applications, .overview: state.form = Forms.applicationForm(c, version: detail.version, index: nil, today: state.today, parameters: env.deadlines.parameters)
        case .longTerm:
            state.overlay = .prompt(Prompt(purpose: .whatIfTrip, label: Strings.whatIfPrompt, field: TextField()))
            return []
        case .history: return []
        }
        state.stack.append(.form)
        return []
    case .character("w") where tab == .longTerm:
        state.overlay = .prompt(Prompt(purpose: .whatIfTrip, label: Strings.whatIfPrompt, field: TextField()))
        return []
    case .character("r") where tab == .longTerm:
        state.overlay = .prompt(Prompt(purpose: .referenceDate, label: Strings.referencePrompt, field: TextField(screen.reference?.iso ?? "")))
        return []
    case .character("b") where tab == .longTerm:
        guard detail.client.trips.contains(where: { $0.entry == nil }) else {
            setStatus(&state, Strings.noOpenTrip, error: true)
            return []
        }
        state.overlay = .prompt(Prompt(purpose: .whatIfReturn, label: Strings.whatIfReturnPrompt, field: TextField()))
        return []
    case .character("C"):
        if let closed = detail.client.closed {
            state.overlay = .confirm(Confirmation(purpose: .reopenFile(id: detail.client.id),
                                                  question: Strings.reopenQuestion(detail.client.name, closed.date.iso)))
        } else {
            state.overlay = .prompt(Prompt(purpose: .closeFile, label: Strings.closePrompt, field: TextField()))
        }
        return []
    case .character("c") where tab == .longTerm:
        screen.whatIf = []
        screen.whatIfReturn = nil
        screen.report = longTermReport(c, screen, today: state.today, reference: screen.reference, env)
        state.clientScreen = screen
        setStatus(&state, Strings.whatIfCleared)
        return []
    case .character("d"):
        let question: String, purpose: ConfirmPurpose
        switch tab {
        case .overview:
            purpose = .deleteClient(id: c.id, version: detail.version)
            question = Strings.confirmDeleteClient(c.name, c.id)
        case .permits:
            guard c.permits.indices.contains(selected) else { return [] }
            let p = c.permits[selected]
            purpose = .deletePermit(index: selected)
            question = Strings.confirmDelete("the \(p.type.rawValue) permit \(p.start.iso) – \(p.end?.iso ?? "")")
        case .trips:
            guard c.trips.indices.contains(selected) else { return [] }
            let t = c.trips[selected]
            purpose = .deleteTrip(index: selected)
            question = Strings.confirmDelete("the trip \(t.exit.iso) – \(t.entry?.iso ?? "")")
        case .applications:
            guard c.applications.indices.contains(selected) else { return [] }
            purpose = .deleteApplication(id: c.applications[selected].id)
            question = Strings.confirmDelete("application \(c.applications[selected].id) and its checklist")
        case .longTerm:
            let ruleCount = screen.report?.rules.count ?? 0
            guard screen.whatIf.indices.contains(selected - ruleCount) else { return [] }
            screen.whatIf.remove(at: selected - ruleCount)
            screen.report = longTermReport(c, screen, today: state.today, reference: screen.reference, env)
            state.clientScreen = screen
            return []
        case .history: return []
        }
        state.overlay = .confirm(Confirmation(purpose: purpose, question: question))
        return []
    default:
        return []
    }
}

// MARK: - Checklist

func handleChecklistKey(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var cl = state.checklist, let app = currentApplication(state) else { return [] }
    if cl.cursor.handle(key, count: app.checklist.count, page: state.listHeight - 4) {
        state.checklist = cl
        return []
    }
    let index = cl.cursor.selected
    let entry = app.checklist.indices.contains(index) ? app.checklist[index] : nil
    switch key {
    case .character(" "):
        guard let entry else { return [] }
        let next = ChecklistRules.nextState(after: entry.state, notarized: env.templates.needsNotarizedCopy(entry.item))
        guard next != entry.state else { setStatus(&state, Strings.alreadySubmitted(entry.item)); return [] }
        return changeChecklist(&state, env, Strings.itemMoved(entry.item, next)) { list in
            list[index].state = next
            if next != .waived, entry.state == .waived { list[index].note = nil }
        }
    case .character("w"):
        guard let entry else { return [] }
        state.overlay = .prompt(Prompt(purpose: .waiveReason(item: entry.item), label: Strings.waivePrompt(entry.item), field: TextField()))
        return []
    case .character("n"):
        guard let entry else { return [] }
        state.overlay = .prompt(Prompt(purpose: .note(item: entry.item), label: Strings.notePrompt(entry.item), field: TextField(entry.note ?? "")))
        return []
    case .character("a"):
        state.overlay = .prompt(Prompt(purpose: .customItem, label: Strings.customItemPrompt, field: TextField()))
        return []
    case .character("e"):
        guard let detail = state.clientScreen?.detail, let i = detail.client.applications.firstIndex(where: { $0.id == app.id }) else { return [] }
        state.form = Forms.applicationForm(detail.client, version: detail.version, index: i, today: state.today, parameters: env.deadlines.parameters)
        state.stack.append(.form)
        return []
    case .enter, .character("x"):
        guard let entry else { return [] }
        let t = env.templates.item(entry.item)
        var lines = [t?.label ?? Strings.customItem(entry.item), "State: \(entry.state.rawValue)"]
        if let by = entry.by { lines.append("Changed by \(by)" + (entry.at.map { " on \($0.iso)" } ?? "")) }
        if let note = entry.note { lines.append("Note: \(note)") }
        if t?.notarized == true { lines.append(Strings.needsNotarizedCopy) }
        if let hint = t?.hint { lines.append("Check: \(hint)") }
        if let source = t?.source { lines.append("Source: \(source)") }
        state.overlay = .explanation(title: entry.item, text: lines.joined(separator: "\n"))
        cl.cursor.clamp(count: app.checklist.count, page: state.listHeight - 4)
        state.checklist = cl
        return []
    default:
        return []
    }
}

/// Applies a change to the open application's checklist, stamps who and when, and saves.
func changeChecklist(_ state: inout AppState, _ env: AppEnvironment, _ message: String, _ change: (inout [ChecklistEntry]) -> Void) -> [Effect] {
    guard var screen = state.clientScreen, var detail = screen.detail, let cl = state.checklist,
          let ai = detail.client.applications.firstIndex(where: { $0.id == cl.applicationId }) else { return [] }
    let before = detail.client
    var list = detail.client.applications[ai].checklist
    let old = list
    change(&list)
    for i in list.indices where i >= old.count || list[i] != old[i] {
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

func handleFormKey(_ state: inout AppState, _ key: Key, _ env: AppEnvironment) -> [Effect] {
    guard var form = state.form else { return [] }
    switch key {
    case .function(1):
        state.overlay = .help
        return []
    case .escape:
        state.form = nil
        state.stack.removeLast()
        setStatus(&state, Strings.formCancelled)
        return []
    case .tab, .down:
        form.focus = (form.focus + 1) % form.fields.count
    case .backTab, .up:
        form.focus = (form.focus + form.fields.count - 1) % form.fields.count
    case .enter, .control("s"):
        guard let edited = Forms.apply(&form, templates: env.templates, validator: env.validator, today: state.today, user: env.user) else {
            if let first = form.fields.firstIndex(where: { $0.error != nil }) { form.focus = first }
            state.form = form
            return []
        }
        state.form = form
        let isNew: Bool
        if case .client(let new) = form.kind { isNew = new } else { isNew = false }
        return [.saveClient(edited, version: form.baseVersion, before: isNew ? nil : form.base,
                            message: Strings.saved(form.title) + (form.message.map { " " + $0 } ?? ""))]
    default:
        var field = form.fields[form.focus]
        if let choices = field.choices, !choices.isEmpty {
            let i = choices.firstIndex(of: field.input.text) ?? 0
            switch key {
            case .right, .character(" "): field.input = TextField(choices[(i + 1) % choices.count])
            case .left: field.input = TextField(choices[(i + choices.count - 1) % choices.count])
            case .character(let ch):
                // Jump to the next choice starting with the typed letter.
                let matches = choices.indices.filter { choices[$0].lowercased().hasPrefix(String(ch).lowercased()) }
                if let next = matches.first(where: { $0 > i }) ?? matches.first { field.input = TextField(choices[next]) }
            default: break
            }
        } else {
            _ = field.input.handle(key)
        }
        field.error = nil
        form.fields[form.focus] = field
    }
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
        do { exit = try CivilDate.parse(parts[0]) } catch { return refuse("exit: \(error.reason)") }
        var entry: CivilDate?
        if parts.count == 2, !parts[1].isEmpty {
            do { entry = try CivilDate.parse(parts[1]) } catch { return refuse("re-entry: \(error.reason)") }
        }
        if let entry, entry < exit { return refuse(Strings.entryBeforeExit) }
        return applyWhatIf(&state, env) { $0.whatIf.append(Trip(exit: exit, entry: entry)) }
    case .whatIfReturn:
        let date: CivilDate
        do { date = try CivilDate.parse(text) } catch { return refuse(error.reason) }
        guard let client = state.clientScreen?.detail?.client else { return [] }
        do { _ = try EligibilityEngine.withReturn(date, client) } catch { return refuse(error.description) }
        return applyWhatIf(&state, env) { $0.whatIfReturn = date }
    case .closeFile:
        guard let detail = state.clientScreen?.detail else { return [] }
        let parts = text.split(separator: ":", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, let reason = ClosingReason(rawValue: first) else { return refuse(Strings.closeReasons) }
        let note = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        if reason == .other, note == nil { return refuse(Strings.closeNoteRequired) }
        var c = detail.client
        c.closed = ClosedFile(date: state.today, reason: reason, note: note)
        state.overlay = nil
        return [.saveClient(c, version: detail.version, before: detail.client, message: Strings.fileClosed(state.today.iso))]
    case .referenceDate:
        var reference: CivilDate?
        if !text.isEmpty {
            do { reference = try CivilDate.parse(text) } catch { return refuse(error.reason) }
        }
        guard var screen = state.clientScreen, let detail = screen.detail else { return [] }
        screen.reference = reference
        screen.report = longTermReport(detail.client, screen, today: state.today, reference: reference, env)
        state.clientScreen = screen
        state.overlay = nil
        return []
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
    case .agendaAttorney:
        state.agendaAttorney = text.isEmpty ? nil : text.uppercased()
        state.overlay = nil
        state.agendaCursor = ListCursor()
        return [agendaLoad(state)]
    }
}

func confirmed(_ state: inout AppState, _ purpose: ConfirmPurpose, _ env: AppEnvironment) -> [Effect] {
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
    case .deleteClient(let id, let version):
        popTo(&state, not: [.client, .checklist, .form])
        return [.deleteClient(id: id, version: version, before: detail.client)]
    case .deletePermit(let index):
        guard c.permits.indices.contains(index) else { return [] }
        c.permits.remove(at: index)
        message = Strings.deleted("permit")
    case .deleteTrip(let index):
        guard c.trips.indices.contains(index) else { return [] }
        c.trips.remove(at: index)
        message = Strings.deleted("trip")
    case .deleteApplication(let id):
        c.applications.removeAll { $0.id == id }
        message = Strings.deleted("application \(id)")
    case .reopenFile:
        c.closed = nil
        message = Strings.fileReopened
    }
    return [.saveClient(c, version: detail.version, before: detail.client, message: message)]
}

/// Changes the Long-term tab's what-if, recomputes its report, closes the prompt (nothing is stored).
func applyWhatIf(_ state: inout AppState, _ env: AppEnvironment, _ change: (inout ClientScreen) -> Void) -> [Effect] {
    guard var screen = state.clientScreen, let detail = screen.detail else { return [] }
    change(&screen)
    screen.report = longTermReport(detail.client, screen, today: state.today, reference: screen.reference, env)
    state.clientScreen = screen
    state.overlay = nil
    setStatus(&state, Strings.whatIfAdded)
    return []
}

/// The long-term report of the client screen: what-if trips and a what-if return applied, nothing stored.
func longTermReport(_ c: Client, _ screen: ClientScreen, today: CivilDate, reference: CivilDate?, _ env: AppEnvironment) -> EligibilityReport {
    let subject = screen.whatIfReturn.flatMap { try? EligibilityEngine.withReturn($0, c) } ?? c
    return env.eligibility.evaluate(subject, today: today, reference: reference, extraTrips: screen.whatIf)
}

/// The whole eligibility report as text (verdict, assumptions, exempt trips, conditions).
func reportText(_ r: EligibilityReport) -> String {
    var lines = [r.earliestNote, "Verdict: \(r.verdict.rawValue) — " + r.verdictReasons.joined(separator: "; ")]
    if !r.assumptions.isEmpty { lines.append("Assumptions (covered days, days after \(r.today.iso)):") ; lines += r.assumptions.map { "• \($0)" } }
    lines += r.exemptTrips.map(\.note)
    lines += r.conditions.map { "\($0.label): \($0.state.rawValue)" }
    lines += r.warnings
    lines.append("Conventions: " + r.conventions.joined(separator: "; ") + ".")
    return lines.joined(separator: "\n")
}
