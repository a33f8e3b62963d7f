/// Reading an Entry-Exit Record (giriş-çıkış kaydı) as issued by the directorate, pairing its
/// border crossings into trips, and comparing them with the trips on file (docs/rules.md §7,
/// docs/cli.md `trips import`). Pure: text in, facts out; nothing here touches a store.

/// The direction of one border crossing.
public enum CrossingDirection: String, Sendable, Hashable {
    case entry, exit

    /// The direction's name (`crossing.<id>`; English "entry", "exit").
    public var term: MessageArg { .term("crossing." + rawValue) }
}

/// One border crossing read from a record line.
public struct Crossing: Sendable, Hashable {
    /// The line of the file (1-based).
    public var line: Int
    public var date: CivilDate
    public var direction: CrossingDirection
    /// The further columns (gate, country…), as data, joined with " · "; nil when there are none.
    public var detail: String?

    public init(line: Int, date: CivilDate, direction: CrossingDirection, detail: String? = nil) {
        self.line = line; self.date = date; self.direction = direction; self.detail = detail
    }
}

/// A line of the record that cannot be read, and why.
public struct RecordLineProblem: Sendable, Hashable {
    public var line: Int
    public var reason: Message
}

/// Two crossings in the same direction one after the other: the record cannot be paired there.
public struct RecordAnomaly: Sendable, Hashable {
    public var first: Crossing
    public var second: Crossing

    /// The anomaly as a sentence (`entry-exit-import.anomaly.exits` / `.entries`).
    public var message: Message {
        Message("entry-exit-import.anomaly." + (first.direction == .exit ? "exits" : "entries"),
                ["first": .int(first.line), "second": .int(second.line),
                 "firstDate": .date(first.date), "secondDate": .date(second.date)])
    }
}

/// A trip paired from the record: an exit and the next entry (nil: still abroad).
public struct RecordTrip: Sendable, Hashable {
    public var exit: Crossing
    public var entry: Crossing?

    /// The trip as the client file keeps it, with the gates as its note.
    public func trip(exempt: TripExemption? = nil) -> Trip {
        Trip(exit: exit.date, entry: entry?.date, exempt: exempt, note: note)
    }

    /// The further columns of both crossings ("exit detail → entry detail"), or nil.
    public var note: String? {
        switch (exit.detail, entry?.detail) {
        case (nil, nil): nil
        case (let a?, nil): a
        case (nil, let b?): "… → " + b
        case (let a?, let b?): a + " → " + b
        }
    }
}

/// The record read and paired.
public struct EntryExitRecordFile: Sendable {
    /// Every crossing, in date order.
    public var crossings: [Crossing]
    /// The first crossing, when it is an entry: the client's arrival, not the end of a trip.
    public var arrival: Crossing?
    public var trips: [RecordTrip]
    public var anomalies: [RecordAnomaly]
    /// Lines that repeat an earlier crossing (same date, direction and columns), ignored: (line, the line it repeats).
    public var repeated: [(line: Int, of: Int)]
}

/// What reading failed on: lines it cannot read (nothing of the file is used then).
public enum EntryExitReadError: Error, Sendable, Hashable {
    /// The bytes are not text (a NUL byte, or neither UTF-8 nor UTF-16 with its mark).
    case notText
    /// No crossing at all.
    case empty
    /// These lines cannot be read.
    case lines([RecordLineProblem])

    /// The error as a sentence.
    public var message: Message {
        switch self {
        case .notText: Message("entry-exit-import.error.not-text")
        case .empty: Message("entry-exit-import.error.empty")
        case .lines(let problems):
            Message("entry-exit-import.error.lines",
                    ["count": .int(problems.count),
                     "list": .list(problems.prefix(20).map {
                         .message(Message("entry-exit-import.error.line", ["line": .int($0.line), "reason": .message($0.reason)]))
                     })])
        }
    }
}

/// Reads an Entry-Exit Record: CSV, TSV, `;`-separated or column-aligned text, with or without a
/// header in Turkish or English, dates as `DD.MM.YYYY` or `YYYY-MM-DD` (a time after the date is
/// ignored), directions as Giriş/Çıkış, Giris/Cikis, Entry/Exit, G/Ç in any case.
public enum EntryExitReader {
    /// Decodes the file's bytes as text: UTF-8 (with or without its mark) or UTF-16 with its mark.
    public static func text(from bytes: [UInt8]) throws(EntryExitReadError) -> String {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            let little = bytes[0] == 0xFF
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { i in
                little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            }
            guard let s = String(validating: units, as: UTF16.self), !s.unicodeScalars.contains("\0") else { throw .notText }
            return s
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard !body.contains(0), let s = String(validating: body, as: UTF8.self) else { throw .notText }
        return s
    }

    /// Reads and pairs the record's text.
    public static func read(_ text: String) throws(EntryExitReadError) -> EntryExitRecordFile {
        // A pasted record may start with a byte-order mark (the file reader strips it from bytes).
        let lines = splitLines(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        let nonEmpty = lines.enumerated().filter { !$0.element.trimmingWhitespace().isEmpty }
        guard let firstLine = nonEmpty.first else { throw .empty }
        let separator = detectSeparator(nonEmpty.prefix(5).map(\.element))
        var dateColumn: Int?, directionColumn: Int?
        var startIndex = 0
        // A header names the columns; without one, the first data line shows where date and direction stand.
        let firstFields = split(firstLine.element, separator)
        if let header = headerColumns(firstFields) {
            dateColumn = header.date; directionColumn = header.direction; startIndex = 1
        } else if !firstFields.contains(where: { (try? parseDate($0)) != nil || direction($0) != nil }) {
            // A header in other words: neither a date nor a direction on it; the columns are found on the first data line.
            // A first line with a direction but a bad date is a record line, and is reported as unreadable.
            startIndex = 1
        }
        var crossings: [Crossing] = []
        var problems: [RecordLineProblem] = []
        for (offset, line) in nonEmpty.dropFirst(startIndex) {
            let number = offset + 1
            let fields = split(line, separator)
            if dateColumn == nil || directionColumn == nil {
                dateColumn = fields.firstIndex { (try? parseDate($0)) != nil }
                directionColumn = fields.firstIndex { direction($0) != nil }
                if dateColumn == nil || directionColumn == nil {
                    problems.append(RecordLineProblem(line: number, reason: dateColumn == nil
                        ? Message("entry-exit-import.error.no-date") : Message("entry-exit-import.error.no-direction")))
                    dateColumn = nil; directionColumn = nil
                    continue
                }
            }
            guard let dc = dateColumn, let rc = directionColumn else { continue }
            guard fields.count > max(dc, rc) else {
                problems.append(RecordLineProblem(line: number, reason: Message("entry-exit-import.error.columns",
                                                                                 ["expected": .int(max(dc, rc) + 1), "found": .int(fields.count)])))
                continue
            }
            let date: CivilDate
            do { date = try parseDate(fields[dc]) } catch {
                problems.append(RecordLineProblem(line: number, reason: Message("entry-exit-import.error.date",
                                                                                 ["text": .text(fields[dc]), "reason": .message(error.reason)])))
                continue
            }
            guard let dir = direction(fields[rc]) else {
                problems.append(RecordLineProblem(line: number, reason: Message("entry-exit-import.error.direction", ["text": .text(fields[rc])])))
                continue
            }
            let rest = fields.enumerated().filter { $0.offset != dc && $0.offset != rc }.map { $0.element.trimmingSpaces() }.filter { !$0.isEmpty }
            crossings.append(Crossing(line: number, date: date, direction: dir, detail: rest.isEmpty ? nil : rest.joined(separator: " · ")))
        }
        guard problems.isEmpty else { throw .lines(problems) }
        guard !crossings.isEmpty else { throw .empty }
        // A record pasted twice, or a line copied twice, repeats crossings: each is kept once, and said.
        var seen: [String: Int] = [:], unique: [Crossing] = [], repeated: [(line: Int, of: Int)] = []
        for c in crossings {
            let key = c.date.iso + c.direction.rawValue + (c.detail ?? "")
            if let first = seen[key] { repeated.append((c.line, first)) } else { seen[key] = c.line; unique.append(c) }
        }
        var file = pair(unique)
        file.repeated = repeated
        return file
    }

    /// Sorts the crossings by date and pairs each exit with the next entry; two crossings in the same
    /// direction in a row are anomalies, and no trip is made of either (decision 0029).
    public static func pair(_ input: [Crossing]) -> EntryExitRecordFile {
        // On one date, the crossings keep the file's order, read backwards when the file runs newest first
        // (its first line is later than its last): a same-day trip pairs either way, and two crossings in the
        // same direction stay an anomaly rather than being reordered into a trip.
        let inFileOrder = input.sorted { $0.line < $1.line }
        let newestFirst = (inFileOrder.first?.date ?? CivilDate(dayNumber: 0)) > (inFileOrder.last?.date ?? CivilDate(dayNumber: 0))
        let ordered = input.sorted { a, b in
            a.date != b.date ? a.date < b.date : (newestFirst ? a.line > b.line : a.line < b.line)
        }
        var trips: [RecordTrip] = [], anomalies: [RecordAnomaly] = []
        var arrival: Crossing?
        var openExit: Crossing?
        var previous: Crossing?
        for (i, c) in ordered.enumerated() {
            switch c.direction {
            case .exit:
                if let prior = openExit { anomalies.append(RecordAnomaly(first: prior, second: c)) }
                openExit = c
            case .entry:
                if let exit = openExit {
                    trips.append(RecordTrip(exit: exit, entry: c)); openExit = nil
                } else if i == 0 {
                    arrival = c
                } else if let prior = previous {
                    anomalies.append(RecordAnomaly(first: prior, second: c))
                }
            }
            previous = c
        }
        if let exit = openExit { trips.append(RecordTrip(exit: exit, entry: nil)) }
        // No trip is made of a crossing an anomaly names: which of the two is wrong, and where the missing
        // crossing belongs, only the record's holder can say (nothing is guessed).
        let doubtful = Set(anomalies.flatMap { [$0.first.line, $0.second.line] })
        trips.removeAll { doubtful.contains($0.exit.line) || ($0.entry.map { doubtful.contains($0.line) } ?? false) }
        return EntryExitRecordFile(crossings: ordered, arrival: arrival, trips: trips, anomalies: anomalies, repeated: [])
    }

    /// A date, `DD.MM.YYYY` or `YYYY-MM-DD`, with any time after it ignored.
    static func parseDate(_ field: String) throws(DateParseError) -> CivilDate {
        let s = field.trimmingWhitespace()
        let datePart = s.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? s
        return try CivilDate.parse(datePart)
    }

    /// The direction a field names, or nil.
    static func direction(_ field: String) -> CrossingDirection? {
        switch fold(field) {
        case "giris", "entry", "g", "in": .entry  // lint:allow-literal words of the record, not of the UI
        case "cikis", "exit", "c", "out": .exit  // lint:allow-literal words of the record, not of the UI
        default: nil
        }
    }

    /// The header's date and direction columns, when the line is a header.
    static func headerColumns(_ fields: [String]) -> (date: Int, direction: Int)? {
        let folded = fields.map(fold)
        guard let date = folded.firstIndex(where: { ["tarih", "date", "giris-cikis tarihi", "islem tarihi"].contains($0) }),  // lint:allow-literal header words
              let direction = folded.firstIndex(where: { ["yon", "direction", "giris/cikis", "islem", "tur", "type"].contains($0) })  // lint:allow-literal header words
        else { return nil }
        return (date, direction)
    }

    /// Lower case without Turkish or Latin marks, for matching words of the record.
    static func fold(_ s: String) -> String {
        var out = ""
        for scalar in s.trimmingWhitespace().unicodeScalars {
            switch scalar {
            case "İ", "I", "ı", "i", "Î", "î": out.append("i")
            case "Ç", "ç": out.append("c")
            case "Ş", "ş": out.append("s")
            case "Ğ", "ğ": out.append("g")
            case "Ö", "ö": out.append("o")
            case "Ü", "ü", "Û", "û": out.append("u")
            case "Â", "â": out.append("a")
            default: out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return out
    }

    enum Separator: Equatable { case char(Character), spaces }

    static func splitLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
    }

    /// Tab, `;` or `,` when the first lines hold one; otherwise columns set apart by two or more spaces.
    static func detectSeparator(_ lines: [String]) -> Separator {
        for c: Character in ["\t", ";", ","] where lines.allSatisfy({ $0.contains(c) }) { return .char(c) }
        for c: Character in ["\t", ";", ","] where lines.contains(where: { $0.contains(c) }) { return .char(c) }
        return .spaces
    }

    /// The fields of one line; a field in double quotes may hold the separator (`""` is a quote).
    static func split(_ line: String, _ separator: Separator) -> [String] {
        switch separator {
        case .spaces:
            var fields: [String] = [], current = "", spaces = 0
            for ch in line.trimmingSpaces() {
                if ch == " " { spaces += 1; continue }
                if spaces >= 2 { fields.append(current); current = "" } else if spaces == 1 { current.append(" ") }
                spaces = 0
                current.append(ch)
            }
            fields.append(current)
            return fields
        case .char(let sep):
            var fields: [String] = [], current = "", quoted = false, pendingQuote = false
            for ch in line {
                if quoted {
                    if pendingQuote {
                        pendingQuote = false
                        if ch == "\"" { current.append("\""); continue }
                        quoted = false
                    } else if ch == "\"" { pendingQuote = true; continue } else { current.append(ch); continue }
                }
                if ch == sep { fields.append(current.trimmingSpaces()); current = "" } else if ch == "\"" && current.trimmingSpaces().isEmpty { quoted = true; current = "" } else { current.append(ch) }
            }
            fields.append(current.trimmingSpaces())
            return fields
        }
    }
}

/// The difference between the record's trips and the trips on file.
public struct TripImportDiff: Sendable {
    /// A record trip and the trip on file it matches (by index in `client.trips`).
    public struct Match: Sendable, Hashable {
        public var recorded: Int
        public var record: RecordTrip
    }
    /// Record trips with no trip on file.
    public var new: [RecordTrip]
    /// Trips on file the record shows with the same dates.
    public var identical: [Match]
    /// Trips on file the record shows with other dates (same exit, other entry; overlapping periods).
    public var conflicts: [Match]
    /// Trips on file the record does not show (by index), left as they are.
    public var notInRecord: [Int]

    /// Whether applying would change anything.
    public var changesSomething: Bool { !new.isEmpty || !conflicts.isEmpty }

    /// Compares the record's trips with the trips on file. A record trip matches the trip on file
    /// with the same exit, else the same entry, else the first one whose period overlaps it.
    public init(record: [RecordTrip], recorded: [Trip]) {
        var taken = Set<Int>()
        var assigned = [Int?](repeating: nil, count: record.count)
        let far = CivilDate(dayNumber: Int.max / 4)
        // Three passes over all record trips, so that a weaker match (overlap) never takes a trip on file that
        // another record trip matches exactly: same exit first, then same entry, then overlapping dates.
        let passes: [(RecordTrip, Trip) -> Bool] = [
            { r, t in t.exit == r.exit.date },
            { r, t in t.entry != nil && t.entry == r.entry?.date },
            { r, t in t.exit <= (r.entry?.date ?? far) && r.exit.date <= (t.entry ?? far) },
        ]
        for test in passes {
            for (k, r) in record.enumerated() where assigned[k] == nil {
                if let i = recorded.indices.first(where: { !taken.contains($0) && test(r, recorded[$0]) }) {
                    assigned[k] = i
                    taken.insert(i)
                }
            }
        }
        var new: [RecordTrip] = [], identical: [Match] = [], conflicts: [Match] = []
        for (k, r) in record.enumerated() {
            guard let index = assigned[k] else { new.append(r); continue }
            if recorded[index].exit == r.exit.date && recorded[index].entry == r.entry?.date {
                identical.append(Match(recorded: index, record: r))
            } else {
                conflicts.append(Match(recorded: index, record: r))
            }
        }
        self.new = new; self.identical = identical; self.conflicts = conflicts
        self.notInRecord = recorded.indices.filter { !taken.contains($0) }
    }

    /// The trips after applying: conflicting trips take the record's dates in their place (their exemption
    /// and a note already on file are kept), new trips are appended, nothing is removed.
    public func applied(to trips: [Trip]) -> [Trip] {
        var out = trips
        for m in conflicts {
            out[m.recorded].exit = m.record.exit.date
            out[m.recorded].entry = m.record.entry?.date
            if out[m.recorded].note == nil { out[m.recorded].note = m.record.note }
        }
        // Corrected trips stay where they are and new ones are appended, so the audit trail reads "trip 4 added",
        // not every later trip rewritten (the interchange export sorts trips anyway).
        out += new.map { $0.trip() }
        return out
    }
}

/// A record compared with a client's trips: what applying would do, and the long-term verdict
/// before and after, as lines of facts (the CLI prints them, the TUI shows them for review).
public struct TripImportPlan: Sendable {
    public let record: EntryExitRecordFile
    public let diff: TripImportDiff
    /// The client's trips now, and after applying.
    public let before: [Trip]
    public let after: [Trip]
    /// The validation errors of `after` (see `problems(client:validator:today:)`); empty when not checked.
    public let problems: [ValidationIssue]

    /// The comparison alone, unchecked.
    public init(record: EntryExitRecordFile, trips: [Trip]) {
        self.record = record
        diff = TripImportDiff(record: record.trips, recorded: trips)
        before = trips
        after = diff.applied(to: trips)
        problems = []
    }

    /// The comparison with `client`'s trips, and the trips it gives checked by `validator`: what the CLI and the
    /// TUI review and apply.
    public init(record: EntryExitRecordFile, client: Client, validator: Validator, today: CivilDate) {
        let unchecked = TripImportPlan(record: record, trips: client.trips)
        self.record = record
        diff = unchecked.diff
        before = unchecked.before
        after = unchecked.after
        problems = unchecked.problems(client: client, validator: validator, today: today)
    }

    /// Whether applying may write: the record pairs without anomalies, changes something, and the trips it
    /// gives pass validation.
    public var applicable: Bool { record.anomalies.isEmpty && diff.changesSomething && problems.isEmpty }

    /// The validation errors of the trips after applying (a corrected trip overlapping one the record does not
    /// show, …): while there are any, nothing is applied.
    public func problems(client: Client, validator: Validator, today: CivilDate) -> [ValidationIssue] {
        guard diff.changesSomething else { return [] }
        var edited = client
        edited.trips = after
        return validator.validate(edited, today: today).filter { $0.level == .error && $0.field.hasPrefix("trips") }
    }

    /// The comparison as lines: a heading, then each group with its trips, the anomalies, and the
    /// long-term verdict before and after (docs/rules.md §7).
    public func lines(client: Client, eligibility: EligibilityEngine, today: CivilDate, problems given: [ValidationIssue]? = nil) -> [Message] {
        let problems = given ?? problems
        var out: [Message] = []
        out.append(Message("entry-exit-import.heading", [
            "crossings": .int(record.crossings.count), "trips": .int(record.trips.count), "name": .text(client.name), "client": .text(client.id),
        ]))
        if let arrival = record.arrival {
            out.append(Message("entry-exit-import.arrival", ["date": .date(arrival.date), "line": .int(arrival.line)]))
        }
        func span(_ exit: CivilDate, _ entry: CivilDate?) -> MessageArg {
            .message(entry.map { Message("entry-exit-import.span", ["exit": .date(exit), "entry": .date($0), "days": .int(exit.days(to: $0))]) }
                     ?? Message("entry-exit-import.span-open", ["exit": .date(exit)]))
        }
        func withNote(_ key: String, _ args: [String: MessageArg], note: String?) -> Message {
            Message(key, args.merging(["note": .text(note ?? "")]) { a, _ in a })
        }
        out.append(Message("entry-exit-import.group.new", ["count": .int(diff.new.count)]))
        for t in diff.new {
            out.append(withNote("entry-exit-import.item.new", ["span": span(t.exit.date, t.entry?.date), "line": .int(t.exit.line)], note: t.note))
        }
        out.append(Message("entry-exit-import.group.conflicts", ["count": .int(diff.conflicts.count)]))
        for m in diff.conflicts {
            let onFile = before[m.recorded]
            out.append(Message("entry-exit-import.item.conflict", [
                "file": span(onFile.exit, onFile.entry), "record": span(m.record.exit.date, m.record.entry?.date), "line": .int(m.record.exit.line),
                "exempt": onFile.exempt.map { .message(Message("entry-exit-import.exempt-kept", ["exemption": $0.term])) } ?? .text(""),
            ]))
        }
        out.append(Message("entry-exit-import.group.identical", ["count": .int(diff.identical.count)]))
        for m in diff.identical {
            out.append(Message("entry-exit-import.item.identical", ["span": span(m.record.exit.date, m.record.entry?.date)]))
        }
        out.append(Message("entry-exit-import.group.not-in-record", ["count": .int(diff.notInRecord.count)]))
        for i in diff.notInRecord {
            out.append(Message("entry-exit-import.item.not-in-record", ["span": span(before[i].exit, before[i].entry)]))
        }
        if !record.repeated.isEmpty {
            out.append(Message("entry-exit-import.repeated", [
                "count": .int(record.repeated.count),
                "list": .list(record.repeated.prefix(20).map { .message(Message("entry-exit-import.repeated-line", ["line": .int($0.line), "of": .int($0.of)])) }),
            ]))
        }
        if !record.anomalies.isEmpty {
            out.append(Message("entry-exit-import.group.anomalies", ["count": .int(record.anomalies.count)]))
            out += record.anomalies.map { Message("entry-exit-import.item.anomaly", ["anomaly": .message($0.message)]) }
        }
        if !problems.isEmpty {
            out.append(Message("entry-exit-import.group.problems", ["count": .int(problems.count)]))
            out += problems.map { Message("entry-exit-import.item.problem", ["problem": .message($0.full)]) }
        }
        func earliest(_ r: EligibilityReport) -> MessageArg { r.earliestEligibleDate.map { .date($0) } ?? .term("entry-exit-import.no-date") }
        let was = eligibility.evaluate(client, today: today)
        // A verdict "with the record" would rest on the trips left out around the anomalies: none is given.
        guard record.anomalies.isEmpty else {
            out.append(Message("entry-exit-import.verdict-unknown", ["before": was.verdict.term, "earliestBefore": earliest(was), "date": .date(today)]))
            return out
        }
        var edited = client
        edited.trips = after
        let will = eligibility.evaluate(edited, today: today)
        out.append(Message(diff.changesSomething ? "entry-exit-import.verdict-change" : "entry-exit-import.verdict-same", [
            "before": was.verdict.term, "after": will.verdict.term, "earliestBefore": earliest(was), "earliestAfter": earliest(will),
            "date": .date(today),
        ]))
        return out
    }
}

extension String {
    /// Without the spaces and tabs at either end: a record's columns are padded with them. Other
    /// characters (a line separator, a control character) are data and stay.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
