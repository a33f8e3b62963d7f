import Foundation
import IkametTestSupport
import Testing
@testable import IkametCore
import IkametData

/// Checklist templates (RULES.md §9) as shipped in data/checklists.json, and the
/// checklist state rules.
@Suite("Checklists")
struct ChecklistTests {
    /// The repository's data/ folder, found from this file (Tests/IkametCoreTests/ChecklistTests.swift).
    static let dataDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data")

    let templates: ChecklistTemplates

    init() throws {
        templates = try RuleData.load(from: ChecklistTests.dataDirectory).checklists
    }

    func ids(_ kind: ApplicationKind, _ type: PermitType, _ context: ChecklistContext = ChecklistContext()) -> [String] {
        templates.checklist(kind: kind, permitType: type, context: context).map(\.item)
    }

    // MARK: Template instantiation

    @Test("the shipped templates have no problems")
    func templatesAreClean() {
        #expect(templates.problems().isEmpty)
        #expect(!templates.items.isEmpty)
        #expect(templates.items.allSatisfy { !$0.source.isEmpty })
    }

    @Test("extension of a short-term permit: common items, notarized passport and permit copies, purpose document")
    func extensionShortTerm() {
        #expect(ids(.extension, .shortTerm) == [
            "application-form", "passport-notarized-copy", "photos", "health-insurance", "proof-of-address",
            "fee-receipts", "sufficient-means", "current-permit-copy", "uets-address", "purpose-document",
        ])
        // r2: the UETS e-notification address is an item of extension and transfer files.
        #expect(ids(.transfer, .shortTerm).contains("uets-address"))
        #expect(!ids(.first, .shortTerm).contains("uets-address"))
        // Extensions use notarized copies, never the original passport [seed].
        #expect(!ids(.extension, .shortTerm).contains("passport-original"))
        #expect(templates.needsNotarizedCopy("passport-notarized-copy"))
        #expect(templates.needsNotarizedCopy("current-permit-copy"))
        #expect(!templates.needsNotarizedCopy("photos"))
    }

    @Test("a fresh checklist has every item missing")
    func freshChecklist() {
        let list = templates.checklist(kind: .extension, permitType: .shortTerm, context: ChecklistContext())
        #expect(list.count == 10)
        #expect(list.allSatisfy { $0.state == .missing && $0.note == nil && $0.by == nil && $0.at == nil })
    }

    @Test("first family application for a minor with a supporter")
    func firstFamilyMinorSupporter() {
        let context = ChecklistContext(isMinor: true, hasFamilySupporter: true, hasForeignSupporter: true)
        #expect(ids(.first, .family, context) == [
            "application-form", "passport-copy", "passport-original", "photos", "health-insurance",
            "proof-of-address", "fee-receipts", "sufficient-means", "family-relation-certificate",
            "supporter-id", "supporter-permit", "supporter-income", "supporter-criminal-record",
            "supporter-address-registration", "parental-consent",
        ])
        #expect(templates.needsNotarizedCopy("family-relation-certificate"))
        #expect(templates.needsNotarizedCopy("parental-consent"))
        // r2: a Turkish citizen supporter has no residence permit to bring.
        let citizen = ChecklistContext(isMinor: true, hasFamilySupporter: true, hasForeignSupporter: false)
        #expect(ids(.first, .family, citizen).contains("supporter-id"))
        #expect(!ids(.first, .family, citizen).contains("supporter-permit"))
    }

    @Test("first family application for an adult without a supporter: no supporter items, no parental consent")
    func firstFamilyAdult() {
        #expect(ids(.first, .family) == [
            "application-form", "passport-copy", "passport-original", "photos", "health-insurance",
            "proof-of-address", "fee-receipts", "sufficient-means", "family-relation-certificate",
        ])
    }

    @Test("long-term application, with foreign documents")
    func longTerm() {
        let base = [
            "application-form", "passport-copy", "passport-original", "photos", "health-insurance", "proof-of-address",
            "fee-receipts", "sufficient-means", "uets-address", "previous-permits", "no-social-assistance", "proof-of-income",
            "criminal-record-home", "criminal-record-turkey", "address-registration", "entry-exit-record",
        ]
        #expect(ids(.longTerm, .longTerm) == base)
        #expect(ids(.longTerm, .longTerm, ChecklistContext(hasForeignDocuments: true))
                == base + ["foreign-documents-legalised"])
    }

    @Test("student: first application and extension")
    func student() {
        #expect(ids(.first, .student) == [
            "application-form", "passport-copy", "passport-original", "photos", "health-insurance",
            "proof-of-address", "fee-receipts", "sufficient-means", "student-certificate",
        ])
        #expect(ids(.extension, .student) == [
            "application-form", "passport-notarized-copy", "photos", "health-insurance", "proof-of-address",
            "fee-receipts", "sufficient-means", "current-permit-copy", "uets-address", "student-certificate",
        ])
    }

    @Test("transfer to a short-term permit shows the original passport and the purpose document")
    func transferShortTerm() {
        let list = ids(.transfer, .shortTerm)
        #expect(list.contains("passport-original"))
        #expect(list.contains("passport-copy"))
        #expect(list.contains("purpose-document"))
        #expect(!list.contains("current-permit-copy"))
        #expect(!list.contains("passport-notarized-copy"))
    }

    // MARK: State transitions

    @Test("a notarized item goes missing → received → certified → submitted")
    func notarizedPath() {
        var state = ChecklistState.missing
        var path = [state]
        for _ in 0..<4 {
            state = ChecklistRules.nextState(after: state, notarized: true)
            path.append(state)
        }
        #expect(path == [.missing, .received, .certified, .submitted, .submitted])
    }

    @Test("an item without a notarized copy goes missing → received → submitted")
    func plainPath() {
        var state = ChecklistState.missing
        var path = [state]
        for _ in 0..<3 {
            state = ChecklistRules.nextState(after: state, notarized: false)
            path.append(state)
        }
        #expect(path == [.missing, .received, .submitted, .submitted])
    }

    @Test("a waived item moved forward goes back to missing")
    func waivedToMissing() {
        #expect(ChecklistRules.nextState(after: .waived, notarized: true) == .missing)
        #expect(ChecklistRules.nextState(after: .waived, notarized: false) == .missing)
    }

    @Test("only a notarized item can be certified")
    func certifyOnlyNotarized() {
        let photos = ChecklistEntry(item: "photos", state: .received)
        let copy = ChecklistEntry(item: "passport-notarized-copy", state: .received)
        let refusal = ChecklistRules.check(photos, to: .certified, notarized: false, note: nil)
        #expect(refusal != nil)
        #expect(refusal?.contains("photos") == true)
        #expect(ChecklistRules.check(copy, to: .certified, notarized: true, note: nil) == nil)
    }

    @Test("waiving needs a reason")
    func waiveNeedsReason() {
        let entry = ChecklistEntry(item: "supporter-income")
        let noNote = ChecklistRules.check(entry, to: .waived, notarized: false, note: nil)
        #expect(noNote?.contains("reason") == true)
        #expect(noNote?.contains("supporter-income") == true)
        #expect(ChecklistRules.check(entry, to: .waived, notarized: false, note: "   ") != nil)
        #expect(ChecklistRules.check(entry, to: .waived, notarized: false, note: "") != nil)
        #expect(ChecklistRules.check(entry, to: .waived, notarized: false, note: "supporter is a Turkish citizen") == nil)
        // A reason already on the entry counts.
        let noted = ChecklistEntry(item: "supporter-income", note: "paid by a scholarship")
        #expect(ChecklistRules.check(noted, to: .waived, notarized: false, note: nil) == nil)
        // Other moves need no note.
        #expect(ChecklistRules.check(entry, to: .received, notarized: false, note: nil) == nil)
    }

    @Test("readiness: received is ready only where no notarized copy is needed")
    func readiness() {
        func ready(_ state: ChecklistState, _ notarized: Bool) -> Bool {
            ChecklistRules.isReady(ChecklistEntry(item: "x", state: state, note: "reason"), notarized: notarized)
        }
        #expect(!ready(.missing, false))
        #expect(!ready(.missing, true))
        #expect(ready(.received, false))
        #expect(!ready(.received, true))
        #expect(ready(.certified, true))
        #expect(ready(.submitted, true))
        #expect(ready(.submitted, false))
        #expect(ready(.waived, true))
        #expect(ready(.waived, false))
    }

    // MARK: Progress and blockers

    func application(kind: ApplicationKind, delivery: Delivery = .mail, states: [String: ChecklistState],
                     type: PermitType = .shortTerm) -> Application {
        let list = templates.checklist(kind: kind, permitType: type, context: ChecklistContext()).map { entry in
            var e = entry
            if let s = states[e.item] { e.state = s }
            if e.state == .waived { e.note = "not needed" }
            return e
        }
        return Application(id: "a1", kind: kind, permitType: type, status: .draft, delivery: delivery, checklist: list)
    }

    @Test("progress of an extension by post: blockers block the mailing")
    func progressExtensionByPost() {
        let app = application(kind: .extension, states: [
            "application-form": .submitted,
            "passport-notarized-copy": .received,   // still needs the notarized copy
            "photos": .waived,
            "current-permit-copy": .certified,
        ])
        let p = ChecklistProgress(application: app, templates: templates)
        #expect(p.total == 10)
        #expect(p.ready == 3)        // form (submitted), photos (waived), permit copy (certified)
        #expect(p.submitted == 1)
        #expect(p.waived == 1)
        #expect(p.blockedStep == "mailing")
        #expect(p.blockers.map(\.item) == [
            "passport-notarized-copy", "health-insurance", "proof-of-address", "fee-receipts",
            "sufficient-means", "uets-address", "purpose-document",
        ])
        #expect(p.blockers.first?.needs.contains("notarized") == true)
        #expect(p.summary.contains("3/10"))
        #expect(p.summary.contains("mailing"))
    }

    @Test("a missing notarized item needs to be received and certified")
    func missingNotarizedNeeds() {
        let app = application(kind: .extension, states: [:])
        let p = ChecklistProgress(application: app, templates: templates)
        #expect(p.ready == 0)
        #expect(p.blockers.count == 10)
        let copy = p.blockers.first { $0.item == "current-permit-copy" }
        #expect(copy?.needs.contains("certified") == true)
        let photos = p.blockers.first { $0.item == "photos" }
        #expect(photos?.needs.contains("certified") == false)
    }

    @Test("the blocked step is the appointment unless it is an extension by post",
          arguments: [(ApplicationKind.extension, Delivery.appointment), (.first, .mail), (.transfer, .mail),
                      (.longTerm, .mail)])
    func blockedStepAppointment(kind: ApplicationKind, delivery: Delivery) {
        let type: PermitType = kind == .longTerm ? .longTerm : .shortTerm
        let p = ChecklistProgress(application: application(kind: kind, delivery: delivery, states: [:], type: type),
                                  templates: templates)
        #expect(p.blockedStep == "appointment")
    }

    @Test("everything ready: nothing blocks")
    func allReady() {
        let list = templates.checklist(kind: .extension, permitType: .shortTerm, context: ChecklistContext())
        var states: [String: ChecklistState] = [:]
        for e in list { states[e.item] = templates.needsNotarizedCopy(e.item) ? .certified : .received }
        let p = ChecklistProgress(application: application(kind: .extension, states: states), templates: templates)
        #expect(p.ready == 10)
        #expect(p.blockers.isEmpty)
        #expect(p.summary.contains("10/10"))
        #expect(p.summary.contains("nothing blocks the mailing"))
    }

    @Test("a custom item (not in the templates) needs no notarized copy")
    func customItem() {
        var app = application(kind: .first, states: [:])
        app.checklist.append(ChecklistEntry(item: "custom-employer-letter", state: .received))
        let p = ChecklistProgress(application: app, templates: templates)
        #expect(!templates.needsNotarizedCopy("custom-employer-letter"))
        #expect(p.ready == 1)
        #expect(!p.blockers.contains { $0.item == "custom-employer-letter" })
    }
}
