import IkametCore

/// The rules and facts `update` and the row builders need: pure values, injected.
public struct AppEnvironment: Sendable {
    public var deadlines: DeadlineEngine
    public var eligibility: EligibilityEngine
    public var validator: Validator
    public var templates: ChecklistTemplates
    public var user: String

    public init(deadlines: DeadlineEngine, eligibility: EligibilityEngine, validator: Validator, templates: ChecklistTemplates, user: String) {
        self.deadlines = deadlines; self.eligibility = eligibility; self.validator = validator
        self.templates = templates; self.user = user
    }
}

/// Builds agenda and client-list rows from clients (pure).
public enum RowBuilder {
    /// A client's agenda rows for `today` and a horizon (RULES.md §3 items, pending
    /// applications, long-term candidates), grouped by urgency.
    public static func agendaRows(for c: Client, today: CivilDate, horizon: Int, env: AppEnvironment) -> [AgendaRow] {
        var rows: [AgendaRow] = []
        let window = env.deadlines.parameters.deadlines
        for item in env.deadlines.items(for: c, today: today) {
            let group: AgendaGroup
            if item.severity == .overdue {
                group = .urgent
            } else if item.kind == .extensionDeadline,
                      today >= item.date.adding(days: -max(window.extensionWindowDays, window.workPermitWindowDays)) {
                group = item.daysLeft <= window.criticalDays ? .thisWeek : .windowOpen
            } else if item.kind == .entryExitRecordFollowUp || item.kind == .cardFollowUp {
                group = .awaiting
            } else if item.daysLeft <= window.criticalDays {
                group = .thisWeek
            } else if item.daysLeft <= horizon {
                group = .next30
            } else {
                continue
            }
            rows.append(AgendaRow(group: group, date: item.date, daysLeft: item.daysLeft, severity: item.severity, clientId: c.id,
                                  name: c.name, attorney: c.attorney, action: item.kind.label, reason: item.reason,
                                  explanation: item.explanation.text, applicationId: item.applicationId))
        }
        for app in c.applications where app.status.isPending {
            let since = app.submitted ?? today
            rows.append(AgendaRow(group: .awaiting, date: since, daysLeft: today.days(to: since), severity: .upcoming, clientId: c.id,
                                  name: c.name, attorney: c.attorney, action: Strings.awaitingAction,
                                  reason: "\(app.kind.rawValue) \(app.id), \(app.status.rawValue)",
                                  explanation: Strings.awaitingExplanation(app, since: since, days: since.days(to: today)),
                                  applicationId: app.id))
        }
        if let row = longTermCandidate(c, today: today, env: env) { rows.append(row) }
        return rows
    }

    /// A row when the client can apply for the long-term permit now or within 90 days.
    static func longTermCandidate(_ c: Client, today: CivilDate, env: AppEnvironment) -> AgendaRow? {
        let holdsLongTerm = c.permits.contains { $0.type == .longTerm && $0.contains(today) }
        let applying = c.applications.contains { $0.kind == .longTerm && ($0.status.isPending || $0.status == .approved) }
        guard !holdsLongTerm, !applying, let first = c.permits.map(\.start).min(),
              first <= today.adding(days: 90).adding(years: -env.eligibility.parameters.lookbackYears) else { return nil }
        let report = env.eligibility.evaluate(c, today: today)
        guard let date = report.earliestEligibleDate, date <= today.adding(days: 90) else { return nil }
        let now = date == today
        return AgendaRow(group: .longTerm, date: date, daysLeft: today.days(to: date), severity: .upcoming, clientId: c.id,
                         name: c.name, attorney: c.attorney, action: now ? Strings.longTermNow : Strings.longTermSoon,
                         reason: report.borderline ? Strings.longTermBorderline : Strings.longTermPass,
                         explanation: ([report.earliestNote] + report.rules.map { "\($0.id.rawValue): \($0.passed ? "pass" : "fail") — \($0.detail)" }
                                       + report.assumptions.map { "\(Strings.assumed) \($0)" }).joined(separator: "\n"),
                         applicationId: nil)
    }

    /// Sorts agenda rows: by group, then date, then client.
    public static func sorted(_ rows: [AgendaRow]) -> [AgendaRow] {
        rows.sorted { ($0.group, $0.date, $0.clientId, $0.action) < ($1.group, $1.date, $1.clientId, $1.action) }
    }

    /// A client-list row.
    public static func clientRow(_ c: Client, today: CivilDate, env: AppEnvironment) -> ClientRow {
        let permit = DeadlineEngine.currentPermit(of: c, on: today)
        let next = env.deadlines.items(for: c, today: today).min { ($0.date, $0.kind.rawValue) < ($1.date, $1.kind.rawValue) }
        return ClientRow(id: c.id, name: c.name, nationality: c.nationality ?? "", permit: permit?.type.rawValue ?? "—",
                         permitEnd: permit?.end, next: next?.kind.label ?? "", nextDate: next?.date, nextSeverity: next?.severity)
    }

    /// Sorts client rows.
    public static func sorted(_ rows: [ClientRow], by sort: ClientSort) -> [ClientRow] {
        let far = CivilDate(dayNumber: Int.max / 4)
        switch sort {
        case .name: return rows.sorted { (TextFolding.fold($0.name), $0.id) < (TextFolding.fold($1.name), $1.id) }
        case .permitEnd: return rows.sorted { ($0.permitEnd ?? far, $0.id) < ($1.permitEnd ?? far, $1.id) }
        case .nextDeadline: return rows.sorted { ($0.nextDate ?? far, $0.id) < ($1.nextDate ?? far, $1.id) }
        }
    }
}
