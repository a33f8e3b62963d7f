import Foundation
import IkametCore
import IkametInterchange
import IkametData
import IkametStore
import IkametTUI
import TerminalUI
import Testing

/// Shared helpers of the terminal UI tests: the repository, the rules, a demo
/// store in memory and a runtime driving a headless terminal.

/// Paths in the repository these tests belong to.
enum Repo {
    /// The repository root, three levels above this file (Tests/IkametTUITests/Support.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The shipped rules, holidays, checklist templates and demo caseload.
    static let data = root.appendingPathComponent("data")
}

/// A date literal.
func day(_ text: String) -> CivilDate {
    guard let date = CivilDate(text) else { fatalError("bad date literal \(text)") }
    return date
}

/// The date the demo caseload was written for (a Monday).
let demoToday = day("2026-11-23")

/// Who imports the demo: a fixed timestamp, so the History tab is stable.
let importer = Actor(user: "PL", timestamp: "2026-11-23T09:00:00+03:00")

/// The label shown in the title bar (the store path in the real app).
let storeLabel = "office.sqlite"

enum Fixture {
    /// The shipped rule data (loaded once).
    static let data: RuleData = {
        do { return try RuleData.load(from: Repo.data) } catch { fatalError("cannot load data/: \(error)") }
    }()

    /// The environment the launcher builds, for user `user`.
    static func env(user: String = "PL") -> AppEnvironment {
        AppEnvironment(deadlines: DeadlineEngine(parameters: data.parameters, calendar: WorkingDayCalendar(table: data.holidays)),
                       eligibility: EligibilityEngine(parameters: data.parameters.longTerm),
                       validator: Validator(parameters: data.parameters), templates: data.checklists, user: user)
    }

    /// The rules the store keeps agenda snapshots with (as the CLI context makes them).
    static let agendaRules = AgendaRules.make(parameters: data.parameters, holidays: data.holidays)

    /// A fresh in-memory store, configured like the CLI configures the office store.
    static func emptyStore() throws -> OfficeStore {
        let store = try OfficeStore.inMemory()
        store.configure(agenda: agendaRules)
        return store
    }

    /// The demo clients of data/demo.json (written for 2026-11-23).
    static let demoClients: [Client] = {
        do {
            let bytes = try Data(contentsOf: Repo.data.appendingPathComponent("demo.json"))
            return try Interchange.decode(bytes).clients
        } catch { fatalError("cannot decode data/demo.json: \(error)") }
    }()

    /// A fresh in-memory store holding the demo caseload (and `extra` clients).
    static func demoStore(extra: [Client] = []) throws -> OfficeStore {
        let store = try emptyStore()
        let e = env()
        _ = try store.importClients(demoClients + extra, by: importer, today: demoToday, validator: e.validator)
        return store
    }

    /// The demo caseload where Emily Carter's first application (A1) carries the
    /// data submitted then, with an older address and phone, so that her
    /// extension (A2) shows the comparison with today's record.
    static func storeWithSubmissionSnapshot() throws -> OfficeStore {
        var clients = demoClients
        guard let i = clients.firstIndex(where: { $0.id == "2024-0077" }) else { fatalError("Emily Carter is not in the demo") }
        var snapshot = SubmissionSnapshot.of(clients[i], on: day("2025-02-10"))
        snapshot.address = "Cihangir Mah. Susam Sok. 5, Beyoğlu"
        snapshot.phone = "+90 532 000 11 22"
        clients[i].applications[0].snapshot = snapshot
        let store = try emptyStore()
        _ = try store.importClients(clients, by: importer, today: demoToday, validator: env().validator)
        return store
    }

    /// The first state, as the launcher makes it.
    static func initialState(width: Int = 80, height: Int = 24, language: String = "en") -> AppState {
        var state = AppState(today: demoToday, width: width, height: height, storeLabel: storeLabel, isDemo: false, language: language)
        state.templates = data.checklists
        return state
    }
}

/// The index of application `id` in a client's applications (Lukas Becker's demo
/// record lists his approved 2024 extension A0 before his draft extension A1).
func applicationIndex(_ id: String, in client: Client, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
    try #require(client.applications.firstIndex { $0.id == id }, "\(client.id) has no application \(id)", sourceLocation: sourceLocation)
}

/// Where Lukas Becker's draft extension A1 is in the demo caseload (the row to move the cursor to).
let lukasA1Index: Int = {
    guard let lukas = Fixture.demoClients.first(where: { $0.id == "2026-0101" }),
          let i = lukas.applications.firstIndex(where: { $0.id == "A1" }) else { fatalError("the demo has no application A1 for 2026-0101") }
    return i
}()

/// A Turkish client for the folding tests ("ayse", "isik" find her).
func turkishClient() -> Client {
    Client(id: "2026-0999", name: "Ayşe IŞIKLI", nationality: "AZ", birthDate: day("1990-03-14"),
           passport: Passport(number: "C99T00001", expires: day("2031-05-01")), phone: "+90 555 000 0000",
           email: "ayse@example.com", address: "Moda Cad. 1, Kadıköy", province: "İstanbul", attorney: "PL",
           permits: [Permit(type: .shortTerm, start: day("2026-02-01"), end: day("2027-01-31"), number: "P-999", province: "İstanbul")])
}

/// A runtime on a headless terminal, started (the agenda or welcome screen is loaded and drawn).
@MainActor
func makeRuntime(store: OfficeStore? = nil, width: Int = 80, height: Int = 24, user: String = "PL",
                 language: String = "en", role: OfficeRole? = nil) throws -> (AppRuntime, HeadlessTerminal) {
    let terminal = HeadlessTerminal(width: width, height: height)
    var state = Fixture.initialState(width: width, height: height, language: language)
    state.role = role
    let runtime = AppRuntime(state: state, env: Fixture.env(user: user),
                             store: try store ?? Fixture.demoStore(), terminal: terminal, timeZone: "Europe/Istanbul",
                             agendaRules: Fixture.agendaRules) { _ in
        Fixture.demoClients
    }
    runtime.start()
    return (runtime, terminal)
}

/// Keys for typing `text`.
func typing(_ text: String) -> [Key] { text.map { Key.character($0) } }

extension AppState {
    /// The agenda rows loaded (the whole demo agenda fits in one window).
    var agendaRows: [AgendaRow] { agendaWindow.rows }
    /// The client rows loaded (the whole demo list fits in one window).
    var clientRows: [ClientRow] { clientWindow.rows }
}

extension AppRuntime {
    /// Types text, one key at a time.
    func type(_ text: String) { press(typing(text)) }
    /// Opens client `id` from the clients list through a fresh filter on its file number.
    func openClient(_ id: String) {
        press([.character("2"), .character("/")])
        type(id)
        press([.enter, .enter])
    }
    /// On the client screen's Applications tab, moves the cursor to application `id` (found by id, not by position).
    func selectApplication(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let apps = try #require(state.clientScreen?.detail?.client.applications, "no client is open", sourceLocation: sourceLocation)
        let target = try #require(apps.firstIndex { $0.id == id }, "no application \(id)", sourceLocation: sourceLocation)
        #expect(state.clientScreen?.tab == .applications, sourceLocation: sourceLocation)
        press([.home] + Array(repeating: .down, count: target))
        #expect((state.clientScreen?.cursors[.applications]?.selected ?? 0) == target, sourceLocation: sourceLocation)
    }
    /// The frame `view` draws now.
    var frame: Frame { view(state) }
}

// MARK: - Snapshots

/// Compares a frame with `__Snapshots__/NAME.txt` (its text, byte for byte after NFC on both
/// sides) and `__Snapshots__/NAME.style.txt` (its style layer: reverse, bold, dim, underline and
/// colour per cell), so that a lost selection highlight fails too.
/// `RECORD_SNAPSHOTS=1` (re)writes the files. A missing file fails the test; outside CI it is
/// written for review, under CI (`CI=true`) nothing is written.
func assertSnapshot(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let environment = ProcessInfo.processInfo.environment
    let inCI = environment["CI"] == "true"
    let record = environment["RECORD_SNAPSHOTS"] == "1" && !inCI
    for (file, actual) in [("\(name).txt", snapshotText(frame)), ("\(name).style.txt", styleText(frame))] {
        let url = directory.appendingPathComponent(file)
        let existing = try? String(contentsOf: url, encoding: .utf8)
        if record || (existing == nil && !inCI) {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
                return
            }
        }
        guard let expected = existing else {
            if !record {
                Issue.record("no snapshot \(file)\(inCI ? " (CI writes none: record it with RECORD_SNAPSHOTS=1 and commit it)" : ": recorded, review it and run again")",
                             sourceLocation: sourceLocation)
            }
            continue
        }
        if record { continue }
        let same = expected.precomposedStringWithCanonicalMapping.utf8.elementsEqual(actual.precomposedStringWithCanonicalMapping.utf8)
        if !same {
            Issue.record(Comment(rawValue: "snapshot \(file) differs (RECORD_SNAPSHOTS=1 re-records):\n" + lineDiff(expected: expected, actual: actual)),
                         sourceLocation: sourceLocation)
        }
    }
}

/// The text stored for a frame: a line with its size (and the cursor), then the screen's lines.
func snapshotText(_ frame: Frame) -> String {
    let header = "\(frame.width)x\(frame.height)" + (frame.cursor.map { " cursor \($0.x),\($0.y)" } ?? "")
    return ([header] + frame.lines()).joined(separator: "\n") + "\n"
}

/// The style layer of a frame: a legend of the styles used (one letter each, `.` plain), then one
/// character per cell, line by line, trailing plain cells left out.
func styleText(_ frame: Frame) -> String {
    func key(_ s: Style) -> String {
        var parts: [String] = []
        if s.reverse { parts.append("reverse") }
        if s.bold { parts.append("bold") }
        if s.dim { parts.append("dim") }
        if s.underline { parts.append("underline") }
        if let c = s.color { parts.append("\(c)") }
        return parts.joined(separator: "+")
    }
    var keys = Set<String>()
    for cell in frame.cells where cell.style != .plain { keys.insert(key(cell.style)) }
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    var code: [String: Character] = [:]
    for (i, k) in keys.sorted().enumerated() { code[k] = i < letters.count ? letters[i] : "?" }
    var lines = ["legend: . plain" + keys.sorted().map { " · \(code[$0] ?? "?") \($0)" }.joined()]
    for y in 0..<frame.height {
        var line = ""
        for x in 0..<frame.width {
            let style = frame[x, y].style
            line.append(style == .plain ? "." : (code[key(style)] ?? "?"))
        }
        while line.hasSuffix(".") { line.removeLast() }
        lines.append(line)
    }
    return lines.joined(separator: "\n") + "\n"
}

/// A readable line-by-line diff: only the lines that differ, with their numbers.
func lineDiff(expected: String, actual: String) -> String {
    let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
    var out: [String] = []
    for i in 0..<max(e.count, a.count) {
        let l = i < e.count ? e[i] : "(no line)", r = i < a.count ? a[i] : "(no line)"
        if l != r {
            let n = String(repeating: " ", count: max(0, 3 - String(i).count)) + String(i)
            out.append("\(n) - \(l)")
            out.append("\(n) + \(r)")
        }
    }
    return out.joined(separator: "\n")
}
