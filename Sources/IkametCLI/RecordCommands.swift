import ArgumentParser
import Foundation
import IkametCore
import IkametInterchange
import TerminalUI
import IkametStore
import IkametText

/// Everything about one client as text: profile, permits, trips, applications
/// with checklists and e-ikamet snapshots, deadlines and eligibility, in the current language.
func clientText(_ ctx: Context, _ stored: StoredClient) -> String {
    let c = stored.client
    let cat = Catalog.current
    /// An optional date in the catalog's style, else `missing`.
    func date(_ d: CivilDate?, _ missing: String) -> String { d.map { cat.date($0) } ?? missing }
    var lines: [String] = []
    lines.append(cat("cli.client.header", ["name": safe(c.name), "file": safe(c.id), "version": stored.version,
                                            "user": safe(stored.updatedBy), "at": stored.updatedAt]))
    lines.append("  " + cat("cli.client.identity", ["nationality": safe(c.nationality ?? "?"), "born": date(c.birthDate, "?"),
                                                     "foreignerId": safe(c.foreignerId ?? "—")]))
    lines.append("  " + cat("cli.client.passport", ["number": safe(c.passport.number ?? "—"), "expires": date(c.passport.expires, "?")]))
    lines.append("  " + cat("cli.client.contact", ["phone": safe(c.phone ?? "—"), "email": safe(c.email ?? "—"),
                                                    "province": safe(c.province ?? "—"), "attorney": safe(c.attorney ?? "—")]))
    if let a = c.address { lines.append("  " + cat("cli.client.address", ["address": safe(a)])) }
    if let poa = c.powerOfAttorney {
        lines.append("  " + cat("cli.client.poa", ["date": date(poa.date, "?"), "notary": safe(poa.notary ?? cat("cli.client.poa-no-notary")),
                                                    "expires": date(poa.expires, cat("cli.client.poa-never"))]))
    }
    let identity = [c.fatherName.map { cat("cli.client.father", ["name": safe($0)]) }, c.motherName.map { cat("cli.client.mother", ["name": safe($0)]) },
                    c.birthPlace.map { cat("cli.client.birth-place", ["place": safe($0)]) }, c.sex.map { cat.shown($0.term) },
                    c.maritalStatus.map { cat.shown($0.term) }].compactMap { $0 }
    if !identity.isEmpty { lines.append("  " + identity.joined(separator: ", ")) }
    if let closed = c.closed {
        let args: [String: any MessageArgConvertible] = ["date": closed.date, "reason": cat.shown(closed.reason.term), "note": safe(closed.note)]
        lines.append("  " + cat(closed.note == nil ? "cli.client.closed" : "cli.client.closed-note", args))
    }
    if !c.notes.isEmpty { lines.append("  " + cat("cli.client.notes", ["notes": safe(c.notes)])) }
    let supporter = (try? ctx.store.supporterFacts(for: c, today: ctx.today, engine: ctx.deadlines)) ?? nil
    if let supporter { lines.append("  " + cat("cli.client.supporter", ["supporter": safe(cat.shown(supporter.line))])) }

    lines.append(cat("cli.client.permits"))
    if c.permits.isEmpty { lines.append("  " + cat("cli.client.none-recorded")) }
    let current = DeadlineEngine.currentPermit(of: c, on: ctx.today)
    let typeWidth = columnWidth(PermitType.allCases.map { cat.shown($0.listTerm) }, minimum: 18)
    for p in Interchange.canonical(c).permits {
        let type = padded(cat.shown(p.type.listTerm), typeWidth)
        lines.append("  \(p == current ? "*" : " ") \(type) \(cat.date(p.start)) – \(date(p.end, cat("cli.client.no-end")))  \(safe(p.number ?? ""))  \(safe(p.province ?? ""))")
    }
    if let current, current.type != .longTerm, let limit = PassportRule.latestEnd(c, parameters: ctx.parameters) {
        lines.append("  " + cat("cli.client.passport-limit", ["limit": limit, "expiry": date(c.passport.expires, "?"),
                                                               "margin": ctx.parameters.deadlines.passportMarginDays]))
    }
    lines.append(cat("cli.client.trips"))
    if c.trips.isEmpty { lines.append("  " + cat("cli.client.none-recorded")) }
    for t in Interchange.canonical(c).trips {
        let days = t.entry.map { cat("cli.client.trip-days", ["days": t.exit.days(to: $0)]) } ?? cat("cli.client.still-abroad")
        let exempt = t.exempt.map { "  " + cat("cli.client.trip-exempt", ["reason": cat.shown($0.term)]) } ?? ""
        let note = t.note.map { "  " + safe($0) } ?? ""
        lines.append("    \(cat.date(t.exit)) – \(date(t.entry, "          "))  \(days)\(exempt)\(note)")
    }
    lines.append(cat("cli.client.applications"))
    if c.applications.isEmpty { lines.append("  " + cat("cli.client.none")) }
    for app in c.applications {
        lines.append("  " + cat("cli.client.application", ["id": safe(app.id), "kind": cat.shown(app.kind.term), "permit": cat.shown(app.permitType.listTerm),
                                                           "status": cat.shown(app.status.term), "filer": cat.shown(app.filedBy.term)]))
        var dates: [String] = []
        if let s = app.submitted { dates.append(cat("cli.client.app.submitted", ["date": s])) }
        if let n = app.number { dates.append(cat("cli.client.app.number", ["number": safe(n)])) }
        if app.kind == .extension { dates.append(cat("cli.client.app.delivery", ["delivery": cat.shown(app.delivery.term)])) }
        if let m = app.mailed {
            dates.append(app.tracking.map { cat("cli.client.app.mailed-tracking", ["date": m, "tracking": safe($0)]) } ?? cat("cli.client.app.mailed", ["date": m]))
        }
        if let a = app.appointment {
            let time = (a.hour < 10 ? "0" : "") + String(a.hour) + ":" + (a.minute < 10 ? "0" : "") + String(a.minute)
            dates.append(cat("cli.client.app.appointment", ["date": a.date, "time": time]))
        }
        if let d = app.decided { dates.append(cat("cli.client.app.decided", ["date": d])) }
        if let e = app.exitDocument { dates.append(cat("cli.client.app.exit-document", ["date": e])) }
        if let r = app.cardReceived { dates.append(cat("cli.client.app.card-received", ["date": r])) }
        if let r = app.documentsRequested { dates.append(cat("cli.client.app.documents-requested", ["date": r])) }
        if let r = app.documentsCompleted { dates.append(cat("cli.client.app.documents-completed", ["date": r])) }
        if let r = app.requestedEnd { dates.append(cat("cli.client.app.requested-end", ["date": r])) }
        if !dates.isEmpty { lines.append("      " + dates.joined(separator: ", ")) }
        if let steps = app.steps {
            lines.append("      " + cat("cli.client.app.steps", ["online": date(steps.online, "—"), "appointment": date(steps.appointment, "—"),
                                                                  "package": date(steps.packageSubmitted, "—"), "review": date(steps.reviewStarted, "—")]))
        }
        if !app.checklist.isEmpty {
            let progress = ChecklistProgress(application: app, templates: ctx.data.checklists)
            let stateWidth = columnWidth(ChecklistState.allCases.map { cat.shown($0.term) }, minimum: 9)
            lines.append("      " + cat("cli.client.checklist", ["summary": cat.shown(progress.summary)]))
            for e in app.checklist {
                let label = ctx.data.checklists.item(e.item).map { cat.shown($0.term) } ?? e.item
                let who = [e.by.map(safe), e.at.map { cat.date($0) }].compactMap { $0 }.joined(separator: " ")
                let state = padded(cat.shown(e.state.term), stateWidth)
                let note = e.note.map { "  " + cat("cli.client.item-note", ["note": safe($0)]) } ?? ""
                lines.append("        [\(state)] \(safe(label))\(who.isEmpty ? "" : "  (\(who))")\(note)")
            }
        }
        if app.kind == .extension, let (prev, snap) = c.previousSnapshot(before: app) {
            let today = SubmissionSnapshot.of(c, on: app.submitted ?? ctx.today)
            let diffs = snap.differences(from: today)
            lines.append("      " + cat("cli.client.snapshot", ["application": safe(prev.id), "date": date(prev.submitted, "?")]))
            for field in snap.labelledFields {
                let diff = diffs.first { $0.field == field.id }
                let mark = diff != nil ? "≠" : field.isIdentity ? " " : "·"
                lines.append("        \(mark) \(cat.shown(field.term)): \(safe(cat.shown(field.display)))"
                             + (diff.map { "  " + cat("cli.client.snapshot-today", ["value": safe(cat.shown($0.current))]) } ?? "")
                             + (field.isIdentity ? "" : "  " + cat("cli.client.snapshot-reference")))
            }
            lines.append("        " + (diffs.isEmpty ? cat("cli.client.snapshot-match") : cat("cli.client.snapshot-differ", ["count": diffs.count])))
        }
    }
    lines.append(cat("cli.client.deadlines"))
    let items = ctx.deadlines.items(for: c, today: ctx.today, supporter: supporter)
    if items.isEmpty { lines.append("  " + cat("cli.client.nothing-due")) }
    for item in items {
        lines.append("  \(item.severity.mark) " + cat("cli.client.deadline", ["date": item.date, "days": item.daysLeft, "action": cat.shown(item.kind.term)])
                     + (item.applicationId.map { " [\(safe($0))]" } ?? ""))
        lines.append("      \(safe(cat.explanation(item.explanation)))")
    }
    let issues = ctx.validator.validate(c, today: ctx.today, supporter: supporter)
    if !issues.isEmpty {
        lines.append(cat("cli.client.validation"))
        lines += issues.map { "  \(safe(issueText($0)))" }
    }
    lines.append("")
    lines.append(eligibilityText(ctx.eligibility.evaluate(c, today: ctx.today), name: c.name))
    return lines.joined(separator: "\n")
}

/// `ikamet client ID`
struct ClientCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "client", abstract: L("cli.client.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.common.client-help"))) var id: String
    @Option(name: .long, help: ArgumentHelp(L("cli.client.format-help")), transform: { try TextFormat.parse($0) })
    var format: TextFormat = .text

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            guard let stored = try ctx.store.client(id) else { throw StoreError.clientNotFound(id) }
            switch format {
            case .json: OutputGate.json(try Interchange.encode([stored.client]))
            case .text: OutputGate.line(clientText(ctx, stored))
            }
        }
    }
}

/// `ikamet checklist CLIENT APP [--set ITEM=STATE]...`
struct ChecklistCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "checklist", abstract: L("cli.checklist.abstract"), discussion: L("cli.checklist.discussion"))
    }
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("cli.common.client-help"))) var client: String
    @Argument(help: ArgumentHelp(L("cli.checklist.application-help"))) var application: String
    @Option(name: .long, help: ArgumentHelp(L("cli.checklist.set-help"), valueName: "item=state")) var set: [String] = []  // lint:allow-literal value name in the usage line
    @Option(name: .long, help: ArgumentHelp(L("cli.checklist.note-help"), valueName: "item=text")) var note: [String] = []  // lint:allow-literal value name in the usage line
    @Option(name: .long, help: ArgumentHelp(L("cli.checklist.add-help"), valueName: "item")) var add: [String] = []

    static func pair(_ text: String, _ option: String, _ cat: Catalog = Catalog.current) throws -> (String, String) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw ValidationError(cat("cli.checklist.pair", ["option": option, "text": text]))
        }
        return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }

    func validate() throws {
        for s in set {
            let (_, state) = try Self.pair(s, "set")
            guard ChecklistState(rawValue: state) != nil else {
                throw ValidationError(L("cli.checklist.not-a-state", ["set": s, "state": state,
                                                                      "states": ChecklistState.allCases.map(\.rawValue).joined(separator: ", ")]))
            }
        }
        for n in note { _ = try Self.pair(n, "note") }
    }

    func run() throws {
        try guarded {
            let ctx = try Context.open(global)
            var stored: StoredClient
            if set.isEmpty && note.isEmpty && add.isEmpty {
                guard let s = try ctx.store.client(client) else { throw StoreError.clientNotFound(client) }
                stored = s
            } else {
                let templates = ctx.data.checklists
                let user = ctx.user, today = ctx.today
                let cat = Catalog.current  // the closure may run on the store's queue: words from the catalog bound here
                stored = try ctx.store.modify(client, by: ctx.actor, today: ctx.today, validator: ctx.validator) { c in
                    guard let ai = c.applications.firstIndex(where: { $0.id == application }) else {
                        throw StoreError.applicationNotFound(client: client, application: application)
                    }
                    for id in add {
                        let clean = id.trimmingCharacters(in: .whitespaces)
                        guard !clean.isEmpty else { throw CLIError(cat("cli.checklist.add-empty")) }
                        guard !c.applications[ai].checklist.contains(where: { $0.item == clean }) else {
                            throw CLIError(cat("cli.checklist.add-duplicate", ["application": application, "item": clean]))
                        }
                        c.applications[ai].checklist.append(ChecklistEntry(item: clean, state: .missing, by: user, at: today))
                    }
                    let notes = try Dictionary(note.map { try Self.pair($0, "note", cat) }, uniquingKeysWith: { _, b in b })
                    for (item, text) in notes {
                        guard let ei = c.applications[ai].checklist.firstIndex(where: { $0.item == item }) else {
                            throw CLIError(Self.noItem(item, c.applications[ai], cat))
                        }
                        // A waived item's note is its reason: it may change, not go (unless --set moves the item on).
                        let leavesWaived = set.contains { (try? Self.pair($0, "set", cat))?.0 == item }
                        if text.isEmpty, c.applications[ai].checklist[ei].state == .waived, !leavesWaived {
                            throw CLIError(cat("cli.checklist.waived-note-required", ["item": item]))
                        }
                        // A note does not move the item: who moved it, and when, stay (the audit trail records the note).
                        c.applications[ai].checklist[ei].note = text.isEmpty ? nil : text
                    }
                    for s in set {
                        let (item, stateText) = try Self.pair(s, "set", cat)
                        guard let state = ChecklistState(rawValue: stateText) else { continue }
                        guard let ei = c.applications[ai].checklist.firstIndex(where: { $0.item == item }) else {
                            throw CLIError(Self.noItem(item, c.applications[ai], cat))
                        }
                        let entry = c.applications[ai].checklist[ei]
                        if let problem = ChecklistRules.check(entry, to: state, notarized: templates.needsNotarizedCopy(item), note: notes[item]) {
                            throw CLIError(cat("cli.checklist.refused", ["problem": cat.shown(problem)]))
                        }
                        c.applications[ai].checklist[ei].state = state
                        c.applications[ai].checklist[ei].by = user
                        c.applications[ai].checklist[ei].at = today
                    }
                }
            }
            guard let app = stored.client.applications.first(where: { $0.id == application }) else {
                throw StoreError.applicationNotFound(client: client, application: application)
            }
            OutputGate.line(checklistText(app, templates: ctx.data.checklists, client: stored.client))
        }
    }

    static func noItem(_ item: String, _ app: Application, _ cat: Catalog) -> String {
        cat("cli.checklist.no-item", ["application": app.id, "item": item, "items": app.checklist.map(\.item).joined(separator: ", ")])
    }
}

/// An application's checklist as text, in the current language.
func checklistText(_ app: Application, templates: ChecklistTemplates, client: Client) -> String {
    let cat = Catalog.current
    let progress = ChecklistProgress(application: app, templates: templates)
    var lines = [cat("cli.checklist.title", ["name": safe(client.name), "client": safe(client.id), "application": safe(app.id),
                                             "kind": cat.shown(app.kind.term), "permit": cat.shown(app.permitType.listTerm),
                                             "status": cat.shown(app.status.term)]),
                 cat.shown(progress.summary)]
    // 80 columns: a language whose state words are longer than 9 characters takes the room from the document's name.
    let stateWidth = min(columnWidth(ChecklistState.allCases.map { cat.shown($0.term) }, minimum: 9), 17)
    var table = TextTable(columns: [.init(title: cat("cli.checklist.column.state"), width: stateWidth),
                                    .init(title: cat("cli.checklist.column.item"), width: 26),
                                    .init(title: cat("cli.checklist.column.document"), width: 27 - (stateWidth - 9)),
                                    .init(title: cat("cli.checklist.column.by"), width: 4),
                                    .init(title: cat("cli.checklist.column.at"), width: 10)])
    for e in app.checklist {
        let t = templates.item(e.item)
        var label = t.map { cat.shown($0.term) } ?? cat("cli.checklist.custom")
        if t?.notarized == true { label += " " + cat("cli.checklist.notarized") }
        table.add([cat.shown(e.state.term), e.item, label, e.by ?? "", e.at.map { cat.date($0) } ?? ""])
    }
    lines.append(table.render())
    for e in app.checklist where e.note != nil { lines.append(cat("cli.checklist.note-line", ["item": safe(e.item), "note": safe(e.note)])) }
    for e in app.checklist {
        if let hint = templates.item(e.item)?.hintTerm, e.state != .waived {
            lines.append(cat("cli.checklist.hint-line", ["item": safe(e.item), "hint": cat.shown(hint)]))
        }
    }
    if !progress.blockers.isEmpty {
        let list = progress.blockers.map { cat("cli.checklist.blocker", ["item": $0.item, "needs": $0.needs]) }.joined(separator: "; ")
        lines.append(cat("cli.checklist.blocking", ["step": progress.blockedStep, "list": list]))
    }
    return lines.joined(separator: "\n")
}

/// `ikamet log --format`.
enum LogFormat: String, CaseIterable, ExpressibleByArgument, FormatOption {
    case table, json
    static let invalidKey = "cli.log.format-invalid"
}

/// `ikamet log`
struct LogCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "log", abstract: L("cli.log.abstract")) }
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: ArgumentHelp(L("cli.log.client-help"))) var client: String?
    @Option(name: .customLong("limit"), help: ArgumentHelp(L("cli.log.limit-help"), valueName: "count")) var limitOption: Int?
    var limit: Int { limitOption ?? 200 }
    @Option(name: .long, help: ArgumentHelp(L("cli.log.format-help")), transform: { try LogFormat.parse($0) })
    var format: LogFormat = .table

    func validate() throws {
        guard limit > 0 else { throw ValidationError(L("cli.log.limit-invalid")) }
    }

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            // An unknown file number is a typing mistake, not an empty history (a deleted client's history stays).
            if let client, try ctx.store.client(client) == nil, try ctx.store.auditTrail(client: client, limit: 1).isEmpty {
                throw StoreError.clientNotFound(client)
            }
            let entries = try ctx.store.auditTrail(client: client, limit: limit)
            if format == .json {
                struct E: Encodable {
                    var seq: Int64; var batch: Int64; var at: String; var user: String; var client: String?
                    var entity: String; var field: String; var old: String?; var new: String?
                    enum CodingKeys: String, CodingKey { case seq, batch, at, user, client, entity, field, old, new }
                    func encode(to encoder: any Encoder) throws {
                        var c = encoder.container(keyedBy: CodingKeys.self)
                        try c.encode(seq, forKey: .seq); try c.encode(batch, forKey: .batch); try c.encode(at, forKey: .at)
                        try c.encode(user, forKey: .user); try c.encode(client, forKey: .client); try c.encode(entity, forKey: .entity)
                        try c.encode(field, forKey: .field); try c.encode(old, forKey: .old); try c.encode(new, forKey: .new)
                    }
                }
                OutputGate.json(try JSONOut.string(entries.map { E(seq: $0.seq, batch: $0.batch, at: $0.at, user: $0.user, client: $0.clientId, entity: $0.entity, field: $0.field, old: $0.old, new: $0.new) }) + "\n")
                return
            }
            // Two lines an entry, each within 80 columns: when, who, which client and where in words; then the field
            // and old → new in words (a setting of the office keeps its key: it is what `ikamet settings` takes).
            let cat = Catalog.current, templates = ctx.data.checklists
            for e in entries {
                let when = String(e.at.prefix(16)).replacingOccurrences(of: "T", with: " ")
                let place = e.clientId == nil || e.field == "*" ? nil : AuditText.place(e.field, templates: templates, cat: cat)
                let what = e.field == "*" ? (e.new.map { cat("cli.log.client-event", ["event": Self.event($0, cat)]) } ?? cat("cli.log.client-deleted"))
                    : place?.where ?? safe(e.field)
                OutputGate.line(DisplayWidth.clip("\(when)  \(safe(e.user))  \(safe(e.clientId ?? cat("cli.log.office")))  \(what)", to: 80))
                if e.field != "*" {
                    let old = AuditText.value(e.old, field: e.field, cat: cat), new = AuditText.value(e.new, field: e.field, cat: cat)
                    let change = cat("cli.log.change", ["old": old, "new": new])
                    OutputGate.line(DisplayWidth.clip("    " + (place.map { cat("cli.log.field-change", ["field": $0.field, "change": change]) } ?? change), to: 80))
                }
            }
            if entries.isEmpty { OutputGate.line(cat("cli.log.empty")) }
        }
    }

    /// What happened to a whole record, as the store records it (`created`, `imported`, `restored from PATH`), in words.
    static func event(_ recorded: String, _ cat: Catalog) -> String { safe(cat.render(AuditEvent.message(recorded))) }
}
