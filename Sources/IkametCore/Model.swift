/// The seven permit types (RULES.md §2).
public enum PermitType: String, Codable, Sendable, CaseIterable {
    case shortTerm = "short-term"
    case family
    case student
    case longTerm = "long-term"
    case humanitarian
    case traffickingVictim = "trafficking-victim"
    case workPermit = "work-permit"

    /// The type's name (`permit.<type>`; English "Short-term", "Work permit").
    public var term: MessageArg { .term("permit." + rawValue) }

    /// The permit named in a sentence (`permit.<type>.noun`; English "short-term permit", "work permit").
    public var nounTerm: MessageArg { .term("permit." + rawValue + ".noun") }

    /// The permit as a title before its dates (`permit.<type>.title`; English "Short-term permit").
    public var titleTerm: MessageArg { .term("permit." + rawValue + ".title") }

    /// The short lower-case form shown in lists and fields (`permit.<type>.short`; English: the id, "short-term").
    public var listTerm: MessageArg { .term("permit." + rawValue + ".short") }

    /// The longest single issue, in months, for a validation warning (nil: no limit or per document).
    public var longestIssueMonths: Int? {
        switch self {
        case .shortTerm: 24
        case .family: 36
        case .humanitarian: 12
        case .traffickingVictim: 6
        case .student, .longTerm, .workPermit: nil
        }
    }
}

/// A residence (or work) permit in the client's history. `start` and `end`
/// are inclusive; a long-term permit has no end.
public struct Permit: Codable, Sendable, Equatable, Hashable {
    public var type: PermitType
    public var start: CivilDate
    public var end: CivilDate?
    public var number: String?
    public var province: String?

    public init(type: PermitType, start: CivilDate, end: CivilDate?, number: String? = nil, province: String? = nil) {
        self.type = type; self.start = start; self.end = end; self.number = number; self.province = province
    }

    /// Whether the permit's period contains `date`.
    public func contains(_ date: CivilDate) -> Bool {
        start <= date && (end.map { date <= $0 } ?? true)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, start, end, number, province
    }
}

/// Why a trip abroad does not count as an absence [law Art. 28(1)].
public enum TripExemption: String, Codable, Sendable, CaseIterable {
    case health
    case education
    case publicService = "public-service"

    /// The exemption's name (`exemption.<id>`; English: the id).
    public var term: MessageArg { .term("exemption." + rawValue) }
}

/// A trip abroad: exit date, re-entry date (nil while still abroad).
public struct Trip: Codable, Sendable, Equatable, Hashable {
    public var exit: CivilDate
    public var entry: CivilDate?
    public var exempt: TripExemption?
    /// Data about the trip (the gates and countries of an imported Entry-Exit Record); nil when none.
    public var note: String?

    public init(exit: CivilDate, entry: CivilDate?, exempt: TripExemption? = nil, note: String? = nil) {
        self.exit = exit; self.entry = entry; self.exempt = exempt; self.note = note
    }

    // Encode `exempt` and `entry` as explicit nulls, as the interchange format shows; `note` only when set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(exit, forKey: .exit)
        try c.encode(entry, forKey: .entry)
        try c.encode(exempt, forKey: .exempt)
        try c.encodeIfPresent(note, forKey: .note)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case exit, entry, exempt, note
    }
}

/// A non-time condition of the long-term permit [law Art. 43], as recorded by the attorney.
public enum ConditionState: String, Codable, Sendable, CaseIterable {
    case confirmed, failed, unknown

    /// The state's name (`condition-state.<id>`; English: the id).
    public var term: MessageArg { .term("condition-state." + rawValue) }
}

/// Result printed on an Entry-Exit Record.
public enum EntryExitResult: String, Codable, Sendable, CaseIterable {
    case positive = "POSITIVE"
    case negative = "NEGATIVE"

    /// The result's name (`entry-exit-result.positive` / `.negative`; English "POSITIVE", "NEGATIVE").
    public var term: MessageArg { .term("entry-exit-result." + rawValue.lowercased()) }
}

/// The Entry-Exit Record request (RULES.md §8).
public struct EntryExitRecord: Codable, Sendable, Equatable, Hashable {
    public var requested: CivilDate?
    public var received: CivilDate?
    public var result: EntryExitResult?
    public init(requested: CivilDate? = nil, received: CivilDate? = nil, result: EntryExitResult? = nil) {
        self.requested = requested; self.received = received; self.result = result
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(requested, forKey: .requested)
        try c.encode(received, forKey: .received)
        try c.encode(result, forKey: .result)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case requested, received, result
    }
}

/// The long-term permit's non-time conditions and Entry-Exit Record.
public struct LongTermFile: Codable, Sendable, Equatable, Hashable {
    public var publicAid: ConditionState
    public var income: ConditionState
    public var insurance: ConditionState
    public var publicOrder: ConditionState
    public var entryExitRecord: EntryExitRecord

    public init(publicAid: ConditionState = .unknown, income: ConditionState = .unknown,
                insurance: ConditionState = .unknown, publicOrder: ConditionState = .unknown,
                entryExitRecord: EntryExitRecord = EntryExitRecord()) {
        self.publicAid = publicAid; self.income = income; self.insurance = insurance
        self.publicOrder = publicOrder; self.entryExitRecord = entryExitRecord
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        publicAid = try c.decodeIfPresent(ConditionState.self, forKey: .publicAid) ?? .unknown
        income = try c.decodeIfPresent(ConditionState.self, forKey: .income) ?? .unknown
        insurance = try c.decodeIfPresent(ConditionState.self, forKey: .insurance) ?? .unknown
        publicOrder = try c.decodeIfPresent(ConditionState.self, forKey: .publicOrder) ?? .unknown
        entryExitRecord = try c.decodeIfPresent(EntryExitRecord.self, forKey: .entryExitRecord) ?? EntryExitRecord()
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case publicAid, income, insurance, publicOrder, entryExitRecord
    }
}

/// A passport's number and expiry.
public struct Passport: Codable, Sendable, Equatable, Hashable {
    public var number: String?
    public var expires: CivilDate?
    public init(number: String? = nil, expires: CivilDate? = nil) { self.number = number; self.expires = expires }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(expires, forKey: .expires)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case number, expires
    }
}

/// A power of attorney given to the office (RULES.md §8a).
public struct PowerOfAttorney: Codable, Sendable, Equatable, Hashable {
    public var date: CivilDate?
    public var notary: String?
    public var expires: CivilDate?
    public init(date: CivilDate? = nil, notary: String? = nil, expires: CivilDate? = nil) {
        self.date = date; self.notary = notary; self.expires = expires
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case date, notary, expires
    }
}

/// Application kinds.
public enum ApplicationKind: String, Codable, Sendable, CaseIterable {
    case first, `extension`, transfer
    case longTerm = "long-term"

    /// The kind's name (`application-kind.<id>`; English: the id, "extension").
    public var term: MessageArg { .term("application-kind." + rawValue) }
}

/// Application statuses.
public enum ApplicationStatus: String, Codable, Sendable, CaseIterable {
    case draft, submitted
    case documentsMailed = "documents-mailed"
    case appointmentBooked = "appointment-booked"
    case inReview = "in-review"
    case approved, rejected, withdrawn

    /// The status's name (`application-status.<id>`; English: the id, "submitted").
    public var term: MessageArg { .term("application-status." + rawValue) }

    /// Submitted and not yet decided (RULES.md §3); a draft is not pending.
    public var isPending: Bool {
        switch self {
        case .submitted, .documentsMailed, .appointmentBooked, .inReview: true
        case .draft, .approved, .rejected, .withdrawn: false
        }
    }
}

/// How an extension's documents reach the directorate.
public enum Delivery: String, Codable, Sendable, CaseIterable {
    case mail, appointment

    /// The delivery's name (`delivery.<id>`; English: the id).
    public var term: MessageArg { .term("delivery." + rawValue) }
}

/// Who files the application [seed, Law 6735].
public enum Filer: String, Codable, Sendable, CaseIterable {
    case client, attorney
    case legalRepresentative = "legal-representative"
    case intermediary

    /// Who files, named (`filer.<id>`; English: the id).
    public var term: MessageArg { .term("filer." + rawValue) }
}

/// A local date and time of day (`YYYY-MM-DDTHH:MM`), used for appointments.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: CivilDate
    public let hour: Int
    public let minute: Int

    public init?(date: CivilDate, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.date = date; self.hour = hour; self.minute = minute
    }

    /// Parses `YYYY-MM-DDTHH:MM` (also with a space, or `DD.MM.YYYY HH:MM`).
    public static func parse(_ text: String) throws(DateParseError) -> LocalDateTime {
        let s = text.trimmingWhitespace()
        guard s.count == 16 else {
            throw DateParseError(input: text, reason: Message("time.error.format"))
        }
        let datePart = String(s.prefix(10)), sep = s[s.index(s.startIndex, offsetBy: 10)]
        let timePart = String(s.suffix(5))
        guard sep == "T" || sep == " " else { throw DateParseError(input: text, reason: Message("time.error.format")) }
        let date = try CivilDate.parse(datePart)
        let hm = timePart.split(separator: ":", omittingEmptySubsequences: false)
        guard hm.count == 2, hm[0].count == 2, hm[1].count == 2,
              hm.allSatisfy({ $0.unicodeScalars.allSatisfy { $0.value >= 48 && $0.value <= 57 } }),
              let h = Int(hm[0]), let m = Int(hm[1]),
              let value = LocalDateTime(date: date, hour: h, minute: m) else {
            throw DateParseError(input: text, reason: Message("time.error.range"))
        }
        return value
    }

    public var description: String {
        date.iso + "T" + (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.hour, a.minute) < (b.date, b.hour, b.minute)
    }
}

extension LocalDateTime: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do { self = try LocalDateTime.parse(text) } catch {
            // The reason travels as facts (MessageCodec) inside the decoding error; Interchange.explain reads it back.
            throw DecodingError.dataCorruptedError(in: c, debugDescription: MessageCodec.encode(error.message))
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// The dated steps of a long-term application (RULES.md §8).
public struct LongTermSteps: Codable, Sendable, Equatable, Hashable {
    public var online: CivilDate?
    public var appointment: CivilDate?
    public var packageSubmitted: CivilDate?
    public var reviewStarted: CivilDate?
    public init(online: CivilDate? = nil, appointment: CivilDate? = nil,
                packageSubmitted: CivilDate? = nil, reviewStarted: CivilDate? = nil) {
        self.online = online; self.appointment = appointment
        self.packageSubmitted = packageSubmitted; self.reviewStarted = reviewStarted
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case online, appointment, packageSubmitted, reviewStarted
    }
}

/// An application for a permit, with its checklist.
public struct Application: Codable, Sendable, Equatable, Hashable {
    public var id: String
    public var kind: ApplicationKind
    public var permitType: PermitType
    public var status: ApplicationStatus
    /// The online (e-ikamet) submission date.
    public var submitted: CivilDate?
    public var delivery: Delivery
    public var mailed: CivilDate?
    public var tracking: String?
    public var appointment: LocalDateTime?
    public var decided: CivilDate?
    public var filedBy: Filer
    public var checklist: [ChecklistEntry]
    public var steps: LongTermSteps?
    public var exitDocument: CivilDate?
    public var cardReceived: CivilDate?
    /// The client data as entered in e-ikamet at submission (kept by the store).
    public var snapshot: SubmissionSnapshot?
    /// The directorate asked for more documents on this date (RULES.md §3 complete-documents).
    public var documentsRequested: CivilDate?
    /// The requested documents were handed in on this date.
    public var documentsCompleted: CivilDate?
    /// The permit end the application asks for (RULES.md §6).
    public var requestedEnd: CivilDate?
    /// The application number e-ikamet gives (printed on the application form), for letters to the directorate.
    public var number: String?

    public init(id: String, kind: ApplicationKind, permitType: PermitType, status: ApplicationStatus = .draft,
                submitted: CivilDate? = nil, delivery: Delivery = .mail, mailed: CivilDate? = nil,
                tracking: String? = nil, appointment: LocalDateTime? = nil, decided: CivilDate? = nil,
                filedBy: Filer = .client, checklist: [ChecklistEntry] = [], steps: LongTermSteps? = nil,
                exitDocument: CivilDate? = nil, cardReceived: CivilDate? = nil, snapshot: SubmissionSnapshot? = nil,
                documentsRequested: CivilDate? = nil, documentsCompleted: CivilDate? = nil, requestedEnd: CivilDate? = nil,
                number: String? = nil) {
        self.id = id; self.kind = kind; self.permitType = permitType; self.status = status
        self.submitted = submitted; self.delivery = delivery; self.mailed = mailed; self.tracking = tracking
        self.appointment = appointment; self.decided = decided; self.filedBy = filedBy
        self.checklist = checklist; self.steps = steps; self.exitDocument = exitDocument
        self.cardReceived = cardReceived; self.snapshot = snapshot
        self.documentsRequested = documentsRequested; self.documentsCompleted = documentsCompleted
        self.requestedEnd = requestedEnd; self.number = number
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, permitType, status, submitted, delivery, mailed, tracking, appointment, decided,
             filedBy, checklist, steps, exitDocument, cardReceived, snapshot, documentsRequested, documentsCompleted,
             requestedEnd, number
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(ApplicationKind.self, forKey: .kind)
        permitType = try c.decode(PermitType.self, forKey: .permitType)
        status = try c.decodeIfPresent(ApplicationStatus.self, forKey: .status) ?? .draft
        submitted = try c.decodeIfPresent(CivilDate.self, forKey: .submitted)
        delivery = try c.decodeIfPresent(Delivery.self, forKey: .delivery) ?? .mail
        mailed = try c.decodeIfPresent(CivilDate.self, forKey: .mailed)
        tracking = try c.decodeIfPresent(String.self, forKey: .tracking)
        appointment = try c.decodeIfPresent(LocalDateTime.self, forKey: .appointment)
        decided = try c.decodeIfPresent(CivilDate.self, forKey: .decided)
        filedBy = try c.decodeIfPresent(Filer.self, forKey: .filedBy) ?? .client
        checklist = try c.decodeIfPresent([ChecklistEntry].self, forKey: .checklist) ?? []
        steps = try c.decodeIfPresent(LongTermSteps.self, forKey: .steps)
        exitDocument = try c.decodeIfPresent(CivilDate.self, forKey: .exitDocument)
        cardReceived = try c.decodeIfPresent(CivilDate.self, forKey: .cardReceived)
        snapshot = try c.decodeIfPresent(SubmissionSnapshot.self, forKey: .snapshot)
        documentsRequested = try c.decodeIfPresent(CivilDate.self, forKey: .documentsRequested)
        documentsCompleted = try c.decodeIfPresent(CivilDate.self, forKey: .documentsCompleted)
        requestedEnd = try c.decodeIfPresent(CivilDate.self, forKey: .requestedEnd)
        number = try c.decodeIfPresent(String.self, forKey: .number)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(permitType, forKey: .permitType)
        try c.encode(status, forKey: .status)
        try c.encode(submitted, forKey: .submitted)
        try c.encode(delivery, forKey: .delivery)
        try c.encode(mailed, forKey: .mailed)
        try c.encode(tracking, forKey: .tracking)
        try c.encode(appointment, forKey: .appointment)
        try c.encode(decided, forKey: .decided)
        try c.encode(filedBy, forKey: .filedBy)
        try c.encode(checklist, forKey: .checklist)
        try c.encodeIfPresent(steps, forKey: .steps)
        try c.encodeIfPresent(exitDocument, forKey: .exitDocument)
        try c.encodeIfPresent(cardReceived, forKey: .cardReceived)
        try c.encodeIfPresent(snapshot, forKey: .snapshot)
        try c.encodeIfPresent(documentsRequested, forKey: .documentsRequested)
        try c.encodeIfPresent(documentsCompleted, forKey: .documentsCompleted)
        try c.encodeIfPresent(requestedEnd, forKey: .requestedEnd)
        try c.encodeIfPresent(number, forKey: .number)
    }
}

/// The client data entered in e-ikamet when an application was submitted (RULES.md §8a):
/// the identity data e-ikamet asks again, and the permit fields for reference.
public struct SubmissionSnapshot: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var fatherName: String?
    public var motherName: String?
    public var birthDate: CivilDate?
    public var birthPlace: String?
    public var sex: Sex?
    public var maritalStatus: MaritalStatus?
    public var nationality: String?
    public var foreignerId: String?
    public var passportNumber: String?
    public var passportExpires: CivilDate?
    public var address: String?
    public var phone: String?
    public var email: String?
    public var permitType: PermitType?
    public var permitNumber: String?
    public var permitStart: CivilDate?
    public var permitEnd: CivilDate?

    public init(name: String, fatherName: String? = nil, motherName: String? = nil, birthDate: CivilDate? = nil,
                birthPlace: String? = nil, sex: Sex? = nil, maritalStatus: MaritalStatus? = nil,
                nationality: String? = nil, foreignerId: String? = nil,
                passportNumber: String? = nil, passportExpires: CivilDate? = nil,
                address: String? = nil, phone: String? = nil, email: String? = nil,
                permitType: PermitType? = nil, permitNumber: String? = nil,
                permitStart: CivilDate? = nil, permitEnd: CivilDate? = nil) {
        self.name = name; self.fatherName = fatherName; self.motherName = motherName; self.birthDate = birthDate
        self.birthPlace = birthPlace; self.sex = sex; self.maritalStatus = maritalStatus
        self.nationality = nationality; self.foreignerId = foreignerId
        self.passportNumber = passportNumber; self.passportExpires = passportExpires
        self.address = address; self.phone = phone; self.email = email; self.permitType = permitType
        self.permitNumber = permitNumber; self.permitStart = permitStart; self.permitEnd = permitEnd
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, fatherName, motherName, birthDate, birthPlace, sex, maritalStatus, nationality, foreignerId,
             passportNumber, passportExpires, address, phone, email, permitType, permitNumber, permitStart, permitEnd
    }
}

/// Why a client file was closed (RULES.md §11).
public enum ClosingReason: String, Codable, Sendable, CaseIterable {
    case leftTurkey = "left-turkey"
    case citizenship
    case transferredOut = "transferred-out"
    case deceased
    case other

    /// The reason's name (`closing-reason.<id>`; English: the id).
    public var term: MessageArg { .term("closing-reason." + rawValue) }
}

/// A closed client file: from `date` on, nothing is listed for the client (RULES.md §11).
public struct ClosedFile: Codable, Sendable, Equatable, Hashable {
    public var date: CivilDate
    public var reason: ClosingReason
    /// What happened, in words (required for `other`).
    public var note: String?
    public init(date: CivilDate, reason: ClosingReason, note: String? = nil) {
        self.date = date; self.reason = reason; self.note = note
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(note, forKey: .note)
        try c.encode(reason, forKey: .reason)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case date, reason, note
    }
}

/// Who a family permit depends on (RULES.md §2: never beyond the supporter's permit): another
/// client of the office, or a person outside the store with their permit's end, or a Turkish citizen.
public enum Supporter: Codable, Sendable, Equatable, Hashable {
    /// A client in the store, by file number.
    case client(String)
    /// A person outside the store: their name, and their permit's end (nil for a citizen, or not known).
    case person(name: String, permitEnd: CivilDate?, citizen: Bool)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case client, name, permitEnd, citizen
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try c.decodeIfPresent(String.self, forKey: .client) {
            guard !c.contains(.name), !c.contains(.permitEnd), !c.contains(.citizen) else {
                throw DecodingError.dataCorruptedError(forKey: .client, in: c,
                    debugDescription: MessageCodec.encode(Message("interchange.error.supporter-both")))
            }
            self = .client(id)
        } else {
            let name = try c.decode(String.self, forKey: .name)
            self = .person(name: name, permitEnd: try c.decodeIfPresent(CivilDate.self, forKey: .permitEnd),
                           citizen: try c.decodeIfPresent(Bool.self, forKey: .citizen) ?? false)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .client(let id): try c.encode(id, forKey: .client)
        case let .person(name, end, citizen):
            try c.encode(citizen, forKey: .citizen)
            try c.encode(name, forKey: .name)
            try c.encode(end, forKey: .permitEnd)
        }
    }

    /// The supporter's client id, when the supporter is a client of the office.
    public var clientId: String? {
        if case .client(let id) = self { id } else { nil }
    }
}

/// Sex as recorded in the passport and asked again by e-ikamet (RULES.md §8a).
public enum Sex: String, Codable, Sendable, CaseIterable {
    case female, male

    /// The value's name (`sex.<id>`; English: the id).
    public var term: MessageArg { .term("sex." + rawValue) }
}

/// Marital status as asked by e-ikamet (RULES.md §8a).
public enum MaritalStatus: String, Codable, Sendable, CaseIterable {
    case single, married, divorced, widowed

    /// The value's name (`marital-status.<id>`; English: the id).
    public var term: MessageArg { .term("marital-status." + rawValue) }
}

/// A client of the office, with the whole history the rules need.
public struct Client: Codable, Sendable, Equatable, Hashable, Identifiable {
    /// The office file number, e.g. `2026-0042`.
    public var id: String
    public var name: String
    /// ISO 3166-1 alpha-2.
    public var nationality: String?
    public var birthDate: CivilDate?
    /// Foreigner identity number (YKN), 11 digits starting with 99.
    public var foreignerId: String?
    public var passport: Passport
    public var phone: String?
    public var email: String?
    public var address: String?
    public var province: String?
    /// Initials of the responsible attorney.
    public var attorney: String?
    public var notes: String
    public var permits: [Permit]
    public var trips: [Trip]
    public var longTerm: LongTermFile
    public var applications: [Application]
    public var powerOfAttorney: PowerOfAttorney?
    /// Identity data e-ikamet asks again (RULES.md §8a); optional.
    public var fatherName: String?
    public var motherName: String?
    public var birthPlace: String?
    public var sex: Sex?
    public var maritalStatus: MaritalStatus?
    /// Set when the file is closed (RULES.md §11).
    public var closed: ClosedFile?
    /// Whom a family permit depends on (RULES.md §2).
    public var supporter: Supporter?

    public init(id: String, name: String, nationality: String? = nil, birthDate: CivilDate? = nil,
                foreignerId: String? = nil, passport: Passport = Passport(), phone: String? = nil,
                email: String? = nil, address: String? = nil, province: String? = nil,
                attorney: String? = nil, notes: String = "", permits: [Permit] = [], trips: [Trip] = [],
                longTerm: LongTermFile = LongTermFile(), applications: [Application] = [],
                powerOfAttorney: PowerOfAttorney? = nil, fatherName: String? = nil, motherName: String? = nil,
                birthPlace: String? = nil, sex: Sex? = nil, maritalStatus: MaritalStatus? = nil, closed: ClosedFile? = nil,
                supporter: Supporter? = nil) {
        self.id = id; self.name = name; self.nationality = nationality; self.birthDate = birthDate
        self.foreignerId = foreignerId; self.passport = passport; self.phone = phone; self.email = email
        self.address = address; self.province = province; self.attorney = attorney; self.notes = notes
        self.permits = permits; self.trips = trips; self.longTerm = longTerm
        self.applications = applications; self.powerOfAttorney = powerOfAttorney
        self.fatherName = fatherName; self.motherName = motherName; self.birthPlace = birthPlace
        self.sex = sex; self.maritalStatus = maritalStatus; self.closed = closed; self.supporter = supporter
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, nationality, birthDate, foreignerId, passport, phone, email, address, province,
             attorney, notes, permits, trips, longTerm, applications, powerOfAttorney,
             fatherName, motherName, birthPlace, sex, maritalStatus, closed, supporter
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        nationality = try c.decodeIfPresent(String.self, forKey: .nationality)
        birthDate = try c.decodeIfPresent(CivilDate.self, forKey: .birthDate)
        foreignerId = try c.decodeIfPresent(String.self, forKey: .foreignerId)
        passport = try c.decodeIfPresent(Passport.self, forKey: .passport) ?? Passport()
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        address = try c.decodeIfPresent(String.self, forKey: .address)
        province = try c.decodeIfPresent(String.self, forKey: .province)
        attorney = try c.decodeIfPresent(String.self, forKey: .attorney)
        notes = try c.decodeIfPresent(String.self, forKey: .notes) ?? ""
        permits = try c.decodeIfPresent([Permit].self, forKey: .permits) ?? []
        trips = try c.decodeIfPresent([Trip].self, forKey: .trips) ?? []
        longTerm = try c.decodeIfPresent(LongTermFile.self, forKey: .longTerm) ?? LongTermFile()
        applications = try c.decodeIfPresent([Application].self, forKey: .applications) ?? []
        powerOfAttorney = try c.decodeIfPresent(PowerOfAttorney.self, forKey: .powerOfAttorney)
        fatherName = try c.decodeIfPresent(String.self, forKey: .fatherName)
        motherName = try c.decodeIfPresent(String.self, forKey: .motherName)
        birthPlace = try c.decodeIfPresent(String.self, forKey: .birthPlace)
        sex = try c.decodeIfPresent(Sex.self, forKey: .sex)
        maritalStatus = try c.decodeIfPresent(MaritalStatus.self, forKey: .maritalStatus)
        closed = try c.decodeIfPresent(ClosedFile.self, forKey: .closed)
        supporter = try c.decodeIfPresent(Supporter.self, forKey: .supporter)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(nationality, forKey: .nationality)
        try c.encode(birthDate, forKey: .birthDate)
        try c.encode(foreignerId, forKey: .foreignerId)
        try c.encode(passport, forKey: .passport)
        try c.encode(phone, forKey: .phone)
        try c.encode(email, forKey: .email)
        try c.encode(address, forKey: .address)
        try c.encode(province, forKey: .province)
        try c.encode(attorney, forKey: .attorney)
        try c.encode(notes, forKey: .notes)
        try c.encode(permits, forKey: .permits)
        try c.encode(trips, forKey: .trips)
        try c.encode(longTerm, forKey: .longTerm)
        try c.encode(applications, forKey: .applications)
        try c.encodeIfPresent(powerOfAttorney, forKey: .powerOfAttorney)
        try c.encodeIfPresent(fatherName, forKey: .fatherName)
        try c.encodeIfPresent(motherName, forKey: .motherName)
        try c.encodeIfPresent(birthPlace, forKey: .birthPlace)
        try c.encodeIfPresent(sex, forKey: .sex)
        try c.encodeIfPresent(maritalStatus, forKey: .maritalStatus)
        try c.encodeIfPresent(closed, forKey: .closed)
        try c.encodeIfPresent(supporter, forKey: .supporter)
    }

    /// Whether the file is closed on `date` (RULES.md §11: from the closing date on).
    public func isClosed(on date: CivilDate) -> Bool {
        closed.map { date >= $0.date } ?? false
    }

    /// Whether the client is under 18 on `date`.
    public func isMinor(on date: CivilDate) -> Bool {
        guard let birthDate else { return false }
        return date < birthDate.adding(years: 18)
    }
}

/// A type of the `ikamet/1` interchange format: the keys its JSON object may hold,
/// from its `CodingKeys` (the one list the encoder, the decoders and the schema share).
public protocol InterchangeKeyed {
    static var interchangeKeys: [String] { get }
}

extension Client: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension Application: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension SubmissionSnapshot: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension Permit: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension Trip: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension EntryExitRecord: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension LongTermFile: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension Passport: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension PowerOfAttorney: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension LongTermSteps: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension Supporter: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension ClosedFile: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
extension ChecklistEntry: InterchangeKeyed { public static var interchangeKeys: [String] { CodingKeys.allCases.map(\.stringValue) } }
