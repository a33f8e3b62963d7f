import Foundation
import IkametTestSupport
import Testing
@testable import IkametCore
@testable import IkametInterchange

/// Every field of the model is written and read by the interchange format:
/// the model's stored properties, its `CodingKeys` (`InterchangeKeyed`), the
/// schema, the canonical writer and both readers all agree.
@Suite("ikamet/1: every field written and read")
struct InterchangeFieldsTests {
    /// A client with every field present, each nested object complete and each list non-empty.
    static let everyField = """
    {"id": "2026-0999", "name": "Ayşe Örnek", "nationality": "DE", "birthDate": "1985-04-12", "foreignerId": "99123456780",
     "passport": {"number": "C01X00T47", "expires": "2031-05-01"}, "phone": "+90 555 000 00 00", "email": "a@example.org",
     "address": "Moda Cad. 1, Kadıköy", "province": "İstanbul", "attorney": "EK", "notes": "note",
     "fatherName": "Hans", "motherName": "Eva", "birthPlace": "Berlin", "sex": "female", "maritalStatus": "married",
     "permits": [{"type": "short-term", "start": "2025-12-01", "end": "2026-11-30", "number": "P-77", "province": "İstanbul"}],
     "trips": [{"exit": "2026-07-01", "entry": "2026-07-20", "exempt": "health", "note": "IST → SAW"}],
     "supporter": {"name": "Hans Örnek", "permitEnd": "2027-06-30", "citizen": false},
     "longTerm": {"publicAid": "confirmed", "income": "confirmed", "insurance": "failed", "publicOrder": "unknown",
                  "entryExitRecord": {"requested": "2026-09-01", "received": "2026-10-01", "result": "POSITIVE"}},
     "powerOfAttorney": {"date": "2025-11-01", "notary": "Kadıköy 3. Noterliği", "expires": "2027-11-01"},
     "closed": {"date": "2026-11-30", "reason": "other", "note": "moved"},
     "applications": [{"id": "A1", "kind": "extension", "permitType": "short-term", "status": "submitted",
                       "submitted": "2026-11-19", "delivery": "mail", "mailed": "2026-11-20", "tracking": "RR123",
                       "appointment": "2026-12-01T10:30", "decided": "2026-12-20", "filedBy": "attorney",
                       "checklist": [{"item": "photos", "state": "received", "by": "EK", "at": "2026-11-18", "note": "4 photos"}],
                       "steps": {"online": "2026-11-19", "appointment": "2026-12-01", "packageSubmitted": "2026-12-01", "reviewStarted": "2026-12-02"},
                       "exitDocument": "2026-12-21", "cardReceived": "2027-01-05", "documentsRequested": "2026-12-05",
                       "documentsCompleted": "2026-12-06", "requestedEnd": "2027-11-30", "number": "2026-E-1",
                       "snapshot": {"name": "Ayşe Örnek", "fatherName": "Hans", "motherName": "Eva", "birthDate": "1985-04-12",
                                    "birthPlace": "Berlin", "sex": "female", "maritalStatus": "married", "nationality": "DE",
                                    "foreignerId": "99123456780", "passportNumber": "C01X00T47", "passportExpires": "2031-05-01",
                                    "address": "Moda Cad. 1", "phone": "+90 555", "email": "a@example.org", "permitType": "short-term",
                                    "permitNumber": "P-77", "permitStart": "2025-12-01", "permitEnd": "2026-11-30"}}]}
    """

    /// Every key path of a JSON tree, lists as `[]`.
    static func paths(_ value: Any, _ prefix: String = "") -> Set<String> {
        var out: Set<String> = []
        if let dict = value as? [String: Any] {
            for (k, v) in dict {
                let here = prefix.isEmpty ? k : "\(prefix).\(k)"
                out.insert(here)
                out.formUnion(paths(v, here))
            }
        } else if let list = value as? [Any] {
            for v in list { out.formUnion(paths(v, prefix + "[]")) }
        }
        return out
    }

    /// Every key path the schema allows.
    static func paths(_ shape: InterchangeSchema.Shape, _ prefix: String = "") -> Set<String> {
        var out: Set<String> = []
        if let fields = shape.fields {
            for (k, inner) in fields {
                let here = prefix.isEmpty ? k : "\(prefix).\(k)"
                out.insert(here)
                out.formUnion(paths(inner, here))
            }
        } else if let element = shape.element {
            out.formUnion(paths(element, prefix + "[]"))
        }
        return out
    }

    /// A value's stored property names.
    static func properties(_ value: Any) -> Set<String> { Set(Mirror(reflecting: value).children.compactMap(\.label)) }

    @Test("each model type's stored properties are exactly its interchange keys")
    func propertiesAreKeys() throws {
        let c = try JSONDecoder().decode(Client.self, from: Data(Self.everyField.utf8))
        let app = try #require(c.applications.first)
        let checks: [(String, Any, [String])] = [
            ("Client", c, Client.interchangeKeys), ("Application", app, Application.interchangeKeys),
            ("SubmissionSnapshot", try #require(app.snapshot), SubmissionSnapshot.interchangeKeys),
            ("LongTermSteps", try #require(app.steps), LongTermSteps.interchangeKeys),
            ("ChecklistEntry", try #require(app.checklist.first), ChecklistEntry.interchangeKeys),
            ("Permit", try #require(c.permits.first), Permit.interchangeKeys), ("Trip", try #require(c.trips.first), Trip.interchangeKeys),
            ("Passport", c.passport, Passport.interchangeKeys), ("LongTermFile", c.longTerm, LongTermFile.interchangeKeys),
            ("EntryExitRecord", c.longTerm.entryExitRecord, EntryExitRecord.interchangeKeys),
            ("PowerOfAttorney", try #require(c.powerOfAttorney), PowerOfAttorney.interchangeKeys),
            ("ClosedFile", try #require(c.closed), ClosedFile.interchangeKeys),
        ]
        #expect(Set(Supporter.interchangeKeys) == ["client", "name", "permitEnd", "citizen"])
        for (name, value, keys) in checks {
            #expect(Self.properties(value) == Set(keys), "\(name): properties and interchange keys differ")
        }
    }

    @Test("the canonical writer writes every field the schema knows, and both readers read them all back")
    func everyFieldRoundTrips() throws {
        let original = try JSONDecoder().decode(Client.self, from: Data(Self.everyField.utf8))
        let written = ClientJSON.encode(original)
        let tree = try JSONSerialization.jsonObject(with: Data(written))
        // A supporter is a client of the office or a person: the fixture's is a person; the other form is checked below.
        let schema = Self.paths(InterchangeSchema.client).subtracting(["supporter.client"])
        #expect(schema.count > 90, "the schema looks incomplete")
        #expect(Self.paths(tree) == schema, "written keys differ from the schema: \(Self.paths(tree).symmetricDifference(schema).sorted())")
        // The fixture itself uses every key (so the test covers every field).
        let fixture = try JSONSerialization.jsonObject(with: Data(Self.everyField.utf8))
        #expect(Self.paths(fixture) == schema)
        let fast = written.withUnsafeBytes { ClientJSON.decode($0) }
        #expect(fast == Interchange.canonical(original))
        #expect(try JSONDecoder().decode(Client.self, from: Data(written)) == Interchange.canonical(original))
        // Foundation's encoder writes the same document.
        let foundation = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(original))
        #expect(Self.paths(foundation) == schema)
        // The supporter as a client of the office: written as {"client"} alone, read back by both readers.
        var linked = original
        linked.supporter = .client("2026-0001")
        let linkedJSON = ClientJSON.encode(linked)
        #expect(String(decoding: linkedJSON, as: UTF8.self).contains(#""supporter":{"client":"2026-0001"}"#))
        #expect(try JSONDecoder().decode(Client.self, from: Data(linkedJSON)) == Interchange.canonical(linked))
    }
}
