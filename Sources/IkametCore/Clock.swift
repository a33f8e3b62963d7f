import Foundation

/// Supplies "today" as a civil date. Injected everywhere a rule needs today,
/// so tests and `--today` can pin it.
public protocol TodayProvider: Sendable {
    /// The office's current civil date.
    func today() -> CivilDate
}

/// A clock pinned to one date (tests, `--today`, `IKAMET_TODAY`).
public struct FixedToday: TodayProvider {
    public let date: CivilDate
    public init(_ date: CivilDate) { self.date = date }
    public func today() -> CivilDate { date }
}

/// The wall clock read in the office's time zone (default Europe/Istanbul).
/// The civil date is taken in that zone, never from the UTC instant.
public struct OfficeClock: TodayProvider {
    public let timeZoneIdentifier: String
    private let now: @Sendable () -> Date

    /// Creates a clock for a named zone; `now` is injectable for tests.
    public init(timeZoneIdentifier: String = "Europe/Istanbul", now: @escaping @Sendable () -> Date = { Date() }) {
        self.timeZoneIdentifier = timeZoneIdentifier
        self.now = now
    }

    /// Whether the zone name is known to this system.
    public var isValidZone: Bool { TimeZone(identifier: timeZoneIdentifier) != nil }

    public func today() -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(secondsFromGMT: 3 * 3600) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: now())
        return CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CivilDate(dayNumber: 0)
    }
}
