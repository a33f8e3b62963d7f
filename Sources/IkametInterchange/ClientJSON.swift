import Foundation
import IkametCore

/// A fast reader and writer of the `ikamet/1` client object, used where
/// hundreds of thousands of clients are read or written (import, export, the
/// store's records). It writes the canonical form (keys sorted, compact) and
/// reads what it writes; anything it does not understand is left to
/// `JSONDecoder`, which then gives the precise error. Tests check both agree.
public enum ClientJSON {
    // MARK: Writing

    /// The canonical compact JSON of a client (keys sorted, lists in canonical order).
    public static func encode(_ client: Client) -> [UInt8] {
        var w = Writer()
        w.client(Interchange.canonical(client))
        return w.out
    }

    /// Appends `s` as a JSON string literal (the same escaping as JSONEncoder).
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        var w = Writer()
        swap(&w.out, &out)
        w.string(s)
        swap(&w.out, &out)
    }

    struct Writer {
        var out: [UInt8] = []

        init() { out.reserveCapacity(4096) }

        mutating func raw(_ s: StaticString) {
            s.withUTF8Buffer { out.append(contentsOf: $0) }
        }

        mutating func string(_ s: String) {
            out.append(0x22)
            for b in s.utf8 { JSONEscaping.append(b, to: &out) }
            out.append(0x22)
        }

        mutating func optional(_ s: String?) { if let s { string(s) } else { raw("null") } }
        mutating func date(_ d: CivilDate?) { if let d { string(d.iso) } else { raw("null") } }

        /// Writes `"key":` (with a leading comma unless first).
        mutating func key(_ k: StaticString, first: Bool = false) {
            if !first { out.append(0x2C) }
            out.append(0x22)
            k.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(0x22); out.append(0x3A)
        }

        mutating func array<T>(_ items: [T], _ element: (inout Writer, T) -> Void) {
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                element(&self, item)
            }
            out.append(0x5D)
        }

        // Keys in sorted (byte) order, as JSONEncoder's .sortedKeys writes them.
        mutating func client(_ c: Client) {
            out.append(0x7B)
            key("address", first: true); optional(c.address)
            key("applications"); array(c.applications) { $0.application($1) }
            key("attorney"); optional(c.attorney)
            key("birthDate"); date(c.birthDate)
            if let v = c.birthPlace { key("birthPlace"); string(v) }
            if let closed = c.closed {
                key("closed"); out.append(0x7B)
                key("date", first: true); date(closed.date)
                key("note"); optional(closed.note)
                key("reason"); string(closed.reason.rawValue)
                out.append(0x7D)
            }
            key("email"); optional(c.email)
            if let v = c.fatherName { key("fatherName"); string(v) }
            key("foreignerId"); optional(c.foreignerId)
            key("id"); string(c.id)
            key("longTerm"); longTerm(c.longTerm)
            if let v = c.maritalStatus { key("maritalStatus"); string(v.rawValue) }
            if let v = c.motherName { key("motherName"); string(v) }
            key("name"); string(c.name)
            key("nationality"); optional(c.nationality)
            key("notes"); string(c.notes)
            key("passport"); out.append(0x7B)
            key("expires", first: true); date(c.passport.expires)
            key("number"); optional(c.passport.number); out.append(0x7D)
            key("permits"); array(c.permits) { $0.permit($1) }
            key("phone"); optional(c.phone)
            if let poa = c.powerOfAttorney {
                key("powerOfAttorney"); out.append(0x7B)
                var first = true
                if let d = poa.date { key("date", first: first); date(d); first = false }
                if let e = poa.expires { key("expires", first: first); date(e); first = false }
                if let n = poa.notary { key("notary", first: first); string(n); first = false }
                out.append(0x7D)
            }
            key("province"); optional(c.province)
            if let v = c.sex { key("sex"); string(v.rawValue) }
            switch c.supporter {
            case nil: break
            case .client(let id)?:
                key("supporter"); out.append(0x7B); key("client", first: true); string(id); out.append(0x7D)
            case let .person(name, end, citizen)?:
                key("supporter"); out.append(0x7B); key("citizen", first: true); raw(citizen ? "true" : "false")
                key("name"); string(name); key("permitEnd"); date(end); out.append(0x7D)
            }
            key("trips"); array(c.trips) { w, t in
                w.out.append(0x7B)
                w.key("entry", first: true); w.date(t.entry)
                w.key("exempt"); w.optional(t.exempt?.rawValue)
                w.key("exit"); w.date(t.exit)
                if let n = t.note { w.key("note"); w.string(n) }
                w.out.append(0x7D)
            }
            out.append(0x7D)
        }

        mutating func permit(_ p: Permit) {
            out.append(0x7B)
            var first = true
            if let e = p.end { key("end", first: first); date(e); first = false }
            if let n = p.number { key("number", first: first); string(n); first = false }
            if let pr = p.province { key("province", first: first); string(pr); first = false }
            key("start", first: first); date(p.start)
            key("type"); string(p.type.rawValue)
            out.append(0x7D)
        }

        mutating func longTerm(_ l: LongTermFile) {
            out.append(0x7B)
            key("entryExitRecord", first: true); out.append(0x7B)
            key("received", first: true); date(l.entryExitRecord.received)
            key("requested"); date(l.entryExitRecord.requested)
            key("result"); optional(l.entryExitRecord.result?.rawValue)
            out.append(0x7D)
            key("income"); string(l.income.rawValue)
            key("insurance"); string(l.insurance.rawValue)
            key("publicAid"); string(l.publicAid.rawValue)
            key("publicOrder"); string(l.publicOrder.rawValue)
            out.append(0x7D)
        }

        mutating func application(_ a: Application) {
            out.append(0x7B)
            key("appointment", first: true); optional(a.appointment?.description)
            if let c = a.cardReceived { key("cardReceived"); date(c) }
            key("checklist"); array(a.checklist) { w, e in
                w.out.append(0x7B)
                w.key("at", first: true); w.date(e.at)
                w.key("by"); w.optional(e.by)
                w.key("item"); w.string(e.item)
                w.key("note"); w.optional(e.note)
                w.key("state"); w.string(e.state.rawValue)
                w.out.append(0x7D)
            }
            key("decided"); date(a.decided)
            key("delivery"); string(a.delivery.rawValue)
            if let d = a.documentsCompleted { key("documentsCompleted"); date(d) }
            if let d = a.documentsRequested { key("documentsRequested"); date(d) }
            if let e = a.exitDocument { key("exitDocument"); date(e) }
            key("filedBy"); string(a.filedBy.rawValue)
            key("id"); string(a.id)
            key("kind"); string(a.kind.rawValue)
            key("mailed"); date(a.mailed)
            if let n = a.number { key("number"); string(n) }
            key("permitType"); string(a.permitType.rawValue)
            if let d = a.requestedEnd { key("requestedEnd"); date(d) }
            if let s = a.snapshot { key("snapshot"); snapshot(s) }
            key("status"); string(a.status.rawValue)
            if let s = a.steps {
                key("steps"); out.append(0x7B)
                var first = true
                if let d = s.appointment { key("appointment", first: first); date(d); first = false }
                if let d = s.online { key("online", first: first); date(d); first = false }
                if let d = s.packageSubmitted { key("packageSubmitted", first: first); date(d); first = false }
                if let d = s.reviewStarted { key("reviewStarted", first: first); date(d); first = false }
                out.append(0x7D)
            }
            key("submitted"); date(a.submitted)
            key("tracking"); optional(a.tracking)
            out.append(0x7D)
        }

        mutating func snapshot(_ s: SubmissionSnapshot) {
            out.append(0x7B)
            var first = true
            func opt(_ k: StaticString, _ v: String?, _ w: inout Writer) {
                guard let v else { return }
                w.key(k, first: first); w.string(v); first = false
            }
            opt("address", s.address, &self)
            opt("birthDate", s.birthDate?.iso, &self)
            opt("birthPlace", s.birthPlace, &self)
            opt("email", s.email, &self)
            opt("fatherName", s.fatherName, &self)
            opt("foreignerId", s.foreignerId, &self)
            opt("maritalStatus", s.maritalStatus?.rawValue, &self)
            opt("motherName", s.motherName, &self)
            key("name", first: first); string(s.name); first = false
            opt("nationality", s.nationality, &self)
            opt("passportExpires", s.passportExpires?.iso, &self)
            opt("passportNumber", s.passportNumber, &self)
            opt("permitEnd", s.permitEnd?.iso, &self)
            opt("permitNumber", s.permitNumber, &self)
            opt("permitStart", s.permitStart?.iso, &self)
            opt("permitType", s.permitType?.rawValue, &self)
            opt("phone", s.phone, &self)
            opt("sex", s.sex?.rawValue, &self)
            out.append(0x7D)
        }
    }

    // MARK: Reading

    /// Reads a client, or nil when the bytes are not exactly what this reader
    /// understands (then use `JSONDecoder` for the answer and its error).
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> Client? {
        var p = JSONTokenizer(bytes: bytes)
        guard let value = p.value(), p.atEnd(), InterchangeSchema.firstUnknownKey(value) == nil else { return nil }
        return ClientMapper.client(value)
    }

    typealias Value = JSONTokenizer.Value

    /// Key lookup in a parsed object. A repeated key: the first occurrence wins, as in JSONDecoder
    /// (the fuzzer, `ikamet-bench fuzz`, checks that the two readers agree).
    struct Fields {
        let pairs: [(String, Value)]
        subscript(_ key: String) -> Value? {
            for (k, v) in pairs where k == key { return v }
            return nil
        }
    }

    /// Maps parsed values to the model with the same rules as the `Codable` conformances.
    enum ClientMapper {
        static func date(_ v: Value?) -> CivilDate?? {
            // .some(nil): absent or null; nil: invalid.
            guard let v, !v.isNull else { return .some(nil) }
            guard let s = v.string else { return nil }
            // Exactly YYYY-MM-DD, read digit by digit.
            var digits = [Int](repeating: 0, count: 8), k = 0, ok = s.utf8.count == 10
            if ok {
                for (i, b) in s.utf8.enumerated() {
                    if i == 4 || i == 7 {
                        if b != 0x2D { ok = false; break }
                    } else if b >= 0x30 && b <= 0x39 {
                        digits[k] = Int(b - 0x30); k += 1
                    } else { ok = false; break }
                }
            }
            guard ok, let d = CivilDate(year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3],
                                        month: digits[4] * 10 + digits[5], day: digits[6] * 10 + digits[7]) else { return nil }
            return .some(d)
        }

        static func text(_ v: Value?) -> String?? {
            guard let v, !v.isNull else { return .some(nil) }
            guard let s = v.string else { return nil }
            return .some(s)
        }

        static func enumValue<E: RawRepresentable>(_ v: Value?, _: E.Type) -> E?? where E.RawValue == String {
            guard let v, !v.isNull else { return .some(nil) }
            guard let s = v.string, let e = E(rawValue: s) else { return nil }
            return .some(e)
        }

        static func list(_ v: Value?) -> [Value]?? {
            guard let v, !v.isNull else { return .some(nil) }
            guard case .array(let a) = v else { return nil }
            return .some(a)
        }

        static func object(_ v: Value?) -> Fields?? {
            guard let v, !v.isNull else { return .some(nil) }
            guard case .object(let o) = v else { return nil }
            return .some(Fields(pairs: o))
        }

        static func client(_ v: Value) -> Client? {
            guard case .object(let pairs) = v else { return nil }
            let o = Fields(pairs: pairs)
            guard let id = o["id"]?.string, let name = o["name"]?.string else { return nil }
            guard let nationality = text(o["nationality"]), let birthDate = date(o["birthDate"]), let foreignerId = text(o["foreignerId"]),
                  let phone = text(o["phone"]), let email = text(o["email"]), let address = text(o["address"]),
                  let province = text(o["province"]), let attorney = text(o["attorney"]), let notes = text(o["notes"]),
                  let passportObject = object(o["passport"]), let permitList = list(o["permits"]), let tripList = list(o["trips"]),
                  let longTermObject = object(o["longTerm"]), let appList = list(o["applications"]),
                  let poaObject = object(o["powerOfAttorney"]), let fatherName = text(o["fatherName"]),
                  let motherName = text(o["motherName"]), let birthPlace = text(o["birthPlace"]),
                  let sex = enumValue(o["sex"], Sex.self), let marital = enumValue(o["maritalStatus"], MaritalStatus.self),
                  let closedObject = object(o["closed"]) else { return nil }

            var c = Client(id: id, name: name, nationality: nationality, birthDate: birthDate, foreignerId: foreignerId,
                           phone: phone, email: email, address: address, province: province, attorney: attorney, notes: notes ?? "",
                           fatherName: fatherName, motherName: motherName, birthPlace: birthPlace, sex: sex, maritalStatus: marital)
            if let sv = o["supporter"], !sv.isNull {
                // The same rules as `Supporter.init(from:)`: a client alone, or a person (name required, citizen false if absent).
                guard case .object(let sp) = sv, case let s = Fields(pairs: sp) else { return nil }
                if let id = s["client"], !id.isNull {
                    guard let text = id.string, s["name"] == nil, s["permitEnd"] == nil, s["citizen"] == nil else { return nil }
                    c.supporter = .client(text)
                } else {
                    guard let name = s["name"]?.string, let end = date(s["permitEnd"]) else { return nil }
                    var citizen = false
                    if let v = s["citizen"], !v.isNull {
                        guard case .bool(let b) = v else { return nil }
                        citizen = b
                    }
                    c.supporter = .person(name: name, permitEnd: end, citizen: citizen)
                }
            }
            if let k = closedObject {
                guard let d = date(k["date"]), let d, let reason = enumValue(k["reason"], ClosingReason.self), let reason,
                      let note = text(k["note"]) else { return nil }
                c.closed = ClosedFile(date: d, reason: reason, note: note)
            }
            if let p = passportObject {
                guard let number = text(p["number"]), let expires = date(p["expires"]) else { return nil }
                c.passport = Passport(number: number, expires: expires)
            }
            for pv in permitList ?? [] {
                guard case .object(let pp) = pv, case let p = Fields(pairs: pp), let type = enumValue(p["type"], PermitType.self), let type,
                      let start = date(p["start"]), let start, let end = date(p["end"]), let number = text(p["number"]),
                      let province = text(p["province"]) else { return nil }
                c.permits.append(Permit(type: type, start: start, end: end, number: number, province: province))
            }
            for tv in tripList ?? [] {
                guard case .object(let tp) = tv, case let t = Fields(pairs: tp), let exit = date(t["exit"]), let exit, let entry = date(t["entry"]),
                      let exempt = enumValue(t["exempt"], TripExemption.self), let note = text(t["note"]) else { return nil }
                c.trips.append(Trip(exit: exit, entry: entry, exempt: exempt, note: note))
            }
            if let l = longTermObject {
                var file = LongTermFile()
                guard let aid = enumValue(l["publicAid"], ConditionState.self), let income = enumValue(l["income"], ConditionState.self),
                      let insurance = enumValue(l["insurance"], ConditionState.self),
                      let order = enumValue(l["publicOrder"], ConditionState.self),
                      let recordObject = object(l["entryExitRecord"]) else { return nil }
                file.publicAid = aid ?? .unknown; file.income = income ?? .unknown
                file.insurance = insurance ?? .unknown; file.publicOrder = order ?? .unknown
                if let r = recordObject {
                    guard let requested = date(r["requested"]), let received = date(r["received"]),
                          let result = enumValue(r["result"], EntryExitResult.self) else { return nil }
                    file.entryExitRecord = EntryExitRecord(requested: requested, received: received, result: result)
                }
                c.longTerm = file
            }
            for av in appList ?? [] {
                guard let a = application(av) else { return nil }
                c.applications.append(a)
            }
            if let p = poaObject {
                guard let d = date(p["date"]), let notary = text(p["notary"]), let expires = date(p["expires"]) else { return nil }
                c.powerOfAttorney = PowerOfAttorney(date: d, notary: notary, expires: expires)
            }
            return c
        }

        static func application(_ v: Value) -> Application? {
            guard case .object(let pairs) = v, case let o = Fields(pairs: pairs), let id = o["id"]?.string,
                  let kind = enumValue(o["kind"], ApplicationKind.self), let kind,
                  let permitType = enumValue(o["permitType"], PermitType.self), let permitType,
                  let status = enumValue(o["status"], ApplicationStatus.self), let submitted = date(o["submitted"]),
                  let delivery = enumValue(o["delivery"], Delivery.self), let mailed = date(o["mailed"]),
                  let tracking = text(o["tracking"]), let decided = date(o["decided"]),
                  let filedBy = enumValue(o["filedBy"], Filer.self), let checklistList = list(o["checklist"]),
                  let exitDocument = date(o["exitDocument"]), let cardReceived = date(o["cardReceived"]),
                  let stepsObject = object(o["steps"]), let snapshotObject = object(o["snapshot"]),
                  let appointmentText = text(o["appointment"]), let documentsRequested = date(o["documentsRequested"]),
                  let documentsCompleted = date(o["documentsCompleted"]), let requestedEnd = date(o["requestedEnd"]),
                  let number = text(o["number"]) else { return nil }
            var appointment: LocalDateTime?
            if let t = appointmentText {
                guard let a = try? LocalDateTime.parse(t), a.description == t else { return nil }
                appointment = a
            }
            var checklist: [ChecklistEntry] = []
            for ev in checklistList ?? [] {
                guard case .object(let ep) = ev, case let e = Fields(pairs: ep), let item = e["item"]?.string, let state = enumValue(e["state"], ChecklistState.self),
                      let state, let by = text(e["by"]), let at = date(e["at"]), let note = text(e["note"]) else { return nil }
                checklist.append(ChecklistEntry(item: item, state: state, by: by, at: at, note: note))
            }
            var steps: LongTermSteps?
            if let s = stepsObject {
                guard let online = date(s["online"]), let appt = date(s["appointment"]), let package = date(s["packageSubmitted"]),
                      let review = date(s["reviewStarted"]) else { return nil }
                steps = LongTermSteps(online: online, appointment: appt, packageSubmitted: package, reviewStarted: review)
            }
            var snapshot: SubmissionSnapshot?
            if let s = snapshotObject {
                guard let name = s["name"]?.string, let pn = text(s["passportNumber"]), let pe = date(s["passportExpires"]),
                      let address = text(s["address"]), let phone = text(s["phone"]), let email = text(s["email"]),
                      let ptype = enumValue(s["permitType"], PermitType.self), let pnum = text(s["permitNumber"]),
                      let pstart = date(s["permitStart"]), let pend = date(s["permitEnd"]),
                      let father = text(s["fatherName"]), let mother = text(s["motherName"]), let born = date(s["birthDate"]),
                      let place = text(s["birthPlace"]), let sex = enumValue(s["sex"], Sex.self),
                      let marital = enumValue(s["maritalStatus"], MaritalStatus.self), let nat = text(s["nationality"]),
                      let ykn = text(s["foreignerId"]) else { return nil }
                snapshot = SubmissionSnapshot(name: name, fatherName: father, motherName: mother, birthDate: born, birthPlace: place,
                                              sex: sex, maritalStatus: marital, nationality: nat, foreignerId: ykn,
                                              passportNumber: pn, passportExpires: pe, address: address, phone: phone,
                                              email: email, permitType: ptype, permitNumber: pnum, permitStart: pstart, permitEnd: pend)
            }
            return Application(id: id, kind: kind, permitType: permitType, status: status ?? .draft, submitted: submitted,
                               delivery: delivery ?? .mail, mailed: mailed, tracking: tracking, appointment: appointment,
                               decided: decided, filedBy: filedBy ?? .client, checklist: checklist, steps: steps,
                               exitDocument: exitDocument, cardReceived: cardReceived, snapshot: snapshot,
                               documentsRequested: documentsRequested, documentsCompleted: documentsCompleted,
                               requestedEnd: requestedEnd, number: number)
        }
    }
}
