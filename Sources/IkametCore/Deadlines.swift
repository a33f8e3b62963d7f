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
        var out: [DeadlineItem] = []
        let d = parameters.deadlines
        func add(_ kind: DeadlineKind, _ date: CivilDate, app: String? = nil, forceOverdue: Bool = false, reason: String,
                 _ explanation: Explanation) {
            let left = today.days(to: date)
            out.append(DeadlineItem(clientId: client.id, kind: kind, date: date, daysLeft: left,
                                    severity: forceOverdue ? .overdue : severity(daysLeft: left),
                                    applicationId: app, reason: reason, explanation: explanation))
        }
        let pendingApps = client.applications.filter { $0.status.isPending }
        let pendingExtension = pendingApps.first { $0.kind == .extension }
        let current = DeadlineEngine.currentPermit(of: client, on: today)

        // Extension window, last filing day, late application, out of status.
        if let permit = current, let end = permit.end, permit.type != .longTerm {
            let renewal = client.permits.first { $0.start > end }
            let isWork = permit.type == .workPermit
            let window = isWork ? d.workPermitWindowDays : d.extensionWindowDays
            let permitText = "\(permit.type.displayName) permit \(permit.start.iso) – \(end.iso)"
            if let renewal {
                _ = renewal  // The current permit is renewed: no extension items for it.
            } else {
                let opens = end.adding(days: -window)
                let lateEnd = end.adding(days: d.lateApplicationDays)
                if pendingExtension == nil, today < opens {
                    add(.extensionWindowOpens, opens, reason: "\(permit.type.noun) ends \(end.iso)", Explanation(
                        rule: "RULES.md §3 extension-window-opens",
                        summary: "The extension window opens \(window) days before the end of the \(permitText): \(end.iso) − \(window) days = \(opens.iso).",
                        source: isWork ? "[ours] work permits are extended with the Ministry of Labour; same window by default"
                                       : "[law] Law 6458 Art. 24(2): extension from when 60 days remain",
                        conventions: ["window = \(window) days (parameter \(isWork ? "workPermitWindowDays" : "extensionWindowDays"))"]))
                }
                if pendingExtension == nil, today <= end {
                    add(.extensionDeadline, end, reason: "\(permit.type.noun) ends, nothing filed", Explanation(
                        rule: "RULES.md §3 extension-deadline",
                        summary: "An extension must be filed by the last day of the \(permitText): \(end.iso). There is no grace period for an extension.",
                        source: "[law] Law 6458 Art. 24(2); [seed] \"before the expiry of the residence period in all cases\""))
                }
                if pendingApps.isEmpty, end < today, today <= lateEnd {
                    add(.lateApplicationDeadline, lateEnd, reason: "permit ended \(end.iso), nothing filed", Explanation(
                        rule: "RULES.md §3 late-application-deadline",
                        summary: "The \(permitText) expired with no application pending; a new in-country (first) application is accepted up to \(d.lateApplicationDays) days after the end: \(end.iso) + \(d.lateApplicationDays) = \(lateEnd.iso).",
                        source: "[law] Implementing Regulation: \"up to ten days\" (older practice said 15)",
                        conventions: ["late filing = \(d.lateApplicationDays) days (parameter lateApplicationDays)"]))
                }
                if pendingApps.isEmpty, today > lateEnd {
                    let first = lateEnd.adding(days: 1)
                    add(.outOfStatus, first, forceOverdue: true, reason: "permit ended \(end.iso), nothing filed", Explanation(
                        rule: "RULES.md §3 out-of-status",
                        summary: "The \(permitText) expired more than \(d.lateApplicationDays) days ago with no application pending: out of status since \(first.iso) (\(end.iso) + \(d.lateApplicationDays + 1) days).",
                        source: "[law] Law 6458 Art. 24; Implementing Regulation (ten-day late filing)",
                        conventions: ["late filing = \(d.lateApplicationDays) days (parameter lateApplicationDays)"]))
                }
            }
        }

        // Mailing deadline of each pending extension sent by post.
        for app in pendingApps where app.kind == .extension && app.delivery == .mail && app.mailed == nil && app.status != .documentsMailed {
            guard let submitted = app.submitted else { continue }
            let (deadline, explanation) = mailingDeadline(submitted: submitted)
            add(.mailDocuments, deadline, app: app.id, reason: "extension \(app.id) submitted \(submitted.iso)", explanation)
        }

        // Appointments.
        for app in client.applications where app.status != .withdrawn && app.status != .rejected {
            guard let appt = app.appointment, today <= appt.date else { continue }
            add(.appointment, appt.date, app: app.id, reason: "\(appt.description.suffix(5)), \(app.kind.rawValue) \(app.id)", Explanation(
                rule: "RULES.md §3 appointment",
                summary: "Appointment at the directorate for the \(app.kind.rawValue) application \(app.id) on \(appt.date.iso) at \(appt.description.suffix(5)).",
                source: "[seed] first and transfer applications: the original passport is shown at the appointment"))
        }

        // Passport validity against the current permit.
        if let permit = current, let end = permit.end, permit.type != .longTerm, let expiry = client.passport.expires {
            let limit = end.adding(days: d.passportMarginDays)
            if expiry < limit {
                let date = expiry.adding(days: -d.passportMarginDays)
                add(.passportValidity, date, reason: "passport expires \(expiry.iso)", Explanation(
                    rule: "RULES.md §6 passport-validity",
                    summary: "The passport expires \(expiry.iso), less than \(d.passportMarginDays) days after the permit's end \(end.iso); a permit can run at most until \(expiry.iso) − \(d.passportMarginDays) days = \(date.iso). Renew the passport before applying.",
                    source: "[law] Law 6458 Art. 21(2)",
                    conventions: ["margin = \(d.passportMarginDays) days (parameter passportMarginDays)"]))
            }
        }

        // Entry-Exit Record follow-up.
        let record = client.longTerm.entryExitRecord
        if let requested = record.requested, record.received == nil {
            let first = requested.adding(days: d.entryExitFirstFollowUpDays)
            var date = first
            if date < today {
                let steps = (date.days(to: today) + d.entryExitRepeatDays - 1) / d.entryExitRepeatDays
                date = date.adding(days: steps * d.entryExitRepeatDays)
            }
            add(.entryExitRecordFollowUp, date, reason: "requested \(requested.iso)", Explanation(
                rule: "RULES.md §3 entry-exit-record-follow-up",
                summary: "The Entry-Exit Record was requested \(requested.iso) and not yet received; follow up \(d.entryExitFirstFollowUpDays) days after the request (\(first.iso)) and then every \(d.entryExitRepeatDays) days: next \(date.iso).",
                source: "[seed] the record takes about 2–3 months; follow up frequently",
                conventions: ["first follow-up \(d.entryExitFirstFollowUpDays) days, then every \(d.entryExitRepeatDays) days (parameters entryExitFirstFollowUpDays, entryExitRepeatDays)"]))
        }

        // Card follow-up after approval.
        for app in client.applications where app.status == .approved && app.cardReceived == nil {
            guard let decided = app.decided else { continue }
            let date = decided.adding(days: d.cardFollowUpDays)
            add(.cardFollowUp, date, app: app.id, reason: "\(app.id) approved \(decided.iso)", Explanation(
                rule: "RULES.md §3 card-follow-up",
                summary: "Application \(app.id) was approved \(decided.iso) and the card has not been received; it is mailed within 2–3 weeks: follow up on \(decided.iso) + \(d.cardFollowUpDays) days = \(date.iso).",
                source: "[seed] the card is sent to the residential address within 2–3 weeks",
                conventions: ["card follow-up = \(d.cardFollowUpDays) days (parameter cardFollowUpDays)"]))
        }

        // Power of attorney expiry, when the office files for the client.
        if let expiry = client.powerOfAttorney?.expires, client.applications.contains(where: { $0.filedBy == .attorney }) {
            add(.powerOfAttorneyExpiry, expiry, reason: "renew the power of attorney", Explanation(
                rule: "RULES.md §3 power-of-attorney-expiry",
                summary: "The office files for this client under a power of attorney that expires \(expiry.iso).",
                source: "[seed] an attorney may apply with a power of attorney (Law 6458 Art. 21, as amended by Law 6735)"))
        }

        return out.sorted { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
    }

    /// The last day to post an extension's documents, and why.
    public func mailingDeadline(submitted: CivilDate) -> (CivilDate, Explanation) {
        let d = parameters.deadlines
        let source = "[admin] Presidency notice: documents within 5 (beş) working days (iş günü); [seed] \"within 5 days\""
        switch d.mailingUnit {
        case .calendarDays:
            let deadline = submitted.adding(days: d.mailingCount)
            return (deadline, Explanation(
                rule: "RULES.md §4 mail-documents",
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
                rule: "RULES.md §4 mail-documents",
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
