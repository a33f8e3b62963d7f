import Foundation
import IkametCore
import IkametInterchange
import IkametStore

/// The libFuzzer entry point (built only by `scripts/reliability/fuzz-coverage`, with
/// `-sanitize=fuzzer,address`). The first byte picks the target; the rest is the input:
/// 0 the interchange reader (fast reader against JSONDecoder on every client, and the whole
/// file against JSONDecoder), 1 the date parser, 2 the appointment time parser, 3 the
/// foreigner-id check, 4 the import path into an in-memory store. A disagreement or a
/// broken promise traps, which libFuzzer reports as a crash with its input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let target = bytes[0] % 5
    let data = Data(bytes[1...])
    switch target {
    case 0: interchange(data)
    case 1: dates(data)
    case 2: times(data)
    case 3: foreignerIds(data)
    default: importIntoStore(data)
    }
    return 0
}

func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz: " + message()) }
}

/// The fast reader accepts only what JSONDecoder accepts, with the same value; the whole-file
/// reader accepts only a file JSONDecoder accepts (plus our own refusals: unknown keys, duplicate ids).
func interchange(_ data: Data) {
    let decoder = JSONDecoder()
    // Per client object: the fast reader against JSONDecoder.
    let fast = data.withUnsafeBytes { ClientJSON.decode($0) }
    let slow = try? decoder.decode(Client.self, from: data)
    if let fast {
        require(slow != nil, "the fast reader accepted a client JSONDecoder refuses")
        require(slow.map(Interchange.canonical) == Interchange.canonical(fast), "the two readers read different clients")
    }
    // The whole file.
    do {
        let file = try Interchange.decode(data)
        guard let plain = try? decoder.decode(InterchangeFile.self, from: data) else {
            return require(false, "Interchange.decode accepted a file JSONDecoder refuses")
        }
        require(plain.clients.map(Interchange.canonical) == file.clients.map(Interchange.canonical), "whole-file readers disagree")
        // What is written reads back the same.
        if let encoded = try? Interchange.encode(file.clients) {
            let again = try? Interchange.decode(encoded)
            require(again?.clients.map(Interchange.canonical) == file.clients.map(Interchange.canonical), "export does not read back")
        }
    } catch {
        // The same decision as JSONDecoder, but for this format's own refusals: an unknown key,
        // a duplicate id, another format tag (each named in the error).
        if let plain = try? decoder.decode(InterchangeFile.self, from: data), plain.format == InterchangeFile.formatTag,
           Set(plain.clients.map(\.id)).count == plain.clients.count,
           let tree = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let clients = tree["clients"] as? [Any], clients.allSatisfy({ Interchange.firstUnknownKey(inClient: $0) == nil }),
           Set(tree.keys).isSubset(of: ["format", "clients"]) {
            require(false, "Interchange.decode refused a file JSONDecoder accepts: \(MessageCodec.encode(error.full))")
        }
    }
}

func dates(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    if let date = try? CivilDate.parse(text) {
        require((try? CivilDate.parse(date.iso)) == date, "a parsed date does not round-trip: \(date.iso)")
        require(CivilDate(dayNumber: date.dayNumber) == date, "day number round trip")
    }
}

func times(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    if let time = try? LocalDateTime.parse(text) {
        require((try? LocalDateTime.parse(time.description)) == time, "a parsed time does not round-trip")
    }
}

func foreignerIds(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    switch ForeignerId.check(text) {
    case .valid, .checksumMismatch: require(text.utf8.count == 11 && text.hasPrefix("99"), "accepted a malformed id")
    case .invalid: break
    }
}

/// The import path: all or nothing, and only what the reader accepts.
func importIntoStore(_ data: Data) {
    guard let store = try? OfficeStore.inMemory() else { return }
    let actor = Actor(user: "FUZZ", timestamp: "2026-11-23T10:00:00+03:00")
    let today = CivilDate(year: 2026, month: 11, day: 23) ?? CivilDate(dayNumber: 0)
    let accepted = (try? Interchange.decode(data)) != nil
    do {
        _ = try store.importInterchange(data, by: actor, today: today)
        require(accepted, "the store imported a file the reader refuses")
    } catch {
        require((try? store.clientCount()) == 0, "a refused import left clients behind")
    }
}

/// libFuzzer's driver, called from the program's entry point: SwiftPM names an executable's
/// entry point after its module (`ikamet_fuzz_main`), so libFuzzer's own `main` is not used.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafeRawPointer?, Int) -> CInt) -> CInt

@_cdecl("ikamet_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzOneInput(data, size)
    }
}
