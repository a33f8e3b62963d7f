import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametData
import IkametStore

/// The `ikamet` command: with no subcommand it opens the terminal UI.
public struct IkametCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ikamet",
        abstract: "Residence-permit case manager for law offices in Turkey.",
        discussion: """
            With no subcommand, opens the terminal UI on the office store. Every \
            command accepts --store, --today and --user after its name.
            """,
        subcommands: [
            TUICommand.self, ImportCommand.self, ExportCommand.self, DeadlinesCommand.self, EligibilityCommand.self,
            ClientsCommand.self, ClientCommand.self, ChecklistCommand.self, LogCommand.self, BackupCommand.self,
            RestoreCommand.self, CheckCommand.self, DemoCommand.self, SettingsCommand.self, CloseCommand.self, ReopenCommand.self,
            RulesCommand.self,
        ],
        defaultSubcommand: TUICommand.self)

    public init() {}
}

/// Opens the terminal UI (the default command).
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the terminal UI on the office store (the default).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let ctx = try Context.open(global)
            try TUILauncher.launch(ctx, demo: false)
        }
    }
}


/// `ikamet import FILE`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an ikamet/1 JSON file, all or nothing.",
        discussion: "On any error nothing is written and the message names the client, the field and what is wrong. A client whose file number exists already is updated (audited).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The ikamet/1 file.") var file: String

    func run() throws {
        try guarded {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped) } catch {
                throw CLIError("cannot read \(file): \(error.localizedDescription)")
            }
            // The file is checked before the store is opened: a broken file never touches it.
            let scanner: InterchangeScanner
            do throws(InterchangeError) { scanner = try InterchangeScanner(data) } catch {
                throw CLIError("import refused, nothing was written: \(file): \(error.description)")
            }
            // Every client is decoded and checked before the store is opened for writing, so a refused
            // file leaves the store's bytes alone (opening a store for writing lets GRDB touch its header).
            let rules: RuleData
            do { rules = try RuleData.loadDefault() } catch { throw CLIError(String(describing: error)) }
            let checkDay = try Context.resolveToday(global, environment: ProcessInfo.processInfo.environment,
                                                    timeZone: rules.parameters.timeZone)
            do {
                try OfficeStore.checkImport(count: scanner.clientRanges.count, validator: Validator(parameters: rules.parameters),
                                            today: checkDay) { i in try scanner.client(i) }
            } catch StoreError.importRefused(let e) {
                throw CLIError("import refused, nothing was written: \(file): \(e.description)")
            }
            let ctx = try Context.open(global)
            let showProgress = isatty(2) == 1 && data.count > 5_000_000
            let summary: ImportSummary
            do {
                summary = try ctx.store.importClients(count: scanner.clientRanges.count, by: ctx.actor, today: ctx.today,
                                                      validator: ctx.validator, progress: { done, total in
                    if showProgress { OutputGate.progress("importing \(done)/\(total)") }
                }, decode: { i in try scanner.client(i) })
            } catch StoreError.importRefused(let e) {
                if showProgress { printError("") }
                throw CLIError("import refused, nothing was written: \(file): \(e.description)")
            }
            if showProgress { printError("") }
            OutputGate.line("Imported \(scanner.clientRanges.count) client(s) from \(file): \(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged.")
        }
    }
}

/// `ikamet export`
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export clients as canonical ikamet/1 JSON.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Write to this file instead of standard output.") var output: String?
    @Option(name: .long, help: "Only this client (file number).") var client: String?

    func run() throws {
        try guarded {
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
                printError("Exported \(clients.count) client(s) to \(output).")
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
        throw CLIError("cannot write \(path): \(error.localizedDescription)")
    }
}

/// The JSON of `ikamet deadlines --format json`, written directly (a large caseload has tens of thousands of items):
/// `{"items":[{"application","client","date","daysLeft","explanation","kind","name","severity"}],"today","within"}`, keys sorted.
func deadlinesJSON(_ items: [(item: DeadlineItem, name: String)], today: CivilDate, within: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(items.count * 600 + 64)
    func raw(_ s: String) { out.append(contentsOf: s.utf8) }
    raw("{\"items\":[")
    for (i, (item, name)) in items.enumerated() {
        raw(i == 0 ? "\n{\"application\":" : ",\n{\"application\":")
        if let app = item.applicationId { ClientJSON.appendString(app, to: &out) } else { raw("null") }
        raw(",\"client\":"); ClientJSON.appendString(item.clientId, to: &out)
        raw(",\"date\":\"\(item.date.iso)\",\"daysLeft\":\(item.daysLeft),\"explanation\":")
        ClientJSON.appendString(item.explanation.text, to: &out)
        raw(",\"kind\":\"\(item.kind.rawValue)\",\"name\":"); ClientJSON.appendString(name, to: &out)
        raw(",\"severity\":\"\(item.severity.rawValue)\"}")
    }
    raw("\n],\"today\":\"\(today.iso)\",\"within\":\(within)}\n")
    return out
}

/// Deadline items of every client (optionally one attorney's) within the horizon, sorted by date then client.
/// Read from the store's agenda snapshots (refreshed first when stale), one indexed query.
func collectDeadlines(_ ctx: Context, within: Int, attorney: String?) throws -> [(item: DeadlineItem, name: String)] {
    let rules = ctx.agendaRules
    try ctx.store.refreshAgenda(today: ctx.today, rules: rules)
    let engine = ctx.deadlines
    let entries = try ctx.store.agendaEntries(today: ctx.today, rules: rules, through: ctx.today.adding(days: within),
                                              kinds: DeadlineKind.allCases.map(\.rawValue), attorney: attorney)
    return entries.compactMap { stored in
        stored.entry.deadlineItem(clientId: stored.clientId, today: ctx.today, engine: engine).map { ($0, stored.name) }
    }
}

/// `ikamet deadlines`
struct DeadlinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "List what is due: items dated up to today + DAYS, and every overdue item.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Horizon in days (default 30).") var within: Int = 30
    @Option(name: .long, help: "Only this attorney's clients (initials).") var attorney: String?
    @Option(name: .long, help: "table, json, csv or ics.") var format: String = "table"

    func validate() throws {
        guard ["table", "json", "csv", "ics"].contains(format) else { throw ValidationError("--format must be table, json, csv or ics") }
        guard within >= 0 else { throw ValidationError("--within must be 0 or more days") }
    }

    func run() throws {
        try guarded {
            // Read-only unless the agenda cache must be refreshed for today: then the refreshed
            // snapshots are written back for the next reader. An up-to-date store is left byte for byte.
            var ctx = try Context.open(global, readOnly: true)
            if try ctx.store.agendaNeedsRefresh(today: ctx.today, rules: ctx.agendaRules) {
                ctx = try Context.open(global, quiet: true)
            }
            let items = try collectDeadlines(ctx, within: within, attorney: attorney)
            switch format {
            case "json":
                OutputGate.json(Data(deadlinesJSON(items, today: ctx.today, within: within)))
            case "csv":
                OutputGate.line(CSV.line(["client", "name", "kind", "date", "daysLeft", "severity", "application", "explanation"]))
                for (item, name) in items {
                    OutputGate.line(CSV.line([item.clientId, name, item.kind.rawValue, item.date.iso, String(item.daysLeft),
                                    item.severity.rawValue, item.applicationId ?? "", item.explanation.text]))
                }
            case "ics":
                OutputGate.crlfDocument(ICS.calendar(items: items, today: ctx.today))
            default:
                var table = TextTable(columns: [.init(title: "", width: 2), .init(title: "Date", width: 10),
                                                .init(title: "Days", width: 5, rightAligned: true), .init(title: "Client", width: 10),
                                                .init(title: "Name", width: 20), .init(title: "Action", width: 27)])
                for (item, name) in items {
                    table.add([item.severity.mark, item.date.iso, String(item.daysLeft), item.clientId, name, item.kind.label])
                }
                OutputGate.line("Deadlines on \(ctx.today.iso), next \(within) days and everything overdue: \(items.count) item(s)")
                OutputGate.line(table.render())
                OutputGate.line("!! overdue  ! due within \(ctx.parameters.deadlines.criticalDays) days  * within \(ctx.parameters.deadlines.soonDays) days")
            }
        }
    }
}

extension IkametCommand {
    /// Runs the command line. Every message, help and usage errors included, leaves through
    /// the output gate, so an argument full of escape sequences is shown escaped.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(ExitCode.success.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                OutputGate.line(message, to: code == .success ? .standardOutput : .standardError)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
