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

    /// Whether an item of this kind is overdue whatever its date.
    public var alwaysOverdue: Bool { self == .outOfStatus || self == .entryExitRecordNegative }

    /// A short English label for lists (at most 20 characters).
    public var label: String {
        switch self {
        case .extensionWindowOpens: "Window opens"
        case .extensionDeadline: "File extension by"
        case .mailDocuments: "Mail documents by"
        case .lateApplicationDeadline: "Late application by"
        case .outOfStatus: "Out of status"
        case .passportValidity: "Passport too short"
        case .appointment: "Appointment"
        case .entryExitRecordFollowUp: "Entry-Exit follow-up"
        case .cardFollowUp: "Card follow-up"
        case .powerOfAttorneyExpiry: "POA expires"
        case .decisionFollowUp: "Ask for decision"
        case .completeDocuments: "Complete documents"
        case .entryExitRecordNegative: "Entry-Exit NEGATIVE"
        case .leaveAfterRejection: "Leave by (rejected)"
        }
    }
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
public struct DeadlineItem: Codable, Sendable, Equatable, Hashable {
    public var clientId: String
    public var kind: DeadlineKind
    public var date: CivilDate
    /// Days from today to `date`; negative when overdue.
    public var daysLeft: Int
    public var severity: Severity
    /// The application the item belongs to, if any.
    public var applicationId: String?
    /// A few words for a list row, e.g. "short-term permit ends 2026-12-31".
    public var reason: String
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
    public func items(for client: Client, today: CivilDate) -> [DeadlineItem] {
        // A closed file lists nothing from its closing date (RULES.md §11).
        if client.isClosed(on: today) { return [] }
        var out: [DeadlineItem] = []
        let d = parameters.deadlines
        func add(_ kind: DeadlineKind, _ date: CivilDate, app: String? = nil, reason: String, _ explanation: Explanation) {
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
            let permitText = "\(permit.type.displayName) permit \(permit.start.iso) – \(end.iso)"
            let opens = end.adding(days: -window)
            let lateEnd = end.adding(days: d.lateApplicationDays)
            if pendingExtension == nil, pendingMove == nil, today < opens {
                add(.extensionWindowOpens, opens, reason: "\(permit.type.noun) ends \(end.iso)", Explanation(
                    rule: "docs/rules.md §3 extension-window-opens",
                    summary: "The extension window opens \(window) days before the end of the \(permitText): \(end.iso) − \(window) days = \(opens.iso).",
                    source: isWork ? "[ours] work permits are extended with the Ministry of Labour; same window by default"
                                   : "[law] Law 6458 Art. 24(2): extension from when 60 days remain",
                    conventions: ["window = \(window) days (parameter \(isWork ? "workPermitWindowDays" : "extensionWindowDays"))"]))
            }
            if pendingExtension == nil, pendingMove == nil, today <= end {
                add(.extensionDeadline, end, reason: "\(permit.type.noun) ends, nothing filed", Explanation(
                    rule: "docs/rules.md §3 extension-deadline",
                    summary: "An extension must be filed by the last day of the \(permitText): \(end.iso). There is no grace period for an extension.",
                    source: "[law] Law 6458 Art. 24(2); [seed] \"before the expiry of the residence period in all cases\""))
            }
            if pendingApps.isEmpty, end < today {
                if let rejection = latestRejectedTimelyExtension(of: client, permit: permit), let decided = rejection.decided {
                    let leaveBy = decided.adding(days: d.rejectionLeaveDays)
                    let why = "The timely extension \(rejection.id) (submitted \(rejection.submitted?.iso ?? "—"), within the \(permitText)) was rejected on \(decided.iso), after the permit's end: the client stayed lawfully until the decision"
                    let convention = ["leave after rejection = \(d.rejectionLeaveDays) days (parameter rejectionLeaveDays); verify against the notice the client received"]
                    if today <= leaveBy {
                        add(.leaveAfterRejection, leaveBy, app: rejection.id, reason: "\(rejection.id) rejected \(decided.iso)", Explanation(
                            rule: "docs/rules.md §3 leave-after-rejection",
                            summary: "\(why); leave Turkey or file a new application by \(decided.iso) + \(d.rejectionLeaveDays) days = \(leaveBy.iso).",
                            source: "[law] Law 6458 Art. 24(2) (a pending extension keeps the client lawfully); [ours] the leave period",
                            conventions: convention))
                    } else {
                        let first = leaveBy.adding(days: 1)
                        add(.outOfStatus, first, app: rejection.id, reason: "\(rejection.id) rejected \(decided.iso), nothing filed", Explanation(
                            rule: "docs/rules.md §3 out-of-status",
                            summary: "\(why); out of status since \(first.iso) (\(decided.iso) + \(d.rejectionLeaveDays + 1) days), with no application pending.",
                            source: "[law] Law 6458 Art. 24; [ours] the leave period after a rejection",
                            conventions: convention))
                    }
                } else if today <= lateEnd {
                    add(.lateApplicationDeadline, lateEnd, reason: "permit ended \(end.iso), nothing filed", Explanation(
                        rule: "docs/rules.md §3 late-application-deadline",
                        summary: "The \(permitText) expired with no application pending; a new in-country (first) application is accepted up to \(d.lateApplicationDays) days after the end: \(end.iso) + \(d.lateApplicationDays) = \(lateEnd.iso).",
                        source: "[law] Implementing Regulation: \"up to ten days\" (older practice said 15)",
                        conventions: ["late filing = \(d.lateApplicationDays) days (parameter lateApplicationDays)"] + lapsedNote(client, today)))
                } else {
                    let first = lateEnd.adding(days: 1)
                    add(.outOfStatus, first, reason: "permit ended \(end.iso), nothing filed", Explanation(
                        rule: "docs/rules.md §3 out-of-status",
                        summary: "The \(permitText) expired more than \(d.lateApplicationDays) days ago with no application pending: out of status since \(first.iso) (\(end.iso) + \(d.lateApplicationDays + 1) days).",
                        source: "[law] Law 6458 Art. 24; Implementing Regulation (ten-day late filing)",
                        conventions: ["late filing = \(d.lateApplicationDays) days (parameter lateApplicationDays)"] + lapsedNote(client, today)))
                }
            }
        }

        // Mailing deadline of each extension sent by post whose documents are not posted (listed even once lapsed).
        for app in client.applications where app.kind == .extension && app.status.isPending && app.delivery == .mail
            && app.mailed == nil && app.status != .documentsMailed {
            guard let submitted = app.submitted else { continue }
            var (deadline, explanation) = mailingDeadline(submitted: submitted)
            if deadline < today {
                explanation.warnings.append("the documents were not posted by \(deadline.iso): the directorate does not process the application, and from \(deadline.adding(days: 1).iso) it no longer counts as pending (docs/rules.md §3 lapsed extension)")
            }
            add(.mailDocuments, deadline, app: app.id, reason: "extension \(app.id) submitted \(submitted.iso)", explanation)
        }

        // Appointments.
        for app in client.applications where app.status != .withdrawn && app.status != .rejected {
            guard let appt = app.appointment, today <= appt.date else { continue }
            add(.appointment, appt.date, app: app.id, reason: "\(appt.description.suffix(5)), \(app.kind.rawValue) \(app.id)", Explanation(
                rule: "docs/rules.md §3 appointment",
                summary: "Appointment at the directorate for the \(app.kind.rawValue) application \(app.id) on \(appt.date.iso) at \(appt.description.suffix(5)).",
                source: "[seed] first and transfer applications: the original passport is shown at the appointment"))
        }

        // Passport validity against the current permit.
        if let permit = current, let end = permit.end, permit.type != .longTerm, let expiry = client.passport.expires,
           let date = PassportRule.latestEnd(client, parameters: parameters) {
            if date < end {
                add(.passportValidity, date, reason: "passport expires \(expiry.iso)", Explanation(
                    rule: "docs/rules.md §6 passport-validity",
                    summary: "The passport expires \(expiry.iso), less than \(d.passportMarginDays) days after the permit's end \(end.iso); a permit can run at most until \(expiry.iso) − \(d.passportMarginDays) days = \(date.iso). Renew the passport before applying.",
                    source: "[law] Law 6458 Art. 21(2)",
                    conventions: ["margin = \(d.passportMarginDays) days (parameter passportMarginDays)"]))
            }
        }

        // Entry-Exit Record follow-up, while the long-term application it belongs to is open.
        let record = client.longTerm.entryExitRecord
        if let requested = record.requested, record.received == nil,
           !(DeadlineEngine.recordOwner(client).map { $0.status == .approved || $0.status == .rejected || $0.status == .withdrawn } ?? false) {
            let date = DeadlineEngine.entryExitFollowUp(requested: requested, today: today, parameters: d)
            let first = requested.adding(days: d.entryExitFirstFollowUpDays)
            add(.entryExitRecordFollowUp, date, reason: "requested \(requested.iso)", Explanation(
                rule: "docs/rules.md §3 entry-exit-record-follow-up",
                summary: "The Entry-Exit Record was requested \(requested.iso) and not yet received; follow up \(d.entryExitFirstFollowUpDays) days after the request (\(first.iso)) and then every \(d.entryExitRepeatDays) days: next \(date.iso).",
                source: "[seed] the record takes about 2–3 months; follow up frequently",
                conventions: ["first follow-up \(d.entryExitFirstFollowUpDays) days, then every \(d.entryExitRepeatDays) days (parameters entryExitFirstFollowUpDays, entryExitRepeatDays)"]))
        }

        // A NEGATIVE record while the long-term application is pending: it will be rejected.
        if record.result == .negative, let received = record.received,
           let app = pendingApps.first(where: { $0.kind == .longTerm }) {
            add(.entryExitRecordNegative, received, app: app.id, reason: "record NEGATIVE, \(app.id) pending", Explanation(
                rule: "docs/rules.md §3 entry-exit-record-negative",
                summary: "The Entry-Exit Record received \(received.iso) reads NEGATIVE while the long-term application \(app.id) is pending: the application will be rejected. Decide with the client whether to withdraw it.",
                source: "[seed] a NEGATIVE record means rejection"))
        }

        // Card follow-up after approval.
        for app in client.applications where app.status == .approved && app.cardReceived == nil {
            guard let decided = app.decided else { continue }
            let date = decided.adding(days: d.cardFollowUpDays)
            add(.cardFollowUp, date, app: app.id, reason: "\(app.id) approved \(decided.iso)", Explanation(
                rule: "docs/rules.md §3 card-follow-up",
                summary: "Application \(app.id) was approved \(decided.iso) and the card has not been received; it is mailed within 2–3 weeks: follow up on \(decided.iso) + \(d.cardFollowUpDays) days = \(date.iso).",
                source: "[seed] the card is sent to the residential address within 2–3 weeks",
                conventions: ["card follow-up = \(d.cardFollowUpDays) days (parameter cardFollowUpDays)"]))
        }

        // Decision follow-up and documents the directorate asked for, per pending application.
        for app in pendingApps {
            if let submitted = app.submitted {
                let date: CivilDate, how: String, convention: String
                if app.kind == .longTerm {
                    date = submitted.adding(months: d.longTermDecisionFollowUpMonths)
                    how = "\(submitted.iso) + \(d.longTermDecisionFollowUpMonths) months"
                    convention = "long-term follow-up = \(d.longTermDecisionFollowUpMonths) months (parameter longTermDecisionFollowUpMonths; the seed: 6–8 months overall)"
                } else {
                    date = submitted.adding(days: d.decisionFollowUpDays)
                    how = "\(submitted.iso) + \(d.decisionFollowUpDays) days"
                    convention = "decision follow-up = \(d.decisionFollowUpDays) days (parameter decisionFollowUpDays)"
                }
                add(.decisionFollowUp, date, app: app.id, reason: "\(app.kind.rawValue) \(app.id) submitted \(submitted.iso)", Explanation(
                    rule: "docs/rules.md §3 decision-follow-up",
                    summary: "The \(app.kind.rawValue) application \(app.id) was submitted \(submitted.iso) and is \(app.status.rawValue); ask the directorate for the decision if none has come by \(how) = \(date.iso).",
                    source: app.kind == .longTerm ? "[seed] a long-term application takes 6–8 months overall; [ours] the follow-up date"
                                                  : "[admin] the directorate decides within 90 days",
                    conventions: [convention]))
            }
            if let requested = app.documentsRequested, app.documentsCompleted == nil {
                let date = requested.adding(days: d.completeDocumentsDays)
                add(.completeDocuments, date, app: app.id, reason: "documents asked \(requested.iso), \(app.id)", Explanation(
                    rule: "docs/rules.md §3 complete-documents",
                    summary: "The directorate asked on \(requested.iso) for more documents for application \(app.id); hand them in by \(requested.iso) + \(d.completeDocumentsDays) days = \(date.iso).",
                    source: "[admin] missing documents are completed within 30 days",
                    conventions: ["complete documents = \(d.completeDocumentsDays) days (parameter completeDocumentsDays)"]))
            }
        }

        // Power of attorney expiry, when the office files for the client.
        if let expiry = client.powerOfAttorney?.expires, client.applications.contains(where: { $0.filedBy == .attorney }) {
            add(.powerOfAttorneyExpiry, expiry, reason: "renew the power of attorney", Explanation(
                rule: "docs/rules.md §3 power-of-attorney-expiry",
                summary: "The office files for this client under a power of attorney that expires \(expiry.iso).",
                source: "[seed] an attorney may apply with a power of attorney (Law 6458 Art. 21, as amended by Law 6735)"))
        }

        return out.sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
    }

    /// Notes on extensions that lapsed (documents not posted in time), for the items that follow from it.
    func lapsedNote(_ client: Client, _ today: CivilDate) -> [String] {
        client.applications.compactMap { app in
            guard let lapse = lapseDate(of: app), today >= lapse else { return nil }
            return "extension \(app.id) lapsed on \(lapse.iso): its documents were not posted by the mailing deadline, so it no longer counts as pending"
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
        let source = "[admin] Presidency notice: documents within 5 (beş) working days (iş günü); [seed] \"within 5 days\""
        switch d.mailingUnit {
        case .calendarDays:
            let deadline = submitted.adding(days: d.mailingCount)
            return (deadline, Explanation(
                rule: "docs/rules.md §4 mail-documents",
                summary: "Documents must be posted within \(d.mailingCount) calendar days of the online extension application submitted \(submitted.iso) (\(submitted.weekday.short)): deadline \(deadline.iso) (\(deadline.weekday.short)).",
                source: source,
                conventions: ["mailing = \(d.mailingCount) calendar days (office setting mailingUnit = calendar-days)",
                              "the day of submission is not counted"]))
        case .workingDays:
            let count = calendar.addingWorkingDays(d.mailingCount, to: submitted)
            var warnings: [String] = []
            if !count.uncoveredYears.isEmpty {
                let years = count.uncoveredYears.map(String.init).joined(separator: ", ")
                warnings.append("the holiday table does not list the religious holidays of \(years); only weekends and fixed holidays were skipped")
            }
            return (count.deadline, Explanation(
                rule: "docs/rules.md §4 mail-documents",
                summary: "Documents must be posted by the \(ordinal(d.mailingCount)) working day after the online extension application submitted \(submitted.iso) (\(submitted.weekday.short)): " + count.steps.joined(separator: ", ") + " → deadline \(count.deadline.iso) (\(count.deadline.weekday.short)).",
                source: source,
                conventions: ["mailing = \(d.mailingCount) working days (parameter mailingCount, mailingUnit)",
                              "the day of submission is not counted; day 1 is the next working day",
                              "half-day holiday eves count as working days"],
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

func ordinal(_ n: Int) -> String {
    let suffix: String
    switch (n % 10, n % 100) {
    case (1, let t) where t != 11: suffix = "st"
    case (2, let t) where t != 12: suffix = "nd"
    case (3, let t) where t != 13: suffix = "rd"
    default: suffix = "th"
    }
    return "\(n)\(suffix)"
}

/// The passport rule of RULES.md §6.
public enum PassportRule {
    /// The latest end a permit can get with the current passport: expiry − `passportMarginDays` (nil: no expiry recorded).
    public static func latestEnd(_ client: Client, parameters: RuleParameters) -> CivilDate? {
        client.passport.expires.map { $0.adding(days: -parameters.deadlines.passportMarginDays) }
    }
}
