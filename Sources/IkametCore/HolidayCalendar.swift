/// The public-holiday table (Law No. 2429, RULES.md §5), shipped as
/// `data/holidays.json` and editable by the office.
public struct HolidayTable: Codable, Sendable, Equatable {
    /// A holiday on the same month and day every year.
    public struct Fixed: Codable, Sendable, Equatable {
        public var month: Int
        public var day: Int
        public var name: String
        public init(month: Int, day: Int, name: String) {
            self.month = month; self.day = day; self.name = name
        }
    }

    /// A religious holiday of one year: `days` consecutive days from `start`,
    /// preceded by a half-day eve.
    public struct Religious: Codable, Sendable, Equatable {
        public var name: String
        public var start: CivilDate
        public var days: Int
        public init(name: String, start: CivilDate, days: Int) {
            self.name = name; self.start = start; self.days = days
        }
    }

    /// Full-day fixed holidays.
    public var fixed: [Fixed]
    /// Fixed half-day eves (they count as working days).
    public var fixedHalfDays: [Fixed]
    /// Religious holidays by year (as a string key, "2026").
    public var religious: [String: [Religious]]

    public init(fixed: [Fixed], fixedHalfDays: [Fixed], religious: [String: [Religious]]) {
        self.fixed = fixed
        self.fixedHalfDays = fixedHalfDays
        self.religious = religious
    }

    /// The table of RULES.md §5, identical to the shipped `data/holidays.json`.
    // lint:allow-literal-begin (holiday names are ids of data/holidays.json; the catalogs give their words: holiday.<name>)
    public static let standard: HolidayTable = {
        func d(_ s: String) -> CivilDate { CivilDate(s) ?? CivilDate(dayNumber: 0) }
        return HolidayTable(
            fixed: [
                Fixed(month: 1, day: 1, name: "New Year's Day"),
                Fixed(month: 4, day: 23, name: "National Sovereignty and Children's Day"),
                Fixed(month: 5, day: 1, name: "Labour and Solidarity Day"),
                Fixed(month: 5, day: 19, name: "Commemoration of Atatürk, Youth and Sports Day"),
                Fixed(month: 7, day: 15, name: "Democracy and National Unity Day"),
                Fixed(month: 8, day: 30, name: "Victory Day"),
                Fixed(month: 10, day: 29, name: "Republic Day"),
            ],
            fixedHalfDays: [Fixed(month: 10, day: 28, name: "Republic Day eve (half day)")],
            religious: [
                "2024": [Religious(name: "Ramazan Bayramı", start: d("2024-04-10"), days: 3),
                         Religious(name: "Kurban Bayramı", start: d("2024-06-16"), days: 4)],
                "2025": [Religious(name: "Ramazan Bayramı", start: d("2025-03-30"), days: 3),
                         Religious(name: "Kurban Bayramı", start: d("2025-06-06"), days: 4)],
                "2026": [Religious(name: "Ramazan Bayramı", start: d("2026-03-20"), days: 3),
                         Religious(name: "Kurban Bayramı", start: d("2026-05-27"), days: 4)],
                "2027": [Religious(name: "Ramazan Bayramı", start: d("2027-03-09"), days: 3),
                         Religious(name: "Kurban Bayramı", start: d("2027-05-16"), days: 4)],
                "2028": [Religious(name: "Ramazan Bayramı", start: d("2028-02-26"), days: 3),
                         Religious(name: "Kurban Bayramı", start: d("2028-05-05"), days: 4)],
                "2029": [Religious(name: "Ramazan Bayramı", start: d("2029-02-14"), days: 3),
                         Religious(name: "Kurban Bayramı", start: d("2029-04-24"), days: 4)],
                "2030": [Religious(name: "Ramazan Bayramı", start: d("2030-02-04"), days: 3),
                         Religious(name: "Kurban Bayramı", start: d("2030-04-13"), days: 4)],
            ])
    }()
    // lint:allow-literal-end

    /// Problems that make the table unusable (`holidays.problem.…`).
    public func problems() -> [Message] {
        var out: [Message] = []
        for f in fixed + fixedHalfDays where CivilDate(year: 2024, month: f.month, day: f.day) == nil {
            out.append(Message("holidays.problem.fixed-date", ["name": .text(f.name), "month": .int(f.month), "day": .int(f.day)]))
        }
        for (year, list) in religious {
            guard let y = Int(year) else { out.append(Message("holidays.problem.year", ["year": .text(year)])); continue }
            for r in list {
                if r.days < 1 { out.append(Message("holidays.problem.days", ["name": .text(r.name), "year": .text(year)])) }
                if r.start.year != y {
                    out.append(Message("holidays.problem.start-year", ["name": .text(r.name), "year": .text(year), "startYear": .int(r.start.year)]))
                }
            }
        }
        return out
    }

    /// A holiday's name as shown: the catalog's `holiday.<name>` for the built-in holidays, else the name itself.
    public static func term(_ name: String) -> MessageArg { .termOr("holiday." + name, fallback: name) }
}

/// A holiday's name as the table gives it, and whether the day is its eve; `term` is how it is shown.
/// (Names, not messages, are kept in the calendar's tables: a long-lived table of enum payloads
/// hides its pointers from LeakSanitizer.)
public struct HolidayLabel: Equatable, Sendable {
    public let name: String
    /// The half-day eve of a religious holiday (fixed eves have their own name in the table).
    public let eveOf: Bool
    public init(name: String, eveOf: Bool = false) { self.name = name; self.eveOf = eveOf }

    /// The label as shown: the catalog's name of the holiday (`holiday.<name>`), or "eve of …".
    public var term: MessageArg {
        eveOf ? .message(Message("holidays.eve", ["name": HolidayTable.term(name)])) : HolidayTable.term(name)
    }
}

/// What kind of day a date is for deadline counting. A holiday or eve carries its name as shown
/// (`HolidayTable.term`, or `holidays.eve` around it for a religious holiday's eve).
public enum DayKind: Equatable, Sendable {
    case workingDay
    /// A working day that is a half-day eve: counts as a working day (RULES.md §4).
    case halfDayEve(HolidayLabel)
    case weekend
    case holiday(HolidayLabel)

    /// Whether the day counts as a working day.
    public var isWorkingDay: Bool {
        switch self {
        case .workingDay, .halfDayEve: true
        case .weekend, .holiday: false
        }
    }
}

/// Working-day arithmetic over a holiday table.
public struct WorkingDayCalendar: Sendable {
    public let table: HolidayTable
    private let holidays: [Int: HolidayLabel]     // day number → name
    private let eves: [Int: HolidayLabel]
    private let coveredYears: Set<Int>
    private let fixedByMonthDay: [Int: HolidayLabel]
    private let fixedEveByMonthDay: [Int: HolidayLabel]

    public init(table: HolidayTable) {
        self.table = table
        var h: [Int: HolidayLabel] = [:], e: [Int: HolidayLabel] = [:], years = Set<Int>()
        for (yearText, list) in table.religious {
            if let y = Int(yearText) { years.insert(y) }
            for r in list {
                for i in 0..<max(r.days, 0) { h[r.start.dayNumber + i] = HolidayLabel(name: r.name) }
                e[r.start.dayNumber - 1] = HolidayLabel(name: r.name, eveOf: true)
            }
        }
        holidays = h
        eves = e
        coveredYears = years
        fixedByMonthDay = Dictionary(table.fixed.map { ($0.month * 100 + $0.day, HolidayLabel(name: $0.name)) }, uniquingKeysWith: { a, _ in a })
        fixedEveByMonthDay = Dictionary(table.fixedHalfDays.map { ($0.month * 100 + $0.day, HolidayLabel(name: $0.name)) },
                                        uniquingKeysWith: { a, _ in a })
    }

    /// Whether the table lists the religious holidays of `year`.
    public func covers(year: Int) -> Bool { coveredYears.contains(year) }

    /// Classifies one date.
    public func kind(of date: CivilDate) -> DayKind {
        if let name = fixedByMonthDay[date.month * 100 + date.day] { return .holiday(name) }
        if let name = holidays[date.dayNumber] { return .holiday(name) }
        if date.weekday.isWeekend { return .weekend }
        if let name = fixedEveByMonthDay[date.month * 100 + date.day] { return .halfDayEve(name) }
        if let name = eves[date.dayNumber] { return .halfDayEve(name) }
        return .workingDay
    }

    /// Whether `date` is a working day (Monday–Friday, not a public holiday;
    /// half-day eves count as working days).
    public func isWorkingDay(_ date: CivilDate) -> Bool { kind(of: date).isWorkingDay }

    /// The result of counting days forward.
    public struct Count: Sendable, Equatable {
        /// The last counted day: the deadline.
        public let deadline: CivilDate
        /// Each counted day with its ordinal, and the skipped days with why (`workday.step…`).
        public let steps: [Message]
        /// Years touched whose religious holidays the table does not list.
        public let uncoveredYears: [Int]
    }

    /// The `count`-th working day after `start`, without the steps (start itself is not counted).
    public func workingDayDeadline(_ count: Int, after start: CivilDate) -> CivilDate {
        var date = start, n = 0
        while n < count {
            date = date.adding(days: 1)
            if kind(of: date).isWorkingDay { n += 1 }
        }
        return date
    }

    /// The first year from `today`'s year to the next one whose religious holidays the table does not list
    /// (RULES.md §5: said where people look before they act), or nil when both are covered.
    public func uncoveredYear(around today: CivilDate) -> Int? {
        [today.year, today.year + 1].first { !covers(year: $0) }
    }

    /// The `count`-th working day after `start` (start itself is not counted).
    public func addingWorkingDays(_ count: Int, to start: CivilDate) -> Count {
        var date = start, n = 0, steps: [Message] = [], years = Set<Int>()
        while n < count {
            date = date.adding(days: 1)
            if !covers(year: date.year) { years.insert(date.year) }
            switch kind(of: date) {
            case .workingDay:
                n += 1; steps.append(Message("workday.step", ["date": .date(date), "n": .int(n)]))
            case .halfDayEve(let name):
                n += 1; steps.append(Message("workday.step.eve", ["date": .date(date), "n": .int(n), "name": name.term]))
            case .weekend:
                continue
            case .holiday(let name):
                steps.append(Message("workday.step.holiday", ["date": .date(date), "name": name.term]))
            }
        }
        return Count(deadline: date, steps: steps, uncoveredYears: years.sorted())
    }
}

/// The holiday-coverage warning (RULES.md §5), one message for the TUI, `check` and `rules`.
public enum HolidayCoverage {
    /// The warning for a year the holiday table does not cover (`holidays.coverage-warning`).
    public static func warning(year: Int) -> Message {
        Message("holidays.coverage-warning", ["year": .int(year)])
    }
}
