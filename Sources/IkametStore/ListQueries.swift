import Foundation
import GRDB
import IkametCore

/// The agenda as the terminal UI shows it: six groups in order of urgency,
/// each read page by page from the agenda snapshots (an indexed range per group).
public struct AgendaQuery: Sendable, Equatable {
    /// The groups, most urgent first: overdue; due within `criticalDays`; later in the horizon;
    /// extension window open with nothing filed; awaiting a decision and follow-ups; long-term candidates.
    public static let groupCount = 6

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

    /// The SQL condition of group `g` on `agenda a` (joined with `client c`).
    func condition(_ g: Int) -> (String, [any DatabaseValueConvertible]) {
        let t = today.iso, tc = today.adding(days: criticalDays).iso, th = today.adding(days: horizon).iso
        let tw = today.adding(days: windowDays).iso
        let aw = Self.awaiting, lt = Self.longTerm, eer = Self.followUps[0], card = Self.followUps[1], ext = Self.extensionDeadline
        var (sql, args): (String, [any DatabaseValueConvertible])
        // Groups 0–2 hold deadline items only: the literal condition lets SQLite use the partial index
        // agenda_deadline_date, which leaves out the (many) applications awaiting a decision.
        let deadlinesOnly = OfficeStore.deadlineRowsCondition
        switch g {
        // Out of status is dated on or before today, so every overdue row is in the range date ≤ today.
        case 0: (sql, args) = (deadlinesOnly + " AND a.date <= ? AND (a.date < ? OR a.alwaysOverdue = 1)", [t, t])
        case 1: (sql, args) = (deadlinesOnly + " AND a.date >= ? AND a.date <= ? AND a.alwaysOverdue = 0 AND a.kind NOT IN (?, ?)",
                               [t, tc, eer, card])
        case 2: (sql, args) = (deadlinesOnly + " AND a.date > ? AND a.date <= ? AND a.kind NOT IN (?, ?) AND NOT (a.kind = ? AND a.date <= ?)",
                               [tc, th, eer, card, ext, tw])
        case 3: (sql, args) = ("a.kind = ? AND a.date > ? AND a.date <= ?", [ext, tc, tw])
        case 4: (sql, args) = ("(a.kind = ? OR (a.kind IN (?, ?) AND a.date >= ?))", [aw, eer, card, t])
        default: (sql, args) = ("a.kind = ?", [lt])
        }
        if let attorney {
            sql += " AND c.attorney = ?"
            args.append(attorney)
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

    /// How many rows each agenda group has: one indexed count per group (the awaiting
    /// group in two parts, so that each part is a range of the kind index).
    public func agendaGroupCounts(_ q: AgendaQuery) throws -> [Int] {
        let join = q.attorney == nil ? "" : "JOIN client c ON c.id = a.clientId"
        var parts: [[(String, [any DatabaseValueConvertible])]] = (0..<AgendaQuery.groupCount).map { [q.condition($0)] }
        var awaiting = q
        awaiting.attorney = nil
        let attorneyClause = q.attorney == nil ? "" : " AND c.attorney = ?"
        let attorneyArg: [any DatabaseValueConvertible] = q.attorney.map { [$0] } ?? []
        parts[4] = [("a.kind = ?" + attorneyClause, [AgendaQuery.awaiting] + attorneyArg),
                    ("a.kind IN (?, ?) AND a.date >= ?" + attorneyClause, AgendaQuery.followUps + [q.today.iso] + attorneyArg)]
        return try read { db in
            try parts.map { group in
                try group.reduce(0) { sum, part in
                    sum + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM agenda a \(join) WHERE \(part.0)",
                                            arguments: StatementArguments(part.1)) ?? 0)
                }
            }
        }
    }

    /// Rows `offset ..< offset + limit` of agenda group `group`, by date, client, kind.
    public func agendaPage(_ q: AgendaQuery, group: Int, offset: Int, limit: Int) throws -> [StoredAgendaEntry] {
        try read { db in
            let (cond, args) = q.condition(group)
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.clientId, c.name, c.attorney, a.kind, a.date, a.application, a.reason, a.explanation, a.alwaysOverdue
                FROM agenda a JOIN client c ON c.id = a.clientId WHERE \(cond)
                ORDER BY a.date, a.clientId, a.kind, a.application LIMIT ? OFFSET ?
                """, arguments: StatementArguments(args + [limit, offset]))
            return rows.compactMap { r in
                let dateText: String = r[4]
                guard let date = CivilDate(dateText) else { return nil }
                return StoredAgendaEntry(clientId: r[0], name: r[1], attorney: r[2],
                                         entry: AgendaSnapshot.Entry(kind: r[3], date: date, applicationId: r[5], reason: r[6],
                                                                     explanation: r[7], alwaysOverdue: r[8]))
            }
        }
    }

    static func listFilter(_ filter: String, _ attorney: String?) -> (String, [any DatabaseValueConvertible]) {
        var conditions: [String] = [], args: [any DatabaseValueConvertible] = []
        let folded = TextFolding.fold(filter.trimmingCharacters(in: .whitespaces))
        if !folded.isEmpty { conditions.append("instr(search, ?) > 0"); args.append(folded) }
        if let attorney { conditions.append("attorney = ?"); args.append(attorney) }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), args)
    }
}

extension OfficeStore {
    /// One client's list row and folded search text.
    public func clientListRow(_ id: String) throws -> (row: ClientListRow, search: String)? {
        try read { db in
            guard let r = try Row.fetchOne(db, sql: """
                SELECT id, name, nationality, permitType, permitEnd, nextKind, nextDate, search, closedOn FROM client WHERE id = ?
                """, arguments: [id]) else { return nil }
            return (OfficeStore.listRow(r), r[7])
        }
    }

    static func listRow(_ r: Row) -> ClientListRow {
        ClientListRow(id: r[0], name: r[1], nationality: r[2],
                      permitType: (r[3] as String?).flatMap(PermitType.init(rawValue:)),
                      permitEnd: (r[4] as String?).flatMap { CivilDate($0) },
                      nextKind: (r[5] as String?).flatMap(DeadlineKind.init(rawValue:)),
                      nextDate: (r[6] as String?).flatMap { CivilDate($0) },
                      closedOn: (r[8] as String?).flatMap { CivilDate($0) })
    }

    /// Every client's list row and folded search text, by name: what an
    /// in-memory filter needs (about 200 bytes a client).
    public func clientListAll() throws -> [(row: ClientListRow, search: String)] {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT id, name, nationality, permitType, permitEnd, nextKind, nextDate, search, closedOn FROM client ORDER BY sortName, id
                """)
            var out: [(row: ClientListRow, search: String)] = []
            while let r = try cursor.next() { out.append((OfficeStore.listRow(r), r[7])) }
            return out
        }
    }
}
