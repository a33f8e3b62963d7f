extension Timeline {
    /// The full report (every rule with its numbers) for reference date `s`.
    func report(at s: CivilDate) -> EligibilityReport {
        let r = index(s)
        let lookbackFrom = s.adding(years: -p.lookbackYears)
        let lookbackTo = s.adding(days: -1)
        let l = index(lookbackFrom)
        let margin = p.borderlineDays
        let lookbackText = "lookback \(lookbackFrom.iso) – \(lookbackTo.iso)"
        let regulation = "[law] Implementing Regulation, long-term section (Art. 40 as cited); Law 6458 Arts. 42–43"
        let abroadConvention = conventionText(p.abroadDays)
        var rules: [RuleResult] = []

        // 1. single-absence
        let sixMonths = "\(p.singleAbsenceMonths) months"
        if let worst = worstRun(l: l, r: r - 1) {
            let a = date(worst.a), b = date(worst.b)
            let firstFailing = a.adding(months: p.singleAbsenceMonths)
            let length = worst.b - worst.a + 1
            let allowed = a.days(to: firstFailing)  // longest passing run from a, in days
            rules.append(RuleResult(
                id: .singleAbsence, passed: !worst.fails, value: Double(length), limit: Double(allowed),
                borderline: abs(length - allowed) <= margin,
                detail: "Longest run of interruption days in the \(lookbackText): \(a.iso) – \(b.iso), \(length) days; a run from \(a.iso) fails if it lasts until \(firstFailing.iso) (\(a.iso) + \(sixMonths)), so at most \(allowed) days.",
                explanation: Explanation(
                    rule: "docs/rules.md §7 rule 1 single-absence",
                    summary: "No continuous run of interruption days inside the lookback may reach \(sixMonths): a run from a to b fails when b ≥ a + \(sixMonths).",
                    source: regulation,
                    conventions: [abroadConvention, "runs are judged by their part inside the lookback", "months are added with end-of-month clamping"])))
        } else {
            rules.append(RuleResult(
                id: .singleAbsence, passed: true, value: 0, limit: Double(lookbackFrom.days(to: lookbackFrom.adding(months: p.singleAbsenceMonths))),
                borderline: false,
                detail: "No interruption days in the \(lookbackText).",
                explanation: Explanation(rule: "docs/rules.md §7 rule 1 single-absence",
                                         summary: "No continuous run of interruption days inside the lookback may reach \(sixMonths).",
                                         source: regulation, conventions: [abroadConvention])))
        }

        // 2. yearly-absence
        var slices: [YearSlice] = []
        var upper = r
        for k in 1...p.lookbackYears {
            let fromDate = s.adding(years: -k)
            let lower = index(fromDate)
            let n = interruptions(lower, upper - 1)
            slices.append(YearSlice(index: k, from: fromDate, to: date(upper - 1), interruptionDays: n,
                                    passed: n <= p.yearlyAbsenceLimitDays))
            upper = lower
        }
        let worstSlice = slices.max { ($0.interruptionDays, -$0.index) < ($1.interruptionDays, -$1.index) }
        let maxSlice = worstSlice?.interruptionDays ?? 0
        rules.append(RuleResult(
            id: .yearlyAbsence, passed: slices.allSatisfy(\.passed), value: Double(maxSlice),
            limit: Double(p.yearlyAbsenceLimitDays),
            borderline: abs(maxSlice - p.yearlyAbsenceLimitDays) <= margin,
            detail: "Most interruption days in one year: \(maxSlice) (slice \(worstSlice?.index ?? 1): \(worstSlice?.from.iso ?? "") – \(worstSlice?.to.iso ?? "")); at most \(p.yearlyAbsenceLimitDays) per year. " +
                slices.map { "Y\($0.index) \($0.interruptionDays)" }.joined(separator: ", ") + ".",
            explanation: Explanation(
                rule: "docs/rules.md §7 rule 2 yearly-absence",
                summary: "Each of the \(p.lookbackYears) one-year slices before the reference date (slice k = S − k years … S − (k−1) years − 1 day) may hold at most \(p.yearlyAbsenceLimitDays) interruption days.",
                source: regulation + "; [seed] \"a 365-day period starting from the date of online submission\", read as one-year slices counted back from the reference date, not calendar years",
                conventions: [abroadConvention, "a day abroad without a permit counts once",
                              "a slice is one year (S − k years … S − (k−1) years − 1 day); a slice holding 29 February has 366 days"])))

        // 3. five-year-absence
        let fiveFrom = s.adding(years: -p.fiveYearWindowYears)
        let five = interruptions(index(fiveFrom), r - 1)
        rules.append(RuleResult(
            id: .fiveYearAbsence, passed: five <= p.fiveYearAbsenceLimitDays, value: Double(five),
            limit: Double(p.fiveYearAbsenceLimitDays),
            borderline: abs(five - p.fiveYearAbsenceLimitDays) <= margin,
            detail: "Interruption days from \(fiveFrom.iso) to \(lookbackTo.iso): \(five); at most \(p.fiveYearAbsenceLimitDays).",
            explanation: Explanation(
                rule: "docs/rules.md §7 rule 3 five-year-absence",
                summary: "The \(p.fiveYearWindowYears) years before the reference date may hold at most \(p.fiveYearAbsenceLimitDays) interruption days.",
                source: regulation, conventions: [abroadConvention])))

        // 4. permit-time
        let den = Double(p.studentCreditDenominator)
        let needed = r - l
        let c = credit(at: r)
        let credited = Double(c.units) / den
        var firstCredited: Int?
        var studentCount = 0
        if c.from < r {
            for i in c.from..<r where coveringType[i] != nil {
                if firstCredited == nil { firstCredited = i }
                if studentDays[i] { studentCount += 1 }
            }
        }
        let fromText = firstCredited.map { date($0).iso } ?? "—"
        var permitDetail = "Credited permit time \(formatDays(credited)) days (from \(fromText) to \(lookbackTo.iso)"
        if studentCount > 0 { permitDetail += "; \(studentCount) student-permit days at \(p.studentCreditNumerator)/\(p.studentCreditDenominator)" }
        permitDetail += "); needed \(needed) days (\(lookbackFrom.iso) – \(lookbackTo.iso))."
        if let stop = c.stoppedAt {
            permitDetail += " Counting stops after the interruption \(date(stop.a).iso) – \(date(stop.b).iso), which breaks continuous residence (\(sixMonths) or more)."
        }
        rules.append(RuleResult(
            id: .permitTime, passed: c.units >= Int64(needed) * Int64(p.studentCreditDenominator),
            value: credited, limit: Double(needed),
            borderline: abs(credited - Double(needed)) <= Double(margin),
            detail: permitDetail,
            explanation: Explanation(
                rule: "docs/rules.md §7 rule 4 permit-time",
                summary: "Permit-covered days of the current uninterrupted residence must reach the \(p.lookbackYears) years before the reference date; a student-permit day earns \(p.studentCreditNumerator)/\(p.studentCreditDenominator), days abroad included.",
                source: "[law] Law 6458 Art. 42(1), Art. 28(2) (student time counts half)",
                conventions: ["walking back from the day before the reference date, counting stops at the first interruption run of \(sixMonths) or more (judged whole)",
                              "a day covered by several permits earns the highest credit"])))

        // 5. permit-type
        let lastType = r - 1 >= 0 && r - 1 < count ? coveringType[r - 1] : nil
        let barred = lastType.map { Timeline.barredTypes.contains($0) } ?? false
        rules.append(RuleResult(
            id: .permitType, passed: !barred, value: nil, limit: nil, borderline: false,
            detail: lastType.map { "The permit covering \(lookbackTo.iso) is \($0.noun)" + (barred ? ": its holder cannot move to long-term." : ".") }
                ?? "No permit covers \(lookbackTo.iso).",
            explanation: Explanation(
                rule: "docs/rules.md §7 rule 5 permit-type",
                summary: "The permit covering the day before the reference date (the latest-starting one if several; a covered day counts as its extended permit's) must not be humanitarian or trafficking-victim.",
                source: "[law] Law 6458 Art. 42(2)")))

        // 6. valid-permit
        let onS = r >= 0 && r < count ? coveringType[r] : nil
        let sText = s > today ? "by the projection (the reference date is after today)" : "by a recorded permit or covered days"
        rules.append(RuleResult(
            id: .validPermit, passed: onS != nil, value: nil, limit: nil, borderline: false,
            detail: onS.map { "The reference date \(s.iso) is covered by a \($0.noun) (\(sText))." }
                ?? "No valid permit on the reference date \(s.iso): the client cannot file a long-term application (a transfer application made in Turkey by the holder of a valid permit).",
            explanation: Explanation(
                rule: "docs/rules.md §7 rule 6 valid-permit",
                summary: "The reference date itself must be a permit day: covered by a recorded permit or by covered days, and for a date after today by the projection.",
                source: "[ours, practice] the long-term application is a transfer application, made in Turkey by the holder of a valid permit")))

        var warnings: [String] = []
        let types = Set(client.permits.map(\.type))
        if types.contains(.humanitarian) { warnings.append("The history includes a humanitarian permit: counted in full, but its holder cannot move to long-term (Art. 42(2)); flag for review.") }
        if types.contains(.traffickingVictim) { warnings.append("The history includes a trafficking-victim permit: counted in full by convention, but its holder cannot move to long-term (Art. 42(2)); flag for review.") }
        let borderline = rules.contains(where: \.borderline)
        if borderline { warnings.append("Borderline: verify against the Entry-Exit Record.") }

        let lt = client.longTerm
        let conditions = [
            ConditionNote(id: "public-aid", label: "No social assistance in the last 3 years", state: lt.publicAid),
            ConditionNote(id: "income", label: "Sufficient and regular income", state: lt.income),
            ConditionNote(id: "insurance", label: "Valid health insurance", state: lt.insurance),
            ConditionNote(id: "public-order", label: "No public-order or security threat", state: lt.publicOrder),
        ]
        let eligible = rules.allSatisfy(\.passed)
        let (verdict, reasons) = Timeline.verdict(eligible: eligible, rules: rules, conditions: conditions, record: lt.entryExitRecord)
        return EligibilityReport(
            clientId: client.id, referenceDate: s, today: today, lookbackFrom: lookbackFrom, lookbackTo: lookbackTo,
            eligible: eligible, verdict: verdict, verdictReasons: reasons, entryExitResult: lt.entryExitRecord.result, borderline: borderline, rules: rules, slices: slices,
            exemptTrips: exemptNotes, earliestEligibleDate: nil, earliestNote: "", assumptions: [],
            conditions: conditions, warnings: warnings,
            conventions: [abroadConvention,
                          "days before the first recorded permit are not interruption days",
                          "a day without a permit is an interruption day even during an exempt trip",
                          "borderline = within \(margin) day(s) of a limit"])
    }

    /// The verdict of RULES.md §7 from the time rules, the four conditions and the Entry-Exit Record.
    static func verdict(eligible: Bool, rules: [RuleResult], conditions: [ConditionNote],
                        record: EntryExitRecord) -> (LongTermVerdict, [String]) {
        var reasons: [String] = []
        for rule in rules where !rule.passed { reasons.append("time rule \(rule.id.rawValue) fails") }
        for c in conditions where c.state == .failed { reasons.append("condition failed: \(c.label)") }
        if record.result == .negative { reasons.append("the Entry-Exit Record reads NEGATIVE (received \(record.received?.iso ?? "—"))") }
        if !reasons.isEmpty { return (.notEligible, reasons) }
        let open = conditions.filter { $0.state == .unknown }
        if open.isEmpty { return (.eligible, ["every time rule passes, the four conditions are confirmed, the Entry-Exit Record is not NEGATIVE"]) }
        return (.conditionsOpen, ["every time rule passes; not yet confirmed: " + open.map(\.label).joined(separator: "; ")])
    }

    func conventionText(_ c: AbroadDayConvention) -> String {
        switch c {
        case .exitDayAbroad: "abroad days of a trip exiting E and re-entering N are E … N−1 (exit day abroad, entry day present)"
        case .bothDaysAbroad: "abroad days of a trip exiting E and re-entering N are E … N (both days abroad)"
        case .bothDaysPresent: "abroad days of a trip exiting E and re-entering N are E+1 … N−1 (both days present)"
        }
    }
}

/// Days with at most one decimal (credits can be halves): 2922, 2921.5.
public func formatDays(_ v: Double) -> String {
    v == v.rounded() ? String(Int(v)) : String(v)
}
