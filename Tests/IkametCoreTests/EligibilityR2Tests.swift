import IkametTestSupport
import Testing
@testable import IkametCore

/// Revision 2 of the long-term time rules (RULES.md §7): covered days of a timely
/// extension, rule 6 `valid-permit`, the projection that covered days keep alive,
/// the verdict beside `eligible`, and a what-if return from an open trip.
/// Every number is worked by hand (day counts checked with a calendar).
@Suite("Eligibility, revision 2")
struct EligibilityR2Tests {
    let engine = EligibilityEngine()

    func d(_ text: String) -> CivilDate {
        guard let date = CivilDate(text) else { fatalError("bad literal \(text)") }
        return date
    }

    /// Short-term permits without a gap 2016-01-01 … 2026-09-30, a 120-day trip in 2026
    /// (exit 2026-03-01, re-entry 2026-06-29: 120 days abroad), and an extension A1 submitted
    /// Tue 2026-09-15 (within the last permit: timely).
    func issueClient(_ status: ApplicationStatus, delivery: Delivery = .appointment, decided: String? = nil) -> Client {
        Client(id: "R2-1", name: "Covered Days",
               permits: [Permit(type: .shortTerm, start: d("2016-01-01"), end: d("2020-12-31")),
                         Permit(type: .shortTerm, start: d("2021-01-01"), end: d("2026-09-30"))],
               trips: [Trip(exit: d("2026-03-01"), entry: d("2026-06-29"))],
               applications: [Application(id: "A1", kind: .extension, permitType: .shortTerm, status: status,
                                          submitted: d("2026-09-15"), delivery: delivery, decided: decided.map { d($0) })])
    }

    @Test("the issue's example: a pending extension covers 2026-10-01 … 2026-12-01, so slice 1 holds 120 days, not 181")
    func pendingExtensionCoversTheDaysAfterTheEnd() throws {
        let r = engine.evaluate(issueClient(.inReview), today: d("2026-12-01"))
        // Slice 1 = 2025-12-01 … 2026-11-30: the trip's 120 days only.
        #expect(r.slices.first?.interruptionDays == 120)
        #expect(r.rule(.yearlyAbsence)?.passed == true)
        #expect(r.rule(.validPermit)?.passed == true)
        #expect(r.eligible)
        #expect(r.verdict == .conditionsOpen)
        #expect(r.earliestEligibleDate == d("2026-12-01"))
        let stated = try #require(r.assumptions.first { $0.contains("Extension A1") })
        #expect(stated.contains("2026-10-01 – 2026-12-01"))
        #expect(stated.contains("short-term permit days"))
        #expect(stated.contains("assuming approval"))
    }

    @Test("rejected, withdrawn, draft and lapsed extensions cover nothing: 61 days without a permit, slice 1 holds 181",
          arguments: [ApplicationStatus.rejected, .withdrawn, .draft])
    func nothingCovered(status: ApplicationStatus) {
        let r = engine.evaluate(issueClient(status, decided: status == .rejected ? "2026-11-20" : nil), today: d("2026-12-01"))
        // 2026-10-01 … 2026-11-30 = 61 days without a permit + 120 abroad.
        #expect(r.slices.first?.interruptionDays == 181)
        #expect(r.rule(.yearlyAbsence)?.passed == false)
        #expect(r.rule(.validPermit)?.passed == false)
        #expect(!r.assumptions.contains { $0.contains("Extension A1") })
    }

    @Test("a posted extension never mailed lapses after Tue 2026-09-22 (5 working days after Tue 15 Sep): it covers nothing")
    func lapsedCoversNothing() {
        let r = engine.evaluate(issueClient(.submitted, delivery: .mail), today: d("2026-12-01"))
        #expect(r.slices.first?.interruptionDays == 181)
        #expect(!r.eligible)
        // On 2026-09-22 it was still pending; nothing is covered yet (the permit runs to 30 Sep).
        #expect(engine.deadlines.isPending(issueClient(.submitted, delivery: .mail).applications[0], on: d("2026-09-22")))
        #expect(!engine.deadlines.isPending(issueClient(.submitted, delivery: .mail).applications[0], on: d("2026-09-23")))
    }

    @Test("an approved extension whose new permit is not recorded covers the days up to today")
    func approvedCovers() throws {
        let r = engine.evaluate(issueClient(.approved, decided: "2026-11-10"), today: d("2026-12-01"))
        #expect(r.slices.first?.interruptionDays == 120)
        #expect(r.eligible)
        #expect(try #require(r.assumptions.first { $0.contains("Extension A1") }).contains("approved"))
    }

    @Test("covered days stop the day before the next recorded permit starts")
    func coveredUntilTheNextPermit() {
        var c = issueClient(.inReview)
        c.trips = []
        c.permits.append(Permit(type: .shortTerm, start: d("2026-10-15"), end: d("2027-10-14")))
        let r = engine.evaluate(c, today: d("2026-12-01"))
        // 2026-10-01 … 2026-10-14 covered, then the new permit: no interruption day at all.
        #expect(r.slices.allSatisfy { $0.interruptionDays == 0 })
        #expect(r.assumptions.contains { $0.contains("2026-10-01 – 2026-10-14") })
        // A next permit recorded to start after today: the covered days run up to the day before it.
        var later = issueClient(.inReview)
        later.trips = []
        later.permits.append(Permit(type: .shortTerm, start: d("2027-01-15"), end: d("2028-01-14")))
        let future = engine.evaluate(later, today: d("2026-12-01"), reference: d("2027-01-10"))
        #expect(future.assumptions.contains { $0.contains("2026-10-01 – 2027-01-14") })
        #expect(future.rule(.validPermit)?.passed == true)
        #expect(future.slices.first?.interruptionDays == 0)
    }

    @Test("covered student days earn half: credit 3531 + 365/2 + 91/2 = 3759")
    func coveredStudentDaysEarnHalf() {
        let c = Client(id: "R2-2", name: "Student",
                       permits: [Permit(type: .shortTerm, start: d("2016-01-01"), end: d("2025-08-31")),
                                 Permit(type: .student, start: d("2025-09-01"), end: d("2026-08-31"))],
                       applications: [Application(id: "A1", kind: .extension, permitType: .student, status: .inReview,
                                                  submitted: d("2026-08-15"), delivery: .appointment)])
        let r = engine.evaluate(c, today: d("2026-12-01"))
        // 2016-01-01 … 2025-08-31 = 3531 days; student 2025-09-01 … 2026-08-31 = 365 days; covered 2026-09-01 … 2026-11-30 = 91 days.
        #expect(r.rule(.permitTime)?.value == 3759)
        #expect(r.rule(.permitTime)?.limit == 2922)
    }

    @Test("a future reference date: covered days reaching today keep the projection alive")
    func projectionAfterCoveredDays() throws {
        let r = engine.evaluate(issueClient(.inReview), today: d("2026-12-01"), reference: d("2027-06-01"))
        #expect(r.rule(.validPermit)?.passed == true)
        #expect(r.assumptions.contains { $0.contains("extended after today") })
        // Without the extension the permit lapsed on 2026-09-30: never eligible.
        let lapsed = engine.evaluate(issueClient(.withdrawn), today: d("2026-12-01"), reference: d("2027-06-01"))
        #expect(lapsed.rule(.validPermit)?.passed == false)
        #expect(lapsed.earliestEligibleDate == nil)
    }

    @Test("the issue's second example: permits ended 2026-10-31, on 2026-12-01 the client is out of status: not eligible, never")
    func outOfStatusIsNotEligible() throws {
        let c = Client(id: "R2-3", name: "Lapsed", permits: [Permit(type: .shortTerm, start: d("2016-01-01"), end: d("2026-10-31"))])
        let r = engine.evaluate(c, today: d("2026-12-01"))
        let rule = try #require(r.rule(.validPermit))
        #expect(!rule.passed)
        #expect(rule.detail.contains("No valid permit on the reference date 2026-12-01"))
        #expect(rule.explanation.rule == "§7 rule 6 valid-permit")
        #expect(!r.eligible)
        #expect(r.verdict == .notEligible)
        #expect(r.verdictReasons.contains("time rule valid-permit fails"))
        #expect(r.earliestEligibleDate == nil)
    }

    @Test("valid-permit looks at S itself: a permit ending the day before S fails, one ending on S passes")
    func validPermitBoundary() {
        let c = Client(id: "R2-4", name: "Edge", permits: [Permit(type: .shortTerm, start: d("2016-01-01"), end: d("2026-11-30"))])
        // Reference on the end day (today): covered.
        #expect(engine.evaluate(c, today: d("2026-11-30")).rule(.validPermit)?.passed == true)
        // Today 2026-12-01: the permit ended yesterday, today is recorded without a permit.
        #expect(engine.evaluate(c, today: d("2026-12-01")).rule(.validPermit)?.passed == false)
        // From tomorrow the projection covers (the permit has not lapsed: its end is the day before today).
        let later = engine.evaluate(c, today: d("2026-12-01"), reference: d("2026-12-02"))
        #expect(later.rule(.validPermit)?.passed == true)
    }

    // MARK: Verdict

    func eligibleClient(_ conditions: [ConditionState], record: EntryExitRecord = EntryExitRecord()) -> Client {
        Client(id: "R2-5", name: "Verdict", permits: [Permit(type: .shortTerm, start: d("2016-01-01"), end: d("2027-12-31"))],
               longTerm: LongTermFile(publicAid: conditions[0], income: conditions[1], insurance: conditions[2],
                                      publicOrder: conditions[3], entryExitRecord: record))
    }

    @Test("verdict: eligible, conditions-open, not-eligible (failed condition, NEGATIVE record, time rule)")
    func verdicts() {
        let today = d("2026-12-01")
        let all = engine.evaluate(eligibleClient([.confirmed, .confirmed, .confirmed, .confirmed]), today: today)
        #expect(all.eligible && all.verdict == .eligible)
        let open = engine.evaluate(eligibleClient([.confirmed, .unknown, .confirmed, .confirmed]), today: today)
        #expect(open.eligible && open.verdict == .conditionsOpen)
        #expect(open.verdictReasons.first?.contains("Sufficient and regular income") == true)
        let failed = engine.evaluate(eligibleClient([.confirmed, .failed, .unknown, .confirmed]), today: today)
        #expect(failed.eligible && failed.verdict == .notEligible && failed.failsBeyondTime)
        let negative = engine.evaluate(eligibleClient([.confirmed, .confirmed, .confirmed, .confirmed],
                                                      record: EntryExitRecord(requested: d("2026-06-01"), received: d("2026-09-01"), result: .negative)),
                                       today: today)
        #expect(negative.eligible && negative.verdict == .notEligible && negative.failsBeyondTime)
        #expect(negative.verdictReasons.contains { $0.contains("NEGATIVE") })
        let positive = engine.evaluate(eligibleClient([.confirmed, .confirmed, .confirmed, .confirmed],
                                                      record: EntryExitRecord(requested: d("2026-06-01"), received: d("2026-09-01"), result: .positive)),
                                       today: today)
        #expect(positive.verdict == .eligible)
        var short = eligibleClient([.confirmed, .confirmed, .confirmed, .confirmed])
        short.permits = [Permit(type: .shortTerm, start: d("2020-01-01"), end: d("2027-12-31"))]
        let time = engine.evaluate(short, today: today)
        #expect(!time.eligible && time.verdict == .notEligible && !time.failsBeyondTime)
    }

    // MARK: What-if return

    @Test("what-if return: the open trip re-enters on the given date; errors without an open trip or before its exit")
    func whatIfReturn() throws {
        let c = Client(id: "R2-6", name: "Abroad", permits: [Permit(type: .shortTerm, start: d("2016-01-01"), end: d("2027-12-31"))],
                       trips: [Trip(exit: d("2025-01-10"), entry: d("2025-02-10")), Trip(exit: d("2026-10-01"), entry: nil)])
        let today = d("2026-12-01")
        // Open: abroad from 2026-10-01 through S − 1 = 2026-11-30: 61 days in slice 1 (the 2025 trip is in slice 2).
        let asIs = engine.evaluate(c, today: today)
        #expect(asIs.slices.first?.interruptionDays == 61)
        #expect(asIs.slices[1].interruptionDays == 31)
        let back = try EligibilityEngine.withReturn(d("2026-12-15"), c)
        #expect(back.trips[1].entry == d("2026-12-15"))
        #expect(back.trips[0] == c.trips[0])
        let r = engine.evaluate(back, today: today, reference: d("2027-01-01"))
        // Slice 1 = 2026-01-01 … 2026-12-31: 2026-10-01 … 2026-12-14 = 31 + 30 + 14 = 75 days abroad.
        #expect(r.slices.first?.interruptionDays == 75)
        #expect(throws: EligibilityEngine.WhatIfError.returnNotAfterExit(exit: d("2026-10-01"), entry: d("2026-10-01"))) {
            try EligibilityEngine.withReturn(d("2026-10-01"), c)
        }
        var closedTrips = c
        closedTrips.trips.removeLast()
        #expect(throws: EligibilityEngine.WhatIfError.noOpenTrip) { try EligibilityEngine.withReturn(d("2026-12-15"), closedTrips) }
    }

    @Test("the yearly explanation calls the slices one-year slices, never 365-day periods")
    func yearlyExplanationWording() throws {
        let r = engine.evaluate(issueClient(.inReview), today: d("2026-12-01"))
        let e = try #require(r.rule(.yearlyAbsence)).explanation
        #expect(e.summary.contains("one-year slices"))
        #expect(e.conventions.contains { $0.contains("366 days") })
        #expect(!e.summary.contains("365-day"))
    }
}

/// Issue 12: the earliest eligible date says so when the client is abroad that day.
@Suite("Eligibility: the earliest date while abroad")
struct EarliestWhileAbroadTests {
    let engine = EligibilityEngine()
    func d(_ text: String) -> CivilDate { CivilDate(text) ?? CivilDate(dayNumber: 0) }

    /// Permits without a gap 2016-01-01 … 2030-12-31: eligible from today, 2026-11-23.
    func client(trips: [Trip]) -> Client {
        Client(id: "AB-1", name: "Away On The Day",
               permits: [Permit(type: .shortTerm, start: d("2016-01-01"), end: d("2030-12-31"))], trips: trips)
    }

    @Test("a recorded trip over the earliest date is named; the same client at home names none")
    func recordedTrip() {
        let home = engine.evaluate(client(trips: []), today: d("2026-11-23"))
        #expect(home.earliestEligibleDate == d("2026-11-23") && home.abroadOnEarliest == nil)
        // Exit 2026-11-20, back 2026-11-30: abroad 20 … 29 (the exit day abroad, the entry day present).
        let trip = Trip(exit: d("2026-11-20"), entry: d("2026-11-30"))
        let away = engine.evaluate(client(trips: [trip]), today: d("2026-11-23"))
        #expect(away.earliestEligibleDate == d("2026-11-23"))
        #expect(away.abroadOnEarliest == trip)
    }

    @Test("a what-if trip counts too; a trip that ends the day before (the entry day is present) does not")
    func whatIfAndTheEntryDay() {
        let whatIf = Trip(exit: d("2026-11-01"), entry: d("2026-12-01"))
        let r = engine.evaluate(client(trips: []), today: d("2026-11-23"), extraTrips: [whatIf])
        #expect(r.earliestEligibleDate == d("2026-11-23") && r.abroadOnEarliest == whatIf)
        let back = engine.evaluate(client(trips: [Trip(exit: d("2026-11-01"), entry: d("2026-11-23"))]), today: d("2026-11-23"))
        #expect(back.earliestEligibleDate == d("2026-11-23") && back.abroadOnEarliest == nil)
    }
}
