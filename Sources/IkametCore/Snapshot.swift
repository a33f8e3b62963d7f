/// One field that differs between the data submitted last time and today's record.
public struct SnapshotDifference: Sendable, Equatable {
    public var field: String
    public var submitted: String
    public var current: String
}

extension SubmissionSnapshot {
    /// The client data as it would be entered in e-ikamet on `date`.
    public static func of(_ c: Client, on date: CivilDate) -> SubmissionSnapshot {
        let permit = DeadlineEngine.currentPermit(of: c, on: date)
        return SubmissionSnapshot(name: c.name, passportNumber: c.passport.number, passportExpires: c.passport.expires,
                                  address: c.address, phone: c.phone, email: c.email, permitType: permit?.type,
                                  permitNumber: permit?.number, permitStart: permit?.start, permitEnd: permit?.end)
    }

    /// Labelled fields, in the order e-ikamet asks for them.
    public var fields: [(String, String)] {
        [("Name (as in passport)", name), ("Passport number", passportNumber ?? ""),
         ("Passport expiry", passportExpires?.iso ?? ""), ("Address", address ?? ""), ("Phone", phone ?? ""),
         ("E-mail", email ?? ""), ("Permit type", permitType?.rawValue ?? ""), ("Permit number", permitNumber ?? ""),
         ("Permit start", permitStart?.iso ?? ""), ("Permit end", permitEnd?.iso ?? "")]
    }

    /// Fields where `other` (e.g. today's record) differs from this snapshot.
    public func differences(from other: SubmissionSnapshot) -> [SnapshotDifference] {
        zip(fields, other.fields).compactMap { a, b in
            a.1 == b.1 ? nil : SnapshotDifference(field: a.0, submitted: a.1, current: b.1)
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
