import IkametCore
import IkametStore
import IkametTUI
import TerminalUI
import Testing

/// On an office server the terminal UI leaves out of the key bar what the login's role may not do, and says which
/// role a refused key needs, opening nothing (issue 13 §3, decision 0034). On a file every key is there.
@MainActor
@Suite struct RoleKeysTests {
    func keyBar(_ terminal: HeadlessTerminal) -> String {
        (terminal.lastFrame?.text ?? "").split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test func aParalegalIsNotOfferedWhatTheRoleCannotDo() throws {
        let (runtime, terminal) = try makeRuntime(user: "zeynep", role: .paralegal)
        runtime.press([.character("2")])
        #expect(runtime.state.route == .clients)
        #expect(!keyBar(terminal).contains("a add"))
        runtime.press([.character("a")])
        #expect(runtime.state.route == .clients, "no client form opened")
        #expect(runtime.state.status == "Refused: this needs the role ikamet_attorney, which your login zeynep does not have. "
                + "Nothing was changed; ask an admin (ikamet users).")
        #expect(runtime.state.statusIsError)

        runtime.openClient("2026-0101")
        #expect(runtime.state.route == .client)
        #expect(!keyBar(terminal).contains("d delete"), "Overview: deleting the client is an attorney's")
        runtime.press([.character("C")])
        #expect(runtime.state.overlay == nil, "no confirmation of closing the file")
        #expect(runtime.state.status?.contains("ikamet_attorney") == true)
        // The Applications and Trips tabs are the paralegal's: their keys stay.
        runtime.press([.tab, .tab])
        #expect(runtime.state.clientScreen?.tab == .trips)
        #expect(keyBar(terminal).contains("a add") && keyBar(terminal).contains("d delete"))
        runtime.press([.tab])
        #expect(runtime.state.clientScreen?.tab == .applications)
        #expect(keyBar(terminal).contains("a add"))
    }

    @Test func anAttorneyAndAFileSeeEveryKey() throws {
        for role in [OfficeRole.attorney, nil] {
            let (runtime, terminal) = try makeRuntime(role: role)
            runtime.press([.character("2")])
            #expect(keyBar(terminal).contains("a add"))
            runtime.openClient("2026-0101")
            #expect(keyBar(terminal).contains("d delete"))
        }
    }
}
