/// What a client contributes to the agenda, computed on one day and valid for
/// a range of days: the deadline items (RULES.md §3), the applications awaiting
/// a decision and the long-term candidacy. Days left and severity are derived
/// from the date and the day it is read, so the same snapshot serves every day
/// of its range. This is what the store caches, so that a list over 100,000
/// clients is one indexed query.
public struct AgendaSnapshot: Sendable, Equatable {
    /// One dated entry: facts only (the kind, the date, messages with typed values).
    public struct Entry: Sendable, Equatable, Hashable {
        /// A deadline kind id, or `awaiting-decision`, or `long-term-candidate`.
        public var kind: String
        public var date: CivilDate
        public var applicationId: String?
        /// A few words for a list row.
        public var reason: Message
        public var explanation: Explanation
        /// Out of status is overdue whatever the date.
        public var alwaysOverdue: Bool

        public init(kind: String, date: CivilDate, applicationId: String?, reason: Message, explanation: Explanation, alwaysOverdue: Bool) {
            self.kind = kind; self.date = date; self.applicationId = applicationId; self.reason = reason
            self.explanation = explanation; self.alwaysOverdue = alwaysOverdue
        }

        /// The encoded facts of `reason` and `explanation`, as the store keeps them.
        public var encodedFacts: (reason: String, explanation: String) {
            (MessageCodec.encode(reason), MessageCodec.encode(explanation.facts))
        }

        /// An entry read back from the store's encoded facts; undecodable facts give an
        /// entry that says so (the snapshot is recomputed on the next change).
        public init(kind: String, date: CivilDate, applicationId: String?, reasonFacts: String, explanationFacts: String,
                    alwaysOverdue: Bool) {
            self.init(kind: kind, date: date, applicationId: applicationId, reason: Self.reason(facts: reasonFacts),
                      explanation: Self.explanation(facts: explanationFacts), alwaysOverdue: alwaysOverdue)
        }

        /// A reason read back from the store's encoded facts (undecodable: a reason that says so).
        public static func reason(facts: String) -> Message {
            MessageCodec.decode(facts) ?? Message("agenda.unreadable-facts")
        }

        /// An explanation read back from the store's encoded facts (undecodable: one that says so).
        public static func explanation(facts: String) -> Explanation {
            MessageCodec.decode(facts).flatMap(Explanation.init(facts:))
                ?? Explanation(rule: "§3", summary: Message("agenda.unreadable-facts"), source: Message("source.none"))
        }
    }

    /// Kind id of an application awaiting a decision.
    public static let awaitingKind = "awaiting-decision"
    /// Kind id of a long-term candidacy (eligible now or within 90 days).
    public static let longTermKind = "long-term-candidate"
    /// How far ahead a candidacy is listed.
    public static let longTermWindowDays = 90

    public var entries: [Entry]
    public var validFrom: CivilDate
    /// The last day on which the entries are the same.
    public var validTo: CivilDate
    /// The current permit's type and end (for the client list).
    public var permitType: PermitType?
    public var permitEnd: CivilDate?
    /// The earliest deadline item (for the client list).
    public var nextKind: DeadlineKind?
    public var nextDate: CivilDate?

    /// The deadline items as of `today` (a day within the range).
    public func deadlineItems(clientId: String, today: CivilDate, engine: DeadlineEngine) -> [DeadlineItem] {
        entries.compactMap { $0.deadlineItem(clientId: clientId, today: today, engine: engine) }
    }
}

extension AgendaSnapshot.Entry {
    /// The deadline item this entry stands for on `today` (nil for the non-deadline kinds).
    public func deadlineItem(clientId: String, today: CivilDate, engine: DeadlineEngine) -> DeadlineItem? {
        guard let kind = DeadlineKind(rawValue: kind) else { return nil }
        let left = today.days(to: date)
        return DeadlineItem(clientId: clientId, kind: kind, date: date, daysLeft: left,
                            severity: alwaysOverdue ? .overdue : engine.severity(daysLeft: left),
                            applicationId: applicationId, reason: reason, explanation: explanation)
    }
}

/// Computes agenda snapshots and how long they stay valid.
public struct AgendaComputer: Sendable {
    public let deadlines: DeadlineEngine
    public let eligibility: EligibilityEngine
    /// The version of the rule engines: a hash of IkametCore's sources, written by
    /// `scripts/embed-data` (a test fails when it is out of date). It is part of the
    /// cache fingerprint, so an upgraded binary recomputes every snapshot.
    public static var engineVersion: String { EngineFingerprint.sources }
    /// The longest a snapshot is trusted without recomputing.
    public let maximumValidityDays = 366

    public init(deadlines: DeadlineEngine, eligibility: EligibilityEngine) {
        self.deadlines = deadlines
        self.eligibility = eligibility
    }

    /// The client's agenda on `today`, and the last day it stays the same. `supporter`: the facts
    /// of the client's supporter (`SupporterFacts.of`); a change to them is the store's to notice.
    public func snapshot(of c: Client, today: CivilDate, supporter: SupporterFacts? = nil) -> AgendaSnapshot {
        let permit = DeadlineEngine.currentPermit(of: c, on: today)
        if c.isClosed(on: today) {
            // A closed file lists nothing (RULES.md §11); it stays so until reopened (an edit recomputes).
            return AgendaSnapshot(entries: [], validFrom: today, validTo: today.adding(days: maximumValidityDays),
                                  permitType: permit?.type, permitEnd: permit?.end, nextKind: nil, nextDate: nil)
        }
        let items = deadlines.items(for: c, today: today, supporter: supporter)
        var entries = items.map {
            AgendaSnapshot.Entry(kind: $0.kind.rawValue, date: $0.date, applicationId: $0.applicationId, reason: $0.reason,
                                 explanation: $0.explanation, alwaysOverdue: $0.kind.alwaysOverdue)
        }
        for app in c.applications where deadlines.isPending(app, on: today) {
            let since = app.submitted ?? today
            entries.append(AgendaSnapshot.Entry(
                kind: AgendaSnapshot.awaitingKind, date: since, applicationId: app.id,
                reason: Message("agenda.awaiting.reason", ["kind": app.kind.term, "application": .text(app.id), "status": app.status.term]),
                explanation: Explanation(
                    rule: "§3 awaiting-decision",
                    summary: Message("agenda.awaiting.summary", ["application": .text(app.id), "kind": app.kind.term,
                                                                 "permit": app.permitType.nounTerm, "since": .date(since),
                                                                 "status": app.status.term]),
                    source: Message("source.seed-commission")),
                alwaysOverdue: false))
        }
        var changes = changeDays(of: c, today: today) + (supporter?.changeDays ?? [])
        if let end = supporter?.permitEnd { changes.append(end.adding(days: 1)) }
        if let (entry, moreChanges) = longTermCandidacy(c, today: today) {
            if let entry { entries.append(entry) }
            changes += moreChanges
        }
        let validTo = (changes.filter { $0 > today }.min() ?? today.adding(days: maximumValidityDays + 1)).adding(days: -1)
        let next = items.min { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
        return AgendaSnapshot(entries: entries, validFrom: today, validTo: min(validTo, today.adding(days: maximumValidityDays)),
                              permitType: permit?.type, permitEnd: permit?.end, nextKind: next?.kind, nextDate: next?.date)
    }

    /// Days on which the deadline list may change (an over-approximation is safe).
    func changeDays(of c: Client, today: CivilDate) -> [CivilDate] {
        let d = deadlines.parameters.deadlines
        var out: [CivilDate] = []
        for p in c.permits {
            out.append(p.start)
            guard let end = p.end else { continue }
            out += [end.adding(days: -d.extensionWindowDays), end.adding(days: -d.workPermitWindowDays), end.adding(days: 1),
                    end.adding(days: d.lateApplicationDays + 1)]
        }
        for app in c.applications {
            if let appt = app.appointment { out.append(appt.date.adding(days: 1)) }
            // An unposted extension stops counting as pending the day after its mailing deadline.
            if let lapse = deadlines.lapseDate(of: app) { out.append(lapse) }
            // A rejection after the end: the leave period ends, out of status follows.
            if app.status == .rejected, let decided = app.decided {
                out.append(decided.adding(days: d.rejectionLeaveDays + 1))
            }
        }
        if let closed = c.closed { out.append(closed.date) }
        let record = c.longTerm.entryExitRecord
        if let requested = record.requested, record.received == nil {
            // The follow-up date moves on the day after each follow-up.
            var date = requested.adding(days: d.entryExitFirstFollowUpDays)
            while date < today { date = date.adding(days: d.entryExitRepeatDays) }
            out.append(date.adding(days: 1))
        }
        return out
    }

    /// The long-term candidacy entry (eligible now or within 90 days), and the days it may change.
    func longTermCandidacy(_ c: Client, today: CivilDate) -> (AgendaSnapshot.Entry?, [CivilDate])? {
        let holdsLongTerm = c.permits.contains { $0.type == .longTerm }
        let applying = c.applications.contains { $0.kind == .longTerm && (deadlines.isPending($0, on: today) || $0.status == .approved) }
        guard !holdsLongTerm, !applying, let first = c.permits.map(\.start).min() else { return nil }
        // Nobody with less than `lookbackYears` of recorded permits 90 days from now can qualify.
        let qualifiesFrom = first.adding(years: eligibility.parameters.lookbackYears).adding(days: -AgendaSnapshot.longTermWindowDays)
        guard today >= qualifiesFrom else { return (nil, [qualifiesFrom]) }
        // Search 30 days past the 90-day window: when nothing passes, the snapshot holds for 30 days.
        let window = AgendaSnapshot.longTermWindowDays, extra = 30
        let report = eligibility.evaluate(c, today: today, searchDays: window + extra)
        // Time can heal a rule, not a failed condition or a NEGATIVE record (RULES.md §7 verdict).
        if report.failsBeyondTime { return nil }
        // The assumption "the latest permit is extended" changes when it lapses.
        let lapse = c.permits.max { $0.start < $1.start }?.end.map { $0.adding(days: 2) }
        guard let earliest = report.earliestEligibleDate else {
            return (nil, [today.adding(days: extra + 1), lapse].compactMap { $0 })
        }
        if earliest > today.adding(days: window) {
            // Listed from the day it comes within the window.
            return (nil, [earliest.adding(days: -window), lapse].compactMap { $0 })
        }
        let entry = AgendaSnapshot.Entry(
            kind: AgendaSnapshot.longTermKind, date: earliest, applicationId: nil,
            reason: Message(report.borderline ? "agenda.long-term.borderline" : "agenda.long-term.pass"),
            explanation: Explanation(
                rule: "§7 long-term",
                summary: report.earliestNote,
                source: Message("source.law-long-term"),
                conventions: report.rules.map {
                    Message("agenda.long-term.rule-line", ["rule": .text($0.id.rawValue),
                                                           "result": .term($0.passed ? "common.pass" : "common.fail"),
                                                           "detail": .message($0.detail)])
                } + report.assumptions.map { Message("agenda.long-term.assumed", ["assumption": .message($0)]) }),
            alwaysOverdue: false)
        // The same earliest date holds up to that date (no earlier date passes); then recompute.
        return (entry, [earliest.adding(days: 1), lapse].compactMap { $0 })
    }
}
