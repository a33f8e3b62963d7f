import ArgumentParser
import CursesTerminal
import Foundation
import IkametCore
import IkametData
import IkametStore
import IkametText
import IkametTUI
import TerminalUI

/// Starts the terminal UI on a store.
enum TUILauncher {
    /// `language`: the catalog code the screen starts in (the invocation's: `--lang`, `IKAMET_LANG`, the office
    /// setting, the locale); `dateFormat`: the office's explicit date style (setting `dateFormat`), nil for the language's own.
    static func launch(_ ctx: Context, demo: Bool, language: String, dateFormat: Catalog.DateStyle?) throws {
        try MainActor.assumeIsolated {
            // The terminal's own refusals, checked first so that they are said in the current language.
            let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
            guard isatty(0) == 1, isatty(1) == 1 else { throw CLIError(L("cli.tui.no-terminal")) }
            guard !term.isEmpty, term != "dumb" else { throw CLIError(L("cli.tui.no-term")) }
            let terminal: CursesTerminal
            do { terminal = try CursesTerminal() } catch { throw CLIError(L("cli.tui.unknown-term", ["term": term])) }
            defer { terminal.close() }
            var state = AppState(today: ctx.today, storeLabel: ctx.store.label, isDemo: demo, language: language, dateFormat: dateFormat)
            state.templates = ctx.data.checklists
            state.role = try? ctx.store.serverRole()
            state.useColor = terminal.hasColors
            if let year = WorkingDayCalendar(table: ctx.data.holidays).uncoveredYear(around: ctx.today) {
                state.status = L("cli.common.warning", ["message": HolidayCoverage.warning(year: year)])
            }
            if terminal.isASCIIFallback {
                state.status = L("cli.tui.ascii-fallback")
            }
            let env = AppEnvironment(deadlines: ctx.deadlines, eligibility: ctx.eligibility, validator: ctx.validator,
                                     templates: ctx.data.checklists, user: ctx.user)
            let demo = ctx.data.demo
            let runtime = AppRuntime(state: state, env: env, store: ctx.store, terminal: terminal, timeZone: ctx.parameters.timeZone,
                                     agendaRules: ctx.agendaRules) { today in
                try DemoCaseload.load(demo, today: today)
            }
            if !ctx.todayPinned { runtime.clock = OfficeClock(timeZoneIdentifier: ctx.parameters.timeZone) }
            var signal: Int32 = 0
            runtime.run {
                signal = terminal.takeSignal()
                return signal != 0
            }
            terminal.close()
            if signal != 0 { throw ExitCode(128 + signal) }
        }
    }
}
