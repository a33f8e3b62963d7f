import IkametCore

/// A deterministic pseudo-random generator (SplitMix64), so a seed always gives the same caseload.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Realistic synthetic caseloads for benchmarks: per client 1–12 years of
/// permits of mixed types, 0–60 trips, 1–3 applications with checklists in
/// all states.
enum SyntheticCaseload {
    static let givenNames = ["Ayşe", "Mehmet", "Olga", "Ivan", "Fatima", "Ahmad", "Maryam", "Li", "Wei", "Anna", "John", "Sara",
                             "Hans", "Yuki", "Omar", "Leyla", "Dmitri", "Zeynep", "Ali", "Elena", "Reza", "Hiroshi", "Nour", "Giulia"]
    static let familyNames = ["Yılmaz", "Petrova", "Ivanov", "Al-Hassan", "Karimi", "Wang", "Müller", "Smith", "Tanaka",
                              "Haddad", "Rossi", "Schmidt", "Öztürk", "Kuznetsova", "Rahimi", "Chen", "Novak", "Şahin"]
    static let nationalities = ["DE", "RU", "UA", "IR", "IQ", "SY", "CN", "GB", "US", "AZ", "KZ", "IT", "JP", "EG", "AF"]
    static let provinces = ["İstanbul", "Ankara", "İzmir", "Antalya", "Bursa", "Muğla", "Mersin"]
    static let attorneys = ["EK", "MA", "SY", "BT"]
    static let itemIds = ["application-form", "passport-notarized-copy", "photos", "health-insurance", "proof-of-address",
                          "fee-receipts", "sufficient-means", "current-permit-copy"]

    static func generate(count: Int, seed: UInt64, today: CivilDate) -> [Client] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { client(index: $0, today: today, rng: &rng) }
    }

    static func client(index: Int, today: CivilDate, rng: inout SplitMix64) -> Client {
        func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &rng)] }
        let years = Int.random(in: 1...12, using: &rng)
        var start = today.adding(years: -years).adding(days: Int.random(in: 0...300, using: &rng))
        var permits: [Permit] = []
        let types: [PermitType] = [.shortTerm, .shortTerm, .shortTerm, .family, .student, .workPermit, .humanitarian]
        // Permits follow each other up to the current one (covering today or ending just before).
        while start <= today {
            let type = pick(types)
            let months = type == .humanitarian ? 12 : Int.random(in: 1...2, using: &rng) * 12
            let end = start.adding(months: months).adding(days: -1)
            permits.append(Permit(type: type, start: start, end: end, number: "P\(index)-\(permits.count)", province: pick(provinces)))
            // Sometimes a gap before the next permit.
            start = end.adding(days: Int.random(in: 0..<10, using: &rng) == 0 ? Int.random(in: 2...40, using: &rng) : 1)
            if permits.count > 10 { break }
        }
        if Int.random(in: 0..<20, using: &rng) == 0 {
            permits.append(Permit(type: .longTerm, start: start, end: nil, number: "LT\(index)", province: pick(provinces)))
        }
        let first = permits.first?.start ?? today
        var trips: [Trip] = []
        var cursor = first.adding(days: Int.random(in: 5...60, using: &rng))
        let tripCount = Int.random(in: 0...60, using: &rng)
        while trips.count < tripCount && cursor < today {
            let length = Int.random(in: 1...(Int.random(in: 0..<15, using: &rng) == 0 ? 200 : 25), using: &rng)
            let entry = cursor.adding(days: length)
            trips.append(Trip(exit: cursor, entry: entry > today ? nil : entry,
                              exempt: Int.random(in: 0..<40, using: &rng) == 0 ? .health : nil))
            if entry > today { break }
            cursor = entry.adding(days: Int.random(in: 10...(max(11, 365 * years / max(tripCount, 1))), using: &rng))
        }
        var applications: [Application] = []
        let appCount = Int.random(in: 1...3, using: &rng)
        let states = ChecklistState.allCases
        for a in 0..<appCount {
            // Earlier applications are decided; the latest one is in any state, most often decided.
            let latest = a == appCount - 1
            let status: ApplicationStatus = latest
                ? pick([.approved, .approved, .approved, .approved, .rejected, .withdrawn, .draft, .submitted, .documentsMailed,
                        .appointmentBooked, .inReview, .inReview])
                : pick([.approved, .approved, .approved, .rejected, .withdrawn])
            let age = latest ? Int.random(in: 0...150, using: &rng) : 150 + 365 * (appCount - 1 - a) + Int.random(in: 0...200, using: &rng)
            let submitted = status == .draft ? nil : today.adding(days: -age)
            let checklist = itemIds.map { item -> ChecklistEntry in
                var state = status.isPending || status == .draft ? pick(states) : pick([ChecklistState.submitted, .submitted, .submitted, .waived])
                if state == .certified && !(item == "passport-notarized-copy" || item == "current-permit-copy") { state = .received }
                return ChecklistEntry(item: item, state: state, by: state == .missing ? nil : pick(["PL", "ZT"]),
                                      at: state == .missing ? nil : (submitted ?? today).adding(days: -Int.random(in: 0...20, using: &rng)),
                                      note: state == .waived ? "waived by the directorate" : nil)
            }
            let decided = (status == .approved || status == .rejected) ? submitted.map { min($0.adding(days: Int.random(in: 20...90, using: &rng)), today) } : nil
            let delivery: Delivery = Int.random(in: 0..<5, using: &rng) == 0 ? .appointment : .mail
            // Documents go out within the week in most offices; a few are late.
            let mailedLate = Int.random(in: 0..<25, using: &rng) == 0
            let mailed: CivilDate? = (delivery == .mail && status != .draft && status != .submitted) || (status == .submitted && !mailedLate && age > 7)
                ? submitted.map { min($0.adding(days: Int.random(in: 1...4, using: &rng)), today) } : nil
            let appointment = status == .appointmentBooked || Int.random(in: 0..<12, using: &rng) == 0
                ? LocalDateTime(date: today.adding(days: Int.random(in: -10...40, using: &rng)), hour: 9 + Int.random(in: 0...7, using: &rng), minute: 30) : nil
            applications.append(Application(
                id: "A\(a + 1)", kind: a == 0 ? .first : pick([.extension, .extension, .extension, .transfer]),
                permitType: permits.last?.type == .longTerm ? .shortTerm : (permits.last?.type ?? .shortTerm),
                status: status, submitted: submitted, delivery: delivery, mailed: mailed,
                appointment: appointment, decided: decided, filedBy: pick([.attorney, .attorney, .client, .legalRepresentative, .intermediary]),
                checklist: checklist,
                cardReceived: status == .approved && (decided.map { $0.days(to: today) > 40 } ?? false || Int.random(in: 0..<3, using: &rng) != 0)
                    ? decided.map { min($0.adding(days: 18), today) } : nil))
        }
        var longTerm = LongTermFile()
        if years >= 8 && Int.random(in: 0..<3, using: &rng) == 0 {
            let online = today.adding(days: -Int.random(in: 10...200, using: &rng))
            applications.append(Application(id: "LT", kind: .longTerm, permitType: .longTerm, status: .inReview, submitted: online,
                                            delivery: .appointment, filedBy: .attorney, steps: LongTermSteps(online: online)))
            longTerm.entryExitRecord = EntryExitRecord(requested: online.adding(days: 7))
        }
        let birth = today.adding(years: -Int.random(in: 18...70, using: &rng)).adding(days: -Int.random(in: 0...364, using: &rng))
        return Client(
            id: String(format: "S%07d", index + 1), name: "\(pick(givenNames)) \(pick(familyNames))", nationality: pick(nationalities),
            birthDate: birth, foreignerId: foreignerId(index), passport: Passport(number: "X\(100_000 + index)", expires: today.adding(days: Int.random(in: 30...3000, using: &rng))),
            phone: "+90 5\(Int.random(in: 10...59, using: &rng)) \(Int.random(in: 100...999, using: &rng)) \(Int.random(in: 1000...9999, using: &rng))",
            email: nil, address: "\(pick(provinces)) \(Int.random(in: 1...200, using: &rng)). Sokak", province: pick(provinces),
            attorney: pick(attorneys), notes: "", permits: permits, trips: trips, longTerm: longTerm,
            applications: applications,
            powerOfAttorney: Int.random(in: 0..<3, using: &rng) == 0 ? PowerOfAttorney(date: first, notary: "Beyoğlu 12. Noterliği", expires: today.adding(days: Int.random(in: -30...700, using: &rng))) : nil)
    }

    /// A foreigner id with a valid checksum, derived from the index.
    static func foreignerId(_ index: Int) -> String {
        var d = [9, 9] + String(format: "%07d", index % 10_000_000).compactMap { $0.wholeNumberValue }
        let odd = d[0] + d[2] + d[4] + d[6] + d[8], even = d[1] + d[3] + d[5] + d[7]
        d.append(((7 * odd - even) % 10 + 10) % 10)
        d.append(d.reduce(0, +) % 10)
        return d.map(String.init).joined()
    }
}
