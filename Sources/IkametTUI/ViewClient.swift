import IkametCore
import IkametStore
import IkametText
import TerminalUI

// MARK: - Client screen

func drawClient(_ f: inout Frame, _ state: AppState, _ screen: ClientScreen, _ r: Rect) {
    guard let d = screen.detail else {
        f.put(Strings.loading, x: 2, y: r.y + 1)
        return
    }
    // Tabs.
    var x = 1
    for tab in ClientTab.allCases {
        let title = " " + Strings.tabTitle(tab) + " "
        f.put(title, x: x, y: r.y, style: tab == screen.tab ? Style(bold: true, reverse: true) : .plain)
        x += DisplayWidth.of(title) + 1
    }
    let body = Rect(x: 1, y: r.y + 2, width: r.width - 2, height: r.height - 2)
    let cursor = screen.cursor(screen.tab)
    switch screen.tab {
    case .overview: drawOverview(&f, state, d, cursor, body)
    case .permits: drawPermits(&f, state, d, cursor, body)
    case .trips: drawTrips(&f, state, d, cursor, body)
    case .applications: drawApplications(&f, state, d, cursor, body)
    case .longTerm: drawLongTerm(&f, state, screen, body)
    case .history: drawHistory(&f, state, d, cursor, body)
    }
}

/// Draws a list of rows in `r`, scrolled by the cursor, with the selection reversed.
func drawRows(_ f: inout Frame, _ rows: [(String, Style)], cursor: ListCursor, in r: Rect, selectable: Bool = true) {
    for (n, i) in (cursor.offset..<min(rows.count, cursor.offset + r.height)).enumerated() {
        f.put(rows[i].0, x: r.x, y: r.y + n, style: rows[i].1, maxWidth: r.width)
        if selectable && i == cursor.selected { f.restyle(y: r.y + n, from: 0, to: f.width) { $0.reverse = true } }
    }
}

func drawOverview(_ f: inout Frame, _ state: AppState, _ d: ClientDetail, _ cursor: ListCursor, _ r: Rect) {
    let c = d.client, fmt = { (date: CivilDate) in Catalog.current.date(date) }
    let current = DeadlineEngine.currentPermit(of: c, on: state.today)
    let profile = [
        Strings.profileLine(id: c.id, nationality: c.nationality ?? "?", born: c.birthDate.map(fmt) ?? "?", attorney: c.attorney ?? "—"),
        Strings.passportLine(number: c.passport.number ?? "—", expires: c.passport.expires.map(fmt) ?? "?")
            + (current.flatMap { $0.type == .longTerm ? nil : d.latestEnd }.map { Strings.latestEnd($0) } ?? "")
            + Strings.foreignerId(c.foreignerId ?? "—"),
        Strings.contactLine(phone: c.phone ?? "—", email: c.email ?? "", province: c.province ?? ""),
        c.closed.map { Strings.closedLine(date: $0.date, reason: $0.reason, note: $0.note) }
            ?? Strings.statusField(L(d.status.message)),
    ]
    for (i, line) in profile.enumerated() { f.put(line, x: r.x, y: r.y + i, maxWidth: r.width) }
    if !c.notes.isEmpty { f.put(Strings.notesField(c.notes), x: r.x, y: r.y + 4, style: .dim, maxWidth: r.width) }
    f.put(Strings.powerOfAttorneyLine(c.powerOfAttorney), x: r.x, y: r.y + 5, style: .dim, maxWidth: r.width)
    // A client in a household gets one more line (the others keep their layout).
    var top = r.y + 6
    if let household = Strings.householdLine(d) {
        f.put(household, x: r.x, y: top, style: .dim, maxWidth: r.width)
        top += 1
    }
    f.put(Strings.nextActions, x: r.x, y: top, style: .bold)
    if d.items.isEmpty { f.put(Strings.nothingDue, x: r.x + 2, y: top + 1); return }
    let rows = d.items.map { item in
        (DisplayWidth.clip(item.severity.mark + " " + DisplayWidth.pad(fmt(item.date), to: 10) + " " + String(format5(item.daysLeft)) + "  "
            + DisplayWidth.pad(LT(item.kind.term), to: 20) + " " + L(item.reason), to: r.width), severityStyle(item.severity, state))
    }
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: top + 1, width: r.width, height: r.maxY - top - 1))
}

/// The widest of some names, for a column that must hold each of them whole (in any language).
func widest(_ names: [String]) -> Int { names.map { DisplayWidth.of($0) }.max() ?? 0 }

func format5(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: " ", count: max(0, 5 - s.count)) + s
}

func drawPermits(_ f: inout Frame, _ state: AppState, _ d: ClientDetail, _ cursor: ListCursor, _ r: Rect) {
    let permits = d.client.permits
    guard !permits.isEmpty else { f.put(Strings.noPermits, x: r.x, y: r.y); return }
    // A timeline bar from the first start to the later of today and the last end.
    let first = permits.map(\.start).min() ?? state.today
    let last = max(state.today, permits.compactMap(\.end).max() ?? state.today)
    // The type column: 18 cells, wider when a type shown is longer (in another language); the bar takes what is left.
    let typeWidth = max(18, widest(permits.map { LT($0.type.listTerm) }))
    let barWidth = max(10, r.width - 56 - (typeWidth - 18))
    let span = max(1, first.days(to: last))
    let current = DeadlineEngine.currentPermit(of: d.client, on: state.today)
    f.put(DisplayWidth.pad(Strings.colType, to: typeWidth + 1) + DisplayWidth.pad(Strings.colPeriod, to: 25) + DisplayWidth.pad(Strings.colNumber, to: 10)
          + "\(first.year)…\(last.year)", x: r.x, y: r.y, style: .bold, maxWidth: r.width)
    let rows: [(String, Style)] = permits.map { p in
        let startCol = first.days(to: p.start) * barWidth / span
        let endCol = p.end.map { first.days(to: $0) * barWidth / span } ?? barWidth - 1
        var bar = Array(repeating: "·", count: barWidth)
        for i in max(0, startCol)...max(0, min(barWidth - 1, endCol)) { bar[i] = p.type == .student ? "▒" : "█" }
        let todayCol = min(barWidth - 1, first.days(to: state.today) * barWidth / span)
        if todayCol >= 0 { bar[todayCol] = "|" }
        let period = Catalog.current.date(p.start) + " – " + (p.end.map { Catalog.current.date($0) } ?? Strings.noEnd)
        return ((p == current ? "*" : " ") + DisplayWidth.pad(LT(p.type.listTerm), to: typeWidth) + DisplayWidth.pad(period, to: 25)
                + DisplayWidth.pad(p.number ?? "", to: 9) + " " + bar.joined(), .plain)
    }
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 2))
    f.put(Strings.permitLegend, x: r.x, y: r.maxY - 1, style: .dim, maxWidth: r.width)
}

func drawTrips(_ f: inout Frame, _ state: AppState, _ d: ClientDetail, _ cursor: ListCursor, _ r: Rect) {
    let trips = d.client.trips
    f.put(Strings.tripsLegend, x: r.x, y: r.maxY - 1, style: .dim, maxWidth: r.width)
    guard !trips.isEmpty else { f.put(Strings.noTrips, x: r.x, y: r.y); return }
    // The exemption column takes the width of the longest exemption name (in any language); the note (gates of an
    // imported Entry-Exit Record) what is left.
    let exemptWidth = max(DisplayWidth.of(Strings.colExempt), widest(TripExemption.allCases.map { LT($0.term) })) + 2
    f.put(DisplayWidth.pad(Strings.colExit, to: 12) + DisplayWidth.pad(Strings.colEntry, to: 12) + DisplayWidth.pad(Strings.colDaysAbroad, to: 13)
          + DisplayWidth.pad(Strings.colExempt, to: exemptWidth) + Strings.colNote,
          x: r.x, y: r.y, style: .bold, maxWidth: r.width)
    let rows: [(String, Style)] = trips.map { t in
        let days = t.entry.map { String(t.exit.days(to: $0)) } ?? Strings.stillAbroad
        return (DisplayWidth.pad(Catalog.current.date(t.exit), to: 12) + DisplayWidth.pad(t.entry.map { Catalog.current.date($0) } ?? "—", to: 12)
                + DisplayWidth.pad(days, to: 13) + DisplayWidth.pad(t.exempt.map { LT($0.term) } ?? "", to: exemptWidth) + (t.note ?? ""), .plain)
    }
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 2))
}

func drawApplications(_ f: inout Frame, _ state: AppState, _ d: ClientDetail, _ cursor: ListCursor, _ r: Rect) {
    let apps = d.client.applications
    guard !apps.isEmpty else { f.put(Strings.noApplications, x: r.x, y: r.y); return }
    let listHeight = min(apps.count, max(3, r.height / 3))
    let fmt = { (date: CivilDate) in Catalog.current.date(date) }
    // Columns of 10, 19 and 19 cells, wider when a name shown in them is longer (in another language).
    let kindWidth = max(10, widest(apps.map { LT($0.kind.term) }) + 1)
    let typeWidth = max(19, widest(apps.map { LT($0.permitType.listTerm) }) + 1)
    let statusWidth = max(19, widest(apps.map { LT($0.status.term) }) + 1)
    let rows: [(String, Style)] = apps.map { a in
        (DisplayWidth.pad(a.id, to: 5) + DisplayWidth.pad(LT(a.kind.term), to: kindWidth) + DisplayWidth.pad(LT(a.permitType.listTerm), to: typeWidth)
            + DisplayWidth.pad(LT(a.status.term), to: statusWidth) + (a.submitted.map { Strings.submitted($0) } ?? ""), .plain)
    }
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: r.y, width: r.width, height: listHeight))
    guard apps.indices.contains(cursor.selected) else { return }
    let a = apps[cursor.selected]
    var y = r.y + listHeight + 1
    var lines: [(String, Style)] = []
    var dates: [String] = [Strings.filedBy(a.filedBy)]
    if a.kind == .extension { dates.append(Strings.delivery(a.delivery)) }
    if let m = a.mailed { dates.append(Strings.mailed(m, tracking: a.tracking)) }
    if let ap = a.appointment { dates.append(Strings.appointment(ap.date, time: String(ap.description.suffix(5)))) }
    if let dd = a.decided { dates.append(Strings.decided(dd)) }
    if let cr = a.cardReceived { dates.append(Strings.cardReceived(cr)) }
    lines.append((dates.joined(separator: " · "), .plain))
    if !a.checklist.isEmpty {
        lines.append((Strings.checklistSummary(L(ChecklistProgress(application: a, templates: state.templates).summary)), .dim))
    }
    if a.kind == .extension {
        if let (prev, snap) = d.client.previousSnapshot(before: a) {
            let today = SubmissionSnapshot.of(d.client, on: a.submitted ?? state.today)
            let diffs = snap.differences(from: today)
            lines.append((Strings.snapshotHeader(prev.id, prev.submitted.map(fmt) ?? "?"), .bold))
            // Identity data: a difference is a mismatch to re-check (≠); permit fields are for reference (·).
            let fields = snap.labelledFields
            let labelWidth = max(22, widest(fields.map { LT($0.term) }) + 1)
            for field in fields {
                let diff = diffs.first { $0.field == field.id }
                let mark = diff != nil ? "≠ " : field.isIdentity ? "  " : "· "
                let text = mark + DisplayWidth.pad(LT(field.term), to: labelWidth) + DisplayWidth.pad(LT(field.display), to: 24)
                    + (diff.map { " → " + LT($0.current) } ?? "")
                lines.append((text, diff != nil ? Style(color: state.useColor ? .yellow : nil, bold: true) : field.isIdentity ? .plain : .dim))
            }
            if diffs.isEmpty { lines.append((Strings.snapshotMatches, .dim)) }
        } else {
            lines.append((Strings.noSnapshot, .dim))
        }
    }
    for (text, style) in lines where y < r.maxY {
        f.put(text, x: r.x, y: y, style: style, maxWidth: r.width)
        y += 1
    }
}

func drawLongTerm(_ f: inout Frame, _ state: AppState, _ screen: ClientScreen, _ r: Rect) {
    guard let report = screen.report else { f.put(Strings.loading, x: r.x, y: r.y); return }
    // With a what-if the report is a simulation: said first, since nothing of it is stored.
    let simulated = !screen.whatIf.isEmpty || screen.whatIfReturn != nil
    let verdict = (report.eligible ? Strings.eligibleNow : Strings.notEligible) + Strings.verdict(report.verdict)
        + (screen.whatIfReturn.map { Strings.whatIfBack($0) } ?? "")
    f.put(Strings.referenceLine(reference: report.referenceDate, from: report.lookbackFrom, to: report.lookbackTo),
          x: r.x, y: r.y, maxWidth: r.width)
    f.put(DisplayWidth.clip(verdict + (report.borderline ? " · " + Strings.borderline : ""), to: r.width), x: r.x, y: r.y + 1,
          style: report.eligible ? .bold : severityStyle(.overdue, state), maxWidth: r.width)
    // Selectable rows: the rules, then the what-if trips. The result mark and the rule name take the width of the longest.
    let pass = "[" + Strings.ruleResult(true) + "]", fail = "[" + Strings.ruleResult(false) + "]"
    let resultWidth = max(DisplayWidth.of(pass), DisplayWidth.of(fail))
    let ruleWidth = max(18, widest(EligibilityRuleId.allCases.map { Strings.ruleName($0) }) + 1)
    var rows: [(String, Style)] = report.rules.map { rule in
        let numbers = rule.value.map { v in formatDays(v) + (rule.limit.map { " / " + formatDays($0) } ?? "") } ?? ""
        let style: Style = rule.passed ? (rule.borderline ? severityStyle(.critical, state) : .plain) : severityStyle(.overdue, state)
        return ((rule.passed ? "   " : "!! ") + DisplayWidth.pad(rule.passed ? pass : fail, to: resultWidth) + " "
                + DisplayWidth.pad(Strings.ruleName(rule.id), to: ruleWidth) + DisplayWidth.pad(numbers, to: 16)
                + (rule.borderline ? Strings.borderlineShort : ""), style)
    }
    rows += screen.whatIf.map { ("   + " + Strings.whatIfTrip(exit: $0.exit, entry: $0.entry), .bold) }
    let cursor = screen.cursor(.longTerm)
    // A what-if report is a simulation: said on its own line, since nothing of it is stored.
    let top = r.y + (simulated ? 3 : 2)
    if simulated { f.put(Strings.whatIfNothingSaved, x: r.x, y: r.y + 2, style: .bold, maxWidth: r.width) }
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: top, width: r.width, height: rows.count))
    var y = top + rows.count
    var lines: [(String, Style)] = []
    lines.append((Strings.slices(report.slices.map { Strings.slice($0) + ($0.passed ? "" : "!") }.joined(separator: "  ")), .plain))
    lines.append((Strings.earliest(report.earliestEligibleDate)
                  + (report.assumptions.isEmpty ? "" : " · " + Strings.assumptionsCount(report.assumptions.count)), .bold))
    if let trip = report.abroadOnEarliest { lines.append((Strings.earliestAbroad(trip), severityStyle(.critical, state))) }
    lines.append((Strings.conditions(report.conditions.map { Strings.conditionName($0.id) + " " + LT($0.state.term) }.joined(separator: " · ")), .plain))
    if !report.exemptTrips.isEmpty { lines.append((Strings.exemptCount(report.exemptTrips.count), .dim)) }
    // The selected rule's numbers in words.
    if report.rules.indices.contains(cursor.selected) {
        lines += wrap(L(report.rules[cursor.selected].detail), width: r.width).map { ($0, Style.dim) }
    }
    for (text, style) in lines where y < r.maxY {
        f.put(DisplayWidth.clip(text, to: r.width), x: r.x, y: y, style: style, maxWidth: r.width)
        y += 1
    }
}


func drawHistory(_ f: inout Frame, _ state: AppState, _ d: ClientDetail, _ cursor: ListCursor, _ r: Rect) {
    guard !d.history.isEmpty else { f.put(Strings.noHistory, x: r.x, y: r.y); return }
    let rows: [(String, Style)] = d.history.map { e in
        let change = e.field == "*" ? (e.new.map { L(AuditEvent.message($0)) } ?? Strings.deletedWord)
            : "\(e.field): \(DisplayWidth.clip(e.old ?? "∅", to: 16)) → \(DisplayWidth.clip(e.new ?? "∅", to: 16))"
        return (Strings.timestamp(e.at, minutes: true) + "  " + DisplayWidth.pad(e.user, to: 8) + " " + change, .plain)
    }
    drawRows(&f, rows, cursor: cursor, in: r)
}

// MARK: - Checklist

func drawChecklist(_ f: inout Frame, _ state: AppState, _ cl: ChecklistScreen, _ r: Rect) {
    guard let app = currentApplication(state), let d = state.clientScreen?.detail else {
        f.put(Strings.loading, x: 2, y: r.y + 1)
        return
    }
    let templates = state.templates
    let progress = ChecklistProgress(application: app, templates: templates)
    f.put(Strings.checklistHeader(name: d.client.name, id: d.client.id, app: app), x: 1, y: r.y, style: .bold, maxWidth: r.width - 2)
    let filled = progress.total == 0 ? 0 : progress.ready * 20 / progress.total
    f.put("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "] " + L(progress.summary),
          x: 1, y: r.y + 1, maxWidth: r.width - 2)
    // The state column holds every state's name whole (10 cells in English); the document column takes what is left.
    let stateWidth = max(10, widest(ChecklistState.allCases.map { LT($0.term) }) + 1)
    let labelWidth = max(30, r.width - 36 - (stateWidth - 10))
    f.put(DisplayWidth.pad(Strings.colState, to: stateWidth + 2) + DisplayWidth.pad(Strings.colDocument, to: labelWidth + 1) + Strings.colByAt,
          x: 1, y: r.y + 2, style: .bold)
    let rows: [(String, Style)] = app.checklist.map { e in
        let t = templates.item(e.item)
        let ready = ChecklistRules.isReady(e, notarized: t?.notarized ?? false)
        let name = t.map { LT($0.term) } ?? Strings.customItem(e.item)
        let mark = ready ? "✓ " : "· "
        let who = [e.by, e.at.map { Catalog.current.date($0) }].compactMap { $0 }.joined(separator: " ")
        // The notarized mark stays visible however long the label.
        let shown = t?.notarized == true ? DisplayWidth.clip(name, to: labelWidth - 2) + " ⓝ" : name
        return (mark + DisplayWidth.pad(LT(e.state.term), to: stateWidth) + DisplayWidth.pad(shown, to: labelWidth) + " " + who,
                ready ? .plain : (e.state == .missing ? .plain : Style(color: state.useColor ? .cyan : nil)))
    }
    let listRect = Rect(x: 1, y: r.y + 3, width: r.width - 2, height: r.height - 6)
    drawRows(&f, rows, cursor: cl.cursor, in: listRect)
    let blockers = progress.blockers.map(\.item)
    let footer = blockers.isEmpty ? Strings.nothingBlocks(progress.blockedStep)
        : Strings.blocking(progress.blockedStep, blockers.joined(separator: ", "))
    for (i, line) in wrap(footer, width: r.width - 2).prefix(2).enumerated() {
        f.put(line, x: 1, y: r.maxY - 3 + i, style: blockers.isEmpty ? .plain : .bold, maxWidth: r.width - 2)
    }
    if app.checklist.indices.contains(cl.cursor.selected) {
        let e = app.checklist[cl.cursor.selected]
        let hint = [templates.item(e.item)?.hintTerm.map { Strings.check(LT($0)) }, e.note.map { Strings.note($0) }]
            .compactMap { $0 }.joined(separator: "  ")
        f.put(hint, x: 1, y: r.maxY - 1, style: .dim, maxWidth: r.width - 2)
    }
}

// MARK: - Form

func drawForm(_ f: inout Frame, _ state: AppState, _ form: FormState, _ r: Rect) {
    f.put(form.title, x: 1, y: r.y, style: .bold)
    let labelWidth = 24
    var y = r.y + 2
    // A form taller than the screen (the client form at 80×24) scrolls so that the focused field is shown.
    let rows = max(1, r.maxY - 2 - y)
    let first = form.focus >= rows ? form.focus - rows + 1 : 0
    for (i, field) in form.fields.enumerated().dropFirst(first) where y < r.maxY - 2 {
        let focused = i == form.focus
        // A field the login's role may not change is greyed out (dim), without the choice arrows.
        let locked = field.locked != nil
        f.put((focused ? "▸ " : "  ") + field.label, x: 1, y: y, style: locked ? .dim : focused ? .bold : .plain, maxWidth: labelWidth)
        let valueX = 1 + labelWidth + 1
        let shown = field.choices != nil ? (locked ? field.choiceLabel(field.input.text) : "‹ " + field.choiceLabel(field.input.text) + " ›") : field.input.text
        f.put(shown, x: valueX, y: y, style: locked ? .dim : Style(underline: focused), maxWidth: 34)
        if focused && field.choices == nil { f.cursor = (valueX + min(field.input.cursorColumn, 33), y) }
        if let error = field.error {
            f.put("✗ " + error, x: valueX + 35, y: y, style: Style(color: state.useColor ? .red : nil, bold: true), maxWidth: r.width - valueX - 36)
        } else if focused, let hint = field.hint {
            f.put(hint, x: valueX + 35, y: y, style: .dim, maxWidth: r.width - valueX - 36)
        }
        y += 1
    }
    // The focused field's error in full, then the form's message.
    var bottom: [(String, Style)] = []
    if form.fields.indices.contains(form.focus), let error = form.fields[form.focus].error {
        bottom.append(("✗ \(form.fields[form.focus].label): \(error)", Style(color: state.useColor ? .red : nil, bold: true)))
    }
    if let message = form.message { bottom += wrap(message, width: r.width - 4).map { ($0, Style.bold) } }
    if bottom.isEmpty, let needed = form.fields.lazy.compactMap(\.locked).max() {
        bottom += wrap(L("tui.form.locked-fields", ["role": needed.groupName]), width: r.width - 4).map { ($0, Style.dim) }
    }
    for (i, line) in bottom.prefix(2).enumerated() {
        f.put(line.0, x: 2, y: r.maxY - 2 + i, style: line.1, maxWidth: r.width - 4)
    }
}
