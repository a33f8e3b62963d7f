/// A calendar date (year, month, day) with no time of day and no time zone.
///
/// Every legal rule works on civil dates. Arithmetic is done on a day number
/// (days since 1970-01-01 in the proleptic Gregorian calendar), so adding days
/// is exact; adding months or years keeps the day of month and clamps to the
/// last day of the target month (RULES.md §1).
public struct CivilDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns nil when the combination does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a date from a day number (days since 1970-01-01).
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01 (negative before).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// This date plus `n` days (n may be negative).
    public func adding(days n: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + n) }

    /// A date before every date the rules meet (for ordering optional dates).
    public static let distantPast = CivilDate(dayNumber: -1_000_000)
    /// A date after every date the rules meet (for ordering open ends).
    public static let distantFuture = CivilDate(dayNumber: 10_000_000)

    /// This date plus `n` months, clamping the day to the target month's length.
    public func adding(months n: Int) -> CivilDate {
        let total = (year * 12 + (month - 1)) + n
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        let d = min(day, CivilDate.daysIn(month: m, year: y))
        return CivilDate(unchecked: y, m, d)
    }

    /// This date plus `n` years, clamping 29 February to 28 February when needed.
    public func adding(years n: Int) -> CivilDate { adding(months: 12 * n) }

    /// Whole days from this date to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.dayNumber - dayNumber }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let r = ((dayNumber % 7) + 7) % 7  // 0 = Thursday
        return Weekday(rawValue: (r + 3) % 7 + 1) ?? .monday
    }

    /// The ISO form `YYYY-MM-DD`.
    public var iso: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The Turkish form `DD.MM.YYYY`.
    public var dotted: String {
        pad(day, 2) + "." + pad(month, 2) + "." + pad(year, 4)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    private init(unchecked y: Int, _ m: Int, _ d: Int) {
        year = y
        month = m
        day = d
    }
}

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension CivilDate: CustomStringConvertible {
    public var description: String { iso }
}

/// ISO weekdays.
public enum Weekday: Int, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Whether the day is Saturday or Sunday.
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// The weekday's abbreviation (`weekday.<1…7>`; English "Mon" … "Sun").
    public var term: MessageArg { .term("weekday." + String(rawValue)) }
}

/// Why a text could not be read as a date.
public struct DateParseError: Error, Equatable, Sendable {
    /// The text that was given.
    public let input: String
    /// What is wrong with it (`date.error.…`, `time.error.…`).
    public let reason: Message
    /// The whole refusal: "'<input>' is not a valid date: <reason>" (`date.error.invalid`).
    public var message: Message { Message("date.error.invalid", ["input": .text(input), "reason": .message(reason)]) }
}

extension CivilDate {
    /// Parses `YYYY-MM-DD` or `DD.MM.YYYY` strictly (two-digit day and month,
    /// four-digit year, a date that exists).
    public static func parse(_ text: String) throws(DateParseError) -> CivilDate {
        let s = text.trimmingWhitespace()
        let chars = Array(s.utf8)
        func fail(_ key: String, _ args: [String: MessageArg] = [:]) -> DateParseError {
            DateParseError(input: text, reason: Message(key, args))
        }
        func number(_ slice: ArraySlice<UInt8>) -> Int? {
            guard !slice.isEmpty, slice.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return slice.reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        let y: Int?, m: Int?, d: Int?
        if chars.count == 10, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-") {
            y = number(chars[0..<4]); m = number(chars[5..<7]); d = number(chars[8..<10])
        } else if chars.count == 10, chars[2] == UInt8(ascii: "."), chars[5] == UInt8(ascii: ".") {
            d = number(chars[0..<2]); m = number(chars[3..<5]); y = number(chars[6..<10])
        } else {
            throw fail("date.error.format")
        }
        guard let y, let m, let d else { throw fail("date.error.digits") }
        guard y >= 1 else { throw fail("date.error.year", ["year": .int(y)]) }
        guard (1...12).contains(m) else { throw fail("date.error.month", ["month": .int(m)]) }
        let last = CivilDate.daysIn(month: m, year: y)
        guard (1...last).contains(d) else {
            throw fail("date.error.day", ["day": .int(d), "month": .term("month." + String(m)), "year": .int(y), "last": .int(last)])
        }
        return CivilDate(unchecked: y, m, d)
    }

    /// Parses a date, returning nil instead of throwing.
    public init?(_ text: String) {
        guard let value = try? CivilDate.parse(text) else { return nil }
        self = value
    }
}

extension CivilDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        // The interchange format uses ISO dates only.
        guard text.utf8.count == 10, text.utf8.dropFirst(4).first == UInt8(ascii: "-") else {
            // Facts (MessageCodec) inside the decoding error; Interchange.explain reads them back.
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: MessageCodec.encode(Message("date.error.iso-only", ["text": .text(text)])))
        }
        do {
            self = try CivilDate.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: MessageCodec.encode(error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
