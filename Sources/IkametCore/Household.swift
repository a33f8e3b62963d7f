/// What the rules need to know about a client's supporter (RULES.md §2: a family permit never
/// runs beyond the supporter's permit), resolved from the supporter's own file when the
/// supporter is a client of the office.
public struct SupporterFacts: Sendable, Hashable {
    /// The supporter's name (a client's name, or the name recorded on the link).
    public var name: String
    /// The supporter's file number, when the supporter is a client of the office.
    public var clientId: String?
    /// False when the linked client is not in the store.
    public var found: Bool
    /// A Turkish citizen: no permit, no end.
    public var citizen: Bool
    /// The supporter holds a long-term permit (no end).
    public var holdsLongTerm: Bool
    /// The end of the supporter's current permit (nil: a citizen, long-term, or not known).
    public var permitEnd: CivilDate?
    /// The supporter has a pending extension, or a pending move to another permit (known only for clients).
    public var extensionFiled: Bool
    /// Days on which these facts may change by themselves (an agenda snapshot using them ends the day before).
    public var changeDays: [CivilDate]

    public init(name: String, clientId: String? = nil, found: Bool = true, citizen: Bool = false, holdsLongTerm: Bool = false,
                permitEnd: CivilDate? = nil, extensionFiled: Bool = false, changeDays: [CivilDate] = []) {
        self.name = name; self.clientId = clientId; self.found = found; self.citizen = citizen; self.holdsLongTerm = holdsLongTerm
        self.permitEnd = permitEnd; self.extensionFiled = extensionFiled; self.changeDays = changeDays
    }

    /// The facts of `client`'s supporter, given the supporter's file when the link names a client
    /// (nil when the link names a client that is not in the store). Nil when there is no link.
    public static func of(_ client: Client, supporterFile: Client?, today: CivilDate, engine: DeadlineEngine) -> SupporterFacts? {
        switch client.supporter {
        case nil: return nil
        case let .person(name, end, citizen)?:
            return SupporterFacts(name: name, citizen: citizen, permitEnd: citizen ? nil : end)
        case .client(let id)?:
            guard let s = supporterFile, s.id == id else { return SupporterFacts(name: id, clientId: id, found: false) }
            // A renewal already on file (a later permit) carries the supporter past the current end.
            let current = DeadlineEngine.currentPermit(of: s, on: today).map { c in
                s.permits.filter { p in c.end.map { p.start > $0 } ?? false }.max { $0.start < $1.start } ?? c
            }
            let holdsLongTerm = current?.type == .longTerm
            let pending = s.applications.filter { engine.isPending($0, on: today) }
            let filed = pending.contains { $0.kind == .extension || $0.kind == .transfer || $0.kind == .longTerm }
            var days: [CivilDate] = s.permits.flatMap { p in [p.start] + (p.end.map { [$0.adding(days: 1)] } ?? []) }
            days += s.applications.compactMap { engine.lapseDate(of: $0) }
            return SupporterFacts(name: s.name, clientId: id, citizen: false, holdsLongTerm: holdsLongTerm,
                                  permitEnd: holdsLongTerm ? nil : current?.end, extensionFiled: filed, changeDays: days)
        }
    }

    /// The supporter in one line: who, and their permit's end (or citizen, long-term, not in the store).
    public var line: Message {
        if !found { return Message("household.line.not-found", ["client": .text(clientId ?? "")]) }
        if citizen { return Message("household.line.citizen", ["supporter": named]) }
        if holdsLongTerm { return Message("household.line.long-term", ["supporter": named]) }
        guard let end = permitEnd else { return Message("household.line.no-end", ["supporter": named]) }
        return Message(extensionFiled ? "household.line.filed" : "household.line.ends", ["supporter": named, "end": .date(end)])
    }

    /// The supporter named in a sentence: the name, with the file number for a client.
    public var named: MessageArg {
        .message(Message(clientId == nil ? "household.supporter.person" : "household.supporter.client",
                         ["name": .text(name), "client": .text(clientId ?? "")]))
    }
}

extension DeadlineEngine {
    /// The `supporter-extension-first` item (docs/rules.md §2): the dependent's family permit ends
    /// after the supporter's, and the supporter has filed no extension: the supporter's extension
    /// comes first, due by the supporter's permit end.
    func supporterItem(_ client: Client, today: CivilDate, supporter s: SupporterFacts?) -> DeadlineItem? {
        guard let s, s.found, !s.citizen, !s.holdsLongTerm, !s.extensionFiled, let supporterEnd = s.permitEnd,
              let permit = DeadlineEngine.currentPermit(of: client, on: today), permit.type == .family,
              let end = permit.end, supporterEnd < end else { return nil }
        let left = today.days(to: supporterEnd)
        return DeadlineItem(
            clientId: client.id, kind: .supporterExtensionFirst, date: supporterEnd, daysLeft: left, severity: severity(daysLeft: left),
            applicationId: nil,
            reason: Message("deadline.supporter-extension-first.reason", ["supporter": s.named, "end": .date(supporterEnd)]),
            explanation: Explanation(
                rule: "§2 supporter-extension-first",
                summary: Message("deadline.supporter-extension-first.summary", [
                    "supporter": s.named, "supporterEnd": .date(supporterEnd), "permit": .message(permitSpan(permit.type, permit.start, end)),
                    "end": .date(end),
                ]),
                source: Message("source.law-family-supporter")))
    }
}

/// The validation of a dependent against the supporter (docs/rules.md §2).
extension Validator {
    func supporterIssues(_ c: Client, today: CivilDate, supporter: SupporterFacts?) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        if case .client(let id)? = c.supporter, id == c.id {
            return [ValidationIssue(.error, "supporter.client", Message("validation.supporter.self"))]
        }
        if case let .person(name, end, citizen)? = c.supporter {
            if name.trimmingWhitespace().isEmpty { out.append(ValidationIssue(.error, "supporter.name", Message("validation.supporter.no-name"))) }
            if citizen, let end {
                out.append(ValidationIssue(.error, "supporter.permitEnd", Message("validation.supporter.citizen-end", ["end": .date(end)])))
            }
            if !citizen, end == nil { out.append(ValidationIssue(.warning, "supporter.permitEnd", Message("validation.supporter.no-end"))) }
        }
        guard let s = supporter else { return out }
        if !s.found {
            out.append(ValidationIssue(.warning, "supporter.client", Message("validation.supporter.not-found", ["client": .text(s.clientId ?? "")])))
            return out
        }
        guard let supporterEnd = s.permitEnd, !s.citizen, !s.holdsLongTerm else { return out }
        for (i, p) in c.permits.enumerated() where p.type == .family {
            guard let end = p.end, end >= today, end > supporterEnd else { continue }
            out.append(ValidationIssue(.warning, "permits[\(i)].end", Message("validation.supporter.permit-beyond", [
                "end": .date(end), "supporter": s.named, "supporterEnd": .date(supporterEnd)])))
        }
        for (i, app) in c.applications.enumerated() where app.permitType == .family && (app.status == .draft || app.status.isPending) {
            guard let end = app.requestedEnd, end > supporterEnd else { continue }
            out.append(ValidationIssue(.warning, "applications[\(i)].requestedEnd", Message("validation.supporter.requested-beyond", [
                "application": .text(app.id), "end": .date(end), "supporter": s.named, "supporterEnd": .date(supporterEnd)])))
        }
        return out
    }
}
