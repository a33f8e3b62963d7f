import Foundation
import IkametCore
import IkametTestSupport
import Testing

/// Issue 14 §1: reading an Entry-Exit Record in every shape it comes in, pairing it, and comparing it with the trips on file.
@Suite("Entry-Exit Record import")
struct EntryExitImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/entry-exit")

    func fixture(_ name: String) throws -> EntryExitRecordFile {
        let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        return try EntryExitReader.read(try EntryExitReader.text(from: bytes))
    }

    func d(_ s: String) -> CivilDate { CivilDate(s)! }

    func spans(_ r: EntryExitRecordFile) -> [String] { r.trips.map { $0.exit.date.iso + "/" + ($0.entry?.date.iso ?? "open") } }

    @Test("a Turkish record with a header, ';' and upper-case directions: the first entry is the arrival, exits pair with the next entry")
    func turkishHeader() throws {
        let r = try fixture("turkish-header.csv")
        #expect(r.crossings.count == 5)
        #expect(r.arrival?.date == d("2019-03-02") && r.arrival?.line == 2)
        #expect(spans(r) == ["2021-06-10/2021-06-24", "2024-01-05/2024-08-20"])
        #expect(r.anomalies.isEmpty)
        #expect(r.trips[0].note == "İstanbul Havalimanı · DE → Sabiha Gökçen · DE")
        #expect(r.trips[1].exit.line == 5 && r.trips[1].entry?.line == 6)
    }

    @Test("an English CSV in no order, quoted gates with commas, directions in any case: sorted before pairing")
    func englishUnsorted() throws {
        let r = try fixture("english-unsorted.csv")
        #expect(r.arrival == nil)
        #expect(spans(r) == ["2021-06-10/2021-06-24", "2024-01-05/2024-08-20"])
        #expect(r.trips[0].note == "Istanbul Airport → Sabiha Gokcen, Istanbul")
    }

    @Test("tab-separated, no header, G/Ç letters; an exit with no later entry is an open trip")
    func tabsAndLetters() throws {
        let r = try fixture("tab-letters.tsv")
        #expect(r.arrival?.date == d("2019-03-02"))
        #expect(spans(r) == ["2021-06-10/2021-06-24", "2026-11-01/open"])
    }

    @Test("columns set apart by two or more spaces, a time after the date, Giris/Cikis without marks")
    func alignedColumns() throws {
        let r = try fixture("aligned-columns.txt")
        #expect(spans(r) == ["2021-06-10/2021-06-24"])
        #expect(r.trips[0].note == "Istanbul Havalimani → Sabiha Gokcen")
    }

    @Test("pasted text: CRLF line ends, a byte-order mark, blank lines, 'Entry'/'Exit'")
    func pastedText() throws {
        let text = "\u{FEFF}date,direction\r\n\r\n2022-01-01,Exit\r\n2022-01-09,Entry\r\n"
        let r = try EntryExitReader.read(try EntryExitReader.text(from: Array(text.utf8)))
        #expect(spans(r) == ["2022-01-01/2022-01-09"])
        #expect(r.trips[0].exit.line == 3, "blank lines keep their numbers")
    }

    @Test("UTF-16 with its mark is text; NUL bytes or invalid UTF-8 are not")
    func encodings() throws {
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "01.02.2022;Çıkış\n03.02.2022;Giriş\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(spans(try EntryExitReader.read(try EntryExitReader.text(from: utf16))) == ["2022-02-01/2022-02-03"])
        #expect(throws: EntryExitReadError.notText) { try EntryExitReader.text(from: [0x25, 0x50, 0x44, 0x46, 0x00, 0x01]) }
        #expect(throws: EntryExitReadError.notText) { try EntryExitReader.text(from: [0x30, 0xC3, 0x28]) }
        #expect(throws: EntryExitReadError.empty) { try EntryExitReader.read("\n  \n") }
    }

    @Test("two exits or two entries in a row are anomalies named by their lines, never guessed into a trip")
    func anomalies() throws {
        let r = try fixture("anomalies.csv")
        #expect(r.anomalies.count == 2)
        #expect(r.anomalies[0].first.line == 2 && r.anomalies[0].second.line == 3 && r.anomalies[0].first.direction == .exit)
        #expect(r.anomalies[1].first.line == 4 && r.anomalies[1].second.line == 5 && r.anomalies[1].first.direction == .entry)
        // No trip is made of a crossing an anomaly names: here, none at all.
        #expect(spans(r) == [])
        #expect(r.anomalies[0].message.text.contains("lines 2 and 3: two exits in a row"))
        let plan = TripImportPlan(record: r, trips: [])
        #expect(!plan.applicable, "a record with anomalies is never applied")
    }

    @Test("every unreadable line is named with its reason, and nothing of the file is used")
    func unreadableLines() throws {
        do {
            _ = try fixture("unreadable-lines.csv")
            Issue.record("read a file with bad lines")
        } catch let error as EntryExitReadError {
            guard case .lines(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.line) == [3, 4, 5])
            let text = error.message.text
            #expect(text.contains("line 3: “31.02.2022” is not a date"), "\(text)")
            #expect(text.contains("line 4: “Sağ” is not a direction"), "\(text)")
            #expect(text.contains("line 5: “2022/04/01” is not a date"), "\(text)")
        }
    }

    @Test("control characters in the gate column are kept as data (the output gate escapes them)")
    func hostileGate() throws {
        let r = try fixture("hostile-gate.csv")
        #expect(r.trips.count == 1)
        let note = try #require(r.trips[0].note)
        #expect(note.contains("\u{1B}") && note.contains("\u{202E}"), "kept, not stripped: \(note.debugDescription)")
    }

    @Test("the 2,000-crossing record, newest first: an arrival, 999 trips and one open trip")
    func largeRecord() throws {
        let r = try fixture("large-2000.csv")
        #expect(r.crossings.count == 2000)
        #expect(r.arrival?.date == d("2010-01-04"))
        #expect(r.trips.count == 1000 && r.anomalies.isEmpty)
        #expect(r.trips.last?.entry == nil && r.trips.last?.exit.date == d("2020-12-21"))
        #expect(zip(r.trips, r.trips.dropFirst()).allSatisfy { $0.exit.date < $1.exit.date })
    }

    @Test("a same-day trip pairs in the file's order, or in its reverse when the file runs newest first")
    func sameDayTrip() throws {
        let oldestFirst = try EntryExitReader.read("01.05.2023;Çıkış\n03.05.2023;Giriş\n05.05.2023;Çıkış\n05.05.2023;Giriş\n")
        #expect(spans(oldestFirst) == ["2023-05-01/2023-05-03", "2023-05-05/2023-05-05"] && oldestFirst.anomalies.isEmpty)
        let newestFirst = try EntryExitReader.read("05.05.2023;Giriş\n05.05.2023;Çıkış\n03.05.2023;Giriş\n01.05.2023;Çıkış\n")
        #expect(spans(newestFirst) == ["2023-05-01/2023-05-03", "2023-05-05/2023-05-05"] && newestFirst.anomalies.isEmpty)
        let first = try EntryExitReader.read("05.05.2023;Giriş\n05.05.2023;Çıkış\n")
        #expect(first.arrival?.line == 1 && spans(first) == ["2023-05-05/open"])
    }

    @Test("two exits in a row stay an anomaly even when an entry follows on the second exit's day (nothing is reordered into a trip)")
    func sameDayNoGuess() throws {
        let r = try EntryExitReader.read("01.03.2025;Çıkış\n10.03.2025;Çıkış\n10.03.2025;Giriş\n")
        #expect(r.anomalies.count == 1 && r.anomalies[0].first.line == 1 && r.anomalies[0].second.line == 2)
        #expect(spans(r) == [], "no trip is made of the doubtful exits, and no open trip is invented")
    }

    @Test("a first line with a direction but a bad date is a record line, reported, not a header skipped")
    func badFirstLine() throws {
        #expect(throws: EntryExitReadError.self) { try EntryExitReader.read("31.02.2025;Çıkış;Kapıkule\n05.03.2025;Giriş;Kapıkule\n") }
        do { _ = try EntryExitReader.read("31.02.2025;Çıkış;Kapıkule\n05.03.2025;Giriş;Kapıkule\n") } catch {
            guard case .lines(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.line) == [1])
        }
        // A header in words the reader does not know (no date, no direction) is still skipped.
        #expect(spans(try EntryExitReader.read("Giriş-Çıkış Tarihi;İşlem Türü\n01.03.2025;Çıkış\n09.03.2025;Giriş\n")) == ["2025-03-01/2025-03-09"])
        // A pasted record starting with a byte-order mark.
        #expect(spans(try EntryExitReader.read("\u{FEFF}01.03.2025;Çıkış\n09.03.2025;Giriş\n")) == ["2025-03-01/2025-03-09"])
    }

    @Test("a record pasted twice: every repeated crossing is ignored and named, no anomaly is made of it")
    func repeatedLines() throws {
        let once = "01.03.2025;Çıkış;IST\n09.03.2025;Giriş;IST\n"
        let r = try EntryExitReader.read(once + once)
        #expect(r.anomalies.isEmpty && spans(r) == ["2025-03-01/2025-03-09"])
        #expect(r.repeated.map(\.line) == [3, 4] && r.repeated.map(\.of) == [1, 2])
        let lines = TripImportPlan(record: r, trips: []).lines(client: Client(id: "X", name: "X"), eligibility: EligibilityEngine(),
                                                                today: d("2026-12-01")).map(\.text)
        #expect(lines.contains("Repeated lines, ignored: 2 (line 3 repeats line 1; line 4 repeats line 2)"), "\(lines)")
    }

    @Test("an exact match wins over an overlap: the exemption stays on its own trip")
    func exactBeforeOverlap() throws {
        let onFile = [Trip(exit: d("2025-09-01"), entry: d("2025-09-29"), exempt: .publicService)]
        let r = try EntryExitReader.read("20.08.2025;Çıkış\n01.09.2025;Giriş\n01.09.2025;Çıkış\n29.09.2025;Giriş\n")
        let plan = TripImportPlan(record: r, trips: onFile)
        #expect(plan.diff.identical.map(\.recorded) == [0] && plan.diff.conflicts.isEmpty)
        #expect(plan.diff.new.map { $0.exit.date } == [d("2025-08-20")])
        #expect(plan.after.first { $0.exit == d("2025-09-01") }?.exempt == .publicService)
    }

    @Test("a result that would not validate (a corrected trip overlapping one the record does not show) is named and not applicable")
    func problemsBlock() throws {
        let client = Client(id: "X", name: "X", birthDate: d("1990-01-01"),
                            trips: [Trip(exit: d("2021-02-01"), entry: d("2021-03-01")), Trip(exit: d("2023-05-01"), entry: d("2023-05-10"))])
        let r = try EntryExitReader.read("01.02.2021;Çıkış\n05.01.2025;Giriş\n")
        let plan = TripImportPlan(record: r, trips: client.trips)
        let problems = plan.problems(client: client, validator: Validator(), today: d("2026-12-01"))
        #expect(!problems.isEmpty && problems.allSatisfy { $0.field.hasPrefix("trips") })
        let lines = plan.lines(client: client, eligibility: EligibilityEngine(), today: d("2026-12-01"), problems: problems).map(\.text)
        #expect(lines.contains { $0.hasPrefix("Cannot be applied: 1") }, "\(lines)")
    }

    @Test("the difference: new, identical, conflicting and missing trips; applying keeps exemptions and removes nothing")
    func difference() throws {
        let r = try fixture("turkish-header.csv")
        let onFile = [
            Trip(exit: d("2021-06-10"), entry: d("2021-06-20"), exempt: .health),   // same exit, other entry: a conflict
            Trip(exit: d("2018-01-01"), entry: d("2018-01-10")),                    // not in the record: kept
        ]
        let plan = TripImportPlan(record: r, trips: onFile)
        #expect(plan.diff.new.map { $0.exit.date } == [d("2024-01-05")])
        #expect(plan.diff.conflicts.map(\.recorded) == [0])
        #expect(plan.diff.identical.isEmpty)
        #expect(plan.diff.notInRecord == [1])
        #expect(plan.applicable)
        // The corrected trip stays in its place, the new one is appended (the audit trail reads "trip 3 added").
        #expect(plan.after == [
            Trip(exit: d("2021-06-10"), entry: d("2021-06-24"), exempt: .health, note: "İstanbul Havalimanı · DE → Sabiha Gökçen · DE"),
            Trip(exit: d("2018-01-01"), entry: d("2018-01-10")),
            Trip(exit: d("2024-01-05"), entry: d("2024-08-20"), note: "Kapıkule · BG → Kapıkule · BG"),
        ])
        // Applied once, the record matches: nothing more to write.
        let again = TripImportPlan(record: r, trips: plan.after)
        #expect(!again.diff.changesSomething && again.diff.identical.count == 2)
    }

    @Test("an overlapping trip on file with other dates is a conflict, not a second trip")
    func overlapConflict() throws {
        let r = try EntryExitReader.read("01.03.2024;Çıkış\n20.03.2024;Giriş\n")
        let plan = TripImportPlan(record: r, trips: [Trip(exit: d("2024-03-02"), entry: d("2024-03-19"))])
        #expect(plan.diff.conflicts.count == 1 && plan.diff.new.isEmpty)
        #expect(plan.after == [Trip(exit: d("2024-03-01"), entry: d("2024-03-20"))])
    }

    @Test("the review shows the long-term verdict before and after (docs/rules.md §7)")
    func verdictChange() throws {
        let client = Client(id: "2020-0300", name: "Pooja Mehta", birthDate: d("1993-09-16"),
                            permits: [Permit(type: .shortTerm, start: d("2018-09-08"), end: d("2027-09-07"))],
                            longTerm: LongTermFile(publicAid: .confirmed, income: .confirmed, insurance: .confirmed, publicOrder: .confirmed))
        let record = try EntryExitReader.read("05.01.2024;Çıkış\n20.08.2024;Giriş\n")
        let plan = TripImportPlan(record: record, trips: client.trips)
        let engine = EligibilityEngine()
        let lines = plan.lines(client: client, eligibility: engine, today: d("2026-12-01")).map(\.text)
        #expect(lines.last?.contains("eligible now, not-eligible with the record") == true, "\(lines)")
        #expect(lines.contains { $0.contains("+ 2024-01-05 – 2024-08-20 (228 days abroad)") }, "\(lines)")
    }
}
