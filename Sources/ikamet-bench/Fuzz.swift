import Foundation
import TerminalUI
import IkametCore
import IkametText
import IkametInterchange

/// Generated-input fuzzing of the parsers (issue 6, item 5): the interchange
/// importer (scanner, fast reader and JSONDecoder), dates, appointment times
/// and foreigner ids. Properties: nothing crashes; every refusal says what is
/// wrong; whatever the fast reader accepts, JSONDecoder reads identically; an
/// accepted date prints back as what it parses.
func fuzz(iterations: Int, seed: UInt64) -> Bool {
    var rng = FuzzRandom(seed: seed)
    var failures = 0
    func fail(_ message: String) {
        failures += 1
        if failures <= 20 { OutputGate.line("FAIL: \(message)") }
    }
    // Seeds: a few real clients of the demo shape, written canonically.
    let today = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0)
    var seedClient = Client(id: "2026-0001", name: "Ayşe Işık", nationality: "TR", birthDate: CivilDate("1985-04-12"),
                            foreignerId: "99123456782", passport: Passport(number: "C01X00T47", expires: CivilDate("2031-05-01")),
                            phone: "+90 555 000 0000", email: "a@example.com", address: "Moda Cad. 1", province: "İstanbul",
                            attorney: "EK", notes: "note \"quoted\" \\ back")
    seedClient.permits = [Permit(type: .shortTerm, start: today.adding(years: -3), end: today.adding(days: 40), number: "34-1", province: "İstanbul"),
                          Permit(type: .student, start: today.adding(years: -6), end: today.adding(years: -3).adding(days: -1))]
    seedClient.trips = [Trip(exit: today.adding(days: -200), entry: today.adding(days: -180)), Trip(exit: today.adding(days: -30), entry: nil, exempt: .health)]
    seedClient.applications = [Application(id: "A1", kind: .extension, permitType: .shortTerm, status: .submitted, submitted: today.adding(days: -3),
                                           appointment: LocalDateTime(date: today.adding(days: 5), hour: 10, minute: 30),
                                           checklist: [ChecklistEntry(item: "photos", state: .waived, by: "PL", at: today, note: "n/a")])]
    seedClient.powerOfAttorney = PowerOfAttorney(date: today.adding(years: -1), notary: "Kadıköy", expires: today.adding(years: 1))
    let seedFile = (try? Interchange.encode([seedClient])) ?? Data()
    let seedBytes = [UInt8](seedFile)
    let alphabet = Array("0123456789-.:T \"{}[],\\/nulltruefalseabcxyzİışğüöç\u{1B}\u{202E}\u{0}\u{7F}é中".unicodeScalars)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]

    for i in 0..<iterations {
        switch i % 4 {
        case 0, 1:
            // A mutated interchange file: flips, insertions, deletions, splices.
            var bytes = seedBytes
            for _ in 0..<(1 + rng.next(6)) {
                guard !bytes.isEmpty else { break }
                let at = rng.next(bytes.count)
                switch rng.next(4) {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next(256))
                case 1: bytes.insert(contentsOf: Array(String(alphabet[rng.next(alphabet.count)]).utf8), at: at)
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + rng.next(8)))
                default:
                    let from = rng.next(bytes.count), length = rng.next(40)
                    bytes.insert(contentsOf: bytes[from..<min(bytes.count, from + length)], at: at)
                }
            }
            let data = Data(bytes)
            do {
                let scanner = try InterchangeScanner(data)
                for k in scanner.clientRanges.indices {
                    let range = scanner.clientRanges[k]
                    let fast = data.withUnsafeBytes { ClientJSON.decode(UnsafeRawBufferPointer(rebasing: $0[range])) }
                    let slow = try? JSONDecoder().decode(Client.self, from: data.subdata(in: range))
                    if let fast, fast != slow {
                        fail("fast reader accepted what JSONDecoder reads differently (JSONDecoder \(slow == nil ? "refuses it" : "reads other values")): \(String(decoding: data.subdata(in: range), as: UTF8.self))")
                    }
                    do { _ = try scanner.client(k) } catch {
                        if Catalog.english.render(error.message).isEmpty || !Catalog.english.has(error.message.key) { fail("refusal without a catalog message") }
                    }
                }
            } catch {
                if Catalog.english.render(error.message).isEmpty || !Catalog.english.has(error.message.key) { fail("refusal of a broken file without a catalog message") }
            }
        case 2:
            // Dates: random strings near the two formats.
            var s = ""
            for _ in 0..<(rng.next(12)) { s.unicodeScalars.append(alphabet[rng.next(alphabet.count)]) }
            if rng.next(2) == 0 {
                s = String(format: "%04d-%02d-%02d", rng.next(10000), rng.next(15), rng.next(34))
            } else if rng.next(2) == 0 {
                s = String(format: "%02d.%02d.%04d", rng.next(34), rng.next(15), rng.next(10000))
            }
            do {
                let d = try CivilDate.parse(s)
                guard CivilDate(year: d.year, month: d.month, day: d.day) == d, (try? CivilDate.parse(d.iso)) == d,
                      (try? CivilDate.parse(d.dotted)) == d else { fail("date \(s) does not print back"); break }
            } catch {
                if !Catalog.english.has(error.reason.key) { fail("date refusal without a catalog reason: \(s)") }
            }
            if let t = try? LocalDateTime.parse(s + "T" + String(format: "%02d:%02d", rng.next(30), rng.next(70))) {
                if (try? LocalDateTime.parse(t.description)) != t { fail("time \(t) does not print back") }
            }
        default:
            // Foreigner ids and the fast writer on hostile text.
            var id = ""
            for _ in 0..<(rng.next(14)) { id.unicodeScalars.append(alphabet[rng.next(alphabet.count)]) }
            if rng.next(2) == 0 { id = "99" + String((0..<9).map { _ in Character(String(rng.next(10))) }) }
            _ = ForeignerId.check(id)
            var hostile = seedClient
            hostile.name = id
            hostile.notes = id + "\n\t" + id
            let fast = ClientJSON.encode(hostile)
            if let slow = try? encoder.encode(Interchange.canonical(hostile)), [UInt8](slow) != fast {
                fail("fast writer differs from JSONEncoder for \(id.debugDescription)")
            }
        }
    }
    OutputGate.line("fuzz: \(iterations) generated inputs (seed \(seed)), \(failures) failure(s)")
    OutputGate.line("\(iterations - failures) passed, \(failures) failed")
    return failures == 0
}

/// A small deterministic generator for the fuzzer.
struct FuzzRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return bound <= 0 ? 0 : Int(z % UInt64(bound))
    }
}
