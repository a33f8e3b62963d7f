import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametData
import IkametStore

/// `ikamet close CLIENT --reason R [--note T] [--on DATE]` (RULES.md §11).
struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a client file: from its date nothing is listed for the client; the file and its history stay (audited).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The client's file number.") var client: String
    @Option(name: .long, help: ArgumentHelp("Why: \(ClosingReason.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "reason"))
    var reason: String
    @Option(name: .long, help: "What happened, in words (required with --reason other).") var note: String?
    @Option(name: .long, help: "The closing date (default today).") var on: String?

    func validate() throws {
        guard let r = ClosingReason(rawValue: reason) else {
            throw ValidationError("--reason must be one of \(ClosingReason.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if r == .other, (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason other needs --note saying what happened") }
        if let on { do { _ = try CivilDate.parse(on) } catch { throw ValidationError("--on: \(error.description)") } }
    }

    func run() throws {
        try guarded {
            let ctx = try Context.open(global)
            let date = try on.map { try CivilDate.parse($0) } ?? ctx.today
            guard let reason = ClosingReason(rawValue: reason) else { return }
            let text = note.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let stored = try ctx.store.modify(client, by: ctx.actor, today: ctx.today, validator: ctx.validator) { c in
                if let existing = c.closed {
                    throw CLIError("client \(safe(c.id)) is already closed since \(existing.date.iso) (\(existing.reason.rawValue)); reopen it first")
                }
                c.closed = ClosedFile(date: date, reason: reason, note: text)
            }
            OutputGate.line("Closed \(safe(stored.client.id)) (\(safe(stored.client.name))) on \(date.iso): \(reason.rawValue). Version \(stored.version).")
        }
    }
}

/// `ikamet reopen CLIENT` (RULES.md §11).
struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a closed client file (audited).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The client's file number.") var client: String

    func run() throws {
        try guarded {
            let ctx = try Context.open(global)
            let stored = try ctx.store.modify(client, by: ctx.actor, today: ctx.today, validator: ctx.validator) { c in
                guard c.closed != nil else { throw CLIError("client \(safe(c.id)) is not closed") }
                c.closed = nil
            }
            OutputGate.line("Reopened \(safe(stored.client.id)) (\(safe(stored.client.name))). Version \(stored.version).")
        }
    }
}

/// `ikamet rules`: which rule files are in force, where they come from, and the years the holiday table covers.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Show the rule data in force: where it comes from, the holiday years covered, and the parameters.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let data: RuleData
            do { data = try RuleData.loadDefault() } catch { throw CLIError(String(describing: error)) }
            OutputGate.line("Rule data: \(safe(data.origin.description))")
            for file in RuleData.fileNames { OutputGate.line("  \(file)") }
            let years = data.holidays.religious.keys.compactMap(Int.init).sorted()
            OutputGate.line("Religious holidays listed for: \(years.map(String.init).joined(separator: ", "))")
            let today = try Context.resolveToday(global, environment: ProcessInfo.processInfo.environment, timeZone: data.parameters.timeZone)
            if let year = WorkingDayCalendar(table: data.holidays).uncoveredYear(around: today) {
                OutputGate.line("Warning: \(HolidayCoverage.warning(year: year))")
            }
            OutputGate.line("Parameters (data/rules.json; office overrides with `ikamet settings`):")
            for (key, value) in OfficeSettings.flatten(data.parameters) { OutputGate.line("  \(key) = \(safe(value))") }
        }
    }
}

