import Foundation
import IkametCore
import TerminalUI

/// A letter as plain text, 72 columns, for e-mail or a plain printer. Control characters in
/// data are shown escaped (`TextSanitizer`), never passed on.
public enum TextLetter {
    public static let width = 72

    public static func render(_ letter: Letter) -> String {
        var out: [String] = []
        func clean(_ s: String) -> String { TextSanitizer.clean(s) }
        for block in letter.blocks {
            switch block {
            case .letterhead(let lines):
                out += lines.map(clean)
                out.append(String(repeating: "─", count: width))
            case .right(let text):
                let t = clean(text)
                out.append(String(repeating: " ", count: max(0, width - DisplayWidth.of(t))) + t)
                out.append("")
            case .lines(let lines):
                out += lines.map(clean)
                out.append("")
            case .fields(let pairs):
                let labelWidth = pairs.map { DisplayWidth.of(clean($0.label)) }.max() ?? 0
                for field in pairs {
                    let l = clean(field.label)
                    out += DisplayWidth.wrap(clean(field.value), width: width - labelWidth - 3).enumerated().map { i, line in
                        (i == 0 ? l + String(repeating: " ", count: labelWidth - DisplayWidth.of(l)) + " : " : String(repeating: " ", count: labelWidth + 3)) + line
                    }
                }
                out.append("")
            case .paragraph(let text):
                out += DisplayWidth.wrap(clean(text), width: width)
                out.append("")
            case .heading(let text):
                out.append(clean(text))
            case .numbered(let items):
                for (i, item) in items.enumerated() {
                    let number = "\(i + 1). "
                    let pad = String(repeating: " ", count: number.count)
                    out += DisplayWidth.wrap(clean(item.title), width: width - number.count).enumerated().map { $0.offset == 0 ? number + $0.element : pad + $0.element }
                    for detail in item.details {
                        out += DisplayWidth.wrap(clean(detail), width: width - number.count - 2).map { pad + "  " + $0 }
                    }
                }
                out.append("")
            case .signature(let lines):
                if out.last != "" { out.append("") }
                out += lines.map(clean)
                out.append("")
            case .timeline:
                continue
            }
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

}

/// A letter as one self-contained, printable HTML page (A4, no external file, no script), with the
/// permit timeline drawn as inline SVG. Every piece of data is escaped.
public enum HTMLLetter {
    public static func render(_ letter: Letter) -> String {
        var body: [String] = []
        for block in letter.blocks {
            switch block {
            case .letterhead(let lines):
                body.append("<header>" + lines.enumerated().map { $0.offset == 0 ? "<strong>\(escape($0.element))</strong>" : escape($0.element) }
                    .joined(separator: "<br>") + "</header>")
            case .right(let text):
                body.append("<p class=\"right\">\(escape(text))</p>")
            case .lines(let lines):
                body.append("<p>" + lines.map(escape).joined(separator: "<br>") + "</p>")
            case .fields(let pairs):
                body.append("<table class=\"fields\">" + pairs.map { "<tr><th>\(escape($0.label))</th><td>\(escape($0.value))</td></tr>" }.joined() + "</table>")
            case .paragraph(let text):
                body.append("<p>\(escape(text))</p>")
            case .heading(let text):
                body.append("<h2>\(escape(text))</h2>")
            case .numbered(let items):
                body.append("<ol>" + items.map { item in
                    "<li><strong>\(escape(item.title))</strong>" + item.details.map { "<br><span class=\"detail\">\(escape($0))</span>" }.joined() + "</li>"
                }.joined() + "</ol>")
            case .signature(let lines):
                body.append("<p class=\"signature\">" + lines.map(escape).joined(separator: "<br>") + "</p>")
            case .timeline(let t):
                body.append(svg(t))
            }
        }
        return page(language: letter.language, title: letter.title, style: letterStyle, body: body)
    }

    /// The print style of a letter (A4, margins, the timeline's figure).
    static let letterStyle = """
        @page { size: A4; margin: 20mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #000; max-width: 170mm; margin: 0 auto; }
        header { border-bottom: 1px solid #444; padding-bottom: 4pt; margin-bottom: 12pt; }
        .right { text-align: right; }
        h2 { font-size: 12pt; margin: 14pt 0 4pt; }
        ol { padding-left: 18pt; } li { margin-bottom: 6pt; }
        .detail { font-size: 10pt; color: #333; }
        table.fields th { text-align: left; font-weight: normal; padding-right: 12pt; vertical-align: top; }
        .signature { margin-top: 24pt; }
        figure { margin: 12pt 0; } figcaption { font-size: 9pt; color: #333; }
        """

    /// One self-contained page: the language, the escaped title, a style sheet and the body's elements.
    public static func page(language: String, title: String, style: String, body: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(escape(language))">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    /// The timeline: one row of permits, one of trips, the extension window shaded, a line at today.
    static func svg(_ t: Timeline) -> String {
        let width = 640.0, left = 10.0, right = 10.0, span = Double(max(1, t.from.days(to: t.to)))
        func x(_ d: CivilDate) -> Double { left + (width - left - right) * Double(t.from.days(to: max(t.from, min(t.to, d)))) / span }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        var shapes: [String] = []
        if let w = t.window {
            shapes.append("<rect x=\"\(n(x(w.from)))\" y=\"8\" width=\"\(n(max(1, x(w.to) - x(w.from))))\" height=\"56\" fill=\"#fde68a\"><title>\(escape(w.label))</title></rect>")
        }
        for p in t.permits {
            shapes.append("<rect x=\"\(n(x(p.from)))\" y=\"14\" width=\"\(n(max(1, x(p.to) - x(p.from))))\" height=\"18\" fill=\"#2563eb\" stroke=\"#fff\"><title>\(escape(p.label))</title></rect>")
        }
        for trip in t.trips {
            shapes.append("<rect x=\"\(n(x(trip.from)))\" y=\"40\" width=\"\(n(max(2, x(trip.to) - x(trip.from))))\" height=\"14\" fill=\"#dc2626\"><title>\(escape(trip.label))</title></rect>")
        }
        let tx = n(x(t.today))
        shapes.append("<line x1=\"\(tx)\" y1=\"4\" x2=\"\(tx)\" y2=\"68\" stroke=\"#000\" stroke-width=\"2\"/>")
        shapes.append("<text x=\"\(n(left))\" y=\"84\" font-size=\"11\">\(escape(t.fromLabel))</text>")
        shapes.append("<text x=\"\(n(width - right))\" y=\"84\" font-size=\"11\" text-anchor=\"end\">\(escape(t.toLabel))</text>")
        let colors = ["#2563eb", "#dc2626", "#000", "#fde68a"]
        var lx = left
        for (i, word) in t.legend.prefix(4).enumerated() {
            shapes.append("<rect x=\"\(n(lx))\" y=\"94\" width=\"10\" height=\"10\" fill=\"\(colors[i])\"/><text x=\"\(n(lx + 14))\" y=\"103\" font-size=\"11\">\(escape(word))</text>")
            lx += 26 + Double(word.count) * 6.5
        }
        return "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 110\" width=\"100%\" role=\"img\" aria-label=\"\(escape(t.summary))\">"
            + shapes.joined() + "</svg><figcaption>\(escape(t.summary))</figcaption></figure>"
    }

    /// Text made safe inside HTML: the five special characters as entities, control characters as visible escapes.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in TextSanitizer.clean(s).unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out += " "
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
