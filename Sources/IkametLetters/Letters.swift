import Foundation
import IkametCore
import IkametStore
import IkametText

/// Which letter (`ikamet letter documents|cover`).
public enum LetterKind: String, Sendable, CaseIterable {
    /// The documents still missing or not yet certified, addressed to the client (Turkish or English).
    case documents
    /// The cover letter (dilekçe) of an extension file posted to the directorate (Turkish).
    case cover
}

/// Why a letter cannot be written.
public struct LetterError: Error, Sendable, Equatable {
    public var message: Message
}

/// What a letter is written from: the client, the application, the office, the rules.
public struct LetterFacts: Sendable {
    public var client: Client
    public var application: Application
    /// The office's name and contact (the settings `office.*`).
    public var office: OfficeContact
    /// The responsible attorney's full name (from the office settings), if known.
    public var attorneyName: String?
    public var templates: ChecklistTemplates
    public var deadlines: DeadlineEngine
    public var today: CivilDate

    public init(client: Client, application: Application, office: OfficeContact, attorneyName: String?, templates: ChecklistTemplates,
                deadlines: DeadlineEngine, today: CivilDate) {
        self.client = client; self.application = application; self.office = office; self.attorneyName = attorneyName
        self.templates = templates; self.deadlines = deadlines; self.today = today
    }
}

/// Composes the letters from facts, in a catalog's language (docs/user-guide.md "Letters").
public enum Letters {
    /// The letter of `kind` in `catalog`'s language (the cover letter is always in Turkish: pass the Turkish catalog).
    public static func compose(_ kind: LetterKind, _ f: LetterFacts, catalog: Catalog) throws(LetterError) -> Letter {
        switch kind {
        case .documents: return documents(f, catalog)
        case .cover: return try cover(f, catalog)
        }
    }

    /// The office's letterhead lines (empty when no office name or contact is set).
    static func letterhead(_ f: LetterFacts, _ cat: Catalog) -> [String] {
        var lines: [String] = []
        if let name = f.office.name { lines.append(name) }
        if let address = f.office.address { lines.append(address) }
        let contact = [f.office.phone.map { cat("letter.phone", ["phone": $0]) }, f.office.email.map { cat("letter.email", ["email": $0]) }]
            .compactMap { $0 }
        if !contact.isEmpty { lines.append(contact.joined(separator: " · ")) }
        return lines
    }

    /// A paragraph whose first letter is a capital, as the language writes it (Turkish i → İ).
    static func paragraph(_ text: String, _ cat: Catalog) -> Letter.Block {
        guard let first = text.first else { return .paragraph(text) }
        let upper = String(first).uppercased(with: Locale(identifier: cat.code == "tr" ? "tr_TR" : cat.code))
        return .paragraph(upper + text.dropFirst())
    }

    // MARK: Documents still needed

    /// A checklist item's name as letters print it: its template's label, a custom item's own id.
    static func label(_ item: String, _ f: LetterFacts, _ cat: Catalog) -> String {
        f.templates.item(item).map { cat("letter.value", ["value": $0.term]) } ?? item
    }

    /// The items the client still has to bring, or to have certified, each with what is needed; and whether
    /// a notary's work is among them.
    static func neededItems(_ f: LetterFacts, _ cat: Catalog) -> (items: [Letter.Item], notary: Bool) {
        var out: [Letter.Item] = [], notary = false
        for e in f.application.checklist where f.templates.item(e.item)?.byOffice != true {
            let t = f.templates.item(e.item)
            var details: [String] = []
            switch e.state {
            case .missing:
                if t?.notarized == true { details.append(cat("letter.documents.notarized")); notary = true }
            case .received where t?.notarized == true:
                details.append(cat("letter.documents.to-certify")); notary = true
            default:
                continue
            }
            // The apostille line says what the hint of such an item says: one of them.
            if t?.needsApostille == true { details.append(cat("letter.documents.apostille")) } else if let hint = t?.hintTerm {
                details.append(cat("letter.value", ["value": hint]))
            }
            if let note = e.note, !note.isEmpty { details.append(cat("letter.documents.note", ["note": note])) }
            out.append(Letter.Item(title: label(e.item, f, cat), details: details))
        }
        return (out, notary)
    }

    /// The date the documents serve: the appointment, the mailing deadline of a posted extension,
    /// or the last day to file a draft extension; as a sentence.
    static func deadlineSentence(_ f: LetterFacts, _ cat: Catalog) -> String {
        let app = f.application
        if let appt = app.appointment, appt.date >= f.today {
            return cat("letter.documents.by-appointment", ["date": appt.date, "time": String(appt.description.suffix(5))])
        }
        if app.kind == .extension, app.delivery == .mail, app.mailed == nil, f.deadlines.isPending(app, on: f.today), let submitted = app.submitted {
            let deadline = f.deadlines.mailingDeadlineDate(submitted: submitted)
            if deadline >= f.today {
                let days = f.deadlines.parameters.deadlines.mailingUnit == .calendarDays ? "letter.documents.by-mailing-calendar" : "letter.documents.by-mailing"
                return cat(days, ["date": deadline, "submitted": submitted, "count": f.deadlines.parameters.deadlines.mailingCount])
            }
        }
        if app.kind == .extension, app.status == .draft, let end = DeadlineEngine.currentPermit(of: f.client, on: f.today)?.end, end >= f.today {
            return cat("letter.documents.by-permit-end", ["date": end])
        }
        return cat("letter.documents.soon")
    }

    static func documents(_ f: LetterFacts, _ cat: Catalog) -> Letter {
        let app = f.application, c = f.client
        let (items, notary) = neededItems(f, cat)
        var blocks: [Letter.Block] = []
        let head = letterhead(f, cat)
        if !head.isEmpty { blocks.append(.letterhead(head)) }
        blocks.append(.right(cat("letter.date-line", ["date": f.today])))
        blocks.append(.lines([c.name, cat("letter.file", ["client": c.id, "application": app.id])]))
        blocks.append(paragraph(cat("letter.documents.salutation", ["name": c.name]), cat))
        let about = ["kind": cat("letter.value", ["value": app.kind.term]), "application": app.id,
                     "permit": cat("letter.value", ["value": app.permitType.nounTerm])]
        if items.isEmpty {
            blocks.append(paragraph(cat("letter.documents.complete", about), cat))
        } else {
            blocks.append(paragraph(cat("letter.documents.intro", about.merging(["count": String(items.count)]) { a, _ in a }), cat))
            blocks.append(paragraph(deadlineSentence(f, cat), cat))
            blocks.append(.heading(cat("letter.documents.list-title")))
            blocks.append(.numbered(items))
            if notary {
                blocks.append(paragraph(cat("letter.documents.notary-note"), cat))
            }
        }
        blocks.append(.timeline(timeline(f, cat)))
        let contact = [f.office.phone, f.office.email].compactMap { $0 }
        blocks.append(paragraph(contact.isEmpty ? cat("letter.documents.questions")
                                 : cat("letter.documents.questions-contact", ["contact": contact.joined(separator: ", ")]), cat))
        blocks.append(.signature([cat("letter.regards")]
                                 + [(f.attorneyName ?? c.attorney).map { cat("letter.attorney", ["name": $0]) }, f.office.name].compactMap { $0 }))
        return Letter(language: cat.code, title: cat("letter.documents.title", ["name": c.name, "application": app.id]), blocks: blocks)
    }

    // MARK: Cover letter (dilekçe)

    static func cover(_ f: LetterFacts, _ cat: Catalog) throws(LetterError) -> Letter {
        let app = f.application, c = f.client
        guard app.kind == .extension else {
            throw LetterError(message: Message("letter.cover.not-extension", ["application": .text(app.id), "kind": app.kind.term]))
        }
        guard let submitted = app.submitted else {
            throw LetterError(message: Message("letter.cover.not-submitted", ["application": .text(app.id)]))
        }
        let permit = DeadlineEngine.currentPermit(of: c, on: f.today)
        let province = c.province ?? permit?.province
        var blocks: [Letter.Block] = []
        let byAttorney = app.filedBy == .attorney
        // The office's letterhead on the office's petition only; a client's own petition is theirs.
        let head = byAttorney ? letterhead(f, cat) : []
        if !head.isEmpty { blocks.append(.letterhead(head)) }
        blocks.append(.right(cat("letter.date-line", ["date": f.today])))
        let office = province.map { cat("letter.cover.directorate", ["province": $0.uppercased(with: Locale(identifier: "tr_TR"))]) }
            ?? cat("letter.cover.directorate-unknown")
        blocks.append(.lines([cat("letter.cover.ministry"), office]))
        blocks.append(paragraph(cat("letter.cover.subject"), cat))
        // The identity table: a line for each value (an unknown one as "—"), the optional ones only when recorded.
        let unknown = cat("letter.cover.unknown")
        let permitText = permit.map { p in
            cat("letter.cover.permit", ["type": cat("letter.value", ["value": p.type.term]), "number": p.number ?? "—", "start": p.start, "end": cat.date(p.end)])
        }
        let rows: [(String, String?, Bool)] = [
            ("number", app.number, true), ("submitted", cat.date(submitted), true), ("name", c.name, true),
            ("nationality", c.nationality, true), ("birth", c.birthDate.map { cat.date($0) }, true), ("foreigner-id", c.foreignerId, true),
            ("passport", c.passport.number, true), ("father", c.fatherName, false), ("mother", c.motherName, false),
            ("permit", permitText, false), ("tracking", app.tracking, false), ("address", c.address, false),
        ]
        blocks.append(.fields(rows.compactMap { key, value, always in
            (value ?? (always ? unknown : nil)).map { Letter.Field(label: cat("letter.cover.field." + key), value: $0) }
        }))
        // Without the e-ikamet number the sentence names none (the office's own id means nothing to the directorate).
        let body = (byAttorney ? "letter.cover.body-attorney" : "letter.cover.body-client") + (app.number == nil ? "-no-number" : "")
        blocks.append(paragraph(cat(body, ["submitted": cat.date(submitted), "number": app.number ?? ""]), cat))
        blocks.append(paragraph(cat("letter.cover.request"), cat))
        let signer = byAttorney ? cat("letter.cover.signer-attorney", ["name": f.attorneyName ?? c.attorney ?? "", "client": c.name]) : c.name
        let ownContact = [c.address, c.phone].compactMap { $0 }
        blocks.append(.signature([signer, cat("letter.cover.signature")] + (byAttorney ? head.dropFirst().map { $0 } : ownContact)))
        var enclosed = readyDocuments(f).map { e in
            Letter.Item(title: label(e.item, f, cat), details: f.templates.item(e.item)?.notarized == true ? [cat("letter.cover.certified")] : [])
        }
        if byAttorney, f.client.powerOfAttorney != nil { enclosed.append(Letter.Item(title: cat("letter.cover.power-of-attorney"), details: [])) }
        blocks.append(.heading(cat("letter.cover.enclosures", ["count": String(enclosed.count)])))
        blocks.append(enclosed.isEmpty ? .paragraph(cat("letter.cover.no-enclosures")) : .numbered(enclosed))
        return Letter(language: cat.code, title: cat("letter.cover.title", ["name": c.name, "application": app.id]), blocks: blocks)
    }

    /// The checklist items that are ready to be posted: certified or submitted, or received when no notary is needed.
    static func readyDocuments(_ f: LetterFacts) -> [ChecklistEntry] {
        f.application.checklist.filter { e in
            switch e.state {
            case .certified, .submitted: true
            case .received: f.templates.item(e.item)?.notarized != true
            case .missing, .waived: false
            }
        }
    }

    /// The items of the application not ready to be posted (missing, or still waiting for a notary), by name:
    /// the cover letter does not list them, and the one writing it is told.
    public static func notReady(_ f: LetterFacts, catalog cat: Catalog) -> [String] {
        let ready = Set(readyDocuments(f).map(\.item))
        return f.application.checklist.filter { $0.state != .waived && !ready.contains($0.item) }.map { label($0.item, f, cat) }
    }

    // MARK: Timeline

    /// The client's permits and trips over the last years, today, and the current extension window.
    static func timeline(_ f: LetterFacts, _ cat: Catalog) -> Timeline {
        let c = f.client
        let earliest = c.permits.map(\.start).min() ?? f.today.adding(years: -1)
        let from = max(earliest, f.today.adding(years: -6))
        let latest = c.permits.compactMap(\.end).max() ?? f.today
        let to = max(f.today, latest).adding(days: 30)
        let permits = c.permits.map { p in
            Timeline.Bar(from: p.start, to: p.end ?? to, label: cat("letter.timeline.permit", [
                "type": cat("letter.value", ["value": p.type.term]), "start": p.start, "end": cat.date(p.end)]))
        }
        let trips = c.trips.map { t in
            Timeline.Bar(from: t.exit, to: t.entry ?? f.today, label: cat("letter.timeline.trip", ["exit": t.exit, "entry": cat.date(t.entry)]))
        }
        var window: Timeline.Bar?
        if let p = DeadlineEngine.currentPermit(of: c, on: f.today), let end = p.end, p.type != .longTerm {
            let days = p.type == .workPermit ? f.deadlines.parameters.deadlines.workPermitWindowDays : f.deadlines.parameters.deadlines.extensionWindowDays
            window = Timeline.Bar(from: end.adding(days: -days), to: end,
                                  label: cat("letter.timeline.window", ["from": end.adding(days: -days), "to": end, "days": days]))
        }
        let summary = cat("letter.timeline.summary", ["permits": c.permits.count, "trips": c.trips.count, "today": f.today,
                                                      "window": window.map { cat("letter.timeline.window", ["from": $0.from, "to": $0.to,
                                                          "days": $0.from.days(to: $0.to)]) } ?? cat("letter.timeline.no-window")])
        return Timeline(from: from, to: to, today: f.today, permits: permits, trips: trips, window: window,
                        legend: [cat("letter.timeline.legend.permits"), cat("letter.timeline.legend.trips"), cat("letter.timeline.legend.today"),
                                 cat("letter.timeline.legend.window")],
                        summary: summary, fromLabel: cat.date(from), toLabel: cat.date(to))
    }
}
