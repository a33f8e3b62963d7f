import PropertyBased
import IkametTestSupport
import Testing
@testable import IkametCore

/// Working days, holidays and the mailing deadline (RULES.md §4, §5).
@Suite("Working days and the mailing deadline")
struct WorkingDayTests {
    let calendar = WorkingDayCalendar(table: .standard)
    let engine = DeadlineEngine()

    func d(_ text: String) -> CivilDate {
        guard let date = CivilDate(text) else { fatalError("bad literal \(text)") }
        return date
    }

    var calendarDaysEngine: DeadlineEngine {
        var p = RuleParameters.standard
        p.deadlines.mailingUnit = .calendarDays
        return DeadlineEngine(parameters: p)
    }

    func isHoliday(_ kind: DayKind) -> Bool {
        if case .holiday = kind { return true }
        return false
    }

    func isEve(_ kind: DayKind) -> Bool {
        if case .halfDayEve = kind { return true }
        return false
    }

    // MARK: The three worked examples of RULES.md §4

    @Test("RULES.md §4 worked examples (working days)",
          arguments: [
              // Thu 1 Oct → 2 (1), 5 (2), 6 (3), 7 (4), 8 (5).
              ("2026-10-01", "2026-10-08"),
              // Mon 26 Oct → 27 (1), 28 (2, eve counts), 29 holiday, 30 (3), 2 Nov (4), 3 Nov (5).
              ("2026-10-26", "2026-11-03"),
              // Wed 18 Mar → 19 (1, eve), 20–22 Ramazan Bayramı, 23 (2), 24 (3), 25 (4), 26 (5).
              ("2026-03-18", "2026-03-26"),
          ])
    func workedExamples(submitted: String, deadline: String) {
        let count = calendar.addingWorkingDays(5, to: d(submitted))
        #expect(count.deadline == d(deadline))
        #expect(count.uncoveredYears.isEmpty)
        let (date, explanation) = engine.mailingDeadline(submitted: d(submitted))
        #expect(date == d(deadline))
        #expect(explanation.rule.contains("mail-documents"))
        #expect(explanation.summary.contains(deadline))
        #expect(explanation.summary.contains(submitted))
        #expect(explanation.warnings.isEmpty)
        #expect(!explanation.source.isEmpty)
    }

    @Test("the 26 Oct example counts the eve and skips Republic Day")
    func republicDaySteps() {
        let count = calendar.addingWorkingDays(5, to: d("2026-10-26"))
        let text = count.steps.joined(separator: " | ")
        #expect(text.contains("2026-10-28 (2"))
        #expect(text.contains("2026-10-29"))
        #expect(text.contains("2026-10-30 (3"))
        #expect(text.contains("2026-11-02 (4"))
        #expect(text.contains("2026-11-03 (5"))
    }

    @Test("more mailing deadlines across religious holidays, worked by hand",
          arguments: [
              // Fri 22 May 2026 → Mon 25 (1), Tue 26 (2, Kurban eve), 27–30 Kurban, Sun 31, Mon 1 Jun (3), 2 (4), 3 (5).
              ("2026-05-22", "2026-06-03"),
              // Thu 27 Mar 2025 → Fri 28 (1), Sat 29 (eve, weekend), 30 Mar–1 Apr Ramazan, Wed 2 (2), 3 (3), 4 (4), Mon 7 (5).
              ("2025-03-27", "2025-04-07"),
              // Thu 13 Jun 2024 → Fri 14 (1), 15–16 weekend/Kurban, 17–19 Kurban, Thu 20 (2), Fri 21 (3), Mon 24 (4), Tue 25 (5).
              ("2024-06-13", "2024-06-25"),
              // Fri 24 Apr 2026 → Mon 27 (1), Tue 28 (2), Wed 29 (3), Thu 30 (4), Fri 1 May holiday, Mon 4 May (5).
              ("2026-04-24", "2026-05-04"),
              // Fri 2 Oct 2026 → 5, 6, 7, 8, 9 Oct.
              ("2026-10-02", "2026-10-09"),
          ])
    func moreDeadlines(submitted: String, deadline: String) {
        #expect(calendar.addingWorkingDays(5, to: d(submitted)).deadline == d(deadline))
        #expect(engine.mailingDeadline(submitted: d(submitted)).0 == d(deadline))
    }

    @Test("submission on a weekend or holiday: day 1 is the next working day")
    func submittedOnHoliday() {
        // Sat 3 Oct 2026 → Mon 5 (1), 6 (2), 7 (3), 8 (4), Fri 9 (5).
        #expect(calendar.addingWorkingDays(5, to: d("2026-10-03")).deadline == d("2026-10-09"))
        // Thu 29 Oct 2026 (holiday) → Fri 30 (1), Mon 2 (2), 3 (3), 4 (4), Thu 5 Nov (5).
        #expect(calendar.addingWorkingDays(5, to: d("2026-10-29")).deadline == d("2026-11-05"))
    }

    // MARK: Day kinds

    @Test("29 October is a holiday; 28 October is a half-day eve that counts as working")
    func republicDay() {
        #expect(isHoliday(calendar.kind(of: d("2026-10-29"))))
        #expect(!calendar.isWorkingDay(d("2026-10-29")))
        #expect(isEve(calendar.kind(of: d("2026-10-28"))))
        #expect(calendar.isWorkingDay(d("2026-10-28")))
        #expect(calendar.kind(of: d("2026-10-27")) == .workingDay)
    }

    @Test("Ramazan Bayramı 2026: 19 Mar eve (working), 20–22 Mar holidays")
    func ramazan2026() {
        #expect(isEve(calendar.kind(of: d("2026-03-19"))))
        #expect(calendar.isWorkingDay(d("2026-03-19")))
        for day in ["2026-03-20", "2026-03-21", "2026-03-22"] {
            #expect(isHoliday(calendar.kind(of: d(day))), "\(day)")
            #expect(!calendar.isWorkingDay(d(day)))
        }
        #expect(calendar.kind(of: d("2026-03-23")) == .workingDay)
        #expect(calendar.kind(of: d("2026-03-18")) == .workingDay)
    }

    @Test("Kurban Bayramı 2026: 26 May eve (working), 27–30 May holidays")
    func kurban2026() {
        #expect(isEve(calendar.kind(of: d("2026-05-26"))))
        #expect(calendar.isWorkingDay(d("2026-05-26")))
        for day in ["2026-05-27", "2026-05-28", "2026-05-29", "2026-05-30"] {
            #expect(isHoliday(calendar.kind(of: d(day))), "\(day)")
            #expect(!calendar.isWorkingDay(d(day)))
        }
        #expect(calendar.kind(of: d("2026-05-31")) == .weekend)
        #expect(calendar.kind(of: d("2026-06-01")) == .workingDay)
        #expect(calendar.kind(of: d("2026-05-25")) == .workingDay)
    }

    @Test("fixed holidays of 2026", arguments: ["2026-01-01", "2026-04-23", "2026-05-01", "2026-05-19",
                                                "2026-07-15", "2026-08-30", "2026-10-29"])
    func fixedHolidays(day: String) {
        #expect(isHoliday(calendar.kind(of: d(day))))
        #expect(!calendar.isWorkingDay(d(day)))
    }

    @Test("weekends and ordinary weekdays")
    func weekends() {
        #expect(calendar.kind(of: d("2026-10-03")) == .weekend)  // Saturday
        #expect(calendar.kind(of: d("2026-10-04")) == .weekend)  // Sunday
        #expect(calendar.kind(of: d("2026-10-05")) == .workingDay)
        #expect(calendar.kind(of: d("2026-10-09")) == .workingDay)
        // A bridge day is not a holiday (RULES.md §5): Fri 30 Oct 2026 stays a working day.
        #expect(calendar.kind(of: d("2026-10-30")) == .workingDay)
    }

    @Test("the table covers 2024–2030 (r2) and not 2023 or 2031")
    func coverage() {
        for year in 2024...2030 { #expect(calendar.covers(year: year), "\(year)") }
        #expect(!calendar.covers(year: 2031))
        #expect(!calendar.covers(year: 2023))
        #expect(calendar.uncoveredYear(around: d("2026-12-01")) == nil)
        #expect(calendar.uncoveredYear(around: d("2030-01-15")) == 2031)
        #expect(calendar.uncoveredYear(around: d("2031-06-01")) == 2031)
    }

    // MARK: Revision 2: the religious holidays of 2027–2030

    @Test("RULES.md §5 worked example: submitted Fri 2027-03-05 → Wed 2027-03-17 (Ramazan Bayramı 9–11 March)")
    func ramazan2027() {
        // 8 Mar (1, eve), 9–11 Mar Ramazan Bayramı, 12 (2), 15 (3), 16 (4), 17 (5).
        #expect(isEve(calendar.kind(of: d("2027-03-08"))))
        for day in ["2027-03-09", "2027-03-10", "2027-03-11"] { #expect(isHoliday(calendar.kind(of: d(day))), "\(day)") }
        let (date, explanation) = engine.mailingDeadline(submitted: d("2027-03-05"))
        #expect(date == d("2027-03-17"))
        #expect(explanation.warnings.isEmpty)
        #expect(explanation.summary.contains("2027-03-09 Ramazan Bayramı"))
    }

    @Test("RULES.md §5 worked example: submitted Thu 2028-04-27 → Tue 2028-05-09 (1 May, eve 4 May, Kurban Bayramı 5–8 May)")
    func kurban2028() {
        // 28 (1), 1 May holiday, 2 (2), 3 (3), 4 (4, eve), 5–8 May Kurban Bayramı, 9 (5).
        #expect(isEve(calendar.kind(of: d("2028-05-04"))))
        let (date, explanation) = engine.mailingDeadline(submitted: d("2028-04-27"))
        #expect(date == d("2028-05-09"))
        #expect(explanation.warnings.isEmpty)
    }

    @Test("2029: the Kurban eve falls on 23 April, a full national holiday, which beats the half-day eve")
    func kurbanEve2029() {
        #expect(isHoliday(calendar.kind(of: d("2029-04-23"))))
        #expect(!calendar.isWorkingDay(d("2029-04-23")))
        for day in ["2029-04-24", "2029-04-27"] { #expect(isHoliday(calendar.kind(of: d(day))), "\(day)") }
        // Fri 20 Apr 2029 → Mon 23 holiday, 24–27 Kurban Bayramı, Mon 30 (1), 1 May holiday, 2 (2), 3 (3), 4 (4), 7 (5).
        #expect(calendar.workingDayDeadline(5, after: d("2029-04-20")) == d("2029-05-07"))
    }

    @Test("2030: Ramazan Bayramı 4–6 Feb with its eve on Sunday 3 Feb; Kurban Bayramı 13–16 Apr")
    func year2030() {
        #expect(calendar.kind(of: d("2030-02-03")) == .weekend)
        #expect(isHoliday(calendar.kind(of: d("2030-02-04"))))
        #expect(isHoliday(calendar.kind(of: d("2030-04-16"))))
        #expect(isEve(calendar.kind(of: d("2030-04-12"))))
    }

    // MARK: A year the table does not cover

    @Test("2031 still skips fixed holidays and weekends, and the deadline carries a warning")
    func uncoveredYear() {
        // Tue 28 Oct 2031 is the eve: Mon 27 Oct 2031 → Tue 28 (1, eve), Wed 29 Republic Day,
        // Thu 30 (2), Fri 31 (3), weekend, Mon 3 Nov (4), Tue 4 (5).
        #expect(isHoliday(calendar.kind(of: d("2031-10-29"))))
        #expect(isEve(calendar.kind(of: d("2031-10-28"))))
        let count = calendar.addingWorkingDays(5, to: d("2031-10-27"))
        #expect(count.deadline == d("2031-11-04"))
        #expect(count.uncoveredYears == [2031])
        let (date, explanation) = engine.mailingDeadline(submitted: d("2031-10-27"))
        #expect(date == d("2031-11-04"))
        #expect(explanation.warnings.count == 1)
        #expect(explanation.warnings.first?.contains("2031") == true)
        #expect(explanation.warnings.first?.contains("religious") == true)
        #expect(explanation.text.contains("Warning"))
    }

    @Test("counting from 2030 into 2031 warns about 2031 and skips 1 January")
    func intoUncoveredYear() {
        // Mon 30 Dec 2030 → Tue 31 (1), Wed 1 Jan 2031 holiday, Thu 2 (2), Fri 3 (3), Mon 6 (4), Tue 7 (5).
        let (date, explanation) = engine.mailingDeadline(submitted: d("2030-12-30"))
        #expect(date == d("2031-01-07"))
        #expect(explanation.warnings.count == 1)
        #expect(explanation.warnings.first?.contains("2031") == true)
    }

    @Test("counting from 2026 into 2027 is covered now: 1 January skipped, no warning")
    func into2027() {
        // Wed 30 Dec 2026 → Thu 31 (1), Fri 1 Jan 2027 holiday, weekend, Mon 4 (2), 5 (3), 6 (4), Thu 7 (5).
        let (date, explanation) = engine.mailingDeadline(submitted: d("2026-12-30"))
        #expect(date == d("2027-01-07"))
        #expect(explanation.warnings.isEmpty)
    }

    @Test("2027: 23 April (a Friday) is skipped")
    func april2027() {
        // Tue 20 Apr 2027 → Wed 21 (1), Thu 22 (2), Fri 23 holiday, weekend, Mon 26 (3), Tue 27 (4), Wed 28 (5).
        let (date, explanation) = engine.mailingDeadline(submitted: d("2027-04-20"))
        #expect(date == d("2027-04-28"))
        #expect(explanation.warnings.isEmpty)
    }

    // MARK: Calendar-days unit

    @Test("calendar days: submission day not counted, deadline = submitted + 5",
          arguments: [
              ("2026-10-01", "2026-10-06"),
              ("2026-10-26", "2026-10-31"),
              ("2026-03-18", "2026-03-23"),
          ])
    func calendarDays(submitted: String, deadline: String) {
        let (date, explanation) = calendarDaysEngine.mailingDeadline(submitted: d(submitted))
        #expect(date == d(deadline))
        #expect(explanation.summary.contains(deadline))
        #expect(explanation.conventions.joined().contains("calendar"))
    }

    @Test("calendar days are never later than working days (every day 2024–2027)")
    func calendarNeverLater() {
        let working = engine, calendarDays = calendarDaysEngine
        var date = d("2024-01-01")
        while date <= d("2027-12-31") {
            let w = working.mailingDeadline(submitted: date).0
            let c = calendarDays.mailingDeadline(submitted: date).0
            #expect(c <= w, "submitted \(date.iso)")
            #expect(date.days(to: w) >= 5)
            date = date.adding(days: 1)
        }
    }

    @Test("the n-th working day is a working day, and exactly n working days lie after start (property)")
    func countingProperty() async {
        let cal = calendar
        await propertyCheck(input: Gen.int(in: 19_700...20_800), Gen.int(in: 1...15)) { start, n in
            let from = CivilDate(dayNumber: start)
            let count = cal.addingWorkingDays(n, to: from)
            #expect(cal.isWorkingDay(count.deadline))
            var k = 0
            var day = from.adding(days: 1)
            while day <= count.deadline {
                if cal.isWorkingDay(day) { k += 1 }
                day = day.adding(days: 1)
            }
            #expect(k == n)
        }
    }
}
