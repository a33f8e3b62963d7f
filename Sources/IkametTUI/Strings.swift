import IkametCore
import IkametStore
import IkametText
import TerminalUI

/// A message argument (a term such as a permit type's name, a date) in the current language.
func LT(_ arg: MessageArg) -> String { L("tui.common.value", ["value": arg]) }

/// The words of the terminal UI: thin accessors over the message catalogs
/// (`tui.*` keys of data/i18n/<code>.json), rendered in the language in force
/// (`Catalog.current`, bound by `update`, `view` and the runtime). Computed,
/// never stored: the language can change while the UI runs.
enum Strings {
    // Titles
    static var welcomeTitle: String { L("tui.title.welcome") }
    static var agendaTitle: String { L("tui.title.agenda") }
    static var clientsTitle: String { L("tui.title.clients") }
    static func checklistTitle(_ app: String) -> String { L("tui.title.checklist", ["application": app]) }
    static func titleBar(_ screen: String) -> String { L("tui.title.bar", ["screen": screen]) }
    static func today(_ date: CivilDate) -> String { L("tui.title.today", ["date": date]) }
    static var helpTitle: String { L("tui.help.title") }
    static var confirmTitle: String { L("tui.confirm.title") }
    static var demoTag: String { L("tui.title.demo") }
    static var loading: String { L("tui.common.loading") }
    static var change: String { L("tui.history.change") }

    // Too small
    static func tooSmall(width: Int, height: Int, minimum: (width: Int, height: Int)) -> [String] {
        [L("tui.too-small.title"), L("tui.too-small.needs", ["width": minimum.width, "height": minimum.height]),
         L("tui.too-small.this", ["width": width, "height": height]), L("tui.too-small.hint")]
    }

    // Welcome
    static func welcomeLines(store: String) -> [String] {
        func key(_ k: String, _ text: String) -> String { DisplayWidth.pad(k, to: 4) + L(text) }
        return [L("tui.welcome.empty"), "", store, "",
                key("d", "tui.welcome.demo"), key("i", "tui.welcome.import"), key("a", "tui.welcome.add"), key("q", "tui.welcome.quit"), "",
                L("tui.welcome.cli")]
    }
    static var importPrompt: String { L("tui.welcome.import-prompt") }

    // Agenda
    static func agendaHeader(count: Int, clients: Int, horizon: Int, filter: String) -> String {
        L("tui.agenda.header", ["count": count, "clients": clients, "filter": filter, "horizon": horizon])
    }
    static var allAttorneys: String { L("tui.agenda.all-attorneys") }
    static func attorneyFilter(_ a: String) -> String { L("tui.agenda.attorney", ["attorney": a]) }
    static var colDate: String { L("tui.agenda.col.date") }
    static var colDays: String { L("tui.agenda.col.days") }
    static var colClient: String { L("tui.agenda.col.client") }
    static var colAction: String { L("tui.agenda.col.action") }
    static var colReason: String { L("tui.agenda.col.reason") }
    static var agendaNotRefreshed: String { L("tui.agenda.not-refreshed") }
    static var agendaRefreshing: String { L("tui.agenda.refreshing") }
    static var serverUnreachable: String { L("tui.server.unreachable") }
    static var serverBack: String { L("tui.server.back") }
    static var agendaRefreshed: String { L("tui.agenda.refreshed") }
    static var agendaEmpty: String { L("tui.agenda.empty") }
    static func agendaAction(_ a: AgendaAction) -> String {
        switch a {
        case .deadline(let kind): LT(kind.term)
        case .awaiting: L("tui.agenda.awaiting")
        case .longTermNow: L("tui.agenda.long-term-now")
        case .longTermSoon: L("tui.agenda.long-term-soon")
        case .other(let id): id
        }
    }
    static func agendaExplanationTitle(_ row: AgendaRow) -> String {
        L("tui.agenda.explanation-title", ["action": row.action, "name": row.name, "id": row.clientId])
    }
    /// A group's title (the groups are defined once, by `AgendaQuery.condition`).
    static func groupTitle(_ g: AgendaGroup) -> String { L("agenda.group." + g.id) }
    static var horizonPrompt: String { L("tui.agenda.horizon-prompt") }
    static var horizonInvalid: String { L("tui.agenda.horizon-invalid") }
    static var attorneyChoice: String { L("tui.agenda.attorney-choice") }

    // Clients
    static var filterLabel: String { L("tui.clients.filter-label") }
    static var filterHint: String { L("tui.clients.filter-hint") }
    static func clientsSummary(shown: Int, sort: ClientSort) -> String {
        L("tui.clients.summary", ["shown": shown, "sort": sortName(sort)])
    }
    static func sortName(_ s: ClientSort) -> String {
        switch s {
        case .name: L("tui.clients.sort.name")
        case .permitEnd: L("tui.clients.sort.permit-end")
        case .nextDeadline: L("tui.clients.sort.next-deadline")
        }
    }
    static func sortedBy(_ s: ClientSort) -> String { L("tui.clients.sorted", ["sort": sortName(s)]) }
    static var colFile: String { L("tui.clients.col.file") }
    static var colName: String { L("tui.clients.col.name") }
    static var colNat: String { L("tui.clients.col.nationality") }
    static var colPermit: String { L("tui.clients.col.permit") }
    static var colEnds: String { L("tui.clients.col.ends") }
    static var colNext: String { L("tui.clients.col.next") }
    static var colDue: String { L("tui.clients.col.due") }
    static var noClients: String { L("tui.clients.none") }
    static func noMatch(_ f: String) -> String { L("tui.clients.no-match", ["filter": f]) }
    static var closedShown: String { L("tui.clients.closed-shown") }
    static var closedHidden: String { L("tui.clients.closed-hidden") }

    // Client
    static func tabTitle(_ t: ClientTab) -> String {
        switch t {
        case .overview: L("tui.client.tab.overview")
        case .permits: L("tui.client.tab.permits")
        case .trips: L("tui.client.tab.trips")
        case .applications: L("tui.client.tab.applications")
        case .longTerm: L("tui.client.tab.long-term")
        case .history: L("tui.client.tab.history")
        }
    }
    static func profileLine(id: String, nationality: String, born: String, attorney: String) -> String {
        L("tui.client.profile", ["id": id, "nationality": nationality, "born": born, "attorney": attorney])
    }
    static func passportLine(number: String, expires: String) -> String {
        L("tui.client.passport", ["number": number, "expires": expires])
    }
    static func latestEnd(_ d: CivilDate) -> String { L("tui.client.latest-end", ["date": d]) }
    static func foreignerId(_ id: String) -> String { L("tui.client.foreigner-id", ["id": id]) }
    static func contactLine(phone: String, email: String, province: String) -> String {
        L("tui.client.contact", ["phone": phone, "email": email, "province": province])
    }
    static func closedLine(date: CivilDate, reason: ClosingReason, note: String?) -> String {
        L("tui.client.closed", ["date": date, "reason": reason.term, "note": note.map { " — " + $0 } ?? ""])
    }
    static func statusField(_ status: String) -> String { L("tui.client.status", ["status": status]) }
    static func notesField(_ notes: String) -> String { L("tui.client.notes", ["notes": notes]) }
    static var nextActions: String { L("tui.client.next-actions") }
    static var nothingDue: String { L("tui.client.nothing-due") }
    static var colType: String { L("tui.permits.col.type") }
    static var colPeriod: String { L("tui.permits.col.period") }
    static var colNumber: String { L("tui.permits.col.number") }
    static var noEnd: String { L("tui.permits.no-end") }
    static var noPermits: String { L("tui.permits.none") }
    static var permitLegend: String { L("tui.permits.legend") }
    static var colExit: String { L("tui.trips.col.exit") }
    static var colEntry: String { L("tui.trips.col.entry") }
    static var colDaysAbroad: String { L("tui.trips.col.days-abroad") }
    static var colExempt: String { L("tui.trips.col.exempt") }
    static var stillAbroad: String { L("tui.trips.still-abroad") }
    static var noTrips: String { L("tui.trips.none") }
    static var noApplications: String { L("tui.applications.none") }
    static func submitted(_ d: CivilDate) -> String { L("tui.applications.submitted", ["date": d]) }
    static func filedBy(_ f: Filer) -> String { L("tui.applications.filed-by", ["filer": f.term]) }
    static func delivery(_ d: Delivery) -> String { L("tui.applications.delivery", ["delivery": d.term]) }
    static func mailed(_ d: CivilDate, tracking: String?) -> String {
        L("tui.applications.mailed", ["date": d]) + (tracking.map { " (" + $0 + ")" } ?? "")
    }
    static func appointment(_ d: CivilDate, time: String) -> String { L("tui.applications.appointment", ["date": d, "time": time]) }
    static func decided(_ d: CivilDate) -> String { L("tui.applications.decided", ["date": d]) }
    static func cardReceived(_ d: CivilDate) -> String { L("tui.applications.card-received", ["date": d]) }
    static func checklistSummary(_ summary: String) -> String { L("tui.applications.checklist", ["summary": summary]) }
    static func snapshotHeader(_ app: String, _ date: String) -> String {
        L("tui.applications.snapshot-header", ["application": app, "date": date])
    }
    static var snapshotMatches: String { L("tui.applications.snapshot-matches") }
    /// The power of attorney on the Overview (o edits it).
    static func powerOfAttorneyLine(_ p: PowerOfAttorney?) -> String {
        guard let p, p != PowerOfAttorney() else { return L("tui.client.poa-none") }
        let fmt = { (d: CivilDate?) in d.map { Catalog.current.date($0) } ?? "?" }
        return L("tui.client.poa", ["date": fmt(p.date), "notary": p.notary ?? "?", "expires": fmt(p.expires)])
    }
    static func setStateTitle(_ item: String) -> String { L("tui.checklist.set-state-title", ["item": item]) }
    static func notACustomItem(_ item: String) -> String { L("tui.checklist.not-custom", ["item": item]) }
    static func confirmDeleteItem(_ item: String) -> String { L("tui.confirm.delete-item", ["item": item]) }
    static func itemDeleted(_ item: String) -> String { L("tui.checklist.item-deleted", ["item": item]) }
    static func notMailed(_ app: String) -> String { L("tui.checklist.not-by-mail", ["application": app]) }
    static func alreadyMailed(_ app: String, _ date: CivilDate) -> String { L("tui.checklist.already-mailed", ["application": app, "date": date]) }
    static func mailAnyway(_ app: String, _ items: [String]) -> String {
        L("tui.confirm.mail-anyway", ["application": app, "count": items.count, "items": items.joined(separator: ", ")])
    }
    static func mailBeforeSubmission(_ app: String) -> String { L("tui.checklist.mail-before-submission", ["application": app]) }
    static func mailedRecorded(_ app: String, _ date: CivilDate) -> String { L("tui.checklist.mailed-recorded", ["application": app, "date": date]) }
    static func attorneyLabel(_ initials: String, _ name: String) -> String { L("tui.agenda.attorney-label", ["initials": initials, "name": name]) }
    static var choiceHint: String { L("tui.choice.hint") }
    static var scrollHint: String { L("tui.text.scroll-hint") }
    static var messagesTitle: String { L("tui.messages.title") }
    static var noMessages: String { L("tui.messages.none") }
    static func snapshotTitle(_ app: String, _ date: String) -> String { L("tui.applications.snapshot-title", ["application": app, "date": date]) }
    static func snapshotValue(label: String, value: String, current: String?) -> String {
        current.map { L("tui.applications.snapshot-value-changed", ["label": label, "value": value, "current": $0]) }
            ?? L("tui.applications.snapshot-value", ["label": label, "value": value])
    }
    static var noSnapshot: String { L("tui.applications.no-snapshot") }

    // Long-term tab
    static func referenceLine(reference: CivilDate, from: CivilDate, to: CivilDate) -> String {
        L("tui.long-term.reference", ["reference": reference, "from": from, "to": to])
    }
    static var eligibleNow: String { L("tui.long-term.eligible") }
    static var notEligible: String { L("tui.long-term.not-eligible") }
    static func verdict(_ v: LongTermVerdict) -> String { L("tui.long-term.verdict", ["verdict": verdictName(v)]) }
    static func verdictName(_ v: LongTermVerdict) -> String { LT(v.term) }
    static var whatIfNothingSaved: String { L("tui.long-term.what-if-nothing-saved") }
    static func whatIfBack(_ d: CivilDate) -> String { L("tui.long-term.what-if-back", ["date": d]) }
    static var borderline: String { L("tui.long-term.borderline") }
    static var borderlineShort: String { L("tui.long-term.borderline-short") }
    static func ruleResult(_ passed: Bool) -> String { L(passed ? "tui.long-term.pass" : "tui.long-term.fail") }
    static func ruleName(_ id: EligibilityRuleId) -> String { code("tui.code.rule.", id.rawValue) }
    static func ruleTitle(_ rule: RuleResult) -> String {
        L("tui.long-term.rule-title", ["rule": ruleName(rule.id), "result": ruleResult(rule.passed)])
    }
    static func whatIfTrip(exit: CivilDate, entry: CivilDate?) -> String {
        L("tui.long-term.what-if-trip", ["exit": exit, "entry": entry.map { Catalog.current.date($0) } ?? stillAbroad])
    }
    static func slices(_ list: String) -> String { L("tui.long-term.slices", ["slices": list]) }
    static func slice(_ s: YearSlice) -> String { L("tui.long-term.slice", ["index": s.index, "days": s.interruptionDays]) }
    static func earliest(_ d: CivilDate?) -> String {
        L("tui.long-term.earliest", ["date": d.map { Catalog.current.date($0) } ?? L("tui.long-term.none")])
    }
    static func conditions(_ list: String) -> String { L("tui.long-term.conditions", ["list": list]) }
    /// The earliest date falls during a trip: the client is abroad then.
    static func earliestAbroad(_ trip: Trip) -> String {
        trip.entry.map { L("tui.long-term.earliest-abroad", ["exit": trip.exit, "entry": $0]) }
            ?? L("tui.long-term.earliest-abroad-open", ["exit": trip.exit])
    }
    static func conditionName(_ id: String) -> String { code("tui.code.condition.", id) }
    /// A short name for an id (`prefix` + id in the catalog), or the id itself when the catalog has none.
    static func code(_ prefix: String, _ id: String) -> String { Catalog.current.has(prefix + id) ? L(prefix + id) : id }
    static func assumptionsCount(_ n: Int) -> String { L("tui.long-term.assumptions", ["count": n]) }
    static func exemptCount(_ n: Int) -> String { L("tui.long-term.exempt", ["count": n]) }
    static var referencePrompt: String { L("tui.long-term.reference-prompt") }
    static var whatIfPrompt: String { L("tui.long-term.what-if-prompt") }
    static var whatIfFormat: String { L("tui.long-term.what-if-format") }
    static func badExit(_ reason: Message) -> String { L("tui.long-term.bad-exit", ["reason": reason]) }
    static func badEntry(_ reason: Message) -> String { L("tui.long-term.bad-entry", ["reason": reason]) }
    static var entryBeforeExit: String { L("tui.long-term.entry-before-exit") }
    static var whatIfAdded: String { L("tui.long-term.what-if-added") }
    static var whatIfCleared: String { L("tui.long-term.what-if-cleared") }
    static var whatIfReturnPrompt: String { L("tui.long-term.what-if-return-prompt") }
    static var noOpenTrip: String { L("tui.long-term.no-open-trip") }
    static func verdictLine(_ v: LongTermVerdict, reasons: [Message]) -> String {
        L("tui.long-term.report.verdict", ["verdict": verdictName(v), "reasons": MessageArg.list(reasons.map(MessageArg.message))])
    }
    static func assumptionsHeading(_ today: CivilDate) -> String { L("tui.long-term.report.assumptions", ["date": today]) }
    static func condition(_ label: String, _ state: ConditionState) -> String {
        L("tui.long-term.report.condition", ["condition": label, "state": state.term])
    }

    // Closing and reopening a file
    static var closePrompt: String { L("tui.close.prompt") }
    static var closeReasons: String { L("tui.close.reasons") }
    static var closeNoteRequired: String { L("tui.close.note-required") }
    static func fileClosed(_ date: CivilDate) -> String { L("tui.close.closed", ["date": date]) }
    static var fileReopened: String { L("tui.close.reopened") }
    static func reopenQuestion(_ name: String, _ date: CivilDate) -> String { L("tui.close.reopen-question", ["name": name, "date": date]) }

    // History
    static var noHistory: String { L("tui.history.none") }
    static var deletedWord: String { L("tui.history.deleted") }
    static func historyDetail(at: String, user: String, field: String, old: String, new: String) -> String {
        L("tui.history.detail", ["at": at, "user": user, "field": field, "old": old, "new": new])
    }
    /// A stored timestamp (e.g. `2026-11-23T09:00:00+03:00`) with its date in the catalog's style;
    /// `minutes`: up to the minute, with a space for the T.
    static func timestamp(_ at: String, minutes: Bool) -> String {
        guard let d = CivilDate(String(at.prefix(10))) else { return minutes ? String(at.prefix(16)).replacingFirst("T", with: " ") : at }
        let rest = at.dropFirst(10)
        return Catalog.current.date(d) + (minutes ? String(rest.prefix(6)).replacingFirst("T", with: " ") : String(rest))
    }
    /// A stored value as shown: a date in the catalog's style, anything else as it is.
    static func value(_ text: String) -> String {
        guard text.utf8.count == 10, let d = CivilDate(text) else { return text }
        return Catalog.current.date(d)
    }
    static func clientGone(_ id: String) -> String { L("tui.client.gone", ["id": id]) }

    // Checklist
    static func checklistHeader(name: String, id: String, app: Application) -> String {
        L("tui.checklist.header", ["name": name, "id": id, "kind": app.kind.term, "permit": app.permitType.listTerm, "status": app.status.term])
    }
    static var colState: String { L("tui.checklist.col.state") }
    static var colDocument: String { L("tui.checklist.col.document") }
    static var colByAt: String { L("tui.checklist.col.by-at") }
    static func state(_ s: ChecklistState) -> String { LT(s.term) }
    static func nothingBlocks(_ step: Message) -> String { L("tui.checklist.nothing-blocks", ["step": step]) }
    static func blocking(_ step: Message, _ items: String) -> String { L("tui.checklist.blocking", ["step": step, "items": items]) }
    static func customItem(_ id: String) -> String { L("tui.checklist.custom-item", ["id": id]) }
    static func check(_ hint: String) -> String { L("tui.checklist.check", ["hint": hint]) }
    static func note(_ note: String) -> String { L("tui.checklist.note", ["note": note]) }
    static func stateLine(_ s: ChecklistState) -> String { L("tui.checklist.detail.state", ["state": state(s)]) }
    static func changedBy(_ user: String, on date: CivilDate?) -> String {
        guard let date else { return L("tui.checklist.detail.changed-by", ["user": user]) }
        return L("tui.checklist.detail.changed-by-on", ["user": user, "date": date])
    }
    static func source(_ source: String) -> String { L("tui.checklist.detail.source", ["source": source]) }
    static var needsNotarizedCopy: String { L("tui.checklist.needs-notarized-copy") }
    static func waivePrompt(_ item: String) -> String { L("tui.checklist.waive-prompt", ["item": item]) }
    static func notePrompt(_ item: String) -> String { L("tui.checklist.note-prompt", ["item": item]) }
    static var customItemPrompt: String { L("tui.checklist.custom-item-prompt") }
    static var reasonRequired: String { L("tui.checklist.reason-required") }
    static var itemNameRequired: String { L("tui.checklist.item-name-required") }
    static func itemExists(_ id: String) -> String { L("tui.checklist.item-exists", ["id": id]) }
    static func itemMoved(_ id: String, _ s: ChecklistState) -> String { L("tui.checklist.item-moved", ["id": id, "state": state(s)]) }
    static func itemWaived(_ id: String) -> String { L("tui.checklist.item-waived", ["id": id]) }
    static func itemAdded(_ id: String) -> String { L("tui.checklist.item-added", ["id": id]) }
    static func noteSaved(_ id: String) -> String { L("tui.checklist.note-saved", ["id": id]) }
    static func alreadySubmitted(_ id: String) -> String { L("tui.checklist.already-submitted", ["id": id]) }

    // Forms, prompts, confirmations
    static var formCancelled: String { L("tui.form.cancelled") }
    static func saved(_ what: String) -> String { L("tui.form.saved", ["what": what]) }
    static var saveAgainOverConflict: String { L("tui.form.save-again-over-conflict") }
    static var promptHint: String { L("tui.prompt.hint") }
    static var closeHint: String { L("tui.overlay.close-hint") }
    /// The help box's footer: how to close it, and the language key (on every screen, so not a line of its own).
    static var helpFooter: String { L("tui.overlay.help-footer") }
    static var confirmHint: String { L("tui.confirm.hint") }
    static func confirmDeleteClient(_ name: String, _ id: String) -> String { L("tui.confirm.delete-client", ["name": name, "id": id]) }
    static func confirmDeletePermit(_ p: Permit) -> String {
        L("tui.confirm.delete-permit", ["type": p.type.listTerm, "start": p.start, "end": p.end.map { Catalog.current.date($0) } ?? ""])
    }
    static func confirmDeleteTrip(_ t: Trip) -> String {
        L("tui.confirm.delete-trip", ["exit": t.exit, "entry": t.entry.map { Catalog.current.date($0) } ?? ""])
    }
    static func confirmDeleteApplication(_ id: String) -> String { L("tui.confirm.delete-application", ["id": id]) }
    static var deletedPermit: String { L("tui.status.deleted-permit") }
    static var deletedTrip: String { L("tui.status.deleted-trip") }
    static func deletedApplication(_ id: String) -> String { L("tui.status.deleted-application", ["id": id]) }
    static func deletedClient(_ id: String) -> String { L("tui.status.deleted-client", ["id": id]) }
    static func deleteUndoLabel(_ id: String) -> String { L("tui.status.delete-undo-label", ["id": id]) }
    static func undone(_ label: String) -> String { L("tui.status.undone", ["label": label]) }
    static func undoElsewhereQuestion(id: String, name: String, change: String) -> String {
        L("tui.confirm.undo-elsewhere", ["id": id, "name": name, "change": change])
    }
    static var cancelled: String { L("tui.status.cancelled") }
    static var nothingToUndo: String { L("tui.status.nothing-to-undo") }
    static var fileRequired: String { L("tui.welcome.file-required") }
    static func importing(_ path: String) -> String { L("tui.import.importing", ["path": path]) }
    static func importStarted(_ path: String) -> String { L("tui.import.started", ["path": path]) }
    static func importProgress(_ path: String, done: Int, total: Int) -> String {
        L("tui.import.progress", ["path": path, "done": done, "total": total])
    }
    static func imported(clients: Int, created: Int, updated: Int) -> String {
        L("tui.import.done", ["count": clients, "created": created, "updated": updated])
    }
    static func cannotRead(_ path: String, _ error: String) -> String { L("tui.import.cannot-read", ["path": path, "error": error]) }
    static func importRefused(_ reason: any MessageArgConvertible) -> String { L("tui.import.refused", ["reason": reason]) }
    static func languageSwitched(_ name: String) -> String { L("tui.language.switched", ["language": name]) }

    // Key bar and help (derived from the key-binding tables, Keys.swift)
    static func keyBar(for state: AppState) -> String { KeyTables.bar(for: state) }

    static func helpKeys(for route: Route, tab: ClientTab?) -> [(String, String)] { KeyTables.help(for: route, tab: tab) }
}

// MARK: - Entry-Exit Record, household, letters (issue 14)

extension Strings {
    static var recordPrompt: String { L("tui.record.prompt") }
    static var recordPasted: String { L("tui.record.pasted") }
    static var recordFileRequired: String { L("tui.record.file-required") }
    static func recordReading(_ path: String) -> String { L("tui.record.reading", ["path": path]) }
    static func recordSource(_ source: String) -> String { L("tui.record.source", ["source": source]) }
    static var recordTitle: String { L("tui.record.title") }
    static func recordApplyQuestion(added: Int, corrected: Int) -> String { L("tui.record.apply-question", ["added": added, "corrected": corrected]) }
    static var recordNothingToApply: String { L("tui.record.nothing") }
    static func recordAnomalies(_ count: Int) -> String { L("tui.record.anomalies", ["count": count]) }
    static func recordRefused(_ source: String, _ reason: String) -> String { L("tui.record.refused", ["source": source, "reason": reason]) }
    static func recordApplied(added: Int, corrected: Int) -> String { L("tui.record.applied", ["added": added, "corrected": corrected]) }
    static func recordCannotRead(_ path: String, _ detail: String) -> String { L("tui.record.cannot-read", ["path": path, "detail": detail]) }
    static func recordTooBig(_ path: String, limit: Int) -> String { L("tui.record.too-big", ["path": path, "limit": limit]) }
    static var recordNotRegular: String { L("tui.record.not-regular") }
    static var recordMissing: String { L("tui.record.no-file") }
    static func recordBlocked(_ count: Int) -> String { L("tui.record.blocked", ["count": count]) }
    static var householdTitle: String { L("tui.household.title") }
    static var noHousehold: String { L("tui.household.none") }
    static func supporterLine(_ s: SupporterFacts) -> String { L("tui.household.supporter", ["supporter": s.line]) }
    static func householdMember(name: String, id: String, head: Bool) -> String {
        L(head ? "tui.household.head" : "tui.household.member", ["name": name, "id": id])
    }
    static func householdLine(_ d: ClientDetail) -> String? {
        if let s = d.supporter {
            // A supporter outside the office: no household to list, the supporter alone.
            return d.household.isEmpty ? L("tui.household.line-outside", ["supporter": s.line])
                : L("tui.household.line", ["supporter": s.line, "count": d.household.count])
        }
        let dependents = d.household.filter { !$0.isHead }.count
        return dependents > 0 ? L("tui.household.line-head", ["count": dependents]) : nil
    }
    static var letterTitle: String { L("tui.letter.title") }
    static func supporterNotFound(_ id: String) -> String { L("tui.household.supporter-not-found", ["client": id]) }
    static var letterWriting: String { L("tui.letter.writing") }
    static func letterWritten(_ path: String) -> String { L("tui.letter.written", ["path": path]) }
    static func letterFailed(_ reason: String) -> String { L("tui.letter.failed", ["reason": reason]) }
    static var letterNoApplication: String { L("tui.letter.no-application") }
    static var letterChoices: [(value: String, label: String)] {
        [("documents-tr", L("tui.letter.documents-tr")), ("documents-en", L("tui.letter.documents-en")), ("cover", L("tui.letter.cover"))]
    }
}

extension Strings {
    static var tripsLegend: String { L("tui.trips.legend") }
    static var colNote: String { L("tui.trips.col.note") }
}
