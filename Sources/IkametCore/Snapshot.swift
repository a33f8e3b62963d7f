/// One field that differs between the data submitted last time and today's record.
public struct SnapshotDifference: Sendable, Equatable {
    public var field: String
    public var submitted: String
    public var current: String
}

/// One field of a submission snapshot, in the order e-ikamet asks for it.
public struct SnapshotField: Sendable, Equatable {
    public var label: String
    public var value: String
    /// Identity data e-ikamet asks again (a difference is a mismatch to re-check); false for the
    /// permit fields, shown for reference only (a renewal changes them). RULES.md §8a.
    public var isIdentity: Bool
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
        func id(_ label: String, _ value: String?) -> SnapshotField { SnapshotField(label: label, value: value ?? "", isIdentity: true) }
        func ref(_ label: String, _ value: String?) -> SnapshotField { SnapshotField(label: label, value: value ?? "", isIdentity: false) }
        return [id("Name (as in passport)", name), id("Father's name", fatherName), id("Mother's name", motherName),
                id("Birth date", birthDate?.iso), id("Birth place", birthPlace), id("Sex", sex?.rawValue),
                id("Marital status", maritalStatus?.rawValue), id("Nationality", nationality), id("Foreigner id", foreignerId),
                id("Passport number", passportNumber), id("Passport expiry", passportExpires?.iso), id("Address", address),
                id("Phone", phone), id("E-mail", email),
                ref("Permit type", permitType?.rawValue), ref("Permit number", permitNumber),
                ref("Permit start", permitStart?.iso), ref("Permit end", permitEnd?.iso)]
    }

    /// Identity fields where `other` (e.g. today's record) differs from this snapshot: the mismatches
    /// to re-check before e-ikamet accepts the extension. Permit fields are never a difference, nor is
    /// a field this snapshot did not record (snapshots taken before revision 2 lack the newer fields).
    public func differences(from other: SubmissionSnapshot) -> [SnapshotDifference] {
        zip(labelledFields, other.labelledFields).compactMap { a, b in
            !a.isIdentity || a.value.isEmpty || a.value == b.value ? nil
                : SnapshotDifference(field: a.label, submitted: a.value, current: b.value)
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
