import Foundation
import IkametCore
import IkametData
import IkametStore
import IkametTUI
import TerminalUI

/// Times the terminal UI on a store through the headless terminal: start to the
/// first complete agenda frame, then keystroke to frame for common actions.
@MainActor
func benchTUI(storePath: String, dataDirectory: String, today: CivilDate) throws {
    func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
    let t0 = now()
    let data = try RuleData.load(from: URL(fileURLWithPath: dataDirectory))
    // A store file, or an office server's URL (scripts/bench --engine postgresql).
    let store: OfficeStore
    switch StoreLocation.parse(storePath) {
    case .file(let path): store = try OfficeStore.open(path: path)
    case .postgres(let address): store = try OfficeStore.open(server: address)
    }
    let parameters = try store.parameters(base: data.parameters)
    let rules = AgendaRules.make(parameters: parameters, holidays: data.holidays)
    let deadlines = DeadlineEngine(parameters: parameters, calendar: WorkingDayCalendar(table: data.holidays))
    let env = AppEnvironment(deadlines: deadlines,
                             eligibility: EligibilityEngine(parameters: parameters.longTerm, deadlines: deadlines), validator: Validator(parameters: parameters),
                             templates: data.checklists, user: "BENCH")
    var state = AppState(today: today, width: 120, height: 40, storeLabel: store.label)
    state.templates = data.checklists
    let terminal = HeadlessTerminal(width: 120, height: 40, keepsHistory: false)
    let runtime = AppRuntime(state: state, env: env, store: store, terminal: terminal, timeZone: parameters.timeZone,
                             agendaRules: rules) { _ in [] }
    runtime.start()
    let startMs = Double(now() - t0) / 1e6
    let firstFrame = terminal.lastFrame?.text ?? ""
    guard firstFrame.contains("Overdue") || firstFrame.contains("Due this week") else {
        OutputGate.line("first frame is not an agenda:\n\(firstFrame)"); return
    }
    OutputGate.line(String(format: "start to first agenda frame: %.1f ms (%d agenda rows, %d clients)", startMs, runtime.state.agendaTotal,
                 runtime.state.clientCount))
    if ProcessInfo.processInfo.environment["BENCH_EFFECTS"] != nil {
        let q = RowBuilder.agendaQuery(today: today, horizon: 30, attorney: nil, env: env)
        for _ in 0..<3 {
            let t = now()
            _ = try store.agendaGroupCounts(q)
            OutputGate.line(String(format: "  counts alone: %.2f ms", Double(now() - t) / 1e6))
        }
    }

    func peakMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
    if ProcessInfo.processInfo.environment["BENCH_MEMORY"] != nil { OutputGate.line(String(format: "  (peak after start %.0f MB)", peakMB())) }
    func timeKeys(_ label: String, _ keys: [Key]) {
        let effects = ProcessInfo.processInfo.environment["BENCH_EFFECTS"] != nil
        if effects { runtime.effectTimings = [:] }
        defer {
            if effects, let timings = runtime.effectTimings {
                for (name, samples) in timings.sorted(by: { $0.key < $1.key }) {
                    OutputGate.line(String(format: "  effect %@: %d runs, median %.2f ms, max %.2f ms", name, samples.count,
                                           samples.sorted()[samples.count / 2], samples.max() ?? 0))
                }
            }
        }
        var samples: [Double] = []
        for key in keys {
            let t = now()
            runtime.press([key])
            samples.append(Double(now() - t) / 1e6)
        }
        if ProcessInfo.processInfo.environment["BENCH_SAMPLES"] != nil {
            OutputGate.line("  samples (ms, in key order): " + samples.map { String(format: "%.2f", $0) }.joined(separator: " "))
        }
        samples.sort()
        let median = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
        OutputGate.line(String(format: "%@: median %.2f ms, p99 %.2f ms, max %.2f ms over %d keys", label, median, p99, samples.last ?? 0, samples.count))
        if ProcessInfo.processInfo.environment["BENCH_MEMORY"] != nil { OutputGate.line(String(format: "  (peak so far %.0f MB)", peakMB())) }
    }
    // Scroll the agenda: down through several windows, then page down and back up.
    timeKeys("scroll agenda (j)", Array(repeating: .character("j"), count: 600))
    timeKeys("page agenda (PgDn/PgUp)", Array(repeating: .pageDown, count: 50) + Array(repeating: .pageUp, count: 50))
    // Open a client from the agenda and come back.
    timeKeys("open client (Enter) / back (q)", (0..<20).flatMap { _ in [Key.enter, .character("q"), .character("j")] })
    // The client list: open it, type a filter, clear it.
    runtime.press([.character("2")])
    timeKeys("type a filter on the client list", [.character("/")] + "ali".map { Key.character($0) } + [.backspace, .backspace, .backspace]
             + "yilmaz".map { Key.character($0) } + Array(repeating: .backspace, count: 6) + "s000123".map { Key.character($0) }
             + Array(repeating: .backspace, count: 7) + [.escape])
    timeKeys("scroll client list (j)", Array(repeating: .character("j"), count: 400))
    // Tick checklist items: a client with an application whose first checklist item is still missing.
    var target: (id: String, app: Int)?
    for c in try store.searchClientRecords(limit: 5000) {
        if let i = c.applications.firstIndex(where: { $0.checklist.first?.state == .missing }) { target = (c.id, i); break }
    }
    guard let target else { OutputGate.line("no client with a missing checklist item"); return }
    runtime.press([.character("1"), .character("/")] + target.id.lowercased().map { Key.character($0) } + [.enter, .enter])
    runtime.press([.tab, .tab, .tab] + Array(repeating: .character("j"), count: target.app) + [.enter])
    if runtime.state.route == .checklist, let id = runtime.state.checklist?.clientId {
        let before = try store.client(id)?.version ?? 0
        // Space moves the item forward and saves (one transaction, audit rows, agenda snapshot, screen reload).
        timeKeys("tick a checklist item and undo it (Space, u: each saves)", (0..<30).flatMap { _ in [Key.character(" "), .character("u")] })
        let after = try store.client(id)?.version ?? 0
        OutputGate.line("  (\(after - before) saves of client \(id); last status: \(runtime.state.status ?? "-"))")
    } else {
        OutputGate.line("could not reach a checklist (route \(runtime.state.route))")
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    OutputGate.line(String(format: "peak memory (max RSS) of the TUI process: %.1f MB", Double(usage.ru_maxrss) / 1024))
}
