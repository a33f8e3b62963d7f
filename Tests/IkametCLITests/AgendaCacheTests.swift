import Foundation
import IkametTestSupport
import Testing
@testable import IkametCLI
import IkametTUI
import IkametCore
import IkametInterchange
import IkametData
@testable import IkametStore
import IkametInterchange
import IkametText
import GRDB

/// The store's cached agenda snapshots must give exactly what the engines
/// compute directly, on every day of their validity and after it.
@Suite("Agenda snapshots and their validity")
struct AgendaCacheTests {
    static let today = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0)

    static func rules() throws -> (AgendaRules, RuleData) {
        let data = try RuleData.load(from: Repo.data)
        return (Context.agendaRules(parameters: data.parameters, data: data), data)
    }

    static func caseload() throws -> [Client] {
        let demo = try Interchange.decode(Data(contentsOf: Repo.data.appendingPathComponent("demo.json"))).clients
        return demo + SyntheticCaseload.generate(count: 150, seed: 7, today: today)
    }

    /// Entries compared on what a list shows; the long-term explanation's numbers
    /// belong to the day it was computed, so only its kind, date and reason are compared.
    static func key(_ e: AgendaSnapshot.Entry) -> String {
        e.kind == AgendaSnapshot.longTermKind ? "\(e.kind)|\(e.date)" : "\(e.kind)|\(e.date)|\(e.applicationId ?? "")|\(MessageCodec.encode(e.reason))|\(MessageCodec.encode(e.explanation.facts))"
    }

    @Test("a snapshot stays exact on every day of its validity")
    func snapshotValidity() throws {
        let (rules, _) = try Self.rules()
        var checkedDays = 0, shortest = Int.max
        for c in try Self.caseload() {
            for start in [Self.today, Self.today.adding(days: 37), Self.today.adding(days: -200)] {
                let snap = rules.computer.snapshot(of: c, today: start)
                #expect(snap.validTo >= start, "client \(c.id): validity ends before it starts")
                shortest = min(shortest, start.days(to: snap.validTo))
                let expected = snap.entries.map(Self.key).sorted()
                var day = start
                while day <= min(snap.validTo, start.adding(days: 60)) {
                    let now = rules.computer.snapshot(of: c, today: day).entries.map(Self.key).sorted()
                    #expect(now == expected, "client \(c.id): entries on \(day) differ from those computed on \(start) (valid to \(snap.validTo))")
                    if now != expected { return }
                    day = day.adding(days: 1)
                    checkedDays += 1
                }
                // The day after the validity may differ; that is why it ends there (not asserted).
            }
        }
        #expect(checkedDays > 5_000)
    }

    @Test("deadlines read from the store equal the engine's, on the day of the import and on later days")
    func storeMatchesEngine() throws {
        let (rules, data) = try Self.rules()
        let clients = try Self.caseload()
        let store = try OfficeStore.inMemory()
        store.configure(agenda: rules)
        let validator = Validator(parameters: data.parameters)
        _ = try store.importClients(clients, by: Actor(user: "T", timestamp: "2026-11-23T09:00:00+03:00"), today: Self.today, validator: validator)
        let engine = rules.computer.deadlines
        for offset in [0, 1, 6, 30, 45, 200, -15] {
            let day = Self.today.adding(days: offset)
            if offset == 30 { try store.refreshAgenda(today: day, rules: rules) }  // both paths: refreshed and computed in memory
            for within in [0, 30, 90] {
                let fromStore = try store.agendaEntries(today: day, rules: rules, through: day.adding(days: within),
                                                        kinds: DeadlineKind.allCases.map(\.rawValue))
                    .compactMap { $0.entry.deadlineItem(clientId: $0.clientId, today: day, engine: engine) }
                var direct: [DeadlineItem] = []
                let byId = Dictionary(clients.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                for c in clients {
                    let supporter = SupporterFacts.of(c, supporterFile: c.supporter?.clientId.flatMap { byId[$0] }, today: day, engine: engine)
                    direct += engine.items(for: c, today: day, supporter: supporter).within(days: within, of: day)
                }
                func line(_ i: DeadlineItem) -> String {
                    "\(i.clientId) \(i.kind.rawValue) \(i.date) \(i.daysLeft) \(i.severity.rawValue) \(i.applicationId ?? "-") \(i.explanation.text)"
                }
                #expect(fromStore.map(line).sorted() == direct.map(line).sorted(), "day \(day), within \(within)")
            }
        }
    }

    @Test("changing an office setting recomputes every snapshot under the new rules")
    func settingChangeInvalidates() throws {
        let (rules, data) = try Self.rules()
        let store = try OfficeStore.inMemory()
        store.configure(agenda: rules)
        let clients = try Self.caseload()
        _ = try store.importClients(clients, by: Actor(user: "T", timestamp: "2026-11-23T09:00:00+03:00"), today: Self.today)
        try store.setSetting("rules.deadlines.mailingUnit", to: "calendar-days", base: data.parameters,
                             by: Actor(user: "T", timestamp: "2026-11-23T09:01:00+03:00"))
        let params = try store.parameters(base: data.parameters)
        let newRules = Context.agendaRules(parameters: params, data: data)
        #expect(newRules.fingerprint != rules.fingerprint)
        try store.refreshAgenda(today: Self.today, rules: newRules)
        let mailing = try store.agendaEntries(today: Self.today, rules: newRules, through: nil, kinds: ["mail-documents"])
        #expect(!mailing.isEmpty)
        for m in mailing { #expect(m.entry.explanation.contains("calendar days"), "\(m.clientId): \(m.entry.explanation)") }
    }
}

/// The agenda's SQL groups (`AgendaQuery`) must place every entry where the
/// written-out rule (`RowBuilder.group`) says, on several days and horizons.
@Suite("Agenda groups: SQL and the written-out rule agree")
struct AgendaGroupTests {
    @Test("every stored entry is in the group RowBuilder.group names, or in none when it says none")
    func groupsAgree() throws {
        let (rules, data) = try AgendaCacheTests.rules()
        let store = try OfficeStore.inMemory()
        store.configure(agenda: rules)
        let clients = try AgendaCacheTests.caseload()
        _ = try store.importClients(clients, by: Actor(user: "T", timestamp: "2026-11-23T09:00:00+03:00"), today: AgendaCacheTests.today)
        let env = AppEnvironment(deadlines: rules.computer.deadlines, eligibility: rules.computer.eligibility,
                                 validator: Validator(parameters: data.parameters), templates: data.checklists, user: "T")
        for (offset, horizon) in [(0, 30), (0, 7), (0, 120), (3, 30)] {
            let day = AgendaCacheTests.today.adding(days: offset)
            try store.refreshAgenda(today: day, rules: rules)
            let query = RowBuilder.agendaQuery(today: day, horizon: horizon, attorney: nil, env: env)
            var fromSQL: [String: Int] = [:]
            for group in AgendaGroup.allCases {
                for e in try store.agendaPage(query, group: group, offset: 0, limit: 1_000_000) {
                    fromSQL["\(e.clientId)|\(e.entry.kind)|\(e.entry.date)|\(e.entry.applicationId ?? "")"] = group.rawValue
                }
            }
            var fromRule: [String: Int] = [:]
            for e in try store.agendaEntries(today: day, rules: rules, through: nil) {
                if let g = RowBuilder.group(of: e.entry, today: day, horizon: horizon, env: env) {
                    fromRule["\(e.clientId)|\(e.entry.kind)|\(e.entry.date)|\(e.entry.applicationId ?? "")"] = g.rawValue
                }
            }
            #expect(!fromSQL.isEmpty)
            #expect(fromSQL == fromRule, "day \(day), horizon \(horizon): \(fromSQL.count) rows by SQL, \(fromRule.count) by the rule")
            #expect(try store.agendaGroupCounts(query) == (0..<AgendaQuery.groupCount).map { g in fromSQL.values.filter { $0 == g }.count })
        }
    }
}

/// The cache holds facts: the same cached row reads in any language (issue 11).
@Suite("Agenda cache: facts, not sentences")
struct AgendaFactsTests {
    @Test("the cache holds facts, not sentences: one cached row reads in either language, and a changed parameter changes it")
    func cacheHoldsFacts() throws {
        let (rules, data) = try AgendaCacheTests.rules()
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("office.sqlite").path
        let store = try OfficeStore.open(path: path)
        store.configure(agenda: rules)
        let clients = try AgendaCacheTests.caseload()
        _ = try store.importClients(clients, by: Actor(user: "T", timestamp: "2026-11-23T09:00:00+03:00"), today: AgendaCacheTests.today)
        try store.refreshAgenda(today: AgendaCacheTests.today, rules: rules)
        // No row of any table holds a sentence: the agenda columns decode as message trees.
        let stored = try store.read { db in try db.rows("SELECT reasonFacts, explanationFacts FROM agenda") }
        #expect(stored.count > 100)
        for row in stored {
            let reason = row.string(at: 0) ?? "", explanation = row.string(at: 1) ?? ""
            #expect(MessageCodec.decode(reason) != nil)
            #expect(MessageCodec.decode(explanation).flatMap(Explanation.init(facts:)) != nil)
            #expect(!explanation.contains("must be posted") && !explanation.contains("iş günü"))
        }
        // The same cached entry, read after a language switch, explains itself in the new language.
        let entries = try store.agendaEntries(today: AgendaCacheTests.today, rules: rules, through: AgendaCacheTests.today.adding(days: 30),
                                              kinds: [DeadlineKind.mailDocuments.rawValue])
        let mail = try #require(entries.first)
        let english = try #require(Catalog.named("en")), turkish = try #require(Catalog.named("tr"))
        let inEnglish = english.explanation(mail.entry.explanation), inTurkish = turkish.explanation(mail.entry.explanation)
        #expect(inEnglish.contains("working day"))
        #expect(inTurkish.contains("iş günü"))
        #expect(inTurkish.contains(turkish.date(mail.entry.date)))
        #expect(inEnglish != inTurkish)
        // A changed rule parameter gives other rules, so the next read recomputes: 7 working days now.
        var parameters = data.parameters
        parameters.deadlines.mailingCount = 7
        let changed = Context.agendaRules(parameters: parameters, data: data)
        #expect(changed.fingerprint != rules.fingerprint)
        try store.refreshAgenda(today: AgendaCacheTests.today, rules: changed)
        let after = try store.agendaEntries(today: AgendaCacheTests.today, rules: changed, through: AgendaCacheTests.today.adding(days: 30),
                                            kinds: [DeadlineKind.mailDocuments.rawValue])
        let sameApplication = try #require(after.first { (e: StoredAgendaEntry) -> Bool in
            e.clientId == mail.clientId && e.entry.applicationId == mail.entry.applicationId
        })
        #expect(english.explanation(sameApplication.entry.explanation).contains("7th working day"))
        #expect(sameApplication.entry.date > mail.entry.date)
    }
}

/// The byte renderer the CLI prints stored rows with gives exactly the text of the message renderer.
@Suite("Rendering stored facts directly")
struct EncodedRenderingTests {
    @Test("every demo and synthetic agenda row renders the same from its encoded facts, in each language, plain and JSON-escaped")
    func sameText() throws {
        let (rules, _) = try AgendaCacheTests.rules()
        var checked = 0
        for c in try AgendaCacheTests.caseload() {
            for day in [AgendaCacheTests.today, AgendaCacheTests.today.adding(days: 200)] {
                for e in rules.computer.snapshot(of: c, today: day).entries {
                    let facts = e.encodedFacts
                    for code in Catalog.available {
                        let catalog = try #require(Catalog.named(code))
                        for (text, encoded, explanation) in [(catalog.render(e.reason), facts.reason, false),
                                                             (catalog.explanation(e.explanation), facts.explanation, true)] {
                            var plain = ByteSink(jsonEscaped: false), escaped = ByteSink(jsonEscaped: true)
                            let ok = explanation ? catalog.explanationEncoded(Array(encoded.utf8), into: &plain)
                                : catalog.renderEncoded(Array(encoded.utf8), into: &plain)
                            _ = explanation ? catalog.explanationEncoded(Array(encoded.utf8), into: &escaped)
                                : catalog.renderEncoded(Array(encoded.utf8), into: &escaped)
                            #expect(ok)
                            #expect(String(decoding: plain.out, as: UTF8.self) == text, "\(c.id) \(e.kind) \(code)")
                            var json: [UInt8] = []
                            ClientJSON.appendString(text, to: &json)
                            #expect(escaped.out == Array(json.dropFirst().dropLast()), "\(c.id) \(e.kind) \(code) (JSON)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 2_000)
        var sink = ByteSink(jsonEscaped: false)
        #expect(!Catalog.english.renderEncoded(Array("{broken".utf8), into: &sink) && sink.out.isEmpty)
    }
}
