/// Where a client stands on a day: the one definition of a permit's status
/// (RULES.md §3), which the screens and reports only format. It follows the
/// deadline engine's rules, parameters included (the late-filing days, the
/// leave period after a rejection, a lapsed extension not counting as pending).
public enum PermitStatus: Sendable, Equatable {
    /// No permit recorded.
    case noPermit
    /// A permit without an end (long-term).
    case openEnded(PermitType, since: CivilDate)
    /// The permit starts later.
    case notYetStarted(PermitType, from: CivilDate)
    /// Valid today.
    case valid(PermitType, until: CivilDate, extensionPending: Bool)
    /// Ended, but an application counts as pending: the client may stay.
    case endedApplicationPending(PermitType, ended: CivilDate)
    /// Ended with nothing pending, within the late-filing days.
    case lateFilingPossible(ended: CivilDate, until: CivilDate)
    /// A timely extension was rejected after the end: leave (or file anew) by this day.
    case leaveAfterRejection(decided: CivilDate, by: CivilDate)
    /// Out of status from this day.
    case outOfStatus(since: CivilDate)

    /// The status of `client` on `today` under `engine`'s rules.
    public static func of(_ client: Client, today: CivilDate, engine: DeadlineEngine) -> PermitStatus {
        guard let p = DeadlineEngine.currentPermit(of: client, on: today) else { return .noPermit }
        guard let end = p.end else { return .openEnded(p.type, since: p.start) }
        let pending = client.applications.filter { engine.isPending($0, on: today) }
        if p.contains(today) { return .valid(p.type, until: end, extensionPending: pending.contains { $0.kind == .extension }) }
        if today < p.start { return .notYetStarted(p.type, from: p.start) }
        if !pending.isEmpty { return .endedApplicationPending(p.type, ended: end) }
        let d = engine.parameters.deadlines
        if let rejection = engine.latestRejectedTimelyExtension(of: client, permit: p), let decided = rejection.decided {
            let leaveBy = decided.adding(days: d.rejectionLeaveDays)
            return today <= leaveBy ? .leaveAfterRejection(decided: decided, by: leaveBy) : .outOfStatus(since: leaveBy.adding(days: 1))
        }
        let lateEnd = end.adding(days: d.lateApplicationDays)
        return today <= lateEnd ? .lateFilingPossible(ended: end, until: lateEnd) : .outOfStatus(since: lateEnd.adding(days: 1))
    }

    /// The status as a message (catalog keys `status.*`).
    public var message: Message {
        switch self {
        case .noPermit: Message("status.no-permit")
        case .openEnded(let t, let since): Message("status.open-ended", ["permit": t.titleTerm, "start": .date(since)])
        case .notYetStarted(let t, let from): Message("status.not-started", ["permit": t.titleTerm, "start": .date(from)])
        case .valid(let t, let until, let pending):
            Message(pending ? "status.valid-extension-pending" : "status.valid", ["permit": t.titleTerm, "end": .date(until)])
        case .endedApplicationPending(let t, let ended): Message("status.ended-pending", ["permit": t.titleTerm, "end": .date(ended)])
        case .lateFilingPossible(let ended, let until): Message("status.late-filing", ["end": .date(ended), "until": .date(until)])
        case .leaveAfterRejection(let decided, let by): Message("status.leave-after-rejection", ["decided": .date(decided), "by": .date(by)])
        case .outOfStatus(let since): Message("status.out-of-status", ["since": .date(since)])
        }
    }
}
