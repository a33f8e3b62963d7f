import Foundation
import PropertyBased
import IkametTestSupport
import Testing
@testable import IkametCore

/// Civil dates (RULES.md §1). Every expected value below was worked out by hand
/// from the Gregorian calendar and the rulebook, not read off the code.
@Suite("Civil dates")
struct CivilDateTests {
    /// A date from an ISO literal known to be valid.
    func d(_ text: String) -> CivilDate {
        guard let date = CivilDate(text) else { fatalError("bad literal \(text)") }
        return date
    }

    /// The reason a parse fails, or nil when it succeeds.
    func parseFailure(_ text: String) -> DateParseError? {
        do {
            _ = try CivilDate.parse(text)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Day arithmetic

    @Test("adding days crosses month, year and leap-day boundaries",
          arguments: [
              ("2026-01-31", 1, "2026-02-01"),
              ("2026-02-28", 1, "2026-03-01"),   // 2026 is not a leap year
              ("2024-02-28", 1, "2024-02-29"),   // 2024 is
              ("2024-02-29", 1, "2024-03-01"),
              ("2026-12-31", 1, "2027-01-01"),
              ("2027-01-01", -1, "2026-12-31"),
              ("2026-03-01", -1, "2026-02-28"),
              ("2024-03-01", -1, "2024-02-29"),
              ("2000-02-28", 1, "2000-02-29"),   // divisible by 400: leap
              ("1900-02-28", 1, "1900-03-01"),   // divisible by 100 only: not leap
              ("2026-01-01", 365, "2027-01-01"),
              ("2024-01-01", 366, "2025-01-01"),
              ("2026-09-30", -60, "2026-08-01"), // RULES.md §3 worked example: end 30 Sep → 1 Aug
              ("2026-09-30", 10, "2026-10-10"),
              ("2026-10-26", 8, "2026-11-03"),
          ])
    func addingDays(start: String, n: Int, expected: String) {
        #expect(d(start).adding(days: n) == d(expected))
        #expect(d(expected).adding(days: -n) == d(start))
        #expect(d(start).days(to: d(expected)) == n)
    }

    @Test("days(to:) is exact and signed")
    func daysBetween() {
        #expect(d("2026-01-01").days(to: d("2026-12-31")) == 364)
        #expect(d("2024-01-01").days(to: d("2024-12-31")) == 365)
        #expect(d("2026-12-31").days(to: d("2026-01-01")) == -364)
        #expect(d("2026-06-16").days(to: d("2026-09-01")) == 77)
        #expect(d("2026-10-11").days(to: d("2027-01-01")) == 82)
        #expect(d("2026-05-05").days(to: d("2026-05-05")) == 0)
    }

    // MARK: Month and year arithmetic (clamped, RULES.md §1)

    @Test("adding months or years keeps the day of month and clamps to the month's end",
          arguments: [
              ("2024-02-29", 12, "2025-02-28"),  // RULES.md §1: + 1 year
              ("2026-08-31", -6, "2026-02-28"),  // RULES.md §1: − 6 months
              ("2024-02-29", 48, "2028-02-29"),  // + 4 years lands on a leap year again
              ("2026-01-31", 1, "2026-02-28"),
              ("2024-01-31", 1, "2024-02-29"),
              ("2026-03-31", 1, "2026-04-30"),
              ("2026-11-30", 3, "2027-02-28"),
              ("2026-01-15", -1, "2025-12-15"),
              ("2026-05-31", -12, "2025-05-31"),
              ("2026-10-31", 14, "2027-12-31"),
              ("2026-03-31", -1, "2026-02-28"),
              ("2026-01-10", -96, "2018-01-10"), // − 8 years
          ])
    func addingMonths(start: String, months: Int, expected: String) {
        #expect(d(start).adding(months: months) == d(expected))
    }

    @Test("adding years is adding twelve months")
    func addingYears() {
        #expect(d("2024-02-29").adding(years: 1) == d("2025-02-28"))
        #expect(d("2024-02-29").adding(years: -1) == d("2023-02-28"))
        #expect(d("2024-02-29").adding(years: 4) == d("2028-02-29"))
        #expect(d("2026-07-10").adding(years: -8) == d("2018-07-10"))
    }

    // MARK: Weekdays

    @Test("weekday of known dates",
          arguments: [
              ("1970-01-01", Weekday.thursday),
              ("2000-01-01", .saturday),
              ("2024-02-29", .thursday),
              ("2026-03-18", .wednesday),  // RULES.md §4 example
              ("2026-03-19", .thursday),
              ("2026-03-26", .thursday),
              ("2026-10-01", .thursday),   // RULES.md §4 example
              ("2026-10-08", .thursday),
              ("2026-10-26", .monday),     // RULES.md §4 example
              ("2026-10-29", .thursday),
              ("2026-11-03", .tuesday),
              ("2026-05-27", .wednesday),
              ("2026-05-31", .sunday),
              ("2027-01-01", .friday),
          ])
    func weekdays(date: String, expected: Weekday) {
        #expect(d(date).weekday == expected)
    }

    @Test("weekend flags")
    func weekendFlags() {
        #expect(Weekday.saturday.isWeekend)
        #expect(Weekday.sunday.isWeekend)
        #expect(!Weekday.friday.isWeekend)
        #expect(!Weekday.monday.isWeekend)
    }

    // MARK: Strict parsing

    @Test("both accepted forms parse to the same date")
    func parsesBothForms() throws {
        #expect(try CivilDate.parse("2026-10-01") == CivilDate(year: 2026, month: 10, day: 1))
        #expect(try CivilDate.parse("01.10.2026") == CivilDate(year: 2026, month: 10, day: 1))
        #expect(try CivilDate.parse("29.02.2024") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(try CivilDate.parse("2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(try CivilDate.parse("31.12.2026") == CivilDate(year: 2026, month: 12, day: 31))
    }

    @Test("formats: ISO and dotted")
    func formats() {
        #expect(d("2026-03-05").iso == "2026-03-05")
        #expect(d("2026-03-05").dotted == "05.03.2026")
        #expect(d("2026-03-05").description == "2026-03-05")
    }

    @Test("a day that does not exist in its month is an error naming the day and the month")
    func nonexistentDay() throws {
        let feb = try #require(parseFailure("2026-02-30"))
        #expect(feb.input == "2026-02-30")
        #expect(feb.reason.contains("30"))
        #expect(feb.reason.contains("February"))

        let apr = try #require(parseFailure("31.04.2026"))
        #expect(apr.input == "31.04.2026")
        #expect(apr.reason.contains("31"))
        #expect(apr.reason.contains("April"))

        let notLeap = try #require(parseFailure("2026-02-29"))
        #expect(notLeap.reason.contains("29"))
        #expect(notLeap.reason.contains("February"))
        #expect(parseFailure("2024-02-29") == nil)
    }

    @Test("a month outside 1–12 is an error naming the month")
    func badMonth() throws {
        let e = try #require(parseFailure("2026-13-01"))
        #expect(e.reason.contains("month"))
        #expect(e.reason.contains("13"))
        let zero = try #require(parseFailure("01.00.2026"))
        #expect(zero.reason.contains("month"))
        #expect(zero.reason.contains("0"))
    }

    @Test("missing zero padding, empty text and wrong separators are format errors",
          arguments: ["2026-1-5", "", "2026/10/01", "1.10.2026", "26-10-01", "2026-10-01T10:00", "20261001"])
    func formatErrors(text: String) throws {
        let e = try #require(parseFailure(text))
        #expect(e.input == text)
        #expect(e.reason.contains("YYYY-MM-DD"))
        #expect(e.reason.contains("DD.MM.YYYY"))
        #expect(e.description.contains("is not a valid date"))
    }

    @Test("letters where digits belong are an error that asks for digits",
          arguments: ["abcd-ef-gh", "2026-0a-01", "aa.10.2026", "2026-10-0x"])
    func lettersAreErrors(text: String) throws {
        let e = try #require(parseFailure(text))
        #expect(e.reason.contains("digits"))
    }

    @Test("year zero is out of range")
    func yearZero() throws {
        let e = try #require(parseFailure("0000-01-01"))
        #expect(e.reason.contains("year"))
    }

    @Test("the memberwise initializer refuses dates that do not exist")
    func failableInit() {
        #expect(CivilDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CivilDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CivilDate(year: 2026, month: 1, day: 0) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate("2026-02-30") == nil)
    }

    // MARK: Day numbers

    @Test("known day numbers")
    func knownDayNumbers() {
        #expect(d("1970-01-01").dayNumber == 0)
        #expect(d("1969-12-31").dayNumber == -1)
        // 30 years of 365 days plus the 7 leap days of 1972…1996.
        #expect(d("2000-01-01").dayNumber == 10_957)
        // 26 more years plus the 7 leap days of 2000…2024.
        #expect(d("2026-01-01").dayNumber == 20_454)
        #expect(CivilDate(dayNumber: 20_454) == d("2026-01-01"))
        #expect(CivilDate(dayNumber: -1) == d("1969-12-31"))
    }

    @Test("day number round trip over consecutive days 1999–2031")
    func consecutiveRoundTrip() {
        var date = d("1999-12-01")
        var n = date.dayNumber
        let stop = d("2031-01-31")
        while date <= stop {
            let next = date.adding(days: 1)
            #expect(next.dayNumber == n + 1)
            #expect(CivilDate(dayNumber: n) == date)
            #expect(date < next)
            // The next day is the same month's next day, or the 1st of the next month.
            if date.day < CivilDate.daysIn(month: date.month, year: date.year) {
                #expect(next.year == date.year && next.month == date.month && next.day == date.day + 1)
            } else {
                #expect(next.day == 1)
            }
            date = next
            n += 1
        }
    }

    // 0001-01-01 is day -719162 and 9999-12-31 is day 2932896, the range CivilDate accepts.
    @Test("day number round trip (property)")
    func propertyRoundTrip() async {
        await propertyCheck(input: Gen.int(in: -719_162...2_932_896)) { n in
            let date = CivilDate(dayNumber: n)
            #expect(date.dayNumber == n)
            #expect(CivilDate(year: date.year, month: date.month, day: date.day) == date)
        }
    }

    @Test("ordering follows the calendar")
    func ordering() {
        #expect(d("2025-12-31") < d("2026-01-01"))
        #expect(d("2026-01-31") < d("2026-02-01"))
        #expect(d("2026-02-01") < d("2026-02-02"))
        #expect(!(d("2026-02-02") < d("2026-02-02")))
    }

    // MARK: Today

    @Test("the office clock reads the civil date in the office's zone, not in UTC")
    func officeClockZone() throws {
        let instant = try #require(ISO8601DateFormatter().date(from: "2026-11-22T21:30:00Z"))
        // 2026-11-22 is day 20454 + 325; plus 21.5 hours.
        #expect(instant.timeIntervalSince1970 == 1_795_383_000)
        let istanbul = OfficeClock(timeZoneIdentifier: "Europe/Istanbul", now: { instant })
        let utc = OfficeClock(timeZoneIdentifier: "UTC", now: { instant })
        #expect(istanbul.today() == d("2026-11-23"))   // 00:30 on 23 Nov at UTC+3
        #expect(utc.today() == d("2026-11-22"))
        #expect(OfficeClock(now: { instant }).today() == d("2026-11-23"))  // default zone is Istanbul
        #expect(OfficeClock().timeZoneIdentifier == "Europe/Istanbul")
        #expect(istanbul.isValidZone)
        #expect(!OfficeClock(timeZoneIdentifier: "Mars/Olympus_Mons").isValidZone)
    }

    @Test("the Istanbul date changes at 21:00 UTC")
    func istanbulMidnight() {
        let before = Date(timeIntervalSince1970: 1_795_383_000 - 1_800 - 1)  // 20:59:59Z
        let at = Date(timeIntervalSince1970: 1_795_383_000 - 1_800)          // 21:00:00Z
        #expect(OfficeClock(now: { before }).today() == d("2026-11-22"))
        #expect(OfficeClock(now: { at }).today() == d("2026-11-23"))
    }

    @Test("a fixed clock returns its date")
    func fixedToday() {
        #expect(FixedToday(d("2026-10-01")).today() == d("2026-10-01"))
    }

    // MARK: Local date and time

    @Test("LocalDateTime parses the accepted forms")
    func localDateTimeParses() throws {
        let a = try LocalDateTime.parse("2026-11-23T09:30")
        #expect(a.date == d("2026-11-23"))
        #expect(a.hour == 9)
        #expect(a.minute == 30)
        #expect(a.description == "2026-11-23T09:30")
        #expect(try LocalDateTime.parse("2026-11-23 09:30") == a)
        #expect(try LocalDateTime.parse("23.11.2026 09:30") == a)
        let midnight = try LocalDateTime.parse("2026-11-23T00:00")
        let last = try LocalDateTime.parse("2026-11-23T23:59")
        #expect(midnight < a)
        #expect(a < last)
        #expect(last < (try LocalDateTime.parse("2026-11-24T00:00")))
    }

    @Test("LocalDateTime rejects bad times and dates",
          arguments: ["2026-11-23T24:00", "2026-11-23T09:60", "2026-11-23T9:30", "2026-11-23X09:30",
                      "2026-02-30T09:00", "", "2026-11-23", "2026-11-23T09-30"])
    func localDateTimeErrors(text: String) {
        #expect(throws: DateParseError.self) { try LocalDateTime.parse(text) }
    }

    @Test("LocalDateTime takes exactly two digits for the hour and the minute (no signs)",
          arguments: ["2026-11-23T+9:30", "2026-11-23T-0:30", "2026-11-23T09:+5", "2026-11-23 +1:00"])
    func localDateTimeSigns(text: String) {
        #expect(throws: DateParseError.self) { try LocalDateTime.parse(text) }
    }

    @Test("LocalDateTime errors say what is wrong")
    func localDateTimeMessages() {
        do {
            _ = try LocalDateTime.parse("2026-11-23T24:00")
            Issue.record("24:00 accepted")
        } catch {
            #expect(error.reason.contains("HH:MM"))
        }
        do {
            _ = try LocalDateTime.parse("2026-02-30T09:00")
            Issue.record("30 February accepted")
        } catch {
            #expect(error.reason.contains("February"))
        }
    }
}
