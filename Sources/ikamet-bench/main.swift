import Foundation
import IkametCore

// Release-build benchmarks: `ikamet-bench eligibility` and `ikamet-bench tui STORE DATA_DIR`.
let arguments = CommandLine.arguments.dropFirst()
let today = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0)
switch arguments.first {
case "tui":
    let rest = Array(arguments.dropFirst())
    guard rest.count == 2 else { print("usage: ikamet-bench tui STORE DATA_DIR"); exit(2) }
    do { try MainActor.assumeIsolated { try benchTUI(storePath: rest[0], dataDirectory: rest[1], today: today) } } catch {
        print("error: \(error)"); exit(1)
    }
default:
    benchEligibility(today: today)
}
