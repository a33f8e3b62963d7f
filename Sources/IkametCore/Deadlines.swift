/// The kinds of deadline items, with their stable ids (RULES.md §3).
public enum DeadlineKind: String, Codable, Sendable, CaseIterable {
    case extensionWindowOpens = "extension-window-opens"
    case extensionDeadline = "extension-deadline"
    case mailDocuments = "mail-documents"
    case lateApplicationDeadline = "late-application-deadline"
    case outOfStatus = "out-of-status"
    case passportValidity = "passport-validity"
    case appointment
    case entryExitRecordFollowUp = "entry-exit-record-follow-up"
    case cardFollowUp = "card-follow-up"
    case powerOfAttorneyExpiry = "power-of-attorney-expiry"
    case decisionFollowUp = "decision-follow-up"
    case completeDocuments = "complete-documents"
    case entryExitRecordNegative = "entry-exit-record-negative"
    case leaveAfterRejection = "leave-after-rejection"
    case supporterExtensionFirst = "supporter-extension-first"

    /// Whether an item of this kind is overdue whatever its date.
    public var alwaysOverdue: Bool { self == .outOfStatus || self == .entryExitRecordNegative }

    /// The short label for lists (`kind.<kind-id>`; English at most 20 characters, e.g. "Window opens").
    public var term: MessageArg { .term("kind." + rawValue) }
}

/// How urgent an item is.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case overdue, critical, soon, upcoming

    private var rank: Int {
        switch self {
        case .overdue: 0
        case .critical: 1
        case .soon: 2
        case .upcoming: 3
        }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// The severity's name (`severity.<id>`; English "overdue", "critical", "soon", "upcoming").
    public var term: MessageArg { .term("severity." + rawValue) }

    /// A text mark that works without colour.
    public var mark: String {
        switch self {
        case .overdue: "!!"
        case .critical: "! "
        case .soon: "* "
        case .upcoming: "  "
        }
    }
}

/// One action that is due for a client.
public struct DeadlineItem: Sendable, Equatable, Hashable {
    public var clientId: String
    public var kind: DeadlineKind
    public var date: CivilDate
    /// Days from today to `date`; negative when overdue.
    public var daysLeft: Int
    public var severity: Severity
    /// The application the item belongs to, if any.
    public var applicationId: String?
    /// A few words for a list row (`deadline.<kind-id>.reason…`), e.g. "short-term permit ends 2026-12-31".
    public var reason: Message
    public var explanation: Explanation
}

/// Computes the deadline list of RULES.md §3 for one client.
public struct DeadlineEngine: Sendable {
    public let parameters: RuleParameters
    public let calendar: WorkingDayCalendar

    public init(parameters: RuleParameters = .standard, calendar: WorkingDayCalendar = WorkingDayCalendar(table: .standard)) {
        self.parameters = parameters
        self.calendar = calendar
    }

    /// The permit that deadlines follow: among the permits whose period contains
    /// `today`, the one with the latest end; if none does, the one with the latest end.
    public static func currentPermit(of client: Client, on today: CivilDate) -> Permit? {
        func later(_ a: Permit, _ b: Permit) -> Bool {
            // true when b should replace a
            switch (a.end, b.end) {
            case (nil, _): return false
            case (_, nil): return true
            case let (ae?, be?): return be > ae || (be == ae && b.start > a.start)
            }
        }
        let containing = client.permits.filter { $0.contains(today) }
        let pool = containing.isEmpty ? client.permits : containing
        return pool.dropFirst().reduce(pool.first) { best, p in
            guard let best else { return p }
            return later(best, p) ? p : best
        }
    }

    /// Every item for the client, whatever its date (the horizon is applied by `within`).
    /// `supporter`: the facts of the client's supporter (`SupporterFacts.of`), for §2's item.
    public func items(for client: Client, today: CivilDate, supporter: SupporterFacts? = nil) -> [DeadlineItem] {
        // A closed file lists nothing from its closing date (RULES.md §11).
        if client.isClosed(on: today) { return [] }
        var out: [DeadlineItem] = []
        let d = parameters.deadlines
        func add(_ kind: DeadlineKind, _ date: CivilDate, app: String? = nil, reason: Message, _ explanation: Explanation) {
            let left = today.days(to: date)
            out.append(DeadlineItem(clientId: client.id, kind: kind, date: date, daysLeft: left,
                                    severity: kind.alwaysOverdue ? .overdue : severity(daysLeft: left),
                                    applicationId: app, reason: reason, explanation: explanation))
        }
        let pendingApps = client.applications.filter { isPending($0, on: today) }
        let pendingExtension = pendingApps.first { $0.kind == .extension }
        let pendingMove = pendingApps.first { $0.kind == .transfer || $0.kind == .longTerm }
        let current = DeadlineEngine.currentPermit(of: client, on: today)

        // Extension window, last filing day, late application, out of status.
        if let permit = current, let end = permit.end, permit.type != .longTerm,
           !client.permits.contains(where: { $0.start > end }) {  // a later permit: the current one is renewed
            let isWork = permit.type == .workPermit
            let window = isWork ? d.workPermitWindowDays : d.extensionWindowDays
            let permitText = MessageArg.message(permitSpan(permit.type, permit.start, end))
            let opens = end.adding(days: -window)
            let lateEnd = end.adding(days: d.lateApplicationDays)
            if pendingExtension == nil, pendingMove == nil, today < opens {
                add(.extensionWindowOpens, opens,
                    reason: Message("deadline.extension-window-opens.reason", ["permit": permit.type.nounTerm, "end": .date(end)]),
                    Explanation(
                        rule: "§3 extension-window-opens",
                        summary: Message("deadline.extension-window-opens.summary",
                                         ["window": .int(window), "permit": permitText, "end": .date(end), "opens": .date(opens)]),
                        source: Message(isWork ? "source.ours-work-permit-window" : "source.law-24-2"),
                        conventions: [Message("convention.window", ["days": .int(window),
                                                                    "parameter": .text(isWork ? "workPermitWindowDays" : "extensionWindowDays")])]))
            }
            if pendingExtension == nil, pendingMove == nil, today <= end {
                add(.extensionDeadline, end, reason: Message("deadline.extension-deadline.reason", ["permit": permit.type.nounTerm]), Explanation(
                    rule: "§3 extension-deadline",
                    summary: Message("deadline.extension-deadline.summary", ["permit": permitText, "end": .date(end)]),
                    source: Message("source.law-24-2-seed-expiry")))
            }
            if pendingApps.isEmpty, end < today {
                if let rejection = latestRejectedTimelyExtension(of: client, permit: permit), let decided = rejection.decided {
                    let leaveBy = decided.adding(days: d.rejectionLeaveDays)
                    let why = MessageArg.message(Message("deadline.rejection.why", [
                        "app": .text(rejection.id), "submitted": dateOrNone(rejection.submitted), "permit": permitText,
                        "decided": .date(decided),
                    ]))
                    let convention = [Message("convention.rejection-leave", ["days": .int(d.rejectionLeaveDays)])]
                    if today <= leaveBy {
                        add(.leaveAfterRejection, leaveBy, app: rejection.id,
                            reason: Message("deadline.leave-after-rejection.reason", ["app": .text(rejection.id), "decided": .date(decided)]),
                            Explanation(
                                rule: "§3 leave-after-rejection",
                                summary: Message("deadline.leave-after-rejection.summary", [
                                    "why": why, "decided": .date(decided), "days": .int(d.rejectionLeaveDays), "leaveBy": .date(leaveBy),
                                ]),
                                source: Message("source.law-24-2-rejection"),
                                conventions: convention))
                    } else {
                        let first = leaveBy.adding(days: 1)
                        add(.outOfStatus, first, app: rejection.id,
                            reason: Message("deadline.out-of-status.reason.rejected", ["app": .text(rejection.id), "decided": .date(decided)]),
                            Explanation(
                                rule: "§3 out-of-status",
                                summary: Message("deadline.out-of-status.summary.rejected", [
                                    "why": why, "first": .date(first), "decided": .date(decided), "days": .int(d.rejectionLeaveDays + 1),
                                ]),
                                source: Message("source.law-24-rejection-leave"),
                                conventions: convention))
                    }
                } else if today <= lateEnd {
                    add(.lateApplicationDeadline, lateEnd, reason: Message("deadline.late-application-deadline.reason", ["end": .date(end)]),
                        Explanation(
                            rule: "§3 late-application-deadline",
                            summary: Message("deadline.late-application-deadline.summary", [
                                "permit": permitText, "days": .int(d.lateApplicationDays), "end": .date(end), "lateEnd": .date(lateEnd),
                            ]),
                            source: Message("source.regulation-ten-days"),
                            conventions: [Message("convention.late-filing", ["days": .int(d.lateApplicationDays)])] + lapsedNote(client, today)))
                } else {
                    let first = lateEnd.adding(days: 1)
                    add(.outOfStatus, first, reason: Message("deadline.out-of-status.reason", ["end": .date(end)]), Explanation(
                        rule: "§3 out-of-status",
                        summary: Message("deadline.out-of-status.summary", [
                            "permit": permitText, "days": .int(d.lateApplicationDays), "first": .date(first), "end": .date(end),
                            "total": .int(d.lateApplicationDays + 1),
                        ]),
                        source: Message("source.law-24-regulation"),
                        conventions: [Message("convention.late-filing", ["days": .int(d.lateApplicationDays)])] + lapsedNote(client, today)))
                }
            }
        }

        // Mailing deadline of each extension sent by post whose documents are not posted (listed even once lapsed).
        for app in client.applications where app.kind == .extension && app.status.isPending && app.delivery == .mail
            && app.mailed == nil && app.status != .documentsMailed {
            guard let submitted = app.submitted else { continue }
            var (deadline, explanation) = mailingDeadline(submitted: submitted)
            if deadline < today {
                explanation.warnings.append(Message("deadline.mail-documents.warning.lapsed",
                                                    ["deadline": .date(deadline), "next": .date(deadline.adding(days: 1))]))
            }
            add(.mailDocuments, deadline, app: app.id,
                reason: Message("deadline.mail-documents.reason", ["app": .text(app.id), "submitted": .date(submitted)]), explanation)
        }

        // Appointments.
        for app in client.applications where app.status != .withdrawn && app.status != .rejected {
            guard let appt = app.appointment, today <= appt.date else { continue }
            let time = MessageArg.text(String(appt.description.suffix(5)))
            add(.appointment, appt.date, app: app.id,
                reason: Message("deadline.appointment.reason", ["time": time, "kind": app.kind.term, "app": .text(app.id)]),
                Explanation(
                    rule: "§3 appointment",
                    summary: Message("deadline.appointment.summary", ["kind": app.kind.term, "app": .text(app.id), "date": .date(appt.date),
                                                                       "time": time]),
                    source: Message("source.seed-passport-original")))
        }

        // Passport validity against the current permit.
        if let permit = current, let end = permit.end, permit.type != .longTerm, let expiry = client.passport.expires,
           let date = PassportRule.latestEnd(client, parameters: parameters) {
            if date < end {
                add(.passportValidity, date, reason: Message("deadline.passport-validity.reason", ["expiry": .date(expiry)]), Explanation(
                    rule: "§6 passport-validity",
                    summary: Message("deadline.passport-validity.summary", [
                        "expiry": .date(expiry), "margin": .int(d.passportMarginDays), "end": .date(end), "date": .date(date),
                    ]),
                    source: Message("source.law-21-2"),
                    conventions: [Message("convention.passport-margin", ["days": .int(d.passportMarginDays)])]))
            }
        }

        // Entry-Exit Record follow-up, while the long-term application it belongs to is open.
        let record = client.longTerm.entryExitRecord
        if let requested = record.requested, record.received == nil,
           !(DeadlineEngine.recordOwner(client).map { $0.status == .approved || $0.status == .rejected || $0.status == .withdrawn } ?? false) {
            let date = DeadlineEngine.entryExitFollowUp(requested: requested, today: today, parameters: d)
            let first = requested.adding(days: d.entryExitFirstFollowUpDays)
            add(.entryExitRecordFollowUp, date, reason: Message("deadline.entry-exit-record-follow-up.reason", ["requested": .date(requested)]),
                Explanation(
                    rule: "§3 entry-exit-record-follow-up",
                    summary: Message("deadline.entry-exit-record-follow-up.summary", [
                        "requested": .date(requested), "firstDays": .int(d.entryExitFirstFollowUpDays), "first": .date(first),
                        "repeat": .int(d.entryExitRepeatDays), "date": .date(date),
                    ]),
                    source: Message("source.seed-record-months"),
                    conventions: [Message("convention.entry-exit-follow-up", ["first": .int(d.entryExitFirstFollowUpDays),
                                                                              "repeat": .int(d.entryExitRepeatDays)])]))
        }

        // A NEGATIVE record while the long-term application is pending: it will be rejected.
        if record.result == .negative, let received = record.received,
           let app = pendingApps.first(where: { $0.kind == .longTerm }) {
            add(.entryExitRecordNegative, received, app: app.id,
                reason: Message("deadline.entry-exit-record-negative.reason", ["app": .text(app.id)]),
                Explanation(
                    rule: "§3 entry-exit-record-negative",
                    summary: Message("deadline.entry-exit-record-negative.summary", ["received": .date(received), "app": .text(app.id)]),
                    source: Message("source.seed-negative-record")))
        }

        // Card follow-up after approval.
        for app in client.applications where app.status == .approved && app.cardReceived == nil {
            guard let decided = app.decided else { continue }
            let date = decided.adding(days: d.cardFollowUpDays)
            add(.cardFollowUp, date, app: app.id,
                reason: Message("deadline.card-follow-up.reason", ["app": .text(app.id), "decided": .date(decided)]),
                Explanation(
                    rule: "§3 card-follow-up",
                    summary: Message("deadline.card-follow-up.summary", [
                        "app": .text(app.id), "decided": .date(decided), "days": .int(d.cardFollowUpDays), "date": .date(date),
                    ]),
                    source: Message("source.seed-card-mailed"),
                    conventions: [Message("convention.card-follow-up", ["days": .int(d.cardFollowUpDays)])]))
        }

        // Decision follow-up and documents the directorate asked for, per pending application.
        for app in pendingApps {
            if let submitted = app.submitted {
                let date: CivilDate, how: Message, convention: Message
                if app.kind == .longTerm {
                    date = submitted.adding(months: d.longTermDecisionFollowUpMonths)
                    how = Message("common.plus-months", ["date": .date(submitted), "n": .int(d.longTermDecisionFollowUpMonths)])
                    convention = Message("convention.long-term-follow-up", ["months": .int(d.longTermDecisionFollowUpMonths)])
                } else {
                    date = submitted.adding(days: d.decisionFollowUpDays)
                    how = Message("common.plus-days", ["date": .date(submitted), "n": .int(d.decisionFollowUpDays)])
                    convention = Message("convention.decision-follow-up", ["days": .int(d.decisionFollowUpDays)])
                }
                add(.decisionFollowUp, date, app: app.id,
                    reason: Message("deadline.decision-follow-up.reason", ["kind": app.kind.term, "app": .text(app.id), "submitted": .date(submitted)]),
                    Explanation(
                        rule: "§3 decision-follow-up",
                        summary: Message("deadline.decision-follow-up.summary", [
                            "kind": app.kind.term, "app": .text(app.id), "submitted": .date(submitted), "status": app.status.term,
                            "how": .message(how), "date": .date(date),
                        ]),
                        source: Message(app.kind == .longTerm ? "source.seed-long-term-months" : "source.admin-90-days"),
                        conventions: [convention]))
            }
            if let requested = app.documentsRequested, app.documentsCompleted == nil {
                let date = requested.adding(days: d.completeDocumentsDays)
                add(.completeDocuments, date, app: app.id,
                    reason: Message("deadline.complete-documents.reason", ["requested": .date(requested), "app": .text(app.id)]),
                    Explanation(
                        rule: "§3 complete-documents",
                        summary: Message("deadline.complete-documents.summary", [
                            "requested": .date(requested), "app": .text(app.id), "days": .int(d.completeDocumentsDays), "date": .date(date),
                        ]),
                        source: Message("source.admin-30-days"),
                        conventions: [Message("convention.complete-documents", ["days": .int(d.completeDocumentsDays)])]))
            }
        }

        // Power of attorney expiry, when the office files for the client.
        if let expiry = client.powerOfAttorney?.expires, client.applications.contains(where: { $0.filedBy == .attorney }) {
            add(.powerOfAttorneyExpiry, expiry, reason: Message("deadline.power-of-attorney-expiry.reason"), Explanation(
                rule: "§3 power-of-attorney-expiry",
                summary: Message("deadline.power-of-attorney-expiry.summary", ["expiry": .date(expiry)]),
                source: Message("source.seed-attorney")))
        }

        if let item = supporterItem(client, today: today, supporter: supporter) { out.append(item) }

        return out.sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
    }

    /// Notes on extensions that lapsed (documents not posted in time), for the items that follow from it.
    func lapsedNote(_ client: Client, _ today: CivilDate) -> [Message] {
        client.applications.compactMap { app in
            guard let lapse = lapseDate(of: app), today >= lapse else { return nil }
            return Message("deadline.lapsed-note", ["app": .text(app.id), "lapse": .date(lapse)])
        }
    }

    // MARK: What counts as pending (RULES.md §3)

    /// The first day a posted extension no longer counts as pending because its
    /// documents were not posted by the mailing deadline (nil: it never lapses).
    public func lapseDate(of app: Application) -> CivilDate? {
        guard app.kind == .extension, app.status.isPending, app.delivery == .mail, let submitted = app.submitted else { return nil }
        let deadline = mailingDeadlineDate(submitted: submitted)
        if let mailed = app.mailed { return mailed > deadline ? deadline.adding(days: 1) : nil }
        if app.status == .documentsMailed { return nil }
        return deadline.adding(days: 1)
    }

    /// Whether the application counts as pending on `today`: a pending status, and not a lapsed extension.
    public func isPending(_ app: Application, on today: CivilDate) -> Bool {
        guard app.status.isPending else { return false }
        guard let lapse = lapseDate(of: app) else { return true }
        return today < lapse
    }

    /// The permit an application was submitted within (the latest end if several): it is timely for that permit.
    public static func permitContaining(_ date: CivilDate, in client: Client) -> Permit? {
        client.permits.filter { $0.contains(date) }.max { ($0.end ?? .distantFuture, $0.start) < ($1.end ?? .distantFuture, $1.start) }
    }

    /// The latest rejected timely extension of `permit` decided after its end (RULES.md §3 rejected extension).
    public func latestRejectedTimelyExtension(of client: Client, permit: Permit) -> Application? {
        guard let end = permit.end else { return nil }
        return client.applications.filter { app in
            guard app.kind == .extension, app.status == .rejected, let submitted = app.submitted, let decided = app.decided,
                  decided > end, let p = DeadlineEngine.permitContaining(submitted, in: client) else { return false }
            return p == permit
        }.max { ($0.decided ?? .distantPast) < ($1.decided ?? .distantPast) }
    }

    /// The long-term application an Entry-Exit Record request belongs to: the latest submitted on or before the request.
    public static func recordOwner(_ client: Client) -> Application? {
        guard let requested = client.longTerm.entryExitRecord.requested else { return nil }
        return client.applications.filter { $0.kind == .longTerm && ($0.submitted.map { $0 <= requested } ?? false) }
            .max { ($0.submitted ?? .distantPast) < ($1.submitted ?? .distantPast) }
    }

    /// The next Entry-Exit Record follow-up on or after `today`.
    static func entryExitFollowUp(requested: CivilDate, today: CivilDate, parameters d: RuleParameters.Deadlines) -> CivilDate {
        var date = requested.adding(days: d.entryExitFirstFollowUpDays)
        if date < today {
            let steps = (date.days(to: today) + d.entryExitRepeatDays - 1) / d.entryExitRepeatDays
            date = date.adding(days: steps * d.entryExitRepeatDays)
        }
        return date
    }

    /// The mailing deadline's date alone (no explanation), for the pending test.
    public func mailingDeadlineDate(submitted: CivilDate) -> CivilDate {
        let d = parameters.deadlines
        switch d.mailingUnit {
        case .calendarDays: return submitted.adding(days: d.mailingCount)
        case .workingDays: return calendar.workingDayDeadline(d.mailingCount, after: submitted)
        }
    }

    /// The last day to post an extension's documents, and why.
    public func mailingDeadline(submitted: CivilDate) -> (CivilDate, Explanation) {
        let d = parameters.deadlines
        let source = Message("source.admin-mailing")
        switch d.mailingUnit {
        case .calendarDays:
            let deadline = submitted.adding(days: d.mailingCount)
            return (deadline, Explanation(
                rule: "§4 mail-documents",
                summary: Message("deadline.mail-documents.summary.calendar-days", [
                    "count": .int(d.mailingCount), "submitted": .date(submitted), "weekday": submitted.weekday.term,
                    "deadline": .date(deadline), "deadlineWeekday": deadline.weekday.term,
                ]),
                source: source,
                conventions: [Message("convention.mailing-calendar-days", ["count": .int(d.mailingCount)]),
                              Message("convention.submission-day-not-counted")]))
        case .workingDays:
            let count = calendar.addingWorkingDays(d.mailingCount, to: submitted)
            var warnings: [Message] = []
            if !count.uncoveredYears.isEmpty {
                warnings.append(Message("deadline.mail-documents.warning.uncovered-years",
                                        ["years": commaList(count.uncoveredYears.map(MessageArg.int))]))
            }
            return (count.deadline, Explanation(
                rule: "§4 mail-documents",
                summary: Message("deadline.mail-documents.summary", [
                    "ordinal": .message(ordinal(d.mailingCount)), "submitted": .date(submitted), "weekday": submitted.weekday.term,
                    "steps": commaList(count.steps.map(MessageArg.message)), "deadline": .date(count.deadline),
                    "deadlineWeekday": count.deadline.weekday.term,
                ]),
                source: source,
                conventions: [Message("convention.mailing-working-days", ["count": .int(d.mailingCount)]),
                              Message("convention.day-one-next-working-day"),
                              Message("convention.half-day-eves")],
                warnings: warnings))
        }
    }

    /// The severity of an item due in `daysLeft` days.
    public func severity(daysLeft: Int) -> Severity {
        if daysLeft < 0 { return .overdue }
        if daysLeft <= parameters.deadlines.criticalDays { return .critical }
        if daysLeft <= parameters.deadlines.soonDays { return .soon }
        return .upcoming
    }
}

extension Array where Element == DeadlineItem {
    /// The items dated up to and including `today + days`, and every overdue item.
    public func within(days: Int, of today: CivilDate) -> [DeadlineItem] {
        let last = today.adding(days: days)
        return filter { $0.date <= last || $0.severity == .overdue }
    }
}

/// An English-style ordinal as a message (`ordinal.st` "1st", `ordinal.nd`, `ordinal.rd`, `ordinal.th`; Turkish "5.").
func ordinal(_ n: Int) -> Message {
    let key: String
    switch (n % 10, n % 100) {
    case (1, let t) where t != 11: key = "ordinal.st"
    case (2, let t) where t != 12: key = "ordinal.nd"
    case (3, let t) where t != 13: key = "ordinal.rd"
    default: key = "ordinal.th"
    }
    return Message(key, ["n": .int(n)])
}

/// Items joined by ", " (`common.comma-list`, nested; the catalog's list separator is "; ").
func commaList(_ items: [MessageArg]) -> MessageArg {
    guard let first = items.first else { return .text("") }
    if items.count == 1 { return first }
    return .message(Message("common.comma-list", ["first": first, "rest": commaList(Array(items.dropFirst()))]))
}

/// A date, or the catalog's "none" mark (`common.none`, "—").
func dateOrNone(_ date: CivilDate?) -> MessageArg {
    date.map(MessageArg.date) ?? .term("common.none")
}

/// A permit with its dates: "Short-term permit 2026-01-01 – 2026-12-31" (`common.permit-span`).
func permitSpan(_ type: PermitType, _ start: CivilDate, _ end: CivilDate) -> Message {
    Message("common.permit-span", ["permit": type.titleTerm, "start": .date(start), "end": .date(end)])
}

/// The passport rule of RULES.md §6.
public enum PassportRule {
    /// The latest end a permit can get with the current passport: expiry − `passportMarginDays` (nil: no expiry recorded).
    public static func latestEnd(_ client: Client, parameters: RuleParameters) -> CivilDate? {
        client.passport.expires.map { $0.adding(days: -parameters.deadlines.passportMarginDays) }
    }
}
