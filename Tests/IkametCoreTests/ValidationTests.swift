import Foundation
import IkametTestSupport
import Testing
@testable import IkametCore
import IkametData

/// Record validation (RULES.md §2, §6, §8, §10) and the shipped data files.
@Suite("Validation and data files")
struct ValidationTests {
    let validator = Validator()
    let today: CivilDate

    init() {
        today = CivilDate(year: 2026, month: 6, day: 1)!
    }

    func d(_ text: String) -> CivilDate {
        guard let date = CivilDate(text) else { fatalError("bad literal \(text)") }
        return date
    }

    /// A record with nothing wrong in it.
    var clean: Client {
        Client(id: "2026-0042", name: "Anna Schmidt", nationality: "DE", birthDate: d("1990-04-12"),
               foreignerId: "99123456740", passport: Passport(number: "C01X00T47", expires: d("2031-05-01")),
               permits: [Permit(type: .shortTerm, start: d("2025-10-01"), end: d("2026-09-30"))],
               trips: [Trip(exit: d("2025-12-20"), entry: d("2026-01-05"))])
    }

    func issues(_ c: Client) -> [ValidationIssue] { validator.validate(c, today: today) }

    func errors(_ c: Client) -> [ValidationIssue] { issues(c).filter { $0.level == .error } }

    func warnings(_ c: Client) -> [ValidationIssue] { issues(c).filter { $0.level == .warning } }

    @Test("a trip date before the birth date, or more than ten years ahead, is a field error (issue 12)")
    func absurdTripDates() {
        var c = clean
        c.trips = [Trip(exit: d("1800-01-01"), entry: d("9999-12-31"))]
        let found = issues(c).filter { $0.level == .error }
        #expect(found.map(\.field) == ["trips[0].exit", "trips[0].entry"])
        #expect(found.map(\.message.key) == ["validation.trip.exit-before-birth", "validation.trip.entry-far-future"])
        #expect(found[1].message.args["latest"] == .date(today.adding(months: 120)))
        // 2026-08-01 … 9999-12-31 (2,912,230 days abroad before this check) is refused the same way.
        c.trips = [Trip(exit: d("2026-08-01"), entry: d("9999-12-31"))]
        #expect(issues(c).filter { $0.level == .error }.map(\.field) == ["trips[0].entry"])
        // Ten years ahead to the day is accepted; one day more is not.
        c.trips = [Trip(exit: d("2026-08-01"), entry: today.adding(months: 120))]
        #expect(issues(c).filter { $0.level == .error }.isEmpty)
        c.trips = [Trip(exit: d("2026-08-01"), entry: today.adding(months: 120).adding(days: 1))]
        #expect(issues(c).filter { $0.level == .error }.map(\.field) == ["trips[0].entry"])
        // Without a birth date, only the far-future limit applies.
        c.birthDate = nil
        c.trips = [Trip(exit: d("1800-01-01"), entry: d("1800-02-01"))]
        #expect(issues(c).filter { $0.level == .error }.isEmpty)
    }

    @Test("a clean record has no issues")
    func cleanRecord() {
        #expect(issues(clean).isEmpty)
    }

    // MARK: Foreigner id (RULES.md §10)

    // Hand computation for 99123456740: odd positions 9+1+3+5+7 = 25, even 9+2+4+6 = 21,
    // d10 = (7·25 − 21) mod 10 = 154 mod 10 = 4, d11 = (9+9+1+2+3+4+5+6+7+4) mod 10 = 50 mod 10 = 0.
    // For 99000000042: odd 9, even 9, d10 = (63 − 9) mod 10 = 4, d11 = (9+9+4) mod 10 = 2.
    @Test("foreigner ids that follow the checksum are valid", arguments: ["99123456740", "99000000042"])
    func validIds(id: String) {
        #expect(ForeignerId.check(id) == .valid)
    }

    @Test("a checksum mismatch is only a warning, naming the expected digits")
    func checksumMismatch() {
        guard case .checksumMismatch(let message) = ForeignerId.check("99123456741") else {
            Issue.record("expected a checksum mismatch")
            return
        }
        #expect(message.contains("40"))
        var c = clean
        c.foreignerId = "99123456741"
        #expect(errors(c).isEmpty)
        #expect(warnings(c).map(\.field) == ["foreignerId"])
        c.foreignerId = "99123456750"  // d10 wrong (5, expected 4)
        #expect(errors(c).isEmpty)
        #expect(warnings(c).map(\.field) == ["foreignerId"])
    }

    @Test("not 11 digits starting with 99 is a hard error",
          arguments: ["98123456740", "89123456740", "9912345674", "991234567400", "9912345674a", "99 123456740", "YKN"])
    func invalidIds(id: String) {
        guard case .invalid = ForeignerId.check(id) else {
            Issue.record("\(id) should be invalid")
            return
        }
        var c = clean
        c.foreignerId = id
        #expect(errors(c).map(\.field) == ["foreignerId"])
    }

    @Test("the error says which rule is broken")
    func invalidIdMessages() {
        if case .invalid(let m) = ForeignerId.check("98123456740") { #expect(m.contains("99")) } else {
            Issue.record("98… accepted")
        }
        if case .invalid(let m) = ForeignerId.check("9912345674") { #expect(m.contains("11")) } else {
            Issue.record("10 digits accepted")
        }
    }

    // MARK: Permits

    @Test("a permit ending before it starts is an error")
    func endBeforeStart() {
        var c = clean
        c.permits = [Permit(type: .shortTerm, start: d("2026-05-01"), end: d("2026-04-30"))]
        let e = errors(c)
        #expect(e.map(\.field) == ["permits[0].end"])
        #expect(e.first?.message.contains("2026-04-30") == true)
        // A one-day permit (start == end) is fine.
        c.permits = [Permit(type: .shortTerm, start: d("2026-05-01"), end: d("2026-05-01"))]
        #expect(errors(c).isEmpty)
    }

    @Test("a permit other than long-term must have an end")
    func missingEnd() {
        var c = clean
        c.permits = [Permit(type: .shortTerm, start: d("2025-01-01"), end: nil)]
        #expect(errors(c).map(\.field) == ["permits[0].end"])
        c.permits = [Permit(type: .longTerm, start: d("2025-01-01"), end: nil)]
        #expect(issues(c).isEmpty)
    }

    // Start and end are inclusive: 2024-01-01 – 2025-12-31 is exactly two years.
    @Test("a permit longer than its type allows is a warning",
          arguments: [
              (PermitType.shortTerm, "2024-01-01", "2025-12-31", false),
              (.shortTerm, "2024-01-01", "2026-01-01", true),
              (.family, "2023-03-01", "2026-02-28", false),
              (.family, "2023-03-01", "2026-03-01", true),
              (.humanitarian, "2025-05-01", "2026-04-30", false),
              (.humanitarian, "2025-05-01", "2026-05-01", true),
              (.student, "2020-09-01", "2026-08-31", false),
          ])
    func tooLong(type: PermitType, start: String, end: String, warned: Bool) {
        var c = clean
        c.permits = [Permit(type: type, start: d(start), end: d(end))]
        #expect(errors(c).isEmpty)
        #expect(warnings(c).contains { $0.field == "permits[0].end" } == warned)
    }

    // end 2026-09-30 + 60 days = 2026-11-29.
    @Test("a passport expiring less than 60 days after the permit's end is a warning",
          arguments: [("2026-11-28", true), ("2026-10-15", true), ("2026-11-29", false), ("2027-01-01", false)])
    func passportMargin(expiry: String, warned: Bool) {
        var c = clean
        c.passport.expires = d(expiry)
        #expect(errors(c).isEmpty)
        let w = warnings(c).filter { $0.field == "permits[0].end" }
        #expect(!w.isEmpty == warned)
        if warned { #expect(w.first?.message.contains(expiry) == true) }
    }

    // MARK: Trips

    @Test("re-entry before exit is an error")
    func entryBeforeExit() {
        var c = clean
        c.trips = [Trip(exit: d("2025-06-10"), entry: d("2025-06-01"))]
        #expect(errors(c).map(\.field) == ["trips[0].entry"])
    }

    @Test("overlapping trips are an error")
    func overlappingTrips() {
        var c = clean
        c.trips = [Trip(exit: d("2025-01-10"), entry: d("2025-02-10")),
                   Trip(exit: d("2025-02-01"), entry: d("2025-02-20"))]
        #expect(errors(c).map(\.field) == ["trips[1].exit"])
        // The order in the record does not matter.
        c.trips.reverse()
        #expect(errors(c).map(\.field) == ["trips[0].exit"])
    }

    @Test("a trip starting while an earlier one has no re-entry is an error")
    func tripAfterOpenTrip() {
        var c = clean
        c.trips = [Trip(exit: d("2025-01-10"), entry: nil), Trip(exit: d("2025-03-01"), entry: d("2025-03-10"))]
        #expect(errors(c).map(\.field) == ["trips[1].exit"])
    }

    @Test("separate trips are fine")
    func separateTrips() {
        var c = clean
        c.trips = [Trip(exit: d("2025-01-10"), entry: d("2025-02-10")),
                   Trip(exit: d("2025-03-01"), entry: d("2025-03-10")),
                   Trip(exit: d("2026-05-20"), entry: nil)]
        #expect(issues(c).isEmpty)
    }

    // MARK: Entry-Exit Record (RULES.md §8)

    func longTermClient(online: String?, requested: String) -> Client {
        var c = clean
        if let online {
            c.applications = [Application(id: "lt-1", kind: .longTerm, permitType: .longTerm, status: .submitted,
                                          submitted: d(online), filedBy: .client,
                                          steps: LongTermSteps(online: d(online)))]
        }
        c.longTerm.entryExitRecord = EntryExitRecord(requested: d(requested))
        return c
    }

    @Test("an Entry-Exit Record requested before the online long-term application is an error")
    func recordBeforeOnline() {
        let e = errors(longTermClient(online: "2026-03-10", requested: "2026-03-01"))
        #expect(e.map(\.field) == ["longTerm.entryExitRecord.requested"])
        #expect(e.first?.message.contains("2026-03-10") == true)
    }

    @Test("an Entry-Exit Record requested on or after the online application is fine")
    func recordAfterOnline() {
        #expect(errors(longTermClient(online: "2026-03-10", requested: "2026-03-10")).isEmpty)
        #expect(errors(longTermClient(online: "2026-03-10", requested: "2026-04-02")).isEmpty)
    }

    @Test("an Entry-Exit Record requested with no long-term application is an error")
    func recordWithoutApplication() {
        #expect(errors(longTermClient(online: nil, requested: "2026-03-01")).map(\.field)
                == ["longTerm.entryExitRecord.requested"])
    }

    // MARK: Ordering

    @Test("errors come before warnings")
    func errorsFirst() {
        var c = clean
        c.foreignerId = "99123456741"                                                          // warning
        c.permits = [Permit(type: .shortTerm, start: d("2026-05-01"), end: d("2026-04-30"))]  // error
        let levels = issues(c).map(\.level)
        #expect(levels.first == .error)
        #expect(levels.last == .warning)
    }

    // MARK: Data files

    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data")

    @Test("the shipped data equals the built-in standard values")
    func shippedDataIsStandard() throws {
        let data = try RuleData.load(from: ValidationTests.dataDirectory)
        #expect(data.parameters == RuleParameters.standard)
        #expect(data.holidays == HolidayTable.standard)
        #expect(data.parameters.problems().isEmpty)
        #expect(data.holidays.problems().isEmpty)
    }

    @Test("the standard parameters are the numbers of RULES.md")
    func standardParameters() {
        let p = RuleParameters.standard.deadlines
        #expect(p.extensionWindowDays == 60)
        #expect(p.workPermitWindowDays == 60)
        #expect(p.lateApplicationDays == 10)
        #expect(p.mailingCount == 5)
        #expect(p.mailingUnit == .workingDays)
        #expect(p.passportMarginDays == 60)
        #expect(p.entryExitFirstFollowUpDays == 30)
        #expect(p.entryExitRepeatDays == 14)
        #expect(p.cardFollowUpDays == 21)
        #expect(p.criticalDays == 7)
        #expect(p.soonDays == 30)
        #expect(RuleParameters.standard.timeZone == "Europe/Istanbul")
    }

    /// A copy of data/ with one file's text changed; returns the copy's URL.
    func brokenCopy(_ file: String, _ change: (String) -> String) throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("ikamet-data-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["rules.json", "holidays.json", "checklists.json"] {
            try fm.copyItem(at: ValidationTests.dataDirectory.appendingPathComponent(name),
                            to: dir.appendingPathComponent(name))
        }
        let url = dir.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the change must apply")
        try changed.write(to: url, atomically: true, encoding: .utf8)
        return dir
    }

    func loadError(_ dir: URL) -> String? {
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try RuleData.load(from: dir)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test("a malformed data file gives an error naming the file and the field",
          arguments: [
              ("rules.json", "\"mailingUnit\": \"working-days\"", "\"mailingUnit\": \"fortnights\"",
               "deadlines.mailingUnit"),
              ("rules.json", "\"soonDays\": 30", "\"soonDayz\": 30", "deadlines.soonDays"),
              ("rules.json", "\"entryExitRepeatDays\": 14", "\"entryExitRepeatDays\": 0", "deadlines.entryExitRepeatDays"),
              ("rules.json", "\"cardFollowUpDays\": 21", "\"cardFollowUpDays\": \"21\"", "deadlines.cardFollowUpDays"),
              ("holidays.json", "\"start\": \"2026-03-20\"", "\"start\": \"2026-02-30\"", "start"),
              ("checklists.json", "\"id\": \"photos\"", "\"id\": \"application-form\"", "application-form"),
          ])
    func malformed(file: String, find: String, replace: String, field: String) throws {
        let dir = try brokenCopy(file) { $0.replacingOccurrences(of: find, with: replace) }
        let message = try #require(loadError(dir))
        #expect(message.contains(file), "\(message)")
        #expect(message.contains(field), "\(message)")
    }

    @Test("a missing data folder is an error naming the file")
    func missingFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ikamet-none-\(UUID().uuidString)")
        let message = try #require(loadError(dir))
        #expect(message.contains("rules.json"))
    }

    @Test("text that is not JSON is an error naming the file")
    func notJSON() throws {
        let dir = try brokenCopy("holidays.json") { _ in "{ not json" }
        let message = try #require(loadError(dir))
        #expect(message.contains("holidays.json"))
        #expect(message.contains("JSON"))
    }
}
