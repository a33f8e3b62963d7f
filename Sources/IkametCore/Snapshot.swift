/// One field that differs between the data submitted last time and today's record.
public struct SnapshotDifference: Sendable, Equatable {
    /// The field's id (`SnapshotField.id`, e.g. `fatherName`).
    public var field: String
    /// The field's label (`snapshot.field.<id>`).
    public var term: MessageArg
    /// The values as shown.
    public var submitted: MessageArg
    public var current: MessageArg
}

/// One field of a submission snapshot, in the order e-ikamet asks for it.
public struct SnapshotField: Sendable, Equatable {
    /// The field's id, as in the interchange format (`name`, `fatherName`, …, `permitEnd`).
    public var id: String
    /// The value as compared (dates in ISO form, ids of enumerations; empty when not recorded).
    public var value: String
    /// The value as shown (a date, a term such as `sex.female`, or the text itself).
    public var display: MessageArg
    /// Identity data e-ikamet asks again (a difference is a mismatch to re-check); false for the
    /// permit fields, shown for reference only (a renewal changes them). RULES.md §8a.
    public var isIdentity: Bool

    /// The field's label (`snapshot.field.<id>`, e.g. English "Father's name").
    public var term: MessageArg { .term("snapshot.field." + id) }
}

extension SubmissionSnapshot {
    /// The client data as it would be entered in e-ikamet on `date`.
    public static func of(_ c: Client, on date: CivilDate) -> SubmissionSnapshot {
        let permit = DeadlineEngine.currentPermit(of: c, on: date)
        return SubmissionSnapshot(name: c.name, fatherName: c.fatherName, motherName: c.motherName, birthDate: c.birthDate,
                                  birthPlace: c.birthPlace, sex: c.sex, maritalStatus: c.maritalStatus,
                                  nationality: c.nationality, foreignerId: c.foreignerId,
                                  passportNumber: c.passport.number, passportExpires: c.passport.expires,
                                  address: c.address, phone: c.phone, email: c.email, permitType: permit?.type,
                                  permitNumber: permit?.number, permitStart: permit?.start, permitEnd: permit?.end)
    }

    /// Labelled fields, in the order e-ikamet asks for them: identity first, then the permit for reference.
    public var labelledFields: [SnapshotField] {
        func field(_ key: String, _ value: String?, _ display: MessageArg?, identity: Bool) -> SnapshotField {
            SnapshotField(id: key, value: value ?? "", display: display ?? .text(value ?? ""), isIdentity: identity)
        }
        func text(_ key: String, _ value: String?, identity: Bool = true) -> SnapshotField { field(key, value, nil, identity: identity) }
        func date(_ key: String, _ value: CivilDate?, identity: Bool = true) -> SnapshotField {
            field(key, value?.iso, value.map(MessageArg.date), identity: identity)
        }
        return [text("name", name), text("fatherName", fatherName), text("motherName", motherName),
                date("birthDate", birthDate), text("birthPlace", birthPlace), field("sex", sex?.rawValue, sex?.term, identity: true),
                field("maritalStatus", maritalStatus?.rawValue, maritalStatus?.term, identity: true),
                text("nationality", nationality), text("foreignerId", foreignerId),
                text("passportNumber", passportNumber), date("passportExpires", passportExpires), text("address", address),
                text("phone", phone), text("email", email),
                field("permitType", permitType?.rawValue, permitType?.listTerm, identity: false),
                text("permitNumber", permitNumber, identity: false),
                date("permitStart", permitStart, identity: false), date("permitEnd", permitEnd, identity: false)]
    }

    /// Identity fields where `other` (e.g. today's record) differs from this snapshot: the mismatches
    /// to re-check before e-ikamet accepts the extension. Permit fields are never a difference, nor is
    /// a field this snapshot did not record (snapshots taken before revision 2 lack the newer fields).
    public func differences(from other: SubmissionSnapshot) -> [SnapshotDifference] {
        zip(labelledFields, other.labelledFields).compactMap { a, b in
            !a.isIdentity || a.value.isEmpty || a.value == b.value ? nil
                : SnapshotDifference(field: a.id, term: a.term, submitted: a.display, current: b.display)
        }
    }
}

extension Client {
    /// For an application being prepared: the snapshot of the most recent earlier
    /// submitted application, if any (RULES.md §8a: e-ikamet refuses an extension
    /// whose re-entered data does not match the earlier application).
    public func previousSnapshot(before application: Application) -> (Application, SubmissionSnapshot)? {
        let earlier = applications.filter { $0.id != application.id && $0.snapshot != nil && $0.submitted != nil }
            .filter { app in
                guard let mine = application.submitted, let theirs = app.submitted else { return true }
                return theirs < mine
            }
            .sorted { ($0.submitted ?? CivilDate(dayNumber: 0)) < ($1.submitted ?? CivilDate(dayNumber: 0)) }
        guard let last = earlier.last, let snap = last.snapshot else { return nil }
        return (last, snap)
    }
}
