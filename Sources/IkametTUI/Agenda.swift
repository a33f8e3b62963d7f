import IkametCore
import IkametStore

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

/// Builds agenda and client-list rows from what the store returns (pure).
public enum RowBuilder {
    /// The query behind the agenda for a horizon and attorney filter.
    public static func agendaQuery(today: CivilDate, horizon: Int, attorney: String?, env: AppEnvironment) -> AgendaQuery {
        let d = env.deadlines.parameters.deadlines
        return AgendaQuery(today: today, horizon: horizon, criticalDays: d.criticalDays,
                           windowDays: max(d.extensionWindowDays, d.workPermitWindowDays), attorney: attorney)
    }

    /// An agenda row from a stored entry of group `group`.
    public static func agendaRow(_ stored: StoredAgendaEntry, group: AgendaGroup, today: CivilDate, env: AppEnvironment) -> AgendaRow {
        let left = today.days(to: stored.date)
        let action: AgendaAction, severity: Severity
        switch stored.kind {
        case AgendaSnapshot.awaitingKind:
            action = .awaiting
            severity = .upcoming
        case AgendaSnapshot.longTermKind:
            action = stored.date <= today ? .longTermNow : .longTermSoon
            severity = .upcoming
        default:
            action = DeadlineKind(rawValue: stored.kind).map(AgendaAction.deadline) ?? .other(stored.kind)
            severity = stored.alwaysOverdue ? .overdue : env.deadlines.severity(daysLeft: left)
        }
        return AgendaRow(group: group, date: stored.date, daysLeft: left, severity: severity, clientId: stored.clientId, name: stored.name,
                         attorney: stored.attorney, actionKind: action, reasonFacts: stored.reasonFacts,
                         explanationFacts: stored.explanationFacts, applicationId: stored.applicationId, key: stored.key)
    }

    /// The group an entry belongs to on `today`, or nil when it is not shown: the
    /// store's one definition of the groups (`AgendaQuery.condition`), evaluated in memory.
    public static func group(of e: AgendaSnapshot.Entry, today: CivilDate, horizon: Int, env: AppEnvironment) -> AgendaGroup? {
        agendaQuery(today: today, horizon: horizon, attorney: nil, env: env).group(of: e)
    }

    /// A client-list row from the list columns.
    public static func clientRow(_ r: ClientListRow, today: CivilDate, env: AppEnvironment) -> ClientRow {
        ClientRow(id: r.id, name: r.name, nationality: r.nationality ?? "", permitType: r.permitType,
                  permitEnd: r.permitEnd, nextKind: r.nextKind, nextDate: r.nextDate,
                  nextSeverity: r.nextDate.map { env.deadlines.severity(daysLeft: today.days(to: $0)) })
    }
}
