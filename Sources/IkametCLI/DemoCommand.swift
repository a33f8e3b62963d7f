import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametData
import IkametStore

/// The shipped demo caseload (`data/demo.json`).
enum DemoCaseload {
    /// The date the demo was written for; on another day every date is moved
    /// by whole weeks so that the demo shows the same situations (weekdays kept).
    static let referenceDate = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0)

    /// Loads the demo clients (shipped in the binary, `data/demo.json`), moved to `today`.
    static func load(_ data: Data, today: CivilDate) throws -> [Client] {
        let weeks = Int((Double(referenceDate.days(to: today)) / 7).rounded())
        let shifted = weeks == 0 ? data : shift(data, byDays: weeks * 7)
        do { return try Interchange.decode(shifted).clients } catch { throw CLIError("the demo caseload is invalid: \(error.description)") }
    }

    /// Moves every `YYYY-MM-DD` in the JSON text by `days`.
    static func shift(_ data: Data, byDays days: Int) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard let regex = try? NSRegularExpression(pattern: "\"(\\d{4}-\\d{2}-\\d{2})") else { return data }
        let ns = text as NSString
        var out = "", last = 0
        for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let r = m.range(at: 1)
            out += ns.substring(with: NSRange(location: last, length: r.location - last))
            let original = ns.substring(with: r)
            out += CivilDate(original).map { $0.adding(days: days).iso } ?? original
            last = r.location + r.length
        }
        out += ns.substring(from: last)
        return Data(out.utf8)
    }
}

/// `ikamet demo`
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the demo caseload on a throwaway store, or generate a synthetic caseload.",
        discussion: "The demo never touches the office store. With --generate N --seed S --output FILE it writes N synthetic clients as ikamet/1 for benchmarks.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Generate this many synthetic clients instead.") var generate: Int?
    @Option(name: .long, help: "Seed of the synthetic caseload (default 1).") var seed: UInt64 = 1
    @Option(name: .long, help: "Where to write the synthetic caseload.") var output: String?
    @Option(name: .long, help: ArgumentHelp("Keep the demo store in this new file instead of a temporary one (then use the CLI on it).", valueName: "path"))
    var keep: String?

    func validate() throws {
        if let generate {
            guard generate > 0 else { throw ValidationError("--generate needs a positive number of clients") }
            guard output != nil else { throw ValidationError("--generate needs --output FILE") }
        } else if output != nil {
            throw ValidationError("--output goes with --generate")
        }
        if global.store != nil { throw ValidationError("the demo never uses an office store; use --keep PATH to keep the demo store") }
    }

    func run() throws {
        try guarded {
            let data: RuleData
            do { data = try RuleData.loadDefault() } catch { throw CLIError(String(describing: error)) }
            let today = try Context.resolveToday(global, environment: ProcessInfo.processInfo.environment, timeZone: data.parameters.timeZone)
            if let generate, let output {
                let clients = SyntheticCaseload.generate(count: generate, seed: seed, today: today)
                try writeOwnerOnly(OutputGate.cleanJSON(try Interchange.encode(clients)), to: output)
                OutputGate.line("Wrote \(clients.count) synthetic client(s) (seed \(seed), today \(today.iso)) to \(output).")
                return
            }
            let clients = try DemoCaseload.load(data.demo, today: today)
            let path: String
            var tempDir: URL?
            if let keep {
                if FileManager.default.fileExists(atPath: keep) { throw CLIError("\(keep) exists already; --keep needs a new file name") }
                path = keep
            } else {
                let dirURL = FileManager.default.temporaryDirectory.appendingPathComponent("ikamet-demo-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
                try FileManager.default.createDirectory(at: dirURL, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                tempDir = dirURL
                path = dirURL.appendingPathComponent("demo.sqlite").path
            }
            defer { if let tempDir { try? FileManager.default.removeItem(at: tempDir) } }
            let store: OfficeStore
            do { store = try OfficeStore.open(path: path) } catch { throw CLIError(String(describing: error)) }
            var options = global
            options.today = today.iso
            let ctx = try Context.make(store: store, data: data, options: options, environment: ProcessInfo.processInfo.environment)
            _ = try store.importClients(clients, by: ctx.actor, today: today, validator: ctx.validator)
            if keep != nil {
                OutputGate.line("Demo caseload (\(clients.count) clients) written to \(path); use it with --store \(path).")
                return
            }
            try TUILauncher.launch(ctx, demo: true)
        }
    }
}
