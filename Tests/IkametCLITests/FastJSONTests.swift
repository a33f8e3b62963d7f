import Foundation
import IkametTestSupport
import Testing
@testable import IkametCLI
import IkametCore
import IkametInterchange

/// The fast client reader and writer must agree exactly with Codable.
@Suite("Fast client JSON")
struct FastJSONTests {
    static func clients() throws -> [Client] {
        var all = try Interchange.decode(Data(contentsOf: Repo.data.appendingPathComponent("demo.json"))).clients
        all += SyntheticCaseload.generate(count: 300, seed: 11, today: AgendaCacheTests.today)
        // Hostile text: quotes, backslashes, control characters, bidi override, escapes, non-BMP.
        var hostile = Client(id: "X-1", name: "Evil \"Name\" \\ \u{1B}[31m\u{202E}gnp.exe \u{0}\u{7F}\u{1F600}/slash")
        hostile.notes = "line1\nline2\ttab\u{8}\u{C}\r"
        hostile.permits = [Permit(type: .longTerm, start: CivilDate(year: 2020, month: 2, day: 29) ?? CivilDate(dayNumber: 0), end: nil)]
        all.append(hostile)
        return all
    }

    @Test("the fast writer writes exactly what JSONEncoder writes (sorted keys, no escaped slashes)")
    func writerMatchesJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for c in try Self.clients() {
            let fast = ClientJSON.encode(c)
            let slow = [UInt8](try encoder.encode(Interchange.canonical(c)))
            #expect(fast == slow, "client \(c.id):\nfast \(String(decoding: fast, as: UTF8.self))\nslow \(String(decoding: slow, as: UTF8.self))")
        }
    }

    @Test("the fast reader reads back what it wrote, equal to JSONDecoder's result")
    func readerMatchesJSONDecoder() throws {
        for c in try Self.clients() {
            let bytes = ClientJSON.encode(c)
            let fast = bytes.withUnsafeBytes { ClientJSON.decode($0) }
            let slow = try JSONDecoder().decode(Client.self, from: Data(bytes))
            #expect(fast == slow, "client \(c.id)")
            #expect(fast == Interchange.canonical(c), "client \(c.id)")
        }
    }

    @Test("a repeated key: both readers take the first occurrence")
    func repeatedKeys() throws {
        let text = #"{"id":"2026-0001","name":"A","id":"2026-9999"}"#
        let fast = Array(text.utf8).withUnsafeBytes { ClientJSON.decode($0) }
        let slow = try JSONDecoder().decode(Client.self, from: Data(text.utf8))
        #expect(slow.id == "2026-0001")
        #expect(fast == slow)
    }

    @Test("what the fast reader does not understand is left to JSONDecoder", arguments: [
        #"{"id":"A","name":"B","birthDate":"2026-2-01"}"#,          // not a canonical date
        #"{"id":"A","name":"B","permits":[{"type":"temporary","start":"2026-01-01"}]}"#,
        #"{"id":"A","name":7}"#,
        #"{"id":"A","name":"B","trips":[{"exit":"2026-01-01","entry":"2026-01-05","exempt":"holiday"}]}"#,
        #"{"id":"A","name":"B","applications":[{"id":"A1","kind":"extension","permitType":"short-term","appointment":"26.11.2026 10:30"}]}"#,
    ])
    func unusualInputFallsBack(_ text: String) throws {
        let fast = Array(text.utf8).withUnsafeBytes { ClientJSON.decode($0) }
        #expect(fast == nil)
    }
}
