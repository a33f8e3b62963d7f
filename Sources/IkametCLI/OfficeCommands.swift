import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametData
import IkametStore

/// `ikamet backup DEST`
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store to a new file with SQLite's backup API (safe while others write).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new backup file.") var destination: String

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            let tty = isatty(2) == 1
            try ctx.store.backup(to: destination) { done, total in
                if tty && total > 0 { OutputGate.progress("backing up \(done * 100 / total)%") }
            }
            if tty { printError("") }
            // Checked read-only, so the backup stays a single file in rollback-journal mode.
            let (clients, problems) = try OfficeStore.inspect(backup: destination)
            guard problems.isEmpty else { throw CLIError("the backup \(destination) fails the integrity check: " + problems.joined(separator: "; ")) }
            OutputGate.line("Backed up \(clients) client(s) to \(destination); integrity check ok.")
        }
    }
}

/// `ikamet restore BACKUP --yes`
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the store's contents with a backup (after checking the backup).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The backup file made by `ikamet backup`.") var backup: String
    @Flag(name: .long, help: "Confirm replacing everything in the store.") var yes = false

    func run() throws {
        try guarded {
            let (clients, problems) = try OfficeStore.inspect(backup: backup)
            guard problems.isEmpty else { throw CLIError("the backup \(backup) fails the integrity check; nothing was changed: " + problems.joined(separator: "; ")) }
            let ctx = try Context.open(global)
            guard yes else {
                throw CLIError("restoring replaces all \(try ctx.store.clientCount()) client(s) in the store with the \(clients) in \(backup); run again with --yes to confirm")
            }
            try ctx.store.restore(fromBackup: backup, by: ctx.actor)
            OutputGate.line("Restored \(try ctx.store.clientCount()) client(s) from \(backup).")
        }
    }
}

/// `ikamet check`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Integrity check of the store and rule validation of every client.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            let problems = try ctx.store.integrityProblems()
            OutputGate.line(problems.isEmpty ? "Database integrity: ok" : "Database integrity: \(problems.count) problem(s)")
            problems.forEach { OutputGate.line("  \($0)") }
            var clients = 0, errors = 0, warnings = 0, withErrors = 0
            try ctx.store.forEachClient { c in
                clients += 1
                let issues = ctx.validator.validate(c, today: ctx.today)
                let e = issues.filter { $0.level == .error }.count
                errors += e; warnings += issues.count - e
                if e > 0 { withErrors += 1 }
                for issue in issues { OutputGate.line("  \(safe(c.id)): \(safe(issue.description))") }
            }
            OutputGate.line("\(clients) client(s): \(errors) error(s) in \(withErrors) client(s), \(warnings) warning(s).")
            if let year = WorkingDayCalendar(table: ctx.data.holidays).uncoveredYear(around: ctx.today) {
                OutputGate.line("Warning: \(HolidayCoverage.warning(year: year))")
            }
            if !problems.isEmpty || errors > 0 { throw ExitCode(1) }
        }
    }
}

/// `ikamet settings`
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show or change the office settings kept in the store (audited).",
        discussion: """
            Keys: rules.<parameter> (e.g. rules.deadlines.mailingUnit calendar-days), attorneys \
            ('[{"initials":"EK","name":"Elif Kaya"}]'), dateFormat (iso or dotted). \
            `ikamet settings KEY VALUE` sets, `ikamet settings KEY --unset` goes back to the shipped value.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The setting to change.") var key: String?
    @Argument(help: "Its new value (JSON, or a bare word).") var value: String?
    @Flag(name: .long, help: "Remove the setting (use the shipped value).") var unset = false

    func validate() throws {
        if key != nil && value == nil && !unset { throw ValidationError("give a value for \(key ?? ""), or --unset") }
        if unset && value != nil { throw ValidationError("--unset takes no value") }
    }

    func run() throws {
        try guarded {
            var ctx = try Context.open(global)
            if let key {
                try ctx.store.setSetting(key, to: unset ? nil : value, base: ctx.data.parameters, by: ctx.actor)
                ctx = try Context.make(store: ctx.store, data: ctx.data, options: global, environment: ctx.environment)
            }
            let rows = try ctx.store.settingRows()
            OutputGate.line("Rule parameters (data/rules.json, with the office's overrides):")
            for (path, v) in OfficeSettings.flatten(ctx.parameters) {
                let override = rows.first { $0.key == "rules.\(path)" }
                OutputGate.line("  \(path.padding(toLength: 42, withPad: " ", startingAt: 0)) \(v)" + (override.map { "   (office setting by \(safe($0.updatedBy)) at \($0.updatedAt))" } ?? ""))
            }
            let attorneys = try ctx.store.attorneys()
            OutputGate.line("Attorneys: " + (attorneys.isEmpty ? "(none set)" : attorneys.map { "\(safe($0.initials)) \(safe($0.name))" }.joined(separator: ", ")))
            OutputGate.line("Date format: " + (rows.first { $0.key == "dateFormat" }?.value ?? "\"iso\""))
        }
    }
}
