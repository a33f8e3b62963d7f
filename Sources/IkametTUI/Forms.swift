import Foundation
import IkametCore
import IkametStore
import IkametText
import TerminalUI

/// What a form edits.
public enum FormKind: Sendable, Equatable {
    case client(isNew: Bool)
    case permit(index: Int?)
    case trip(index: Int?)
    case application(index: Int?)
    /// The power of attorney given to the office (date, notary, expiry).
    case powerOfAttorney
    /// The long-term file: the Entry-Exit Record and the four non-time conditions.
    case longTermFile
}

/// The fields of the forms, by name: forms look fields up by these, never by strings.
/// The raw values are the interchange field names the validator's paths use.
public enum FieldKey: String, Sendable, Equatable, CaseIterable {
    case address, appointment, attorney, birthDate, birthPlace, cardReceived, decided, delivery
    case documentsCompleted, documentsRequested, email, end, entry, exempt, exit, fatherName
    case filedBy, foreignDocuments, foreignerId, id, kind, mailed, maritalStatus, motherName
    case name, nationality, notes, number, passportExpires, passportNumber, permitType, phone
    case province, requestedEnd, sex, start, status, submitted, supporter, tracking
    case type
    case date, notary, expires
    case requested, received, result, publicAid, income, insurance, publicOrder
    /// The client's supporter (RULES.md §2): none, a client of the office, a person outside the store, a citizen;
    /// the file number or name; the person's permit end.
    case supporterKind, supporterName, supporterEnd
}

/// One field of a form: free text, or a choice among fixed values.
public struct FormField: Sendable, Equatable {
    public var key: FieldKey
    public var label: String
    public var input: TextField
    /// For a choice field, the allowed values (←/→ or Space cycle them) …
    public var choices: [String]?
    /// … and their names as shown, in the same order (nil: the values themselves).
    public var choiceLabels: [String]?
    public var hint: String?
    public var error: String?
    /// On an office server, the role this field needs and the login lacks: the field is greyed out, skipped by
    /// Tab and not editable (nil: free to change).
    public var locked: OfficeRole?

    init(_ key: FieldKey, _ label: String, _ value: String?, choices: [String]? = nil, labels: [String]? = nil, hint: String? = nil) {
        self.key = key; self.label = label; input = TextField(value ?? ""); self.choices = choices; self.choiceLabels = labels
        self.hint = hint
    }

    var value: String { input.text.trimmingCharacters(in: .whitespaces) }

    /// The name shown for a choice value.
    func choiceLabel(_ value: String) -> String {
        guard let choices, let labels = choiceLabels, let i = choices.firstIndex(of: value), labels.indices.contains(i) else { return value }
        return labels[i]
    }
}

/// An open form: fields, which one has focus, and the record it started from.
public struct FormState: Sendable, Equatable {
    public var kind: FormKind
    /// The user agreed to record the documents as mailed although checklist items block the mailing.
    public var mailingConfirmed = false
    public var title: String
    /// The client as loaded when the form opened (a blank one for a new client).
    public var base: Client
    /// The version the form started from (nil for a new client).
    public var baseVersion: Int?
    public var fields: [FormField]
    public var focus = 0
    /// A message about the whole form (a conflict, a rule problem not tied to one field).
    public var message: String?

    /// The fields that can take the focus: the unlocked ones (all of them when every field is locked).
    var focusable: [Int] {
        let open = fields.indices.filter { fields[$0].locked == nil }
        return open.isEmpty ? Array(fields.indices) : open
    }

    /// The field `steps` focusable fields away from the focused one (wrapping around).
    func focus(movedBy steps: Int) -> Int {
        let order = focusable
        guard !order.isEmpty else { return focus }
        guard let here = order.firstIndex(of: focus) else {
            // On a locked field (an error put the focus there): the next open field that way, wrapping around.
            let ahead = steps > 0 ? order.first { $0 > focus } ?? order.first : order.last { $0 < focus } ?? order.last
            return ahead ?? focus
        }
        return order[((here + steps) % order.count + order.count) % order.count]
    }

    subscript(key: FieldKey) -> String { fields.first { $0.key == key }?.value ?? "" }
}

/// Building forms from records and records from forms.
enum Forms {
    /// Locks the fields a login of `role` may not change (an office server; nil: a file, where nothing is locked)
    /// and moves the focus to the first field it may change. A field belongs to the client record's top-level
    /// key it edits: its own key on the client form, the record list on the others.
    static func lock(_ form: inout FormState, for role: OfficeRole?) {
        guard let role else { return }
        let recordKey: String?
        switch form.kind {
        case .client: recordKey = nil
        case .permit: recordKey = "permits"  // lint:allow-literal interchange keys
        case .trip: recordKey = "trips"  // lint:allow-literal interchange keys
        case .application: recordKey = "applications"  // lint:allow-literal interchange keys
        case .powerOfAttorney: recordKey = "powerOfAttorney"  // lint:allow-literal interchange keys
        case .longTermFile: recordKey = "longTerm"  // lint:allow-literal interchange keys
        }
        for i in form.fields.indices {
            let needed = OfficeRole.needed(toChange: recordKey ?? form.fields[i].key.rawValue)
            form.fields[i].locked = role < needed ? needed : nil
        }
        if form.fields.indices.contains(form.focus), form.fields[form.focus].locked != nil {
            form.focus = form.focusable.first ?? form.focus
        }
    }

    static var dateHint: String { L("tui.form.hint.date") }

    /// A date as the form shows it (the language's style; both styles are read back).
    static func shown(_ d: CivilDate?) -> String? { d.map { Catalog.current.date($0) } }

    static func clientForm(_ c: Client, version: Int?, isNew: Bool) -> FormState {
        var fields = [FormField]()
        if isNew { fields.append(FormField(.id, L("tui.form.client.id"), c.id, hint: L("tui.form.hint.file-number"))) }
        fields += [
            FormField(.name, L("tui.form.client.name"), c.name),
            FormField(.nationality, L("tui.form.client.nationality"), c.nationality, hint: L("tui.form.hint.nationality")),
            FormField(.birthDate, L("tui.form.client.birth-date"), shown(c.birthDate), hint: dateHint),
            FormField(.birthPlace, L("tui.form.client.birth-place"), c.birthPlace),
            FormField(.fatherName, L("tui.form.client.father-name"), c.fatherName),
            FormField(.motherName, L("tui.form.client.mother-name"), c.motherName),
            FormField(.sex, L("tui.form.client.sex"), c.sex?.rawValue ?? unrecorded, choices: [unrecorded] + Sex.allCases.map(\.rawValue),
                      labels: [L("tui.form.not-recorded")] + Sex.allCases.map { LT($0.term) }),
            FormField(.maritalStatus, L("tui.form.client.marital-status"), c.maritalStatus?.rawValue ?? unrecorded,
                      choices: [unrecorded] + MaritalStatus.allCases.map(\.rawValue),
                      labels: [L("tui.form.not-recorded")] + MaritalStatus.allCases.map { LT($0.term) }),
            FormField(.foreignerId, L("tui.form.client.foreigner-id"), c.foreignerId, hint: L("tui.form.hint.foreigner-id")),
            FormField(.passportNumber, L("tui.form.client.passport-number"), c.passport.number),
            FormField(.passportExpires, L("tui.form.client.passport-expires"), shown(c.passport.expires), hint: dateHint),
            FormField(.phone, L("tui.form.client.phone"), c.phone),
            FormField(.email, L("tui.form.client.email"), c.email),
            FormField(.address, L("tui.form.client.address"), c.address),
            FormField(.province, L("tui.form.province"), c.province),
            FormField(.attorney, L("tui.form.client.attorney"), c.attorney),
            FormField(.notes, L("tui.form.client.notes"), c.notes),
        ]
        fields += supporterFields(c.supporter)
        return FormState(kind: .client(isNew: isNew), title: isNew ? L("tui.form.title.new-client") : L("tui.form.title.edit-client", ["id": c.id]),
                         base: c, baseVersion: version, fields: fields)
    }

    /// The supporter as three fields: what kind of supporter, their file number or name, a person's permit end.
    static func supporterFields(_ s: Supporter?) -> [FormField] {
        let kinds = ["none", "client", "person", "citizen"]
        let kind: String, name: String?, end: CivilDate?
        switch s {
        case nil: kind = "none"; name = nil; end = nil
        case .client(let id)?: kind = "client"; name = id; end = nil
        case let .person(n, e, citizen)?: kind = citizen ? "citizen" : "person"; name = n; end = e
        }
        return [
            FormField(.supporterKind, L("tui.form.client.supporter-kind"), kind, choices: kinds,
                      labels: kinds.map { L("tui.form.supporter-kind." + $0) }),
            FormField(.supporterName, L("tui.form.client.supporter-name"), name, hint: L("tui.form.hint.supporter-name")),
            FormField(.supporterEnd, L("tui.form.client.supporter-end"), shown(end), hint: L("tui.form.hint.supporter-end")),
        ]
    }

    static func permitForm(_ c: Client, version: Int, index: Int?) -> FormState {
        let p = index.flatMap { c.permits.indices.contains($0) ? c.permits[$0] : nil }
        let fields = [
            FormField(.type, L("tui.form.permit.type"), (p?.type ?? .shortTerm).rawValue, choices: PermitType.allCases.map(\.rawValue),
                      labels: PermitType.allCases.map { LT($0.listTerm) }),
            FormField(.start, L("tui.form.permit.start"), shown(p?.start), hint: dateHint),
            FormField(.end, L("tui.form.permit.end"), shown(p?.end), hint: L("tui.form.hint.permit-end")),
            FormField(.number, L("tui.form.permit.number"), p?.number),
            FormField(.province, L("tui.form.province"), p?.province ?? c.province),
        ]
        return FormState(kind: .permit(index: index), title: index == nil ? L("tui.form.title.add-permit") : L("tui.form.title.edit-permit"),
                         base: c, baseVersion: version, fields: fields)
    }

    static func tripForm(_ c: Client, version: Int, index: Int?) -> FormState {
        let t = index.flatMap { c.trips.indices.contains($0) ? c.trips[$0] : nil }
        let fields = [
            FormField(.exit, L("tui.form.trip.exit"), shown(t?.exit), hint: dateHint),
            FormField(.entry, L("tui.form.trip.entry"), shown(t?.entry), hint: L("tui.form.hint.entry")),
            FormField(.exempt, L("tui.form.trip.exempt"), t?.exempt?.rawValue ?? "no", choices: ["no"] + TripExemption.allCases.map(\.rawValue),
                      labels: [L("tui.form.no")] + TripExemption.allCases.map { LT($0.term) }),
        ]
        return FormState(kind: .trip(index: index), title: index == nil ? L("tui.form.title.add-trip") : L("tui.form.title.edit-trip"),
                         base: c, baseVersion: version, fields: fields)
    }

    /// The value of a choice for identity data not recorded (RULES.md §8a: optional fields); shown as `tui.form.not-recorded`.
    static let unrecorded = "unrecorded"

    /// `parameters` gives a new extension its default delivery from the client's province (RULES.md §4).
    static func applicationForm(_ c: Client, version: Int, index: Int?, today: CivilDate,
                                parameters: RuleParameters = .standard) -> FormState {
        let a = index.flatMap { c.applications.indices.contains($0) ? c.applications[$0] : nil }
        let nextId = "A\((c.applications.compactMap { Int($0.id.dropFirst()) }.max() ?? 0) + 1)"
        var fields = [FormField]()
        if a == nil { fields.append(FormField(.id, L("tui.form.application.id"), nextId)) }
        fields += [
            FormField(.kind, L("tui.form.application.kind"), (a?.kind ?? .extension).rawValue, choices: ApplicationKind.allCases.map(\.rawValue),
                      labels: ApplicationKind.allCases.map { LT($0.term) }),
            FormField(.permitType, L("tui.form.application.permit-type"),
                      (a?.permitType ?? DeadlineEngine.currentPermit(of: c, on: today)?.type ?? .shortTerm).rawValue,
                      choices: PermitType.allCases.map(\.rawValue), labels: PermitType.allCases.map { LT($0.listTerm) }),
            FormField(.status, L("tui.form.application.status"), (a?.status ?? .draft).rawValue, choices: ApplicationStatus.allCases.map(\.rawValue),
                      labels: ApplicationStatus.allCases.map { LT($0.term) }),
            FormField(.submitted, L("tui.form.application.submitted"), shown(a?.submitted), hint: dateHint),
            FormField(.number, L("tui.form.application.number"), a?.number, hint: L("tui.form.hint.application-number")),
            FormField(.delivery, L("tui.form.application.delivery"), (a?.delivery ?? parameters.defaultDelivery(province: c.province)).rawValue,
                      choices: Delivery.allCases.map(\.rawValue), labels: Delivery.allCases.map { LT($0.term) }),
            FormField(.mailed, L("tui.form.application.mailed"), shown(a?.mailed), hint: dateHint),
            FormField(.tracking, L("tui.form.application.tracking"), a?.tracking),
            FormField(.appointment, L("tui.form.application.appointment"),
                      a?.appointment.map { Catalog.current.date($0.date) + " " + String($0.description.suffix(5)) },
                      hint: L("tui.form.hint.appointment")),
            FormField(.decided, L("tui.form.application.decided"), shown(a?.decided), hint: dateHint),
            FormField(.filedBy, L("tui.form.application.filed-by"), (a?.filedBy ?? .client).rawValue, choices: Filer.allCases.map(\.rawValue),
                      labels: Filer.allCases.map { LT($0.term) }),
            FormField(.cardReceived, L("tui.form.application.card-received"), shown(a?.cardReceived), hint: dateHint),
            FormField(.documentsRequested, L("tui.form.application.documents-requested"), shown(a?.documentsRequested), hint: dateHint),
            FormField(.documentsCompleted, L("tui.form.application.documents-completed"), shown(a?.documentsCompleted), hint: dateHint),
            FormField(.requestedEnd, L("tui.form.application.requested-end"), shown(a?.requestedEnd), hint: dateHint),
        ]
        if a == nil {
            fields.append(FormField(.foreignDocuments, L("tui.form.application.foreign-documents"), "no", choices: ["no", "yes"],
                                    labels: [L("tui.form.no"), L("tui.form.yes")]))
            fields.append(FormField(.supporter, L("tui.form.application.supporter"), "foreigner", choices: ["foreigner", "citizen"],
                                    labels: [L("tui.form.supporter.foreigner"), L("tui.form.supporter.citizen")]))
        }
        return FormState(kind: .application(index: index),
                         title: index == nil ? L("tui.form.title.add-application") : L("tui.form.title.edit-application", ["id": a?.id ?? ""]),
                         base: c, baseVersion: version, fields: fields)
    }

    static func powerOfAttorneyForm(_ c: Client, version: Int) -> FormState {
        let p = c.powerOfAttorney
        let fields = [
            FormField(.date, L("tui.form.poa.date"), shown(p?.date), hint: dateHint),
            FormField(.notary, L("tui.form.poa.notary"), p?.notary),
            FormField(.expires, L("tui.form.poa.expires"), shown(p?.expires), hint: L("tui.form.hint.poa-expires")),
        ]
        return FormState(kind: .powerOfAttorney, title: L("tui.form.title.power-of-attorney", ["id": c.id]), base: c, baseVersion: version,
                         fields: fields)
    }

    static func longTermForm(_ c: Client, version: Int) -> FormState {
        let lt = c.longTerm, record = lt.entryExitRecord
        func condition(_ key: FieldKey, _ label: String, _ value: ConditionState) -> FormField {
            FormField(key, label, value.rawValue, choices: ConditionState.allCases.map(\.rawValue), labels: ConditionState.allCases.map { LT($0.term) })
        }
        let fields = [
            FormField(.requested, L("tui.form.long-term.record-requested"), shown(record.requested), hint: dateHint),
            FormField(.received, L("tui.form.long-term.record-received"), shown(record.received), hint: dateHint),
            FormField(.result, L("tui.form.long-term.record-result"), record.result?.rawValue ?? unrecorded,
                      choices: [unrecorded] + EntryExitResult.allCases.map(\.rawValue),
                      labels: [L("tui.form.not-recorded")] + EntryExitResult.allCases.map { LT($0.term) }),
            condition(.publicAid, L("tui.form.long-term.public-aid"), lt.publicAid),
            condition(.income, L("tui.form.long-term.income"), lt.income),
            condition(.insurance, L("tui.form.long-term.insurance"), lt.insurance),
            condition(.publicOrder, L("tui.form.long-term.public-order"), lt.publicOrder),
        ]
        return FormState(kind: .longTermFile, title: L("tui.form.title.long-term", ["id": c.id]), base: c, baseVersion: version, fields: fields)
    }

    /// Reads the form into an edited client, or sets field errors and returns nil.
    static func apply(_ form: inout FormState, templates: ChecklistTemplates, validator: Validator, today: CivilDate, user: String) -> Client? {
        for i in form.fields.indices { form.fields[i].error = nil }
        form.message = nil
        var c = form.base
        var failed = false
        func fail(_ key: FieldKey, _ message: String) {
            if let i = form.fields.firstIndex(where: { $0.key == key }) { form.fields[i].error = message }
            failed = true
        }
        func date(_ key: FieldKey, required: Bool = false) -> CivilDate? {
            let text = form[key]
            if text.isEmpty {
                if required { fail(key, L("tui.form.required-date", ["hint": dateHint])) }
                return nil
            }
            do { return try CivilDate.parse(text) } catch { fail(key, L(error.reason)); return nil }
        }
        func optional(_ key: FieldKey) -> String? { form[key].isEmpty ? nil : form[key] }
        let prefix: String
        switch form.kind {
        case .client(let isNew):
            if isNew {
                c.id = form[.id]
                if c.id.isEmpty { fail(.id, L("tui.form.required")) }
            }
            c.name = form[.name]
            if c.name.isEmpty { fail(.name, L("tui.form.required")) }
            // An ISO 3166 code: ASCII upper case whatever the language (Turkish rules would make "it" "İT").
            c.nationality = optional(.nationality)?.uppercased()
            c.birthDate = date(.birthDate)
            c.birthPlace = optional(.birthPlace); c.fatherName = optional(.fatherName); c.motherName = optional(.motherName)
            c.sex = Sex(rawValue: form[.sex]); c.maritalStatus = MaritalStatus(rawValue: form[.maritalStatus])
            c.foreignerId = optional(.foreignerId)
            c.passport.number = optional(.passportNumber)
            c.passport.expires = date(.passportExpires)
            c.phone = optional(.phone); c.email = optional(.email); c.address = optional(.address)
            c.province = optional(.province); c.attorney = optional(.attorney).map { Catalog.current.uppercased($0) }
            c.notes = form[.notes]
            switch form[.supporterKind] {
            case "client", "person", "citizen":
                let name = form[.supporterName]
                if name.isEmpty { fail(.supporterName, L("tui.form.required")) }
                let end = date(.supporterEnd)
                switch form[.supporterKind] {
                case "client": c.supporter = .client(name)
                case "citizen": c.supporter = .person(name: name, permitEnd: nil, citizen: true)
                default: c.supporter = .person(name: name, permitEnd: end, citizen: false)
                }
            default: c.supporter = nil
            }
            prefix = ""
        case .permit(let index):
            let p = Permit(type: PermitType(rawValue: form[.type]) ?? .shortTerm, start: date(.start, required: true) ?? CivilDate(dayNumber: 0),
                           end: date(.end), number: optional(.number), province: optional(.province))
            if let index, c.permits.indices.contains(index) { c.permits[index] = p } else { c.permits.append(p) }
            prefix = "permits[\(index ?? c.permits.count - 1)]."
        case .trip(let index):
            // An edited trip keeps what the form does not show (the gates of an imported record).
            var t = index.flatMap { c.trips.indices.contains($0) ? c.trips[$0] : nil } ?? Trip(exit: CivilDate(dayNumber: 0), entry: nil)
            t.exit = date(.exit, required: true) ?? CivilDate(dayNumber: 0)
            t.entry = date(.entry)
            t.exempt = TripExemption(rawValue: form[.exempt])
            if let index, c.trips.indices.contains(index) { c.trips[index] = t } else { c.trips.append(t) }
            prefix = "trips[\(index ?? c.trips.count - 1)]."
        case .application(let index):
            var appointment: LocalDateTime?
            if !form[.appointment].isEmpty {
                do { appointment = try LocalDateTime.parse(form[.appointment]) } catch { fail(.appointment, L(error.reason)) }
            }
            let existing = index.flatMap { c.applications.indices.contains($0) ? c.applications[$0] : nil }
            var a = existing ?? Application(id: form[.id], kind: .extension, permitType: .shortTerm)
            if existing == nil, a.id.isEmpty { fail(.id, L("tui.form.required")) }
            a.kind = ApplicationKind(rawValue: form[.kind]) ?? a.kind
            a.permitType = PermitType(rawValue: form[.permitType]) ?? a.permitType
            a.status = ApplicationStatus(rawValue: form[.status]) ?? a.status
            a.submitted = date(.submitted)
            a.number = optional(.number)
            a.delivery = Delivery(rawValue: form[.delivery]) ?? a.delivery
            a.mailed = date(.mailed)
            a.tracking = optional(.tracking)
            a.appointment = appointment
            a.decided = date(.decided)
            a.filedBy = Filer(rawValue: form[.filedBy]) ?? a.filedBy
            a.cardReceived = date(.cardReceived)
            a.documentsRequested = date(.documentsRequested)
            a.documentsCompleted = date(.documentsCompleted)
            a.requestedEnd = date(.requestedEnd)
            // Recording the online submission of a draft submits it: the mailing deadline starts at once.
            if a.submitted != nil, a.status == .draft { a.status = .submitted }
            // Recording the mailing of a submitted extension's documents moves it on to documents-mailed.
            if a.mailed != nil, existing?.mailed == nil, a.status == .submitted { a.status = .documentsMailed }
            if existing == nil {
                let context = ChecklistContext.of(c, application: a, on: today, foreignDocuments: form[.foreignDocuments] == "yes",
                                                  foreignSupporter: form[.supporter] != "citizen")
                a.checklist = templates.checklist(kind: a.kind, permitType: a.permitType, context: context)
            }
            if let index, c.applications.indices.contains(index) { c.applications[index] = a } else { c.applications.append(a) }
            prefix = "applications[\(index ?? c.applications.count - 1)]."
        case .powerOfAttorney:
            let p = PowerOfAttorney(date: date(.date), notary: optional(.notary), expires: date(.expires))
            // An emptied form removes the record.
            c.powerOfAttorney = p == PowerOfAttorney() ? nil : p
            prefix = "powerOfAttorney."
        case .longTermFile:
            c.longTerm.entryExitRecord = EntryExitRecord(requested: date(.requested), received: date(.received),
                                                         result: EntryExitResult(rawValue: form[.result]))
            c.longTerm.publicAid = ConditionState(rawValue: form[.publicAid]) ?? c.longTerm.publicAid
            c.longTerm.income = ConditionState(rawValue: form[.income]) ?? c.longTerm.income
            c.longTerm.insurance = ConditionState(rawValue: form[.insurance]) ?? c.longTerm.insurance
            c.longTerm.publicOrder = ConditionState(rawValue: form[.publicOrder]) ?? c.longTerm.publicOrder
            prefix = "longTerm."
        }
        if failed { return nil }
        // The same rule validation as the CLI and import.
        let issues = validator.validate(c, today: today)
        var unplaced: [String] = []
        for issue in issues where issue.level == .error {
            let key = fieldKey(for: issue.field, prefix: prefix, kind: form.kind)
            if let key, form.fields.contains(where: { $0.key == key }) {
                fail(key, L(issue.message))
            } else {
                unplaced.append(issue.field + ": " + L(issue.message))
                failed = true
            }
        }
        if !unplaced.isEmpty { form.message = unplaced.joined(separator: "; ") }
        if failed { return nil }
        let warnings = issues.filter { $0.level == .warning }
            .filter { prefix.isEmpty || $0.field.hasPrefix(prefix) }
        if !warnings.isEmpty {
            form.message = L("tui.form.saved-with-warnings", ["list": MessageArg.list(warnings.map { MessageArg.message($0.message) })])
        }
        return c
    }

    /// The form field a validation path refers to, if the form shows it.
    static func fieldKey(for path: String, prefix: String, kind: FormKind) -> FieldKey? {
        if case .client = kind {
            switch path {
            case "passport.number": return .passportNumber
            case "passport.expires": return .passportExpires
            case "supporter.client", "supporter.name": return .supporterName
            case "supporter.permitEnd": return .supporterEnd
            default: return path.contains(".") || path.contains("[") ? nil : FieldKey(rawValue: path)
            }
        }
        guard !prefix.isEmpty, path.hasPrefix(prefix) else { return nil }
        var rest = path.dropFirst(prefix.count)
        // The Entry-Exit Record's fields sit one level down in the long-term file.
        if case .longTermFile = kind, rest.hasPrefix("entryExitRecord.") { rest = rest.dropFirst("entryExitRecord.".count) }
        return FieldKey(rawValue: String(rest.prefix { $0 != "." && $0 != "[" }))
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let i = firstIndex(of: target) else { return self }
        return String(self[..<i]) + replacement + String(self[index(after: i)...])
    }
}
