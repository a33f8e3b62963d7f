import Foundation
import IkametCore

/// Rendering straight from the store's encoded facts (`MessageCodec`'s form) into
/// bytes, without building message trees: what the CLI uses to print tens of
/// thousands of agenda rows (docs/performance.md). It gives exactly the text of
/// `render(_:)` and `explanation(_:)` (a test checks it on every demo row in
/// every language), optionally escaped as the inside of a JSON string.
///
/// The templates are one flat table in memory this object owns: every key and
/// segment byte in one pool, the segments as ranges into it, and an open-addressing
/// hash table of keys. A lookup then touches no reference-counted value (the
/// profile's largest cost when each lookup returned arrays).
final class ByteTemplates: @unchecked Sendable {
    /// A literal or a placeholder's name: a range of the pool.
    struct Segment { let start: Int32; let end: Int32; let isPlaceholder: Bool }
    /// A key's hash, its bytes in the pool, and its segments (`keyEnd < 0`: an empty slot).
    struct Slot { var hash: UInt64 = 0; var keyStart: Int32 = 0; var keyEnd: Int32 = -1; var segmentStart: Int32 = 0; var segmentEnd: Int32 = 0 }

    /// Immutable after `init` (written once, then only read, from any thread).
    let pool: UnsafeMutableBufferPointer<UInt8>
    let segments: UnsafeMutableBufferPointer<Segment>
    private let slots: UnsafeMutableBufferPointer<Slot>
    private let mask: Int

    init(_ templates: [String: Template], fallback: [String: Template]?) {
        var all = fallback ?? [:]
        for (k, t) in templates { all[k] = t }
        var poolBytes: [UInt8] = [], segmentList: [Segment] = []
        var capacity = 16
        while capacity < all.count * 2 { capacity *= 2 }
        var table = [Slot](repeating: Slot(), count: capacity)
        func add(_ s: String) -> (Int32, Int32) {
            let start = Int32(poolBytes.count)
            poolBytes.append(contentsOf: s.utf8)
            return (start, Int32(poolBytes.count))
        }
        for (key, t) in all {
            let (ks, ke) = add(key)
            let firstSegment = Int32(segmentList.count)
            for segment in t.segments {
                switch segment {
                case .literal(let s): let (a, b) = add(s); segmentList.append(Segment(start: a, end: b, isPlaceholder: false))
                case .placeholder(let n): let (a, b) = add(n); segmentList.append(Segment(start: a, end: b, isPlaceholder: true))
                }
            }
            let h = poolBytes[Int(ks)..<Int(ke)].withUnsafeBufferPointer { ByteTemplates.hash($0) }
            var i = Int(truncatingIfNeeded: h) & (capacity - 1)
            while table[i].keyEnd >= 0 { i = (i + 1) & (capacity - 1) }
            table[i] = Slot(hash: h, keyStart: ks, keyEnd: ke, segmentStart: firstSegment, segmentEnd: Int32(segmentList.count))
        }
        pool = .allocate(capacity: max(poolBytes.count, 1))
        _ = pool.initialize(from: poolBytes)
        segments = .allocate(capacity: max(segmentList.count, 1))
        _ = segments.initialize(from: segmentList)
        slots = .allocate(capacity: capacity)
        _ = slots.initialize(from: table)
        mask = capacity - 1
    }

    deinit {
        pool.deallocate()
        segments.deallocate()
        slots.deallocate()
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    /// The segments (indexes into `segments`) of the template named `key`, nil when there is none.
    func entry(_ key: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let h = ByteTemplates.hash(key)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            guard slot.keyEnd >= 0 else { return nil }
            if slot.hash == h, Int(slot.keyEnd - slot.keyStart) == key.count,
               sameBytes(pool.baseAddress.map { UnsafePointer($0 + Int(slot.keyStart)) }, key.baseAddress, key.count) {
                return Int(slot.segmentStart)..<Int(slot.segmentEnd)
            }
            i = (i + 1) & mask
        }
    }

    /// The bytes of a segment.
    @inline(__always) func bytes(_ s: Segment) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: pool[Int(s.start)..<Int(s.end)])
    }
}

/// Whether `count` bytes at `a` and `b` are equal.
@inline(__always) func sameBytes(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard count > 0 else { return true }
    guard let a, let b else { return false }
    return memcmp(a, b, count) == 0
}

/// A catalog's byte templates, built when first needed.
final class LazyByteTemplates: @unchecked Sendable {
    private let lock = NSLock()
    private var built: ByteTemplates?
    private let templates: [String: Template], fallback: [String: Template]?

    init(_ templates: [String: Template], fallback: [String: Template]?) { self.templates = templates; self.fallback = fallback }

    var value: ByteTemplates {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let made = ByteTemplates(templates, fallback: fallback)
        built = made
        return made
    }
}

/// Writes rendered text, optionally escaped for the inside of a JSON string.
public struct ByteSink {
    public var out: [UInt8]
    public var jsonEscaped: Bool

    public init(jsonEscaped: Bool, capacity: Int = 1 << 16) {
        out = []
        out.reserveCapacity(capacity)
        self.jsonEscaped = jsonEscaped
    }

    /// Appends one text byte, escaped when the sink escapes.
    @inlinable public mutating func put(_ b: UInt8) {
        if jsonEscaped { JSONEscaping.append(b, to: &out) } else { out.append(b) }
    }

    /// Appends text bytes, escaped when the sink escapes.
    @inlinable public mutating func put<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if !jsonEscaped { out.append(contentsOf: bytes); return }
        // Most text needs no escape: copy it whole unless a byte does.
        if !bytes.contains(where: JSONEscaping.needsEscape) { out.append(contentsOf: bytes); return }
        for b in bytes { put(b) }
    }

    /// Appends bytes as they are (JSON punctuation, already escaped text).
    @inlinable public mutating func raw<C: Collection>(_ bytes: C) where C.Element == UInt8 { out.append(contentsOf: bytes) }
    @inlinable public mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }
    /// Appends text, escaped when the sink escapes.
    @inlinable public mutating func text(_ s: String) { put(s.utf8) }
}

/// What rendering stored facts needs from a catalog, taken once (per batch of rows, not per row).
public struct EncodedRenderer: Sendable {
    let templates: ByteTemplates
    let dotted: Bool
    let listSeparator: [UInt8]

    /// The renderer of `catalog`'s language and date style.
    public init(_ catalog: Catalog) {
        templates = catalog.byteTemplates
        dotted = catalog.dateStyle == .dotted
        listSeparator = catalog.listSeparatorBytes
    }

    /// Renders the message encoded in `facts` (as `MessageCodec.encode` wrote it) into `sink`.
    /// Returns false (writing nothing) when `facts` is not a valid encoding.
    @discardableResult
    public func message(_ facts: UnsafeBufferPointer<UInt8>, into sink: inout ByteSink) -> Bool {
        let r = EncodedReader(bytes: facts, renderer: self)
        guard r.isMessage(at: 0) else { return false }
        let mark = sink.out.count
        guard r.message(at: 0, into: &sink) != nil else { sink.out.removeSubrange(mark...); return false }
        return true
    }

    /// Renders the explanation encoded in `facts` (`MessageCodec.encode(explanation.facts)`) as `explanation(_:)` does.
    /// Returns false (writing nothing) when `facts` is not a valid encoding.
    @discardableResult
    public func explanation(_ facts: UnsafeBufferPointer<UInt8>, into sink: inout ByteSink) -> Bool {
        let r = EncodedReader(bytes: facts, renderer: self)
        let mark = sink.out.count
        guard r.explanation(into: &sink) else { sink.out.removeSubrange(mark...); return false }
        return true
    }
}

extension Catalog {
    /// Renders the message encoded in `facts` (as `MessageCodec.encode` wrote it) into `sink`.
    /// Returns false (writing nothing) when `facts` is not a valid encoding.
    @discardableResult
    public func renderEncoded(_ facts: [UInt8], into sink: inout ByteSink) -> Bool {
        let renderer = EncodedRenderer(self)
        return facts.withUnsafeBufferPointer { renderer.message($0, into: &sink) }
    }

    /// Renders the explanation encoded in `facts` (`MessageCodec.encode(explanation.facts)`) as `explanation(_:)` does.
    @discardableResult
    public func explanationEncoded(_ facts: [UInt8], into sink: inout ByteSink) -> Bool {
        let renderer = EncodedRenderer(self)
        return facts.withUnsafeBufferPointer { renderer.explanation($0, into: &sink) }
    }
}

/// A reader over encoded facts that renders as it parses, over borrowed bytes (no copy, no
/// reference counting in its loops).
struct EncodedReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let renderer: EncodedRenderer
    var templates: ByteTemplates { renderer.templates }

    /// The codec's punctuation: \ { } [ ] | = , ~
    @inline(__always) static func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x7C, 0x3D, 0x2C, 0x7E: true
        default: false
        }
    }

    func isMessage(at i: Int) -> Bool { i < bytes.count && bytes[i] == 0x7B }

    /// The bytes `range` of the facts.
    @inline(__always) func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }

    /// Whether the bytes in `range` are `other`.
    @inline(__always) func equal(_ range: Range<Int>, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == other.count else { return false }
        return sameBytes(bytes.baseAddress.map { $0 + range.lowerBound }, other.baseAddress, other.count)
    }

    /// Whether the bytes in `range` are `other`.
    @inline(__always) func equal(_ range: Range<Int>, _ other: StaticString) -> Bool {
        guard range.count == other.utf8CodeUnitCount else { return false }
        return sameBytes(bytes.baseAddress.map { $0 + range.lowerBound }, other.utf8Start, range.count)
    }

    /// The end of the escaped text starting at `i` (the first unescaped special byte, or the end).
    func textEnd(_ i: Int) -> Int {
        var j = i
        while j < bytes.count {
            let b = bytes[j]
            if b == 0x5C { j += 2; continue }
            if EncodedReader.isSpecial(b) { break }
            j += 1
        }
        return min(j, bytes.count)
    }

    /// Writes escaped text `i ..< end` unescaped.
    func putText(_ i: Int, _ end: Int, _ sink: inout ByteSink) {
        guard i < end else { return }
        let text = slice(i..<end)
        if !text.contains(0x5C) { sink.put(text); return }
        var j = i
        while j < end {
            if bytes[j] == 0x5C, j + 1 < end { sink.put(bytes[j + 1]); j += 2 } else { sink.put(bytes[j]); j += 1 }
        }
    }

    /// The end of the value starting at `i`, or nil when it is malformed.
    func valueEnd(_ i: Int) -> Int? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case 0x7B, 0x5B:
            var depth = 0, j = i
            while j < bytes.count {
                let b = bytes[j]
                if b == 0x5C { j += 2; continue }
                if b == 0x7B || b == 0x5B { depth += 1 } else if b == 0x7D || b == 0x5D { depth -= 1; if depth == 0 { return j + 1 } }
                j += 1
            }
            return nil
        case 0x6F:  // o key ~ fallback
            let k = textEnd(i + 1)
            guard k < bytes.count, bytes[k] == 0x7E else { return nil }
            return textEnd(k + 1)
        default:
            return textEnd(i + 1)
        }
    }

    typealias Args = UnsafeBufferPointer<(Range<Int>, Range<Int>)>
    /// The most arguments a message may have here (the catalogs' templates use at most a handful).
    static let maxArgs = 24

    /// Parses the message at `i` into `args` (stack storage: no allocation per message): its key range,
    /// how many (name, value) ranges, and its end.
    func parse(_ i: Int, into args: UnsafeMutableBufferPointer<(Range<Int>, Range<Int>)>) -> (key: Range<Int>, count: Int, end: Int)? {
        guard isMessage(at: i) else { return nil }
        let keyEnd = textEnd(i + 1)
        var count = 0
        var j = keyEnd
        while j < bytes.count, bytes[j] == 0x7C {
            let nameEnd = textEnd(j + 1)
            guard nameEnd < bytes.count, bytes[nameEnd] == 0x3D, let vEnd = valueEnd(nameEnd + 1), count < args.count else { return nil }
            args[count] = ((j + 1)..<nameEnd, (nameEnd + 1)..<vEnd)
            count += 1
            j = vEnd
        }
        guard j < bytes.count, bytes[j] == 0x7D else { return nil }
        return ((i + 1)..<keyEnd, count, j + 1)
    }

    /// Parses the message at `i` and runs `body` with its key, arguments and end.
    func withMessage<T>(at i: Int, _ body: (Range<Int>, Args, Int) -> T) -> T? {
        withUnsafeTemporaryAllocation(of: (Range<Int>, Range<Int>).self, capacity: EncodedReader.maxArgs) { buffer in
            guard let m = parse(i, into: buffer) else { return nil }
            return body(m.key, Args(rebasing: buffer[0..<m.count]), m.end)
        }
    }

    /// Renders the message at `i`; returns its end.
    func message(at i: Int, into sink: inout ByteSink) -> Int? {
        withMessage(at: i) { key, args, end in
            withKey(key) { render(key: $0, args: args, into: &sink) }
            return end
        }
    }

    /// Runs `body` with the unescaped bytes of the key in `range` (keys rarely hold escapes: in place when they do not).
    func withKey<T>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let key = slice(range)
        guard key.contains(0x5C) else { return body(key) }
        var out: [UInt8] = [], j = range.lowerBound
        while j < range.upperBound {
            if bytes[j] == 0x5C, j + 1 < range.upperBound { out.append(bytes[j + 1]); j += 2 } else { out.append(bytes[j]); j += 1 }
        }
        return out.withUnsafeBufferPointer(body)
    }

    /// A placeholder the explanation fills itself: the rule reference, or the list of conventions or warnings.
    enum Special { case none, rule(Range<Int>), list(Range<Int>) }

    /// Renders the template of `key` with arguments found in `args` (ranges into `bytes`).
    func render(key: UnsafeBufferPointer<UInt8>, args: Args, into sink: inout ByteSink, special: Special = .none) {
        guard let entry = templates.entry(key) else {
            sink.put(key)  // a missing key shows itself, as render(_:) does
            return
        }
        let table = templates
        for s in entry {
            let segment = table.segments[s]
            let name = table.bytes(segment)
            guard segment.isPlaceholder else { sink.put(name); continue }
            switch special {
            case .rule(let rule) where name.elementsEqual("rule".utf8):
                sink.put("docs/rules.md ".utf8)
                putText(rule.lowerBound + 1, rule.upperBound, &sink)
                continue
            case .list(let list) where name.elementsEqual("list".utf8):
                value(list, into: &sink)
                continue
            default: break
            }
            if let arg = args.first(where: { equal($0.0, name) }) {
                value(arg.1, into: &sink)
            } else {
                sink.put(0x7B); sink.put(name); sink.put(0x7D)
            }
        }
    }

    /// Renders the value in `range`.
    func value(_ range: Range<Int>, into sink: inout ByteSink) {
        guard !range.isEmpty else { return }
        let i = range.lowerBound
        switch bytes[i] {
        case 0x74, 0x69: putText(i + 1, range.upperBound, &sink)  // text, integer
        case 0x64:  // date, ISO
            let d = slice((i + 1)..<range.upperBound)
            if renderer.dotted, d.count == 10 {
                sink.put(d[8..<10]); sink.put(0x2E); sink.put(d[5..<7]); sink.put(0x2E); sink.put(d[0..<4])
            } else {
                sink.put(d)
            }
        case 0x6B:  // term
            withKey((i + 1)..<range.upperBound) { render(key: $0, args: Args(start: nil, count: 0), into: &sink) }
        case 0x6F:  // term or fallback
            let k = textEnd(i + 1)
            withKey((i + 1)..<k) { key in
                if templates.entry(key) != nil { render(key: key, args: Args(start: nil, count: 0), into: &sink) } else { putText(k + 1, range.upperBound, &sink) }
            }
        case 0x7B: _ = message(at: i, into: &sink)
        case 0x5B:
            var j = i + 1, first = true
            while j < range.upperBound - 1, let end = valueEnd(j) {
                if !first { sink.put(renderer.listSeparator) }
                first = false
                value(j..<end, into: &sink)
                j = end
                if j < bytes.count, bytes[j] == 0x2C { j += 1 }
            }
        default: break
        }
    }

    /// An explanation, as `Catalog.explanation(_:)` writes it.
    func explanation(into sink: inout ByteSink) -> Bool {
        withMessage(at: 0) { key, args, _ -> Bool in
            guard equal(key, "explanation") else { return false }
            func arg(_ name: StaticString) -> Range<Int>? { args.first { equal($0.0, name) }?.1 }
            guard let rule = arg("rule"), let summary = arg("summary"), arg("source") != nil else { return false }
            value(summary, into: &sink)
            sink.put(0x20)
            withStatic("explanation.rule-source") { render(key: $0, args: args, into: &sink, special: .rule(rule)) }
            if let list = arg("conventions"), list.count > 2 {
                sink.put(0x20)
                withStatic("explanation.conventions") { render(key: $0, args: Args(start: nil, count: 0), into: &sink, special: .list(list)) }
            }
            if let list = arg("warnings"), list.count > 2 {
                sink.put(0x20)
                withStatic("explanation.warnings") { render(key: $0, args: Args(start: nil, count: 0), into: &sink, special: .list(list)) }
            }
            return true
        } ?? false
    }

    /// Runs `body` with the bytes of a literal key.
    @inline(__always) func withStatic<T>(_ s: StaticString, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        body(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}
