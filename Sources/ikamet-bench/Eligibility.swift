import Foundation
import TerminalUI
import IkametCore

// Micro-benchmark of the long-term eligibility engine (issue 2): one client with
// 20 years of permits and 2,000 trips. Run through scripts/bench-core (release build).

func makeClient(trips tripCount: Int, years: Int, today: CivilDate) -> Client {
    let start = today.adding(years: -years)
    var permits: [Permit] = []
    var d = start
    var k = 0
    while d < today {
        let end = d.adding(years: 1).adding(days: -1)
        permits.append(Permit(type: k % 5 == 0 ? .student : .shortTerm, start: d, end: end))
        d = end.adding(days: 1)
        k += 1
    }
    var trips: [Trip] = []
    let span = start.days(to: today)
    let step = max(span / tripCount, 2)
    var state: UInt64 = 42
    for i in 0..<tripCount {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        let exit = start.adding(days: i * step)
        let length = 1 + Int(state >> 33) % max(step - 1, 1)
        trips.append(Trip(exit: exit, entry: exit.adding(days: length)))
    }
    return Client(id: "BENCH", name: "Bench", permits: permits, trips: trips)
}

@discardableResult
func measure(_ label: String, runs: Int, _ body: () -> Void) -> (median: Double, p99: Double) {
    var samples: [Double] = []
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000)
    }
    samples.sort()
    let median = samples[samples.count / 2]
    let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
    OutputGate.line(String(format: "%@: median %.3f ms, p99 %.3f ms over %d runs", label, median, p99, runs))
    return (median, p99)
}

/// One eligibility evaluation and the earliest-date search on a client with 20 years and 2,000 trips.
func benchEligibility(today: CivilDate) {
let client = makeClient(trips: 2000, years: 20, today: today)
let engine = EligibilityEngine()
    var sink = 0
OutputGate.line("client: \(client.permits.count) permits, \(client.trips.count) trips over 20 years")
let report = engine.evaluate(client, today: today)
OutputGate.line("verdict: eligible=\(report.eligible), earliest=\(report.earliestEligibleDate?.iso ?? "none")")
measure("eligibility evaluation (report, no search)", runs: 200) {
    sink &+= engine.evaluate(client, today: today, searchEarliest: false).rules.count
}
measure("evaluation + earliest-eligible-date search", runs: 100) {
    sink &+= engine.evaluate(client, today: today).earliestEligibleDate?.dayNumber ?? 0
}
// A client who never becomes eligible: the search runs the full 10 years.
var never = client
never.permits[never.permits.count - 1].type = .humanitarian
measure("evaluation + search, never eligible (full 10-year scan)", runs: 100) {
    sink &+= never.permits.count + (engine.evaluate(never, today: today).earliestEligibleDate?.dayNumber ?? 0)
}
OutputGate.line("(checksum \(sink))")
}
