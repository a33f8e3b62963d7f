import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametStore

/// JSON shape of an eligibility report (`ikamet eligibility --format json`).
struct EligibilityJSON: Encodable {
    struct Rule: Encodable {
        var id: String
        var passed: Bool
        var value: Double?
        var limit: Double?
        var borderline: Bool
        var detail: String
        var explanation: String
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(passed, forKey: .passed)
            try c.encode(value, forKey: .value); try c.encode(limit, forKey: .limit)
            try c.encode(borderline, forKey: .borderline); try c.encode(detail, forKey: .detail)
            try c.encode(explanation, forKey: .explanation)
        }
        enum CodingKeys: String, CodingKey { case id, passed, value, limit, borderline, detail, explanation }
    }
    var client: String
    var referenceDate: String
    var today: String
    var lookback: [String]
    var eligible: Bool
    var verdict: String
    var verdictReasons: [String]
    var borderline: Bool
    var rules: [Rule]
    var slices: [YearSlice]
    var exemptTrips: [String]
    var earliestEligibleDate: String?
    var earliestNote: String
    var assumptions: [String]
    var conditions: [String: String]
    var warnings: [String]
    var conventions: [String]

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(client, forKey: .client); try c.encode(referenceDate, forKey: .referenceDate)
        try c.encode(today, forKey: .today); try c.encode(lookback, forKey: .lookback)
        try c.encode(eligible, forKey: .eligible); try c.encode(borderline, forKey: .borderline)
        try c.encode(verdict, forKey: .verdict); try c.encode(verdictReasons, forKey: .verdictReasons)
        try c.encode(rules, forKey: .rules); try c.encode(slices, forKey: .slices)
        try c.encode(exemptTrips, forKey: .exemptTrips)
        try c.encode(earliestEligibleDate, forKey: .earliestEligibleDate)
        try c.encode(earliestNote, forKey: .earliestNote); try c.encode(assumptions, forKey: .assumptions)
        try c.encode(conditions, forKey: .conditions); try c.encode(warnings, forKey: .warnings)
        try c.encode(conventions, forKey: .conventions)
    }
    enum CodingKeys: String, CodingKey {
        case client, referenceDate, today, lookback, eligible, verdict, verdictReasons, borderline, rules, slices, exemptTrips,
             earliestEligibleDate, earliestNote, assumptions, conditions, warnings, conventions
    }

    init(_ r: EligibilityReport) {
        client = r.clientId; referenceDate = r.referenceDate.iso; today = r.today.iso
        lookback = [r.lookbackFrom.iso, r.lookbackTo.iso]
        eligible = r.eligible; borderline = r.borderline
        verdict = r.verdict.rawValue; verdictReasons = r.verdictReasons
        rules = r.rules.map { Rule(id: $0.id.rawValue, passed: $0.passed, value: $0.value, limit: $0.limit,
                                   borderline: $0.borderline, detail: $0.detail, explanation: $0.explanation.text) }
        slices = r.slices
        exemptTrips = r.exemptTrips.map(\.note)
        earliestEligibleDate = r.earliestEligibleDate?.iso; earliestNote = r.earliestNote
        assumptions = r.assumptions
        let byId = Dictionary(uniqueKeysWithValues: r.conditions.map { ($0.id, $0.state.rawValue) })
        conditions = ["publicAid": byId["public-aid"] ?? "unknown", "income": byId["income"] ?? "unknown",
                      "insurance": byId["insurance"] ?? "unknown", "publicOrder": byId["public-order"] ?? "unknown"]
        warnings = r.warnings; conventions = r.conventions
    }
}

/// The eligibility report as text.
func eligibilityText(_ r: EligibilityReport, name: String) -> String {
    var lines: [String] = []
    lines.append("Long-term eligibility of \(safe(name)) (\(r.clientId)), reference date \(r.referenceDate.iso)")
    lines.append("Lookback \(r.lookbackFrom.iso) – \(r.lookbackTo.iso). Time rules: " + (r.eligible ? "ALL PASS" : "NOT MET") + (r.borderline ? " (borderline: verify against the Entry-Exit Record)" : ""))
    lines.append("Verdict: \(r.verdict.rawValue) — " + r.verdictReasons.joined(separator: "; ") + " (docs/rules.md §7 verdict)")
    for rule in r.rules {
        let mark = rule.passed ? "pass" : "FAIL"
        let numbers = rule.value.map { v in " \(formatDays(v))" + (rule.limit.map { " / limit \(formatDays($0))" } ?? "") } ?? ""
        lines.append("  [\(mark)]\(rule.borderline ? " borderline" : "") \(rule.id.rawValue):\(numbers)")
        lines.append("         \(rule.detail)")
    }
    lines.append("  Per-year slices (interruption days, limit \(r.rules.first { $0.id == .yearlyAbsence }?.limit.map(formatDays) ?? "")):")
    for s in r.slices {
        lines.append("    Y\(s.index) \(s.from.iso) – \(s.to.iso): \(s.interruptionDays)\(s.passed ? "" : "  FAIL")")
    }
    for e in r.exemptTrips { lines.append("  Exempt: \(e.note)") }
    lines.append("Earliest eligible date: \(r.earliestEligibleDate?.iso ?? "none") — \(r.earliestNote)")
    if !r.assumptions.isEmpty {
        lines.append("Assumptions (covered days, and days after \(r.today.iso)):")
        lines += r.assumptions.map { "  - \($0)" }
    }
    lines.append("Non-time conditions (Law 6458 Art. 43, as recorded):")
    lines += r.conditions.map { "  \($0.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \($0.label)" }
    lines += r.warnings.map { "Warning: \($0)" }
    lines.append("Conventions: " + r.conventions.joined(separator: "; ") + ".")
    return lines.joined(separator: "\n")
}


/// `ikamet eligibility CLIENT`
struct EligibilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligibility",
        abstract: "Long-term permit eligibility: the six time rules, the verdict, the earliest eligible date, what-if trips.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The client's file number.") var client: String
    @Option(name: .long, help: "Reference date (the online application date; default today).") var on: String?
    @Option(name: .long, help: ArgumentHelp("A hypothetical trip EXIT:ENTRY (ENTRY may be empty: still abroad). Repeatable.", valueName: "exit:entry"))
    var trip: [String] = []
    @Option(name: .customLong("return"), help: ArgumentHelp("What if the client, abroad now (an open trip), re-enters on this date.", valueName: "date"))
    var returnDate: String?
    @Option(name: .long, help: "text or json.") var format: String = "text"

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
        if let on { do { _ = try CivilDate.parse(on) } catch { throw ValidationError("--on: \(error.description)") } }
        if let returnDate { do { _ = try CivilDate.parse(returnDate) } catch { throw ValidationError("--return: \(error.description)") } }
        for t in trip { _ = try parseTrip(t) }
    }

    func parseTrip(_ text: String) throws -> Trip {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--trip '\(text)': expected EXIT:ENTRY, e.g. 2027-01-10:2027-02-01") }
        let exit: CivilDate
        do { exit = try CivilDate.parse(parts[0]) } catch { throw ValidationError("--trip exit: \(error.description)") }
        var entry: CivilDate?
        if !parts[1].isEmpty {
            do { entry = try CivilDate.parse(parts[1]) } catch { throw ValidationError("--trip entry: \(error.description)") }
        }
        if let entry, entry < exit { throw ValidationError("--trip '\(text)': re-entry is before exit") }
        return Trip(exit: exit, entry: entry)
    }

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            guard let stored = try ctx.store.client(client) else { throw StoreError.clientNotFound(client) }
            let reference = try on.map { try CivilDate.parse($0) }
            var subject = stored.client
            if let returnDate {
                do { subject = try EligibilityEngine.withReturn(try CivilDate.parse(returnDate), subject) } catch let error as EligibilityEngine.WhatIfError {
                    throw CLIError("--return: \(error.description)")
                }
            }
            let report = ctx.eligibility.evaluate(subject, today: ctx.today, reference: reference, extraTrips: try trip.map(parseTrip))
            if format == "json" {
                OutputGate.json(try JSONOut.string(EligibilityJSON(report)) + "\n")
            } else {
                OutputGate.line(eligibilityText(report, name: stored.client.name))
            }
        }
    }
}

/// One row of `ikamet clients`.
struct ClientRowJSON: Encodable {
    var id: String
    var name: String
    var nationality: String?
    var attorney: String?
    var permitType: String?
    var permitEnd: String?
    var nextAction: String?
    var nextDate: String?
    var closed: String?
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(name, forKey: .name); try c.encode(nationality, forKey: .nationality)
        try c.encode(attorney, forKey: .attorney); try c.encode(permitType, forKey: .permitType)
        try c.encode(permitEnd, forKey: .permitEnd); try c.encode(nextAction, forKey: .nextAction); try c.encode(nextDate, forKey: .nextDate)
        try c.encodeIfPresent(closed, forKey: .closed)
    }
    enum CodingKeys: String, CodingKey { case id, name, nationality, attorney, permitType, permitEnd, nextAction, nextDate, closed }
}

/// `ikamet clients`
struct ClientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clients", abstract: "List clients, optionally filtered.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Text in the name, file number, passport or foreigner id (Turkish-aware).") var filter: String = ""
    @Option(name: .long, help: "Only this attorney's clients.") var attorney: String?
    @Flag(name: .long, help: "Include closed files (left out by default).") var all = false
    @Option(name: .long, help: "table, json or csv.") var format: String = "table"

    func validate() throws {
        guard ["table", "json", "csv"].contains(format) else { throw ValidationError("--format must be table, json or csv") }
    }

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            let engine = ctx.deadlines
            var rows: [ClientRowJSON] = []
            var offset = 0
            while true {
                let page = try ctx.store.searchClientRecords(filter: filter, attorney: attorney, limit: 1000, offset: offset)
                for c in page where all || !c.isClosed(on: ctx.today) {
                    let permit = DeadlineEngine.currentPermit(of: c, on: ctx.today)
                    let next = engine.items(for: c, today: ctx.today).first
                    rows.append(ClientRowJSON(id: c.id, name: c.name, nationality: c.nationality, attorney: c.attorney,
                                              permitType: permit?.type.rawValue, permitEnd: permit?.end?.iso,
                                              nextAction: next?.kind.rawValue, nextDate: next?.date.iso,
                                              closed: c.closed?.date.iso))
                }
                if page.count < 1000 { break }
                offset += 1000
            }
            switch format {
            case "json": OutputGate.json(try JSONOut.string(rows) + "\n")
            case "csv":
                OutputGate.line(CSV.line(["id", "name", "nationality", "attorney", "permitType", "permitEnd", "nextAction", "nextDate"]))
                for r in rows {
                    OutputGate.line(CSV.line([r.id, r.name, r.nationality ?? "", r.attorney ?? "", r.permitType ?? "", r.permitEnd ?? "",
                                    r.nextAction ?? "", r.nextDate ?? ""]))
                }
            default:
                var table = TextTable(columns: [.init(title: "File", width: 10), .init(title: "Name", width: 20), .init(title: "Nat", width: 3),
                                                .init(title: "Permit", width: 11), .init(title: "Ends", width: 10), .init(title: "Next", width: 10),
                                                .init(title: "Due", width: 10)])
                for r in rows {
                    table.add([r.id, r.name, r.nationality ?? "", r.permitType ?? "", r.permitEnd ?? "",
                               r.closed.map { _ in "closed" } ?? r.nextAction.flatMap { DeadlineKind(rawValue: $0)?.label } ?? "",
                               r.closed ?? r.nextDate ?? ""])
                }
                OutputGate.line(table.render())
                OutputGate.line("\(rows.count) client(s)")
            }
        }
    }
}
