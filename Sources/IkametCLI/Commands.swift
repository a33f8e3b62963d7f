import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametInterchange
import IkametData
import IkametStore
import IkametText

/// The `ikamet` command: with no subcommand it opens the terminal UI.
public struct IkametCommand: ParsableCommand {
    /// Computed, so the help is in the language bound when it is read (`runMain` binds it before parsing).
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
        commandName: "ikamet",
        abstract: L("cli.root.abstract"),
        discussion: L("cli.root.discussion"),
        subcommands: [
            TUICommand.self, InitCommand.self, ImportCommand.self, ExportCommand.self, DeadlinesCommand.self, EligibilityCommand.self,
            ClientsCommand.self, ClientCommand.self, ChecklistCommand.self, LogCommand.self, BackupCommand.self,
            RestoreCommand.self, CheckCommand.self, DemoCommand.self, SettingsCommand.self, CloseCommand.self, ReopenCommand.self,
            RulesCommand.self, TripsCommand.self, LetterCommand.self, DigestCommand.self,
            UsersCommand.self, CopyStoreCommand.self,
        ],
        defaultSubcommand: TUICommand.self)
    }

    /// ArgumentParser's prefix of error messages, in the current language.
    public static var _errorPrefix: String { L("cli.common.error-prefix") }

    public init() {}
}

/// Opens the terminal UI (the default command).
struct TUICommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "tui", abstract: L("cli.tui.abstract")) }
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            // Only the default location is created on a first start (the welcome screen follows); a path given
            // with --store or IKAMET_STORE must exist.
            let isDefault = Context.storePath(global, environment: ProcessInfo.processInfo.environment).1
            let ctx = try Context.open(global, creating: isDefault)
            try TUILauncher.launch(ctx, demo: false, language: Catalog.current.code, dateFormat: ctx.officeDateStyle)
        }
    }
}

/// `ikamet init`: an empty store where there is none.
struct InitCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "init", abstract: L("cli.init.abstract")) }
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let path = Context.storePath(global, environment: ProcessInfo.processInfo.environment).0
            if case .postgres(let address) = StoreLocation.parse(path) { return try initServer(address) }
            guard !FileManager.default.fileExists(atPath: path) else { throw CLIError(L("cli.init.exists", ["path": path])) }
            _ = try Context.open(global, creating: true)
        }
    }

    /// Creates (or brings up to date) the office store on a PostgreSQL server, with its group roles.
    private func initServer(_ address: PostgresAddress) throws {
        let server = try OfficeServer(address)
        let report = try server.initialize()
        let roles = report.rolesCreated.isEmpty ? L("cli.init.server-roles-existed") : report.rolesCreated.joined(separator: ", ")
        if !report.sharedPeople.isEmpty {
            printError(L("cli.common.warning-lower", ["message": L("cli.init.server-shared", ["people": report.sharedPeople.joined(separator: ", ")])]))
        }
        if report.created {
            OutputGate.line(L("cli.init.server-created", ["server": server.display, "steps": report.applied.joined(separator: ", "), "roles": roles]))
        } else if !report.applied.isEmpty {
            OutputGate.line(L("cli.init.server-upgraded", ["server": server.display, "steps": report.applied.joined(separator: ", ")]))
        } else {
            OutputGate.line(L("cli.init.server-current", ["server": server.display]))
        }
    }
}

/// `ikamet import FILE`
struct ImportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "import", abstract: L("cli.import.abstract"), discussion: L("cli.import.discussion"))
    }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.import.file-help"))) var file: String

    func run() throws {
        try guarded {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped) } catch {
                throw CLIError(L("cli.common.cannot-read", ["path": file, "detail": error.localizedDescription]))
            }
            // The file is checked before the store is opened: a broken file never touches it.
            let scanner: InterchangeScanner
            do throws(InterchangeError) { scanner = try InterchangeScanner(data) } catch {
                throw CLIError(L("cli.import.refused", ["file": file, "reason": interchangeText(error)]))
            }
            // On a file, every client is decoded and checked before the store is opened for writing, so a refused
            // file leaves the store's bytes alone (opening a store for writing lets GRDB touch its header). On a
            // server the import's own transaction leaves nothing behind, and this first pass (a fifth of the
            // import's work) is skipped; the import refuses the same first client the pass would.
            let environment = ProcessInfo.processInfo.environment
            if case .file = Context.storeLocation(global, environment: environment) {
                let rules: RuleData
                do { rules = try RuleData.loadDefault() } catch { throw CLIError(errorText(error)) }
                let checkDay = try Context.resolveToday(global, environment: environment, timeZone: rules.parameters.timeZone)
                do {
                    try OfficeStore.checkImport(count: scanner.clientRanges.count, validator: Validator(parameters: rules.parameters),
                                                today: checkDay) { i in try scanner.client(i) }
                } catch StoreError.importRefused(let e) {
                    throw CLIError(L("cli.import.refused", ["file": file, "reason": interchangeText(e)]))
                }
            }
            let ctx = try Context.open(global, creating: true)
            let showProgress = isatty(2) == 1 && data.count > 5_000_000
            let cat = Catalog.current
            let summary: ImportSummary
            do {
                summary = try ctx.store.importClients(count: scanner.clientRanges.count, by: ctx.actor, today: ctx.today,
                                                      validator: ctx.validator, progress: { done, total in
                    if showProgress { OutputGate.progress(cat("cli.import.progress", ["done": done, "total": total])) }
                }, decode: { i in try scanner.client(i) })
            } catch StoreError.importRefused(let e) {
                if showProgress { printError("") }
                throw CLIError(L("cli.import.refused", ["file": file, "reason": interchangeText(e)]))
            }
            if showProgress { printError("") }
            OutputGate.line(L("cli.import.done", ["count": scanner.clientRanges.count, "file": file, "created": summary.created,
                                                  "updated": summary.updated, "unchanged": summary.unchanged]))
        }
    }
}

/// `ikamet export`
struct ExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "export", abstract: L("cli.export.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: ArgumentHelp(L("cli.export.output-help"))) var output: String?
    @Option(name: .long, help: ArgumentHelp(L("cli.export.client-help"))) var client: String?
    @Flag(name: .long, help: ArgumentHelp(L("cli.export.force-help"))) var force = false

    func run() throws {
        try guarded {
            // An existing file is someone's data (an earlier export, a backup): replaced only when asked.
            if let output, !force, FileManager.default.fileExists(atPath: output) {
                throw CLIError(L("cli.export.exists", ["file": output]))
            }
            let ctx = try Context.open(global, readOnly: true)
            let clients: [Client]
            if let id = client {
                guard let c = try ctx.store.client(id) else { throw StoreError.clientNotFound(id) }
                clients = [c.client]
            } else {
                clients = try ctx.store.allClients()
            }
            let data = try Interchange.encode(clients)
            if let output {
                try writeOwnerOnly(OutputGate.cleanJSON(data), to: output)
                printError(L("cli.export.done", ["count": clients.count, "file": output]))
            } else {
                OutputGate.json(data)
            }
        }
    }
}

/// Writes a file readable by its owner only, replacing it atomically.
func writeOwnerOnly(_ data: Data, to path: String) throws {
    let oldMask = umask(0o077)
    defer { umask(oldMask) }
    do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        throw CLIError(L("cli.common.cannot-write", ["path": path, "detail": error.localizedDescription]))
    }
}

/// The JSON of `ikamet deadlines --format json`, written directly (a large caseload has tens of thousands of items):
/// `{"items":[{"application","client","date","daysLeft","explanation","kind","name","severity"}],"today","within"}`, keys sorted.
/// The explanations are in the current language; keys, ids and dates are the file format's.
func deadlinesJSON(_ items: [(item: DeadlineItem, name: String)], today: CivilDate, within: Int) -> [UInt8] {
    let catalog = Catalog.current
    var out: [UInt8] = []
    out.reserveCapacity(items.count * 600 + 64)
    func raw(_ s: String) { out.append(contentsOf: s.utf8) }
    raw("{\"items\":[")
    for (i, (item, name)) in items.enumerated() {
        raw(i == 0 ? "\n{\"application\":" : ",\n{\"application\":")
        if let app = item.applicationId { ClientJSON.appendString(app, to: &out) } else { raw("null") }
        raw(",\"client\":"); ClientJSON.appendString(item.clientId, to: &out)
        raw(",\"date\":\"\(item.date.iso)\",\"daysLeft\":\(item.daysLeft),\"explanation\":")  // lint:allow-literal JSON keys of the file format
        ClientJSON.appendString(catalog.explanation(item.explanation), to: &out)
        raw(",\"kind\":\"\(item.kind.rawValue)\",\"name\":"); ClientJSON.appendString(name, to: &out)  // lint:allow-literal JSON keys of the file format
        raw(",\"severity\":\"\(item.severity.rawValue)\"}")
    }
    raw("\n],\"today\":\"\(today.iso)\",\"within\":\(within)}\n")  // lint:allow-literal JSON keys of the file format
    return out
}

/// Writes the same document as `deadlinesJSON` from the stored rows: facts are rendered from their encoded
/// form (no message tree, no String per field), in batches of 1,024 rows on every core, each batch checked
/// by the output gate where it was rendered, written in order.
/// Returns false, writing nothing, when the store's snapshots do not all serve today (read-only store).
func streamDeadlinesJSON(_ ctx: Context, within: Int, attorney: String?, write: (OutputGate.CheckedJSON) -> Void) throws -> Bool {
    try ctx.store.refreshAgenda(today: ctx.today, rules: ctx.agendaRules)
    let catalog = Catalog.current, engine = ctx.deadlines, today = ctx.today
    // Read each row's fields, still encoded, into batches (no String, no message tree); each full batch
    // is rendered on another core while the next is read; the chunks are written in order at the end.
    let chunks = RenderedChunks()
    let group = DispatchGroup()
    var batch = RowBatch(), count = 0
    func dispatch(_ full: RowBatch) {
        let index = count
        count += 1
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            chunks.set(index, OutputGate.checked(json: full.render(catalog, first: index == 0)))
        }
    }
    let streamed = try ctx.store.forEachAgendaRow(today: today, rules: ctx.agendaRules, through: today.adding(days: within),
                                                  kinds: DeadlineKind.allCases.map(\.rawValue), attorney: attorney) { row in
        guard let date = row.date else { return }
        let left = today.days(to: date)
        batch.add(row, daysLeft: left, severity: row.alwaysOverdue ? .overdue : engine.severity(daysLeft: left))
        if batch.rows.count == RowBatch.size {
            dispatch(batch)
            batch = RowBatch()
        }
    }
    if !batch.rows.isEmpty { dispatch(batch) }
    group.wait()
    guard streamed else { return false }
    let rendered = chunks.inOrder(count)
    write(OutputGate.checked(json: Array("{\"items\":[".utf8)))  // lint:allow-literal JSON keys of the file format
    for chunk in rendered { write(chunk) }
    write(OutputGate.checked(json: Array("\n],\"today\":\"\(today.iso)\",\"within\":\(within)}\n".utf8)))  // lint:allow-literal JSON keys of the file format
    return true
}

/// Rendered chunks by batch number, filled from several threads.
final class RenderedChunks: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [Int: OutputGate.CheckedJSON] = [:]
    func set(_ index: Int, _ chunk: OutputGate.CheckedJSON) {
        lock.lock()
        chunks[index] = chunk
        lock.unlock()
    }
    /// Chunks 0 ..< count, in order.
    func inOrder(_ count: Int) -> [OutputGate.CheckedJSON] {
        lock.lock()
        defer { lock.unlock() }
        return (0..<count).compactMap { chunks[$0] }
    }
}

/// Agenda rows copied from the store, their fields still bytes, to be rendered as deadlines JSON items.
struct RowBatch: Sendable {
    static let size = 1024
    struct RowRecord: Sendable {
        var application: Range<Int>?
        var client: Range<Int>, date: Range<Int>, kind: Range<Int>, name: Range<Int>, facts: Range<Int>
        var daysLeft: Int
        var severity: Severity
    }
    var bytes: [UInt8] = []
    var rows: [RowRecord] = []

    init() {
        bytes.reserveCapacity(RowBatch.size * 512)
        rows.reserveCapacity(RowBatch.size)
    }

    mutating func add(_ row: AgendaRowView, daysLeft: Int, severity: Severity) {
        func copy(_ column: AgendaRowView.Column) -> Range<Int> {
            let start = bytes.count
            // As a typed buffer, so that the append is one copy.
            row.bytes(column) { bytes.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
            return start..<bytes.count
        }
        rows.append(RowRecord(application: row.isNull(.application) ? nil : copy(.application), client: copy(.clientId),
                              date: copy(.date), kind: copy(.kind), name: copy(.name), facts: copy(.explanationFacts),
                              daysLeft: daysLeft, severity: severity))
    }

    /// The items as JSON (the same bytes `deadlinesJSON` writes for them).
    func render(_ catalog: Catalog, first: Bool) -> [UInt8] {
        var sink = ByteSink(jsonEscaped: true, capacity: rows.count * 560)
        let renderer = EncodedRenderer(catalog)
        bytes.withUnsafeBufferPointer { all in
            func field(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[r]) }
            /// A text field as a JSON string (the same escaping as the canonical writer).
            func string(_ r: Range<Int>) {
                sink.raw(quote)
                sink.put(field(r))
                sink.raw(quote)
            }
            for (i, row) in rows.enumerated() {
                sink.raw(first && i == 0 ? Keys.firstApplication : Keys.application)
                if let app = row.application { string(app) } else { sink.raw(Keys.null) }
                sink.raw(Keys.client); string(row.client)
                sink.raw(Keys.date); sink.raw(field(row.date))
                sink.raw(Keys.daysLeft); sink.raw(String(row.daysLeft).utf8)
                sink.raw(Keys.explanation)
                if !renderer.explanation(field(row.facts), into: &sink) { sink.text(catalog("agenda.unreadable-facts")) }
                sink.raw(Keys.kind); sink.raw(field(row.kind))
                sink.raw(Keys.name); string(row.name)
                sink.raw(Keys.severity); sink.raw(row.severity.rawValue.utf8); sink.raw(Keys.end)
            }
        }
        return sink.out
    }
}

/// The fixed pieces of a deadlines JSON item, as bytes (keys of the file format, sorted).
private enum Keys {
    static let firstApplication = Array("\n{\"application\":".utf8), application = Array(",\n{\"application\":".utf8)  // lint:allow-literal JSON keys
    static let client = Array(",\"client\":".utf8), date = Array(",\"date\":\"".utf8)  // lint:allow-literal JSON keys
    static let daysLeft = Array("\",\"daysLeft\":".utf8), explanation = Array(",\"explanation\":\"".utf8)  // lint:allow-literal JSON keys
    static let kind = Array("\",\"kind\":\"".utf8), name = Array("\",\"name\":".utf8)  // lint:allow-literal JSON keys
    static let severity = Array(",\"severity\":\"".utf8), end = Array("\"}".utf8), null = Array("null".utf8)  // lint:allow-literal JSON keys
}
private let quote: [UInt8] = [0x22]

/// Deadline items of every client (optionally one attorney's) within the horizon, sorted by date then client.
/// Read from the store's agenda snapshots (refreshed first when stale), one indexed query.
func collectDeadlines(_ ctx: Context, within: Int, attorney: String?) throws -> [(item: DeadlineItem, name: String)] {
    try agendaDeadlines(ctx, within: within, attorney: attorney).map { ($0.item, $0.name) }
}

/// The deadline items up to `within` days ahead (overdue ones included), with each client's name and attorney,
/// from the store's agenda snapshots (refreshed first when the store can be written).
func agendaDeadlines(_ ctx: Context, within: Int, attorney: String?) throws -> [(item: DeadlineItem, name: String, attorney: String?)] {
    let rules = ctx.agendaRules
    try ctx.store.refreshAgenda(today: ctx.today, rules: rules)
    let engine = ctx.deadlines
    let entries = try ctx.store.agendaEntries(today: ctx.today, rules: rules, through: ctx.today.adding(days: within),
                                              kinds: DeadlineKind.allCases.map(\.rawValue), attorney: attorney)
    return entries.compactMap { stored in
        stored.entry.deadlineItem(clientId: stored.clientId, today: ctx.today, engine: engine).map { ($0, stored.name, stored.attorney) }
    }
}

/// `ikamet deadlines --format`.
enum DeadlinesFormat: String, CaseIterable, ExpressibleByArgument, FormatOption {
    case table, json, csv, ics
    static let invalidKey = "cli.deadlines.format-invalid"
}

/// `ikamet deadlines`
struct DeadlinesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "deadlines", abstract: L("cli.deadlines.abstract"))
    }
    @OptionGroup var global: GlobalOptions
    // Optional with the default applied here, so the help shows the catalog's "(default 30)" in the reader's language only.
    @Option(name: .customLong("within"), help: ArgumentHelp(L("cli.deadlines.within-help"), valueName: "days")) var withinOption: Int?
    var within: Int { withinOption ?? 30 }
    @Option(name: .long, help: ArgumentHelp(L("cli.deadlines.attorney-help"))) var attorney: String?
    @Option(name: .long, help: ArgumentHelp(L("cli.deadlines.format-help")), transform: { try DeadlinesFormat.parse($0) })
    var format: DeadlinesFormat = .table

    func validate() throws {
        guard within >= 0 else { throw ValidationError(L("cli.deadlines.within-invalid")) }
    }

    func run() throws {
        try guarded {
            let ctx = try Context.openForAgenda(global)
            if let attorney { try ctx.checkAttorney(attorney) }
            // JSON, the scripts' format, streams the stored rows straight into the output (docs/performance.md).
            if format == .json, try streamDeadlinesJSON(ctx, within: within, attorney: attorney, write: { OutputGate.write($0) }) {
                return
            }
            let items = try collectDeadlines(ctx, within: within, attorney: attorney)
            let cat = Catalog.current
            switch format {
            case .json:
                OutputGate.json(Data(deadlinesJSON(items, today: ctx.today, within: within)))
            case .csv:
                OutputGate.line(CSV.line(cat("cli.deadlines.csv-header").components(separatedBy: ",")))
                for (item, name) in items {
                    OutputGate.line(CSV.line([item.clientId, name, item.kind.rawValue, item.date.iso, String(item.daysLeft),
                                    item.severity.rawValue, item.applicationId ?? "", cat.explanation(item.explanation)]))
                }
            case .ics:
                OutputGate.crlfDocument(ICS.calendar(items: items, today: ctx.today))
            case .table:
                var table = TextTable(columns: [.init(title: "", width: 2), .init(title: cat("cli.deadlines.column.date"), width: 10),
                                                .init(title: cat("cli.deadlines.column.days"), width: 5, rightAligned: true),
                                                .init(title: cat("cli.deadlines.column.client"), width: 10),
                                                .init(title: cat("cli.deadlines.column.name"), width: 20),
                                                .init(title: cat("cli.deadlines.column.action"), width: 27)])
                for (item, name) in items {
                    table.add([item.severity.mark, cat.date(item.date), String(item.daysLeft), item.clientId, name, cat.shown(item.kind.term)])
                }
                OutputGate.line(cat("cli.deadlines.summary", ["today": ctx.today, "within": within, "count": items.count]))
                OutputGate.line(table.render())
                OutputGate.line(cat("cli.deadlines.legend", ["critical": ctx.parameters.deadlines.criticalDays,
                                                             "soon": ctx.parameters.deadlines.soonDays]))
            }
        }
    }
}

extension IkametCommand {
    /// Runs the command line. Every message, help and usage errors included, leaves through
    /// the output gate, so an argument full of escape sequences is shown escaped.
    ///
    /// The language is chosen first (`--lang`, else `IKAMET_LANG`, else the locale; decision 0025) and the
    /// whole invocation, parsing and help included, runs with its catalog bound; a command that opens the
    /// store then switches to the office setting `language` when neither `--lang` nor `IKAMET_LANG` chose.
    /// An unknown explicit language is a usage error naming the available ones.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        let arguments = globalOptionsAfterCommand(arguments ?? Array(CommandLine.arguments.dropFirst()))
        let environment = ProcessInfo.processInfo.environment
        let catalog: Catalog
        do throws(LanguageChoice.Unknown) {
            catalog = try Language.initial(option: Language.option(in: arguments), environment: environment)
        } catch {
            let code = Catalog.using(Language.fallback(after: error, environment: environment)) { () -> Int32 in
                report(ValidationError(Language.unknownMessage(error)))
            }
            Foundation.exit(code)
        }
        let code = Catalog.using(catalog) { () -> Int32 in
            do {
                var command = try parseAsRoot(arguments)
                try command.run()
                return ExitCode.success.rawValue
            } catch {
                return report(error)
            }
        }
        Foundation.exit(code)
    }

    /// The options every command takes (`--lang`, `--store`, `--today`, `--user`), when written before
    /// the command's name (`ikamet --lang tr deadlines`), moved after it, where ArgumentParser reads them.
    static func globalOptionsAfterCommand(_ arguments: [String]) -> [String] {
        let global = ["--lang", "--store", "--today", "--user"]
        var leading: [String] = [], i = 0
        while i < arguments.count {
            let a = arguments[i]
            if global.contains(a), i + 1 < arguments.count {
                leading += [a, arguments[i + 1]]
                i += 2
            } else if global.contains(where: { a.hasPrefix($0 + "=") }) {
                leading.append(a)
                i += 1
            } else {
                break
            }
        }
        // Help (`--help`, `-h`, `help COMMAND`) takes no --lang of its own: the language is already bound.
        if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) || arguments.first(where: { !$0.hasPrefix("-") }) == "help" {
            var out: [String] = [], j = 0
            while j < arguments.count {
                if arguments[j] == "--lang", j + 1 < arguments.count { j += 2; continue }
                if arguments[j].hasPrefix("--lang=") { j += 1; continue }
                out.append(arguments[j]); j += 1
            }
            return out
        }
        guard !leading.isEmpty, i < arguments.count, !arguments[i].hasPrefix("-") else { return arguments }
        return [arguments[i]] + leading + arguments[(i + 1)...]
    }

    /// Writes an error's message (help on standard output) and returns the exit code.
    private static func report(_ error: any Error) -> Int32 {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if !message.isEmpty {
            OutputGate.line(message, to: code == .success ? .standardOutput : .standardError)
        }
        return code.rawValue
    }
}
