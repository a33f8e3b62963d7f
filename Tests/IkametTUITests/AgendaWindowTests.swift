import IkametCore
import IkametStore
@testable import IkametTUI
import TerminalUI
import Testing

/// The agenda's windows of rows (200 at a time): paging through a long agenda shows the store's rows in order,
/// whether a window is read from its neighbour's key (paging on) or by counting rows (a jump).
@MainActor
@Suite("Runtime: agenda windows")
struct AgendaWindowTests {
    /// The demo caseload eight times over (new file numbers; supporters follow their copies): about 560 rows.
    static func bigStore() throws -> OfficeStore {
        let store = try Fixture.emptyStore()
        let copies = (1...7).flatMap { n in
            Fixture.demoClients.map { c -> Client in
                var c = c
                c.id = "X\(n)-" + c.id
                c.name += " \(n)"
                if case .client(let id)? = c.supporter { c.supporter = .client("X\(n)-" + id) }
                return c
            }
        }
        _ = try store.importClients(Fixture.demoClients + copies, by: Actor(user: "PL", timestamp: "2026-11-23T09:00:00+03:00"),
                                    today: demoToday, validator: Fixture.env().validator)
        return store
    }

    func describe(_ group: AgendaGroup, _ key: AgendaRowKey) -> String {
        "\(group) \(key.clientId) \(key.kind) \(key.date.iso) \(key.application ?? "-")"
    }

    @Test func pagingDownAndUpShowsTheStoresRowsInOrder() throws {
        let store = try Self.bigStore()
        let (runtime, _) = try makeRuntime(store: store, width: 120, height: 40)
        let query = RowBuilder.agendaQuery(today: runtime.state.today, horizon: runtime.state.agendaHorizon, attorney: nil, env: runtime.env)
        let all = try AgendaGroup.allCases.flatMap { group in
            try store.agendaPage(query, group: group, offset: 0, limit: 100_000).map { describe(group, $0.key) }
        }
        #expect(all.count == runtime.state.agendaCounts.reduce(0, +))
        #expect(all.count > 2 * windowSize, "\(all.count) rows: several windows")
        var starts: Set<Int> = []
        func check(_ step: String) {
            let window = runtime.state.agendaWindow
            starts.insert(window.start)
            let shown = window.rows.map { describe($0.group, $0.key) }
            let expected = Array(all[min(window.start, all.count)..<min(window.start + shown.count, all.count)])
            #expect(shown == expected, "\(step): window at \(window.start)")
            #expect(window.rows.count == min(windowSize, all.count - window.start), "\(step): a full window")
        }
        for i in 0..<60 {
            runtime.press([.pageDown])
            check("PgDn \(i + 1)")
        }
        #expect(runtime.state.agendaCursor.selected == all.count - 1, "the last row is reached")
        for i in 0..<60 {
            runtime.press([.pageUp])
            check("PgUp \(i + 1)")
        }
        #expect(runtime.state.agendaCursor.selected == 0)
        #expect(starts.count > 3, "windows were read going down and going up: \(starts.sorted())")
    }
}
