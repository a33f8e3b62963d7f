import IkametTestSupport
import Testing
import PropertyBased
@testable import IkametCore

// Property tests of the long-term time rules (RULES.md §7) on random histories:
// permits with gaps, adjacency and overlaps, of every type (humanitarian and
// student included), trips of every length (some open, some exempt, some in the
// future), and reference dates before, on and after today.

/// A random history with a today and a reference date.
private struct Scenario: Sendable, CustomStringConvertible {
    var client: Client
    var today: CivilDate
    var reference: CivilDate

    var description: String {
        let permits = client.permits.map { "\($0.type.rawValue) \($0.start)…\($0.end?.iso ?? "open")" }
        let trips = client.trips.map { "\($0.exit)→\($0.entry?.iso ?? "open")\($0.exempt.map { " (\($0.rawValue))" } ?? "")" }
        return "today \(today), reference \(reference), permits [\(permits.joined(separator: ", "))], trips [\(trips.joined(separator: ", "))]"
    }
}

private let baseDate = CivilDate(year: 2008, month: 1, day: 1)!

private func permitType(_ n: Int) -> PermitType {
    switch n {
    case 0...10: .shortTerm
    case 11...13: .student
    case 14...15: .family
    case 16: .workPermit
    case 17: .humanitarian
    default: .traffickingVictim
    }
}

/// (gap code, length in days, type code): a gap code ≤ −21 overlaps the previous permit by that many days,
/// −20…0 is adjacent, 1…90 is a gap of that many days, above 90 a long gap of (code − 90) × 30 days.
private let permitSpecs = zip(Gen.int(in: -40...100), Gen.int(in: 200...1500), Gen.int(in: 0...18)).array(of: 1...6)

/// (offset from the base date, length code, kind): a length code below 220 is a short trip of code / 4 days,
/// from 220 a long one of (code − 220) × 6 days (up to 240); kind 0 is open (no re-entry), 1–2 exempt, else ordinary.
private let tripSpecs = zip(Gen.int(in: -200...6000), Gen.int(in: 0...260), Gen.int(in: 0...39)).array(of: 0...7)

/// (start offset of the history, today after it, reference relative to today, cover code): a cover code
/// above 0 stretches the last permit to end that many × 20 days after today (0: the history is left as drawn).
private let dateSpecs = zip(Gen.int(in: 0...1500), Gen.int(in: 1500...5000), Gen.int(in: -400...900), Gen.int(in: 0...40))

/// (r2) An extension of the last permit: (status code, submitted relative to the last permit's end, decision
/// relative to the end). Status codes: 0–2 none; 3 in review at an appointment; 4 approved; 5 rejected;
/// 6 submitted by post and never mailed (it lapses 5 working days after submission); 7 a draft.
private let extensionSpecs = zip(Gen.int(in: 0...7), Gen.int(in: -70...10), Gen.int(in: -5...120))

private func makeScenario(_ permits: [(Int, Int, Int)], _ trips: [(Int, Int, Int)], _ dates: (Int, Int, Int, Int),
                          _ ext: (Int, Int, Int) = (0, 0, 0)) -> Scenario {
    let start = baseDate.adding(days: dates.0)
    var list: [Permit] = []
    var next = start
    for (gapCode, length, typeCode) in permits {
        let gap = gapCode <= -21 ? gapCode : gapCode <= 0 ? 0 : gapCode <= 90 ? gapCode : (gapCode - 90) * 30
        let from = next.adding(days: gap)
        let to = from.adding(days: length - 1)
        list.append(Permit(type: permitType(typeCode), start: from, end: to))
        next = to.adding(days: 1)
    }
    let today = start.adding(days: dates.1)
    if dates.3 > 0, let last = list.indices.last, let end = list[last].end {
        list[last].end = max(end, today.adding(days: (dates.3 - 1) * 20))
    }
    var tripList: [Trip] = []
    for (offset, lengthCode, kind) in trips {
        let length = lengthCode < 220 ? lengthCode / 4 : (lengthCode - 220) * 6
        let exit = start.adding(days: offset)
        let exempt: TripExemption? = kind == 1 ? .health : kind == 2 ? .education : nil
        tripList.append(Trip(exit: exit, entry: kind == 0 ? nil : exit.adding(days: length), exempt: exempt))
    }
    var applications: [Application] = []
    if ext.0 >= 3, let end = list.max(by: { $0.start < $1.start })?.end {
        let submitted = end.adding(days: ext.1)
        let decided = end.adding(days: ext.2)
        let (status, delivery): (ApplicationStatus, Delivery) = switch ext.0 {
        case 3: (.inReview, .appointment)
        case 4: (.approved, .appointment)
        case 5: (.rejected, .appointment)
        case 6: (.submitted, .mail)
        default: (.draft, .appointment)
        }
        applications.append(Application(id: "E1", kind: .extension, permitType: list.last?.type ?? .shortTerm, status: status,
                                         submitted: submitted, delivery: delivery,
                                         decided: status == .approved || status == .rejected ? max(decided, submitted) : nil))
    }
    return Scenario(client: Client(id: "P-1", name: "Property", permits: list, trips: tripList, applications: applications),
                    today: today, reference: today.adding(days: dates.2))
}

private let scenarios = zip(zip(permitSpecs, tripSpecs, dateSpecs), extensionSpecs).map { makeScenario($0.0.0, $0.0.1, $0.0.2, $0.1) }

/// An extra ordinary trip relative to the reference date: (offset, length, open?).
private let extraTripSpecs = zip(Gen.int(in: -3300...400), Gen.int(in: 0...250), Gen.int(in: 0...9))

private func extraTrip(_ spec: (Int, Int, Int), reference: CivilDate) -> Trip {
    let exit = reference.adding(days: spec.0)
    return Trip(exit: exit, entry: spec.2 == 0 ? nil : exit.adding(days: spec.1))
}

private let absenceRules: [EligibilityRuleId] = [.singleAbsence, .yearlyAbsence, .fiveYearAbsence]

@Suite("Eligibility properties")
struct EligibilityPropertyTests {
    let engine = EligibilityEngine()

    @Test func addingATripNeverTurnsAFailureIntoAPass() async {
        await propertyCheck(count: 200, input: scenarios, extraTripSpecs) { s, spec in
            let added = extraTrip(spec, reference: s.reference)
            let before = engine.evaluate(s.client, today: s.today, reference: s.reference)
            let after = engine.evaluate(s.client, today: s.today, reference: s.reference, extraTrips: [added])
            for id in absenceRules + [.permitTime] {
                if before.rule(id)?.passed == false {
                    #expect(after.rule(id)?.passed == false, "\(id.rawValue) turned to pass after adding \(added) — \(s)")
                }
            }
            if !before.eligible {
                #expect(!after.eligible, "overall turned to pass after adding \(added) — \(s)")
            }
            // Interruption counts can only grow, credit can only shrink.
            for (b, a) in zip(before.slices, after.slices) {
                #expect(a.interruptionDays >= b.interruptionDays, "slice \(b.index) — \(s)")
            }
            #expect((after.rule(.fiveYearAbsence)?.value ?? 0) >= (before.rule(.fiveYearAbsence)?.value ?? 0), "\(s)")
            #expect((after.rule(.permitTime)?.value ?? 0) <= (before.rule(.permitTime)?.value ?? 0), "\(s)")
            // The set of passing dates can only shrink, so the earliest date can only move later (or vanish).
            if let a = after.earliestEligibleDate {
                #expect(before.earliestEligibleDate.map { $0 <= a } ?? false, "earliest moved earlier — \(s)")
            }
        }
    }

    @Test func theEarliestEligibleDatePassesAndTheDayBeforeFails() async {
        await propertyCheck(count: 200, input: scenarios) { s in
            let report = engine.evaluate(s.client, today: s.today, reference: s.reference)
            #expect(report.eligible == (report.earliestEligibleDate == s.reference), "\(s)")
            guard let earliest = report.earliestEligibleDate else { return }
            #expect(earliest >= s.reference, "\(s)")
            #expect(engine.passes(s.client, today: s.today, reference: earliest), "earliest \(earliest) — \(s)")
            #expect(engine.evaluate(s.client, today: s.today, reference: earliest).eligible, "earliest \(earliest) — \(s)")
            if earliest > s.reference {
                let before = earliest.adding(days: -1)
                #expect(!engine.passes(s.client, today: s.today, reference: before), "day before \(before) — \(s)")
                #expect(!engine.evaluate(s.client, today: s.today, reference: before).eligible, "day before \(before) — \(s)")
            }
        }
    }

    @Test func theFastCheckAgreesWithTheFullReport() async {
        await propertyCheck(count: 200, input: scenarios, Gen.int(in: -800...1500)) { s, shift in
            for reference in [s.reference, s.today.adding(days: shift)] {
                let report = engine.evaluate(s.client, today: s.today, reference: reference)
                let fast = engine.passes(s.client, today: s.today, reference: reference)
                #expect(fast == report.eligible, "reference \(reference): passes \(fast), report \(report.eligible) — \(s)")
                #expect(report.eligible == report.rules.allSatisfy(\.passed), "\(s)")
            }
        }
    }
}

// MARK: - A day-by-day reading of RULES.md §7 (default parameters), as an oracle for the report

/// The time rules evaluated naively, one day at a time, straight from the rulebook's wording.
private struct NaiveVerdict: Equatable, CustomStringConvertible {
    var single: Bool
    var slices: [Int]
    var fiveYear: Int
    var creditHalves: Int   // credited days × 2
    var needed: Int
    /// The permit covering S − 1 is humanitarian or trafficking-victim (r2).
    var barred: Bool
    /// S itself is a permit day (r2 rule 6).
    var validPermit: Bool

    var description: String {
        "single \(single), slices \(slices), five \(fiveYear), credit \(Double(creditHalves) / 2) of \(needed), barred \(barred), valid \(validPermit)"
    }
}

private func naiveVerdict(_ client: Client, today: CivilDate, reference s: CivilDate) -> NaiveVerdict {
    // r2 covered days: a timely extension (submitted within a permit P, the latest end if several) that is
    // pending and not lapsed, or approved, covers P.end + 1 up to the day before the next permit or today.
    var permits = client.permits
    var coveredToToday: Set<Permit> = []
    for app in client.applications where app.kind == .extension {
        let pending = app.status.isPending && (DeadlineEngine().lapseDate(of: app).map { today < $0 } ?? true)
        guard pending || app.status == .approved, let sub = app.submitted else { continue }
        guard let p = client.permits.filter({ $0.start <= sub && ($0.end.map { sub <= $0 } ?? true) })
            .max(by: { ($0.end ?? .distantFuture) < ($1.end ?? .distantFuture) }), let end = p.end else { continue }
        let nextStart = client.permits.filter { $0.start > end }.map(\.start).min()
        var day = end.adding(days: 1)
        while day <= (nextStart.map { $0.adding(days: -1) } ?? today) {
            permits.append(Permit(type: p.type, start: day, end: day))
            if day == today { coveredToToday.insert(p) }
            day = day.adding(days: 1)
        }
    }
    // The most recent permit (latest start) is extended if it has not lapsed; today is a recorded day,
    // so the projection starts tomorrow at the earliest.
    if let latest = client.permits.max(by: { $0.start < $1.start }), let end = latest.end,
       end >= today.adding(days: -1) || coveredToToday.contains(latest) {
        permits.append(Permit(type: latest.type, start: max(end.adding(days: 1), today.adding(days: 1)), end: nil))
    }
    let first = client.permits.map(\.start).min()
    let lookback = s.adding(years: -8)
    let origin = min(first ?? lookback, lookback).dayNumber
    let last = s.dayNumber - 1
    func covering(_ day: CivilDate) -> [Permit] { permits.filter { $0.contains(day) } }
    func abroad(_ day: CivilDate) -> Bool {
        (client.trips).contains { t in
            t.exempt == nil && t.exit <= day && (t.entry.map { day < $0 } ?? true)
        }
    }
    var interruption: [Int: Bool] = [:]
    var creditHalves: [Int: Int] = [:]
    if origin <= last {
        for n in origin...last {
            let day = CivilDate(dayNumber: n)
            let cover = covering(day)
            creditHalves[n] = cover.map { $0.type == .student ? 1 : 2 }.max() ?? 0
            interruption[n] = first.map { day >= $0 } == true && (abroad(day) || cover.isEmpty)
        }
    }
    // Maximal runs of interruption days up to S − 1.
    var runs: [(a: Int, b: Int)] = []
    var n = origin
    while n <= last {
        if interruption[n] == true {
            var m = n
            while m + 1 <= last, interruption[m + 1] == true { m += 1 }
            runs.append((n, m))
            n = m + 1
        } else {
            n += 1
        }
    }
    func fails(_ a: Int, _ b: Int) -> Bool {
        CivilDate(dayNumber: b) >= CivilDate(dayNumber: a).adding(months: 6)
    }
    let l = lookback.dayNumber
    let single = !runs.contains { r in
        let a = max(r.a, l), b = min(r.b, last)
        return a <= b && fails(a, b)
    }
    func count(_ from: Int, _ to: Int) -> Int {
        guard from <= to else { return 0 }
        return (from...to).filter { interruption[$0] == true }.count
    }
    var slices: [Int] = []
    for k in 1...8 {
        slices.append(count(s.adding(years: -k).dayNumber, s.adding(years: -(k - 1)).dayNumber - 1))
    }
    let five = count(s.adding(years: -5).dayNumber, last)
    // Walking back from S − 1, credit stops at the latest run that fails rule 1 judged whole.
    let stop = runs.last { fails($0.a, $0.b) }.map { $0.b } ?? origin - 1
    var credit = 0
    if stop + 1 <= last { for n in (stop + 1)...last { credit += creditHalves[n] ?? 0 } }
    let lastDay = s.adding(days: -1)
    let covering = permits.filter { $0.contains(lastDay) }.max { $0.start < $1.start }
    return NaiveVerdict(single: single, slices: slices, fiveYear: five, creditHalves: credit,
                        needed: s.dayNumber - l,
                        barred: covering?.type == .humanitarian || covering?.type == .traffickingVictim,
                        validPermit: !permits.filter { $0.contains(s) }.isEmpty)
}

@Suite("Eligibility properties: day-by-day oracle")
struct EligibilityOracleTests {
    @Test func theReportAgreesWithADayByDayReadingOfTheRules() async {
        let engine = EligibilityEngine()
        await propertyCheck(count: 150, input: scenarios) { s in
            let v = naiveVerdict(s.client, today: s.today, reference: s.reference)
            let r = engine.evaluate(s.client, today: s.today, reference: s.reference)
            let context = "oracle: \(v) — \(s)"
            #expect(r.rule(.singleAbsence)?.passed == v.single, "\(context)")
            #expect(r.slices.map(\.interruptionDays) == v.slices, "\(context)")
            #expect(r.rule(.yearlyAbsence)?.passed == v.slices.allSatisfy { $0 <= 180 }, "\(context)")
            #expect(r.rule(.fiveYearAbsence)?.value == Double(v.fiveYear), "\(context)")
            #expect(r.rule(.fiveYearAbsence)?.passed == (v.fiveYear <= 365), "\(context)")
            #expect(r.rule(.permitTime)?.value == Double(v.creditHalves) / 2, "\(context)")
            #expect(r.rule(.permitTime)?.limit == Double(v.needed), "\(context)")
            #expect(r.rule(.permitTime)?.passed == (v.creditHalves >= 2 * v.needed), "\(context)")
            #expect(r.rule(.permitType)?.passed == !v.barred, "\(context)")
            #expect(r.rule(.validPermit)?.passed == v.validPermit, "\(context)")
            #expect(r.eligible == (v.single && v.slices.allSatisfy { $0 <= 180 } && v.fiveYear <= 365
                                   && v.creditHalves >= 2 * v.needed && !v.barred && v.validPermit), "\(context)")
        }
    }
}
