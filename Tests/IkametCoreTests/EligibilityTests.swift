import IkametTestSupport
import Testing
@testable import IkametCore

// Long-term permit time rules (RULES.md §7). Every expected number below was
// derived by hand from the rulebook (and docs/decisions/0004 for what
// `single-absence` reports as value and limit); the derivation is in the
// comment above each assertion.
//
// Unless a test says otherwise: today = S = 2026-03-01, and the client holds
// one short-term permit 2015-01-01 … 2030-12-31. Then
//   lookback      = 2018-03-01 … 2026-02-28, needed = 8 × 365 + 2 (29 Feb 2020, 2024) = 2922 days;
//   full credit   = 2015-01-01 … 2026-02-28 = 11 × 365 + 3 (2016, 2020, 2024) + 31 + 28 = 4077 days;
//   slices (k = 1 … 8): 2025-03-01 … 2026-02-28, 2024-03-01 … 2025-02-28, 2023-03-01 … 2024-02-29,
//     2022-03-01 … 2023-02-28, 2021-03-01 … 2022-02-28, 2020-03-01 … 2021-02-28,
//     2019-03-01 … 2020-02-29, 2018-03-01 … 2019-02-28;
//   five-year window = 2021-03-01 … 2026-02-28 (slices 1–5);
//   a run with no interruption reports limit = 2018-03-01 → 2018-09-01 = 184 (decision 0004).

// MARK: - Helpers

private func date(_ text: String) -> CivilDate {
    guard let d = CivilDate(text) else { fatalError("bad test date \(text)") }
    return d
}

private func permit(_ type: PermitType = .shortTerm, _ start: String, _ end: String?) -> Permit {
    Permit(type: type, start: date(start), end: end.map(date))
}

private func trip(_ exit: String, _ entry: String?, exempt: TripExemption? = nil) -> Trip {
    Trip(exit: date(exit), entry: entry.map(date), exempt: exempt)
}

private func client(_ permits: [Permit], _ trips: [Trip] = []) -> Client {
    Client(id: "2026-0001", name: "Test Client", permits: permits, trips: trips)
}

/// The standard client: one short-term permit 2015-01-01 … 2030-12-31, and the given trips.
private func standardClient(_ trips: [Trip] = []) -> Client {
    client([permit(.shortTerm, "2015-01-01", "2030-12-31")], trips)
}

private let standardToday = "2026-03-01"

private func evaluate(_ c: Client, today: String = standardToday, reference: String? = nil,
                      extraTrips: [Trip] = [], engine: EligibilityEngine = EligibilityEngine()) -> EligibilityReport {
    engine.evaluate(c, today: date(today), reference: reference.map(date), extraTrips: extraTrips)
}

private func engine(_ convention: AbroadDayConvention) -> EligibilityEngine {
    var p = RuleParameters.standard.longTerm
    p.abroadDays = convention
    return EligibilityEngine(parameters: p)
}

/// Checks one rule's verdict and numbers.
private func expectRule(_ report: EligibilityReport, _ id: EligibilityRuleId,
                        passed: Bool, value: Double?, limit: Double?, borderline: Bool,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    guard let r = report.rule(id) else {
        Issue.record("rule \(id.rawValue) missing from the report", sourceLocation: sourceLocation)
        return
    }
    #expect(r.passed == passed, "\(id.rawValue).passed", sourceLocation: sourceLocation)
    #expect(r.value == value, "\(id.rawValue).value", sourceLocation: sourceLocation)
    #expect(r.limit == limit, "\(id.rawValue).limit", sourceLocation: sourceLocation)
    #expect(r.borderline == borderline, "\(id.rawValue).borderline", sourceLocation: sourceLocation)
}

private func passed(_ report: EligibilityReport, _ id: EligibilityRuleId) -> Bool? {
    report.rule(id)?.passed
}

private func sliceDays(_ report: EligibilityReport) -> [Int] {
    report.slices.sorted { $0.index < $1.index }.map(\.interruptionDays)
}

// MARK: - Rule 1: single absence

@Suite("Eligibility: single-absence rule")
struct SingleAbsenceTests {
    @Test func workedExampleReentryOnTenthOfJulyPassesAtExactlySixMonths() {
        // Abroad 2020-01-10 … 2020-07-09 = 182 days; 2020-01-10 + 6 months = 2020-07-10 > 2020-07-09: passes.
        // Limit = 2020-01-10 → 2020-07-10 = 182 days; |182 − 182| ≤ 1: borderline.
        let r = evaluate(standardClient([trip("2020-01-10", "2020-07-10")]))
        expectRule(r, .singleAbsence, passed: true, value: 182, limit: 182, borderline: true)
        // Slice 7 (… 2020-02-29) holds 2020-01-10 … 2020-02-29 = 22 + 29 = 51; slice 6 holds 2020-03-01 … 07-09 = 131.
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 131, 51, 0])
        expectRule(r, .yearlyAbsence, passed: true, value: 131, limit: 180, borderline: false)
        // The trip lies before the five-year window (from 2021-03-01).
        expectRule(r, .fiveYearAbsence, passed: true, value: 0, limit: 365, borderline: false)
        // The run does not fail rule 1, so the credit walk does not stop; abroad days are credited.
        expectRule(r, .permitTime, passed: true, value: 4077, limit: 2922, borderline: false)
        #expect(r.eligible)
        #expect(r.borderline)
        #expect(r.earliestEligibleDate == date("2026-03-01"))
    }

    @Test func workedExampleReentryOnEleventhOfJulyFails() {
        // Abroad 2020-01-10 … 2020-07-10 = 183 days; b = 2020-07-10 ≥ 2020-01-10 + 6 months: fails.
        let r = evaluate(standardClient([trip("2020-01-10", "2020-07-11")]))
        expectRule(r, .singleAbsence, passed: false, value: 183, limit: 182, borderline: true)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 132, 51, 0])
        // The failing run stops the credit walk: credit 2020-07-11 … 2026-02-28 = 2059 days.
        expectRule(r, .permitTime, passed: false, value: 2059, limit: 2922, borderline: false)
        #expect(!r.eligible)
        // Needs S − 8 years ≥ 2020-07-11 (run outside the lookback and 8 years of credit after it):
        // S = 2028-07-11 (the permit runs to 2030-12-31).
        #expect(r.earliestEligibleDate == date("2028-07-11"))
    }

    @Test func workedExampleWithinOneSliceFailsTheYearlyRuleIndependently() {
        // docs/rules.md example: reference 2026-11-23; slice 7 = 2019-11-23 … 2020-11-22 holds all 182 days.
        let r = evaluate(standardClient([trip("2020-01-10", "2020-07-10")]), today: "2026-11-23")
        expectRule(r, .singleAbsence, passed: true, value: 182, limit: 182, borderline: true)
        expectRule(r, .yearlyAbsence, passed: false, value: 182, limit: 180, borderline: false)
        #expect(r.slices[6].from == date("2019-11-23") && r.slices[6].to == date("2020-11-22"))
        #expect(r.slices[6].interruptionDays == 182 && !r.slices[6].passed)
        #expect(!r.eligible)
    }

    @Test func noInterruptionReportsZeroAgainstSixMonthsFromLookbackStart() {
        let r = evaluate(standardClient())
        // Decision 0004: value 0, limit 2018-03-01 → 2018-09-01 = 184.
        expectRule(r, .singleAbsence, passed: true, value: 0, limit: 184, borderline: false)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
        expectRule(r, .permitTime, passed: true, value: 4077, limit: 2922, borderline: false)
        expectRule(r, .permitType, passed: true, value: nil, limit: nil, borderline: false)
        #expect(r.eligible && !r.borderline)
    }

    @Test func theReportedRunIsTheWorstOneNotTheLongest() {
        // Run A: 2019-03-31 … 2019-09-29 = 183 days, fails from 2019-09-30: passes (limit 183).
        // Run B: 2022-08-31 … 2023-02-28 = 182 days; 2022-08-31 + 6 months = 2023-02-28 (clamped) ≤ b: fails (limit 181).
        let r = evaluate(standardClient([trip("2019-03-31", "2019-09-30"), trip("2022-08-31", "2023-03-01")]))
        expectRule(r, .singleAbsence, passed: false, value: 182, limit: 181, borderline: true)
    }

    @Test func runsAreJudgedByTheirPartInsideTheLookback() {
        // Trip 2017-12-01 → 2018-03-01: 90 days, all before the lookback: not counted anywhere.
        let before = evaluate(standardClient([trip("2017-12-01", "2018-03-01")]))
        expectRule(before, .singleAbsence, passed: true, value: 0, limit: 184, borderline: false)
        #expect(sliceDays(before) == [0, 0, 0, 0, 0, 0, 0, 0])
        // Trip 2018-02-20 → 2018-03-05: only 2018-03-01 … 03-04 (4 days) is inside; limit from 2018-03-01 = 184.
        let across = evaluate(standardClient([trip("2018-02-20", "2018-03-05")]))
        expectRule(across, .singleAbsence, passed: true, value: 4, limit: 184, borderline: false)
        #expect(sliceDays(across) == [0, 0, 0, 0, 0, 0, 0, 4])
    }
}

// MARK: - Rule 2: yearly slices

@Suite("Eligibility: yearly-absence rule")
struct YearlyAbsenceTests {
    @Test func oneHundredEightyDaysInOneSlicePasses() {
        // 2025-04-01 → 08-01 = 122 days; 2025-10-01 → 11-28 = 58 days; both in slice 1: 180.
        let r = evaluate(standardClient([trip("2025-04-01", "2025-08-01"), trip("2025-10-01", "2025-11-28")]))
        #expect(sliceDays(r) == [180, 0, 0, 0, 0, 0, 0, 0])
        #expect(r.slices.allSatisfy { $0.passed })
        expectRule(r, .yearlyAbsence, passed: true, value: 180, limit: 180, borderline: true)
        // Worst run: 122 days from 2025-04-01 (limit 2025-04-01 → 2025-10-01 = 183).
        expectRule(r, .singleAbsence, passed: true, value: 122, limit: 183, borderline: false)
        expectRule(r, .fiveYearAbsence, passed: true, value: 180, limit: 365, borderline: false)
        #expect(r.eligible && r.borderline)
        #expect(r.earliestEligibleDate == date("2026-03-01"))
    }

    @Test func oneHundredEightyOneDaysInOneSliceFails() {
        // Second trip one day longer: 2025-10-01 → 11-29 = 59 days; slice 1 = 181.
        let r = evaluate(standardClient([trip("2025-04-01", "2025-08-01"), trip("2025-10-01", "2025-11-29")]))
        #expect(sliceDays(r) == [181, 0, 0, 0, 0, 0, 0, 0])
        #expect(!r.slices[0].passed && r.slices.dropFirst().allSatisfy { $0.passed })
        expectRule(r, .yearlyAbsence, passed: false, value: 181, limit: 180, borderline: true)
        expectRule(r, .fiveYearAbsence, passed: true, value: 181, limit: 365, borderline: false)
        #expect(!r.eligible)
        // Slice 1 drops to 180 once its start passes 2025-04-01: S − 1 year = 2025-04-02, S = 2026-04-02.
        #expect(r.earliestEligibleDate == date("2026-04-02"))
    }

    @Test func tripStraddlingASliceBoundaryIsSplit() {
        // Abroad 2025-01-01 … 2025-04-30: slice 2 gets Jan–Feb = 59, slice 1 gets Mar–Apr = 61.
        let r = evaluate(standardClient([trip("2025-01-01", "2025-05-01")]))
        #expect(sliceDays(r) == [61, 59, 0, 0, 0, 0, 0, 0])
        expectRule(r, .yearlyAbsence, passed: true, value: 61, limit: 180, borderline: false)
        expectRule(r, .fiveYearAbsence, passed: true, value: 120, limit: 365, borderline: false)
        // 120 days from 2025-01-01; limit 2025-01-01 → 2025-07-01 = 181.
        expectRule(r, .singleAbsence, passed: true, value: 120, limit: 181, borderline: false)
    }

    @Test func oneHundredEightyDayTripSplitAcrossSlicesPassesBothSlices() {
        // Abroad 2024-10-01 … 2025-03-29 = 180: slice 2 gets 151 (to 2025-02-28), slice 1 gets 29.
        let r = evaluate(standardClient([trip("2024-10-01", "2025-03-30")]))
        #expect(sliceDays(r) == [29, 151, 0, 0, 0, 0, 0, 0])
        expectRule(r, .yearlyAbsence, passed: true, value: 151, limit: 180, borderline: false)
        // Limit 2024-10-01 → 2025-04-01 = 182.
        expectRule(r, .singleAbsence, passed: true, value: 180, limit: 182, borderline: false)
        #expect(r.eligible)
    }

    @Test func sliceBoundsAndTheExitAndEntryDaysOnTheBoundary() {
        // Exit 2025-02-20, entry 2025-03-01: 02-20 … 02-28 = 9 days in slice 2 (entry day present).
        // Exit 2025-03-01, entry 2025-03-11: 03-01 … 03-10 = 10 days in slice 1 (exit day abroad).
        let r = evaluate(standardClient([trip("2025-02-20", "2025-03-01"), trip("2025-03-01", "2025-03-11")]))
        #expect(r.slices[0].index == 1 && r.slices[0].from == date("2025-03-01") && r.slices[0].to == date("2026-02-28"))
        #expect(r.slices[1].index == 2 && r.slices[1].from == date("2024-03-01") && r.slices[1].to == date("2025-02-28"))
        #expect(r.slices[7].index == 8 && r.slices[7].from == date("2018-03-01") && r.slices[7].to == date("2019-02-28"))
        #expect(sliceDays(r) == [10, 9, 0, 0, 0, 0, 0, 0])
        // The two trips form one continuous run 2025-02-20 … 2025-03-10 = 19 days (limit to 2025-08-20 = 181).
        expectRule(r, .singleAbsence, passed: true, value: 19, limit: 181, borderline: false)
    }
}

// MARK: - Rule 3: five-year window

@Suite("Eligibility: five-year-absence rule")
struct FiveYearAbsenceTests {
    // Slice 4: 2022-04-01 → 09-28 = 180; slice 3: 2023-05-01 → 05-0x; slice 2: 2024-04-01 → 09-28 = 180.
    private func history(shortTripEntry: String) -> Client {
        standardClient([trip("2022-04-01", "2022-09-28"), trip("2023-05-01", shortTripEntry),
                        trip("2024-04-01", "2024-09-28")])
    }

    @Test func threeHundredSixtyFiveDaysInFiveYearsPasses() {
        let r = evaluate(history(shortTripEntry: "2023-05-06"))  // 5 days
        #expect(sliceDays(r) == [0, 180, 5, 180, 0, 0, 0, 0])
        expectRule(r, .fiveYearAbsence, passed: true, value: 365, limit: 365, borderline: true)
        expectRule(r, .yearlyAbsence, passed: true, value: 180, limit: 180, borderline: true)
        // Both long runs: 180 days, limit 2022-04-01 → 2022-10-01 = 183 (and the same for 2024).
        expectRule(r, .singleAbsence, passed: true, value: 180, limit: 183, borderline: false)
        #expect(r.eligible)
        #expect(r.earliestEligibleDate == date("2026-03-01"))
    }

    @Test func threeHundredSixtySixDaysInFiveYearsFails() {
        let r = evaluate(history(shortTripEntry: "2023-05-07"))  // 6 days
        #expect(sliceDays(r) == [0, 180, 6, 180, 0, 0, 0, 0])
        expectRule(r, .fiveYearAbsence, passed: false, value: 366, limit: 365, borderline: true)
        expectRule(r, .yearlyAbsence, passed: true, value: 180, limit: 180, borderline: true)
        #expect(!r.eligible)
        // The window must lose 2022-04-01: S − 5 years = 2022-04-02, S = 2027-04-02 (slices then 0,0,179,7,179,1,0,0).
        #expect(r.earliestEligibleDate == date("2027-04-02"))
    }

    @Test func daysBeforeTheFiveYearWindowDoNotCount() {
        // Add 180 days in slice 6 (2020-04-01 → 09-28): 545 days in 8 years, still 365 in the window.
        var c = history(shortTripEntry: "2023-05-06")
        c.trips.append(trip("2020-04-01", "2020-09-28"))
        let r = evaluate(c)
        #expect(sliceDays(r) == [0, 180, 5, 180, 0, 180, 0, 0])
        expectRule(r, .fiveYearAbsence, passed: true, value: 365, limit: 365, borderline: true)
        #expect(r.eligible)
    }
}

// MARK: - Leap days and month clamping

@Suite("Eligibility: leap days and clamping")
struct LeapDayTests {
    @Test func slicesOfAReferenceDateOnTwentyNinthOfFebruary() {
        // S = 2024-02-29: S − k years clamps to 28 Feb except in leap years 2020 and 2016.
        let r = evaluate(client([permit(.shortTerm, "2016-02-29", "2026-12-31")]), today: "2024-02-29")
        #expect(r.lookbackFrom == date("2016-02-29") && r.lookbackTo == date("2024-02-28"))
        let expected: [(String, String)] = [
            ("2023-02-28", "2024-02-28"), ("2022-02-28", "2023-02-27"), ("2021-02-28", "2022-02-27"),
            ("2020-02-29", "2021-02-27"), ("2019-02-28", "2020-02-28"), ("2018-02-28", "2019-02-27"),
            ("2017-02-28", "2018-02-27"), ("2016-02-29", "2017-02-27"),
        ]
        #expect(r.slices.count == 8)
        for (slice, (from, to)) in zip(r.slices, expected) {
            #expect(slice.from == date(from), "slice \(slice.index) from")
            #expect(slice.to == date(to), "slice \(slice.index) to")
        }
    }

    @Test func permitStartingOnTwentyNinthOfFebruaryExactlyMeetsTheNeed() {
        // Lookback 2016-02-29 … 2024-02-28 = 8 × 365 + 2 (29 Feb 2016, 2020) = 2922, all credited.
        let r = evaluate(client([permit(.shortTerm, "2016-02-29", "2026-12-31")]), today: "2024-02-29")
        expectRule(r, .permitTime, passed: true, value: 2922, limit: 2922, borderline: true)
        #expect(r.eligible)
        #expect(r.earliestEligibleDate == date("2024-02-29"))
    }

    @Test func permitStartingFirstOfMarchIsOneDayShortUntilTheNextDay() {
        // Credit 2016-03-01 … 2024-02-28 = 2921 < 2922. On 2024-03-01 the lookback is
        // 2016-03-01 … 2024-02-29 = 2922 days, all covered.
        let r = evaluate(client([permit(.shortTerm, "2016-03-01", "2026-12-31")]), today: "2024-02-29")
        expectRule(r, .permitTime, passed: false, value: 2921, limit: 2922, borderline: true)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])  // 2016-02-29 precedes the first permit
        #expect(r.earliestEligibleDate == date("2024-03-01"))
    }

    @Test func eightYearsBeforeTwentyNinthOfFebruaryClampsInACenturyYear() {
        // S = 2108-02-29: S − 8 years = 2100-02-28 (2100 is not a leap year); S − 4 years = 2104-02-29.
        // Needed = 2100-02-28 … 2108-02-28 = 8 × 365 + 2 (28 Feb → 29 Feb at the end, 29 Feb 2104) = 2922.
        let r = evaluate(client([permit(.shortTerm, "2100-02-28", "2110-12-31")]), today: "2108-02-29")
        #expect(r.lookbackFrom == date("2100-02-28"))
        #expect(r.slices[7].from == date("2100-02-28"))
        #expect(r.slices[3].from == date("2104-02-29"))
        #expect(r.slices[0].from == date("2107-02-28"))
        expectRule(r, .permitTime, passed: true, value: 2922, limit: 2922, borderline: true)
    }

    @Test func sixMonthsFromThirtyFirstOfAugustClampsToTwentyNinthOfFebruary() {
        // 2023-08-31 + 6 months = 2024-02-29. Entry 02-29: abroad … 02-28 = 182 days, passes.
        let pass = evaluate(standardClient([trip("2023-08-31", "2024-02-29")]))
        expectRule(pass, .singleAbsence, passed: true, value: 182, limit: 182, borderline: true)
        // Entry 03-01: abroad … 02-29 = 183 days, b = a + 6 months: fails.
        let fail = evaluate(standardClient([trip("2023-08-31", "2024-03-01")]))
        expectRule(fail, .singleAbsence, passed: false, value: 183, limit: 182, borderline: true)
    }

    @Test func sixMonthsFromThirtyFirstOfAugustClampsToTwentyEighthOfFebruary() {
        // 2024-08-31 + 6 months = 2025-02-28. Entry 02-28: abroad … 02-27 = 181 days, passes.
        let pass = evaluate(standardClient([trip("2024-08-31", "2025-02-28")]))
        expectRule(pass, .singleAbsence, passed: true, value: 181, limit: 181, borderline: true)
        // Entry 03-01: abroad … 02-28 = 182 days, fails.
        let fail = evaluate(standardClient([trip("2024-08-31", "2025-03-01")]))
        expectRule(fail, .singleAbsence, passed: false, value: 182, limit: 181, borderline: true)
    }

    @Test func aTripOverTwentyNinthOfFebruaryCountsTheLeapDay() {
        // Abroad 2024-02-28 and 2024-02-29 = 2 days, both in slice 3 (2023-03-01 … 2024-02-29).
        let r = evaluate(standardClient([trip("2024-02-28", "2024-03-01")]))
        #expect(sliceDays(r) == [0, 0, 2, 0, 0, 0, 0, 0])
        expectRule(r, .fiveYearAbsence, passed: true, value: 2, limit: 365, borderline: false)
    }
}

// MARK: - Interruption days

@Suite("Eligibility: interruption days")
struct InterruptionDayTests {
    @Test func aGapBetweenPermitsIsAnInterruption() {
        // No permit 2022-07-01 … 2022-07-31 = 31 days, in slice 4 and the five-year window.
        let c = client([permit(.shortTerm, "2015-01-01", "2022-06-30"), permit(.shortTerm, "2022-08-01", "2030-12-31")])
        let r = evaluate(c)
        #expect(sliceDays(r) == [0, 0, 0, 31, 0, 0, 0, 0])
        expectRule(r, .fiveYearAbsence, passed: true, value: 31, limit: 365, borderline: false)
        // Limit 2022-07-01 → 2023-01-01 = 184.
        expectRule(r, .singleAbsence, passed: true, value: 31, limit: 184, borderline: false)
        // Credit 4077 − 31 uncovered days.
        expectRule(r, .permitTime, passed: true, value: 4046, limit: 2922, borderline: false)
        #expect(r.eligible)
    }

    @Test func aDayAbroadWithoutAPermitCountsOnce() {
        // Abroad 2022-06-20 … 07-09 overlaps the gap 07-01 … 07-31: union 06-20 … 07-31 = 11 + 31 = 42.
        let c = client([permit(.shortTerm, "2015-01-01", "2022-06-30"), permit(.shortTerm, "2022-08-01", "2030-12-31")],
                       [trip("2022-06-20", "2022-07-10")])
        let r = evaluate(c)
        #expect(sliceDays(r) == [0, 0, 0, 42, 0, 0, 0, 0])
        expectRule(r, .fiveYearAbsence, passed: true, value: 42, limit: 365, borderline: false)
        // One run 06-20 … 07-31; limit 2022-06-20 → 2022-12-20 = 183.
        expectRule(r, .singleAbsence, passed: true, value: 42, limit: 183, borderline: false)
        // 06-20 … 06-30 abroad under a permit still earn credit: 4046.
        expectRule(r, .permitTime, passed: true, value: 4046, limit: 2922, borderline: false)
    }

    @Test func daysBeforeTheFirstPermitAreNotInterruptions() {
        // First permit 2019-06-01; lookback from 2018-03-01; a trip 2018-05-01 → 2019-01-01 before it.
        let c = client([permit(.shortTerm, "2019-06-01", "2030-12-31")], [trip("2018-05-01", "2019-01-01")])
        let r = evaluate(c)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
        expectRule(r, .singleAbsence, passed: true, value: 0, limit: 184, borderline: false)
        expectRule(r, .fiveYearAbsence, passed: true, value: 0, limit: 365, borderline: false)
        // The permit-time rule accounts for them: credit 2019-06-01 … 2026-02-28 = 2465.
        expectRule(r, .permitTime, passed: false, value: 2465, limit: 2922, borderline: false)
        // S − 8 years must reach 2019-06-01.
        #expect(r.earliestEligibleDate == date("2027-06-01"))
    }

    @Test func aTripAcrossTheFirstPermitStartCountsOnlyFromThatStart() {
        // Abroad 2019-05-01 … 06-30; only 06-01 … 06-30 = 30 days count (slice 7: 2019-03-01 … 2020-02-29).
        let c = client([permit(.shortTerm, "2019-06-01", "2030-12-31")], [trip("2019-05-01", "2019-07-01")])
        let r = evaluate(c)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 30, 0])
        // Limit 2019-06-01 → 2019-12-01 = 183.
        expectRule(r, .singleAbsence, passed: true, value: 30, limit: 183, borderline: false)
    }

    @Test func aClientWithoutPermitsEarnsNothingAndNeverBecomesEligible() {
        let r = evaluate(client([], [trip("2025-04-01", "2025-05-01")]))
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
        expectRule(r, .permitTime, passed: false, value: 0, limit: 2922, borderline: false)
        expectRule(r, .permitType, passed: true, value: nil, limit: nil, borderline: false)
        #expect(!r.eligible)
        #expect(r.earliestEligibleDate == nil)
    }

    @Test func anExemptTripIsExcludedAndReported() {
        // 2024-01-01 → 2024-12-01 = 335 days abroad for health: not abroad days.
        let exempt = trip("2024-01-01", "2024-12-01", exempt: .health)
        let r = evaluate(standardClient([exempt]))
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
        expectRule(r, .singleAbsence, passed: true, value: 0, limit: 184, borderline: false)
        expectRule(r, .fiveYearAbsence, passed: true, value: 0, limit: 365, borderline: false)
        #expect(r.exemptTrips.count == 1)
        #expect(r.exemptTrips.first?.trip == exempt)
        #expect(r.exemptTrips.first?.days == 335)
        #expect(r.eligible)
        #expect(r.earliestEligibleDate == date("2026-03-01"))
    }

    @Test func theSameTripNotExemptFailsTheAbsenceRules() {
        // Abroad 2024-01-01 … 2024-11-30 = 335; 2024-01-01 + 6 months = 2024-07-01 ≤ b: fails (limit 182).
        // Slice 2 (2024-03-01 … 2025-02-28) holds 03-01 … 11-30 = 275, slice 3 holds 01-01 … 02-29 = 60.
        let r = evaluate(standardClient([trip("2024-01-01", "2024-12-01")]))
        expectRule(r, .singleAbsence, passed: false, value: 335, limit: 182, borderline: false)
        #expect(sliceDays(r) == [0, 275, 60, 0, 0, 0, 0, 0])
        expectRule(r, .yearlyAbsence, passed: false, value: 275, limit: 180, borderline: false)
        #expect(r.exemptTrips.isEmpty)
    }

    @Test func aDayWithoutAPermitDuringAnExemptTripStillCounts() {
        // Permit gap 2024-06-01 … 06-30 = 30 days falls inside the exempt trip: still interruptions (slice 2).
        let c = client([permit(.shortTerm, "2015-01-01", "2024-05-31"), permit(.shortTerm, "2024-07-01", "2030-12-31")],
                       [trip("2024-01-01", "2024-12-01", exempt: .education)])
        let r = evaluate(c)
        #expect(sliceDays(r) == [0, 30, 0, 0, 0, 0, 0, 0])
        expectRule(r, .fiveYearAbsence, passed: true, value: 30, limit: 365, borderline: false)
        // Limit 2024-06-01 → 2024-12-01 = 183.
        expectRule(r, .singleAbsence, passed: true, value: 30, limit: 183, borderline: false)
        expectRule(r, .permitTime, passed: true, value: 4047, limit: 2922, borderline: false)
        #expect(r.exemptTrips.first?.days == 335)
    }

    @Test func anOpenExemptTripReportsItsDaysAbroadUpToTheDayBeforeTheReference() {
        // No re-entry: abroad from E through S − 1 = 2025-12-01 … 2026-02-28 = 90 days.
        let r = evaluate(standardClient([trip("2025-12-01", nil, exempt: .publicService)]))
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(r.exemptTrips.count == 1)
        #expect(r.exemptTrips.first?.days == 90)
        #expect(r.eligible)
    }
}

// MARK: - Rule 4: permit time

@Suite("Eligibility: permit-time rule")
struct PermitTimeTests {
    @Test func studentDaysEarnHalfCreditEvenBeforeTheLookback() {
        // Student 2014-03-01 … 2018-02-28 = 1461 days → 730.5; short-term covers the whole lookback: 2922.
        let c = client([permit(.student, "2014-03-01", "2018-02-28"), permit(.shortTerm, "2018-03-01", "2030-12-31")])
        let r = evaluate(c)
        expectRule(r, .permitTime, passed: true, value: 3652.5, limit: 2922, borderline: false)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func overlappingStudentAndShortTermEarnTheHigherCreditOnce() {
        // Student 2014-03-01 … 2020-02-29 overlaps short-term from 2018-03-01: the overlap earns 1, not 1.5.
        // Student-only days 2014-03-01 … 2018-02-28 = 1461 → 730.5, plus 2922 = 3652.5.
        let c = client([permit(.student, "2014-03-01", "2020-02-29"), permit(.shortTerm, "2018-03-01", "2030-12-31")])
        let r = evaluate(c)
        expectRule(r, .permitTime, passed: true, value: 3652.5, limit: 2922, borderline: false)
    }

    @Test func studentYearsNeedMoreThanEightCalendarYears() {
        // Today = S = 2025-01-01. Student 2015-01-01 … 2019-12-31 = 1826 → 913; short-term 2020-01-01 … 2024-12-31 = 1827.
        // Credit 2740 < needed 2017-01-01 … 2024-12-31 = 2922, although permits cover 10 calendar years.
        let c = client([permit(.student, "2015-01-01", "2019-12-31"), permit(.shortTerm, "2020-01-01", "2030-12-31")])
        let r = evaluate(c, today: "2025-01-01")
        expectRule(r, .permitTime, passed: false, value: 2740, limit: 2922, borderline: false)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
        // Credit(D) = 913 + (2020-01-01 → D); needed(D) = (D − 8y → D). Equal once (D − 8y → 2020-01-01) ≤ 913:
        // D − 8y = 2017-07-02 (730 + 183 = 913), D = 2025-07-02.
        #expect(r.earliestEligibleDate == date("2025-07-02"))
        let atEarliest = evaluate(c, today: "2025-01-01", reference: "2025-07-02")
        expectRule(atEarliest, .permitTime, passed: true, value: 2922, limit: 2922, borderline: true)
        let dayBefore = evaluate(c, today: "2025-01-01", reference: "2025-07-01")
        expectRule(dayBefore, .permitTime, passed: false, value: 2921, limit: 2922, borderline: true)
    }

    @Test func overlappingFullCreditPermitsAreNotCountedTwice() {
        // Short-term 2015 … 2022 and family 2020 … 2030 overlap in 2020–2022: credit is their union, 4077.
        let c = client([permit(.shortTerm, "2015-01-01", "2022-12-31"), permit(.family, "2020-01-01", "2030-12-31")])
        let r = evaluate(c)
        expectRule(r, .permitTime, passed: true, value: 4077, limit: 2922, borderline: false)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test func adjacentPermitsLeaveNoGap() {
        let c = client([permit(.shortTerm, "2015-01-01", "2020-12-31"), permit(.workPermit, "2021-01-01", "2030-12-31")])
        let r = evaluate(c)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
        expectRule(r, .singleAbsence, passed: true, value: 0, limit: 184, borderline: false)
        expectRule(r, .permitTime, passed: true, value: 4077, limit: 2922, borderline: false)
    }

    @Test func aLaterStudentPermitInsideAShortTermOneDoesNotLowerTheCredit() {
        // The student permit starts later (it is the "covering" permit in 2020–2021) but the highest credit wins.
        let c = client([permit(.shortTerm, "2015-01-01", "2030-12-31"), permit(.student, "2020-01-01", "2021-12-31")])
        let r = evaluate(c)
        expectRule(r, .permitTime, passed: true, value: 4077, limit: 2922, borderline: false)
    }

    @Test func creditWalkStopsAtAFailingRunStraddlingTheLookbackStart() {
        // Abroad 2017-12-01 … 2018-06-30 = 212 days: whole run fails (2017-12-01 + 6 months = 2018-06-01).
        // Inside the lookback only 2018-03-01 … 06-30 = 122 days: rule 1 passes (limit to 2018-09-01 = 184).
        let r = evaluate(standardClient([trip("2017-12-01", "2018-07-01")]))
        expectRule(r, .singleAbsence, passed: true, value: 122, limit: 184, borderline: false)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 122])
        // Credit only after the run: 2018-07-01 … 2026-02-28 = 2800.
        expectRule(r, .permitTime, passed: false, value: 2800, limit: 2922, borderline: false)
        // S − 8 years must reach 2018-07-01.
        #expect(r.earliestEligibleDate == date("2026-07-01"))
    }

    @Test func creditWalkStopsAtAFailingRunEntirelyBeforeTheLookback() {
        // Abroad 2016-01-01 … 07-31 = 213 days, fails whole; credit from 2016-08-01 = 3499 ≥ 2922.
        let r = evaluate(standardClient([trip("2016-01-01", "2016-08-01")]))
        expectRule(r, .singleAbsence, passed: true, value: 0, limit: 184, borderline: false)
        expectRule(r, .permitTime, passed: true, value: 3499, limit: 2922, borderline: false)
        #expect(r.eligible)
    }

    @Test func aFailingRunMadeOfATripAndAPermitGapStopsTheWalk() {
        // Abroad 2017-09-15 … 2018-01-31, no permit 2018-01-01 … 03-31: one run 2017-09-15 … 2018-03-31
        // = 198 days, fails whole (+6 months = 2018-03-15). Inside the lookback: 03-01 … 03-31 = 31 days.
        let c = client([permit(.shortTerm, "2015-01-01", "2017-12-31"), permit(.shortTerm, "2018-04-01", "2030-12-31")],
                       [trip("2017-09-15", "2018-02-01")])
        let r = evaluate(c)
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 31])
        expectRule(r, .singleAbsence, passed: true, value: 31, limit: 184, borderline: false)
        // Without the stop the credit would be 1096 + 2891; with it: 2018-04-01 … 2026-02-28 = 2891.
        expectRule(r, .permitTime, passed: false, value: 2891, limit: 2922, borderline: false)
        #expect(r.earliestEligibleDate == date("2026-04-01"))
    }
}

// MARK: - Rule 5: permit type

@Suite("Eligibility: permit-type rule")
struct PermitTypeTests {
    @Test func humanitarianPermitCoveringTheDayBeforeFailsAndNeverBecomesEligible() {
        let c = client([permit(.humanitarian, "2015-01-01", "2026-12-31")])
        let r = evaluate(c)
        expectRule(r, .permitType, passed: false, value: nil, limit: nil, borderline: false)
        // Humanitarian time counts in full; only the type fails.
        expectRule(r, .permitTime, passed: true, value: 4077, limit: 2922, borderline: false)
        #expect(passed(r, .singleAbsence) == true && passed(r, .yearlyAbsence) == true
                && passed(r, .fiveYearAbsence) == true)
        #expect(!r.eligible)
        #expect(r.earliestEligibleDate == nil)
        #expect(r.warnings.contains { $0.lowercased().contains("humanitarian") })
    }

    @Test func theLatestStartingPermitDecidesTheType() {
        // Short-term 2015 … 2030 and a later humanitarian 2025-06-01 … 2026-05-31 both cover 2026-02-28.
        let c = client([permit(.shortTerm, "2015-01-01", "2030-12-31"), permit(.humanitarian, "2025-06-01", "2026-05-31")])
        let r = evaluate(c)
        expectRule(r, .permitType, passed: false, value: nil, limit: nil, borderline: false)
        // The humanitarian permit is the most recent; it is assumed extended as humanitarian: never eligible.
        #expect(r.earliestEligibleDate == nil)
    }

    @Test func anEarlierHumanitarianPermitOnlyFlagsForReview() {
        let c = client([permit(.humanitarian, "2015-01-01", "2019-12-31"), permit(.shortTerm, "2020-01-01", "2030-12-31")])
        let r = evaluate(c)
        expectRule(r, .permitType, passed: true, value: nil, limit: nil, borderline: false)
        expectRule(r, .permitTime, passed: true, value: 4077, limit: 2922, borderline: false)
        #expect(r.eligible)
        #expect(r.earliestEligibleDate == date("2026-03-01"))
        #expect(r.warnings.contains { $0.lowercased().contains("humanitarian") })
    }

    @Test func aTraffickingVictimPermitCountsInFullButItsHolderCannotMove() {
        // r2: Art. 42(2) bars trafficking-victim permit holders too; the time still counts in full.
        let r = evaluate(client([permit(.traffickingVictim, "2015-01-01", "2030-12-31")]))
        expectRule(r, .permitTime, passed: true, value: 4077, limit: 2922, borderline: false)
        expectRule(r, .permitType, passed: false, value: nil, limit: nil, borderline: false)
        #expect(!r.eligible)
        #expect(r.verdict == .notEligible)
        #expect(r.earliestEligibleDate == nil)
        #expect(r.earliestNote.contains("cannot move to long-term"))
        #expect(r.warnings.contains { $0.lowercased().contains("trafficking") })
    }

    @Test func anEarlierTraffickingVictimPermitOnlyFlagsForReview() {
        let c = client([permit(.traffickingVictim, "2015-01-01", "2019-12-31"), permit(.shortTerm, "2020-01-01", "2030-12-31")])
        let r = evaluate(c)
        expectRule(r, .permitType, passed: true, value: nil, limit: nil, borderline: false)
        #expect(r.eligible)
    }
}

// MARK: - Open and future trips

@Suite("Eligibility: open and future trips")
struct OpenAndFutureTripTests {
    @Test func anOpenTripIsAbroadThroughTheDayBeforeTheReference() {
        // Exit 2025-12-01, no re-entry: abroad 2025-12-01 … 2026-02-28 = 90 days.
        let r = evaluate(standardClient([trip("2025-12-01", nil)]))
        #expect(sliceDays(r) == [90, 0, 0, 0, 0, 0, 0, 0])
        // Limit 2025-12-01 → 2026-06-01 = 182.
        expectRule(r, .singleAbsence, passed: true, value: 90, limit: 182, borderline: false)
        expectRule(r, .fiveYearAbsence, passed: true, value: 90, limit: 365, borderline: false)
        expectRule(r, .permitTime, passed: true, value: 4077, limit: 2922, borderline: false)
        #expect(r.eligible)
        #expect(r.earliestEligibleDate == date("2026-03-01"))
    }

    @Test func anOpenTripOfSixMonthsAlreadyFailsAndLeavesNoCredit() {
        // Exit 2025-08-01: abroad … 2026-02-28 = 212 days; 2025-08-01 + 6 months = 2026-02-01 ≤ b (limit 184).
        let r = evaluate(standardClient([trip("2025-08-01", nil)]))
        expectRule(r, .singleAbsence, passed: false, value: 212, limit: 184, borderline: false)
        #expect(sliceDays(r) == [212, 0, 0, 0, 0, 0, 0, 0])
        expectRule(r, .yearlyAbsence, passed: false, value: 212, limit: 180, borderline: false)
        expectRule(r, .fiveYearAbsence, passed: true, value: 212, limit: 365, borderline: false)
        // The run containing S − 1 fails (judged up to S − 1): nothing is credited.
        expectRule(r, .permitTime, passed: false, value: 0, limit: 2922, borderline: false)
        // The client is assumed to stay abroad: never eligible.
        #expect(r.earliestEligibleDate == nil)
    }

    @Test func anOpenTripIsAssumedToGoOnToAFutureReference() {
        // Today 2026-03-01; S = 2026-06-01: abroad 2025-12-01 … 2026-05-31 = 182 days, limit 182: passes.
        let atLimit = evaluate(standardClient([trip("2025-12-01", nil)]), reference: "2026-06-01")
        expectRule(atLimit, .singleAbsence, passed: true, value: 182, limit: 182, borderline: true)
        #expect(atLimit.assumptions.contains { $0.contains("no re-entry") })
        // S = 2026-06-02: abroad … 2026-06-01 = 183 days, b = a + 6 months: fails.
        let beyond = evaluate(standardClient([trip("2025-12-01", nil)]), reference: "2026-06-02")
        expectRule(beyond, .singleAbsence, passed: false, value: 183, limit: 182, borderline: true)
        #expect(beyond.earliestEligibleDate == nil)
    }

    @Test func aFutureTripDoesNotAffectAReferenceBeforeIt() {
        let r = evaluate(standardClient([trip("2026-04-01", "2026-12-01")]))
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(r.eligible)
        #expect(r.earliestEligibleDate == date("2026-03-01"))
    }

    @Test func recordedFutureTripsCountBeforeAFutureReference() {
        // Today 2026-03-01, S = 2026-06-01; slice 1 = 2025-06-01 … 2026-05-31:
        // 2025-09-01 → 12-30 = 120 days (past) + 2026-03-10 → 05-10 = 61 days (future) = 181.
        let c = standardClient([trip("2025-09-01", "2025-12-30"), trip("2026-03-10", "2026-05-10")])
        let r = evaluate(c, reference: "2026-06-01")
        #expect(sliceDays(r) == [181, 0, 0, 0, 0, 0, 0, 0])
        expectRule(r, .yearlyAbsence, passed: false, value: 181, limit: 180, borderline: true)
        #expect(r.assumptions.contains { $0.contains("future trips") })
        // Slice 1 holds 180 once it starts on 2025-09-02: D = 2026-09-02 (slice 2 then holds 1).
        #expect(r.earliestEligibleDate == date("2026-09-02"))
    }
}

// MARK: - Earliest eligible date

@Suite("Eligibility: earliest eligible date")
struct EarliestEligibleDateTests {
    @Test func anEligibleClientIsEligibleOnTheReferenceDate() {
        let r = evaluate(standardClient(), reference: "2026-05-15")
        #expect(r.eligible)
        #expect(r.earliestEligibleDate == date("2026-05-15"))
    }

    @Test func theMostRecentPermitEndingYesterdayIsAssumedExtended() {
        // Permit 2019-01-01 … 2026-02-28, today 2026-03-01: end = today − 1, not lapsed.
        // Credit 2019-01-01 … 2026-02-28 = 2616 < 2922. r2: today is a recorded day, so 2026-03-01 stays
        // without a permit and the projection starts tomorrow (2026-03-02): D − 8 years must reach 2019-01-01
        // with one day uncovered, so D = 2027-01-02 (on 2027-01-01 the credit is 2921 of 2922).
        let r = evaluate(client([permit(.shortTerm, "2019-01-01", "2026-02-28")]))
        expectRule(r, .permitTime, passed: false, value: 2616, limit: 2922, borderline: false)
        #expect(r.rule(.validPermit)?.passed == false)
        #expect(r.earliestEligibleDate == date("2027-01-02"))
        #expect(r.assumptions.contains { $0.contains("extended") })
    }

    @Test func aLapsedPermitIsNotExtended() {
        // Same permit, today = S = 2026-03-02: end 2026-02-28 < today − 1: lapsed.
        // 2026-03-01 has no permit: 1 interruption day; credit stays 2616 (needed 2018-03-02 … 2026-03-01 = 2922).
        let r = evaluate(client([permit(.shortTerm, "2019-01-01", "2026-02-28")]), today: "2026-03-02")
        #expect(sliceDays(r) == [1, 0, 0, 0, 0, 0, 0, 0])
        // Limit 2026-03-01 → 2026-09-01 = 184.
        expectRule(r, .singleAbsence, passed: true, value: 1, limit: 184, borderline: false)
        expectRule(r, .permitTime, passed: false, value: 2616, limit: 2922, borderline: false)
        expectRule(r, .permitType, passed: true, value: nil, limit: nil, borderline: false)
        #expect(r.earliestEligibleDate == nil)
        #expect(r.assumptions.contains { $0.contains("lapsed") })
    }

    @Test func onlyTheLatestStartingPermitIsExtended() {
        // Short-term 2019-01-01 … 2026-10-31 is valid, but the most recent permit (latest start) is the family
        // permit 2025-01-01 … 2025-06-30, which lapsed: nothing is extended. Eight years of credit would need
        // D ≥ 2027-01-01, by when 2026-11-01 … has no permit; after six months that run stops all credit.
        let c = client([permit(.shortTerm, "2019-01-01", "2026-10-31"), permit(.family, "2025-01-01", "2025-06-30")])
        let r = evaluate(c)
        expectRule(r, .permitTime, passed: false, value: 2616, limit: 2922, borderline: false)
        #expect(r.earliestEligibleDate == nil)
    }

    @Test func aFutureReferenceUsesTheAssumedExtension() {
        // Permit 2018-03-01 … 2026-03-31, today 2026-03-01, S = 2026-06-01: April–May covered by the extension.
        // Credit 2018-03-01 … 2026-05-31 = 3014; needed 2018-06-01 … 2026-05-31 = 2922.
        let r = evaluate(client([permit(.shortTerm, "2018-03-01", "2026-03-31")]), reference: "2026-06-01")
        #expect(sliceDays(r) == [0, 0, 0, 0, 0, 0, 0, 0])
        expectRule(r, .permitTime, passed: true, value: 3014, limit: 2922, borderline: false)
        expectRule(r, .permitType, passed: true, value: nil, limit: nil, borderline: false)
        #expect(r.eligible)
        #expect(r.earliestEligibleDate == date("2026-06-01"))
        #expect(r.assumptions.contains { $0.contains("extended") })
    }

    @Test func theSearchReachesExactlyTenYearsAhead() {
        // First permit 2024-01-01 (extended after 2026-12-31). Recorded future trip: abroad 2027-08-31 … 2028-02-29,
        // 2027-08-31 + 6 months = 2028-02-29 ≤ b: the run fails, credit restarts on 2028-03-01, so D − 8 years
        // must reach 2028-03-01: D = 2036-03-01 = S + 10 years, the last date searched.
        let c = client([permit(.shortTerm, "2024-01-01", "2026-12-31")], [trip("2027-08-31", "2028-03-01")])
        #expect(evaluate(c).earliestEligibleDate == date("2036-03-01"))
        // Re-entry one day later: credit restarts on 2028-03-02, D = 2036-03-02 is beyond the search: none.
        let later = client([permit(.shortTerm, "2024-01-01", "2026-12-31")], [trip("2027-08-31", "2028-03-02")])
        #expect(evaluate(later).earliestEligibleDate == nil)
    }
}

// MARK: - What-if and borderline

@Suite("Eligibility: what-if trips and borderline marking")
struct WhatIfAndBorderlineTests {
    @Test func aWhatIfTripIsEvaluatedWithoutChangingTheClient() {
        // Hypothetical 2025-04-01 → 10-15: abroad 197 days; 2025-04-01 + 6 months = 2025-10-01 ≤ 10-14 (limit 183).
        let c = standardClient()
        let r = evaluate(c, extraTrips: [trip("2025-04-01", "2025-10-15")])
        expectRule(r, .singleAbsence, passed: false, value: 197, limit: 183, borderline: false)
        #expect(sliceDays(r) == [197, 0, 0, 0, 0, 0, 0, 0])
        // Credit only after the run: 2025-10-15 … 2026-02-28 = 137.
        expectRule(r, .permitTime, passed: false, value: 137, limit: 2922, borderline: false)
        // Eight years after 2025-10-15, with the permit assumed extended after 2030-12-31.
        #expect(r.earliestEligibleDate == date("2033-10-15"))
        #expect(c.trips.isEmpty)
        #expect(evaluate(c).eligible)
    }

    @Test func aWhatIfTripBeforeAPlannedReference() {
        // Today 2026-03-01, S = 2026-09-01 (slice 1 = 2025-09-01 … 2026-08-31); extra trip 04-01 → 06-01 = 61 days.
        let r = evaluate(standardClient(), reference: "2026-09-01", extraTrips: [trip("2026-04-01", "2026-06-01")])
        #expect(sliceDays(r) == [61, 0, 0, 0, 0, 0, 0, 0])
        #expect(r.eligible)
        #expect(r.earliestEligibleDate == date("2026-09-01"))
    }

    @Test func yearlyValueWithinOneDayOfTheLimitIsBorderline() {
        // 2025-04-01 → 09-27 = 179 days: |179 − 180| ≤ 1. Single-absence 179 vs 183 is not borderline.
        let r = evaluate(standardClient([trip("2025-04-01", "2025-09-27")]))
        expectRule(r, .yearlyAbsence, passed: true, value: 179, limit: 180, borderline: true)
        expectRule(r, .singleAbsence, passed: true, value: 179, limit: 183, borderline: false)
        #expect(r.borderline)
        #expect(r.warnings.contains { $0.contains("Entry-Exit Record") })
        // 178 days: two below the limit, not borderline anywhere.
        let r2 = evaluate(standardClient([trip("2025-04-01", "2025-09-26")]))
        expectRule(r2, .yearlyAbsence, passed: true, value: 178, limit: 180, borderline: false)
        #expect(!r2.borderline)
        #expect(!r2.warnings.contains { $0.contains("Entry-Exit Record") })
    }

    @Test func fiveYearValueWithinOneDayOfTheLimitIsBorderline() {
        func history(_ shortEntry: String) -> Client {
            standardClient([trip("2022-04-01", "2022-09-28"), trip("2023-05-01", shortEntry), trip("2024-04-01", "2024-09-28")])
        }
        // 180 + 4 + 180 = 364.
        expectRule(evaluate(history("2023-05-05")), .fiveYearAbsence, passed: true, value: 364, limit: 365, borderline: true)
        // 180 + 3 + 180 = 363.
        expectRule(evaluate(history("2023-05-04")), .fiveYearAbsence, passed: true, value: 363, limit: 365, borderline: false)
    }

    @Test func permitTimeWithinOneDayOfTheNeedIsBorderline() {
        // Permit from 2018-02-28: credit 2018-02-28 … 2026-02-28 = 2923 = needed + 1.
        let r = evaluate(client([permit(.shortTerm, "2018-02-28", "2030-12-31")]))
        expectRule(r, .permitTime, passed: true, value: 2923, limit: 2922, borderline: true)
        #expect(r.borderline)
        // From 2018-02-27: 2924 = needed + 2.
        let r2 = evaluate(client([permit(.shortTerm, "2018-02-27", "2030-12-31")]))
        expectRule(r2, .permitTime, passed: true, value: 2924, limit: 2922, borderline: false)
        #expect(!r2.borderline)
    }

    @Test func singleAbsenceWithinOneDayOfItsLimitIsBorderline() {
        // 2020-01-10 → 07-09: 181 days, limit 182.
        expectRule(evaluate(standardClient([trip("2020-01-10", "2020-07-09")])), .singleAbsence,
                   passed: true, value: 181, limit: 182, borderline: true)
        // 2020-01-10 → 07-08: 180 days, limit 182.
        expectRule(evaluate(standardClient([trip("2020-01-10", "2020-07-08")])), .singleAbsence,
                   passed: true, value: 180, limit: 182, borderline: false)
    }
}

// MARK: - Abroad-day conventions

@Suite("Eligibility: abroad-day conventions")
struct AbroadDayConventionTests {
    @Test func aTenDayTripUnderEachConvention() {
        // Exit 2025-04-01, entry 2025-04-11: N − E = 10; both days abroad 11; both days present 9.
        let c = standardClient([trip("2025-04-01", "2025-04-11")])
        #expect(sliceDays(evaluate(c, engine: engine(.exitDayAbroad)))[0] == 10)
        #expect(sliceDays(evaluate(c, engine: engine(.bothDaysAbroad)))[0] == 11)
        #expect(sliceDays(evaluate(c, engine: engine(.bothDaysPresent)))[0] == 9)
        expectRule(evaluate(c, engine: engine(.bothDaysAbroad)), .fiveYearAbsence,
                   passed: true, value: 11, limit: 365, borderline: false)
    }

    @Test func aSameDayTripUnderEachConvention() {
        // Exit and entry on 2025-04-01: 0 days; 1 day when both count as abroad; 0 when both are present.
        let c = standardClient([trip("2025-04-01", "2025-04-01")])
        #expect(sliceDays(evaluate(c, engine: engine(.exitDayAbroad)))[0] == 0)
        #expect(sliceDays(evaluate(c, engine: engine(.bothDaysAbroad)))[0] == 1)
        #expect(sliceDays(evaluate(c, engine: engine(.bothDaysPresent)))[0] == 0)
    }

    @Test func workedExampleWhenBothDaysCountAsAbroad() {
        // Entry 2020-07-10: abroad 2020-01-10 … 2020-07-10 = 183 days, b = a + 6 months: fails.
        let fail = evaluate(standardClient([trip("2020-01-10", "2020-07-10")]), engine: engine(.bothDaysAbroad))
        expectRule(fail, .singleAbsence, passed: false, value: 183, limit: 182, borderline: true)
        // Entry 2020-07-09: abroad … 07-09 = 182 days: passes.
        let pass = evaluate(standardClient([trip("2020-01-10", "2020-07-09")]), engine: engine(.bothDaysAbroad))
        expectRule(pass, .singleAbsence, passed: true, value: 182, limit: 182, borderline: true)
    }

    @Test func workedExampleWhenBothDaysCountAsPresent() {
        // Entry 2020-07-11: abroad 2020-01-11 … 07-10 = 182 days; 2020-01-11 + 6 months = 07-11 > b: passes.
        let pass = evaluate(standardClient([trip("2020-01-10", "2020-07-11")]), engine: engine(.bothDaysPresent))
        expectRule(pass, .singleAbsence, passed: true, value: 182, limit: 182, borderline: true)
        // Entry 2020-07-12: abroad … 07-11 = 183 days: fails.
        let fail = evaluate(standardClient([trip("2020-01-10", "2020-07-12")]), engine: engine(.bothDaysPresent))
        expectRule(fail, .singleAbsence, passed: false, value: 183, limit: 182, borderline: true)
    }

    @Test func anOpenTripUnderTheOtherConventions() {
        // Exit 2025-12-01, no re-entry, S = 2026-03-01: abroad through S − 1; the exit day counts unless
        // both days are present: 90 days (both abroad), 89 days (both present).
        let c = standardClient([trip("2025-12-01", nil)])
        #expect(sliceDays(evaluate(c, engine: engine(.bothDaysAbroad)))[0] == 90)
        #expect(sliceDays(evaluate(c, engine: engine(.bothDaysPresent)))[0] == 89)
    }
}
