import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametData
import IkametStore
import IkametText

/// `ikamet close CLIENT --reason R [--note T] [--on DATE]` (RULES.md §11).
struct CloseCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "close", abstract: L("cli.close.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.common.client-help"))) var client: String
    @Option(name: .long, help: ArgumentHelp(L("cli.close.reason-help", ["reasons": ClosingReason.allCases.map(\.rawValue).joined(separator: ", ")]),
                                            valueName: "reason"),
            transform: { text in
                guard let reason = ClosingReason(rawValue: text) else {
                    throw ValidationError(L("cli.close.reason-invalid", ["reasons": ClosingReason.allCases.map(\.rawValue).joined(separator: ", ")]))
                }
                return reason
            })
    var reason: ClosingReason
    @Option(name: .long, help: ArgumentHelp(L("cli.close.note-help"))) var note: String?
    @Option(name: .long, help: ArgumentHelp(L("cli.close.on-help"))) var on: String?

    func validate() throws {
        if reason == .other, (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError(L("cli.close.note-missing")) }
        if let on { do { _ = try CivilDate.parse(on) } catch { throw ValidationError(optionProblem("--on", dateProblem(error))) } }
    }

    func run() throws {
        try guarded {
            let ctx = try Context.open(global)
            let date = try on.map { try CivilDate.parse($0) } ?? ctx.today
            let reason = self.reason
            let text = note.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let cat = Catalog.current  // the closure may run on the store's queue
            let stored = try ctx.store.modify(client, by: ctx.actor, today: ctx.today, validator: ctx.validator) { c in
                if let existing = c.closed {
                    throw CLIError(cat("cli.close.already-closed", ["client": safe(c.id), "date": existing.date,
                                                                    "reason": cat.shown(existing.reason.term)]))
                }
                c.closed = ClosedFile(date: date, reason: reason, note: text)
            }
            OutputGate.line(L("cli.close.done", ["client": safe(stored.client.id), "name": safe(stored.client.name), "date": date,
                                                 "reason": say(reason.term), "version": stored.version]))
        }
    }
}

/// `ikamet reopen CLIENT` (RULES.md §11).
struct ReopenCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "reopen", abstract: L("cli.reopen.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.common.client-help"))) var client: String

    func run() throws {
        try guarded {
            let ctx = try Context.open(global)
            let cat = Catalog.current  // the closure may run on the store's queue
            let stored = try ctx.store.modify(client, by: ctx.actor, today: ctx.today, validator: ctx.validator) { c in
                guard c.closed != nil else { throw CLIError(cat("cli.reopen.not-closed", ["client": safe(c.id)])) }
                c.closed = nil
            }
            OutputGate.line(L("cli.reopen.done", ["client": safe(stored.client.id), "name": safe(stored.client.name), "version": stored.version]))
        }
    }
}

/// `ikamet rules`: which rule files are in force, where they come from, and the years the holiday table covers.
struct RulesCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "rules", abstract: L("cli.rules.abstract")) }
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let data: RuleData
            do { data = try RuleData.loadDefault() } catch { throw CLIError(errorText(error)) }
            let origin = data.origin.files.map { file in
                L("cli.rules.origin-file", ["file": file.name,
                                            "source": file.source == RuleDataOrigin.builtIn ? L("cli.rules.built-in") : file.source])
            }
            OutputGate.line(L("cli.rules.origin", ["files": safe(origin.joined(separator: "; "))]))
            for file in RuleData.fileNames { OutputGate.line("  \(file)") }
            let years = data.holidays.religious.keys.compactMap(Int.init).sorted()
            OutputGate.line(L("cli.rules.religious-years", ["years": years.map(String.init).joined(separator: ", ")]))
            let today = try Context.resolveToday(global, environment: ProcessInfo.processInfo.environment, timeZone: data.parameters.timeZone)
            if let year = WorkingDayCalendar(table: data.holidays).uncoveredYear(around: today) {
                OutputGate.line(L("cli.common.warning", ["message": HolidayCoverage.warning(year: year)]))
            }
            OutputGate.line(L("cli.rules.parameters"))
            for (key, value) in OfficeSettings.flatten(data.parameters) { OutputGate.line("  \(key) = \(safe(value))") }
        }
    }
}

