import Foundation
import IkametCore
import IkametStore
import IkametText

/// An audit row in words, for `ikamet log`: where the change is ("application A1, checklist item “Photos”"), which
/// field ("state"), and the old and new values as the product names them ("submitted → received"), in the reader's
/// language. The JSON format keeps the stored field paths, for scripts.
enum AuditText {
    /// One step of a field path: a name, and the key in brackets after it (`checklist[photos]`).
    struct Step: Equatable { var name: String; var key: String? }

    /// The steps of a stored path such as `applications[A1].checklist[photos].state`.
    static func steps(_ path: String) -> [Step] {
        var out: [Step] = [], name = "", key: String?, inKey = false
        for ch in path {
            if inKey {
                if ch == "]" { inKey = false } else { key = (key ?? "") + String(ch) }
                continue
            }
            switch ch {
            case "[": inKey = true; key = ""
            case ".": out.append(Step(name: name, key: key)); name = ""; key = nil
            default: name.append(ch)
            }
        }
        out.append(Step(name: name, key: key))
        return out
    }

    /// Where the change is ("application A1 · checklist item “Photos”"; "client file" for a field of the client
    /// itself) and which field ("state"), in words.
    static func place(_ path: String, templates: ChecklistTemplates, cat: Catalog) -> (where: String, field: String) {
        let all = steps(path)
        guard let field = all.last else { return (cat("cli.log.where.client"), safe(path)) }
        var parts: [String] = []
        for step in all.dropLast() {
            switch (step.name, step.key) {
            case ("applications", let id?): parts.append(cat("cli.log.where.application", ["id": safe(id)]))
            case ("checklist", let item?):
                let label = templates.item(item).map { cat.shown($0.term) } ?? item
                parts.append(cat("cli.log.where.checklist-item", ["item": safe(label)]))
            case ("permits", let i?): parts.append(cat("cli.log.where.permit", ["number": (Int(i) ?? 0) + 1]))
            case ("trips", let i?): parts.append(cat("cli.log.where.trip", ["number": (Int(i) ?? 0) + 1]))
            case (let name, let key):
                parts.append(fieldName(name, cat) + (key.map { " " + safe($0) } ?? ""))
            }
        }
        let fieldWords = fieldName(field.name, cat) + (field.key.map { " " + safe($0) } ?? "")
        return (parts.isEmpty ? cat("cli.log.where.client") : parts.joined(separator: " · "), fieldWords)
    }

    /// A field's name in words (`log.field.<name>`; the name itself when the catalog has none).
    static func fieldName(_ name: String, _ cat: Catalog) -> String { cat.shown(.termOr("log.field." + name, fallback: safe(name))) }

    /// A stored value in words: a date in the reader's style, an id of a fixed list by its name, else the text.
    static func value(_ text: String?, field path: String, cat: Catalog) -> String {
        guard let text else { return cat("cli.log.no-value") }
        if let date = CivilDate(text), text.count == 10 { return cat.date(date) }
        let all = steps(path)
        let name = all.last?.name ?? ""
        let parent = all.dropLast().last?.name ?? ""
        let prefix: String? = switch name {
        case "state": "checklist-state."
        case "status": "application-status."
        case "kind" where parent == "applications": "application-kind."
        case "permitType", "type": "permit."
        case "delivery": "delivery."
        case "filedBy": "filer."
        case "exempt": "exemption."
        case "sex": "sex."
        case "maritalStatus": "marital-status."
        case "reason" where parent == "closed": "closing-reason."
        case "result": "entry-exit-result."
        case "publicAid", "income", "insurance", "publicOrder": "condition-state."
        default: nil
        }
        guard let prefix else { return safe(text) }
        let id = prefix == "entry-exit-result." ? text.lowercased() : text
        return cat.shown(.termOr(prefix + id, fallback: safe(text)))
    }
}
