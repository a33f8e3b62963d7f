import Foundation
import IkametCore
import TerminalUI

/// Output formats shared by the listing commands.
enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv, ics, text
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

    static func calendar(items: [(item: DeadlineItem, name: String)], today: CivilDate) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ikamet//deadlines//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        for (item, name) in items {
            let uid = "\(item.clientId)/\(item.kind.rawValue)/\(item.applicationId ?? "-")@ikamet"
            lines += [
                "BEGIN:VEVENT",
                "UID:\(escape(uid))",
                "DTSTAMP:\(basic(today))T000000Z",
                "DTSTART;VALUE=DATE:\(basic(item.date))",
                "DTEND;VALUE=DATE:\(basic(item.date.adding(days: 1)))",
                "SUMMARY:\(escape("\(item.kind.label): \(name) (\(item.clientId))"))",
                "DESCRIPTION:\(escape(item.explanation.text))",
                "CATEGORIES:\(escape(item.kind.rawValue))",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }
}
