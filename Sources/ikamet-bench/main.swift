import Foundation
import TerminalUI
import IkametCore

// Release-build benchmarks and checks: `ikamet-bench eligibility`, `ikamet-bench tui STORE DATA_DIR`,
// `ikamet-bench fuzz [ITERATIONS [SEED]]`, `ikamet-bench interchange FILE`.
let arguments = CommandLine.arguments.dropFirst()
let today = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0)
switch arguments.first {
case "tui":
    let rest = Array(arguments.dropFirst())
    guard rest.count == 2 else { OutputGate.line("usage: ikamet-bench tui STORE DATA_DIR"); exit(2) }
    do { try MainActor.assumeIsolated { try benchTUI(storePath: rest[0], dataDirectory: rest[1], today: today) } } catch {
        OutputGate.line("error: \(error)"); exit(1)
    }
case "interchange":
    guard let path = arguments.dropFirst().first else { OutputGate.line("usage: ikamet-bench interchange FILE"); exit(2) }
    do { try benchInterchange(path: path) } catch { OutputGate.line("error: \(error)"); exit(1) }
case "fuzz":
    let rest = Array(arguments.dropFirst())
    let iterations = rest.first.flatMap { Int($0) } ?? 1_000_000
    let seed = rest.dropFirst().first.flatMap { UInt64($0) } ?? 1
    exit(fuzz(iterations: iterations, seed: seed) ? 0 : 1)
default:
    benchEligibility(today: today)
}
