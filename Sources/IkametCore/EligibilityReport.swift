extension Timeline {
    /// The full report (every rule with its numbers) for reference date `s`.
    func report(at s: CivilDate) -> EligibilityReport {
        let r = index(s)
        let lookbackFrom = s.adding(years: -p.lookbackYears)
        let lookbackTo = s.adding(days: -1)
        let l = index(lookbackFrom)
        let margin = p.borderlineDays
        let lookbackText = MessageArg.message(Message("eligibility.lookback", ["from": .date(lookbackFrom), "to": .date(lookbackTo)]))
        let regulation = Message("source.regulation-long-term")
        let abroadConvention = conventionText(p.abroadDays)
        var rules: [RuleResult] = []

        // 1. single-absence
        let sixMonths = MessageArg.message(Message("common.months", ["n": .int(p.singleAbsenceMonths)]))
        if let worst = worstRun(l: l, r: r - 1) {
            let a = date(worst.a), b = date(worst.b)
            let firstFailing = a.adding(months: p.singleAbsenceMonths)
            let length = worst.b - worst.a + 1
            let allowed = a.days(to: firstFailing)  // longest passing run from a, in days
            rules.append(RuleResult(
                id: .singleAbsence, passed: !worst.fails, value: Double(length), limit: Double(allowed),
                borderline: abs(length - allowed) <= margin,
                detail: Message("eligibility.single-absence.detail", [
                    "lookback": lookbackText, "a": .date(a), "b": .date(b), "length": .int(length), "firstFailing": .date(firstFailing),
                    "months": sixMonths, "allowed": .int(allowed),
                ]),
                explanation: Explanation(
                    rule: "§7 rule 1 single-absence",
                    summary: Message("eligibility.single-absence.summary", ["months": sixMonths]),
                    source: regulation,
                    conventions: [abroadConvention, Message("convention.runs-inside-lookback"), Message("convention.month-clamping")])))
        } else {
            rules.append(RuleResult(
                id: .singleAbsence, passed: true, value: 0, limit: Double(lookbackFrom.days(to: lookbackFrom.adding(months: p.singleAbsenceMonths))),
                borderline: false,
                detail: Message("eligibility.single-absence.detail.none", ["lookback": lookbackText]),
                explanation: Explanation(rule: "§7 rule 1 single-absence",
                                         summary: Message("eligibility.single-absence.summary.short", ["months": sixMonths]),
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
        let sliceList = slices.map { MessageArg.message(Message("eligibility.slice", ["index": .int($0.index), "days": .int($0.interruptionDays)])) }
        rules.append(RuleResult(
            id: .yearlyAbsence, passed: slices.allSatisfy(\.passed), value: Double(maxSlice),
            limit: Double(p.yearlyAbsenceLimitDays),
            borderline: abs(maxSlice - p.yearlyAbsenceLimitDays) <= margin,
            detail: Message("eligibility.yearly-absence.detail", [
                "max": .int(maxSlice), "index": .int(worstSlice?.index ?? 1),
                "from": worstSlice.map { MessageArg.date($0.from) } ?? .text(""), "to": worstSlice.map { MessageArg.date($0.to) } ?? .text(""),
                "limit": .int(p.yearlyAbsenceLimitDays), "slices": commaList(sliceList),
            ]),
            explanation: Explanation(
                rule: "§7 rule 2 yearly-absence",
                summary: Message("eligibility.yearly-absence.summary", ["years": .int(p.lookbackYears), "limit": .int(p.yearlyAbsenceLimitDays)]),
                source: Message("source.regulation-long-term-slices"),
                conventions: [abroadConvention, Message("convention.abroad-without-permit-once"), Message("convention.slice-one-year")])))

        // 3. five-year-absence
        let fiveFrom = s.adding(years: -p.fiveYearWindowYears)
        let five = interruptions(index(fiveFrom), r - 1)
        rules.append(RuleResult(
            id: .fiveYearAbsence, passed: five <= p.fiveYearAbsenceLimitDays, value: Double(five),
            limit: Double(p.fiveYearAbsenceLimitDays),
            borderline: abs(five - p.fiveYearAbsenceLimitDays) <= margin,
            detail: Message("eligibility.five-year-absence.detail", [
                "from": .date(fiveFrom), "to": .date(lookbackTo), "days": .int(five), "limit": .int(p.fiveYearAbsenceLimitDays),
            ]),
            explanation: Explanation(
                rule: "§7 rule 3 five-year-absence",
                summary: Message("eligibility.five-year-absence.summary", ["years": .int(p.fiveYearWindowYears),
                                                                           "limit": .int(p.fiveYearAbsenceLimitDays)]),
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
        let fraction: [String: MessageArg] = ["numerator": .int(p.studentCreditNumerator), "denominator": .int(p.studentCreditDenominator)]
        let studentPart: MessageArg = studentCount > 0
            ? .message(Message("eligibility.permit-time.detail.student", fraction.merging(["count": .int(studentCount)]) { a, _ in a }))
            : .text("")
        let stopPart: MessageArg = c.stoppedAt.map { stop -> MessageArg in
            .message(Message("eligibility.permit-time.detail.stop", ["a": .date(date(stop.a)), "b": .date(date(stop.b)), "months": sixMonths]))
        } ?? .text("")
        rules.append(RuleResult(
            id: .permitTime, passed: c.units >= Int64(needed) * Int64(p.studentCreditDenominator),
            value: credited, limit: Double(needed),
            borderline: abs(credited - Double(needed)) <= Double(margin),
            detail: Message("eligibility.permit-time.detail", [
                "credited": daysArg(credited), "from": dateOrNone(firstCredited.map { date($0) }), "to": .date(lookbackTo),
                "student": studentPart, "needed": .int(needed), "lookbackFrom": .date(lookbackFrom), "lookbackTo": .date(lookbackTo),
                "stop": stopPart,
            ]),
            explanation: Explanation(
                rule: "§7 rule 4 permit-time",
                summary: Message("eligibility.permit-time.summary", fraction.merging(["years": .int(p.lookbackYears)]) { a, _ in a }),
                source: Message("source.law-42-1-28-2"),
                conventions: [Message("convention.credit-walk-back", ["months": sixMonths]), Message("convention.highest-credit")])))

        // 5. permit-type
        let lastType = r - 1 >= 0 && r - 1 < count ? coveringType[r - 1] : nil
        let barred = lastType.map { Timeline.barredTypes.contains($0) } ?? false
        rules.append(RuleResult(
            id: .permitType, passed: !barred, value: nil, limit: nil, borderline: false,
            detail: lastType.map { Message(barred ? "eligibility.permit-type.detail.barred" : "eligibility.permit-type.detail",
                                           ["date": .date(lookbackTo), "permit": $0.nounTerm]) }
                ?? Message("eligibility.permit-type.detail.none", ["date": .date(lookbackTo)]),
            explanation: Explanation(
                rule: "§7 rule 5 permit-type",
                summary: Message("eligibility.permit-type.summary"),
                source: Message("source.law-42-2"))))

        // 6. valid-permit
        let onS = r >= 0 && r < count ? coveringType[r] : nil
        let sText = Message(s > today ? "eligibility.valid-permit.by-projection" : "eligibility.valid-permit.by-record")
        rules.append(RuleResult(
            id: .validPermit, passed: onS != nil, value: nil, limit: nil, borderline: false,
            detail: onS.map { Message("eligibility.valid-permit.detail", ["date": .date(s), "permit": $0.nounTerm, "how": .message(sText)]) }
                ?? Message("eligibility.valid-permit.detail.none", ["date": .date(s)]),
            explanation: Explanation(
                rule: "§7 rule 6 valid-permit",
                summary: Message("eligibility.valid-permit.summary"),
                source: Message("source.ours-practice-valid-permit"))))

        var warnings: [Message] = []
        let types = Set(client.permits.map(\.type))
        if types.contains(.humanitarian) { warnings.append(Message("eligibility.warning.humanitarian")) }
        if types.contains(.traffickingVictim) { warnings.append(Message("eligibility.warning.trafficking-victim")) }
        let borderline = rules.contains(where: \.borderline)
        if borderline { warnings.append(Message("eligibility.warning.borderline")) }

        let lt = client.longTerm
        let conditions = [
            ConditionNote(id: "public-aid", state: lt.publicAid),
            ConditionNote(id: "income", state: lt.income),
            ConditionNote(id: "insurance", state: lt.insurance),
            ConditionNote(id: "public-order", state: lt.publicOrder),
        ]
        let eligible = rules.allSatisfy(\.passed)
        let (verdict, reasons) = Timeline.verdict(eligible: eligible, rules: rules, conditions: conditions, record: lt.entryExitRecord)
        return EligibilityReport(
            clientId: client.id, referenceDate: s, today: today, lookbackFrom: lookbackFrom, lookbackTo: lookbackTo,
            eligible: eligible, verdict: verdict, verdictReasons: reasons, entryExitResult: lt.entryExitRecord.result, borderline: borderline, rules: rules, slices: slices,
            exemptTrips: exemptNotes, earliestEligibleDate: nil, earliestNote: Message("eligibility.earliest.not-searched"), assumptions: [],
            conditions: conditions, warnings: warnings,
            conventions: [abroadConvention,
                          Message("convention.before-first-permit"),
                          Message("convention.no-permit-during-exempt-trip"),
                          Message("convention.borderline", ["days": .int(margin)])])
    }

    /// The verdict of RULES.md §7 from the time rules, the four conditions and the Entry-Exit Record.
    static func verdict(eligible: Bool, rules: [RuleResult], conditions: [ConditionNote],
                        record: EntryExitRecord) -> (LongTermVerdict, [Message]) {
        var reasons: [Message] = []
        for rule in rules where !rule.passed { reasons.append(Message("eligibility.verdict.rule-fails", ["rule": .text(rule.id.rawValue)])) }
        for c in conditions where c.state == .failed { reasons.append(Message("eligibility.verdict.condition-failed", ["condition": c.term])) }
        if record.result == .negative {
            reasons.append(Message("eligibility.verdict.record-negative", ["received": dateOrNone(record.received)]))
        }
        if !reasons.isEmpty { return (.notEligible, reasons) }
        let open = conditions.filter { $0.state == .unknown }
        if open.isEmpty { return (.eligible, [Message("eligibility.verdict.eligible")]) }
        return (.conditionsOpen, [Message("eligibility.verdict.conditions-open", ["conditions": .list(open.map(\.term))])])
    }

    /// The abroad-day convention in words (`convention.abroad-days.<id>`).
    func conventionText(_ c: AbroadDayConvention) -> Message {
        Message("convention.abroad-days." + c.rawValue)
    }
}

/// Days with at most one decimal (credits can be halves): 2922, 2921.5.
public func formatDays(_ v: Double) -> String {
    v == v.rounded() ? String(Int(v)) : String(v)
}

/// Days as a message argument: a whole number, or `common.decimal` ("2921.5"; Turkish "2921,5").
func daysArg(_ v: Double) -> MessageArg {
    let text = formatDays(v)
    guard let dot = text.firstIndex(of: ".") else { return .text(text) }
    return .message(Message("common.decimal", ["whole": .text(String(text[..<dot])),
                                               "fraction": .text(String(text[text.index(after: dot)...]))]))
}
