import Foundation

/// Attorney initials are matched without regard to case, everywhere: `ek` finds
/// `EK`, and the Turkish dotted and dotless i (i, İ, ı, I) are one letter
/// (issue 12). Queries resolve the initials to the spellings stored on client
/// files and ask for `attorney IN (…)` (`attorneyCondition`), which the
/// `client_attorney` index serves.
public enum AttorneyMatch {
    /// The form two initials are compared in: trimmed, the four Turkish i's as `i`, lower case.
    public static func fold(_ initials: String) -> String {
        var out = ""
        for ch in initials.trimmingCharacters(in: .whitespaces) {
            switch ch {
            case "İ", "I", "ı": out.append("i")
            default: out += ch.lowercased()
            }
        }
        return out
    }

    /// Whether two spellings name the same attorney.
    public static func same(_ a: String, _ b: String) -> Bool { fold(a) == fold(b) }
}

extension OfficeStore {
    /// The SQL condition (and its arguments) for the clients of `attorney` on `column`: `column IN (spellings)`,
    /// or a false condition when no file carries those initials. The one attorney filter of every query.
    static func attorneyCondition(_ db: any SQLSession, column: String, _ attorney: String) throws -> (String, SQLArguments) {
        let spellings = try attorneySpellings(db, attorney)
        return (spellings.isEmpty ? "1 = 0" : "\(column) IN (" + spellings.map { _ in "?" }.joined(separator: ",") + ")",
                spellings.map { $0 as any SQLBindable })
    }

    /// The spellings of `attorney` stored on client files (`EK` for `ek`): a walk over the attorney index's
    /// distinct values, so that queries can say `attorney IN (…)` and keep the index.
    static func attorneySpellings(_ db: any SQLSession, _ attorney: String) throws -> [String] {
        try initialsOnFiles(db).filter { AttorneyMatch.same($0, attorney) }
    }

    /// Every attorney spelling on a client file (distinct values of the attorney index).
    static func initialsOnFiles(_ db: any SQLSession) throws -> [String] {
        try db.strings("SELECT DISTINCT attorney FROM client WHERE attorney IS NOT NULL")
    }

    /// Every attorney the office knows: the attorneys in the settings (with their names), then any other initials
    /// on a client file (one spelling each, the settings' when there is one), in initials order.
    public func knownAttorneyList() throws -> [Attorney] {
        var seen = Set<String>(), out: [Attorney] = []
        let onFiles = try read { db in try OfficeStore.initialsOnFiles(db) }
        for attorney in try attorneys() + onFiles.sorted().map({ Attorney(initials: $0, name: "") }) {
            let key = AttorneyMatch.fold(attorney.initials)
            if !key.isEmpty, seen.insert(key).inserted { out.append(attorney) }
        }
        return out.sorted { AttorneyMatch.fold($0.initials) < AttorneyMatch.fold($1.initials) }
    }

    /// The initials of `knownAttorneyList()`.
    public func knownAttorneys() throws -> [String] { try knownAttorneyList().map(\.initials) }
}
