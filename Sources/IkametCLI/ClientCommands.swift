import ArgumentParser
import Foundation
import TerminalUI
import IkametCore
import IkametStore
import IkametText

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
    /// The trip during which the client is abroad on the earliest date ([exit, entry or null]), nil when present.
    var earliestAbroad: [String?]?
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
        try c.encode(earliestAbroad, forKey: .earliestAbroad)
        try c.encode(earliestNote, forKey: .earliestNote); try c.encode(assumptions, forKey: .assumptions)
        try c.encode(conditions, forKey: .conditions); try c.encode(warnings, forKey: .warnings)
        try c.encode(conventions, forKey: .conventions)
    }
    enum CodingKeys: String, CodingKey {
        case client, referenceDate, today, lookback, eligible, verdict, verdictReasons, borderline, rules, slices, exemptTrips,
             earliestEligibleDate, earliestAbroad, earliestNote, assumptions, conditions, warnings, conventions
    }

    /// The report with its sentences (details, explanations, reasons, notes) in the current language;
    /// keys, ids, states and dates stay the format's.
    init(_ r: EligibilityReport) {
        let cat = Catalog.current
        client = r.clientId; referenceDate = r.referenceDate.iso; today = r.today.iso
        lookback = [r.lookbackFrom.iso, r.lookbackTo.iso]
        eligible = r.eligible; borderline = r.borderline
        verdict = r.verdict.rawValue; verdictReasons = say(r.verdictReasons)
        rules = r.rules.map { Rule(id: $0.id.rawValue, passed: $0.passed, value: $0.value, limit: $0.limit,
                                   borderline: $0.borderline, detail: say($0.detail), explanation: cat.explanation($0.explanation)) }
        slices = r.slices
        exemptTrips = r.exemptTrips.map { say($0.note) }
        earliestEligibleDate = r.earliestEligibleDate?.iso; earliestNote = say(r.earliestNote)
        earliestAbroad = r.abroadOnEarliest.map { [$0.exit.iso, $0.entry?.iso] }
        assumptions = say(r.assumptions)
        let byId = Dictionary(uniqueKeysWithValues: r.conditions.map { ($0.id, $0.state.rawValue) })
        let unknown = ConditionState.unknown.rawValue
        conditions = ["publicAid": byId["public-aid"] ?? unknown, "income": byId["income"] ?? unknown,
                      "insurance": byId["insurance"] ?? unknown, "publicOrder": byId["public-order"] ?? unknown]
        warnings = say(r.warnings); conventions = say(r.conventions)
    }
}

/// The eligibility report as text, in the current language.
func eligibilityText(_ r: EligibilityReport, name: String) -> String {
    var lines: [String] = []
    lines.append(L("cli.eligibility.title", ["name": safe(name), "client": r.clientId, "date": r.referenceDate]))
    let result = L(r.eligible ? "cli.eligibility.all-pass" : "cli.eligibility.not-met")
    lines.append(L(r.borderline ? "cli.eligibility.lookback-borderline" : "cli.eligibility.lookback",
                   ["from": r.lookbackFrom, "to": r.lookbackTo, "result": result]))
    lines.append(L("cli.eligibility.verdict", ["verdict": say(r.verdict.term), "reasons": say(r.verdictReasons).joined(separator: "; ")]))
    for rule in r.rules {
        let mark = L(rule.passed ? "cli.eligibility.pass" : "cli.eligibility.fail")
        let numbers = rule.value.map { v in
            " " + (rule.limit.map { L("cli.eligibility.value-limit", ["value": formatDays(v), "limit": formatDays($0)]) } ?? formatDays(v))
        } ?? ""
        lines.append("  [\(mark)]" + (rule.borderline ? " " + L("cli.eligibility.borderline") : "") + " \(rule.id.rawValue):\(numbers)")
        lines.append("         " + say(rule.detail))
    }
    let yearlyLimit = r.rules.first { $0.id == .yearlyAbsence }?.limit.map(formatDays) ?? ""
    lines.append("  " + L("cli.eligibility.slices", ["limit": yearlyLimit]))
    for s in r.slices {
        lines.append("    " + L("cli.eligibility.slice", ["index": s.index, "from": s.from, "to": s.to, "days": s.interruptionDays])
                     + (s.passed ? "" : "  " + L("cli.eligibility.fail")))
    }
    for e in r.exemptTrips { lines.append("  " + L("cli.eligibility.exempt", ["note": say(e.note)])) }
    lines.append(L("cli.eligibility.earliest", ["date": r.earliestEligibleDate.map { day($0) } ?? L("cli.eligibility.no-date"),
                                                "note": say(r.earliestNote)]))
    if let trip = r.abroadOnEarliest {
        lines.append("  " + L(trip.entry == nil ? "cli.eligibility.earliest-abroad-open" : "cli.eligibility.earliest-abroad",
                              ["exit": day(trip.exit), "entry": trip.entry.map { day($0) } ?? ""]))
    }
    if !r.assumptions.isEmpty {
        lines.append(L("cli.eligibility.assumptions", ["today": r.today]))
        lines += say(r.assumptions).map { "  - \($0)" }
    }
    lines.append(L("cli.eligibility.conditions"))
    let stateWidth = columnWidth(ConditionState.allCases.map { say($0.term) }, minimum: 9)
    lines += r.conditions.map { "  \(padded(say($0.state.term), stateWidth)) \(say($0.term))" }
    lines += say(r.warnings).map { L("cli.common.warning", ["message": $0]) }
    lines.append(L("cli.eligibility.conventions", ["list": say(r.conventions).joined(separator: "; ")]))
    return lines.joined(separator: "\n")
}

/// `--format` of `ikamet eligibility` and `ikamet client`.
enum TextFormat: String, CaseIterable, ExpressibleByArgument, FormatOption {
    case text, json
    static let invalidKey = "cli.common.format-text-json"
}

/// `ikamet eligibility CLIENT`
struct EligibilityCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "eligibility", abstract: L("cli.eligibility.abstract"))
    }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.common.client-help"))) var client: String
    @Option(name: .long, help: ArgumentHelp(L("cli.eligibility.on-help"))) var on: String?
    @Option(name: .long, help: ArgumentHelp(L("cli.eligibility.trip-help"), valueName: "exit:entry"))  // lint:allow-literal value name in the usage line
    var trip: [String] = []
    @Option(name: .customLong("return"), help: ArgumentHelp(L("cli.eligibility.return-help"), valueName: "date"))
    var returnDate: String?
    @Option(name: .long, help: ArgumentHelp(L("cli.eligibility.format-help")), transform: { try TextFormat.parse($0) })
    var format: TextFormat = .text

    func validate() throws {
        if let on { do { _ = try CivilDate.parse(on) } catch { throw ValidationError(optionProblem("--on", dateProblem(error))) } }
        if let returnDate {
            do { _ = try CivilDate.parse(returnDate) } catch { throw ValidationError(optionProblem("--return", dateProblem(error))) }
        }
        for t in trip { _ = try parseTrip(t) }
    }

    func parseTrip(_ text: String) throws -> Trip {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { throw ValidationError(L("cli.eligibility.trip-shape", ["trip": text])) }
        let exit: CivilDate
        do { exit = try CivilDate.parse(parts[0]) } catch { throw ValidationError(L("cli.eligibility.trip-exit", ["problem": dateProblem(error)])) }
        var entry: CivilDate?
        if !parts[1].isEmpty {
            do { entry = try CivilDate.parse(parts[1]) } catch {
                throw ValidationError(L("cli.eligibility.trip-entry", ["problem": dateProblem(error)]))
            }
        }
        if let entry, entry < exit { throw ValidationError(L("cli.eligibility.trip-order", ["trip": text])) }
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
                    throw CLIError(optionProblem("--return", say(error.message)))
                }
            }
            let report = ctx.eligibility.evaluate(subject, today: ctx.today, reference: reference, extraTrips: try trip.map(parseTrip))
            switch format {
            case .json: OutputGate.json(try JSONOut.string(EligibilityJSON(report)) + "\n")
            case .text: OutputGate.line(eligibilityText(report, name: stored.client.name))
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
    /// The supporter's file number, when the supporter is a client of the office.
    var supporter: String?
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(name, forKey: .name); try c.encode(nationality, forKey: .nationality)
        try c.encode(attorney, forKey: .attorney); try c.encode(permitType, forKey: .permitType)
        try c.encode(permitEnd, forKey: .permitEnd); try c.encode(nextAction, forKey: .nextAction); try c.encode(nextDate, forKey: .nextDate)
        try c.encodeIfPresent(closed, forKey: .closed)
        try c.encodeIfPresent(supporter, forKey: .supporter)
    }
    enum CodingKeys: String, CodingKey { case id, name, nationality, attorney, permitType, permitEnd, nextAction, nextDate, closed, supporter }
}

/// `ikamet clients --format`.
enum ClientsFormat: String, CaseIterable, ExpressibleByArgument, FormatOption {
    case table, json, csv
    static let invalidKey = "cli.clients.format-invalid"
}

/// `ikamet clients`
struct ClientsCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "clients", abstract: L("cli.clients.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: ArgumentHelp(L("cli.clients.filter-help"))) var filter: String = ""
    @Option(name: .long, help: ArgumentHelp(L("cli.clients.attorney-help"))) var attorney: String?
    @Flag(name: .long, help: ArgumentHelp(L("cli.clients.all-help"))) var all = false
    @Option(name: .long, help: ArgumentHelp(L("cli.clients.household-help"), valueName: "client")) var household: String?
    @Option(name: .long, help: ArgumentHelp(L("cli.clients.format-help")), transform: { try ClientsFormat.parse($0) })
    var format: ClientsFormat = .table

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            if let attorney { try ctx.checkAttorney(attorney) }
            let engine = ctx.deadlines
            var rows: [ClientRowJSON] = []
            func add(_ c: Client) throws {
                let permit = DeadlineEngine.currentPermit(of: c, on: ctx.today)
                let supporter = try ctx.store.supporterFacts(for: c, today: ctx.today, engine: engine)
                let next = engine.items(for: c, today: ctx.today, supporter: supporter).first
                rows.append(ClientRowJSON(id: c.id, name: c.name, nationality: c.nationality, attorney: c.attorney,
                                          permitType: permit?.type.rawValue, permitEnd: permit?.end?.iso,
                                          nextAction: next?.kind.rawValue, nextDate: next?.date.iso,
                                          closed: c.closed?.date.iso, supporter: c.supporter?.clientId))
            }
            if let household {
                // The household in its own order: the head first, then the dependents by name (filters still apply).
                for c in try ctx.store.household(of: household, filter: filter, attorney: attorney) where all || !c.isClosed(on: ctx.today) {
                    try add(c)
                }
            } else {
                var offset = 0
                while true {
                    let page = try ctx.store.searchClientRecords(filter: filter, attorney: attorney, limit: 1000, offset: offset)
                    for c in page where all || !c.isClosed(on: ctx.today) { try add(c) }
                    if page.count < 1000 { break }
                    offset += 1000
                }
            }
            let cat = Catalog.current
            // The store lists by its folded sort column; a language with its own alphabet (Turkish) sorts again.
            if household == nil, !cat.sortsByFolding {
                let keys = Dictionary(rows.map { ($0.id, cat.collationKey($0.name)) }, uniquingKeysWith: { a, _ in a })
                rows.sort { a, b in
                    let ka = keys[a.id] ?? [], kb = keys[b.id] ?? []
                    return ka == kb ? a.id < b.id : ka.lexicographicallyPrecedes(kb)
                }
            }
            switch format {
            case .json: OutputGate.json(try JSONOut.string(rows) + "\n")
            case .csv:
                OutputGate.line(CSV.line(cat("cli.clients.csv-header").components(separatedBy: ",")))
                for r in rows {
                    OutputGate.line(CSV.line([r.id, r.name, r.nationality ?? "", r.attorney ?? "", r.permitType ?? "", r.permitEnd ?? "",
                                    r.nextAction ?? "", r.nextDate ?? ""]))
                }
            case .table:
                /// A stored ISO date in the catalog's style.
                func shownDate(_ iso: String?) -> String { iso.map { text in CivilDate(text).map { cat.date($0) } ?? text } ?? "" }
                var table = TextTable(columns: [.init(title: cat("cli.clients.column.file"), width: 10),
                                                .init(title: cat("cli.clients.column.name"), width: 20),
                                                .init(title: cat("cli.clients.column.nationality"), width: 3),
                                                .init(title: cat("cli.clients.column.permit"), width: 11),
                                                .init(title: cat("cli.clients.column.ends"), width: 10),
                                                .init(title: cat("cli.clients.column.next"), width: 10),
                                                .init(title: cat("cli.clients.column.due"), width: 10)])
                for r in rows {
                    table.add([r.id, r.name, r.nationality ?? "", r.permitType.flatMap(PermitType.init(rawValue:)).map { cat.shown($0.listTerm) } ?? r.permitType ?? "",
                               shownDate(r.permitEnd),
                               r.closed.map { _ in cat("cli.clients.closed") } ?? r.nextAction.flatMap { DeadlineKind(rawValue: $0) }.map { cat.shown($0.term) } ?? "",
                               shownDate(r.closed ?? r.nextDate)])
                }
                OutputGate.line(table.render())
                OutputGate.line(cat("cli.clients.count", ["count": rows.count]))
            }
        }
    }
}
