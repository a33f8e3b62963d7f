import IkametTestSupport
import Testing
@testable import IkametCore

/// The deadline list of RULES.md §3 ("What the deadline list shows, and when"),
/// with the severities of our parameters: overdue < 0 days left; critical ≤ 7;
/// soon ≤ 30; upcoming beyond. Each expected date and day count is worked by hand.
///
/// The base permit is short-term 2025-10-01 – 2026-09-30, so:
/// window opens 2026-09-30 − 60 = 2026-08-01 (the rulebook's own example);
/// last filing day 2026-09-30; late filing until 2026-09-30 + 10 = 2026-10-10;
/// out of status from 2026-10-11.
@Suite("Deadline list")
struct DeadlineTests {
    let engine = DeadlineEngine()

    // MARK: Helpers

    func d(_ text: String) -> CivilDate {
        guard let date = CivilDate(text) else { fatalError("bad literal \(text)") }
        return date
    }

    func at(_ text: String) -> LocalDateTime {
        guard let value = try? LocalDateTime.parse(text) else { fatalError("bad literal \(text)") }
        return value
    }

    var base: Permit { Permit(type: .shortTerm, start: d("2025-10-01"), end: d("2026-09-30")) }

    func client(permits: [Permit]? = nil, passportExpires: String? = nil, applications: [Application] = [],
                powerOfAttorney: PowerOfAttorney? = nil, record: EntryExitRecord = EntryExitRecord()) -> Client {
        Client(id: "2026-0042", name: "Test Client",
               passport: Passport(number: "P1", expires: passportExpires.map { d($0) }),
               permits: permits ?? [base],
               longTerm: LongTermFile(entryExitRecord: record),
               applications: applications, powerOfAttorney: powerOfAttorney)
    }

    func extensionApp(_ status: ApplicationStatus, submitted: String? = "2026-09-10", delivery: Delivery = .mail,
                      mailed: String? = nil, id: String = "ext-1") -> Application {
        Application(id: id, kind: .extension, permitType: .shortTerm, status: status,
                    submitted: submitted.map { d($0) }, delivery: delivery, mailed: mailed.map { d($0) })
    }

    func firstApp(_ status: ApplicationStatus, submitted: String? = "2026-10-05", id: String = "first-1",
                  appointment: String? = nil, decided: String? = nil, filedBy: Filer = .attorney) -> Application {
        Application(id: id, kind: .first, permitType: .shortTerm, status: status,
                    submitted: submitted.map { d($0) }, appointment: appointment.map { at($0) },
                    decided: decided.map { d($0) }, filedBy: filedBy)
    }

    /// The items of the kinds under test: a pending application also gets a `decision-follow-up`
    /// (r2), which has its own tests below and is left out here so that each test reads one rule.
    func items(_ c: Client, _ today: String) -> [DeadlineItem] {
        engine.items(for: c, today: d(today)).filter { $0.kind != .decisionFollowUp }
    }

    /// Every item, decision follow-ups included.
    /// Every item, with the supporter a client names outside the store (a supporter in the store is the store's to resolve).
    func allItems(_ c: Client, _ today: String) -> [DeadlineItem] {
        engine.items(for: c, today: d(today), supporter: SupporterFacts.of(c, supporterFile: nil, today: d(today), engine: engine))
    }

    func kinds(_ items: [DeadlineItem]) -> [DeadlineKind] { items.map(\.kind) }

    /// A family permit to 2027-06-30 whose supporter (not a client) holds a permit to 2026-11-30.
    func dependentClient() -> Client {
        var c = client(permits: [Permit(type: .family, start: d("2025-07-01"), end: d("2027-06-30"))])
        c.supporter = .person(name: "Omar Haddad", permitEnd: d("2026-11-30"), citizen: false)
        return c
    }

    /// Exactly one item of `kind`, with this date, days left and severity.
    func expectItem(_ items: [DeadlineItem], _ kind: DeadlineKind, date: String, daysLeft: Int, severity: Severity,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        let found = items.filter { $0.kind == kind }
        guard found.count == 1, let item = found.first else {
            Issue.record("expected one \(kind.rawValue) item, found \(found.count): \(kinds(items).map(\.rawValue))",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(item.date == d(date), "\(kind.rawValue) date", sourceLocation: sourceLocation)
        #expect(item.daysLeft == daysLeft, "\(kind.rawValue) daysLeft", sourceLocation: sourceLocation)
        #expect(item.severity == severity, "\(kind.rawValue) severity", sourceLocation: sourceLocation)
        #expect(item.clientId == "2026-0042", sourceLocation: sourceLocation)
        #expect(item.explanation.summary.contains(date), "summary names the date", sourceLocation: sourceLocation)
    }

    func expectNone(_ items: [DeadlineItem], _ kind: DeadlineKind, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!items.contains { $0.kind == kind }, "unexpected \(kind.rawValue)", sourceLocation: sourceLocation)
    }

    // MARK: Severity thresholds (parameters criticalDays = 7, soonDays = 30)

    @Test("severity by days left",
          arguments: [(-30, Severity.overdue), (-1, .overdue), (0, .critical), (1, .critical), (7, .critical),
                      (8, .soon), (30, .soon), (31, .upcoming), (365, .upcoming)])
    func severityThresholds(daysLeft: Int, expected: Severity) {
        #expect(engine.severity(daysLeft: daysLeft) == expected)
    }

    @Test("severities order from most to least urgent")
    func severityOrder() {
        #expect(Severity.overdue < .critical)
        #expect(Severity.critical < .soon)
        #expect(Severity.soon < .upcoming)
    }

    // MARK: extension-window-opens: end − 60, listed while today < that date, no pending extension

    @Test("window opens and last filing day, far ahead (today 2026-06-01)")
    func windowFarAhead() {
        let list = items(client(), "2026-06-01")
        #expect(kinds(list) == [.extensionWindowOpens, .extensionDeadline])
        expectItem(list, .extensionWindowOpens, date: "2026-08-01", daysLeft: 61, severity: .upcoming)
        expectItem(list, .extensionDeadline, date: "2026-09-30", daysLeft: 121, severity: .upcoming)
    }

    @Test("window opens: severity boundaries",
          arguments: [("2026-07-01", 31, Severity.upcoming), ("2026-07-02", 30, .soon), ("2026-07-24", 8, .soon),
                      ("2026-07-25", 7, .critical), ("2026-07-31", 1, .critical)])
    func windowBoundaries(today: String, daysLeft: Int, severity: Severity) {
        expectItem(items(client(), today), .extensionWindowOpens, date: "2026-08-01", daysLeft: daysLeft, severity: severity)
    }

    @Test("window opens: not listed on the opening day or after", arguments: ["2026-08-01", "2026-08-02", "2026-09-30"])
    func windowGone(today: String) {
        let list = items(client(), today)
        expectNone(list, .extensionWindowOpens)
        #expect(list.contains { $0.kind == .extensionDeadline })
    }

    @Test("window opens: a pending extension hides both the window and the last filing day")
    func windowPendingExtension() {
        let list = items(client(applications: [extensionApp(.inReview, submitted: "2026-07-20", mailed: "2026-07-22")]),
                         "2026-07-31")
        expectNone(list, .extensionWindowOpens)
        expectNone(list, .extensionDeadline)
        #expect(list.isEmpty)
    }

    @Test("work permit: the same 60-day window, marked as our convention")
    func workPermitWindow() throws {
        let work = Permit(type: .workPermit, start: d("2025-10-01"), end: d("2026-09-30"))
        let list = items(client(permits: [work]), "2026-07-31")
        expectItem(list, .extensionWindowOpens, date: "2026-08-01", daysLeft: 1, severity: .critical)
        expectItem(list, .extensionDeadline, date: "2026-09-30", daysLeft: 61, severity: .upcoming)
        let window = try #require(list.first { $0.kind == .extensionWindowOpens })
        #expect(window.explanation.source.contains("[ours]"))
        #expect(window.explanation.conventions.joined().contains("60"))
    }

    @Test("work permit: a changed work-permit window parameter moves only the work permit's window")
    func workPermitWindowParameter() {
        var p = RuleParameters.standard
        p.deadlines.workPermitWindowDays = 90
        let custom = DeadlineEngine(parameters: p)
        let work = Permit(type: .workPermit, start: d("2025-10-01"), end: d("2026-09-30"))
        // 2026-09-30 − 90 days = 2026-07-02.
        let w = custom.items(for: client(permits: [work]), today: d("2026-06-01"))
        expectItem(w, .extensionWindowOpens, date: "2026-07-02", daysLeft: 31, severity: .upcoming)
        let s = custom.items(for: client(), today: d("2026-06-01"))
        expectItem(s, .extensionWindowOpens, date: "2026-08-01", daysLeft: 61, severity: .upcoming)
    }

    // MARK: extension-deadline: end, listed while today ≤ end, no pending extension

    @Test("last filing day: severity boundaries",
          arguments: [("2026-08-01", 60, Severity.upcoming), ("2026-08-30", 31, .upcoming), ("2026-08-31", 30, .soon),
                      ("2026-09-22", 8, .soon), ("2026-09-23", 7, .critical), ("2026-09-29", 1, .critical),
                      ("2026-09-30", 0, .critical)])
    func extensionDeadlineBoundaries(today: String, daysLeft: Int, severity: Severity) {
        let list = items(client(), today)
        #expect(kinds(list) == [.extensionDeadline])
        expectItem(list, .extensionDeadline, date: "2026-09-30", daysLeft: daysLeft, severity: severity)
    }

    @Test("last filing day: gone the day after the end, replaced by the late-application deadline")
    func extensionDeadlineGone() {
        let list = items(client(), "2026-10-01")
        expectNone(list, .extensionDeadline)
        #expect(kinds(list) == [.lateApplicationDeadline])
    }

    @Test("last filing day: hidden while an extension is pending",
          arguments: [ApplicationStatus.submitted, .documentsMailed, .appointmentBooked, .inReview])
    func extensionDeadlinePending(status: ApplicationStatus) {
        let app = extensionApp(status, submitted: "2026-09-10", delivery: .appointment)
        let list = items(client(applications: [app]), "2026-09-20")
        expectNone(list, .extensionWindowOpens)
        expectNone(list, .extensionDeadline)
    }

    @Test("last filing day: a draft, rejected or withdrawn extension is not pending",
          arguments: [ApplicationStatus.draft, .rejected, .withdrawn])
    func extensionDeadlineNotPending(status: ApplicationStatus) {
        let app = extensionApp(status, submitted: status == .draft ? nil : "2026-09-10")
        let list = items(client(applications: [app]), "2026-09-20")
        expectItem(list, .extensionDeadline, date: "2026-09-30", daysLeft: 10, severity: .soon)
    }

    @Test("last filing day: a pending first application is not an extension")
    func extensionDeadlineOtherPending() {
        let list = items(client(applications: [firstApp(.submitted, submitted: "2026-09-15")]), "2026-09-20")
        expectItem(list, .extensionDeadline, date: "2026-09-30", daysLeft: 10, severity: .soon)
    }

    // MARK: late-application-deadline: end + 10, end < today ≤ end + 10, no pending application

    @Test("late application: severity boundaries",
          arguments: [("2026-10-01", 9, Severity.soon), ("2026-10-02", 8, .soon), ("2026-10-03", 7, .critical),
                      ("2026-10-09", 1, .critical), ("2026-10-10", 0, .critical)])
    func lateBoundaries(today: String, daysLeft: Int, severity: Severity) {
        let list = items(client(), today)
        #expect(kinds(list) == [.lateApplicationDeadline])
        expectItem(list, .lateApplicationDeadline, date: "2026-10-10", daysLeft: daysLeft, severity: severity)
    }

    @Test("late application: not listed on the end day itself")
    func lateNotOnEndDay() {
        let list = items(client(), "2026-09-30")
        expectNone(list, .lateApplicationDeadline)
        expectNone(list, .outOfStatus)
    }

    @Test("late application: hidden by a pending extension (extension pending, not expired)")
    func latePendingExtension() {
        let app = extensionApp(.inReview, submitted: "2026-09-25", mailed: "2026-09-28")
        #expect(items(client(applications: [app]), "2026-10-05").isEmpty)
        #expect(items(client(applications: [app]), "2026-12-01").isEmpty)
    }

    @Test("late application: hidden by a pending first application")
    func latePendingFirst() {
        let list = items(client(applications: [firstApp(.submitted, submitted: "2026-10-05")]), "2026-10-06")
        expectNone(list, .lateApplicationDeadline)
        expectNone(list, .outOfStatus)
    }

    @Test("late application: a draft first application does not hide it")
    func lateDraft() {
        let list = items(client(applications: [firstApp(.draft, submitted: nil)]), "2026-10-05")
        expectItem(list, .lateApplicationDeadline, date: "2026-10-10", daysLeft: 5, severity: .critical)
    }

    // MARK: out-of-status: end + 11, today > end + 10, no pending application, always overdue

    @Test("out of status: from end + 11, always overdue",
          arguments: [("2026-10-11", 0), ("2026-10-12", -1), ("2026-10-20", -9), ("2027-01-01", -82)])
    func outOfStatus(today: String, daysLeft: Int) {
        let list = items(client(), today)
        #expect(kinds(list) == [.outOfStatus])
        expectItem(list, .outOfStatus, date: "2026-10-11", daysLeft: daysLeft, severity: .overdue)
    }

    @Test("out of status: not yet on the last late-filing day")
    func notOutOfStatusYet() {
        let list = items(client(), "2026-10-10")
        expectNone(list, .outOfStatus)
    }

    @Test("out of status: any pending application hides it",
          arguments: [ApplicationStatus.submitted, .documentsMailed, .appointmentBooked, .inReview])
    func outOfStatusPending(status: ApplicationStatus) {
        let first = firstApp(status, submitted: "2026-10-05")
        let transfer = Application(id: "tr-1", kind: .transfer, permitType: .family, status: status,
                                   submitted: d("2026-10-05"))
        for app in [first, transfer] {
            let list = items(client(applications: [app]), "2026-10-20")
            expectNone(list, .outOfStatus)
            expectNone(list, .lateApplicationDeadline)
        }
    }

    @Test("out of status: applications that are not pending do not hide it",
          arguments: [ApplicationStatus.draft, .approved, .rejected, .withdrawn])
    func outOfStatusNotPending(status: ApplicationStatus) {
        let app = firstApp(status, submitted: status == .draft ? nil : "2026-10-05")
        let list = items(client(applications: [app]), "2026-10-20")
        expectItem(list, .outOfStatus, date: "2026-10-11", daysLeft: -9, severity: .overdue)
    }

    // MARK: mail-documents: 5th working day after submitted, pending extension by post, not mailed

    var mailingPermit: Permit { Permit(type: .shortTerm, start: d("2025-11-16"), end: d("2026-11-15")) }

    @Test("mail documents: submitted Mon 2026-10-26, deadline Tue 2026-11-03",
          arguments: [("2026-10-26", 8, Severity.soon), ("2026-10-27", 7, .critical), ("2026-11-02", 1, .critical),
                      ("2026-11-03", 0, .critical), ("2026-11-04", -1, .overdue), ("2026-11-10", -7, .overdue)])
    func mailBoundaries(today: String, daysLeft: Int, severity: Severity) throws {
        let app = extensionApp(.submitted, submitted: "2026-10-26")
        let list = items(client(permits: [mailingPermit], applications: [app]), today)
        // From the day after the deadline the unposted extension lapses (r2): the permit's own deadline is back.
        #expect(kinds(list) == (daysLeft < 0 ? [.mailDocuments, .extensionDeadline] : [.mailDocuments]))
        expectItem(list, .mailDocuments, date: "2026-11-03", daysLeft: daysLeft, severity: severity)
        #expect(try #require(list.first).applicationId == "ext-1")
    }

    @Test("mail documents: RULES.md §4 examples 1 and 3 in the list")
    func mailExamples() {
        let p1 = Permit(type: .shortTerm, start: d("2025-11-01"), end: d("2026-10-31"))
        let l1 = items(client(permits: [p1], applications: [extensionApp(.submitted, submitted: "2026-10-01")]),
                       "2026-10-01")
        expectItem(l1, .mailDocuments, date: "2026-10-08", daysLeft: 7, severity: .critical)
        let p3 = Permit(type: .shortTerm, start: d("2025-04-10"), end: d("2026-04-09"))
        let l3 = items(client(permits: [p3], applications: [extensionApp(.submitted, submitted: "2026-03-18")]),
                       "2026-03-18")
        expectItem(l3, .mailDocuments, date: "2026-03-26", daysLeft: 8, severity: .soon)
    }

    @Test("mail documents: closed once mailed")
    func mailClosed() {
        let mailed = extensionApp(.documentsMailed, submitted: "2026-10-26", mailed: "2026-10-30")
        #expect(items(client(permits: [mailingPermit], applications: [mailed]), "2026-10-30").isEmpty)
        // A mailing date closes it even if the status was not moved on.
        let dated = extensionApp(.submitted, submitted: "2026-10-26", mailed: "2026-10-30")
        expectNone(items(client(permits: [mailingPermit], applications: [dated]), "2026-10-30"), .mailDocuments)
    }

    @Test("mail documents: none when documents go to an appointment")
    func mailAppointmentDelivery() {
        let app = extensionApp(.submitted, submitted: "2026-10-26", delivery: .appointment)
        let list = items(client(permits: [mailingPermit], applications: [app]), "2026-10-27")
        expectNone(list, .mailDocuments)
        #expect(list.isEmpty)
    }

    @Test("mail documents: none for a draft extension (not pending), which leaves the last filing day listed")
    func mailDraft() {
        let app = extensionApp(.draft, submitted: "2026-10-26")
        let list = items(client(permits: [mailingPermit], applications: [app]), "2026-10-27")
        expectNone(list, .mailDocuments)
        // 2026-10-27 → 2026-11-15 = 4 + 15 = 19 days.
        expectItem(list, .extensionDeadline, date: "2026-11-15", daysLeft: 19, severity: .soon)
    }

    @Test("mail documents: none for a pending first application")
    func mailFirstApplication() {
        let app = firstApp(.submitted, submitted: "2026-10-26")
        expectNone(items(client(permits: [mailingPermit], applications: [app]), "2026-10-27"), .mailDocuments)
    }

    @Test("mail documents: rejected or withdrawn extensions have none",
          arguments: [ApplicationStatus.rejected, .withdrawn, .approved])
    func mailDecided(status: ApplicationStatus) {
        let app = extensionApp(status, submitted: "2026-10-26")
        expectNone(items(client(permits: [mailingPermit], applications: [app]), "2026-10-27"), .mailDocuments)
    }

    // MARK: appointment: the appointment's date, today ≤ date, not withdrawn or rejected

    func appointmentClient(_ status: ApplicationStatus) -> Client {
        client(permits: [], applications: [firstApp(status, submitted: "2026-09-15", appointment: "2026-11-23T09:30")])
    }

    @Test("appointment: listed up to and including its day",
          arguments: [("2026-10-01", 53, Severity.upcoming), ("2026-10-24", 30, .soon), ("2026-11-15", 8, .soon),
                      ("2026-11-16", 7, .critical), ("2026-11-22", 1, .critical), ("2026-11-23", 0, .critical)])
    func appointmentBoundaries(today: String, daysLeft: Int, severity: Severity) throws {
        let list = items(appointmentClient(.appointmentBooked), today)
        #expect(kinds(list) == [.appointment])
        expectItem(list, .appointment, date: "2026-11-23", daysLeft: daysLeft, severity: severity)
        #expect(try #require(list.first).applicationId == "first-1")
        #expect(try #require(list.first).explanation.summary.contains("09:30"))
    }

    @Test("appointment: gone the day after")
    func appointmentPast() {
        #expect(items(appointmentClient(.appointmentBooked), "2026-11-24").isEmpty)
    }

    @Test("appointment: not for withdrawn or rejected applications", arguments: [ApplicationStatus.withdrawn, .rejected])
    func appointmentCancelled(status: ApplicationStatus) {
        expectNone(items(appointmentClient(status), "2026-11-20"), .appointment)
    }

    @Test("appointment: any other status keeps it",
          arguments: [ApplicationStatus.draft, .submitted, .documentsMailed, .inReview, .approved])
    func appointmentOtherStatuses(status: ApplicationStatus) {
        expectItem(items(appointmentClient(status), "2026-11-20"), .appointment, date: "2026-11-23", daysLeft: 3,
                   severity: .critical)
    }

    @Test("appointment: an extension delivered at an appointment shows the appointment, not a mailing deadline")
    func extensionAppointment() {
        var app = extensionApp(.appointmentBooked, submitted: "2026-10-26", delivery: .appointment)
        app.appointment = at("2026-11-09T14:00")
        let list = items(client(permits: [mailingPermit], applications: [app]), "2026-10-27")
        #expect(kinds(list) == [.appointment])
        // 2026-10-27 → 2026-11-09 = 4 + 9 = 13 days.
        expectItem(list, .appointment, date: "2026-11-09", daysLeft: 13, severity: .soon)
    }

    // MARK: passport-validity: expiry − 60, when expiry < current end + 60

    @Test("passport validity: expiry one day short of end + 60")
    func passportShort() {
        // end 2026-09-30 + 60 = 2026-11-29; expiry 2026-11-28 − 60 = 2026-09-29.
        let list = items(client(passportExpires: "2026-11-28"), "2026-09-01")
        expectItem(list, .passportValidity, date: "2026-09-29", daysLeft: 28, severity: .soon)
        expectItem(list, .extensionDeadline, date: "2026-09-30", daysLeft: 29, severity: .soon)
        #expect(kinds(list) == [.passportValidity, .extensionDeadline])
    }

    @Test("passport validity: not listed when expiry ≥ end + 60", arguments: ["2026-11-29", "2026-11-30", "2030-01-01"])
    func passportLongEnough(expiry: String) {
        expectNone(items(client(passportExpires: expiry), "2026-09-01"), .passportValidity)
    }

    @Test("passport validity: an already-too-short passport is overdue")
    func passportOverdue() {
        // expiry 2026-08-15 − 60 = 2026-06-16; 2026-06-16 → 2026-09-01 = 77 days.
        expectItem(items(client(passportExpires: "2026-08-15"), "2026-09-01"), .passportValidity,
                   date: "2026-06-16", daysLeft: -77, severity: .overdue)
    }

    @Test("passport validity: none without a passport expiry")
    func passportUnknown() {
        expectNone(items(client(passportExpires: nil), "2026-09-01"), .passportValidity)
    }

    @Test("passport validity: judged against the current permit, not an earlier one")
    func passportCurrentPermit() {
        let earlier = Permit(type: .shortTerm, start: d("2024-10-01"), end: d("2025-09-30"))
        let list = items(client(permits: [earlier, base], passportExpires: "2026-11-28"), "2026-09-01")
        expectItem(list, .passportValidity, date: "2026-09-29", daysLeft: 28, severity: .soon)
    }

    // MARK: Current permit selection

    @Test("current permit: of the permits containing today, the latest end", arguments: [false, true])
    func currentContaining(reversed: Bool) {
        let a = Permit(type: .shortTerm, start: d("2025-01-01"), end: d("2026-12-31"))
        let b = Permit(type: .family, start: d("2026-03-01"), end: d("2026-10-31"))
        let c = client(permits: reversed ? [b, a] : [a, b])
        #expect(DeadlineEngine.currentPermit(of: c, on: d("2026-09-01")) == a)
        let list = items(c, "2026-09-01")
        // 2026-12-31 − 60 = 2026-11-01.
        #expect(kinds(list) == [.extensionWindowOpens, .extensionDeadline])
        expectItem(list, .extensionWindowOpens, date: "2026-11-01", daysLeft: 61, severity: .upcoming)
        expectItem(list, .extensionDeadline, date: "2026-12-31", daysLeft: 121, severity: .upcoming)
    }

    @Test("current permit: a containing permit wins over a later-ending one that does not contain today")
    func currentContainingBeatsLaterEnd() {
        // The other permit starts 2026-09-15, not after the base's end, so the base is not renewed.
        let overlapping = Permit(type: .family, start: d("2026-09-15"), end: d("2027-09-14"))
        let c = client(permits: [overlapping, base])
        #expect(DeadlineEngine.currentPermit(of: c, on: d("2026-09-01")) == base)
        expectItem(items(c, "2026-09-01"), .extensionDeadline, date: "2026-09-30", daysLeft: 29, severity: .soon)
    }

    @Test("current permit: none contains today, the latest end", arguments: [false, true])
    func currentNoneContaining(reversed: Bool) {
        let a = Permit(type: .shortTerm, start: d("2024-01-01"), end: d("2024-12-31"))
        let b = Permit(type: .shortTerm, start: d("2025-01-01"), end: d("2025-06-30"))
        let c = client(permits: reversed ? [b, a] : [a, b])
        #expect(DeadlineEngine.currentPermit(of: c, on: d("2025-07-05")) == b)
        let list = items(c, "2025-07-05")
        #expect(kinds(list) == [.lateApplicationDeadline])
        expectItem(list, .lateApplicationDeadline, date: "2025-07-10", daysLeft: 5, severity: .critical)
    }

    @Test("current permit: in a gap before a recorded future permit, the future permit (latest end)")
    func currentInGap() {
        let a = Permit(type: .shortTerm, start: d("2025-01-01"), end: d("2025-12-31"))
        let b = Permit(type: .shortTerm, start: d("2026-02-01"), end: d("2027-01-31"))
        let c = client(permits: [a, b])
        #expect(DeadlineEngine.currentPermit(of: c, on: d("2026-01-05")) == b)
        let list = items(c, "2026-01-05")
        // 2027-01-31 − 60 = 2026-12-02; 2026-01-05 → 2026-12-02 = 331 days, → 2027-01-31 = 391 days.
        #expect(kinds(list) == [.extensionWindowOpens, .extensionDeadline])
        expectItem(list, .extensionWindowOpens, date: "2026-12-02", daysLeft: 331, severity: .upcoming)
        expectItem(list, .extensionDeadline, date: "2027-01-31", daysLeft: 391, severity: .upcoming)
    }

    @Test("current permit: a recorded later permit means renewed, no extension items")
    func renewed() {
        let next = Permit(type: .shortTerm, start: d("2026-10-01"), end: d("2027-09-30"))
        let c = client(permits: [base, next])
        #expect(DeadlineEngine.currentPermit(of: c, on: d("2026-09-15")) == base)
        #expect(items(c, "2026-09-15").isEmpty)
        #expect(items(c, "2026-07-01").isEmpty)
    }

    @Test("current permit: once the renewal starts it is the current permit; the old one has no late items")
    func renewalStarted() {
        let next = Permit(type: .shortTerm, start: d("2026-10-01"), end: d("2027-09-30"))
        let list = items(client(permits: [base, next]), "2026-10-05")
        expectNone(list, .lateApplicationDeadline)
        expectNone(list, .outOfStatus)
        // 2027-09-30 − 60 = 2027-08-01; 2026-10-05 → 2027-08-01 = 300 days.
        expectItem(list, .extensionWindowOpens, date: "2027-08-01", daysLeft: 300, severity: .upcoming)
    }

    @Test("current permit: long-term is never followed by extension or passport items")
    func longTermOnly() {
        let lt = Permit(type: .longTerm, start: d("2024-01-01"), end: nil)
        #expect(items(client(permits: [lt], passportExpires: "2026-02-01"), "2026-01-01").isEmpty)
    }

    @Test("current permit: a long-term permit containing today beats a short-term one (no end is the latest end)")
    func longTermBeatsShortTerm() {
        let st = Permit(type: .shortTerm, start: d("2025-06-01"), end: d("2026-12-31"))
        let lt = Permit(type: .longTerm, start: d("2026-01-01"), end: nil)
        for permits in [[st, lt], [lt, st]] {
            let c = client(permits: permits, passportExpires: "2026-07-01")
            #expect(DeadlineEngine.currentPermit(of: c, on: d("2026-06-01")) == lt)
            #expect(items(c, "2026-06-01").isEmpty)
        }
    }

    @Test("no permits: no permit items")
    func noPermits() {
        #expect(items(client(permits: [], passportExpires: "2026-07-01"), "2026-06-01").isEmpty)
    }

    // MARK: entry-exit-record-follow-up: requested + 30, then every 14 days, first ≥ today

    func recordClient(received: String? = nil) -> Client {
        let lt = Application(id: "lt-1", kind: .longTerm, permitType: .longTerm, status: .submitted,
                             submitted: d("2026-01-20"), steps: LongTermSteps(online: d("2026-01-20")))
        return client(permits: [], applications: [lt],
                      record: EntryExitRecord(requested: d("2026-02-02"), received: received.map { d($0) }))
    }

    @Test("Entry-Exit Record follow-up: 2026-02-02 + 30 = 2026-03-04, then 18 Mar, 1 Apr, 15 Apr, 29 Apr",
          arguments: [("2026-02-02", "2026-03-04", 30, Severity.soon),
                      ("2026-02-10", "2026-03-04", 22, .soon),
                      ("2026-03-03", "2026-03-04", 1, .critical),
                      ("2026-03-04", "2026-03-04", 0, .critical),
                      ("2026-03-05", "2026-03-18", 13, .soon),
                      ("2026-03-11", "2026-03-18", 7, .critical),
                      ("2026-03-18", "2026-03-18", 0, .critical),
                      ("2026-03-19", "2026-04-01", 13, .soon),
                      ("2026-04-15", "2026-04-15", 0, .critical),
                      ("2026-04-16", "2026-04-29", 13, .soon)])
    func recordFollowUp(today: String, date: String, daysLeft: Int, severity: Severity) {
        let list = items(recordClient(), today)
        #expect(kinds(list) == [.entryExitRecordFollowUp])
        expectItem(list, .entryExitRecordFollowUp, date: date, daysLeft: daysLeft, severity: severity)
    }

    @Test("Entry-Exit Record follow-up: none once received")
    func recordReceived() {
        expectNone(items(recordClient(received: "2026-04-10"), "2026-04-16"), .entryExitRecordFollowUp)
        expectNone(items(recordClient(received: "2026-04-10"), "2026-02-10"), .entryExitRecordFollowUp)
    }

    @Test("Entry-Exit Record follow-up: none when not requested")
    func recordNotRequested() {
        expectNone(items(client(permits: []), "2026-04-16"), .entryExitRecordFollowUp)
    }

    // MARK: card-follow-up: decision + 21, approved, card not received

    func approvedClient(_ status: ApplicationStatus = .approved, cardReceived: String? = nil) -> Client {
        var app = firstApp(status, submitted: "2026-04-01", decided: "2026-06-10", filedBy: .client)
        app.cardReceived = cardReceived.map { d($0) }
        return client(permits: [], applications: [app])
    }

    @Test("card follow-up: 2026-06-10 + 21 = 2026-07-01",
          arguments: [("2026-06-10", 21, Severity.soon), ("2026-06-23", 8, .soon), ("2026-06-24", 7, .critical),
                      ("2026-07-01", 0, .critical), ("2026-07-05", -4, .overdue)])
    func cardFollowUp(today: String, daysLeft: Int, severity: Severity) throws {
        let list = items(approvedClient(), today)
        #expect(kinds(list) == [.cardFollowUp])
        expectItem(list, .cardFollowUp, date: "2026-07-01", daysLeft: daysLeft, severity: severity)
        #expect(try #require(list.first).applicationId == "first-1")
    }

    @Test("card follow-up: none once the card is received")
    func cardReceived() {
        expectNone(items(approvedClient(cardReceived: "2026-06-28"), "2026-07-05"), .cardFollowUp)
    }

    @Test("card follow-up: none unless approved", arguments: [ApplicationStatus.rejected, .inReview, .withdrawn])
    func cardNotApproved(status: ApplicationStatus) {
        expectNone(items(approvedClient(status), "2026-06-20"), .cardFollowUp)
    }

    // MARK: power-of-attorney-expiry: when the office files and the power of attorney has an expiry

    func poaClient(filedBy: Filer?, expires: String?) -> Client {
        let apps = filedBy.map { [firstApp(.submitted, submitted: "2026-10-05", filedBy: $0)] } ?? []
        return client(permits: [], applications: apps,
                      powerOfAttorney: PowerOfAttorney(date: d("2025-12-01"), notary: "Beyoğlu 12",
                                                       expires: expires.map { d($0) }))
    }

    @Test("power of attorney: its expiry date, while the office files",
          arguments: [("2026-12-01", 30, Severity.soon), ("2026-11-30", 31, .upcoming), ("2026-12-24", 7, .critical),
                      ("2026-12-31", 0, .critical), ("2027-01-05", -5, .overdue)])
    func powerOfAttorney(today: String, daysLeft: Int, severity: Severity) {
        let list = items(poaClient(filedBy: .attorney, expires: "2026-12-31"), today)
        #expect(kinds(list) == [.powerOfAttorneyExpiry])
        expectItem(list, .powerOfAttorneyExpiry, date: "2026-12-31", daysLeft: daysLeft, severity: severity)
    }

    @Test("power of attorney: none when the client files, with no applications, or with no expiry")
    func powerOfAttorneyAbsent() {
        expectNone(items(poaClient(filedBy: .client, expires: "2026-12-31"), "2026-12-01"), .powerOfAttorneyExpiry)
        expectNone(items(poaClient(filedBy: nil, expires: "2026-12-31"), "2026-12-01"), .powerOfAttorneyExpiry)
        expectNone(items(poaClient(filedBy: .attorney, expires: nil), "2026-12-01"), .powerOfAttorneyExpiry)
    }

    @Test("power of attorney: one attorney-filed application among others is enough")
    func powerOfAttorneyMixed() {
        let apps = [firstApp(.withdrawn, submitted: "2026-09-01", id: "a", filedBy: .client),
                    firstApp(.submitted, submitted: "2026-10-05", id: "b", filedBy: .attorney)]
        let c = client(permits: [], applications: apps,
                       powerOfAttorney: PowerOfAttorney(expires: d("2026-12-31")))
        expectItem(items(c, "2026-12-01"), .powerOfAttorneyExpiry, date: "2026-12-31", daysLeft: 30, severity: .soon)
    }

    // MARK: Horizon filter

    /// today 2026-09-01: permit 2025-10-02 – 2026-10-01 (window opened 2026-08-02, already past);
    /// passport 2026-10-15 < 2026-10-01 + 60 = 2026-11-30 → item 2026-10-15 − 60 = 2026-08-16 (−16, overdue);
    /// approved 2026-08-12 → card 2026-09-02 (1); last filing day 2026-10-01 (30);
    /// power of attorney 2026-10-02 (31).
    var horizonClient: Client {
        let permit = Permit(type: .shortTerm, start: d("2025-10-02"), end: d("2026-10-01"))
        let app = firstApp(.approved, submitted: "2026-07-01", id: "tr-9", decided: "2026-08-12", filedBy: .attorney)
        return client(permits: [permit], passportExpires: "2026-10-15", applications: [app],
                      powerOfAttorney: PowerOfAttorney(expires: d("2026-10-02")))
    }

    @Test("horizon scenario: the full list, sorted by date")
    func horizonFullList() {
        let list = items(horizonClient, "2026-09-01")
        #expect(kinds(list) == [.passportValidity, .cardFollowUp, .extensionDeadline, .powerOfAttorneyExpiry])
        expectItem(list, .passportValidity, date: "2026-08-16", daysLeft: -16, severity: .overdue)
        expectItem(list, .cardFollowUp, date: "2026-09-02", daysLeft: 1, severity: .critical)
        expectItem(list, .extensionDeadline, date: "2026-10-01", daysLeft: 30, severity: .soon)
        expectItem(list, .powerOfAttorneyExpiry, date: "2026-10-02", daysLeft: 31, severity: .upcoming)
        #expect(list.map(\.date) == list.map(\.date).sorted())
    }

    @Test("horizon: inclusive of today + N, overdue always kept",
          arguments: [(0, [DeadlineKind.passportValidity]),
                      (1, [.passportValidity, .cardFollowUp]),
                      (29, [.passportValidity, .cardFollowUp]),
                      (30, [.passportValidity, .cardFollowUp, .extensionDeadline]),
                      (31, [.passportValidity, .cardFollowUp, .extensionDeadline, .powerOfAttorneyExpiry]),
                      (365, [.passportValidity, .cardFollowUp, .extensionDeadline, .powerOfAttorneyExpiry])])
    func horizon(days: Int, expected: [DeadlineKind]) {
        let today = d("2026-09-01")
        let list = engine.items(for: horizonClient, today: today)
        #expect(kinds(list.within(days: days, of: today)) == expected)
    }

    @Test("horizon 0 keeps an item dated today and the out-of-status alert dated today")
    func horizonToday() {
        let today = d("2026-10-11")
        let out = engine.items(for: client(), today: today).within(days: 0, of: today)
        #expect(kinds(out) == [.outOfStatus])
        let due = d("2026-09-30")
        #expect(kinds(engine.items(for: client(), today: due).within(days: 0, of: due)) == [.extensionDeadline])
        #expect(engine.items(for: client(), today: d("2026-09-29")).within(days: 0, of: d("2026-09-29")).isEmpty)
    }

    // MARK: Explanations

    @Test("every item names its rule and source, and its summary names the date")
    func explanations() {
        var app = extensionApp(.submitted, submitted: "2026-10-26")
        app.appointment = at("2026-11-20T10:00")
        let scenarios: [(Client, String)] = [
            (client(), "2026-07-31"),
            (client(), "2026-10-05"),
            (client(), "2026-10-20"),
            (client(permits: [mailingPermit], applications: [app]), "2026-10-27"),
            (horizonClient, "2026-09-01"),
            (recordClient(), "2026-03-19"),
            (dependentClient(), "2026-10-05"),
        ] + DeadlineR2Tests.scenarios
        var seen = Set<DeadlineKind>()
        for (c, today) in scenarios {
            for item in allItems(c, today) {
                seen.insert(item.kind)
                let e = item.explanation
                #expect(e.rule.hasPrefix("§"), "\(item.kind.rawValue)")
                #expect(e.text.contains("docs/rules.md " + e.rule), "\(item.kind.rawValue): the text cites docs/rules.md")
                #expect(!e.text.contains("RULES.md"), "\(item.kind.rawValue): outputs cite docs/rules.md")
                #expect(e.rule.contains(item.kind.rawValue), "\(item.kind.rawValue): rule '\(e.rule)'")
                #expect(!e.source.isEmpty, "\(item.kind.rawValue)")
                #expect(e.source.contains("["), "\(item.kind.rawValue): source is tagged [law]/[seed]/…")
                #expect(e.summary.contains(item.date.iso), "\(item.kind.rawValue): '\(e.summary.text)'")
                #expect(e.text.contains(e.rule))
            }
        }
        #expect(seen == Set(DeadlineKind.allCases))
    }

    @Test("explanations of [ours] parameters list the parameter values")
    func explanationConventions() throws {
        let window = try #require(items(client(), "2026-07-31").first { $0.kind == .extensionWindowOpens })
        #expect(window.explanation.summary.contains("60"))
        #expect(window.explanation.summary.contains("2026-09-30"))
        let late = try #require(items(client(), "2026-10-05").first)
        #expect(late.explanation.summary.contains("10"))
        #expect(!late.explanation.conventions.isEmpty)
        let mail = try #require(items(client(permits: [mailingPermit],
                                             applications: [extensionApp(.submitted, submitted: "2026-10-26")]),
                                      "2026-10-27").first)
        #expect(mail.explanation.conventions.contains { $0.contains("working") })
    }
}
