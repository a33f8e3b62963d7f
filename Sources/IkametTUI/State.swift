import IkametCore
import IkametStore
import IkametText
import TerminalUI

/// How dates are shown in the UI: the catalog's styles (YYYY-MM-DD or DD.MM.YYYY).
public typealias DateStyle = Catalog.DateStyle

/// A loaded slice of a long list: rows `start ..< start + rows.count` of `total`.
public struct RowWindow<Row: Sendable & Equatable>: Sendable, Equatable {
    public var start = 0
    public var rows: [Row] = []
    public init(start: Int = 0, rows: [Row] = []) { self.start = start; self.rows = rows }

    /// The row at a list index, if loaded.
    public subscript(index: Int) -> Row? {
        let i = index - start
        return rows.indices.contains(i) ? rows[i] : nil
    }

    /// Whether rows `from ..< to` (clamped to `total`) are all loaded.
    func covers(_ from: Int, _ to: Int, total: Int) -> Bool {
        let end = min(to, total)
        return from >= start && end <= start + rows.count
    }
}

/// How many rows a window load fetches.
let windowSize = 200

/// What an agenda row asks for: a deadline kind, or one of the agenda's own rows.
public enum AgendaAction: Sendable, Equatable {
    case deadline(DeadlineKind)
    /// An application awaiting a decision.
    case awaiting
    /// A long-term candidate eligible on the row's date (today or earlier) …
    case longTermNow
    /// … or later.
    case longTermSoon
    /// A kind id this version does not know, shown as it is.
    case other(String)
}

/// One row of the agenda. It keeps facts (messages); the words are rendered
/// when read, in the language in force, so a language switch needs no reload.
public struct AgendaRow: Sendable, Equatable {
    public var group: AgendaGroup
    public var date: CivilDate
    public var daysLeft: Int
    public var severity: Severity
    public var clientId: String
    public var name: String
    public var attorney: String?
    public var actionKind: AgendaAction
    /// The reason and the explanation in the store's encoded form (`MessageCodec`), decoded when they are shown:
    /// a window holds a few hundred rows, of which a few dozen reasons are drawn and one explanation is opened.
    public var reasonFacts: String
    public var explanationFacts: String
    public var applicationId: String?
    /// The row's place in the store's agenda order: the pages next to this one start from it.
    public var key: AgendaRowKey

    /// The action column, in the current language.
    public var action: String { Strings.agendaAction(actionKind) }
    /// The reason column, in the current language.
    public var reason: String { L(AgendaSnapshot.Entry.reason(facts: reasonFacts)) }
    /// The full explanation, in the current language.
    public var explanation: String { Catalog.current.explanation(AgendaSnapshot.Entry.explanation(facts: explanationFacts)) }
}

/// One row of the client list (facts; the words are rendered when read).
public struct ClientRow: Sendable, Equatable {
    public var id: String
    public var name: String
    public var nationality: String
    public var permitType: PermitType?
    public var permitEnd: CivilDate?
    public var nextKind: DeadlineKind?
    public var nextDate: CivilDate?
    public var nextSeverity: Severity?

    /// The permit column ("—" when none), in the current language.
    public var permit: String { permitType.map { LT($0.listTerm) } ?? "—" }
    /// The next action column, in the current language.
    public var next: String { nextKind.map { LT($0.term) } ?? "" }
}

/// How the client list is sorted.
public typealias ClientSort = ClientOrder

extension ClientOrder {
    var next: ClientOrder {
        let all = ClientOrder.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// Tabs of the client screen.
public enum ClientTab: Int, Sendable, Equatable, CaseIterable {
    case overview, permits, trips, applications, longTerm, history
}

/// Everything the client screen shows, loaded at once.
public struct ClientDetail: Sendable, Equatable {
    public var client: Client
    public var version: Int
    public var updatedBy: String
    public var updatedAt: String
    public var items: [DeadlineItem]
    public var history: [AuditEntry]
    /// The latest end the current passport allows (RULES.md §6), from the core's rule.
    public var latestEnd: CivilDate?
    /// Where the client stands today (the core's one definition, `PermitStatus.of`).
    public var status: PermitStatus
    /// The facts of the client's supporter (nil: no supporter named).
    public var supporter: SupporterFacts? = nil
    /// The household (the supporter at its head, then the dependents); empty when the client is in none.
    public var household: [HouseholdMember] = []
}

/// One member of a household as the client screen lists it.
public struct HouseholdMember: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The head of the household (the supporter of the others).
    public var isHead: Bool
    public var permit: Permit?
    /// The member's next deadline item, if any.
    public var next: DeadlineItem?
}

/// The client screen.
public struct ClientScreen: Sendable, Equatable {
    public var id: String
    public var detail: ClientDetail?
    public var tab: ClientTab = .overview
    public var cursors: [ClientTab: ListCursor] = [:]
    /// Hypothetical trips of the Long-term tab's what-if.
    public var whatIf: [Trip] = []
    /// A what-if return date for the open trip (nil: none).
    public var whatIfReturn: CivilDate?
    /// The reference date of the long-term report (nil: today).
    public var reference: CivilDate?
    /// The long-term report (recomputed when what it is computed from changes: `refreshReport`).
    public var report: EligibilityReport?
    /// What `report` was computed from.
    var reportInput: LongTermInput?

    public init(id: String) { self.id = id }

    func cursor(_ tab: ClientTab) -> ListCursor { cursors[tab] ?? ListCursor() }
}

/// The checklist screen of one application.
public struct ChecklistScreen: Sendable, Equatable {
    public var clientId: String
    public var applicationId: String
    public var cursor = ListCursor()
}

/// A question asked in a one-line prompt (waiver reason, custom item, note, what-if trip, import file).
public enum PromptPurpose: Sendable, Equatable {
    case waiveReason(item: String)
    case customItem
    case note(item: String)
    case whatIfTrip
    case whatIfReturn
    case closeFile
    case referenceDate
    case importFile
    case agendaHorizon
    /// An Entry-Exit Record: a file's path typed, or the record pasted.
    case entryExitRecord
}

/// A one-line prompt.
public struct Prompt: Sendable, Equatable {
    public var purpose: PromptPurpose
    public var label: String
    public var field: TextField
    public var error: String?
}

/// What a confirmation is for.
public enum ConfirmPurpose: Sendable, Equatable {
    case deleteClient(id: String, version: Int)
    case deletePermit(index: Int)
    case deleteTrip(index: Int)
    case deleteApplication(id: String)
    case reopenFile(id: String)
    /// Record an extension's documents as mailed although checklist items still block the mailing
    /// (`fromForm`: the application form is being saved with a new mailing date).
    case recordMailed(applicationId: String, fromForm: Bool)
    /// Delete a custom checklist item.
    case deleteCustomItem(item: String)
    /// Undo the session's last change, made to a client that is not on screen.
    case undoElsewhere(clientId: String, afterVersion: Int?)
    /// Write the trips an Entry-Exit Record gives (`added` new, `corrected` changed) to the client on screen.
    case applyEntryExitRecord(trips: [Trip], added: Int, corrected: Int)
    case quit
}

/// A yes/no question before a destructive action.
public struct Confirmation: Sendable, Equatable {
    public var purpose: ConfirmPurpose
    public var question: String
}

/// Something drawn over the current screen.
public enum Overlay: Sendable, Equatable {
    case help
    case explanation(title: String, text: String)
    case confirm(Confirmation)
    case prompt(Prompt)
    case choose(Choice)
}

/// A choice among a few values, in a box: ↑↓ and Enter, or the number shown beside each.
public struct Choice: Sendable, Equatable {
    /// What the chosen value is for.
    public enum Purpose: Sendable, Equatable {
        /// A checklist item's new state (any state, back to missing included).
        case itemState(item: String)
        /// The agenda's attorney filter ("" for every attorney).
        case agendaAttorney
        /// A letter of an application (the value: `documents-tr`, `documents-en` or `cover`).
        case letter(applicationId: String)
    }
    public var purpose: Purpose
    public var title: String
    /// The values, and their names as shown, in the same order.
    public var values: [String]
    public var labels: [String]
    public var cursor: Int

    public init(purpose: Purpose, title: String, values: [String], labels: [String], cursor: Int = 0) {
        self.purpose = purpose; self.title = title; self.values = values; self.labels = labels
        self.cursor = min(max(0, cursor), max(0, values.count - 1))
    }
}

/// Which screen is shown (the kind of a `Screen`, without its state).
public enum Route: Sendable, Equatable {
    case welcome, agenda, clients, client, checklist, form
}

/// A screen of the navigation stack, carrying the state only that screen has: a
/// client screen's tab and cursors, a checklist's application, a form's fields.
/// A screen's state exists exactly while the screen is on the stack.
public enum Screen: Sendable, Equatable {
    case welcome, agenda, clients
    case client(ClientScreen)
    case checklist(ChecklistScreen)
    case form(FormState)

    /// The kind of screen.
    public var route: Route {
        switch self {
        case .welcome: .welcome
        case .agenda: .agenda
        case .clients: .clients
        case .client: .client
        case .checklist: .checklist
        case .form: .form
        }
    }
}

/// A change made in this session, which `u` can take back.
public struct UndoEntry: Sendable, Equatable {
    public var clientId: String
    /// The client's name, to name it when the change is undone from elsewhere.
    public var clientName: String
    /// The client before the change (nil: the change created the client).
    public var before: Client?
    /// The version `before` had (nil: the change created the client).
    public var beforeVersion: Int?
    /// The version the change produced (nil: the change deleted the client).
    public var afterVersion: Int?
    public var label: String

    public init(clientId: String, clientName: String, before: Client?, beforeVersion: Int?, afterVersion: Int?, label: String) {
        self.clientId = clientId; self.clientName = clientName; self.before = before; self.beforeVersion = beforeVersion
        self.afterVersion = afterVersion; self.label = label
    }
}

/// The whole state of the terminal UI: one value, changed only by `update`.
public struct AppState: Sendable, Equatable {
    public var today: CivilDate
    public var width: Int
    public var height: Int
    /// The store as messages name it (a path, a server's address without its password) …
    public var storeLabel: String {
        didSet { storeName = StoreLocation.parse(storeLabel).shortName }
    }
    /// … and as the title bar names it (a file's name, a server's database), worked out once, not at every frame.
    public private(set) var storeName: String
    public var isDemo: Bool
    /// The language of the screen: a catalog code (`Catalog.available`); `L` cycles through them.
    public var language: String
    /// The date style the office chose (setting `dateFormat`); nil: the language's own (`Catalog.dateStyle`).
    public var dateFormat: DateStyle?
    public var useColor = true
    /// The checklist templates (labels, notarized copies, hints) the screens show.
    public var templates = ChecklistTemplates(items: [])

    /// The navigation stack, bottom first; the last screen is shown.
    public var screens: [Screen] = [.agenda]
    public var overlay: Overlay?
    public var status: String?
    public var statusIsError = false
    /// On an office server, the login's role (the keys it may not use are left out of the key bar); nil on a file.
    public var role: OfficeRole?
    /// The first line shown of a text box that does not fit (an explanation, the message history).
    public var textScroll = 0
    /// The session's status messages and warnings, oldest first (the last 100), readable whole with `m`.
    public var messageHistory: [String] = []

    public var clientCount = 0
    /// Rows per agenda group (see `AgendaQuery`), and the loaded slice.
    public var agendaCounts: [Int] = []
    public var agendaWindow = RowWindow<AgendaRow>()
    public var agendaCursor = ListCursor()
    public var agendaHorizon = 30
    public var agendaAttorney: String?
    public var agendaLoaded = false
    /// The clients the agenda covers: all, or the filtered attorney's.
    public var agendaShownClients = 0
    /// The agenda changed while another screen was shown: reload it when it is shown again.
    public var agendaStale = false

    public var clientFilter = TextField()
    public var clientFilterActive = false
    public var clientSort: ClientSort = .name
    /// Whether the clients list shows closed files (RULES.md §11: left out unless asked).
    public var showClosed = false
    public var clientTotal = 0
    /// The client list changed while another screen was shown.
    public var clientsStale = false
    public var clientWindow = RowWindow<ClientRow>()
    public var clientCursor = ListCursor()


    public var undo: [UndoEntry] = []
    public var quitRequested = false

    /// `language`: the catalog code the screen starts in (unknown codes show English);
    /// `dateFormat`: the office's explicit date style, nil for the language's own.
    public init(today: CivilDate, width: Int = 80, height: Int = 24, storeLabel: String = "", isDemo: Bool = false,
                language: String = "en", dateFormat: DateStyle? = nil) {
        self.today = today
        self.width = width
        self.height = height
        self.storeLabel = storeLabel
        storeName = StoreLocation.parse(storeLabel).shortName
        self.isDemo = isDemo
        self.language = language.lowercased()
        self.dateFormat = dateFormat
    }

    /// The date style in force: the office's choice, else the language's. Setting it records an office choice.
    public var dateStyle: DateStyle {
        get { dateFormat ?? (Catalog.named(language) ?? .english).dateStyle }
        set { dateFormat = newValue }
    }

    /// The catalog the screen is drawn with: the state's language in the date style in force.
    public var catalog: Catalog {
        let base = Catalog.named(language) ?? .english
        guard let style = dateFormat, style != base.dateStyle else { return base }
        return base.with(dateStyle: style)
    }

    /// The kinds of the screens on the stack, bottom first.
    public var stack: [Route] { screens.map(\.route) }

    /// The screen on top of the stack.
    public var route: Route { screens.last?.route ?? .agenda }

    /// Shows `screen` on top of the stack.
    /// Opens `screen` on top; a form opens with the fields the login's role may not change locked.
    mutating func open(_ screen: Screen) {
        guard case .form(var form) = screen else { return screens.append(screen) }
        Forms.lock(&form, for: role)
        screens.append(.form(form))
    }

    /// The topmost client screen on the stack (under a checklist or form opened from it), if any.
    /// Setting it changes that screen in place; setting nil closes it (and what is above it).
    public var clientScreen: ClientScreen? {
        get { for s in screens.reversed() { if case .client(let c) = s { return c } }; return nil }
        set { replaceLast(newValue.map(Screen.client)) { if case .client = $0 { true } else { false } } }
    }

    /// The checklist screen on the stack, if any.
    public var checklist: ChecklistScreen? {
        get { for s in screens.reversed() { if case .checklist(let c) = s { return c } }; return nil }
        set { replaceLast(newValue.map(Screen.checklist)) { if case .checklist = $0 { true } else { false } } }
    }

    /// The open form, if any.
    public var form: FormState? {
        get { for s in screens.reversed() { if case .form(let f) = s { return f } }; return nil }
        set { replaceLast(newValue.map(Screen.form)) { if case .form = $0 { true } else { false } } }
    }

    /// Replaces the topmost screen of a kind with `screen`, or (nil) closes it and what is above it.
    /// A screen that is not on the stack is not created by setting its state.
    private mutating func replaceLast(_ screen: Screen?, where matches: (Screen) -> Bool) {
        guard let i = screens.lastIndex(where: matches) else { return }
        if let screen { screens[i] = screen } else { screens.removeSubrange(i...) }
    }

    /// Whether keys go into a text field (so single-letter commands are off).
    public var isTyping: Bool {
        if case .prompt = overlay { return true }
        if route == .form { return true }
        return route == .clients && clientFilterActive
    }

    /// Rows available to a list in the body (the screen minus title, header, status lines).
    var listHeight: Int { max(1, height - 6) }

    /// All agenda rows.
    public var agendaTotal: Int { agendaCounts.reduce(0, +) }

    /// The agenda row under the cursor.
    var selectedAgendaRow: AgendaRow? { agendaWindow[agendaCursor.selected] }

    /// The client row under the cursor.
    var selectedClientRow: ClientRow? { clientWindow[clientCursor.selected] }
}
