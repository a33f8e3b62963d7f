import ArgumentParser
import Foundation
import IkametCore
import IkametLetters
import IkametStore
import IkametText
import TerminalUI

/// `ikamet trips …`: the trips abroad of a client.
struct TripsCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "trips", abstract: L("cli.trips.abstract"), subcommands: [TripsImportCommand.self])
    }
}

/// `ikamet trips import CLIENT FILE [--apply]`: an Entry-Exit Record compared with the trips on file, and applied on request.
struct TripsImportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "import", abstract: L("cli.trips.import.abstract"), discussion: L("cli.trips.import.discussion"))
    }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.common.client-help"))) var client: String
    @Argument(help: ArgumentHelp(L("cli.trips.import.file-help"))) var file: String
    @Flag(name: .long, help: ArgumentHelp(L("cli.trips.import.apply-help"))) var apply = false
    @Option(name: .long, help: ArgumentHelp(L("cli.trips.import.format-help")), transform: { try TextFormat.parse($0) })
    var format: TextFormat = .text

    /// The largest record read (a real one is a few hundred lines).
    static let maximumBytes = 8 << 20

    /// The record file's bytes (`-`: standard input), at most `maximumBytes` read whatever the source.
    static func readBytes(_ file: String) throws -> [UInt8] {
        do throws(BoundedRead.Failure) {
            return file == "-" ? try BoundedRead.read(FileHandle.standardInput, limit: maximumBytes) : try BoundedRead.file(file, limit: maximumBytes)
        } catch {
            switch error {
            case .missing: throw CLIError(L("cli.common.cannot-read", ["path": file, "detail": L("cli.trips.import.no-file")]))
            case .notRegular: throw CLIError(L("cli.common.cannot-read", ["path": file, "detail": L("cli.trips.import.not-regular")]))
            case .tooBig: throw CLIError(L("cli.trips.import.too-big", ["path": file, "limit": maximumBytes >> 20]))
            case .unreadable(let detail): throw CLIError(L("cli.common.cannot-read", ["path": file, "detail": detail]))
            }
        }
    }

    /// The record read and paired, or an error naming the file and what is wrong with it.
    static func readRecord(_ file: String) throws -> EntryExitRecordFile {
        let bytes = try readBytes(file)
        do throws(EntryExitReadError) {
            return try EntryExitReader.read(try EntryExitReader.text(from: bytes))
        } catch {
            throw CLIError(L("cli.trips.import.refused", ["path": file, "reason": say(error.message)]))
        }
    }

    func run() throws {
        try guarded {
            // The file is read and checked before the store is opened: a broken record never touches it.
            let record = try Self.readRecord(file)
            let ctx = try Context.open(global, readOnly: !apply)
            guard let stored = try ctx.store.client(client) else { throw StoreError.clientNotFound(client) }
            var plan = TripImportPlan(record: record, client: stored.client, validator: ctx.validator, today: ctx.today)
            var shown = stored.client
            var version: Int?
            if apply {
                guard plan.record.anomalies.isEmpty else {
                    report(ctx, shown, plan, applied: nil)
                    throw CLIError(L("cli.trips.import.anomalies", ["count": plan.record.anomalies.count]))
                }
                guard plan.problems.isEmpty else {
                    report(ctx, shown, plan, applied: nil)
                    throw CLIError(L("cli.trips.import.blocked", ["count": plan.problems.count]))
                }
                if plan.diff.changesSomething {
                    // One audited change; the comparison is made again on the latest version inside the transaction,
                    // and that is the one reported (the store's validator refuses what would not pass).
                    var written = plan
                    let saved = try ctx.store.modify(client, by: ctx.actor, today: ctx.today, validator: ctx.validator) { c in
                        written = TripImportPlan(record: record, trips: c.trips)
                        c.trips = written.after
                    }
                    plan = written
                    shown = saved.client
                    shown.trips = plan.before
                    version = saved.version
                }
            }
            report(ctx, shown, plan, applied: apply ? version ?? stored.version : nil)
        }
    }

    /// Prints the comparison (text or JSON) and what was done.
    func report(_ ctx: Context, _ c: Client, _ plan: TripImportPlan, applied version: Int?) {
        let cat = Catalog.current
        switch format {
        case .json:
            OutputGate.json(((try? JSONOut.string(TripImportJSON(plan, applied: version, client: c, ctx: ctx))) ?? "{}") + "\n")
        case .text:
            for line in plan.lines(client: c, eligibility: ctx.eligibility, today: ctx.today) {
                let text = safe(cat.render(line)).replacingOccurrences(of: "[ \t]+$", with: "", options: .regularExpression)
                OutputGate.line(line.key.hasPrefix("entry-exit-import.item.") ? "  " + text : text)
            }
            if let version {
                OutputGate.line(plan.diff.changesSomething
                    ? cat("cli.trips.import.applied", ["added": plan.diff.new.count, "corrected": plan.diff.conflicts.count, "version": version])
                    : cat("cli.trips.import.nothing-to-apply"))
            } else if !plan.record.anomalies.isEmpty {
                if !apply { OutputGate.line(cat("cli.trips.import.anomalies-dry-run", ["count": plan.record.anomalies.count])) }
            } else if !plan.problems.isEmpty {
                if !apply { OutputGate.line(cat("cli.trips.import.blocked-dry-run", ["count": plan.problems.count])) }
            } else {
                OutputGate.line(plan.diff.changesSomething
                    ? cat("cli.trips.import.dry-run", ["added": plan.diff.new.count, "corrected": plan.diff.conflicts.count])
                    : cat("cli.trips.import.nothing-to-apply"))
            }
        }
    }
}

/// `trips import --format json`: the comparison as data.
struct TripImportJSON: Encodable {
    struct Span: Encodable {
        var exit: String
        var entry: String?
        var note: String?
        var line: Int?
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(exit, forKey: .exit); try c.encode(entry, forKey: .entry)
            try c.encodeIfPresent(note, forKey: .note); try c.encodeIfPresent(line, forKey: .line)
        }
        enum CodingKeys: String, CodingKey { case exit, entry, note, line }
    }
    struct Conflict: Encodable { var onFile: Span; var record: Span }
    struct Anomaly: Encodable { var direction: String; var lines: [Int]; var dates: [String] }
    var client: String
    var crossings: Int
    var arrival: String?
    var new: [Span]
    var conflicts: [Conflict]
    var identical: [Span]
    var notInRecord: [Span]
    var anomalies: [Anomaly]
    /// Why the record cannot be applied (validation of the trips it gives), in the current language.
    var problems: [String]
    var applied: Bool
    var version: Int?
    var verdictBefore: String
    var verdictAfter: String

    init(_ plan: TripImportPlan, applied version: Int?, client c: Client, ctx: Context) {
        func span(_ t: RecordTrip) -> Span { Span(exit: t.exit.date.iso, entry: t.entry?.date.iso, note: t.note, line: t.exit.line) }
        func span(_ t: Trip) -> Span { Span(exit: t.exit.iso, entry: t.entry?.iso, note: t.note, line: nil) }
        client = c.id
        crossings = plan.record.crossings.count
        arrival = plan.record.arrival?.date.iso
        new = plan.diff.new.map(span)
        conflicts = plan.diff.conflicts.map { Conflict(onFile: span(plan.before[$0.recorded]), record: span($0.record)) }
        identical = plan.diff.identical.map { span($0.record) }
        notInRecord = plan.diff.notInRecord.map { span(plan.before[$0]) }
        anomalies = plan.record.anomalies.map {
            Anomaly(direction: $0.first.direction.rawValue, lines: [$0.first.line, $0.second.line], dates: [$0.first.date.iso, $0.second.date.iso])
        }
        problems = plan.problems.map { Catalog.current.render($0.full) }
        applied = version != nil && plan.diff.changesSomething
        self.version = version
        var edited = c
        edited.trips = plan.after
        verdictBefore = ctx.eligibility.evaluate(c, today: ctx.today).verdict.rawValue
        verdictAfter = ctx.eligibility.evaluate(edited, today: ctx.today).verdict.rawValue
    }
}
