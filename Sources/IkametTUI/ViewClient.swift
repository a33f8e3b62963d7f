import IkametCore
import TerminalUI

// MARK: - Client screen

func drawClient(_ f: inout Frame, _ state: AppState, _ r: Rect) {
    guard let screen = state.clientScreen, let d = screen.detail else {
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
    let c = d.client, fmt = state.dateStyle.format
    let current = DeadlineEngine.currentPermit(of: c, on: state.today)
    let profile = [
        "\(Strings.fileNumber) \(c.id)   \(Strings.nationality) \(c.nationality ?? "?")   \(Strings.born) \(c.birthDate.map(fmt) ?? "?")   \(Strings.attorney) \(c.attorney ?? "—")",
        "\(Strings.passport) \(c.passport.number ?? "—") \(Strings.expires) \(c.passport.expires.map(fmt) ?? "?")"
            + (current.flatMap { $0.type == .longTerm ? nil : d.latestEnd }.map { " (\(Strings.latestEnd) \(fmt($0)))" } ?? "")
            + "  YKN \(c.foreignerId ?? "—")",
        "\(Strings.contact) \(c.phone ?? "—")  \(c.email ?? "")   \(c.province ?? "")",
        c.closed.map { "\(Strings.closedLabel) \(fmt($0.date)): \($0.reason.rawValue)\($0.note.map { " — \($0)" } ?? "") (C \(Strings.reopen))" }
            ?? ("\(Strings.status): " + Strings.statusLine(current: current, client: c, today: state.today, format: fmt)),
    ]
    for (i, line) in profile.enumerated() { f.put(line, x: r.x, y: r.y + i, maxWidth: r.width) }
    if !c.notes.isEmpty { f.put("\(Strings.notes): \(c.notes)", x: r.x, y: r.y + 4, style: .dim, maxWidth: r.width) }
    f.put(Strings.nextActions, x: r.x, y: r.y + 6, style: .bold)
    if d.items.isEmpty { f.put(Strings.nothingDue, x: r.x + 2, y: r.y + 7); return }
    let rows = d.items.map { item in
        (DisplayWidth.clip(item.severity.mark + " " + DisplayWidth.pad(fmt(item.date), to: 10) + " " + String(format5(item.daysLeft)) + "  "
            + DisplayWidth.pad(item.kind.label, to: 20) + " " + state.dateStyle.localize(item.reason), to: r.width), severityStyle(item.severity, state))
    }
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: r.y + 7, width: r.width, height: r.height - 7))
}

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
    let barWidth = max(10, r.width - 56)
    let span = max(1, first.days(to: last))
    let current = DeadlineEngine.currentPermit(of: d.client, on: state.today)
    f.put(DisplayWidth.pad(Strings.colType, to: 19) + DisplayWidth.pad(Strings.colPeriod, to: 25) + DisplayWidth.pad(Strings.colNumber, to: 10)
          + "\(first.year)…\(last.year)", x: r.x, y: r.y, style: .bold, maxWidth: r.width)
    let rows: [(String, Style)] = permits.map { p in
        let startCol = first.days(to: p.start) * barWidth / span
        let endCol = p.end.map { first.days(to: $0) * barWidth / span } ?? barWidth - 1
        var bar = Array(repeating: "·", count: barWidth)
        for i in max(0, startCol)...max(0, min(barWidth - 1, endCol)) { bar[i] = p.type == .student ? "▒" : "█" }
        let todayCol = min(barWidth - 1, first.days(to: state.today) * barWidth / span)
        if todayCol >= 0 { bar[todayCol] = "|" }
        let period = state.dateStyle.format(p.start) + " – " + (p.end.map(state.dateStyle.format) ?? Strings.noEnd)
        return ((p == current ? "*" : " ") + DisplayWidth.pad(p.type.rawValue, to: 18) + DisplayWidth.pad(period, to: 25)
                + DisplayWidth.pad(p.number ?? "", to: 9) + " " + bar.joined(), .plain)
    }
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 2))
    f.put(Strings.permitLegend, x: r.x, y: r.maxY - 1, style: .dim, maxWidth: r.width)
}

func drawTrips(_ f: inout Frame, _ state: AppState, _ d: ClientDetail, _ cursor: ListCursor, _ r: Rect) {
    let trips = d.client.trips
    guard !trips.isEmpty else { f.put(Strings.noTrips, x: r.x, y: r.y); return }
    f.put(DisplayWidth.pad(Strings.colExit, to: 12) + DisplayWidth.pad(Strings.colEntry, to: 12) + DisplayWidth.pad(Strings.colDaysAbroad, to: 13) + Strings.colExempt,
          x: r.x, y: r.y, style: .bold)
    let rows: [(String, Style)] = trips.map { t in
        let days = t.entry.map { String(t.exit.days(to: $0)) } ?? Strings.stillAbroad
        return (DisplayWidth.pad(state.dateStyle.format(t.exit), to: 12) + DisplayWidth.pad(t.entry.map(state.dateStyle.format) ?? "—", to: 12)
                + DisplayWidth.pad(days, to: 13) + (t.exempt?.rawValue ?? ""), .plain)
    }
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1))
}

func drawApplications(_ f: inout Frame, _ state: AppState, _ d: ClientDetail, _ cursor: ListCursor, _ r: Rect) {
    let apps = d.client.applications
    guard !apps.isEmpty else { f.put(Strings.noApplications, x: r.x, y: r.y); return }
    let listHeight = min(apps.count, max(3, r.height / 3))
    let fmt = state.dateStyle.format
    let rows: [(String, Style)] = apps.map { a in
        (DisplayWidth.pad(a.id, to: 5) + DisplayWidth.pad(a.kind.rawValue, to: 10) + DisplayWidth.pad(a.permitType.rawValue, to: 19)
            + DisplayWidth.pad(a.status.rawValue, to: 19) + (a.submitted.map { "\(Strings.submittedShort) \(fmt($0))" } ?? ""), .plain)
    }
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: r.y, width: r.width, height: listHeight))
    guard apps.indices.contains(cursor.selected) else { return }
    let a = apps[cursor.selected]
    var y = r.y + listHeight + 1
    var lines: [(String, Style)] = []
    var dates: [String] = ["\(Strings.filedBy) \(a.filedBy.rawValue)"]
    if a.kind == .extension { dates.append("\(Strings.delivery) \(a.delivery.rawValue)") }
    if let m = a.mailed { dates.append("\(Strings.mailed) \(fmt(m))" + (a.tracking.map { " (\($0))" } ?? "")) }
    if let ap = a.appointment { dates.append("\(Strings.appointment) \(fmt(ap.date)) \(ap.description.suffix(5))") }
    if let dd = a.decided { dates.append("\(Strings.decided) \(fmt(dd))") }
    if let cr = a.cardReceived { dates.append("\(Strings.cardReceived) \(fmt(cr))") }
    lines.append((dates.joined(separator: " · "), .plain))
    if !a.checklist.isEmpty {
        lines.append((Strings.checklistSummary(ChecklistProgress(application: a, templates: state.templates).summary), .dim))
    }
    if a.kind == .extension {
        if let (prev, snap) = d.client.previousSnapshot(before: a) {
            let today = SubmissionSnapshot.of(d.client, on: a.submitted ?? state.today)
            let diffs = snap.differences(from: today)
            lines.append((Strings.snapshotHeader(prev.id, prev.submitted.map(fmt) ?? "?"), .bold))
            // Identity data: a difference is a mismatch to re-check (≠); permit fields are for reference (·).
            for field in snap.labelledFields {
                let diff = diffs.first { $0.field == field.label }
                let mark = diff != nil ? "≠ " : field.isIdentity ? "  " : "· "
                let text = mark + DisplayWidth.pad(field.label, to: 22) + DisplayWidth.pad(field.value, to: 24)
                    + (diff.map { " → " + $0.current } ?? "")
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
    let fmt = state.dateStyle.format
    let verdict = (report.eligible ? Strings.eligibleNow : Strings.notEligible) + " · verdict: " + report.verdict.rawValue
        + (screen.whatIfReturn.map { " · what-if back \(fmt($0))" } ?? "")
    f.put("\(Strings.referenceDate) \(fmt(report.referenceDate)) (r) · \(Strings.lookback) \(fmt(report.lookbackFrom)) – \(fmt(report.lookbackTo))",
          x: r.x, y: r.y, maxWidth: r.width)
    f.put(DisplayWidth.clip(verdict + (report.borderline ? " · " + Strings.borderline : ""), to: r.width), x: r.x, y: r.y + 1,
          style: report.eligible ? .bold : severityStyle(.overdue, state), maxWidth: r.width)
    // Selectable rows: the five rules, then the what-if trips.
    var rows: [(String, Style)] = report.rules.map { rule in
        let numbers = rule.value.map { v in formatDays(v) + (rule.limit.map { " / " + formatDays($0) } ?? "") } ?? ""
        let style: Style = rule.passed ? (rule.borderline ? severityStyle(.critical, state) : .plain) : severityStyle(.overdue, state)
        return ((rule.passed ? "   [pass] " : "!! [FAIL] ") + DisplayWidth.pad(rule.id.rawValue, to: 18) + DisplayWidth.pad(numbers, to: 16)
                + (rule.borderline ? Strings.borderlineShort : ""), style)
    }
    rows += screen.whatIf.map { ("   + " + Strings.whatIfTrip + " " + fmt($0.exit) + " – " + ($0.entry.map(fmt) ?? Strings.stillAbroad), .bold) }
    let cursor = screen.cursor(.longTerm)
    drawRows(&f, rows, cursor: cursor, in: Rect(x: r.x, y: r.y + 2, width: r.width, height: rows.count))
    var y = r.y + 2 + rows.count
    var lines: [(String, Style)] = []
    lines.append((Strings.slicesLabel + report.slices.map { "Y\($0.index) \($0.interruptionDays)\($0.passed ? "" : "!")" }.joined(separator: "  "), .plain))
    lines.append(("\(Strings.earliest) \(report.earliestEligibleDate.map(fmt) ?? Strings.none)"
                  + (report.assumptions.isEmpty ? "" : " · " + Strings.assumptionsCount(report.assumptions.count)), .bold))
    lines.append((Strings.conditionsLabel + report.conditions.map { "\($0.id) \($0.state.rawValue)" }.joined(separator: " · "), .plain))
    if !report.exemptTrips.isEmpty { lines.append((Strings.exemptCount(report.exemptTrips.count), .dim)) }
    // The selected rule's numbers in words.
    if report.rules.indices.contains(cursor.selected) {
        lines += wrap(state.dateStyle.localize(report.rules[cursor.selected].detail), width: r.width).map { ($0, Style.dim) }
    }
    for (text, style) in lines where y < r.maxY {
        f.put(DisplayWidth.clip(text, to: r.width), x: r.x, y: y, style: style, maxWidth: r.width)
        y += 1
    }
}


func drawHistory(_ f: inout Frame, _ state: AppState, _ d: ClientDetail, _ cursor: ListCursor, _ r: Rect) {
    guard !d.history.isEmpty else { f.put(Strings.noHistory, x: r.x, y: r.y); return }
    let rows: [(String, Style)] = d.history.map { e in
        let change = e.field == "*" ? (e.new ?? Strings.deletedWord)
            : "\(e.field): \(DisplayWidth.clip(e.old ?? "∅", to: 16)) → \(DisplayWidth.clip(e.new ?? "∅", to: 16))"
        return (String(e.at.prefix(16)).replacingFirst("T", with: " ") + "  " + DisplayWidth.pad(e.user, to: 8) + " " + change, .plain)
    }
    drawRows(&f, rows, cursor: cursor, in: r)
}

// MARK: - Checklist

func drawChecklist(_ f: inout Frame, _ state: AppState, _ r: Rect) {
    guard let cl = state.checklist, let app = currentApplication(state), let d = state.clientScreen?.detail else {
        f.put(Strings.loading, x: 2, y: r.y + 1)
        return
    }
    let templates = state.templates
    let progress = ChecklistProgress(application: app, templates: templates)
    f.put("\(d.client.name) (\(d.client.id)) · \(app.kind.rawValue) \(Strings.forWord) \(app.permitType.rawValue) · \(app.status.rawValue)",
          x: 1, y: r.y, style: .bold, maxWidth: r.width - 2)
    let filled = progress.total == 0 ? 0 : progress.ready * 20 / progress.total
    f.put("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "] " + progress.summary,
          x: 1, y: r.y + 1, maxWidth: r.width - 2)
    let labelWidth = max(30, r.width - 36)
    f.put(DisplayWidth.pad(Strings.colState, to: 12) + DisplayWidth.pad(Strings.colDocument, to: labelWidth + 1) + Strings.colByAt,
          x: 1, y: r.y + 2, style: .bold)
    let rows: [(String, Style)] = app.checklist.map { e in
        let t = templates.item(e.item)
        let ready = ChecklistRules.isReady(e, notarized: t?.notarized ?? false)
        let label = (t?.label ?? Strings.customItem(e.item)) + (t?.notarized == true ? " ⓝ" : "")
        let mark = ready ? "✓ " : "· "
        let who = [e.by, e.at.map(state.dateStyle.format)].compactMap { $0 }.joined(separator: " ")
        // The notarized mark stays visible however long the label.
        let shown = t?.notarized == true ? DisplayWidth.clip(t?.label ?? "", to: labelWidth - 2) + " ⓝ" : label
        return (mark + DisplayWidth.pad(e.state.rawValue, to: 10) + DisplayWidth.pad(shown, to: labelWidth) + " " + who,
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
        let hint = [templates.item(e.item)?.hint.map { "\(Strings.check): \($0)" }, e.note.map { "\(Strings.noteWord): \($0)" }]
            .compactMap { $0 }.joined(separator: "  ")
        f.put(hint, x: 1, y: r.maxY - 1, style: .dim, maxWidth: r.width - 2)
    }
}

// MARK: - Form

func drawForm(_ f: inout Frame, _ state: AppState, _ r: Rect) {
    guard let form = state.form else { return }
    f.put(form.title, x: 1, y: r.y, style: .bold)
    let labelWidth = 24
    var y = r.y + 2
    for (i, field) in form.fields.enumerated() where y < r.maxY - 2 {
        let focused = i == form.focus
        f.put((focused ? "▸ " : "  ") + field.label, x: 1, y: y, style: focused ? .bold : .plain, maxWidth: labelWidth)
        let valueX = 1 + labelWidth + 1
        let shown = field.choices != nil ? "‹ \(field.input.text) ›" : field.input.text
        f.put(shown, x: valueX, y: y, style: Style(underline: focused), maxWidth: 34)
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
    for (i, line) in bottom.prefix(2).enumerated() {
        f.put(line.0, x: 2, y: r.maxY - 2 + i, style: line.1, maxWidth: r.width - 4)
    }
}
