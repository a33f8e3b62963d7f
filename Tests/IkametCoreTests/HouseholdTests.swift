import Foundation
import IkametCore
import IkametTestSupport
import Testing

/// Issue 14 §2: a family permit never runs beyond the supporter's (RULES.md §2).
@Suite("Households")
struct HouseholdTests {
    func d(_ s: String) -> CivilDate { CivilDate(s)! }
    let today = CivilDate("2026-12-01")!
    let engine = DeadlineEngine()

    var supporter: Client {
        Client(id: "2024-0001", name: "Omar Haddad", permits: [Permit(type: .workPermit, start: d("2025-01-10"), end: d("2027-01-09"))])
    }

    func dependent(end: String = "2027-06-30", link: Supporter? = .client("2024-0001")) -> Client {
        Client(id: "2024-0002", name: "Lina Haddad", permits: [Permit(type: .family, start: d("2025-07-01"), end: d(end))],
               applications: [Application(id: "A1", kind: .extension, permitType: .family, status: .draft, requestedEnd: d("2028-06-30"))],
               supporter: link)
    }

    @Test("the supporter's permit ends first with nothing filed: the dependent's file gets the supporter-extension-first item, due by that end")
    func itemOnTheDependent() throws {
        let dep = dependent()
        let facts = try #require(SupporterFacts.of(dep, supporterFile: supporter, today: today, engine: engine))
        #expect(facts.permitEnd == d("2027-01-09") && !facts.extensionFiled && facts.found)
        let item = try #require(engine.items(for: dep, today: today, supporter: facts).first { $0.kind == .supporterExtensionFirst })
        #expect(item.date == d("2027-01-09") && item.daysLeft == 39)
        #expect(item.reason.text == "Omar Haddad (2024-0001)'s permit ends 2027-01-09, before this one")
        #expect(item.explanation.text.contains("ends 2027-06-30, after the permit of the supporter Omar Haddad (2024-0001), which ends 2027-01-09"))
        #expect(item.explanation.text.contains("docs/rules.md §2"))
        // Without the facts (no supporter resolved) there is no such item: the link alone decides nothing.
        #expect(!engine.items(for: dep, today: today).contains { $0.kind == .supporterExtensionFirst })
    }

    @Test("no item once the supporter has filed an extension, or when the supporter's permit ends last, or for a citizen")
    func noItem() throws {
        var filed = supporter
        filed.applications = [Application(id: "A1", kind: .extension, permitType: .workPermit, status: .submitted, submitted: d("2026-11-20"),
                                          delivery: .appointment)]
        let cases: [(Client, Client?)] = [
            (dependent(), filed),
            (dependent(end: "2026-12-31"), supporter),
            (dependent(link: .person(name: "Ayşe Yılmaz", permitEnd: nil, citizen: true)), nil),
        ]
        for (dep, file) in cases {
            let facts = SupporterFacts.of(dep, supporterFile: file, today: today, engine: engine)
            #expect(!engine.items(for: dep, today: today, supporter: facts).contains { $0.kind == .supporterExtensionFirst }, "\(dep.supporter as Any)")
        }
    }

    @Test("a person outside the store with a permit end counts like a client")
    func personOutside() throws {
        let dep = dependent(link: .person(name: "Omar Haddad", permitEnd: d("2027-01-09"), citizen: false))
        let facts = SupporterFacts.of(dep, supporterFile: nil, today: today, engine: engine)
        #expect(facts?.name == "Omar Haddad" && facts?.clientId == nil)
        #expect(engine.items(for: dep, today: today, supporter: facts).contains { $0.kind == .supporterExtensionFirst })
    }

    @Test("validation warns when the family permit or the requested end runs past the supporter's")
    func validationWarnings() throws {
        let dep = dependent()
        let facts = SupporterFacts.of(dep, supporterFile: supporter, today: today, engine: engine)
        let issues = Validator().validate(dep, today: today, supporter: facts).filter { $0.field.hasPrefix("permits") || $0.field.hasPrefix("applications") }
        #expect(issues.map(\.field) == ["permits[0].end", "applications[0].requestedEnd"])
        #expect(issues.allSatisfy { $0.level == .warning })
        #expect(issues[0].message.text.contains("the family permit ends 2027-06-30, after the permit of the supporter Omar Haddad (2024-0001) (2027-01-09)"))
    }

    @Test("a link to a client not in the store, to oneself, or a citizen with an end is reported")
    func badLinks() throws {
        let missing = dependent(link: .client("2099-0001"))
        let facts = SupporterFacts.of(missing, supporterFile: nil, today: today, engine: engine)
        #expect(Validator().validate(missing, today: today, supporter: facts).contains { $0.field == "supporter.client" && $0.message.text.contains("not in the store") })
        let selfLink = dependent(link: .client("2024-0002"))
        #expect(Validator().validate(selfLink, today: today).contains { $0.level == .error && $0.field == "supporter.client" })
        let citizen = dependent(link: .person(name: "Ayşe", permitEnd: d("2030-01-01"), citizen: true))
        #expect(Validator().validate(citizen, today: today).contains { $0.level == .error && $0.field == "supporter.permitEnd" })
    }

    @Test("the snapshot ends the day after the supporter's permit end (the item's severity and existence change then)")
    func snapshotValidity() throws {
        let computer = AgendaComputer(deadlines: engine, eligibility: EligibilityEngine())
        let dep = dependent()
        let snap = computer.snapshot(of: dep, today: today, supporter: SupporterFacts.of(dep, supporterFile: supporter, today: today, engine: engine))
        #expect(snap.entries.contains { $0.kind == "supporter-extension-first" })
        #expect(snap.validTo <= d("2027-01-09"))
    }

    @Test("the interchange form: {client} or {name, permitEnd, citizen}; both at once is refused")
    func interchange() throws {
        let decoder = JSONDecoder()
        let a = try decoder.decode(Supporter.self, from: Data(#"{"client":"2024-0001"}"#.utf8))
        #expect(a == .client("2024-0001"))
        let b = try decoder.decode(Supporter.self, from: Data(#"{"name":"Ayşe Yılmaz","citizen":true}"#.utf8))
        #expect(b == .person(name: "Ayşe Yılmaz", permitEnd: nil, citizen: true))
        #expect(throws: DecodingError.self) { try decoder.decode(Supporter.self, from: Data(#"{"client":"X","name":"Y"}"#.utf8)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(Supporter.person(name: "O", permitEnd: d("2027-01-09"), citizen: false)), as: UTF8.self)
                == #"{"citizen":false,"name":"O","permitEnd":"2027-01-09"}"#)
    }
}
