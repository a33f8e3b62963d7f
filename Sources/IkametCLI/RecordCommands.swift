import ArgumentParser
import Foundation
import IkametCore
import TerminalUI
import IkametStore

/// Everything about one client as text: profile, permits, trips, applications
/// with checklists and e-ikamet snapshots, deadlines and eligibility.
func clientText(_ ctx: Context, _ stored: StoredClient) -> String {
    let c = stored.client
    var lines: [String] = []
    lines.append("\(safe(c.name)) — file \(safe(c.id)) (version \(stored.version), last changed by \(safe(stored.updatedBy)) at \(stored.updatedAt))")
    lines.append("  Nationality \(safe(c.nationality ?? "?")), born \(c.birthDate?.iso ?? "?"), foreigner id \(safe(c.foreignerId ?? "—"))")
    lines.append("  Passport \(safe(c.passport.number ?? "—")), expires \(c.passport.expires?.iso ?? "?")")
    lines.append("  Phone \(safe(c.phone ?? "—")), e-mail \(safe(c.email ?? "—")), province \(safe(c.province ?? "—")), attorney \(safe(c.attorney ?? "—"))")
    if let a = c.address { lines.append("  Address \(safe(a))") }
    if let poa = c.powerOfAttorney {
        lines.append("  Power of attorney \(poa.date?.iso ?? "?") (\(safe(poa.notary ?? "notary ?"))), expires \(poa.expires?.iso ?? "never")")
    }
    let identity = [c.fatherName.map { "father \(safe($0))" }, c.motherName.map { "mother \(safe($0))" },
                    c.birthPlace.map { "born in \(safe($0))" }, c.sex?.rawValue, c.maritalStatus?.rawValue].compactMap { $0 }
    if !identity.isEmpty { lines.append("  " + identity.joined(separator: ", ")) }
    if let closed = c.closed {
        lines.append("  FILE CLOSED \(closed.date.iso): \(closed.reason.rawValue)\(closed.note.map { " — \(safe($0))" } ?? "") (docs/rules.md §11; `ikamet reopen` reopens it)")
    }
    if !c.notes.isEmpty { lines.append("  Notes: \(safe(c.notes))") }

    lines.append("Permits:")
    if c.permits.isEmpty { lines.append("  none recorded") }
    let current = DeadlineEngine.currentPermit(of: c, on: ctx.today)
    for p in Interchange.canonical(c).permits {
        lines.append("  \(p == current ? "*" : " ") \(p.type.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(p.start.iso) – \(p.end?.iso ?? "(no end)")  \(safe(p.number ?? ""))  \(safe(p.province ?? ""))")
    }
    if let current, current.type != .longTerm, let limit = PassportRule.latestEnd(c, parameters: ctx.parameters) {
        lines.append("  Latest end the current passport allows for an extension: \(limit.iso) (passport expiry \(c.passport.expires?.iso ?? "?") − \(ctx.parameters.deadlines.passportMarginDays) days, docs/rules.md §6)")
    }
    lines.append("Trips abroad:")
    if c.trips.isEmpty { lines.append("  none recorded") }
    for t in Interchange.canonical(c).trips {
        let days = t.entry.map { "\(t.exit.days(to: $0)) days" } ?? "still abroad"
        lines.append("    \(t.exit.iso) – \(t.entry?.iso ?? "          ")  \(days)\(t.exempt.map { "  exempt: \($0.rawValue)" } ?? "")")
    }
    lines.append("Applications:")
    if c.applications.isEmpty { lines.append("  none") }
    for app in c.applications {
        lines.append("  \(safe(app.id)): \(app.kind.rawValue) for \(app.permitType.rawValue), \(app.status.rawValue), filed by \(app.filedBy.rawValue)")
        var dates: [String] = []
        if let s = app.submitted { dates.append("submitted \(s.iso)") }
        if app.kind == .extension { dates.append("delivery \(app.delivery.rawValue)") }
        if let m = app.mailed { dates.append("mailed \(m.iso)\(app.tracking.map { " (\(safe($0)))" } ?? "")") }
        if let a = app.appointment { dates.append("appointment \(a)") }
        if let d = app.decided { dates.append("decided \(d.iso)") }
        if let e = app.exitDocument { dates.append("exit document \(e.iso)") }
        if let r = app.cardReceived { dates.append("card received \(r.iso)") }
        if let r = app.documentsRequested { dates.append("documents requested \(r.iso)") }
        if let r = app.documentsCompleted { dates.append("documents completed \(r.iso)") }
        if let r = app.requestedEnd { dates.append("requested end \(r.iso)") }
        if !dates.isEmpty { lines.append("      " + dates.joined(separator: ", ")) }
        if let steps = app.steps {
            lines.append("      steps: online \(steps.online?.iso ?? "—"), appointment \(steps.appointment?.iso ?? "—"), package \(steps.packageSubmitted?.iso ?? "—"), review \(steps.reviewStarted?.iso ?? "—")")
        }
        if !app.checklist.isEmpty {
            let progress = ChecklistProgress(application: app, templates: ctx.data.checklists)
            lines.append("      Checklist: \(progress.summary)")
            for e in app.checklist {
                let label = ctx.data.checklists.item(e.item)?.label ?? e.item
                let who = [e.by.map(safe), e.at?.iso].compactMap { $0 }.joined(separator: " ")
                lines.append("        [\(e.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))] \(safe(label))\(who.isEmpty ? "" : "  (\(who))")\(e.note.map { "  note: \(safe($0))" } ?? "")")
            }
        }
        if app.kind == .extension, let (prev, snap) = c.previousSnapshot(before: app) {
            let today = SubmissionSnapshot.of(c, on: app.submitted ?? ctx.today)
            let diffs = snap.differences(from: today)
            lines.append("      Data submitted with \(safe(prev.id)) on \(prev.submitted?.iso ?? "?") (re-enter exactly in e-ikamet):")
            for field in snap.labelledFields {
                let diff = diffs.first { $0.field == field.label }
                let mark = diff != nil ? "≠" : field.isIdentity ? " " : "·"
                lines.append("        \(mark) \(field.label): \(safe(field.value))" + (diff.map { "  → today: \(safe($0.current))" } ?? "")
                             + (field.isIdentity ? "" : "  (for reference)"))
            }
            lines.append(diffs.isEmpty ? "        (the identity data matches today's record)"
                                       : "        \(diffs.count) identity field(s) differ: re-check before e-ikamet (docs/rules.md §8a)")
        }
    }
    lines.append("Deadlines (all, with explanations):")
    let items = ctx.deadlines.items(for: c, today: ctx.today)
    if items.isEmpty { lines.append("  nothing due") }
    for item in items {
        lines.append("  \(item.severity.mark) \(item.date.iso) (\(item.daysLeft) days) \(item.kind.label)\(item.applicationId.map { " [\(safe($0))]" } ?? "")")
        lines.append("      \(safe(item.explanation.text))")
    }
    let issues = ctx.validator.validate(c, today: ctx.today)
    if !issues.isEmpty {
        lines.append("Validation:")
        lines += issues.map { "  \(safe($0.description))" }
    }
    lines.append("")
    lines.append(eligibilityText(ctx.eligibility.evaluate(c, today: ctx.today), name: c.name))
    return lines.joined(separator: "\n")
}

/// `ikamet client ID`
struct ClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "client", abstract: "Everything about one client, deadlines and eligibility included.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The client's file number.") var id: String
    @Option(name: .long, help: "text or json (the client's ikamet/1 record).") var format: String = "text"

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json") }
    }

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            guard let stored = try ctx.store.client(id) else { throw StoreError.clientNotFound(id) }
            if format == "json" {
                OutputGate.json(try Interchange.encode([stored.client]))
            } else {
                OutputGate.line(clientText(ctx, stored))
            }
        }
    }
}

/// `ikamet checklist CLIENT APP [--set ITEM=STATE]...`
struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Show or change an application's checklist (audited).",
        discussion: "States: missing, received, certified (items needing a notarized copy), submitted, waived (needs --note ITEM=REASON).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The client's file number.") var client: String
    @Argument(help: "The application id.") var application: String
    @Option(name: .long, help: ArgumentHelp("Set an item's state, ITEM=STATE. Repeatable.", valueName: "item=state")) var set: [String] = []
    @Option(name: .long, help: ArgumentHelp("Set an item's note (a waiver's reason), ITEM=TEXT. Repeatable.", valueName: "item=text")) var note: [String] = []
    @Option(name: .long, help: ArgumentHelp("Add a custom item with this id. Repeatable.", valueName: "item")) var add: [String] = []

    static func pair(_ text: String, _ option: String) throws -> (String, String) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw ValidationError("--\(option) '\(text)': expected ITEM=VALUE")
        }
        return (String(text[..<eq]), String(text[text.index(after: eq)...]))
    }

    func validate() throws {
        for s in set {
            let (_, state) = try Self.pair(s, "set")
            guard ChecklistState(rawValue: state) != nil else {
                throw ValidationError("--set '\(s)': '\(state)' is not a state (" + ChecklistState.allCases.map(\.rawValue).joined(separator: ", ") + ")")
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
                stored = try ctx.store.modify(client, by: ctx.actor, today: ctx.today, validator: ctx.validator) { c in
                    guard let ai = c.applications.firstIndex(where: { $0.id == application }) else {
                        throw StoreError.applicationNotFound(client: client, application: application)
                    }
                    for id in add {
                        let clean = id.trimmingCharacters(in: .whitespaces)
                        guard !clean.isEmpty else { throw CLIError("--add: the item id must not be empty") }
                        guard !c.applications[ai].checklist.contains(where: { $0.item == clean }) else {
                            throw CLIError("application \(application) already has an item '\(clean)'")
                        }
                        c.applications[ai].checklist.append(ChecklistEntry(item: clean, state: .missing, by: user, at: today))
                    }
                    let notes = try Dictionary(note.map { try Self.pair($0, "note") }, uniquingKeysWith: { _, b in b })
                    for (item, text) in notes {
                        guard let ei = c.applications[ai].checklist.firstIndex(where: { $0.item == item }) else {
                            throw CLIError(Self.noItem(item, c.applications[ai]))
                        }
                        c.applications[ai].checklist[ei].note = text.isEmpty ? nil : text
                        c.applications[ai].checklist[ei].by = user
                        c.applications[ai].checklist[ei].at = today
                    }
                    for s in set {
                        let (item, stateText) = try Self.pair(s, "set")
                        guard let state = ChecklistState(rawValue: stateText) else { continue }
                        guard let ei = c.applications[ai].checklist.firstIndex(where: { $0.item == item }) else {
                            throw CLIError(Self.noItem(item, c.applications[ai]))
                        }
                        let entry = c.applications[ai].checklist[ei]
                        if let problem = ChecklistRules.check(entry, to: state, notarized: templates.needsNotarizedCopy(item), note: notes[item]) {
                            throw CLIError("nothing was changed: \(problem)")
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

    static func noItem(_ item: String, _ app: Application) -> String {
        "application \(app.id) has no checklist item '\(item)'; its items are: " + app.checklist.map(\.item).joined(separator: ", ")
    }
}

/// An application's checklist as text.
func checklistText(_ app: Application, templates: ChecklistTemplates, client: Client) -> String {
    let progress = ChecklistProgress(application: app, templates: templates)
    var lines = ["\(safe(client.name)) (\(safe(client.id))) — application \(safe(app.id)): \(app.kind.rawValue) for \(app.permitType.rawValue), \(app.status.rawValue)",
                 progress.summary]
    var table = TextTable(columns: [.init(title: "State", width: 9), .init(title: "Item", width: 26), .init(title: "Document", width: 27),
                                    .init(title: "By", width: 4), .init(title: "At", width: 10)])
    for e in app.checklist {
        let t = templates.item(e.item)
        var label = t?.label ?? "(custom)"
        if t?.notarized == true { label += " [notarized]" }
        table.add([e.state.rawValue, e.item, label, e.by ?? "", e.at?.iso ?? ""])
    }
    lines.append(table.render())
    for e in app.checklist where e.note != nil { lines.append("note \(safe(e.item)): \(safe(e.note))") }
    for e in app.checklist {
        if let hint = templates.item(e.item)?.hint, e.state != .waived { lines.append("hint \(safe(e.item)): \(hint)") }
    }
    if !progress.blockers.isEmpty {
        lines.append("Blocking the \(progress.blockedStep): " + progress.blockers.map { "\($0.item) (needs \($0.needs))" }.joined(separator: "; "))
    }
    return lines.joined(separator: "\n")
}

/// `ikamet log`
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The audit trail, newest first.")
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this client.") var client: String?
    @Option(name: .long, help: "At most this many entries (default 200).") var limit: Int = 200
    @Option(name: .long, help: "table or json.") var format: String = "table"

    func validate() throws {
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() throws {
        try guarded {
            let ctx = try Context.open(global, readOnly: true)
            let entries = try ctx.store.auditTrail(client: client, limit: limit)
            if format == "json" {
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
            // Two lines an entry, each within 80 columns: who, when, where; then old → new.
            for e in entries {
                let when = String(e.at.prefix(16)).replacingOccurrences(of: "T", with: " ")
                let what = e.field == "*" ? (e.new == nil ? "client deleted" : "client \(safe(e.new))") : safe(e.field)
                OutputGate.line(DisplayWidth.clip("\(when)  \(safe(e.user))  \(safe(e.clientId ?? "(office)"))  \(what)", to: 80))
                if e.field != "*" {
                    OutputGate.line(DisplayWidth.clip("    \(e.old.map { safe($0) } ?? "∅") → \(e.new.map { safe($0) } ?? "∅")", to: 80))
                }
            }
            if entries.isEmpty { OutputGate.line("(no changes recorded)") }
        }
    }
}
