import IkametCore
import IkametStore
import IkametText
import TerminalUI

/// Draws the whole screen from the state (pure: same state, same frame), in the
/// state's language: the catalog of `state.language` (and date style) is bound while drawing.
public func view(_ state: AppState) -> Frame {
    Catalog.using(state.catalog) { drawFrame(state) }
}

func drawFrame(_ state: AppState) -> Frame {
    var f = Frame(width: state.width, height: state.height)
    guard state.width >= minimumSize.width, state.height >= minimumSize.height else {
        drawTooSmall(&f, state)
        return f
    }
    drawTitle(&f, state)
    let body = Rect(x: 0, y: 1, width: state.width, height: state.height - 3)
    // Each screen is drawn from its own state, carried by the screen itself.
    switch state.screens.last ?? .agenda {
    case .welcome: drawWelcome(&f, state, body)
    case .agenda: drawAgenda(&f, state, body)
    case .clients: drawClients(&f, state, body)
    case .client(let screen): drawClient(&f, state, screen, body)
    case .checklist(let checklist): drawChecklist(&f, state, checklist, body)
    case .form(let form): drawForm(&f, state, form, body)
    }
    drawStatus(&f, state)
    switch state.overlay {
    case .help: drawHelp(&f, state)
    case .explanation(let title, let text):
        drawTextBox(&f, title: title, text: text, footer: Strings.closeHint, scroll: state.textScroll)
    case .choose(let c): drawChoice(&f, c)
    case .confirm(let c): drawTextBox(&f, title: Strings.confirmTitle, text: c.question, footer: Strings.confirmHint, scroll: state.textScroll)
    case .prompt(let p): drawPrompt(&f, p)
    case nil: break
    }
    return f
}

/// Style of an urgency: colour where available, and always a text mark beside it.
func severityStyle(_ s: Severity?, _ state: AppState) -> Style {
    guard state.useColor, let s else { return .plain }
    switch s {
    case .overdue: return Style(color: .red, bold: true)
    case .critical: return Style(color: .yellow, bold: true)
    case .soon: return Style(color: .cyan)
    case .upcoming: return .plain
    }
}

func drawTooSmall(_ f: inout Frame, _ state: AppState) {
    let lines = Strings.tooSmall(width: state.width, height: state.height, minimum: minimumSize)
    for (i, line) in lines.enumerated() where i < state.height {
        f.put(line, x: 0, y: i, style: i == 0 ? .bold : .plain)
    }
}

func drawTitle(_ f: inout Frame, _ state: AppState) {
    f.fill(Rect(x: 0, y: 0, width: f.width, height: 1), style: Style(reverse: true))
    let screen: String
    switch state.route {
    case .welcome: screen = Strings.welcomeTitle
    case .agenda: screen = Strings.agendaTitle
    case .clients: screen = Strings.clientsTitle
    case .client: screen = state.clientScreen?.detail.map { "\($0.client.name) (\($0.client.id))" } ?? Strings.loading
    case .checklist: screen = Strings.checklistTitle(state.checklist?.applicationId ?? "")
    case .form: screen = state.form?.title ?? ""
    }
    // The store's short name (a file's name, a server's database), never more than 24 columns of the title bar.
    let store = state.isDemo ? Strings.demoTag : state.storeName
    let right = Strings.today(state.today) + "  " + DisplayWidth.clip(store, to: 24)
    let rightWidth = DisplayWidth.of(right)
    f.put(" " + Strings.titleBar(screen), x: 0, y: 0, style: Style(bold: true, reverse: true), maxWidth: f.width - rightWidth - 2)
    f.put(right + " ", x: max(0, f.width - rightWidth - 1), y: 0, style: Style(reverse: true))
}

func drawStatus(_ f: inout Frame, _ state: AppState) {
    let y = f.height - 2
    if let status = state.status {
        f.put(status, x: 1, y: y, style: state.statusIsError ? Style(color: state.useColor ? .red : nil, bold: true) : .bold, maxWidth: f.width - 2)
    }
    f.fill(Rect(x: 0, y: f.height - 1, width: f.width, height: 1), style: Style(reverse: true))
    f.put(" " + Strings.keyBar(for: state), x: 0, y: f.height - 1, style: Style(reverse: true))
}

// MARK: - Welcome

func drawWelcome(_ f: inout Frame, _ state: AppState, _ r: Rect) {
    let lines = Strings.welcomeLines(store: state.storeLabel)
    for (i, line) in lines.enumerated() {
        f.put(line, x: r.x + 4, y: r.y + 2 + i, style: i == 0 ? .bold : .plain, maxWidth: r.width - 8)
    }
}

// MARK: - Agenda

func drawAgenda(_ f: inout Frame, _ state: AppState, _ r: Rect) {
    let filter = state.agendaAttorney.map { Strings.attorneyFilter($0) } ?? Strings.allAttorneys
    f.put(Strings.agendaHeader(count: state.agendaTotal, clients: state.agendaShownClients, horizon: state.agendaHorizon, filter: filter),
          x: 1, y: r.y, style: .dim, maxWidth: r.width - 2)
    // Columns: mark, date, days, client, action, reason (the name and reason take what is left).
    let actionWidth = 20, nameWidth = max(16, (r.width - 43) * 45 / 100)
    let header = "    " + DisplayWidth.pad(Strings.colDate, to: 10) + " " + DisplayWidth.pad(Strings.colDays, to: 4) + " "
        + DisplayWidth.pad(Strings.colClient, to: nameWidth) + " " + DisplayWidth.pad(Strings.colAction, to: actionWidth) + " " + Strings.colReason
    f.put(header, x: 0, y: r.y + 1, style: .bold)
    if !state.agendaLoaded {
        f.put(Strings.loading, x: 2, y: r.y + 3)
        return
    }
    if state.agendaTotal == 0 {
        f.put(Strings.agendaEmpty, x: 2, y: r.y + 3)
        return
    }
    let top = r.y + 2, height = r.height - 2
    let selected = state.agendaCursor.selected
    // Lines from row `start` through the selected row, group headings included.
    func linesNeeded(from start: Int) -> Int {
        var lines = 0, last: AgendaGroup?
        for i in start...max(start, selected) {
            guard let row = state.agendaWindow[i] else { break }
            if row.group != last { lines += 1; last = row.group }
            lines += 1
        }
        return lines
    }
    // Start at the cursor's offset, later if the headings would push the selection off the screen.
    var start = state.agendaCursor.offset
    while start < selected && linesNeeded(from: start) > height { start += 1 }
    var y = top, i = start
    var lastGroup: AgendaGroup?
    while y < top + height, let row = state.agendaWindow[i] {
        if row.group != lastGroup {
            let title = Strings.groupTitle(row.group)
            f.put("── " + title + " " + String(repeating: "─", count: max(0, r.width - 6 - DisplayWidth.of(title))), x: 0, y: y, style: .bold)
            lastGroup = row.group
            y += 1
            if y >= top + height { break }
        }
        let style = severityStyle(row.severity, state)
        let days = row.actionKind == .awaiting ? "" : String(row.daysLeft)
        let line = row.severity.mark + " " + DisplayWidth.pad(Catalog.current.date(row.date), to: 10) + " "
            + String(repeating: " ", count: max(0, 4 - days.count)) + days + " "
            + DisplayWidth.pad(row.name, to: nameWidth) + " " + DisplayWidth.pad(row.action, to: actionWidth) + " "
            + row.reason
        f.put(DisplayWidth.clip(line, to: r.width - 1), x: 1, y: y, style: style, maxWidth: r.width - 1)
        if i == selected { f.restyle(y: y, from: 0, to: r.width) { $0.reverse = true } }
        y += 1
        i += 1
    }
}

// MARK: - Clients

func drawClients(_ f: inout Frame, _ state: AppState, _ r: Rect) {
    let label = Strings.filterLabel
    f.put(label, x: 1, y: r.y, style: .bold)
    let x0 = 1 + DisplayWidth.of(label) + 1
    let summary = Strings.clientsSummary(shown: state.clientTotal, sort: state.clientSort)
    let summaryX = r.width - DisplayWidth.of(summary) - 1
    f.put(state.clientFilter.text.isEmpty && !state.clientFilterActive ? Strings.filterHint : state.clientFilter.text,
          x: x0, y: r.y, style: state.clientFilterActive ? Style(underline: true) : .dim, maxWidth: max(1, summaryX - x0 - 1))
    if state.clientFilterActive { f.cursor = (x0 + min(state.clientFilter.cursorColumn, max(0, summaryX - x0 - 2)), r.y) }
    f.put(summary, x: summaryX, y: r.y, style: .dim)
    // The name column takes what the fixed columns leave.
    let extra = max(0, r.width - 80)
    let nameWidth = 13 + extra * 2 / 3, nextWidth = 15 + extra / 3
    let cols = [(Strings.colFile, 9), (Strings.colName, nameWidth), (Strings.colNat, 3), (Strings.colPermit, 11), (Strings.colEnds, 10),
                (Strings.colNext, nextWidth)]
    var x = 1
    for (title, w) in cols { f.put(title, x: x, y: r.y + 1, style: .bold, maxWidth: w); x += w + 1 }
    f.put(Strings.colDue, x: x, y: r.y + 1, style: .bold)
    let top = r.y + 2, height = r.height - 2
    if state.clientTotal == 0 {
        f.put(state.clientFilter.text.isEmpty ? Strings.noClients : Strings.noMatch(state.clientFilter.text), x: 2, y: top + 1)
        return
    }
    for (n, i) in (state.clientCursor.offset..<min(state.clientTotal, state.clientCursor.offset + height)).enumerated() {
        guard let row = state.clientWindow[i] else { break }
        let y = top + n
        var x = 1
        let cells = [row.id, row.name, row.nationality, row.permit, row.permitEnd.map { Catalog.current.date($0) } ?? "", row.next]
        for (cell, (_, w)) in zip(cells, cols) { f.put(cell, x: x, y: y, maxWidth: w); x += w + 1 }
        if let d = row.nextDate {
            f.put((row.nextSeverity?.mark ?? "  ") + Catalog.current.date(d), x: x, y: y, style: severityStyle(row.nextSeverity, state))
        }
        if i == state.clientCursor.selected { f.restyle(y: y, from: 0, to: r.width) { $0.reverse = true } }
    }
}

// MARK: - Boxes

/// Words filled into lines of at most `width` cells (TerminalUI's `DisplayWidth.wrap`).
func wrap(_ text: String, width: Int) -> [String] { DisplayWidth.wrap(text, width: width) }

/// How a text box lays out `text` on a terminal of `width` × `height`: its lines, how many show, how far it scrolls.
struct TextBoxMetrics {
    let width: Int, height: Int
    let lines: [String]
    /// Lines shown at once.
    var visible: Int { max(1, height - 4) }
    var maxScroll: Int { max(0, lines.count - visible) }

    init(text: String, width terminalWidth: Int, height terminalHeight: Int) {
        width = min(terminalWidth - 4, 76)
        lines = wrap(text, width: max(1, width - 4))
        height = min(terminalHeight - 2, lines.count + 4)
    }
}

func drawTextBox(_ f: inout Frame, title: String, text: String, footer: String, scroll: Int = 0) {
    let m = TextBoxMetrics(text: text, width: f.width, height: f.height)
    let width = m.width, height = m.height
    let box = Rect(x: (f.width - width) / 2, y: max(1, (f.height - height) / 2), width: width, height: height)
    f.fill(box)
    f.box(box, title: title)
    // A text that does not fit scrolls (↑↓ PgUp PgDn): nothing is cut off for good.
    let top = min(max(0, scroll), m.maxScroll)
    for (i, line) in m.lines.dropFirst(top).prefix(m.visible).enumerated() {
        f.put(line, x: box.x + 2, y: box.y + 1 + i, maxWidth: width - 4)
    }
    if top > 0 { f.put("↑", x: box.maxX - 2, y: box.y + 1) }
    if top < m.maxScroll { f.put("↓", x: box.maxX - 2, y: box.maxY - 3) }
    let hint = m.maxScroll > 0 ? Strings.scrollHint + " · " + footer : footer
    f.put(hint, x: box.x + 2, y: box.maxY - 2, style: .dim, maxWidth: width - 4)
}

/// A choice box: each value numbered, the one under the cursor reversed.
func drawChoice(_ f: inout Frame, _ c: Choice) {
    let width = min(f.width - 4, 60)
    let rows = c.labels.enumerated().map { i, label in (i < 9 ? "\(i + 1) " : "  ") + label }
    let height = min(f.height - 2, rows.count + 4)
    let box = Rect(x: (f.width - width) / 2, y: max(1, (f.height - height) / 2), width: width, height: height)
    f.fill(box)
    f.box(box, title: c.title)
    let visible = max(1, height - 4)
    let top = min(max(0, c.cursor - visible + 1), max(0, rows.count - visible))
    for (i, row) in rows.enumerated().dropFirst(top).prefix(visible) {
        let y = box.y + 1 + i - top
        f.put(row, x: box.x + 2, y: y, maxWidth: width - 4)
        if i == c.cursor { f.restyle(y: y, from: box.x + 1, to: box.maxX - 1) { $0.reverse = true } }
    }
    f.put(Strings.choiceHint, x: box.x + 2, y: box.maxY - 2, style: .dim, maxWidth: width - 4)
}

func drawPrompt(_ f: inout Frame, _ p: Prompt) {
    let width = min(f.width - 4, 70)
    let box = Rect(x: (f.width - width) / 2, y: f.height / 2 - 3, width: width, height: 6)
    f.fill(box)
    f.box(box, title: p.label)
    // A selected prefilled value is shown reversed: typing replaces it.
    f.put(p.field.text, x: box.x + 2, y: box.y + 2, style: Style(reverse: p.field.selected, underline: true), maxWidth: width - 4)
    f.cursor = (box.x + 2 + min(p.field.cursorColumn, width - 5), box.y + 2)
    if let e = p.error {
        f.put(e, x: box.x + 2, y: box.y + 3, style: Style(color: .red, bold: true), maxWidth: width - 4)
    }
    f.put(Strings.promptHint, x: box.x + 2, y: box.y + 4, style: .dim, maxWidth: width - 4)
}

/// The help's text for a terminal `width` wide: keys in a column of their own; long descriptions wrap with a
/// hanging indent.
func helpText(_ state: AppState, width: Int) -> String {
    let keys = Strings.helpKeys(for: state.route, tab: state.clientScreen?.tab)
    let boxWidth = min(width - 4, 76), keyWidth = 17
    let lines = keys.flatMap { key, text -> [String] in
        wrap(text, width: boxWidth - 4 - keyWidth).enumerated().map { i, part in
            DisplayWidth.pad(i == 0 ? key : "", to: keyWidth) + part
        }
    }
    return lines.joined(separator: "\n")
}

func drawHelp(_ f: inout Frame, _ state: AppState) {
    drawTextBox(&f, title: Strings.helpTitle, text: helpText(state, width: f.width), footer: Strings.helpFooter, scroll: state.textScroll)
}
