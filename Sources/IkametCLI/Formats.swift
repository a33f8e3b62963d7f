import ArgumentParser
import Foundation
import IkametCore
import IkametText
import TerminalUI

/// A command's `--format`: an enum of the formats that command writes. Parsed with `parse`
/// (as the option's transform), so another value is refused with the command's own message
/// from the catalog, e.g. "--format must be table, json, csv or ics".
protocol FormatOption: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The catalog key of the message refusing another value.
    static var invalidKey: String { get }
}

extension FormatOption {
    /// The format named `text`, or the command's refusal.
    static func parse(_ text: String) throws -> Self {
        guard let value = Self(rawValue: text) else { throw ValidationError(L(invalidKey)) }
        return value
    }
}

extension Catalog {
    /// A message argument (a term such as a deadline kind's short label) in this catalog's language.
    func shown(_ a: MessageArg) -> String { self("cli.common.value", ["value": a]) }

    /// A message in this catalog's language.
    func shown(_ m: Message) -> String { render(m) }

    /// Text the core gives as it is (see `say(_: String)`).
    func shown(_ s: String) -> String { s }
}

/// A fixed-width text table that fits a terminal (80 columns by default).
struct TextTable {
    struct Column {
        var title: String
        var width: Int
        var rightAligned = false
    }
    var columns: [Column]
    var rows: [[String]] = []

    mutating func add(_ row: [String]) { rows.append(row.map { TextSanitizer.clean($0) }) }

    func render() -> String {
        func line(_ cells: [String]) -> String {
            zip(columns, cells).map { col, cell in
                if col.rightAligned {
                    let clipped = DisplayWidth.clip(cell, to: col.width)
                    return String(repeating: " ", count: max(0, col.width - DisplayWidth.of(clipped))) + clipped
                }
                return DisplayWidth.pad(cell, to: col.width)
            }.joined(separator: " ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(columns.map(\.title)), line(columns.map { String(repeating: "-", count: $0.width) })]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}

/// RFC 4180 CSV.
enum CSV {
    static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
    static func line(_ fields: [String]) -> String { fields.map { field(TextSanitizer.clean($0)) }.joined(separator: ",") }
}

/// Canonical JSON for script output (sorted keys).
enum JSONOut {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}

/// RFC 5545 iCalendar output: one all-day event per deadline item.
enum ICS {
    static func escape(_ s: String) -> String {
        TextSanitizer.clean(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,")
    }

    /// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var out = "", current = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if current + size > 75 {
                out += "\r\n "
                current = 1
            }
            out.unicodeScalars.append(scalar)
            current += size
        }
        return out
    }

    static func basic(_ d: CivilDate) -> String { d.iso.replacingOccurrences(of: "-", with: "") }

    /// The calendar of the items; summaries and descriptions in the current language, ids and dates in the format's.
    static func calendar(items: [(item: DeadlineItem, name: String)], today: CivilDate) -> String {
        let cat = Catalog.current
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ikamet//deadlines//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]  // lint:allow-literal iCalendar keywords (RFC 5545)
        for (item, name) in items {
            let uid = "\(item.clientId)/\(item.kind.rawValue)/\(item.applicationId ?? "-")@ikamet"
            lines += [
                "BEGIN:VEVENT",  // lint:allow-literal iCalendar keywords (RFC 5545)
                "UID:\(escape(uid))",
                "DTSTAMP:\(basic(today))T000000Z",
                "DTSTART;VALUE=DATE:\(basic(item.date))",  // lint:allow-literal iCalendar keywords (RFC 5545)
                "DTEND;VALUE=DATE:\(basic(item.date.adding(days: 1)))",  // lint:allow-literal iCalendar keywords (RFC 5545)
                "SUMMARY:\(escape(cat("cli.deadlines.ics-summary", ["kind": cat.shown(item.kind.term), "name": name, "client": item.clientId])))",
                "DESCRIPTION:\(escape(cat.explanation(item.explanation)))",
                "CATEGORIES:\(escape(item.kind.rawValue))",
                "TRANSP:TRANSPARENT",  // lint:allow-literal iCalendar keywords (RFC 5545)
                "END:VEVENT",  // lint:allow-literal iCalendar keywords (RFC 5545)
            ]
        }
        lines.append("END:VCALENDAR")  // lint:allow-literal iCalendar keywords (RFC 5545)
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }
}
