/// How the days of a trip abroad are counted (RULES.md §7, an [ours] parameter).
public enum AbroadDayConvention: String, Codable, Sendable, CaseIterable {
    /// The exit day counts as abroad, the entry day as present: `N − E` days (default).
    case exitDayAbroad = "exit-day-abroad"
    /// Both the exit and the entry day count as abroad: `N − E + 1` days.
    case bothDaysAbroad = "both-days-abroad"
    /// Neither the exit nor the entry day counts as abroad: `N − E − 1` days.
    case bothDaysPresent = "both-days-present"
}

/// Unit in which the mailing deadline is counted (RULES.md §4).
public enum DayCountUnit: String, Codable, Sendable, CaseIterable {
    case workingDays = "working-days"
    case calendarDays = "calendar-days"
}

/// Every numeric rule parameter. Shipped in `data/rules.json`, overridable per
/// office; loaded at the edge and passed into the core.
public struct RuleParameters: Codable, Sendable, Equatable {
    /// The deadline-list parameters (RULES.md §3, §4, §6, §8).
    public struct Deadlines: Codable, Sendable, Equatable {
        /// The extension window opens this many days before the permit's end [law Art. 24(2)].
        public var extensionWindowDays: Int
        /// The same for a work permit (extended with the Ministry of Labour) [ours].
        public var workPermitWindowDays: Int
        /// Days after the end during which a new in-country application is accepted [law, Regulation].
        public var lateApplicationDays: Int
        /// How many days to post documents after an online extension [admin].
        public var mailingCount: Int
        /// Whether those days are working or calendar days [ours].
        public var mailingUnit: DayCountUnit
        /// A permit runs at most until passport expiry minus this many days [law Art. 21(2)].
        public var passportMarginDays: Int
        /// First Entry-Exit Record follow-up this many days after the request [ours].
        public var entryExitFirstFollowUpDays: Int
        /// Then every this many days [ours].
        public var entryExitRepeatDays: Int
        /// Follow up on the card this many days after approval [seed: 2–3 weeks].
        public var cardFollowUpDays: Int
        /// A rejected timely extension leaves the client this many days after the decision [ours] (RULES.md §3).
        public var rejectionLeaveDays: Int
        /// Follow up on a pending application this many days after submission [admin: 90 days to decide].
        public var decisionFollowUpDays: Int
        /// For a long-term application, this many months after submission [ours; seed: 6–8 months].
        public var longTermDecisionFollowUpMonths: Int
        /// Documents the directorate asks for are due this many days after the request [admin].
        public var completeDocumentsDays: Int
        /// Items due within this many days (and not overdue) are `critical` [ours].
        public var criticalDays: Int
        /// Items due within this many days (and not critical) are `soon` [ours].
        public var soonDays: Int
    }

    /// The long-term permit time rules (RULES.md §7).
    public struct LongTerm: Codable, Sendable, Equatable {
        /// Years of residence required, and the lookback [law Art. 42].
        public var lookbackYears: Int
        /// A continuous run of interruption days may not reach this many months [Regulation].
        public var singleAbsenceMonths: Int
        /// At most this many interruption days in each one-year slice [Regulation].
        public var yearlyAbsenceLimitDays: Int
        /// The multi-year window of the cumulative rule [Regulation].
        public var fiveYearWindowYears: Int
        /// At most this many interruption days in that window [Regulation].
        public var fiveYearAbsenceLimitDays: Int
        /// Credit of a student-permit day, as a fraction [law Art. 28(2)].
        public var studentCreditNumerator: Int
        public var studentCreditDenominator: Int
        /// How trip days are counted [ours].
        public var abroadDays: AbroadDayConvention
        /// A value within this many days of its limit is borderline [ours].
        public var borderlineDays: Int
        /// The earliest-eligible-date search looks this many years ahead [ours].
        public var searchYears: Int
    }

    public var deadlines: Deadlines
    public var longTerm: LongTerm
    /// The office's time zone, used to read "today" [ours].
    public var timeZone: String
    /// Provinces that still take extension documents by post (RULES.md §4); a new
    /// extension's delivery defaults to `mail` there, else `appointment`.
    public var mailProvinces: [String]

    /// The 15 provinces reported in 2018, less İstanbul (no posted files since 15 February 2021).
    public static let standardMailProvinces = ["Adana", "Ankara", "Antalya", "Aydın", "Bursa", "Gaziantep", "İzmir", "Kayseri",
                                               "Kocaeli", "Mersin", "Muğla", "Samsun", "Şanlıurfa", "Tekirdağ"]

    /// The delivery a new extension gets by default for a client living in `province` (RULES.md §4).
    public func defaultDelivery(province: String?) -> Delivery {
        guard let province, !province.trimmingWhitespace().isEmpty else { return .appointment }
        let key = TextFolding.fold(province.trimmingWhitespace())
        return mailProvinces.contains { TextFolding.fold($0) == key } ? .mail : .appointment
    }

    /// The values of RULES.md, identical to the shipped `data/rules.json`.
    public static let standard = RuleParameters(
        deadlines: Deadlines(
            extensionWindowDays: 60, workPermitWindowDays: 60, lateApplicationDays: 10,
            mailingCount: 5, mailingUnit: .workingDays, passportMarginDays: 60,
            entryExitFirstFollowUpDays: 30, entryExitRepeatDays: 14, cardFollowUpDays: 21,
            rejectionLeaveDays: 10, decisionFollowUpDays: 90, longTermDecisionFollowUpMonths: 8, completeDocumentsDays: 30,
            criticalDays: 7, soonDays: 30),
        longTerm: LongTerm(
            lookbackYears: 8, singleAbsenceMonths: 6, yearlyAbsenceLimitDays: 180,
            fiveYearWindowYears: 5, fiveYearAbsenceLimitDays: 365,
            studentCreditNumerator: 1, studentCreditDenominator: 2,
            abroadDays: .exitDayAbroad, borderlineDays: 1, searchYears: 10),
        timeZone: "Europe/Istanbul",
        mailProvinces: standardMailProvinces)

    public init(deadlines: Deadlines, longTerm: LongTerm, timeZone: String, mailProvinces: [String]) {
        self.deadlines = deadlines
        self.longTerm = longTerm
        self.timeZone = timeZone
        self.mailProvinces = mailProvinces
    }

    /// Problems that make the parameters unusable (each names the field; `parameters.problem.…`).
    public func problems() -> [Message] {
        var out: [Message] = []
        let d = deadlines, l = longTerm
        func positive(_ v: Int, _ name: String) {
            if v <= 0 { out.append(Message("parameters.problem.positive", ["name": .text(name), "value": .int(v)])) }
        }
        func nonNegative(_ v: Int, _ name: String) {
            if v < 0 { out.append(Message("parameters.problem.non-negative", ["name": .text(name), "value": .int(v)])) }
        }
        nonNegative(d.extensionWindowDays, "deadlines.extensionWindowDays")
        nonNegative(d.workPermitWindowDays, "deadlines.workPermitWindowDays")
        nonNegative(d.lateApplicationDays, "deadlines.lateApplicationDays")
        positive(d.mailingCount, "deadlines.mailingCount")
        nonNegative(d.passportMarginDays, "deadlines.passportMarginDays")
        positive(d.entryExitFirstFollowUpDays, "deadlines.entryExitFirstFollowUpDays")
        positive(d.entryExitRepeatDays, "deadlines.entryExitRepeatDays")
        nonNegative(d.cardFollowUpDays, "deadlines.cardFollowUpDays")
        nonNegative(d.rejectionLeaveDays, "deadlines.rejectionLeaveDays")
        positive(d.decisionFollowUpDays, "deadlines.decisionFollowUpDays")
        positive(d.longTermDecisionFollowUpMonths, "deadlines.longTermDecisionFollowUpMonths")
        positive(d.completeDocumentsDays, "deadlines.completeDocumentsDays")
        nonNegative(d.criticalDays, "deadlines.criticalDays")
        if d.soonDays < d.criticalDays {
            out.append(Message("parameters.problem.soon-below-critical", ["soon": .int(d.soonDays), "critical": .int(d.criticalDays)]))
        }
        positive(l.lookbackYears, "longTerm.lookbackYears")
        positive(l.singleAbsenceMonths, "longTerm.singleAbsenceMonths")
        nonNegative(l.yearlyAbsenceLimitDays, "longTerm.yearlyAbsenceLimitDays")
        positive(l.fiveYearWindowYears, "longTerm.fiveYearWindowYears")
        if l.fiveYearWindowYears > l.lookbackYears { out.append(Message("parameters.problem.five-year-window")) }
        nonNegative(l.fiveYearAbsenceLimitDays, "longTerm.fiveYearAbsenceLimitDays")
        if l.studentCreditDenominator <= 0 || l.studentCreditNumerator < 0 || l.studentCreditNumerator > l.studentCreditDenominator {
            out.append(Message("parameters.problem.student-credit"))
        }
        nonNegative(l.borderlineDays, "longTerm.borderlineDays")
        positive(l.searchYears, "longTerm.searchYears")
        if timeZone.isEmpty { out.append(Message("parameters.problem.time-zone")) }
        return out
    }
}
