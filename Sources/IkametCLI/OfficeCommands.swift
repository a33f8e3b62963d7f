import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametData
import IkametStore
import IkametText

/// `ikamet backup DEST`
struct BackupCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "backup", abstract: L("cli.backup.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.backup.destination-help"))) var destination: String

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            let tty = isatty(2) == 1
            let cat = Catalog.current
            try ctx.store.backup(to: destination) { done, total in
                if tty && total > 0 { OutputGate.progress(cat("cli.backup.progress", ["percent": done * 100 / total])) }
            }
            if tty { printError("") }
            // Checked read-only, so the backup stays a single file in rollback-journal mode.
            let (clients, problems) = try OfficeStore.inspect(backup: destination)
            guard problems.isEmpty else {
                throw CLIError(L("cli.backup.damaged", ["file": destination, "problems": say(problems).joined(separator: "; ")]))
            }
            OutputGate.line(L("cli.backup.done", ["count": clients, "file": destination]))
        }
    }
}

/// `ikamet copy-store --from SRC --to DST`: between any two stores (files or office servers), into an empty one.
struct CopyStoreCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "copy-store", abstract: L("cli.copy-store.abstract"), discussion: L("cli.copy-store.discussion"))
    }
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: ArgumentHelp(L("cli.copy-store.from-help"), valueName: "store")) var from: String
    @Option(name: .long, help: ArgumentHelp(L("cli.copy-store.to-help"), valueName: "store")) var to: String

    func run() throws {
        try guarded {
            let environment = ProcessInfo.processInfo.environment
            let source = try CopyStoreCommand.open(Context.expandTilde(from, environment), creating: false)
            let destination = try CopyStoreCommand.open(Context.expandTilde(to, environment), creating: true)
            let report = try source.copy(to: destination)
            OutputGate.line(L("cli.copy-store.done", ["clients": report.rows["client"] ?? 0, "audit": report.rows["audit"] ?? 0,
                                                     "settings": report.rows["setting"] ?? 0, "from": source.label,
                                                     "to": destination.label, "digest": report.digest]))
        }
    }

    /// A store named on the command line: a server (which `ikamet init` made), or a file (created when it is the
    /// destination and does not exist; a missing source is refused).
    static func open(_ text: String, creating: Bool) throws -> OfficeStore {
        switch StoreLocation.parse(text) {
        case .postgres(let address): return try OfficeStore.open(server: address)
        case .file(let path):
            guard creating || FileManager.default.fileExists(atPath: path) else { throw CLIError(L("cli.common.store-missing", ["path": path])) }
            return try OfficeStore.open(path: path)
        }
    }
}

/// `ikamet restore BACKUP --yes`
struct RestoreCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "restore", abstract: L("cli.restore.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.restore.backup-help"))) var backup: String
    @Flag(name: .long, help: ArgumentHelp(L("cli.restore.yes-help"))) var yes = false

    func run() throws {
        try guarded {
            let (clients, problems) = try OfficeStore.inspect(backup: backup)
            guard problems.isEmpty else {
                throw CLIError(L("cli.restore.damaged", ["file": backup, "problems": say(problems).joined(separator: "; ")]))
            }
            // Without --yes nothing is opened for writing, and nothing is created.
            guard yes else {
                let current = try Context.open(global, readOnly: true).store.clientCount()
                throw CLIError(L("cli.restore.confirm", ["current": current, "count": clients, "file": backup]))
            }
            let ctx = try Context.open(global, creating: true)
            try ctx.store.restore(fromBackup: backup, by: ctx.actor)
            let restored = try ctx.store.clientCount()
            OutputGate.line(L("cli.restore.done", ["count": restored, "file": backup]))
        }
    }
}

/// `ikamet check`
struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "check", abstract: L("cli.check.abstract")) }
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            let problems = try ctx.store.integrityProblems()
            OutputGate.line(problems.isEmpty ? L("cli.check.integrity-ok") : L("cli.check.integrity-problems", ["count": problems.count]))
            say(problems).forEach { OutputGate.line("  \($0)") }
            let cat = Catalog.current
            var clients = 0, errors = 0, warnings = 0, withErrors = 0
            func report(_ c: Client, _ issues: [ValidationIssue]) {
                let e = issues.filter { $0.level == .error }.count
                errors += e; warnings += issues.count - e
                if e > 0 { withErrors += 1 }
                for issue in issues { OutputGate.line("  \(safe(c.id)): \(safe(issueText(issue, cat)))") }
            }
            // A dependent is checked against the supporter's file, read once the pass over the store is done.
            var dependents: [Client] = []
            try ctx.store.forEachClient { c in
                clients += 1
                if c.supporter?.clientId != nil { dependents.append(c); return }
                report(c, ctx.validator.validate(c, today: ctx.today, supporter: SupporterFacts.of(c, supporterFile: nil, today: ctx.today,
                                                                                                     engine: ctx.deadlines)))
            }
            for c in dependents {
                report(c, ctx.validator.validate(c, today: ctx.today, supporter: try ctx.store.supporterFacts(for: c, today: ctx.today,
                                                                                                                engine: ctx.deadlines)))
            }
            OutputGate.line(L("cli.check.summary", ["clients": clients, "errors": errors, "withErrors": withErrors, "warnings": warnings]))
            if let year = WorkingDayCalendar(table: ctx.data.holidays).uncoveredYear(around: ctx.today) {
                OutputGate.line(L("cli.common.warning", ["message": HolidayCoverage.warning(year: year)]))
            }
            if !problems.isEmpty || errors > 0 { throw ExitCode(1) }
        }
    }
}

/// `ikamet settings`
struct SettingsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "settings", abstract: L("cli.settings.abstract"),
                             discussion: L("cli.settings.discussion", ["codes": Catalog.available.joined(separator: ", "), "example": attorneysExample]))
    }
    /// A value of the setting `attorneys` (JSON; braces cannot stand in a catalog template).
    static let attorneysExample = #"[{"initials":"EK","name":"Elif Kaya"}]"#  // lint:allow-literal an example value
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.settings.key-help"))) var key: String?
    @Argument(help: ArgumentHelp(L("cli.settings.value-help"))) var value: String?
    @Flag(name: .long, help: ArgumentHelp(L("cli.settings.unset-help"))) var unset = false

    func validate() throws {
        if key != nil && value == nil && !unset { throw ValidationError(L("cli.settings.value-missing", ["key": key ?? ""])) }
        if unset && value != nil { throw ValidationError(L("cli.settings.unset-value")) }
    }

    func run() throws {
        try guarded {
            var ctx = try Context.open(global)
            if let key {
                // The language must name an installed catalog (the store only checks the code's shape).
                if key == "language", let value, !unset, Catalog.named(Language.settingWord(value)) == nil {
                    throw CLIError(L("cli.settings.language-invalid", ["value": Language.settingWord(value),
                                                                       "codes": Catalog.available.joined(separator: ", ")]))
                }
                try ctx.store.setSetting(key, to: unset ? nil : value, base: ctx.data.parameters, by: ctx.actor)
                ctx = try Context.make(store: ctx.store, data: ctx.data, options: global, environment: ctx.environment)
            }
            let rows = try ctx.store.settingRows()
            OutputGate.line(L("cli.settings.parameters"))
            for (path, v) in OfficeSettings.flatten(ctx.parameters) {
                let override = rows.first { $0.key == "rules.\(path)" }
                OutputGate.line("  \(path.padding(toLength: 42, withPad: " ", startingAt: 0)) \(v)"
                                + (override.map { "   " + L("cli.settings.override", ["user": safe($0.updatedBy), "at": $0.updatedAt]) } ?? ""))
            }
            let attorneys = try ctx.store.attorneys()
            OutputGate.line(L("cli.settings.attorneys", ["list": attorneys.isEmpty ? L("cli.settings.none-set")
                                                                  : attorneys.map { "\(safe($0.initials)) \(safe($0.name))" }.joined(separator: ", ")]))
            let languageDefault = (Catalog.named(Catalog.current.code) ?? .english).dateStyle.rawValue
            OutputGate.line(L("cli.settings.date-format", ["value": rows.first { $0.key == "dateFormat" }?.value ?? "\"\(languageDefault)\""]))
            let codes = Catalog.available.joined(separator: ", ")
            if let language = rows.first(where: { $0.key == "language" }) {
                OutputGate.line(L("cli.settings.language", ["value": safe(language.value), "codes": codes]))
            } else {
                OutputGate.line(L("cli.settings.language-unset", ["code": Catalog.current.code, "codes": codes]))
            }
            let office = try ctx.store.officeContact()
            OutputGate.line(L("cli.settings.office", ["name": safe(office.name ?? L("cli.settings.none-set")), "address": safe(office.address ?? "—"),
                                                      "phone": safe(office.phone ?? "—"), "email": safe(office.email ?? "—")]))
        }
    }
}
