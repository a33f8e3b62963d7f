import ArgumentParser
import CursesTerminal
import Foundation
import IkametCore
import IkametData
import IkametStore
import IkametTUI
import TerminalUI

/// Starts the terminal UI on a store.
enum TUILauncher {
    static func launch(_ ctx: Context, demo: Bool) throws {
        try MainActor.assumeIsolated {
            let terminal: CursesTerminal
            do { terminal = try CursesTerminal() } catch { throw CLIError(String(describing: error)) }
            defer { terminal.close() }
            var state = AppState(today: ctx.today, storeLabel: ctx.store.path ?? "", isDemo: demo)
            state.templates = ctx.data.checklists
            state.useColor = terminal.hasColors
            if let row = try ctx.store.settingRows().first(where: { $0.key == "dateFormat" }), row.value.contains("dotted") {
                state.dateStyle = .dotted
            }
            if let year = WorkingDayCalendar(table: ctx.data.holidays).uncoveredYear(around: ctx.today) {
                state.status = "Warning: " + HolidayCoverage.warning(year: year)
            }
            if terminal.isASCIIFallback {
                state.status = "The locale is not UTF-8: drawing in ASCII (set LANG=C.UTF-8 for names in every script)."
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
