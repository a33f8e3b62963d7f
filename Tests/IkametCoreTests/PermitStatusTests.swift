import IkametCore
import IkametTestSupport
import Testing

/// The permit status is one function of the core (issue 11), following the rule
/// parameters and the deadline engine's idea of "pending", which the screens format.
@Suite("Permit status")
struct PermitStatusTests {
    func d(_ s: String) -> CivilDate { CivilDate(s) ?? CivilDate(dayNumber: 0) }
    var client: Client {
        Client(id: "S-1", name: "Status", permits: [Permit(type: .shortTerm, start: d("2025-12-01"), end: d("2026-11-30"))])
    }

    @Test("valid, ended within the late-filing days, out of status: the late-filing days are the parameter's")
    func followsTheParameter() {
        let engine = DeadlineEngine()
        #expect(PermitStatus.of(client, today: d("2026-11-23"), engine: engine) == .valid(.shortTerm, until: d("2026-11-30"), extensionPending: false))
        #expect(PermitStatus.of(client, today: d("2026-12-05"), engine: engine) == .lateFilingPossible(ended: d("2026-11-30"), until: d("2026-12-10")))
        #expect(PermitStatus.of(client, today: d("2026-12-11"), engine: engine) == .outOfStatus(since: d("2026-12-11")))
        var parameters = RuleParameters.standard
        parameters.deadlines.lateApplicationDays = 15
        let fifteen = DeadlineEngine(parameters: parameters)
        #expect(PermitStatus.of(client, today: d("2026-12-11"), engine: fifteen) == .lateFilingPossible(ended: d("2026-11-30"), until: d("2026-12-15")))
        #expect(PermitStatus.of(client, today: d("2026-12-11"), engine: fifteen).message.text
                == "permit ended 2026-11-30 · late application possible until 2026-12-15")
        #expect(PermitStatus.of(client, today: d("2026-12-16"), engine: fifteen).message.text == "OUT OF STATUS since 2026-12-16")
    }

    @Test("an unposted extension that lapsed no longer keeps the client: the status says out of status, as the deadlines do")
    func lapsedExtension() {
        var c = client
        c.applications = [Application(id: "A1", kind: .extension, permitType: .shortTerm, status: .submitted,
                                      submitted: d("2026-11-16"), delivery: .mail)]
        let engine = DeadlineEngine()
        // Mailing deadline: 5 working days after Mon 16 Nov = Mon 23 Nov: pending that day, lapsed from Tue 24 Nov.
        #expect(PermitStatus.of(c, today: d("2026-11-23"), engine: engine) == .valid(.shortTerm, until: d("2026-11-30"), extensionPending: true))
        #expect(PermitStatus.of(c, today: d("2026-11-24"), engine: engine) == .valid(.shortTerm, until: d("2026-11-30"), extensionPending: false))
        #expect(PermitStatus.of(c, today: d("2026-12-20"), engine: engine) == .outOfStatus(since: d("2026-12-11")))
        c.applications[0].mailed = d("2026-11-20")
        #expect(PermitStatus.of(c, today: d("2026-12-20"), engine: engine) == .endedApplicationPending(.shortTerm, ended: d("2026-11-30")))
        #expect(PermitStatus.of(c, today: d("2026-12-20"), engine: engine).message.text
                == "Short-term permit ended 2026-11-30 · application pending: may stay")
    }
}
