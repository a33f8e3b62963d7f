import Foundation
import IkametCore
import IkametLetters
import IkametStore
import IkametText
import TerminalUI

/// Runs the UI: reads keys, feeds `update`, executes its effects against the
/// store, and draws `view` on the terminal. The only impure part of the UI.
@MainActor
public final class AppRuntime {
    public private(set) var state: AppState
    public let env: AppEnvironment
    public private(set) var store: OfficeStore
    let terminal: any Terminal
    let timeZone: String
    /// Loads the demo caseload for `today` (injected: the CLI knows where data/ is).
    let demoLoader: @Sendable (CivilDate) throws -> [Client]
    var lastChange: Int64 = -1
    /// On an office server: the listener of changes announced by other desks (LISTEN/NOTIFY), for the store it
    /// was made for, and whether an announcement is waiting to be looked at.
    var changeListener: (store: ObjectIdentifier, listener: StoreChangeListener?)?
    var remoteChangePending = false
    /// When to try again to make a listener the server refused (meanwhile the change counter is compared each tick).
    var listenerRetryAt: Date?
    /// Whether the status line says the office server cannot be reached.
    var serverAway = false
    var lastTick = DispatchTime.now()
    var demoDirectory: URL?
    var lastDrawn: Frame?
    var clientIndex: ClientIndex?
    weak var clientIndexStore: OfficeStore?
    var lastMatches: (filter: String, sort: ClientSort, counter: Int64, rows: [Int32])?

    /// The rules the store keeps agenda snapshots with (refreshed before the agenda is read).
    let agendaRules: AgendaRules?
    /// The office clock, read on idle ticks so that "today" moves on at midnight; nil when today is pinned.
    public var clock: (any TodayProvider)?

    /// Results of long effects running off the input loop (import, the agenda refresh), taken in by the loop.
    let inbox = JobInbox()
    /// How many long effects are running.
    public private(set) var jobsRunning = 0
    /// The day and rules of a refresh that could not write (busy or read-only store): not retried for them.
    var refreshGaveUp: (day: CivilDate, fingerprint: String)?
    var refreshing = false
    /// Up to this many clients the agenda refresh runs inline (well under the 150 ms start target); above, off the input loop.
    static let inlineRefreshLimit = 1_000
    /// Where the Applications tab's letters are written (the folder the UI was started in, unless set).
    public var lettersDirectory = FileManager.default.currentDirectoryPath
    /// Test hook: runs at the start of every background job (a test holds a job open to press keys meanwhile).
    public var jobGate: (@Sendable () -> Void)?

    public init(state: AppState, env: AppEnvironment, store: OfficeStore, terminal: any Terminal, timeZone: String,
                agendaRules: AgendaRules?, demoLoader: @escaping @Sendable (CivilDate) throws -> [Client]) {
        self.agendaRules = agendaRules
        if let agendaRules { store.configure(agenda: agendaRules) }
        self.state = state
        self.env = env
        self.store = store
        self.terminal = terminal
        self.timeZone = timeZone
        self.demoLoader = demoLoader
        lastChange = (try? store.changeCounter()) ?? -1
    }

    deinit {
        if let dir = demoDirectory { try? FileManager.default.removeItem(at: dir) }
    }

    /// Loads the first screen and draws it.
    public func start() {
        store.prepareForWrites(timeZone: timeZone)
        let size = terminal.size
        send(.terminalResized(width: size.width, height: size.height))
        perform([.loadAgenda(horizon: state.agendaHorizon, attorney: state.agendaAttorney, start: 0)])
        render()
    }

    /// The main loop: until quit, or `shouldStop` (a signal) says so.
    public func run(shouldStop: () -> Bool) {
        start()
        while !state.quitRequested && !shouldStop() {
            // Keys keep working while a long effect runs; its reports are taken in between keys.
            if let key = terminal.readKey(timeoutMilliseconds: jobsRunning > 0 ? 50 : 250) {
                if key == .resize {
                    let size = terminal.size
                    send(.terminalResized(width: size.width, height: size.height))
                } else {
                    send(.keyPressed(key))
                }
            } else if DispatchTime.now().uptimeNanoseconds - lastTick.uptimeNanoseconds >= 1_000_000_000 {
                lastTick = DispatchTime.now()
                tick()
            }
            if jobsRunning > 0 || inbox.hasResults {
                takeJobResults()
            }
            // Another desk's change, announced by the office server, is shown at once (no polling of the server).
            if let listener = listener(), listener.takeChanges() {
                remoteChangePending = true
                perform([.checkForChanges])
            }
            noteServerReachability()
            render()
        }
    }

    /// Says on the status line when the office server goes away (its listener lost the connection and cannot make
    /// it again) and when it is back; the screen then reloads. Nothing is lost meanwhile: a save fails with the
    /// reason and the form keeps its input.
    func noteServerReachability() {
        guard store.isServer else { return }
        let reachable = changeListener?.listener?.isConnected ?? false
        if !reachable && !serverAway {
            serverAway = true
            state.status = Strings.serverUnreachable
            state.statusIsError = true
        } else if reachable && serverAway {
            serverAway = false
            state.status = Strings.serverBack
            state.statusIsError = false
            remoteChangePending = true
            perform([.checkForChanges])
        }
    }

    /// The change listener of the current store (nil for a store file, or when the server cannot be reached).
    func listener() -> StoreChangeListener? {
        guard store.isServer else { return nil }
        let id = ObjectIdentifier(store)
        if changeListener?.store != id || (changeListener?.listener == nil && listenerRetryAt.map { Date() >= $0 } ?? true) {
            let made = try? store.changeListener()
            changeListener = (id, made)
            listenerRetryAt = made == nil ? Date().addingTimeInterval(5) : nil
        }
        return changeListener?.listener
    }

    /// One idle tick: a new day in the office time zone first, then changes made by others.
    public func tick() {
        if let clock {
            let today = clock.today()
            if today != state.today { send(.dayChanged(today)) }
        }
        send(.idleTick)
    }

    /// Applies an action and runs the effects it asks for (and those of the actions they produce).
    public func send(_ action: Action) {
        perform(update(&state, action, env))
    }

    /// Runs `work` off the input loop; what it reports and returns comes back as actions, taken in
    /// by the loop (`takeJobResults`). The work sees the catalog of the language at its start.
    func startJob(_ work: @escaping @Sendable (_ report: @escaping @Sendable (Action) -> Void) -> [Action]) {
        jobsRunning += 1
        let inbox = self.inbox, catalog = state.catalog, gate = jobGate
        DispatchQueue.global(qos: .userInitiated).async {
            gate?()
            let results = Catalog.using(catalog) { work { inbox.post($0, endsJob: false) } }
            for (i, action) in results.enumerated() { inbox.post(action, endsJob: i == results.count - 1) }
            if results.isEmpty { inbox.post(nil, endsJob: true) }
        }
    }

    /// Applies what background jobs reported since the last call.
    public func takeJobResults() {
        for (action, endsJob) in inbox.take() {
            if endsJob { jobsRunning -= 1 }
            switch action {
            case .agendaRefreshed(let complete)?:
                refreshing = false
                if !complete, let rules = agendaRules { refreshGaveUp = (state.today, rules.fingerprint) }
            case .importFinished(_, true)?:
                noteOwnChange()
            default: break
            }
            if let action { send(action) }
        }
        render()
    }

    /// Waits until every background job has ended and its results are applied (tests, benchmarks).
    public func settle() {
        while jobsRunning > 0 {
            inbox.wait()
            takeJobResults()
        }
    }

    /// Sends keys one after the other, drawing after each (tests, benchmarks).
    public func press(_ keys: [Key]) {
        for key in keys {
            send(.keyPressed(key))
            render()
        }
    }

    func render() {
        let frame = view(state)
        guard frame != lastDrawn else { return }
        terminal.draw(frame)
        lastDrawn = frame
    }

    /// When set (benchmarks), how long each effect took, by effect name.
    public var effectTimings: [String: [Double]]?

    func perform(_ effects: [Effect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            let t0 = DispatchTime.now().uptimeNanoseconds
            // Effects write words too (status lines, rows): in the state's language.
            let actions = Catalog.using(state.catalog) { execute(effect) }
            if effectTimings != nil {
                // The case's name only: describing the whole effect (a client's record with it) cost more than a save.
                let name = Mirror(reflecting: effect).children.first?.label ?? String(describing: effect)
                effectTimings?[name, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            }
            for action in actions {
                queue += update(&state, action, env)
            }
        }
    }

    var actor: Actor { Actor.now(user: env.user, timeZone: timeZone) }

    /// Runs one effect; its results come back as actions.
    func execute(_ effect: Effect) -> [Action] {
        do {
            switch effect {
            case .loadAgenda(let horizon, let attorney, let start):
                // Snapshots made on another day or under other rules are recomputed off the input loop (100,000
                // clients take seconds); meanwhile the rows shown are the stored ones, and the status says so.
                var actions: [Action] = []
                if let rules = agendaRules, !refreshing, refreshGaveUp.map({ $0 != (state.today, rules.fingerprint) }) ?? true,
                   try store.agendaNeedsRefresh(today: state.today, rules: rules) {
                    if try store.clientCount() <= Self.inlineRefreshLimit {
                        // A small office refreshes in a blink: no job, no flicker of status lines.
                        if try !store.refreshAgenda(today: state.today, rules: rules) {
                            refreshGaveUp = (state.today, rules.fingerprint)
                            actions.append(.jobProgress(Strings.agendaNotRefreshed))
                        }
                    } else {
                        refreshing = true
                        let store = self.store, today = state.today
                        startJob { _ in
                            let complete = (try? store.refreshAgenda(today: today, rules: rules)) ?? false
                            return [.agendaRefreshed(complete: complete)]
                        }
                        actions.append(.jobProgress(Strings.agendaRefreshing))
                    }
                }
                let query = RowBuilder.agendaQuery(today: state.today, horizon: horizon, attorney: attorney, env: env)
                return try store.readTogether {
                    let counts = try store.agendaGroupCounts(query)
                    let all = try store.clientCount()
                    return actions + [.agendaLoaded(counts: counts, window: try agendaWindow(query, counts: counts, start: start),
                                                    clientCount: all, shownClients: try attorney.map { try store.clientCount(attorney: $0) } ?? all)]
                }
            case .loadAgendaWindow(let horizon, let attorney, let start):
                let query = RowBuilder.agendaQuery(today: state.today, horizon: horizon, attorney: attorney, env: env)
                // The window shown is of the same list (same counts): its rows are the keys of the pages next to them.
                return [.agendaWindowLoaded(try agendaWindow(query, counts: state.agendaCounts, start: start, beside: state.agendaWindow))]
            case .loadClients(let filter, let sort, let start):
                let matches = try clientMatches(filter, sort)
                return [.clientsLoaded(total: matches.count, window: clientWindow(matches, start: start))]
            case .loadClientWindow(let filter, let sort, let start):
                return [.clientWindowLoaded(clientWindow(try clientMatches(filter, sort), start: start))]
            case .loadClient(let id):
                return [.clientLoaded(try detail(id))]
            case .loadAttorneys:
                return [.attorneysLoaded(try store.knownAttorneyList())]
            case .saveClient(let client, let version, let before, let message):
                // A supporter named by a file number that is not in the store is saved, and said at once.
                var note = ""
                if let id = client.supporter?.clientId, id != before?.supporter?.clientId, (try? store.client(id)) == nil {
                    note = " " + Strings.supporterNotFound(id)
                }
                let newVersion: Int
                if let version {
                    newVersion = try store.update(client, expectedVersion: version, by: actor, today: state.today, validator: env.validator)
                } else {
                    newVersion = try store.add(client, by: actor, today: state.today, validator: env.validator)
                }
                // What the save changed, read in one go.
                noteOwnChange(client.id)
                return [.saveSucceeded(clientId: client.id, version: newVersion,
                                       undo: UndoEntry(clientId: client.id, clientName: client.name, before: before, beforeVersion: version,
                                                       afterVersion: newVersion, label: message),
                                       message: message + note)]
            case .deleteClient(let id, let version, let before):
                try store.delete(id, expectedVersion: version, by: actor)
                noteOwnChange()
                return [.saveSucceeded(clientId: id, version: nil,
                                       undo: UndoEntry(clientId: id, clientName: before.name, before: before, beforeVersion: version,
                                                       afterVersion: nil, label: Strings.deleteUndoLabel(id)),
                                       message: Strings.deletedClient(id))]
            case .undo(let entry):
                // Each undo is a change of its own, audited like any other.
                var version: Int?
                switch (entry.before, entry.afterVersion) {
                case (nil, let after?): try store.delete(entry.clientId, expectedVersion: after, by: actor)
                case (let before?, nil): version = try store.add(before, by: actor, today: state.today, validator: env.validator)
                case (let before?, let after?):
                    version = try store.update(before, expectedVersion: after, by: actor, today: state.today, validator: env.validator)
                case (nil, nil): break
                }
                noteOwnChange(entry.clientId)
                return [.undone(entry, version: version)]
            case .openDemo:
                let clients = try demoLoader(state.today)
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ikamet-demo-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                let demo = try OfficeStore.open(path: dir.appendingPathComponent("demo.sqlite").path)
                if let agendaRules { demo.configure(agenda: agendaRules) }
                _ = try demo.importClients(clients, by: actor, today: state.today, validator: env.validator)
                if let old = demoDirectory { try? FileManager.default.removeItem(at: old) }
                demoDirectory = dir
                store = demo
                lastChange = (try? store.changeCounter()) ?? -1
                return [.demoOpened(label: "demo")]
            case .importFile(let path):
                // Off the input loop: keys keep working, progress and the result come back as actions.
                let store = self.store, actor = self.actor, today = state.today, validator = env.validator
                startJob { report in
                    let data: Data
                    do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
                        return [.importFinished(message: Strings.cannotRead(path, error.localizedDescription), succeeded: false)]
                    }
                    do {
                        let result = try store.importInterchange(data, by: actor, today: today, validator: validator) { done, total in
                            report(.jobProgress(Strings.importProgress(path, done: done, total: total)))
                        }
                        return [.importFinished(message: Strings.imported(clients: result.clients, created: result.summary.created,
                                                                          updated: result.summary.updated),
                                                succeeded: true)]
                    } catch StoreError.importRefused(let e) {
                        return [.importFinished(message: Strings.importRefused(e.full), succeeded: false)]
                    } catch let error as StoreError {
                        return [.importFinished(message: L(error.message), succeeded: false)]
                    } catch {
                        return [.importFinished(message: String(describing: error), succeeded: false)]
                    }
                }
                return [.jobProgress(Strings.importStarted(path))]
            case .readRecordFile(let path):
                return [readRecordFile(path)]
            case let .writeLetter(clientId, applicationId, kind):
                return [writeLetter(clientId: clientId, applicationId: applicationId, choice: kind)]
            case .checkForChanges:
                // On an office server the store is asked only after an announcement (while there is no listener,
                // the counter is compared every tick, as on a file).
                if store.isServer, listener() != nil {
                    guard remoteChangePending else { return [] }
                    remoteChangePending = false
                }
                let counter = try store.changeCounter()
                if counter != lastChange {
                    lastChange = counter
                    return [.storeChangedElsewhere]
                }
                return []
            case .quit:
                return []
            }
        } catch let error as StoreError {
            var latest: ClientDetail?
            if case .conflict(let id, _, _, _) = error { latest = try? detail(id) }
            return [.saveFailed(message: L(error.message), latest: latest)]
        } catch {
            return [.saveFailed(message: String(describing: error), latest: nil)]
        }
    }

    /// Rows `start ..< start + windowSize` across the agenda groups. `beside`: a window of the same list (same
    /// query, same counts) already loaded: where it holds the row just before a group's part (or just after it), the
    /// part is read from that row's key, not by counting from the start of the group.
    func agendaWindow(_ query: AgendaQuery, counts: [Int], start: Int, beside: RowWindow<AgendaRow>? = nil) throws -> RowWindow<AgendaRow> {
        try store.readTogether { try readAgendaWindow(query, counts: counts, start: start, beside: beside) }
    }

    private func readAgendaWindow(_ query: AgendaQuery, counts: [Int], start: Int, beside: RowWindow<AgendaRow>?) throws -> RowWindow<AgendaRow> {
        var rows: [AgendaRow] = []
        var groupStart = 0
        for (g, count) in counts.enumerated() {
            let from = max(start, groupStart), to = min(start + windowSize, groupStart + count)
            if from < to, let group = AgendaGroup(rawValue: g) {
                let page: [StoredAgendaEntry]
                if from > groupStart, let previous = beside?[from - 1], previous.group == group {
                    page = try store.agendaPage(query, group: group, next: previous.key, limit: to - from)
                } else if to < groupStart + count, let following = beside?[to], following.group == group {
                    page = try store.agendaPage(query, group: group, next: following.key, before: true, limit: to - from)
                } else {
                    page = try store.agendaPage(query, group: group, offset: from - groupStart, limit: to - from)
                }
                for stored in page {
                    rows.append(RowBuilder.agendaRow(stored, group: group, today: state.today, env: env))
                }
            }
            groupStart += count
        }
        return RowWindow(start: start, rows: rows)
    }

    /// The client rows matching a filter, from the in-memory index (rebuilt when the store changed).
    func clientMatches(_ filter: String, _ sort: ClientSort) throws -> [Int32] {
        let counter = try store.changeCounter()
        if clientIndex == nil || clientIndex?.changeCounter != counter || clientIndexStore !== store {
            clientIndex = try ClientIndex(store: store)
            clientIndexStore = store
        }
        guard let index = clientIndex else { return [] }
        let closedKey = state.showClosed ? "" : state.today.iso
        if let cached = lastMatches, cached.filter == filter + "\u{0}" + closedKey, cached.sort == sort, cached.counter == counter {
            return cached.rows
        }
        var rows = index.matching(filter, sort: sort)
        if !state.showClosed {
            let today = state.today
            rows = rows.filter { !index.rows[Int($0)].isClosed(on: today) }
        }
        lastMatches = (filter + "\u{0}" + closedKey, sort, counter, rows)
        return rows
    }

    func clientWindow(_ matches: [Int32], start: Int) -> RowWindow<ClientRow> {
        guard let index = clientIndex, start < matches.count || matches.isEmpty else { return RowWindow(start: start, rows: []) }
        let slice = matches[min(start, matches.count)..<min(start + windowSize, matches.count)]
        return RowWindow(start: start, rows: slice.map { RowBuilder.clientRow(index.rows[Int($0)], today: state.today, env: env) })
    }

    /// After this desk's own change of `clientId` (nil: of several): the change counter, and the client list's
    /// index kept current without re-reading every client. The clients naming it as supporter changed with it
    /// (their agenda and list rows): then the index is read again.
    func noteOwnChange(_ clientId: String? = nil) {
        guard let clientId else {
            lastChange = (try? store.changeCounter()) ?? lastChange
            clientIndex = nil
            return
        }
        // One read of the store (on a server, one round trip).
        guard let facts = try? store.afterOwnChange(of: clientId) else {
            clientIndex = nil; lastMatches = nil
            return
        }
        lastChange = facts.counter
        if let index = clientIndex {
            if let fresh = facts.listRow, index.update(fresh.row, search: fresh.search, counter: lastChange) {
                lastMatches = nil
            } else {
                clientIndex = nil
            }
        }
        if facts.hasDependents { clientIndex = nil; lastMatches = nil }
    }

    func detail(_ id: String) throws -> ClientDetail? {
        // One state of the store for the whole screen (on a server, one transaction for its five reads).
        try store.readTogether { try readDetail(id) }
    }

    private func readDetail(_ id: String) throws -> ClientDetail? {
        // The record, its supporters' probe and its history in one go (on a server, one round trip).
        let read = try store.clientWithHistory(id, historyLimit: 500)
        guard let stored = read.stored else { return nil }
        let today = state.today, engine = env.deadlines
        let supporter = try store.supporterFacts(for: stored.client, today: today, engine: engine)
        // The household: when the client names a supporter in the store, or supports someone.
        var household: [HouseholdMember] = []
        // Most clients are in no household: one indexed probe, no document read, decides.
        let inHousehold = supporter?.clientId != nil || read.hasDependents
        let members = inHousehold ? try store.household(of: id) : []
        if members.count > 1 || supporter?.clientId != nil {
            let head = members.first?.id
            // Each member's supporter is read from the household already loaded (a second store read otherwise).
            let byId = Dictionary(members.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            household = try members.map { m in
                let facts = try m.supporter?.clientId.flatMap { byId[$0] }.map { SupporterFacts.of(m, supporterFile: $0, today: today, engine: engine) }
                    ?? store.supporterFacts(for: m, today: today, engine: engine)
                return HouseholdMember(id: m.id, name: m.name, isHead: m.id == head && members.count > 1,
                                       permit: DeadlineEngine.currentPermit(of: m, on: today),
                                       next: engine.items(for: m, today: today, supporter: facts).first)
            }
        }
        return ClientDetail(client: stored.client, version: stored.version, updatedBy: stored.updatedBy, updatedAt: stored.updatedAt,
                            items: engine.items(for: stored.client, today: today, supporter: supporter),
                            history: read.history,
                            latestEnd: PassportRule.latestEnd(stored.client, parameters: engine.parameters),
                            status: PermitStatus.of(stored.client, today: today, engine: engine),
                            supporter: supporter, household: household)
    }

    /// The bytes of an Entry-Exit Record file (a record is a few pages: more than 8 MB is refused unread; a pipe or a
    /// device, which would hold the input loop, is refused too).
    func readRecordFile(_ path: String) -> Action {
        let limit = 8 << 20
        do throws(BoundedRead.Failure) {
            return .recordFileRead(path: path, bytes: try BoundedRead.file((path as NSString).expandingTildeInPath, limit: limit), error: nil)
        } catch {
            let reason: String = switch error {
            case .tooBig: Strings.recordTooBig(path, limit: limit >> 20)
            case .notRegular: Strings.recordCannotRead(path, Strings.recordNotRegular)
            case .missing: Strings.recordCannotRead(path, Strings.recordMissing)
            case .unreadable(let detail): Strings.recordCannotRead(path, detail)
            }
            return .recordFileRead(path: path, bytes: nil, error: reason)
        }
    }

    /// Writes a letter of an application as an HTML page (owner-only) in `lettersDirectory`.
    func writeLetter(clientId: String, applicationId: String, choice: String) -> Action {
        let kind: LetterKind = choice == "cover" ? .cover : .documents
        let code = choice == "documents-en" ? "en" : "tr"
        guard let catalog = Catalog.named(code) else { return .letterWritten(path: nil, error: Strings.letterFailed(code)) }
        do {
            let facts = try LetterFacts.load(store: store, client: clientId, application: applicationId, templates: env.templates,
                                             deadlines: env.deadlines, today: state.today)
            let letter: Letter
            do throws(LetterError) { letter = try Letters.compose(kind, facts, catalog: catalog) } catch {
                return .letterWritten(path: nil, error: Strings.letterFailed(L(error.message)))
            }
            let name = LetterFiles.fileName(client: clientId, application: applicationId, kind: kind, language: kind == .cover ? nil : code, ext: "html")
            let path = LetterFiles.unusedPath(directory: lettersDirectory, name: name)
            try LetterFiles.writeOwnerOnly(Data(HTMLLetter.render(letter).utf8), to: path)
            return .letterWritten(path: path, error: nil)
        } catch let error as StoreError {
            return .letterWritten(path: nil, error: Strings.letterFailed(L(error.message)))
        } catch {
            return .letterWritten(path: nil, error: Strings.letterFailed(error.localizedDescription))
        }
    }
}

/// Where background jobs leave their reports and results for the input loop (thread-safe).
final class JobInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Action?, Bool)] = []
    private let signal = DispatchSemaphore(value: 0)

    /// Leaves an action (nil: none) and whether it is the job's last.
    func post(_ action: Action?, endsJob: Bool) {
        lock.lock()
        items.append((action, endsJob))
        lock.unlock()
        signal.signal()
    }

    /// Everything posted so far, in order.
    func take() -> [(Action?, Bool)] {
        lock.lock()
        defer { lock.unlock() }
        let out = items
        items = []
        return out
    }

    var hasResults: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !items.isEmpty
    }

    /// Waits until something is posted.
    func wait() { signal.wait() }
}
