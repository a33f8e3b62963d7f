import Foundation
import IkametCore
import TerminalUI

/// What a form edits.
public enum FormKind: Sendable, Equatable {
    case client(isNew: Bool)
    case permit(index: Int?)
    case trip(index: Int?)
    case application(index: Int?)
}

/// One field of a form: free text, or a choice among fixed values.
public struct FormField: Sendable, Equatable {
    public var key: String
    public var label: String
    public var input: TextField
    /// For a choice field, the allowed values (←/→ or Space cycle them).
    public var choices: [String]?
    public var hint: String?
    public var error: String?

    init(_ key: String, _ label: String, _ value: String?, choices: [String]? = nil, hint: String? = nil) {
        self.key = key; self.label = label; input = TextField(value ?? ""); self.choices = choices; self.hint = hint
    }

    var value: String { input.text.trimmingCharacters(in: .whitespaces) }
}

/// An open form: fields, which one has focus, and the record it started from.
public struct FormState: Sendable, Equatable {
    public var kind: FormKind
    public var title: String
    /// The client as loaded when the form opened (a blank one for a new client).
    public var base: Client
    /// The version the form started from (nil for a new client).
    public var baseVersion: Int?
    public var fields: [FormField]
    public var focus = 0
    /// A message about the whole form (a conflict, a rule problem not tied to one field).
    public var message: String?

    subscript(key: String) -> String { fields.first { $0.key == key }?.value ?? "" }
}

/// Building forms from records and records from forms.
enum Forms {
    static let dateHint = "YYYY-MM-DD or DD.MM.YYYY"

    static func clientForm(_ c: Client, version: Int?, isNew: Bool) -> FormState {
        var fields = [FormField]()
        if isNew { fields.append(FormField("id", "File number", c.id, hint: "e.g. 2026-0042")) }
        fields += [
            FormField("name", "Name (as in passport)", c.name),
            FormField("nationality", "Nationality", c.nationality, hint: "ISO 3166 alpha-2, e.g. DE"),
            FormField("birthDate", "Birth date", c.birthDate?.iso, hint: dateHint),
            FormField("birthPlace", "Birth place", c.birthPlace),
            FormField("fatherName", "Father's name", c.fatherName),
            FormField("motherName", "Mother's name", c.motherName),
            FormField("sex", "Sex", c.sex?.rawValue ?? unrecorded, choices: [unrecorded] + Sex.allCases.map(\.rawValue)),
            FormField("maritalStatus", "Marital status", c.maritalStatus?.rawValue ?? unrecorded,
                      choices: [unrecorded] + MaritalStatus.allCases.map(\.rawValue)),
            FormField("foreignerId", "Foreigner id (YKN)", c.foreignerId, hint: "11 digits starting 99"),
            FormField("passportNumber", "Passport number", c.passport.number),
            FormField("passportExpires", "Passport expiry", c.passport.expires?.iso, hint: dateHint),
            FormField("phone", "Phone", c.phone),
            FormField("email", "E-mail", c.email),
            FormField("address", "Address", c.address),
            FormField("province", "Province", c.province),
            FormField("attorney", "Attorney (initials)", c.attorney),
            FormField("notes", "Notes", c.notes),
        ]
        return FormState(kind: .client(isNew: isNew), title: isNew ? "New client" : "Edit client \(c.id)", base: c,
                         baseVersion: version, fields: fields)
    }

    static func permitForm(_ c: Client, version: Int, index: Int?) -> FormState {
        let p = index.flatMap { c.permits.indices.contains($0) ? c.permits[$0] : nil }
        let fields = [
            FormField("type", "Type", (p?.type ?? .shortTerm).rawValue, choices: PermitType.allCases.map(\.rawValue)),
            FormField("start", "Start", p?.start.iso, hint: dateHint),
            FormField("end", "End (last valid day)", p?.end?.iso, hint: "empty only for long-term"),
            FormField("number", "Permit number", p?.number),
            FormField("province", "Province", p?.province ?? c.province),
        ]
        return FormState(kind: .permit(index: index), title: index == nil ? "Add permit" : "Edit permit", base: c,
                         baseVersion: version, fields: fields)
    }

    static func tripForm(_ c: Client, version: Int, index: Int?) -> FormState {
        let t = index.flatMap { c.trips.indices.contains($0) ? c.trips[$0] : nil }
        let fields = [
            FormField("exit", "Exit date", t?.exit.iso, hint: dateHint),
            FormField("entry", "Re-entry date", t?.entry?.iso, hint: "empty while still abroad"),
            FormField("exempt", "Exempt (Art. 28(1))", t?.exempt?.rawValue ?? "no", choices: ["no"] + TripExemption.allCases.map(\.rawValue)),
        ]
        return FormState(kind: .trip(index: index), title: index == nil ? "Add trip" : "Edit trip", base: c,
                         baseVersion: version, fields: fields)
    }

    /// `parameters` gives a new extension its default delivery from the client's province (RULES.md §4).
    /// The choice for identity data not recorded (RULES.md §8a: optional fields).
    static let unrecorded = "not recorded"

    static func applicationForm(_ c: Client, version: Int, index: Int?, today: CivilDate,
                                parameters: RuleParameters = .standard) -> FormState {
        let a = index.flatMap { c.applications.indices.contains($0) ? c.applications[$0] : nil }
        let nextId = "A\((c.applications.compactMap { Int($0.id.dropFirst()) }.max() ?? 0) + 1)"
        var fields = [FormField]()
        if a == nil { fields.append(FormField("id", "Application id", nextId)) }
        fields += [
            FormField("kind", "Kind", (a?.kind ?? .extension).rawValue, choices: ApplicationKind.allCases.map(\.rawValue)),
            FormField("permitType", "Permit type sought", (a?.permitType ?? DeadlineEngine.currentPermit(of: c, on: today)?.type ?? .shortTerm).rawValue,
                      choices: PermitType.allCases.map(\.rawValue)),
            FormField("status", "Status", (a?.status ?? .draft).rawValue, choices: ApplicationStatus.allCases.map(\.rawValue)),
            FormField("submitted", "Online submission", a?.submitted?.iso, hint: dateHint),
            FormField("delivery", "Documents by", (a?.delivery ?? parameters.defaultDelivery(province: c.province)).rawValue,
                      choices: Delivery.allCases.map(\.rawValue)),
            FormField("mailed", "Documents mailed", a?.mailed?.iso, hint: dateHint),
            FormField("tracking", "Tracking number", a?.tracking),
            FormField("appointment", "Appointment", a?.appointment.map { $0.description.replacingFirst("T", with: " ") }, hint: "YYYY-MM-DD HH:MM"),
            FormField("decided", "Decision date", a?.decided?.iso, hint: dateHint),
            FormField("filedBy", "Filed by", (a?.filedBy ?? .client).rawValue, choices: Filer.allCases.map(\.rawValue)),
            FormField("cardReceived", "Card received", a?.cardReceived?.iso, hint: dateHint),
            FormField("documentsRequested", "More documents asked", a?.documentsRequested?.iso, hint: dateHint),
            FormField("documentsCompleted", "Documents completed", a?.documentsCompleted?.iso, hint: dateHint),
            FormField("requestedEnd", "Permit end asked for", a?.requestedEnd?.iso, hint: dateHint),
        ]
        if a == nil {
            fields.append(FormField("foreignDocuments", "Foreign documents", "no", choices: ["no", "yes"]))
            fields.append(FormField("supporter", "Family supporter", "foreigner", choices: ["foreigner", "Turkish citizen"]))
        }
        return FormState(kind: .application(index: index), title: index == nil ? "Add application" : "Edit application \(a?.id ?? "")",
                         base: c, baseVersion: version, fields: fields)
    }

    /// Reads the form into an edited client, or sets field errors and returns nil.
    static func apply(_ form: inout FormState, templates: ChecklistTemplates, validator: Validator, today: CivilDate, user: String) -> Client? {
        for i in form.fields.indices { form.fields[i].error = nil }
        form.message = nil
        var c = form.base
        var failed = false
        func fail(_ key: String, _ message: String) {
            if let i = form.fields.firstIndex(where: { $0.key == key }) { form.fields[i].error = message }
            failed = true
        }
        func date(_ key: String, required: Bool = false) -> CivilDate? {
            let text = form[key]
            if text.isEmpty {
                if required { fail(key, "required (\(dateHint))") }
                return nil
            }
            do { return try CivilDate.parse(text) } catch { fail(key, error.reason); return nil }
        }
        func optional(_ key: String) -> String? { form[key].isEmpty ? nil : form[key] }
        let prefix: String
        switch form.kind {
        case .client(let isNew):
            if isNew {
                c.id = form["id"]
                if c.id.isEmpty { fail("id", "required") }
            }
            c.name = form["name"]
            if c.name.isEmpty { fail("name", "required") }
            c.nationality = optional("nationality")?.uppercased()
            c.birthDate = date("birthDate")
            c.birthPlace = optional("birthPlace"); c.fatherName = optional("fatherName"); c.motherName = optional("motherName")
            c.sex = Sex(rawValue: form["sex"]); c.maritalStatus = MaritalStatus(rawValue: form["maritalStatus"])
            c.foreignerId = optional("foreignerId")
            c.passport.number = optional("passportNumber")
            c.passport.expires = date("passportExpires")
            c.phone = optional("phone"); c.email = optional("email"); c.address = optional("address")
            c.province = optional("province"); c.attorney = optional("attorney")?.uppercased()
            c.notes = form["notes"]
            prefix = ""
        case .permit(let index):
            let p = Permit(type: PermitType(rawValue: form["type"]) ?? .shortTerm, start: date("start", required: true) ?? CivilDate(dayNumber: 0),
                           end: date("end"), number: optional("number"), province: optional("province"))
            if let index, c.permits.indices.contains(index) { c.permits[index] = p } else { c.permits.append(p) }
            prefix = "permits[\(index ?? c.permits.count - 1)]."
        case .trip(let index):
            let t = Trip(exit: date("exit", required: true) ?? CivilDate(dayNumber: 0), entry: date("entry"),
                         exempt: TripExemption(rawValue: form["exempt"]))
            if let index, c.trips.indices.contains(index) { c.trips[index] = t } else { c.trips.append(t) }
            prefix = "trips[\(index ?? c.trips.count - 1)]."
        case .application(let index):
            var appointment: LocalDateTime?
            if !form["appointment"].isEmpty {
                do { appointment = try LocalDateTime.parse(form["appointment"]) } catch { fail("appointment", error.reason) }
            }
            let existing = index.flatMap { c.applications.indices.contains($0) ? c.applications[$0] : nil }
            var a = existing ?? Application(id: form["id"], kind: .extension, permitType: .shortTerm)
            if existing == nil, a.id.isEmpty { fail("id", "required") }
            a.kind = ApplicationKind(rawValue: form["kind"]) ?? a.kind
            a.permitType = PermitType(rawValue: form["permitType"]) ?? a.permitType
            a.status = ApplicationStatus(rawValue: form["status"]) ?? a.status
            a.submitted = date("submitted")
            a.delivery = Delivery(rawValue: form["delivery"]) ?? a.delivery
            a.mailed = date("mailed")
            a.tracking = optional("tracking")
            a.appointment = appointment
            a.decided = date("decided")
            a.filedBy = Filer(rawValue: form["filedBy"]) ?? a.filedBy
            a.cardReceived = date("cardReceived")
            a.documentsRequested = date("documentsRequested")
            a.documentsCompleted = date("documentsCompleted")
            a.requestedEnd = date("requestedEnd")
            // Recording the online submission of a draft submits it: the mailing deadline starts at once.
            if a.submitted != nil, a.status == .draft { a.status = .submitted }
            if existing == nil {
                let context = ChecklistContext.of(c, application: a, on: today, foreignDocuments: form["foreignDocuments"] == "yes",
                                                  foreignSupporter: form["supporter"] != "Turkish citizen")
                a.checklist = templates.checklist(kind: a.kind, permitType: a.permitType, context: context)
            }
            if let index, c.applications.indices.contains(index) { c.applications[index] = a } else { c.applications.append(a) }
            prefix = "applications[\(index ?? c.applications.count - 1)]."
        }
        if failed { return nil }
        // The same rule validation as the CLI and import.
        let issues = validator.validate(c, today: today)
        var unplaced: [String] = []
        for issue in issues where issue.level == .error {
            let key = fieldKey(for: issue.field, prefix: prefix, kind: form.kind)
            if let key, form.fields.contains(where: { $0.key == key }) {
                fail(key, issue.message)
            } else {
                unplaced.append("\(issue.field): \(issue.message)")
                failed = true
            }
        }
        if !unplaced.isEmpty { form.message = unplaced.joined(separator: "; ") }
        if failed { return nil }
        let warnings = issues.filter { $0.level == .warning }
            .filter { prefix.isEmpty || $0.field.hasPrefix(prefix) }
        if !warnings.isEmpty { form.message = "Saved with warnings: " + warnings.map(\.message).joined(separator: "; ") }
        return c
    }

    /// The form field a validation path refers to, if the form shows it.
    static func fieldKey(for path: String, prefix: String, kind: FormKind) -> String? {
        if case .client = kind {
            switch path {
            case "passport.number": return "passportNumber"
            case "passport.expires": return "passportExpires"
            default: return path.contains(".") || path.contains("[") ? nil : path
            }
        }
        guard !prefix.isEmpty, path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        return String(rest.prefix { $0 != "." && $0 != "[" })
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let i = firstIndex(of: target) else { return self }
        return String(self[..<i]) + replacement + String(self[index(after: i)...])
    }
}
