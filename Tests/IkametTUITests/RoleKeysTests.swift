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

    /// The client form as a paralegal opens it on an office server: what the role may not change is greyed out and
    /// out of reach; contact data and notes stay editable and save.
    @Test func aParalegalsClientFormGreysOutTheAttorneysFields() throws {
        let (runtime, terminal) = try makeRuntime(user: "zeynep", role: .paralegal)
        runtime.openClient("2026-0101")
        runtime.press([.character("e")])
        let form = try #require(runtime.state.form)
        let free = form.fields.filter { $0.locked == nil }.map(\.key.rawValue)
        #expect(free == ["phone", "email", "address", "notes"])
        #expect(form.fields.filter { $0.locked != nil }.allSatisfy { $0.locked == .attorney })
        #expect(form.fields[form.focus].key == .phone, "the focus starts on the first field the role may change")
        let frame = terminal.lastFrame?.text ?? ""
        #expect(frame.contains("Greyed fields need the role ikamet_attorney: your login can read them"))
        // Tab goes round the free fields only.
        var visited: [FieldKey] = []
        for _ in 0..<4 {
            runtime.press([.tab])
            visited.append(try #require(runtime.state.form).fields[try #require(runtime.state.form).focus].key)
        }
        #expect(visited == [.email, .address, .notes, .phone])
        // A changed phone saves; the name was out of reach.
        let phoneBefore = form.fields.first { $0.key == .phone }?.input.text ?? ""
        runtime.press([.character("9")])
        runtime.press([.enter])
        #expect(runtime.state.form == nil)
        #expect(runtime.state.status == "Edit client 2026-0101: saved.")
        let phone = runtime.state.clientScreen?.detail?.client.phone ?? ""
        #expect(phone != phoneBefore && phone.count == phoneBefore.count + 1 && phone.contains("9"), "\(phoneBefore) → \(phone)")
    }

    @Test func aParalegalReadsAPermitWithoutChangingIt() throws {
        let (runtime, _) = try makeRuntime(user: "zeynep", role: .paralegal)
        runtime.openClient("2026-0101")
        runtime.press([.tab])
        #expect(runtime.state.clientScreen?.tab == .permits)
        runtime.press([.character("e")])
        let form = try #require(runtime.state.form)
        #expect(form.fields.allSatisfy { $0.locked == .attorney })
        runtime.press([.character("x")])
        #expect(runtime.state.status?.contains("ikamet_attorney") == true)
        #expect(runtime.state.form == form, "typing changed nothing")
        runtime.press([.enter])
        #expect(runtime.state.form == nil, "Enter closes a form the login may only read, saving nothing")
    }

    @Test func anAttorneysFormHasNothingLocked() throws {
        for role in [OfficeRole.attorney, nil] {
            let (runtime, _) = try makeRuntime(role: role)
            runtime.openClient("2026-0101")
            runtime.press([.character("e")])
            #expect(try #require(runtime.state.form).fields.allSatisfy { $0.locked == nil })
        }
    }

    /// The client form is taller than 80×24: it scrolls so that the focused field is on the screen.
    @Test func theClientFormScrollsToItsFocusedField() throws {
        let (runtime, terminal) = try makeRuntime(role: .attorney)
        runtime.openClient("2026-0101")
        runtime.press([.character("e")])
        #expect(terminal.lastFrame?.text.contains("Supporter permit end") == false, "at the top the last fields are below the screen")
        runtime.press([.backTab])   // from the first field round to the last
        let form = try #require(runtime.state.form)
        #expect(form.fields[form.focus].key == .supporterEnd)
        let frame = terminal.lastFrame?.text ?? ""
        #expect(frame.contains("▸ Supporter permit end"), "the focused field is shown:\n\(frame)")
        #expect(!frame.contains("Name (as in passport)"), "the first fields scrolled away")
    }
}
