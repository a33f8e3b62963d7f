import Foundation
import IkametCore

/// The agenda's groups, most urgent first. Each group is defined once, by
/// `AgendaQuery.condition(_:)`, which the store runs as SQL and the TUI and the
/// tests evaluate in memory (`AgendaQuery.group(of:)`); the titles are the
/// catalog entries `agenda.group.<id>`.
public enum AgendaGroup: Int, Sendable, Equatable, CaseIterable, Comparable {
    /// Overdue: out of status, missed deadlines.
    case urgent
    /// Due within `criticalDays`.
    case thisWeek
    /// Later in the horizon.
    case next30
    /// The extension window is open and nothing is filed.
    case windowOpen
    /// Applications awaiting a decision, Entry-Exit Record and card follow-ups.
    case awaiting
    /// Long-term candidates (eligible now or within 90 days).
    case longTerm

    public static func < (a: AgendaGroup, b: AgendaGroup) -> Bool { a.rawValue < b.rawValue }

    /// The group's stable id (catalog keys `agenda.group.<id>`).
    public var id: String {
        switch self {
        case .urgent: "urgent"
        case .thisWeek: "this-week"
        case .next30: "later"
        case .windowOpen: "window-open"
        case .awaiting: "awaiting"
        case .longTerm: "long-term"
        }
    }
}

/// A condition on an agenda row, written once and read two ways: as SQL over
/// `agenda a` (joined with `client c`) and as a test of an entry in memory.
public indirect enum AgendaCondition: Sendable {
    /// A deadline item (not an application awaiting a decision, not a long-term candidacy),
    /// written literally in SQL so that the partial index `agenda_deadline_date` applies.
    case deadlineRows
    case kind(in: [String])
    case kindNot(in: [String])
    case dateBefore(CivilDate), dateOnOrBefore(CivilDate), dateAfter(CivilDate), dateOnOrAfter(CivilDate)
    case alwaysOverdue(Bool)
    case all([AgendaCondition])
    case any([AgendaCondition])
    case not(AgendaCondition)

    /// Whether an entry meets the condition.
    public func matches(_ e: AgendaSnapshot.Entry) -> Bool {
        switch self {
        case .deadlineRows: return e.kind != AgendaSnapshot.awaitingKind && e.kind != AgendaSnapshot.longTermKind
        case .kind(let kinds): return kinds.contains(e.kind)
        case .kindNot(let kinds): return !kinds.contains(e.kind)
        case .dateBefore(let d): return e.date < d
        case .dateOnOrBefore(let d): return e.date <= d
        case .dateAfter(let d): return e.date > d
        case .dateOnOrAfter(let d): return e.date >= d
        case .alwaysOverdue(let flag): return e.alwaysOverdue == flag
        case .all(let parts): return parts.allSatisfy { $0.matches(e) }
        case .any(let parts): return parts.contains { $0.matches(e) }
        case .not(let c): return !c.matches(e)
        }
    }

    /// The SQL condition and its arguments.
    var sql: (String, SQLArguments) {
        func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ", ") }
        switch self {
        case .deadlineRows: return (OfficeStore.deadlineRowsCondition, [])
        case .kind(let kinds):
            let args = kinds.map { $0 as any SQLBindable }
            return kinds.count == 1 ? ("a.kind = ?", args) : ("a.kind IN (\(placeholders(kinds.count)))", args)
        case .kindNot(let kinds): return ("a.kind NOT IN (\(placeholders(kinds.count)))", kinds.map { $0 as any SQLBindable })
        case .dateBefore(let d): return ("a.date < ?", [d.iso])
        case .dateOnOrBefore(let d): return ("a.date <= ?", [d.iso])
        case .dateAfter(let d): return ("a.date > ?", [d.iso])
        case .dateOnOrAfter(let d): return ("a.date >= ?", [d.iso])
        case .alwaysOverdue(let flag): return ("a.alwaysOverdue = \(flag ? 1 : 0)", [])
        case .all(let parts), .any(let parts):
            let joiner: String
            if case .all = self { joiner = " AND " } else { joiner = " OR " }
            let rendered = parts.map(\.sql)
            return ("(" + rendered.map(\.0).joined(separator: joiner) + ")", rendered.flatMap(\.1))
        case .not(let c):
            let (sql, args) = c.sql
            return ("NOT " + sql, args)
        }
    }

    /// The disjoint parts a count can use one index range each for (a top-level `any`), else itself.
    var countParts: [AgendaCondition] {
        if case .any(let parts) = self { return parts }
        return [self]
    }
}

/// The agenda as the terminal UI shows it: six groups in order of urgency,
/// each read page by page from the agenda snapshots (an indexed range per group).
public struct AgendaQuery: Sendable, Equatable {
    public static let groupCount = AgendaGroup.allCases.count

    public var today: CivilDate
    public var horizon: Int
    public var criticalDays: Int
    /// The extension window (the larger of the residence and work permit windows).
    public var windowDays: Int
    public var attorney: String?

    public init(today: CivilDate, horizon: Int, criticalDays: Int, windowDays: Int, attorney: String?) {
        self.today = today; self.horizon = horizon; self.criticalDays = criticalDays; self.windowDays = windowDays; self.attorney = attorney
    }

    static let awaiting = AgendaSnapshot.awaitingKind, longTerm = AgendaSnapshot.longTermKind
    static let followUps = [DeadlineKind.entryExitRecordFollowUp.rawValue, DeadlineKind.cardFollowUp.rawValue]
    static let extensionDeadline = DeadlineKind.extensionDeadline.rawValue

    /// The definition of group `g`: the one place the groups are defined. The groups are disjoint.
    public func condition(_ g: AgendaGroup) -> AgendaCondition {
        let t = today, tc = today.adding(days: criticalDays), th = today.adding(days: horizon), tw = today.adding(days: windowDays)
        switch g {
        // Out of status is dated on or before today, so every overdue row is in the range date ≤ today.
        case .urgent:
            return .all([.deadlineRows, .dateOnOrBefore(t), .any([.dateBefore(t), .alwaysOverdue(true)])])
        case .thisWeek:
            return .all([.deadlineRows, .dateOnOrAfter(t), .dateOnOrBefore(tc), .alwaysOverdue(false), .kindNot(in: Self.followUps)])
        case .next30:
            return .all([.deadlineRows, .dateAfter(tc), .dateOnOrBefore(th), .kindNot(in: Self.followUps),
                         .not(.all([.kind(in: [Self.extensionDeadline]), .dateOnOrBefore(tw)]))])
        case .windowOpen:
            return .all([.kind(in: [Self.extensionDeadline]), .dateAfter(tc), .dateOnOrBefore(tw)])
        case .awaiting:
            return .any([.kind(in: [Self.awaiting]), .all([.kind(in: Self.followUps), .dateOnOrAfter(t)])])
        case .longTerm:
            return .kind(in: [Self.longTerm])
        }
    }

    /// The group an entry belongs to, or nil when it is not shown (the attorney filter is not applied here).
    public func group(of e: AgendaSnapshot.Entry) -> AgendaGroup? {
        AgendaGroup.allCases.first { condition($0).matches(e) }
    }

    /// The SQL of `condition`, with the attorney filter.
    func sql(_ c: AgendaCondition, _ db: any SQLSession) throws -> (String, SQLArguments) {
        var (sql, args) = c.sql
        if let attorney {
            let (condition, spellings) = try OfficeStore.attorneyCondition(db, column: "c.attorney", attorney)
            sql += " AND " + condition
            args += spellings
        }
        return (sql, args)
    }
}

/// Orders of the client list.
public enum ClientOrder: String, Sendable, Equatable, CaseIterable {
    case name, permitEnd, nextDeadline
}

/// One row of the client list, from the client row's list columns.
public struct ClientListRow: Sendable, Equatable {
    public var id: String
    public var name: String
    public var nationality: String?
    public var permitType: PermitType?
    public var permitEnd: CivilDate?
    public var nextKind: DeadlineKind?
    public var nextDate: CivilDate?
    /// The file's closing date, if closed (RULES.md §11).
    public var closedOn: CivilDate?

    /// Whether the file is closed on `date`.
    public func isClosed(on date: CivilDate) -> Bool { closedOn.map { date >= $0 } ?? false }
}

extension OfficeStore {
    /// Agenda rows that are deadline items, written literally so that the partial index applies
    /// (the kinds are the constants `AgendaSnapshot.awaitingKind` and `.longTermKind`).
    static let deadlineRowsCondition = "a.kind NOT IN ('\(AgendaSnapshot.awaitingKind)', '\(AgendaSnapshot.longTermKind)')"

    /// How many rows each agenda group has: one indexed count per group (a group
    /// defined as a disjunction, like the awaiting group, in one count per part).
    public func agendaGroupCounts(_ q: AgendaQuery) throws -> [Int] {
        let join = q.attorney == nil ? "" : "JOIN client c ON c.id = a.clientId"
        return try read { db in
            try AgendaGroup.allCases.map { group in
                try q.condition(group).countParts.reduce(0) { sum, part in
                    let (sql, args) = try q.sql(part, db)
                    return sum + (try db.int("SELECT COUNT(*) FROM agenda a \(join) WHERE \(sql)", args) ?? 0)
                }
            }
        }
    }

    /// Rows `offset ..< offset + limit` of agenda group `group`, by date, client, kind.
    /// Without an attorney filter the page's rows are found in the agenda alone (its index serves the order and
    /// the offset), and only they are joined with their clients: deep in a long group, the rows skipped over cost
    /// no client lookup (on the server 17–27 ms a page at offset 2,000 before, decision 0035).
    public func agendaPage(_ q: AgendaQuery, group: AgendaGroup, offset: Int, limit: Int) throws -> [StoredAgendaEntry] {
        try agendaPage(q, group: group, seek: nil, limit: limit, offset: offset)
    }

    /// At most `limit` rows of agenda group `group` right after the row `key` (`before`: right before it), in the
    /// agenda's order. A page next to one already shown starts from its neighbour's key instead of counting rows
    /// from the start of the group, so a page deep in a long group costs what the first one does.
    public func agendaPage(_ q: AgendaQuery, group: AgendaGroup, next key: AgendaRowKey, before: Bool = false,
                           limit: Int) throws -> [StoredAgendaEntry] {
        try agendaPage(q, group: group, seek: (key, before), limit: limit, offset: 0)
    }

    private func agendaPage(_ q: AgendaQuery, group: AgendaGroup, seek: (key: AgendaRowKey, before: Bool)?, limit: Int,
                            offset: Int) throws -> [StoredAgendaEntry] {
        try read { db in
            let (cond, args) = try q.sql(q.condition(group), db)
            // With an attorney filter the page's rows are found with their clients; without, the agenda alone.
            let joinsInside = q.attorney != nil
            let columns = "a.clientId, a.kind, a.date, a.application, a.reasonFacts, a.explanationFacts, a.alwaysOverdue"
                + (joinsInside ? ", c.name, c.attorney" : "")
            let from = joinsInside ? "agenda a JOIN client c ON c.id = a.clientId" : "agenda a"
            let ascending = "date, clientId, kind, application NULLS FIRST"
            let pageRows: String, pageArgs: SQLArguments
            if let (key, before) = seek {
                // Two parts, each served in order by the agenda's index: the rows of the key's own date, client and
                // kind on the far side of its application (the application breaks ties, none first; a few rows at
                // most), and the rows beyond that triple, bounded by a row comparison. (One condition joining the
                // two with OR made the server gather every row before the key and sort them: 12–16 ms a page.)
                let descending = "date DESC, clientId DESC, kind DESC, application DESC NULLS LAST"
                let (order, agendaOrder) = before ? (descending, OfficeStore.agendaOrder(descending)) : (ascending, OfficeStore.agendaOrder(ascending))
                let triple: SQLArguments = [key.date.iso, key.clientId, key.kind]
                let tie: String
                var tieArgs: SQLArguments = []
                if let application = key.application {
                    tie = before ? "(a.application IS NULL OR a.application < ?)" : "a.application > ?"
                    tieArgs = [application]
                } else {
                    tie = before ? "1 = 0" : "a.application IS NOT NULL"
                }
                let (sameDay, beyond) = before ? ("<=", "<") : (">=", ">")
                // The key's bounds come first: SQLite bounds its index scan by the first of several bounds on the
                // date, and the group's own end (today, for the overdue rows) made a backward page scan every row
                // from there back to the key (2 ms instead of 0.2 at 100,000 clients).
                pageRows = """
                    SELECT * FROM (SELECT \(columns) FROM \(from)
                                   WHERE (a.date, a.clientId, a.kind) = (?, ?, ?) AND \(tie) AND \(cond)) tie
                    UNION ALL
                    SELECT * FROM (SELECT \(columns) FROM \(from)
                                   WHERE a.date \(sameDay) ? AND (a.date, a.clientId, a.kind) \(beyond) (?, ?, ?) AND \(cond)
                                   ORDER BY \(agendaOrder) LIMIT ?) beyond
                    ORDER BY \(order) LIMIT ?
                    """
                let day: SQLArguments = [key.date.iso]
                pageArgs = triple + tieArgs + args + day + triple + args + [limit, limit]
            } else {
                pageRows = "SELECT \(columns) FROM \(from) WHERE \(cond) ORDER BY \(OfficeStore.agendaOrder(ascending)) LIMIT ? OFFSET ?"
                pageArgs = args + [limit, offset]
            }
            let sql = joinsInside ? """
                SELECT clientId, name, attorney, kind, date, application, reasonFacts, explanationFacts, alwaysOverdue
                FROM (\(pageRows)) p ORDER BY \(ascending)
                """ : """
                SELECT p.clientId, c.name, c.attorney, p.kind, p.date, p.application, p.reasonFacts, p.explanationFacts, p.alwaysOverdue
                FROM (\(pageRows)) p JOIN client c ON c.id = p.clientId ORDER BY p.date, p.clientId, p.kind, p.application NULLS FIRST
                """
            return try db.rows(sql, pageArgs).compactMap(OfficeStore.agendaEntry)
        }
    }

    /// An order of agenda columns with the agenda table's alias (`a.`) before each column.
    static func agendaOrder(_ order: String) -> String {
        order.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
    }

    static func listFilter(_ db: any SQLSession, _ filter: String, _ attorney: String?) throws -> (String, SQLArguments) {
        var conditions: [String] = [], args: SQLArguments = []
        let folded = SearchFolding.searchKey(filter.trimmingCharacters(in: .whitespaces))
        if !folded.isEmpty { conditions.append(db.dialect.contains("search")); args.append(folded) }
        if let attorney {
            let (condition, spellings) = try attorneyCondition(db, column: "attorney", attorney)
            conditions.append(condition)
            args += spellings
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), args)
    }
}

extension OfficeStore {
    /// One client's list row and folded search text.
    public func clientListRow(_ id: String) throws -> (row: ClientListRow, search: String)? {
        try read { db in
            guard let r = try db.row(OfficeStore.clientListRowSQL, [id]) else { return nil }
            return (OfficeStore.listRow(r), r.string(at: 7) ?? "")
        }
    }

    /// One client's list columns and folded search text (argument: the client).
    static let clientListRowSQL = "SELECT id, name, nationality, permitType, permitEnd, nextKind, nextDate, search, closedOn FROM client WHERE id = ?"

    static func listRow(_ r: SQLRow) -> ClientListRow {
        ClientListRow(id: r.string(at: 0) ?? "", name: r.string(at: 1) ?? "", nationality: r.string(at: 2),
                      permitType: r.string(at: 3).flatMap(PermitType.init(rawValue:)),
                      permitEnd: r.string(at: 4).flatMap { CivilDate($0) },
                      nextKind: r.string(at: 5).flatMap(DeadlineKind.init(rawValue:)),
                      nextDate: r.string(at: 6).flatMap { CivilDate($0) },
                      closedOn: r.string(at: 8).flatMap { CivilDate($0) })
    }

    /// Every client's list row and folded search text, by name: what an
    /// in-memory filter needs (about 200 bytes a client).
    public func clientListAll() throws -> [(row: ClientListRow, search: String)] {
        try read { db in
            var out: [(row: ClientListRow, search: String)] = []
            try db.each("""
                SELECT id, name, nationality, permitType, permitEnd, nextKind, nextDate, search, closedOn FROM client ORDER BY sortName, id
                """, []) { r in out.append((OfficeStore.listRow(r), r.string(at: 7) ?? "")) }
            return out
        }
    }
}
