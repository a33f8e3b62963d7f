import IkametCore

/// The message catalog: every user-facing string of the terminal UI (English).
/// A Turkish interface would be a second catalog with the same members.
enum Strings {
    // Titles
    static let welcomeTitle = "Welcome"
    static let agendaTitle = "Agenda"
    static let clientsTitle = "Clients"
    static func checklistTitle(_ app: String) -> String { "Checklist of application \(app)" }
    static let helpTitle = "Keys"
    static let confirmTitle = "Please confirm"
    static let today = "today"
    static let demoTag = "DEMO (throwaway copy)"
    static let loading = "Loading…"
    static let change = "Change"

    // Too small
    static func tooSmall(width: Int, height: Int, minimum: (width: Int, height: Int)) -> [String] {
        ["Terminal too small", "ikamet needs at least \(minimum.width)×\(minimum.height);",
         "this one is \(width)×\(height).", "Enlarge the window, or press q to quit."]
    }

    // Welcome
    static func welcomeLines(store: String) -> [String] {
        ["The office store is empty.", "", store, "",
         "d   open the demo caseload (a throwaway copy; this store is not touched)",
         "i   import an ikamet/1 JSON file into this store",
         "a   add the first client",
         "q   quit", "",
         "From the command line: ikamet import FILE, ikamet demo, ikamet --help."]
    }
    static let importPrompt = "Import file (ikamet/1 JSON)"

    // Agenda
    static func agendaHeader(count: Int, clients: Int, horizon: Int, filter: String) -> String {
        "\(count) items · \(clients) clients · \(filter) · next \(horizon) days and all overdue"
    }
    static let allAttorneys = "all attorneys"
    static func attorneyFilter(_ a: String) -> String { "attorney \(a)" }
    static let colDate = "Date", colDays = "Days", colClient = "Client", colAction = "Action", colReason = "Reason"
    static let agendaNotRefreshed = "The store is busy or read-only: some agenda rows may be a day old."
    static let agendaEmpty = "Nothing is due in this horizon. Press h to widen it."
    static let awaitingAction = "Awaiting decision"
    static func awaitingExplanation(_ app: Application, since: CivilDate, days: Int) -> String {
        "Application \(app.id) (\(app.kind.rawValue) for a \(app.permitType.noun)) was submitted \(since.iso) and is \(app.status.rawValue): \(days) days without a decision. A long-term application's commission review takes about 4–6 months [seed]."
    }
    static let longTermNow = "Long-term eligible", longTermSoon = "Long-term soon"
    static let longTermBorderline = "borderline: check Entry-Exit Record", longTermPass = "all six time rules pass"
    static func groupTitle(_ g: AgendaGroup) -> String {
        switch g {
        case .urgent: "Overdue: out of status, missed deadlines"
        case .thisWeek: "Due this week"
        case .next30: "Later in the horizon"
        case .windowOpen: "Extension window open, nothing filed"
        case .awaiting: "Awaiting a decision · Entry-Exit Record and card follow-ups"
        case .longTerm: "Long-term candidates (eligible now or within 90 days)"
        }
    }
    static let horizonPrompt = "Horizon in days"
    static let horizonInvalid = "a whole number of days from 0 to 3650"
    static let attorneyPrompt = "Show one attorney (initials; empty: all)"

    // Clients
    static let filterLabel = "Filter:"
    static let filterHint = "press / to filter"
    static func clientsSummary(shown: Int, sort: ClientSort) -> String { "\(shown) shown · sorted by \(sortName(sort)) (s)" }
    static func sortName(_ s: ClientSort) -> String {
        switch s {
        case .name: "name"
        case .permitEnd: "permit end"
        case .nextDeadline: "next deadline"
        }
    }
    static func sortedBy(_ s: ClientSort) -> String { "Sorted by \(sortName(s))." }
    static let colFile = "File", colName = "Name", colNat = "Nat", colPermit = "Permit", colEnds = "Ends", colNext = "Next action", colDue = "Due"
    static let noClients = "No clients yet. Press a to add one."
    static func noMatch(_ f: String) -> String { "No client matches \"\(f)\"." }

    // Client
    static func tabTitle(_ t: ClientTab) -> String {
        switch t {
        case .overview: "Overview"
        case .permits: "Permits"
        case .trips: "Trips"
        case .applications: "Applications"
        case .longTerm: "Long-term"
        case .history: "History"
        }
    }
    static let fileNumber = "File", nationality = "Nationality", born = "Born", attorney = "Attorney", passport = "Passport",
               expires = "expires", contact = "Contact", status = "Status", notes = "Notes"
    static func statusLine(current: Permit?, client: Client, today: CivilDate, format: (CivilDate) -> String) -> String {
        guard let p = current else { return "no permit recorded" }
        let pendingExtension = client.applications.contains { $0.kind == .extension && $0.status.isPending }
        let pendingAny = client.applications.contains { $0.status.isPending }
        guard let end = p.end else { return "\(p.type.displayName) permit since \(format(p.start)) (no end)" }
        if p.contains(today) {
            return "\(p.type.displayName) permit valid until \(format(end))" + (pendingExtension ? " · extension pending" : "")
        }
        if today > end {
            if pendingAny { return "\(p.type.displayName) permit ended \(format(end)) · application pending: may stay" }
            return today > end.adding(days: 10) ? "OUT OF STATUS since \(format(end.adding(days: 11)))"
                : "permit ended \(format(end)) · late application possible until \(format(end.adding(days: 10)))"
        }
        return "\(p.type.displayName) permit from \(format(p.start))"
    }
    static let nextActions = "Next actions (x: explanation)"
    static let nothingDue = "Nothing is due."
    static let colType = "Type", colPeriod = "Period", colNumber = "Number"
    static let noEnd = "(no end)"
    static let noPermits = "No permits recorded. Press a to add one."
    static let permitLegend = "* current permit · █ permit · ▒ student (half credit) · | today"
    static let colExit = "Exit", colEntry = "Re-entry", colDaysAbroad = "Days abroad", colExempt = "Exempt"
    static let stillAbroad = "still abroad"
    static let noTrips = "No trips recorded. Press a to add one."
    static let noApplications = "No applications. Press a to add one."
    static let submittedShort = "submitted", filedBy = "filed by", delivery = "delivery", mailed = "mailed",
               appointment = "appointment", decided = "decided", cardReceived = "card received"
    static func checklistSummary(_ summary: String) -> String { "Checklist: \(summary) (Enter opens it)" }
    static func snapshotHeader(_ app: String, _ date: String) -> String {
        "Submitted with \(app) on \(date) — re-enter exactly in e-ikamet (≠ differs from today's record):"
    }
    static let snapshotMatches = "The identity data matches what was submitted (· permit fields: reference only)."
    static let noSnapshot = "No earlier submission on record to compare with."
    static let referenceDate = "Reference", lookback = "lookback", eligibleNow = "ELIGIBLE (all time rules pass)",
               notEligible = "not eligible yet", borderline = "BORDERLINE: verify against the Entry-Exit Record",
               borderlineShort = "borderline"
    static let slicesLabel = "Years (interruption days): "
    static let earliest = "Earliest eligible date:", none = "none", assumed = "Assumed:"
    static let conditionsLabel = "Non-time conditions: "
    static let whatIfTrip = "what-if trip"
    static func assumptionsCount(_ n: Int) -> String { "\(n) assumption(s) about later days (x)" }
    static func exemptCount(_ n: Int) -> String { "\(n) exempt trip(s) not counted as absence (x)" }
    static let referencePrompt = "Reference date (the online application date; empty: today)"
    static let whatIfPrompt = "What-if trip EXIT:ENTRY (entry may be empty)"
    static let whatIfFormat = "expected EXIT:ENTRY, e.g. 2027-02-01:2027-03-01"
    static let whatIfAdded = "What-if trip added; the report shows the result."
    static let latestEnd = "max. end", closedLabel = "FILE CLOSED", reopen = "reopens"
    static let whatIfCleared = "What-if trips and return cleared."
    static let whatIfReturnPrompt = "What-if: back from the open trip on (date; nothing is stored)"
    static let noOpenTrip = "No open trip: every recorded trip has a re-entry date."
    static let closePrompt = "Close file: reason (left-turkey, citizenship, transferred-out, deceased, other: note)"
    static let closeReasons = "reason: left-turkey, citizenship, transferred-out, deceased or other: note"
    static let closeNoteRequired = "other needs a note: other: what happened"
    static func fileClosed(_ date: String) -> String { "File closed on \(date); nothing is listed for it from today (u undoes)." }
    static let fileReopened = "File reopened."
    static func reopenQuestion(_ name: String, _ date: String) -> String { "Reopen the file of \(name), closed \(date)?" }
    static let closedShown = "Closed files shown (z hides them)."
    static let closedHidden = "Closed files hidden (z shows them)."
    static let entryBeforeExit = "re-entry is before exit"
    static let noHistory = "No changes recorded."
    static let deletedWord = "deleted"
    static func clientGone(_ id: String) -> String { "Client \(id) no longer exists (deleted elsewhere)." }

    // Checklist
    static let colState = "State", colDocument = "Document", colByAt = "By / on"
    static let forWord = "for"
    static func customItem(_ id: String) -> String { "\(id) (custom item)" }
    static func nothingBlocks(_ step: String) -> String { "Nothing blocks the \(step)." }
    static func blocking(_ step: String, _ items: String) -> String { "Blocking the \(step): \(items)" }
    static let check = "Check", noteWord = "Note"
    static let needsNotarizedCopy = "A notarized copy is required (received → certified → submitted)."
    static func waivePrompt(_ item: String) -> String { "Reason for waiving \(item)" }
    static func notePrompt(_ item: String) -> String { "Note on \(item)" }
    static let customItemPrompt = "New checklist item (a short id)"
    static let reasonRequired = "a waiver needs a reason"
    static let itemNameRequired = "give the item a name"
    static func itemExists(_ id: String) -> String { "the checklist has \(id) already" }
    static func itemMoved(_ id: String, _ s: ChecklistState) -> String { "\(id) → \(s.rawValue)" }
    static func itemWaived(_ id: String) -> String { "\(id) waived" }
    static func itemAdded(_ id: String) -> String { "\(id) added" }
    static func noteSaved(_ id: String) -> String { "Note on \(id) saved" }
    static func alreadySubmitted(_ id: String) -> String { "\(id) is submitted already (w waives, u undoes)." }

    // Forms, prompts, confirmations
    static let formCancelled = "Left without saving."
    static func saved(_ what: String) -> String { "\(what): saved." }
    static let saveAgainOverConflict = "Your input is kept: Enter saves it over their version, Esc discards it."
    static let promptHint = "Enter: OK · Esc: cancel"
    static let closeHint = "Esc: close"
    static let confirmHint = "y: yes · n or Esc: no"
    static func confirmDeleteClient(_ name: String, _ id: String) -> String {
        "Delete client \(name) (\(id)) with all permits, trips and applications? (u undoes it in this session)"
    }
    static func confirmDelete(_ what: String) -> String { "Delete \(what)?" }
    static func deleted(_ what: String) -> String { "Deleted \(what)." }
    static let cancelled = "Cancelled."
    static let nothingToUndo = "Nothing to undo in this session."
    static let fileRequired = "give a file path"
    static func importing(_ path: String) -> String { "Importing \(path)…" }

    // Key bar and help
    static func keyBar(for state: AppState) -> String {
        if case .prompt = state.overlay { return "Enter OK · Esc cancel" }
        if case .confirm = state.overlay { return "y yes · n no" }
        if state.overlay != nil { return "Esc close" }
        switch state.route {
        case .welcome: return "d demo · i import · a add client · q quit · ? help"
        case .agenda: return "↑↓ Enter · x why · h days · f attorney · 2 clients · / find · ? help · q quit"
        case .clients:
            return state.clientFilterActive ? "type to filter · Enter/↓ to the list · Esc clear"
                : "↑↓ Enter · / filter · s sort · a add · z closed · ? help · q back"
        case .client: return "Tab · ↑↓ Enter · e edit · a add · d delete · u undo · ? help · q back"
        case .checklist: return "Space next · w waive · n note · a add · e edit · u undo · ? help · q back"
        case .form: return "Tab/↑↓ field · ←→ choice · Enter save · Esc cancel · F1 help"
        }
    }

    static func helpKeys(for route: Route, tab: ClientTab?) -> [(String, String)] {
        let global: [(String, String)] = [("1 / 2", "agenda / clients (outside text fields)"), ("u", "undo the last change of this session"),
                                          ("q / Esc", "back (q on the agenda quits); Ctrl-C quits"), ("Ctrl-Z", "suspend (fg resumes)")]
        let nav: [(String, String)] = [("↑↓ j k PgUp PgDn", "move, page"), ("g / G", "first / last")]
        switch route {
        case .welcome:
            return [("d", "open the demo caseload (throwaway copy)"), ("i", "import an ikamet/1 file"), ("a", "add a client"), ("q", "quit")]
        case .agenda:
            return nav + [("Enter", "open the client"), ("x or Space", "full explanation of the item"), ("h", "change the horizon (days)"),
                          ("f", "show one attorney's clients"), ("a", "add a client"), ("/", "find a client")] + global
        case .clients:
            return nav + [("/", "filter by name, file number, passport or foreigner id (Turkish-aware)"), ("Enter", "open the client"),
                          ("s", "sort: name → permit end → next deadline"), ("a", "add a client"),
                          ("z", "show or hide closed files (hidden by default)")] + global
        case .client:
            var keys = nav + [("Tab / Shift-Tab", "next / previous tab"), ("e", "edit (client, or the selected permit, trip, application)"),
                              ("a", "add a permit, trip or application (per tab)"), ("d", "delete the selected one (asks first)"),
                              ("C", "close the file (asks for the reason) or reopen it (asks first)")]
            switch tab {
            case .overview?: keys.append(("x / Enter", "explanation of the selected action"))
            case .applications?: keys.append(("Enter", "open the application's checklist"))
            case .longTerm?: keys += [("x / Enter", "the selected rule (or the report) in full"), ("a / w", "add a what-if trip"),
                                      ("b", "what-if: back from the open trip on a date"),
                                      ("c / d", "clear all what-ifs / remove the selected what-if trip"),
                                      ("r", "change the reference date (planned application date)")]
            case .history?: keys.append(("Enter", "the change in full"))
            default: break
            }
            return keys + global
        case .checklist:
            return nav + [("Space", "next state: missing → received → certified (notarized) → submitted"), ("w", "waive (asks for a reason)"),
                          ("n", "note"), ("a", "add a custom item"), ("x / Enter", "item details, hint and source"),
                          ("e", "edit the application (dates, status)")] + global
        case .form:
            return [("F1", "this help (? types text in a form)"), ("Tab / ↓", "next field"), ("Shift-Tab / ↑", "previous field"), ("← → Space", "change a choice"),
                    ("Enter or Ctrl-S", "save (checked like the CLI)"), ("Esc", "leave without saving"),
                    ("dates", "YYYY-MM-DD or DD.MM.YYYY")]
        }
    }
}
