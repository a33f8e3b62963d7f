/// The state of one required document.
public enum ChecklistState: String, Codable, Sendable, CaseIterable {
    case missing, received, certified, submitted, waived

    /// The state's name (`checklist-state.<id>`; English: the id).
    public var term: MessageArg { .term("checklist-state." + rawValue) }
}

/// One checklist item of an application, as stored and exchanged.
public struct ChecklistEntry: Codable, Sendable, Equatable, Hashable {
    /// Template item id (e.g. `passport-notarized-copy`) or a custom item's id.
    public var item: String
    public var state: ChecklistState
    /// Initials of who last changed it.
    public var by: String?
    /// When it was last changed.
    public var at: CivilDate?
    /// A note; for a waived item, the reason.
    public var note: String?

    public init(item: String, state: ChecklistState = .missing, by: String? = nil, at: CivilDate? = nil, note: String? = nil) {
        self.item = item; self.state = state; self.by = by; self.at = at; self.note = note
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(item, forKey: .item)
        try c.encode(state, forKey: .state)
        try c.encode(by, forKey: .by)
        try c.encode(at, forKey: .at)
        try c.encode(note, forKey: .note)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case item, state, by, at, note
    }
}

/// A condition under which a template item is required.
public enum ChecklistCondition: String, Codable, Sendable, CaseIterable {
    /// The client is under 18.
    case minor
    /// The application rests on a family supporter (family permits).
    case familySupporter = "family-supporter"
    /// The application includes documents issued abroad.
    case foreignDocuments = "foreign-documents"
    /// The family supporter is a foreigner (not a Turkish citizen): their residence permit is needed (RULES.md §9, r2).
    case foreignSupporter = "foreign-supporter"
}

/// One item of a checklist template (RULES.md §9), kept in `data/checklists.json`.
public struct ChecklistTemplateItem: Codable, Sendable, Equatable {
    public var id: String
    public var label: String
    /// Application kinds it applies to; nil: all.
    public var kinds: [ApplicationKind]?
    /// Permit types sought it applies to; nil: all.
    public var permitTypes: [PermitType]?
    /// Required only when this holds.
    public var condition: ChecklistCondition?
    /// A notarized copy is required (adds the `certified` step).
    public var notarized: Bool
    /// A document issued abroad: an apostille (or consular legalisation) and a notarized Turkish translation are needed.
    public var apostille: Bool?
    /// The office obtains it (the Entry-Exit Record): not on the client's list of documents to bring.
    public var byOffice: Bool?
    /// A validity hint (photo age, insurance period, …).
    public var hint: String?
    /// Where the rule comes from.
    public var source: String

    public init(id: String, label: String, kinds: [ApplicationKind]? = nil, permitTypes: [PermitType]? = nil,
                condition: ChecklistCondition? = nil, notarized: Bool = false, hint: String? = nil, source: String) {
        self.id = id; self.label = label; self.kinds = kinds; self.permitTypes = permitTypes
        self.condition = condition; self.notarized = notarized; self.hint = hint; self.source = source
    }

    /// Whether the document needs an apostille or consular legalisation.
    public var needsApostille: Bool { apostille ?? false }

    /// The label as shown: the catalog's `checklist.<id>` for a built-in item, else the label of the template file.
    public var term: MessageArg { .termOr("checklist." + id, fallback: label) }

    /// The hint as shown: the catalog's `checklist.<id>.hint` for a built-in item, else the hint of the template file.
    public var hintTerm: MessageArg? { hint.map { MessageArg.termOr("checklist." + id + ".hint", fallback: $0) } }
}

/// Facts about the client and application that decide the conditional items.
public struct ChecklistContext: Sendable, Equatable {
    public var isMinor: Bool
    public var hasFamilySupporter: Bool
    public var hasForeignDocuments: Bool
    /// The family supporter is a foreigner (false for a Turkish citizen supporter).
    public var hasForeignSupporter: Bool
    public init(isMinor: Bool = false, hasFamilySupporter: Bool = false, hasForeignDocuments: Bool = false,
                hasForeignSupporter: Bool = false) {
        self.isMinor = isMinor; self.hasFamilySupporter = hasFamilySupporter; self.hasForeignDocuments = hasForeignDocuments
        self.hasForeignSupporter = hasForeignSupporter
    }

    func holds(_ condition: ChecklistCondition?) -> Bool {
        switch condition {
        case nil: true
        case .minor: isMinor
        case .familySupporter: hasFamilySupporter
        case .foreignDocuments: hasForeignDocuments
        case .foreignSupporter: hasFamilySupporter && hasForeignSupporter
        }
    }
}

/// The checklist templates: which documents each application needs.
public struct ChecklistTemplates: Codable, Sendable, Equatable {
    public var items: [ChecklistTemplateItem]

    public init(items: [ChecklistTemplateItem]) { self.items = items }

    /// The template items for an application kind and permit type under `context`, in template order.
    public func items(kind: ApplicationKind, permitType: PermitType, context: ChecklistContext) -> [ChecklistTemplateItem] {
        items.filter {
            ($0.kinds?.contains(kind) ?? true) && ($0.permitTypes?.contains(permitType) ?? true) && context.holds($0.condition)
        }
    }

    /// A fresh checklist (every item missing) for a new application.
    public func checklist(kind: ApplicationKind, permitType: PermitType, context: ChecklistContext) -> [ChecklistEntry] {
        items(kind: kind, permitType: permitType, context: context).map { ChecklistEntry(item: $0.id) }
    }

    /// The template item with this id, if any.
    public func item(_ id: String) -> ChecklistTemplateItem? { items.first { $0.id == id } }

    /// Whether the item needs a notarized copy (custom items do not).
    public func needsNotarizedCopy(_ id: String) -> Bool { item(id)?.notarized ?? false }

    /// Problems that make the templates unusable (`checklist.problem.…`).
    public func problems() -> [Message] {
        var seen = Set<String>(), out: [Message] = []
        for item in items {
            if item.id.isEmpty { out.append(Message("checklist.problem.empty-id")) }
            if !seen.insert(item.id).inserted { out.append(Message("checklist.problem.duplicate-id", ["id": .text(item.id)])) }
            if item.label.isEmpty { out.append(Message("checklist.problem.no-label", ["id": .text(item.id)])) }
        }
        return out
    }
}

/// Checklist rules: moving items forward, waiving, progress and blockers.
public enum ChecklistRules {
    /// The next state when an item is moved forward (Space in the TUI):
    /// missing → received → certified (only where a notarized copy is required) → submitted.
    /// A submitted item stays submitted; a waived item goes back to missing.
    public static func nextState(after state: ChecklistState, notarized: Bool) -> ChecklistState {
        switch state {
        case .missing: .received
        case .received: notarized ? .certified : .submitted
        case .certified: .submitted
        case .submitted: .submitted
        case .waived: .missing
        }
    }

    /// Whether an item is ready to go with the application (received, certified
    /// where required, submitted, or waived).
    public static func isReady(_ entry: ChecklistEntry, notarized: Bool) -> Bool {
        switch entry.state {
        case .missing: false
        case .received: !notarized
        case .certified, .submitted, .waived: true
        }
    }

    /// Whether a transition is allowed (nil), or why not (`checklist.rule.…`).
    public static func check(_ entry: ChecklistEntry, to state: ChecklistState, notarized: Bool, note: String?) -> Message? {
        if state == .waived, (note ?? entry.note ?? "").trimmingWhitespace().isEmpty {
            return Message("checklist.rule.waive-needs-reason", ["item": .text(entry.item)])
        }
        if state == .certified && !notarized {
            return Message("checklist.rule.not-notarized", ["item": .text(entry.item)])
        }
        return nil
    }
}

/// Progress of a checklist and what still blocks the next step.
public struct ChecklistProgress: Sendable, Equatable {
    /// Items that count (waived ones included).
    public var total: Int
    /// Items ready to go (see `ChecklistRules.isReady`).
    public var ready: Int
    public var submitted: Int
    public var waived: Int
    /// The step the missing items block: the mailing (extension by post) or the appointment (`checklist.step.…`).
    public var blockedStep: Message
    /// Ids of items that are not ready, with what they still need (`checklist.needs.…`).
    public var blockers: [(item: String, needs: Message)]

    public static func == (a: ChecklistProgress, b: ChecklistProgress) -> Bool {
        a.total == b.total && a.ready == b.ready && a.submitted == b.submitted && a.waived == b.waived
            && a.blockedStep == b.blockedStep && a.blockers.map(\.item) == b.blockers.map(\.item)
            && a.blockers.map(\.needs) == b.blockers.map(\.needs)
    }

    /// Progress of an application's checklist.
    public init(application: Application, templates: ChecklistTemplates) {
        let entries = application.checklist
        total = entries.count
        submitted = entries.filter { $0.state == .submitted }.count
        waived = entries.filter { $0.state == .waived }.count
        var ready = 0, blockers: [(String, Message)] = []
        for entry in entries {
            let notarized = templates.needsNotarizedCopy(entry.item)
            if ChecklistRules.isReady(entry, notarized: notarized) {
                ready += 1
            } else {
                let needs = entry.state == .missing ? (notarized ? "checklist.needs.receive-and-certify" : "checklist.needs.receive")
                    : "checklist.needs.notarized-copy"
                blockers.append((entry.item, Message(needs)))
            }
        }
        self.ready = ready
        self.blockers = blockers
        blockedStep = Message(application.kind == .extension && application.delivery == .mail ? "checklist.step.mailing" : "checklist.step.appointment")
    }

    /// "7/12 ready" style summary (`checklist.progress.…`).
    public var summary: Message {
        blockers.isEmpty
            ? Message("checklist.progress.ready", ["ready": .int(ready), "total": .int(total), "step": .message(blockedStep)])
            : Message("checklist.progress.blocked", ["ready": .int(ready), "total": .int(total), "count": .int(blockers.count),
                                                     "step": .message(blockedStep)])
    }
}

extension ChecklistContext {
    /// The usual context of a new application: a minor from the birth date on
    /// `date`; a family permit rests on a supporter; foreign documents as recorded by the user.
    /// `foreignSupporter`: the family supporter is a foreigner (the usual case); false for a Turkish citizen.
    public static func of(_ client: Client, application: Application, on date: CivilDate, foreignDocuments: Bool = false,
                          foreignSupporter: Bool = true) -> ChecklistContext {
        ChecklistContext(isMinor: client.isMinor(on: date), hasFamilySupporter: application.permitType == .family,
                         hasForeignDocuments: foreignDocuments, hasForeignSupporter: foreignSupporter)
    }
}
