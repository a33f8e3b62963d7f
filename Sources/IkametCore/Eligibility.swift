/// Stable ids of the long-term time rules (RULES.md §7).
public enum EligibilityRuleId: String, Codable, Sendable, CaseIterable {
    case singleAbsence = "single-absence"
    case yearlyAbsence = "yearly-absence"
    case fiveYearAbsence = "five-year-absence"
    case permitTime = "permit-time"
    case permitType = "permit-type"
    case validPermit = "valid-permit"
}

/// The long-term verdict beside the time rules (RULES.md §7 "Verdict").
public enum LongTermVerdict: String, Codable, Sendable, CaseIterable {
    /// Every time rule passes, the four conditions are confirmed, the Entry-Exit Record is not NEGATIVE.
    case eligible
    /// The time rules pass, no condition failed, some are unknown.
    case conditionsOpen = "conditions-open"
    /// A time rule fails, a condition failed, or the Entry-Exit Record reads NEGATIVE.
    case notEligible = "not-eligible"

    /// The verdict's name (`verdict.<id>`; English: the id, "conditions-open").
    public var term: MessageArg { .term("verdict." + rawValue) }
}

/// One one-year slice of the yearly-absence rule.
public struct YearSlice: Codable, Sendable, Equatable {
    /// 1 = the year just before the reference date.
    public var index: Int
    public var from: CivilDate
    public var to: CivilDate
    public var interruptionDays: Int
    public var passed: Bool
}

/// The verdict of one time rule, with its numbers.
public struct RuleResult: Sendable, Equatable {
    public var id: EligibilityRuleId
    public var passed: Bool
    /// The measured value (days, or credited days); nil where the rule has no number.
    public var value: Double?
    /// The limit the value is compared with; nil where the rule has no number.
    public var limit: Double?
    /// Within `borderlineDays` of the limit: verify against the Entry-Exit Record.
    public var borderline: Bool
    /// One line with the numbers (`eligibility.<rule-id>.detail…`).
    public var detail: Message
    public var explanation: Explanation
}

/// A trip left out of the absence rules because the attorney marked it exempt.
public struct ExemptTripNote: Sendable, Equatable {
    public var trip: Trip
    public var days: Int
    public var note: Message
}

/// A non-time condition as recorded (Law Art. 43).
public struct ConditionNote: Sendable, Equatable {
    /// `public-aid`, `income`, `insurance`, `public-order`.
    public var id: String
    public var state: ConditionState
    /// The condition in words (`condition.<id>`, e.g. English "Sufficient and regular income").
    public var term: MessageArg { .term("condition." + id) }
}

/// The full eligibility report for one reference date.
public struct EligibilityReport: Sendable, Equatable {
    public var clientId: String
    public var referenceDate: CivilDate
    public var today: CivilDate
    public var lookbackFrom: CivilDate
    public var lookbackTo: CivilDate
    /// All six time rules pass.
    public var eligible: Bool
    /// The verdict including the non-time conditions and the Entry-Exit Record.
    public var verdict: LongTermVerdict
    /// Why the verdict is what it is (one line per reason).
    public var verdictReasons: [Message]
    /// The Entry-Exit Record's result, when received.
    public var entryExitResult: EntryExitResult?
    /// Some rule is within a day of its limit.
    public var borderline: Bool
    public var rules: [RuleResult]
    public var slices: [YearSlice]
    public var exemptTrips: [ExemptTripNote]
    /// The first date on or after the reference date when all time rules pass; nil if none within the search.
    public var earliestEligibleDate: CivilDate?
    /// How the earliest date was searched (and why none was found).
    public var earliestNote: Message
    /// The trip (recorded or what-if) during which the client is abroad on the earliest date, under the abroad-day
    /// convention: an attorney would read the date as "can apply then", and the client cannot be at the directorate.
    public var abroadOnEarliest: Trip?
    /// What was assumed about days after today.
    public var assumptions: [Message]
    public var conditions: [ConditionNote]
    /// Matters for review: humanitarian or trafficking-victim permits in the history, borderline values.
    public var warnings: [Message]
    /// The conventions the result depends on.
    public var conventions: [Message]

    /// A rule's result by id.
    public func rule(_ id: EligibilityRuleId) -> RuleResult? { rules.first { $0.id == id } }

    /// Not eligible for a reason time cannot heal: a failed condition or a NEGATIVE Entry-Exit Record.
    public var failsBeyondTime: Bool {
        conditions.contains { $0.state == .failed } || entryExitResult == .negative
    }
}

/// Evaluates the long-term permit time rules of RULES.md §7.
public struct EligibilityEngine: Sendable {
    public let parameters: RuleParameters.LongTerm
    /// Decides what counts as pending (a lapsed extension does not, RULES.md §3).
    public let deadlines: DeadlineEngine

    public init(parameters: RuleParameters.LongTerm = RuleParameters.standard.longTerm, deadlines: DeadlineEngine = DeadlineEngine()) {
        self.parameters = parameters
        self.deadlines = deadlines
    }

    /// Why a what-if return date cannot be applied.
    public enum WhatIfError: Error, Equatable, Sendable {
        case noOpenTrip
        case returnNotAfterExit(exit: CivilDate, entry: CivilDate)
        /// Why, in words (`eligibility.what-if.…`).
        public var message: Message {
            switch self {
            case .noOpenTrip: Message("eligibility.what-if.no-open-trip")
            case let .returnNotAfterExit(exit, entry): Message("eligibility.what-if.return-not-after-exit", ["entry": .date(entry), "exit": .date(exit)])
            }
        }
    }

    /// The client with its open trip (no re-entry; the latest exit if several) re-entering on `date` (a what-if, RULES.md §7).
    public static func withReturn(_ date: CivilDate, _ client: Client) throws(WhatIfError) -> Client {
        guard let i = client.trips.indices.filter({ client.trips[$0].entry == nil }).max(by: { client.trips[$0].exit < client.trips[$1].exit }) else {
            throw .noOpenTrip
        }
        guard date > client.trips[i].exit else { throw .returnNotAfterExit(exit: client.trips[i].exit, entry: date) }
        var c = client
        c.trips[i].entry = date
        return c
    }

    /// The report for `client` on reference date `reference` (default: today),
    /// with optional hypothetical trips added (what-if).
    /// Set `searchEarliest` to false to skip the earliest-eligible-date search.
    /// `searchDays` limits the earliest-date search to that many days (default: `searchYears`).
    public func evaluate(_ client: Client, today: CivilDate, reference: CivilDate? = nil, extraTrips: [Trip] = [],
                         searchEarliest: Bool = true, searchDays: Int? = nil) -> EligibilityReport {
        let s = reference ?? today
        let timeline = Timeline(client: client, reference: s, today: today, extraTrips: extraTrips, parameters: parameters,
                                deadlines: deadlines, searchDays: searchDays)
        var report = timeline.report(at: s)
        guard searchEarliest else {
            report.earliestNote = Message("eligibility.earliest.not-searched")
            report.assumptions = timeline.coveredAssumptions + (s.adding(days: -1) > today ? timeline.assumptions : [])
            return report
        }
        let search = timeline.earliestEligible(from: s)
        report.earliestEligibleDate = search.date
        report.earliestNote = search.note
        if let day = search.date?.dayNumber {
            report.abroadOnEarliest = (client.trips + extraTrips).first { trip in
                Timeline.abroadRange(trip, parameters.abroadDays).map { $0.lo <= day && day <= $0.hi } ?? false
            }
        }
        let usesFuture = s.adding(days: -1) > today || (search.date ?? timeline.horizon).adding(days: -1) > today
        report.assumptions = timeline.coveredAssumptions + (usesFuture ? timeline.assumptions : [])
        return report
    }

    /// Whether all time rules pass on `reference` (fast path, used by tests and the search).
    public func passes(_ client: Client, today: CivilDate, reference: CivilDate, extraTrips: [Trip] = []) -> Bool {
        Timeline(client: client, reference: reference, today: today, extraTrips: extraTrips, parameters: parameters,
                 deadlines: deadlines).passesAll(at: reference)
    }
}

/// A day-by-day picture of the client's residence from the first relevant day
/// to the end of the search horizon, with prefix sums so that each reference
/// date is judged in O(log n).
struct Timeline {
    let p: RuleParameters.LongTerm
    let client: Client
    let today: CivilDate
    let origin: Int          // day number of index 0
    let count: Int
    /// Interruption days (abroad, or no valid permit), from the first permit on.
    var interruption: [Bool]
    var prefixInterruption: [Int32]   // prefix[i] = interruptions in [0, i)
    /// Credit units per day (denominator = full day).
    var prefixCredit: [Int64]
    /// Type of the latest-starting permit covering each day (nil: none).
    var coveringType: [PermitType?]
    var studentDays: [Bool]
    /// Maximal runs of interruption days, as index ranges.
    var runs: [(a: Int, b: Int)] = []
    var runFailsWhole: [Bool] = []
    var prefixRunFails: [Int] = []     // prefixRunFails[k] = failing runs among runs[0..<k]
    var lastFailingRunUpTo: [Int] = [] // index of the latest failing run among runs[0...k], or -1
    /// What is assumed about days after today.
    var assumptions: [Message] = []
    /// The covered spans, stated whenever they exist (they concern recorded days).
    var coveredAssumptions: [Message] = []
    var exemptNotes: [ExemptTripNote] = []
    let firstPermitStart: CivilDate?
    /// The last reference date the earliest-date search looks at.
    let horizon: CivilDate

    init(client: Client, reference s: CivilDate, today: CivilDate, extraTrips: [Trip], parameters: RuleParameters.LongTerm,
         deadlines: DeadlineEngine, searchDays: Int? = nil) {
        p = parameters
        self.client = client
        self.today = today
        let lookbackStart = s.adding(years: -parameters.lookbackYears)
        // The last reference date searched.
        let horizon = searchDays.map { s.adding(days: $0) } ?? s.adding(years: parameters.searchYears)
        self.horizon = horizon
        firstPermitStart = client.permits.map(\.start).min()
        let start = min(firstPermitStart ?? lookbackStart, lookbackStart)
        origin = start.dayNumber
        count = max(horizon.dayNumber - origin + 1, 1)  // indices cover origin ... horizon (rule 6 looks at D itself)
        interruption = Array(repeating: false, count: count)
        coveringType = Array(repeating: nil, count: count)
        studentDays = Array(repeating: false, count: count)
        prefixInterruption = []
        prefixCredit = []

        // Permits, in order of start so that the latest-starting one wins per day.
        var permits = client.permits.sorted { $0.start < $1.start }
        // Covered days of timely extensions (RULES.md §7 "Covered days").
        let covered = Timeline.coveredSpans(client, today: today, deadlines: deadlines)
        for span in covered {
            permits.append(Permit(type: span.permit.type, start: span.from, end: span.to))
            let state = span.application.status == .approved
                ? Message("eligibility.assumption.covered.approved")
                : Message("eligibility.assumption.covered.pending", ["status": span.application.status.term])
            coveredAssumptions.append(Message("eligibility.assumption.covered", [
                "app": .text(span.application.id), "submitted": dateOrNone(span.application.submitted), "state": .message(state),
                "from": .date(span.from), "to": .date(span.to), "permit": span.permit.type.nounTerm,
            ]))
        }
        permits.sort { $0.start < $1.start }
        if let latest = client.permits.max(by: { $0.start < $1.start }) {
            if let end = latest.end {
                let text = MessageArg.message(permitSpan(latest.type, latest.start, end))
                let coveredToToday = covered.contains { $0.permit == latest && $0.to >= today }
                if end >= today.adding(days: -1) || coveredToToday {
                    // Today is a recorded day: the projection starts tomorrow at the earliest.
                    let from = max(end.adding(days: 1), today.adding(days: 1))
                    permits.append(Permit(type: latest.type, start: from, end: nil))
                    assumptions.append(coveredToToday
                        ? Message("eligibility.assumption.extended-pending", ["permit": text])
                        : Message("eligibility.assumption.extended", ["permit": text, "end": .date(end)]))
                } else {
                    assumptions.append(Message("eligibility.assumption.lapsed", ["permit": text, "end": .date(end)]))
                }
            }
        }
        let den = Int64(parameters.studentCreditDenominator), num = Int64(parameters.studentCreditNumerator)
        var credit = Array(repeating: Int64(0), count: count)
        for permit in permits {
            let lo = max(permit.start.dayNumber - origin, 0)
            let hi = min((permit.end?.dayNumber ?? Int.max / 2) - origin, count - 1)
            guard lo <= hi else { continue }
            let units = permit.type == .student ? num : den
            for i in lo...hi {
                coveringType[i] = permit.type
                if units > credit[i] { credit[i] = units }
            }
        }
        for i in 0..<count where coveringType[i] != nil && credit[i] < den { studentDays[i] = true }

        // Days without a permit, from the first permit on.
        let firstIndex = firstPermitStart.map { $0.dayNumber - origin } ?? count
        if firstIndex < count {
            for i in max(firstIndex, 0)..<count where coveringType[i] == nil { interruption[i] = true }
        }

        // Trips abroad.
        let allTrips = client.trips + extraTrips
        var futureTrips: [Trip] = []
        for trip in allTrips {
            let range = Timeline.abroadRange(trip, parameters.abroadDays)
            if let exempt = trip.exempt {
                // Counted up to the day before the reference date (an open trip is abroad through S − 1).
                let days = range.map { max(0, min($0.hi, s.dayNumber - 1) - $0.lo + 1) } ?? 0
                exemptNotes.append(ExemptTripNote(trip: trip, days: days, note: Message("eligibility.exempt-trip", [
                    "exit": .date(trip.exit), "entry": trip.entry.map(MessageArg.date) ?? .term("eligibility.no-re-entry"),
                    "reason": exempt.term, "days": .int(days),
                ])))
                continue
            }
            if trip.exit > today { futureTrips.append(trip) }
            if trip.entry == nil {
                assumptions.append(Message("eligibility.assumption.no-re-entry", ["exit": .date(trip.exit)]))
            }
            guard let range else { continue }
            let lo = max(range.lo - origin, max(firstIndex, 0))
            let hi = min(range.hi - origin, count - 1)
            guard lo <= hi else { continue }
            for i in lo...hi { interruption[i] = true }
        }
        if !futureTrips.isEmpty {
            let list = futureTrips.sorted { $0.exit < $1.exit }.map { trip -> MessageArg in
                .message(Message("eligibility.trip-span", ["exit": .date(trip.exit),
                                                           "entry": trip.entry.map(MessageArg.date) ?? .term("eligibility.open")]))
            }
            assumptions.insert(Message("eligibility.assumption.future-trips", ["trips": commaList(list)]), at: 0)
        }

        // Prefix sums.
        var pi = [Int32](repeating: 0, count: count + 1)
        var pc = [Int64](repeating: 0, count: count + 1)
        for i in 0..<count {
            pi[i + 1] = pi[i] + (interruption[i] ? 1 : 0)
            pc[i + 1] = pc[i] + credit[i]
        }
        prefixInterruption = pi
        prefixCredit = pc

        // Runs.
        var i = 0
        while i < count {
            if interruption[i] {
                var j = i
                while j + 1 < count && interruption[j + 1] { j += 1 }
                runs.append((i, j))
                i = j + 1
            } else {
                i += 1
            }
        }
        runFailsWhole = runs.map { failsSingle(a: $0.a, b: $0.b) }
        var pf = [0], last = [Int](), lastFail = -1
        for (k, f) in runFailsWhole.enumerated() {
            pf.append(pf[k] + (f ? 1 : 0))
            if f { lastFail = k }
            last.append(lastFail)
        }
        prefixRunFails = pf
        lastFailingRunUpTo = last
    }

    /// Permit types whose holders cannot move to long-term (Law 6458 Art. 42(2)).
    static let barredTypes: Set<PermitType> = [.humanitarian, .traffickingVictim]

    /// One span of covered days: a timely extension of `permit` that is pending (not lapsed) or approved.
    struct CoveredSpan {
        let application: Application
        let permit: Permit
        let from: CivilDate
        let to: CivilDate
    }

    /// The covered spans of a client as of `today` (RULES.md §7): from the extended permit's end + 1 to the
    /// day before the next recorded permit starts, or to today when none is recorded.
    static func coveredSpans(_ client: Client, today: CivilDate, deadlines: DeadlineEngine) -> [CoveredSpan] {
        var out: [CoveredSpan] = []
        for app in client.applications where app.kind == .extension {
            guard app.status == .approved || deadlines.isPending(app, on: today), let submitted = app.submitted,
                  let permit = DeadlineEngine.permitContaining(submitted, in: client), let end = permit.end else { continue }
            guard !out.contains(where: { $0.permit == permit }) else { continue }
            // Up to the day before the next recorded permit starts, or up to today when none is recorded.
            let next = client.permits.filter { $0.start > end }.map(\.start).min()
            let to = next.map { $0.adding(days: -1) } ?? today
            let from = end.adding(days: 1)
            if from <= to { out.append(CoveredSpan(application: app, permit: permit, from: from, to: to)) }
        }
        return out
    }

    /// Day numbers abroad for a trip under the convention (nil: no day abroad). Open trips run to Int.max/2.
    static func abroadRange(_ trip: Trip, _ convention: AbroadDayConvention) -> (lo: Int, hi: Int)? {
        let e = trip.exit.dayNumber
        let n = trip.entry?.dayNumber
        let lo: Int, hi: Int
        switch convention {
        case .exitDayAbroad: lo = e; hi = n.map { $0 - 1 } ?? Int.max / 2
        case .bothDaysAbroad: lo = e; hi = n ?? Int.max / 2
        case .bothDaysPresent: lo = e + 1; hi = n.map { $0 - 1 } ?? Int.max / 2
        }
        return lo <= hi ? (lo, hi) : nil
    }

    func date(_ index: Int) -> CivilDate { CivilDate(dayNumber: origin + index) }
    func index(_ date: CivilDate) -> Int { date.dayNumber - origin }

    /// Rule 1 on a run of interruption days from index a to b (inclusive).
    func failsSingle(a: Int, b: Int) -> Bool {
        date(b) >= date(a).adding(months: p.singleAbsenceMonths)
    }

    func interruptions(_ lo: Int, _ hi: Int) -> Int {  // inclusive index range, clamped
        let l = max(lo, 0), h = min(hi, count - 1)
        guard l <= h else { return 0 }
        return Int(prefixInterruption[h + 1] - prefixInterruption[l])
    }

    /// Index of the first run whose end is ≥ i.
    func firstRun(endingAtOrAfter i: Int) -> Int {
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].b < i { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Index of the last run whose start is ≤ i, or −1.
    func lastRun(startingAtOrBefore i: Int) -> Int {
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].a <= i { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    /// Credited permit time (in units) for reference index r = index(D), and where the credit starts.
    func credit(at r: Int) -> (units: Int64, from: Int, stoppedAt: (a: Int, b: Int)?) {
        let last = r - 1
        guard last >= 0 else { return (0, r, nil) }
        let j = lastRun(startingAtOrBefore: last)
        var candidate = j
        if j >= 0, runs[j].b >= last {
            // The run containing D − 1, judged up to D − 1.
            if failsSingle(a: runs[j].a, b: last) { return (0, r, (runs[j].a, last)) }
            candidate = j - 1
        }
        let k = candidate >= 0 ? lastFailingRunUpTo[candidate] : -1
        if k >= 0 {
            let stop = runs[k].b
            return (prefixCredit[r] - prefixCredit[stop + 1], stop + 1, runs[k])
        }
        return (prefixCredit[r], 0, nil)
    }

    /// Whether every time rule passes with reference date at index r.
    func passesAll(atIndex r: Int, referenceDate d: CivilDate) -> Bool {
        let l = index(d.adding(years: -p.lookbackYears))
        // valid-permit: the reference date itself is a permit day
        if r < 0 || r >= count || coveringType[r] == nil { return false }
        // permit-type
        if r - 1 >= 0, let type = coveringType[r - 1], Timeline.barredTypes.contains(type) { return false }
        // yearly-absence
        var upper = r
        for k in 1...p.lookbackYears {
            let lower = index(d.adding(years: -k))
            if interruptions(lower, upper - 1) > p.yearlyAbsenceLimitDays { return false }
            upper = lower
        }
        // five-year-absence
        if interruptions(index(d.adding(years: -p.fiveYearWindowYears)), r - 1) > p.fiveYearAbsenceLimitDays { return false }
        // single-absence
        if singleAbsenceFails(l: l, r: r - 1) { return false }
        // permit-time
        let needed = Int64(r - l) * Int64(p.studentCreditDenominator)
        return credit(at: r).units >= needed
    }

    func passesAll(at d: CivilDate) -> Bool { passesAll(atIndex: index(d), referenceDate: d) }

    /// The run (clipped to [l, r]) with the largest excess over the single-absence limit (full scan, for reports).
    func worstRun(l: Int, r: Int) -> (fails: Bool, a: Int, b: Int)? {
        guard l <= r, !runs.isEmpty else { return nil }
        let i = firstRun(endingAtOrAfter: l)
        let j = lastRun(startingAtOrBefore: r)
        guard i <= j, i < runs.count else { return nil }
        var best: (fails: Bool, a: Int, b: Int, excess: Int)?
        for k in i...j {
            let a = max(runs[k].a, l), b = min(runs[k].b, r)
            let firstFailingEnd = index(date(a).adding(months: p.singleAbsenceMonths))
            let excess = b - firstFailingEnd
            if best == nil || excess > (best?.excess ?? Int.min) { best = (b >= firstFailingEnd, a, b, excess) }
        }
        return best.map { ($0.fails, $0.a, $0.b) }
    }

    /// Whether some run of interruption days, clipped to [l, r], fails rule 1. O(log n):
    /// interior runs are whole, so a prefix count over their precomputed verdicts answers for them.
    func singleAbsenceFails(l: Int, r: Int) -> Bool {
        guard l <= r, !runs.isEmpty else { return false }
        let i = firstRun(endingAtOrAfter: l)
        let j = lastRun(startingAtOrBefore: r)
        guard i <= j, i < runs.count else { return false }
        if failsSingle(a: max(runs[i].a, l), b: min(runs[i].b, r)) { return true }
        if j > i, failsSingle(a: max(runs[j].a, l), b: min(runs[j].b, r)) { return true }
        return j - i >= 2 && prefixRunFails[j] - prefixRunFails[i + 1] > 0
    }

    /// The first reference date D ≥ s (up to s + searchYears) on which all time rules pass.
    func earliestEligible(from s: CivilDate) -> (date: CivilDate?, note: Message) {
        var d = s
        while d <= horizon {
            if index(d) <= count, passesAll(atIndex: index(d), referenceDate: d) {
                return (d, d == s ? Message("eligibility.earliest.on-reference", ["date": .date(s)])
                                  : Message("eligibility.earliest.first", ["reference": .date(s), "date": .date(d)]))
            }
            d = d.adding(days: 1)
        }
        if client.permits.contains(where: { Timeline.barredTypes.contains($0.type) }),
           let last = client.permits.max(by: { $0.start < $1.start }), Timeline.barredTypes.contains(last.type) {
            return (nil, Message("eligibility.earliest.barred", ["permit": last.type.nounTerm]))
        }
        return (nil, Message("eligibility.earliest.none", ["from": .date(s), "to": .date(horizon)]))
    }
}
