/// A problem found in a client record.
public struct ValidationIssue: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum Level: String, Codable, Sendable { case error, warning }
    public var level: Level
    /// Where: `client 2026-0042 permits[1].end`.
    public var field: String
    public var message: String

    public init(_ level: Level, _ field: String, _ message: String) {
        self.level = level; self.field = field; self.message = message
    }
    public var description: String { "\(level.rawValue): \(field): \(message)" }
}

/// Checks a client record against the rules (RULES.md §2, §6, §7, §8, §10).
/// Errors must be fixed before saving; warnings are shown.
public struct Validator: Sendable {
    public let parameters: RuleParameters

    public init(parameters: RuleParameters = .standard) { self.parameters = parameters }

    /// Every issue in the record, errors first in field order.
    public func validate(_ c: Client, today: CivilDate) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        func error(_ f: String, _ m: String) { out.append(ValidationIssue(.error, f, m)) }
        func warn(_ f: String, _ m: String) { out.append(ValidationIssue(.warning, f, m)) }

        if c.id.trimmingWhitespace().isEmpty { error("id", "the file number must not be empty") }
        if c.name.trimmingWhitespace().isEmpty { error("name", "the name must not be empty") }
        if let n = c.nationality, !Validator.isCountryCode(n) {
            error("nationality", "'\(n)' is not an ISO 3166 alpha-2 code (two capital letters, e.g. DE)")
        }
        if let b = c.birthDate, b > today { error("birthDate", "the birth date \(b.iso) is in the future") }
        if let y = c.foreignerId, !y.isEmpty {
            switch ForeignerId.check(y) {
            case .valid: break
            case .invalid(let m): error("foreignerId", m)
            case .checksumMismatch(let m): warn("foreignerId", m)
            }
        }

        // Permits.
        let margin = parameters.deadlines.passportMarginDays
        for (i, p) in c.permits.enumerated() {
            let f = "permits[\(i)]"
            if let end = p.end {
                if end < p.start { error("\(f).end", "the end \(end.iso) is before the start \(p.start.iso)") }
                if p.type == .longTerm { warn("\(f).end", "a long-term permit has no end; remove the end date \(end.iso)") }
                if let months = p.type.longestIssueMonths, end >= p.start.adding(months: months) {
                    warn("\(f).end", "\(p.type.displayName) permits are issued for at most \(Validator.duration(months)); \(p.start.iso) – \(end.iso) is longer")
                }
                if let expiry = c.passport.expires, end >= today, expiry < end.adding(days: margin) {
                    warn("\(f).end", "the passport expires \(expiry.iso), less than \(margin) days after the permit's end \(end.iso) (Law 6458 Art. 21(2))")
                }
            } else if p.type != .longTerm {
                error("\(f).end", "only a long-term permit has no end")
            }
        }

        // Trips.
        for (i, t) in c.trips.enumerated() {
            if let entry = t.entry, entry < t.exit {
                error("trips[\(i)].entry", "re-entry \(entry.iso) is before exit \(t.exit.iso)")
            }
        }
        // Overlaps: each trip against every earlier-starting trip, through the latest re-entry so far.
        let order = c.trips.indices.sorted { c.trips[$0].exit < c.trips[$1].exit }
        var latest: (index: Int, entry: CivilDate?)?
        for i in order {
            let cur = c.trips[i]
            if let (j, entry) = latest {
                let prev = c.trips[j]
                if let entry {
                    if cur.exit < entry {
                        error("trips[\(i)].exit", "this trip (exit \(cur.exit.iso)) overlaps the trip \(prev.exit.iso) – \(entry.iso)")
                    }
                } else {
                    error("trips[\(i)].exit", "this trip (exit \(cur.exit.iso)) starts while the trip from \(prev.exit.iso) has no re-entry")
                }
            }
            // Keep the trip that reaches furthest (an open trip reaches forever).
            if let kept = latest {
                if Validator.reachesFurther(cur.entry, than: kept.entry) { latest = (i, cur.entry) }
            } else {
                latest = (i, cur.entry)
            }
        }

        // Applications.
        var ids = Set<String>()
        for (i, a) in c.applications.enumerated() {
            let f = "applications[\(i)]"
            if a.id.isEmpty { error("\(f).id", "the application id must not be empty") }
            if !ids.insert(a.id).inserted { error("\(f).id", "application id '\(a.id)' appears twice") }
            if let s = a.submitted {
                if let m = a.mailed, m < s { error("\(f).mailed", "documents mailed \(m.iso) before the online submission \(s.iso)") }
                if let d = a.decided, d < s { error("\(f).decided", "decision \(d.iso) before the online submission \(s.iso)") }
                if s > today { warn("\(f).submitted", "the submission date \(s.iso) is in the future") }
            } else if a.status != .draft && a.status != .withdrawn {
                warn("\(f).submitted", "status \(a.status.rawValue) but no online submission date")
            }
            if (a.status == .approved || a.status == .rejected) && a.decided == nil {
                warn("\(f).decided", "status \(a.status.rawValue) but no decision date")
            }
            if let card = a.cardReceived, let d = a.decided, card < d {
                error("\(f).cardReceived", "card received \(card.iso) before the decision \(d.iso)")
            }
            if a.kind == .longTerm, a.permitType != .longTerm {
                error("\(f).permitType", "a long-term application seeks a long-term permit, not \(a.permitType.rawValue)")
            }
            if let asked = a.documentsRequested {
                if let sub = a.submitted, asked < sub {
                    error("\(f).documentsRequested", "documents requested \(asked.iso) before the online submission \(sub.iso)")
                }
                if let done = a.documentsCompleted, done < asked {
                    error("\(f).documentsCompleted", "documents completed \(done.iso) before they were requested \(asked.iso)")
                }
            } else if a.documentsCompleted != nil {
                error("\(f).documentsCompleted", "a completion date without a request date")
            }
            if let wanted = a.requestedEnd, let expiry = c.passport.expires, let latest = PassportRule.latestEnd(c, parameters: parameters),
               wanted > latest {
                warn("\(f).requestedEnd", "the requested end \(wanted.iso) is later than the passport allows: a permit runs at most until \(expiry.iso) − \(margin) days = \(latest.iso) (Law 6458 Art. 21(2)); ask for an end on or before \(latest.iso), or renew the passport first")
            }
            for (j, e) in a.checklist.enumerated() where e.state == .waived && (e.note ?? "").trimmingWhitespace().isEmpty {
                error("\(f).checklist[\(j)]", "'\(e.item)' is waived without a reason")
            }
        }

        // Entry-Exit Record: only valid once the online long-term application exists.
        let record = c.longTerm.entryExitRecord
        if let requested = record.requested {
            let online = c.applications.filter { $0.kind == .longTerm }
                .compactMap { $0.steps?.online ?? $0.submitted }.min()
            if let online {
                if requested < online {
                    error("longTerm.entryExitRecord.requested", "requested \(requested.iso), before the online long-term application \(online.iso); the directorate accepts a request only once the application exists")
                }
            } else {
                error("longTerm.entryExitRecord.requested", "an Entry-Exit Record is requested only after an online long-term application, and none is recorded")
            }
            if let received = record.received, received < requested {
                error("longTerm.entryExitRecord.received", "received \(received.iso) before it was requested \(requested.iso)")
            }
        } else if record.received != nil {
            error("longTerm.entryExitRecord.received", "a received date without a request date")
        }
        if record.result != nil, record.received == nil {
            warn("longTerm.entryExitRecord.result", "a result without the date the record was received")
        }
        if let closed = c.closed {
            if closed.reason == .other, (closed.note ?? "").trimmingWhitespace().isEmpty {
                error("closed.note", "a file closed for another reason needs a note saying what happened")
            }
            if let b = c.birthDate, closed.date < b { error("closed.date", "closed \(closed.date.iso) before the birth date \(b.iso)") }
        }
        if let poa = c.powerOfAttorney, let d = poa.date, let e = poa.expires, e < d {
            error("powerOfAttorney.expires", "expires \(e.iso) before it was given \(d.iso)")
        }
        return out.filter { $0.level == .error } + out.filter { $0.level == .warning }
    }

    /// Whether a re-entry date reaches further than another (nil: still abroad, forever).
    static func reachesFurther(_ a: CivilDate?, than b: CivilDate?) -> Bool {
        switch (a, b) {
        case (nil, nil), (_?, nil): false
        case (nil, _?): true
        case let (x?, y?): x > y
        }
    }

    /// Whether the text is two capital ASCII letters.
    public static func isCountryCode(_ s: String) -> Bool {
        s.utf8.count == 2 && s.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    static func duration(_ months: Int) -> String {
        months % 12 == 0 ? "\(months / 12) year\(months == 12 ? "" : "s")" : "\(months) months"
    }
}
