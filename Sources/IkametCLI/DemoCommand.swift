import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametInterchange
import IkametData
import IkametStore
import IkametText

/// The shipped demo caseload (`data/demo.json`).
enum DemoCaseload {
    /// The date the demo was written for; on another day every date is moved
    /// by whole weeks so that the demo shows the same situations (weekdays kept).
    static let referenceDate = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0)

    /// Loads the demo clients (shipped in the binary, `data/demo.json`), moved to `today`.
    static func load(_ data: Data, today: CivilDate) throws -> [Client] {
        let weeks = Int((Double(referenceDate.days(to: today)) / 7).rounded())
        let shifted = weeks == 0 ? data : shift(data, byDays: weeks * 7)
        do { return try Interchange.decode(shifted).clients } catch { throw CLIError(L("cli.demo.invalid", ["reason": interchangeText(error)])) }
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
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "demo", abstract: L("cli.demo.abstract"), discussion: L("cli.demo.discussion"))
    }
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: ArgumentHelp(L("cli.demo.generate-help"))) var generate: Int?
    @Option(name: .customLong("seed"), help: ArgumentHelp(L("cli.demo.seed-help"), valueName: "seed")) var seedOption: UInt64?
    var seed: UInt64 { seedOption ?? 1 }
    @Option(name: .long, help: ArgumentHelp(L("cli.demo.output-help"))) var output: String?
    @Option(name: .long, help: ArgumentHelp(L("cli.demo.keep-help"), valueName: "path"))
    var keep: String?

    func validate() throws {
        if let generate {
            guard generate > 0 else { throw ValidationError(L("cli.demo.generate-positive")) }
            guard output != nil else { throw ValidationError(L("cli.demo.generate-output")) }
        } else if output != nil {
            throw ValidationError(L("cli.demo.output-alone"))
        }
        if global.store != nil { throw ValidationError(L("cli.demo.no-store")) }
    }

    func run() throws {
        try guarded {
            let data: RuleData
            do { data = try RuleData.loadDefault() } catch { throw CLIError(errorText(error)) }
            let today = try Context.resolveToday(global, environment: ProcessInfo.processInfo.environment, timeZone: data.parameters.timeZone)
            if let generate, let output {
                let clients = SyntheticCaseload.generate(count: generate, seed: seed, today: today)
                try writeOwnerOnly(OutputGate.cleanJSON(try Interchange.encode(clients)), to: output)
                OutputGate.line(L("cli.demo.generated", ["count": clients.count, "seed": String(seed), "today": today, "file": output]))
                return
            }
            let clients = try DemoCaseload.load(data.demo, today: today)
            let path: String
            var tempDir: URL?
            if let keep {
                if FileManager.default.fileExists(atPath: keep) { throw CLIError(L("cli.demo.keep-exists", ["path": keep])) }
                path = keep
            } else {
                let dirURL = FileManager.default.temporaryDirectory.appendingPathComponent("ikamet-demo-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
                try FileManager.default.createDirectory(at: dirURL, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                tempDir = dirURL
                path = dirURL.appendingPathComponent("demo.sqlite").path
            }
            defer { if let tempDir { try? FileManager.default.removeItem(at: tempDir) } }
            let store: OfficeStore
            do { store = try OfficeStore.open(path: path) } catch { throw CLIError(errorText(error)) }
            var options = global
            options.today = today.iso
            let ctx = try Context.make(store: store, data: data, options: options, environment: ProcessInfo.processInfo.environment)
            _ = try store.importClients(clients, by: ctx.actor, today: today, validator: ctx.validator)
            if keep != nil {
                OutputGate.line(L("cli.demo.kept", ["count": clients.count, "path": path]))
                return
            }
            try TUILauncher.launch(ctx, demo: true, language: Catalog.current.code, dateFormat: nil)
        }
    }
}
