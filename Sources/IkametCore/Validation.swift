/// A problem found in a client record.
public struct ValidationIssue: Sendable, Equatable, Hashable {
    public enum Level: String, Codable, Sendable {
        case error, warning
        /// The level's name (`validation.level.<id>`; English "error", "warning").
        public var term: MessageArg { .term("validation.level." + rawValue) }
    }
    public var level: Level
    /// Where: `client 2026-0042 permits[1].end` (a field path, never translated).
    public var field: String
    /// What is wrong (`validation.…`).
    public var message: Message

    public init(_ level: Level, _ field: String, _ message: Message) {
        self.level = level; self.field = field; self.message = message
    }
    /// The whole issue, "error: <field>: <message>" (`validation.issue`).
    public var full: Message {
        Message("validation.issue", ["level": level.term, "field": .text(field), "message": .message(message)])
    }
}

/// Checks a client record against the rules (RULES.md §2, §6, §7, §8, §10).
/// Errors must be fixed before saving; warnings are shown.
public struct Validator: Sendable {
    public let parameters: RuleParameters

    public init(parameters: RuleParameters = .standard) { self.parameters = parameters }

    /// How far after today a trip's date may lie (a sanity limit on typing, not a rule of law).
    public static let tripYearsAhead = 10

    /// Every issue in the record, errors first in field order. `supporter`: the facts of the client's
    /// supporter (`SupporterFacts.of`), for the checks against the supporter's permit.
    public func validate(_ c: Client, today: CivilDate, supporter: SupporterFacts? = nil) -> [ValidationIssue] {
        var out: [ValidationIssue] = []
        func error(_ f: String, _ key: String, _ args: [String: MessageArg] = [:]) { out.append(ValidationIssue(.error, f, Message(key, args))) }
        func warn(_ f: String, _ key: String, _ args: [String: MessageArg] = [:]) { out.append(ValidationIssue(.warning, f, Message(key, args))) }

        if c.id.trimmingWhitespace().isEmpty { error("id", "validation.id-empty") }
        if c.name.trimmingWhitespace().isEmpty { error("name", "validation.name-empty") }
        if let n = c.nationality, !Validator.isCountryCode(n) {
            error("nationality", "validation.nationality-code", ["value": .text(n)])
        }
        if let b = c.birthDate, b > today { error("birthDate", "validation.birth-date-future", ["date": .date(b)]) }
        if let y = c.foreignerId, !y.isEmpty {
            switch ForeignerId.check(y) {
            case .valid: break
            case .invalid(let m): out.append(ValidationIssue(.error, "foreignerId", m))
            case .checksumMismatch(let m): out.append(ValidationIssue(.warning, "foreignerId", m))
            }
        }

        // Permits.
        let margin = parameters.deadlines.passportMarginDays
        for (i, p) in c.permits.enumerated() {
            let f = "permits[\(i)]"
            if let end = p.end {
                if end < p.start { error("\(f).end", "validation.permit.end-before-start", ["end": .date(end), "start": .date(p.start)]) }
                if p.type == .longTerm { warn("\(f).end", "validation.permit.long-term-end", ["end": .date(end)]) }
                if let months = p.type.longestIssueMonths, end >= p.start.adding(months: months) {
                    warn("\(f).end", "validation.permit.too-long", ["permit": p.type.term, "duration": .message(Validator.duration(months)),
                                                                    "start": .date(p.start), "end": .date(end)])
                }
                if let expiry = c.passport.expires, end >= today, expiry < end.adding(days: margin) {
                    warn("\(f).end", "validation.permit.passport-margin", ["expiry": .date(expiry), "margin": .int(margin), "end": .date(end)])
                }
            } else if p.type != .longTerm {
                error("\(f).end", "validation.permit.no-end")
            }
        }

        // Trips.
        let latestTripDate = today.adding(months: 12 * Validator.tripYearsAhead)
        for (i, t) in c.trips.enumerated() {
            if let entry = t.entry, entry < t.exit {
                error("trips[\(i)].entry", "validation.trip.entry-before-exit", ["entry": .date(entry), "exit": .date(t.exit)])
            }
            // A date no trip can have: a typing mistake (1800, 9999) that would turn into millions of days abroad.
            let dates: [(field: String, date: CivilDate?, beforeBirth: String, farFuture: String)] = [
                ("exit", t.exit, "validation.trip.exit-before-birth", "validation.trip.exit-far-future"),
                ("entry", t.entry, "validation.trip.entry-before-birth", "validation.trip.entry-far-future"),
            ]
            for d in dates {
                guard let date = d.date else { continue }
                if let birth = c.birthDate, date < birth {
                    error("trips[\(i)].\(d.field)", d.beforeBirth, ["date": .date(date), "birth": .date(birth)])
                } else if date > latestTripDate {
                    error("trips[\(i)].\(d.field)", d.farFuture, ["date": .date(date), "years": .int(Validator.tripYearsAhead), "latest": .date(latestTripDate)])
                }
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
                        error("trips[\(i)].exit", "validation.trip.overlap", ["exit": .date(cur.exit), "otherExit": .date(prev.exit),
                                                                              "otherEntry": .date(entry)])
                    }
                } else {
                    error("trips[\(i)].exit", "validation.trip.open-overlap", ["exit": .date(cur.exit), "otherExit": .date(prev.exit)])
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
            if a.id.isEmpty { error("\(f).id", "validation.application.id-empty") }
            if !ids.insert(a.id).inserted { error("\(f).id", "validation.application.id-duplicate", ["id": .text(a.id)]) }
            if let s = a.submitted {
                if let m = a.mailed, m < s {
                    error("\(f).mailed", "validation.application.mailed-before-submission", ["mailed": .date(m), "submitted": .date(s)])
                }
                if let d = a.decided, d < s {
                    error("\(f).decided", "validation.application.decided-before-submission", ["decided": .date(d), "submitted": .date(s)])
                }
                if s > today { warn("\(f).submitted", "validation.application.submitted-future", ["date": .date(s)]) }
            } else if a.status != .draft && a.status != .withdrawn {
                warn("\(f).submitted", "validation.application.no-submission-date", ["status": a.status.term])
            }
            if (a.status == .approved || a.status == .rejected) && a.decided == nil {
                warn("\(f).decided", "validation.application.no-decision-date", ["status": a.status.term])
            }
            if let card = a.cardReceived, let d = a.decided, card < d {
                error("\(f).cardReceived", "validation.application.card-before-decision", ["card": .date(card), "decided": .date(d)])
            }
            if a.kind == .longTerm, a.permitType != .longTerm {
                error("\(f).permitType", "validation.application.long-term-permit-type", ["permitType": a.permitType.listTerm])
            }
            if let asked = a.documentsRequested {
                if let sub = a.submitted, asked < sub {
                    error("\(f).documentsRequested", "validation.application.documents-requested-before-submission",
                          ["requested": .date(asked), "submitted": .date(sub)])
                }
                if let done = a.documentsCompleted, done < asked {
                    error("\(f).documentsCompleted", "validation.application.documents-completed-before-request",
                          ["completed": .date(done), "requested": .date(asked)])
                }
            } else if a.documentsCompleted != nil {
                error("\(f).documentsCompleted", "validation.application.completed-without-request")
            }
            if let wanted = a.requestedEnd, let expiry = c.passport.expires, let latest = PassportRule.latestEnd(c, parameters: parameters),
               wanted > latest {
                warn("\(f).requestedEnd", "validation.application.requested-end-passport",
                     ["wanted": .date(wanted), "expiry": .date(expiry), "margin": .int(margin), "latest": .date(latest)])
            }
            for (j, e) in a.checklist.enumerated() where e.state == .waived && (e.note ?? "").trimmingWhitespace().isEmpty {
                error("\(f).checklist[\(j)]", "validation.application.waived-without-reason", ["item": .text(e.item)])
            }
        }

        // Entry-Exit Record: only valid once the online long-term application exists.
        let record = c.longTerm.entryExitRecord
        if let requested = record.requested {
            let online = c.applications.filter { $0.kind == .longTerm }
                .compactMap { $0.steps?.online ?? $0.submitted }.min()
            if let online {
                if requested < online {
                    error("longTerm.entryExitRecord.requested", "validation.record.requested-before-application",
                          ["requested": .date(requested), "online": .date(online)])
                }
            } else {
                error("longTerm.entryExitRecord.requested", "validation.record.no-application")
            }
            if let received = record.received, received < requested {
                error("longTerm.entryExitRecord.received", "validation.record.received-before-request",
                      ["received": .date(received), "requested": .date(requested)])
            }
        } else if record.received != nil {
            error("longTerm.entryExitRecord.received", "validation.record.received-without-request")
        }
        if record.result != nil, record.received == nil {
            warn("longTerm.entryExitRecord.result", "validation.record.result-without-date")
        }
        if let closed = c.closed {
            if closed.reason == .other, (closed.note ?? "").trimmingWhitespace().isEmpty {
                error("closed.note", "validation.closed.note-required")
            }
            if let b = c.birthDate, closed.date < b {
                error("closed.date", "validation.closed.before-birth", ["closed": .date(closed.date), "birth": .date(b)])
            }
        }
        // An application filed by the attorney needs the power of attorney on record (the directorate asks for it).
        let hasPowerOfAttorney = c.powerOfAttorney.map { $0.date != nil || $0.notary != nil } ?? false
        for (i, a) in c.applications.enumerated() where a.filedBy == .attorney && !hasPowerOfAttorney && (a.status == .draft || a.status.isPending) {
            warn("applications[\(i)].filedBy", "validation.application.no-power-of-attorney", ["application": .text(a.id)])
        }
        if let poa = c.powerOfAttorney, let d = poa.date, let e = poa.expires, e < d {
            error("powerOfAttorney.expires", "validation.power-of-attorney.expires-before-date", ["expires": .date(e), "date": .date(d)])
        }
        out += supporterIssues(c, today: today, supporter: supporter)
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

    /// "2 years", "1 year", "18 months" (`common.years`, `common.year`, `common.months`).
    static func duration(_ months: Int) -> Message {
        months % 12 == 0 ? Message(months == 12 ? "common.year" : "common.years", ["n": .int(months / 12)])
            : Message("common.months", ["n": .int(months)])
    }
}
