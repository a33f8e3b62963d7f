import Foundation
import IkametTestSupport
import Testing
@testable import IkametCore

/// Revision 2 of the deadline list (RULES.md §3, §11): lapsed extensions, an
/// application to move standing in for the extension, rejected extensions, the
/// new kinds, the Entry-Exit Record follow-up ending with its application,
/// `filedBy` defaulting to `client`, closed files. Every date is worked by hand.
///
/// Base permit: short-term 2025-10-01 – 2026-09-30 (window opens 2026-08-01,
/// late filing until 2026-10-10, out of status from 2026-10-11).
@Suite("Deadline list, revision 2")
struct DeadlineR2Tests {
    let engine = DeadlineEngine()

    static func d(_ text: String) -> CivilDate {
        guard let date = CivilDate(text) else { fatalError("bad literal \(text)") }
        return date
    }
    func d(_ text: String) -> CivilDate { Self.d(text) }

    static let base = Permit(type: .shortTerm, start: d("2025-10-01"), end: d("2026-09-30"))
    /// Ends Sun 2026-11-15; an extension submitted Mon 2026-10-26 must be posted by Tue 2026-11-03.
    static let mailingPermit = Permit(type: .shortTerm, start: d("2025-11-16"), end: d("2026-11-15"))

    static func client(permits: [Permit] = [base], applications: [Application] = [],
                       record: EntryExitRecord = EntryExitRecord(), closed: ClosedFile? = nil) -> Client {
        Client(id: "2026-0042", name: "Test Client", permits: permits, longTerm: LongTermFile(entryExitRecord: record),
               applications: applications, closed: closed)
    }

    static func app(_ id: String, _ kind: ApplicationKind, _ status: ApplicationStatus, submitted: String?,
                    delivery: Delivery = .mail, mailed: String? = nil, decided: String? = nil,
                    requested: String? = nil, completed: String? = nil) -> Application {
        Application(id: id, kind: kind, permitType: kind == .longTerm ? .longTerm : .shortTerm, status: status,
                    submitted: submitted.map { d($0) }, delivery: delivery, mailed: mailed.map { d($0) },
                    decided: decided.map { d($0) }, documentsRequested: requested.map { d($0) },
                    documentsCompleted: completed.map { d($0) })
    }

    func items(_ c: Client, _ today: String) -> [DeadlineItem] { engine.items(for: c, today: d(today)) }
    func kinds(_ items: [DeadlineItem]) -> [DeadlineKind] { items.map(\.kind) }

    func expectItem(_ items: [DeadlineItem], _ kind: DeadlineKind, date: String, daysLeft: Int, severity: Severity,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        let matching = items.filter { $0.kind == kind }
        #expect(matching.count == 1, "one \(kind.rawValue) item, got \(matching.count)", sourceLocation: sourceLocation)
        guard let item = matching.first else { return }
        #expect(item.date == d(date), sourceLocation: sourceLocation)
        #expect(item.daysLeft == daysLeft, sourceLocation: sourceLocation)
        #expect(item.severity == severity, sourceLocation: sourceLocation)
    }

    // MARK: Lapsed extension

    var unposted: Application { Self.app("ext-1", .extension, .submitted, submitted: "2026-10-26") }

    @Test("lapse: an unposted extension counts as pending through its mailing deadline 2026-11-03")
    func pendingThroughDeadline() {
        let c = Self.client(permits: [Self.mailingPermit], applications: [unposted])
        #expect(engine.lapseDate(of: unposted) == d("2026-11-04"))
        #expect(engine.isPending(unposted, on: d("2026-11-03")))
        #expect(!engine.isPending(unposted, on: d("2026-11-04")))
        // 26 Oct + 90 days = 24 Jan 2027.
        #expect(kinds(items(c, "2026-11-03")) == [.mailDocuments, .decisionFollowUp])
    }

    @Test("lapse: from 2026-11-04 the extension items come back and the mailing item stays, overdue")
    func lapsedBringsBackTheExtensionItems() throws {
        let c = Self.client(permits: [Self.mailingPermit], applications: [unposted])
        let day1 = items(c, "2026-11-04")
        #expect(kinds(day1) == [.mailDocuments, .extensionDeadline])
        expectItem(day1, .mailDocuments, date: "2026-11-03", daysLeft: -1, severity: .overdue)
        expectItem(day1, .extensionDeadline, date: "2026-11-15", daysLeft: 11, severity: .soon)
        let mail = try #require(day1.first)
        #expect(mail.explanation.warnings.contains { $0.contains("no longer counts as pending") })
        // After the end: the late first application, 15 Nov + 10 = 25 Nov.
        let late = items(c, "2026-11-16")
        #expect(kinds(late) == [.mailDocuments, .lateApplicationDeadline])
        expectItem(late, .lateApplicationDeadline, date: "2026-11-25", daysLeft: 9, severity: .soon)
        let lateItem = try #require(late.first { $0.kind == .lateApplicationDeadline })
        #expect(lateItem.explanation.conventions.contains { $0.contains("ext-1 lapsed on 2026-11-04") })
        // Then out of status from 26 Nov.
        expectItem(items(c, "2026-11-30"), .outOfStatus, date: "2026-11-26", daysLeft: -4, severity: .overdue)
    }

    @Test("lapse: documents mailed after the deadline lapse it too; documents-mailed without a date counts as in time")
    func mailedLateAndMailedWithoutDate() {
        let late = Self.app("ext-1", .extension, .documentsMailed, submitted: "2026-10-26", mailed: "2026-11-05")
        #expect(engine.lapseDate(of: late) == d("2026-11-04"))
        #expect(kinds(items(Self.client(permits: [Self.mailingPermit], applications: [late]), "2026-11-16")) == [.lateApplicationDeadline])
        let onTime = Self.app("ext-1", .extension, .documentsMailed, submitted: "2026-10-26", mailed: "2026-11-03")
        #expect(engine.lapseDate(of: onTime) == nil)
        let noDate = Self.app("ext-1", .extension, .documentsMailed, submitted: "2026-10-26")
        #expect(engine.lapseDate(of: noDate) == nil)
        #expect(kinds(items(Self.client(permits: [Self.mailingPermit], applications: [noDate]), "2026-11-16")) == [.decisionFollowUp])
        let atAppointment = Self.app("ext-1", .extension, .submitted, submitted: "2026-10-26", delivery: .appointment)
        #expect(engine.lapseDate(of: atAppointment) == nil)
    }

    // MARK: An application to move stands in for the extension

    @Test("a pending transfer or long-term application: no window and no extension deadline; a draft does not count",
          arguments: [ApplicationKind.transfer, .longTerm])
    func moveStandsIn(kind: ApplicationKind) {
        let move = Self.app("mv-1", kind, .submitted, submitted: "2026-07-15")
        let list = items(Self.client(applications: [move]), "2026-07-20")
        #expect(!kinds(list).contains(.extensionWindowOpens))
        #expect(!kinds(list).contains(.extensionDeadline))
        // 15 Jul + 90 days = 13 Oct; a long-term application: 15 Jul + 8 months = 15 Mar 2027.
        expectItem(list, .decisionFollowUp, date: kind == .longTerm ? "2027-03-15" : "2026-10-13",
                   daysLeft: kind == .longTerm ? 238 : 85, severity: .upcoming)
        let draft = Self.app("mv-1", kind, .draft, submitted: nil)
        #expect(kinds(items(Self.client(applications: [draft]), "2026-07-20")) == [.extensionWindowOpens, .extensionDeadline])
    }

    // MARK: Rejected extension

    func rejected(_ decided: String, submitted: String = "2026-09-15", id: String = "ext-1") -> Application {
        Self.app(id, .extension, .rejected, submitted: submitted, decided: decided)
    }

    @Test("rejected after the end (2026-10-20): leave by 2026-10-30, then out of status from 2026-10-31",
          arguments: [("2026-10-21", "leave", 9, Severity.soon), ("2026-10-30", "leave", 0, .critical),
                      ("2026-10-31", "out", 0, .overdue), ("2026-11-10", "out", -10, .overdue)])
    func rejectedAfterEnd(today: String, what: String, daysLeft: Int, severity: Severity) throws {
        let list = items(Self.client(applications: [rejected("2026-10-20")]), today)
        if what == "leave" {
            #expect(kinds(list) == [.leaveAfterRejection])
            expectItem(list, .leaveAfterRejection, date: "2026-10-30", daysLeft: daysLeft, severity: severity)
        } else {
            #expect(kinds(list) == [.outOfStatus])
            expectItem(list, .outOfStatus, date: "2026-10-31", daysLeft: daysLeft, severity: severity)
        }
        let item = try #require(list.first)
        #expect(item.applicationId == "ext-1")
        #expect(item.explanation.conventions.contains { $0.contains("rejectionLeaveDays") })
    }

    @Test("a rejection on or before the end changes nothing: the usual late filing until 2026-10-10")
    func rejectedBeforeEnd() {
        let list = items(Self.client(applications: [rejected("2026-09-30")]), "2026-10-05")
        #expect(kinds(list) == [.lateApplicationDeadline])
        expectItem(list, .lateApplicationDeadline, date: "2026-10-10", daysLeft: 5, severity: .critical)
    }

    @Test("an extension submitted after the end is not timely: its rejection gives the usual out of status")
    func untimelyRejection() {
        let list = items(Self.client(applications: [rejected("2026-10-20", submitted: "2026-10-02")]), "2026-10-21")
        #expect(kinds(list) == [.outOfStatus])
        expectItem(list, .outOfStatus, date: "2026-10-11", daysLeft: -10, severity: .overdue)
    }

    @Test("several timely rejections: the latest decision counts; a pending application or a later permit: none")
    func latestRejectionAndConditions() {
        let two = Self.client(applications: [rejected("2026-10-20"), rejected("2026-10-05", submitted: "2026-09-01", id: "ext-0")])
        expectItem(items(two, "2026-10-21"), .leaveAfterRejection, date: "2026-10-30", daysLeft: 9, severity: .soon)
        let pending = Self.client(applications: [rejected("2026-10-20"), Self.app("first-1", .first, .submitted, submitted: "2026-10-25")])
        #expect(kinds(items(pending, "2026-10-26")) == [.decisionFollowUp])
        let renewed = Self.client(permits: [Self.base, Permit(type: .shortTerm, start: d("2026-11-01"), end: d("2027-10-31"))],
                                  applications: [rejected("2026-10-20")])
        #expect(!kinds(items(renewed, "2026-10-21")).contains(.leaveAfterRejection))
    }

    // MARK: New kinds

    @Test("decision follow-up: submitted + 90 days; long-term + 8 months, clamped; none without a submission date or once decided")
    func decisionFollowUp() {
        let ext = Self.app("ext-1", .extension, .inReview, submitted: "2026-09-10", delivery: .appointment)
        // 10 Sep + 90 days: 20 days to 30 Sep, 31 in Oct (51), 30 in Nov (81), 9 Dec (90).
        expectItem(items(Self.client(applications: [ext]), "2026-11-23"), .decisionFollowUp, date: "2026-12-09", daysLeft: 16, severity: .soon)
        let lt = Self.app("lt-1", .longTerm, .inReview, submitted: "2026-06-30")
        // 30 Jun 2026 + 8 months = 30 Feb 2027 → 28 Feb 2027.
        expectItem(items(Self.client(applications: [lt]), "2026-11-23"), .decisionFollowUp, date: "2027-02-28", daysLeft: 97, severity: .upcoming)
        let overdue = Self.app("lt-1", .longTerm, .inReview, submitted: "2026-03-31")
        // 31 Mar + 8 months = 30 Nov (clamped).
        expectItem(items(Self.client(applications: [overdue]), "2026-12-01"), .decisionFollowUp, date: "2026-11-30", daysLeft: -1, severity: .overdue)
        let noDate = Self.app("ext-1", .extension, .inReview, submitted: nil, delivery: .appointment)
        #expect(!kinds(items(Self.client(applications: [noDate]), "2026-09-20")).contains(.decisionFollowUp))
        let approved = Self.app("ext-1", .extension, .approved, submitted: "2026-09-10", delivery: .appointment, decided: "2026-10-01")
        #expect(!kinds(items(Self.client(applications: [approved]), "2026-10-02")).contains(.decisionFollowUp))
    }

    @Test("complete documents: requested 2026-11-02 + 30 = 2026-12-02, while pending and not completed")
    func completeDocuments() {
        let asked = Self.app("first-1", .first, .inReview, submitted: "2026-10-05", requested: "2026-11-02")
        expectItem(items(Self.client(applications: [asked]), "2026-11-23"), .completeDocuments, date: "2026-12-02", daysLeft: 9, severity: .soon)
        expectItem(items(Self.client(applications: [asked]), "2026-12-03"), .completeDocuments, date: "2026-12-02", daysLeft: -1, severity: .overdue)
        let done = Self.app("first-1", .first, .inReview, submitted: "2026-10-05", requested: "2026-11-02", completed: "2026-11-20")
        #expect(!kinds(items(Self.client(applications: [done]), "2026-11-23")).contains(.completeDocuments))
        let withdrawn = Self.app("first-1", .first, .withdrawn, submitted: "2026-10-05", requested: "2026-11-02")
        #expect(!kinds(items(Self.client(applications: [withdrawn]), "2026-11-23")).contains(.completeDocuments))
    }

    static let longTermApp = app("lt-1", .longTerm, .inReview, submitted: "2026-01-10")

    @Test("NEGATIVE record with a pending long-term application: dated the day received, always overdue")
    func negativeRecord() throws {
        let record = EntryExitRecord(requested: d("2026-02-02"), received: d("2026-04-20"), result: .negative)
        for today in ["2026-04-20", "2026-05-01"] {
            let list = items(Self.client(permits: [Self.base], applications: [Self.longTermApp], record: record), today)
            let item = try #require(list.first { $0.kind == .entryExitRecordNegative })
            #expect(item.date == d("2026-04-20"))
            #expect(item.severity == .overdue)
            #expect(item.applicationId == "lt-1")
        }
        var withdrawn = Self.longTermApp
        withdrawn.status = .withdrawn
        #expect(!kinds(items(Self.client(applications: [withdrawn], record: record), "2026-05-01")).contains(.entryExitRecordNegative))
        let positive = EntryExitRecord(requested: d("2026-02-02"), received: d("2026-04-20"), result: .positive)
        #expect(!kinds(items(Self.client(applications: [Self.longTermApp], record: positive), "2026-05-01")).contains(.entryExitRecordNegative))
    }

    @Test("Entry-Exit follow-up stops once its long-term application is approved, rejected or withdrawn",
          arguments: [(ApplicationStatus.inReview, true), (.approved, false), (.rejected, false), (.withdrawn, false)])
    func followUpEndsWithItsApplication(status: ApplicationStatus, listed: Bool) {
        var app = Self.longTermApp
        app.status = status
        app.decided = status == .inReview ? nil : d("2026-03-01")
        let record = EntryExitRecord(requested: d("2026-02-02"))
        let list = items(Self.client(applications: [app], record: record), "2026-03-10")
        #expect(kinds(list).contains(.entryExitRecordFollowUp) == listed)
        if listed { expectItem(list, .entryExitRecordFollowUp, date: "2026-03-18", daysLeft: 8, severity: .soon) }
    }

    // MARK: Who files, closed files

    @Test("filedBy absent means client: an imported application without it gets no power-of-attorney item")
    func filedByDefault() throws {
        let json = #"{"id":"a1","kind":"first","permitType":"short-term","status":"submitted","submitted":"2026-10-05"}"#
        let decoded = try JSONDecoder().decode(Application.self, from: Data(json.utf8))
        #expect(decoded.filedBy == .client)
        #expect(Application(id: "a1", kind: .first, permitType: .shortTerm).filedBy == .client)
        var c = Self.client(applications: [decoded])
        c.powerOfAttorney = PowerOfAttorney(date: d("2025-01-01"), notary: "Kadıköy 3. Noterliği", expires: d("2027-01-01"))
        #expect(!kinds(items(c, "2026-10-06")).contains(.powerOfAttorneyExpiry))
    }

    @Test("closed file: nothing from the closing date on, whatever the item's date; normal before it")
    func closedFile() {
        let closed = ClosedFile(date: d("2026-09-20"), reason: .leftTurkey, note: nil)
        let c = Self.client(applications: [Self.app("ext-1", .extension, .submitted, submitted: "2026-09-15")], closed: closed)
        #expect(items(c, "2026-09-20").isEmpty)
        #expect(items(c, "2026-12-01").isEmpty)
        #expect(!items(c, "2026-09-19").isEmpty)
    }

    /// Clients and days on which each r2 kind is listed (used by the explanation test in DeadlineTests).
    static var scenarios: [(Client, String)] {
        [
            (client(permits: [mailingPermit], applications: [app("ext-1", .extension, .submitted, submitted: "2026-10-26")]), "2026-11-16"),
            (client(applications: [app("ext-1", .extension, .rejected, submitted: "2026-09-15", decided: "2026-10-20")]), "2026-10-21"),
            (client(applications: [app("first-1", .first, .inReview, submitted: "2026-10-05", requested: "2026-11-02")]), "2026-11-23"),
            (client(applications: [longTermApp],
                    record: EntryExitRecord(requested: d("2026-02-02"), received: d("2026-04-20"), result: .negative)), "2026-05-01"),
        ]
    }
}

/// RULES.md §8a (r2): what e-ikamet asks again, and what counts as a mismatch.
@Suite("Submission snapshot, revision 2")
struct SnapshotR2Tests {
    @Test("identity fields differ, permit fields are for reference, unrecorded fields are no mismatch")
    func differences() {
        let d = { (s: String) in CivilDate(s) ?? CivilDate(dayNumber: 0) }
        var c = Client(id: "S-1", name: "Milica Jovanović", nationality: "RS", birthDate: d("1990-01-02"),
                       passport: Passport(number: "P1", expires: d("2030-01-01")), address: "Alsancak",
                       permits: [Permit(type: .shortTerm, start: d("2025-01-01"), end: d("2025-12-31"), number: "35-1")],
                       fatherName: "Dragan", sex: .female, maritalStatus: .married)
        let submitted = SubmissionSnapshot.of(c, on: d("2025-12-01"))
        #expect(submitted.fatherName == "Dragan" && submitted.sex == .female && submitted.permitNumber == "35-1")
        // A renewal changes only permit fields: no difference.
        c.permits.append(Permit(type: .shortTerm, start: d("2026-01-01"), end: d("2026-12-31"), number: "35-2"))
        #expect(submitted.differences(from: SubmissionSnapshot.of(c, on: d("2026-11-01"))).isEmpty)
        // A new passport and a new marital status are mismatches to re-check.
        c.passport.number = "P2"
        c.maritalStatus = .divorced
        #expect(submitted.differences(from: SubmissionSnapshot.of(c, on: d("2026-11-01"))).map(\.field)
                == ["maritalStatus", "passportNumber"])
        #expect(submitted.differences(from: SubmissionSnapshot.of(c, on: d("2026-11-01"))).map { $0.term.text }
                == ["Marital status", "Passport number"])
        // A snapshot taken before r2 did not record the father's name: not a mismatch.
        var old = submitted
        old.fatherName = nil
        c.passport.number = "P1"; c.maritalStatus = .married
        #expect(old.differences(from: SubmissionSnapshot.of(c, on: d("2026-11-01"))).isEmpty)
    }
}
