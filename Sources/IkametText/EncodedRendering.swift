import Foundation
import IkametCore

/// Rendering straight from the store's encoded facts (`MessageCodec`'s form) into
/// bytes, without building message trees: what the CLI uses to print tens of
/// thousands of agenda rows (docs/performance.md). It gives exactly the text of
/// `render(_:)` and `explanation(_:)` (a test checks it on every demo row in
/// every language), optionally escaped as the inside of a JSON string.
final class ByteTemplates: Sendable {
    /// A literal or a placeholder's name (a struct, not an enum with array payloads: LeakSanitizer
    /// cannot follow pointers packed with an enum's tag bits in a long-lived table).
    struct Segment: Sendable { let isPlaceholder: Bool; let bytes: [UInt8] }
    struct Entry: Sendable { let key: [UInt8]; let segments: [Segment] }
    private let table: [UInt64: [Entry]]

    init(_ templates: [String: Template], fallback: [String: Template]?) {
        var table: [UInt64: [Entry]] = [:]
        var all = fallback ?? [:]
        for (k, t) in templates { all[k] = t }
        for (key, t) in all {
            let bytes = Array(key.utf8)
            let segments: [Segment] = t.segments.map {
                switch $0 {
                case .literal(let s): Segment(isPlaceholder: false, bytes: Array(s.utf8))
                case .placeholder(let n): Segment(isPlaceholder: true, bytes: Array(n.utf8))
                }
            }
            table[ByteTemplates.hash(bytes[...]), default: []].append(Entry(key: bytes, segments: segments))
        }
        self.table = table
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    func entry(_ key: ArraySlice<UInt8>) -> Entry? {
        table[ByteTemplates.hash(key)]?.first { $0.key.elementsEqual(key) }
    }
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

extension Catalog {
    /// Renders the message encoded in `facts` (as `MessageCodec.encode` wrote it) into `sink`.
    /// Returns false (writing nothing) when `facts` is not a valid encoding.
    @discardableResult
    public func renderEncoded(_ facts: [UInt8], into sink: inout ByteSink) -> Bool {
        let r = EncodedReader(bytes: facts, catalog: self)
        guard r.isMessage(at: 0) else { return false }
        let mark = sink.out.count
        guard r.message(at: 0, into: &sink) != nil else { sink.out.removeSubrange(mark...); return false }
        return true
    }

    /// Renders the explanation encoded in `facts` (`MessageCodec.encode(explanation.facts)`) as `explanation(_:)` does.
    @discardableResult
    public func explanationEncoded(_ facts: [UInt8], into sink: inout ByteSink) -> Bool {
        let r = EncodedReader(bytes: facts, catalog: self)
        let mark = sink.out.count
        guard r.explanation(into: &sink) else { sink.out.removeSubrange(mark...); return false }
        return true
    }
}

/// A reader over encoded facts that renders as it parses. It holds only what rendering
/// needs (no copy of the whole catalog: each call would retain all of its tables).
struct EncodedReader {
    let bytes: [UInt8]
    let templates: ByteTemplates
    let dotted: Bool
    let listSeparator: [UInt8]

    init(bytes: [UInt8], catalog: Catalog) {
        self.bytes = bytes
        templates = catalog.byteTemplates
        dotted = catalog.dateStyle == .dotted
        listSeparator = catalog.listSeparatorBytes
    }

    /// The codec's punctuation: \ { } [ ] | = , ~
    @inline(__always) static func isSpecial(_ b: UInt8) -> Bool {
        switch b {
        case 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x7C, 0x3D, 0x2C, 0x7E: true
        default: false
        }
    }

    func isMessage(at i: Int) -> Bool { i < bytes.count && bytes[i] == 0x7B }

    /// Whether the bytes in `range` are `other`.
    @inline(__always) func equal(_ range: Range<Int>, _ other: [UInt8]) -> Bool {
        guard range.count == other.count else { return false }
        var j = range.lowerBound
        for b in other { if bytes[j] != b { return false }; j += 1 }
        return true
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
        if !bytes[i..<end].contains(0x5C) { sink.put(bytes[i..<end]); return }
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
            render(key: bytes[key], args: args, into: &sink)
            return end
        }
    }

    /// Renders the template of `key` with arguments found in `args` (ranges into `bytes`).
    func render(key: ArraySlice<UInt8>, args: Args, into sink: inout ByteSink,
                         special: ((ArraySlice<UInt8>, inout ByteSink) -> Bool)? = nil) {
        guard let entry = templates.entry(key) else {
            putText(key.startIndex, key.endIndex, &sink)  // a missing key shows itself, as render(_:) does
            return
        }
        for segment in entry.segments {
            guard segment.isPlaceholder else { sink.put(segment.bytes); continue }
            do {
                let name = segment.bytes
                if let special, special(name[...], &sink) { continue }
                if let arg = args.first(where: { equal($0.0, name) }) {
                    value(arg.1, into: &sink)
                } else {
                    sink.put(0x7B); sink.put(name); sink.put(0x7D)
                }
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
            let d = bytes[(i + 1)..<range.upperBound]
            if dotted, d.count == 10 {
                let s = d.startIndex
                sink.put(d[(s + 8)..<(s + 10)]); sink.put(0x2E); sink.put(d[(s + 5)..<(s + 7)]); sink.put(0x2E); sink.put(d[s..<(s + 4)])
            } else {
                sink.put(d)
            }
        case 0x6B:  // term
            render(key: unescaped(i + 1, range.upperBound), args: Args(start: nil, count: 0), into: &sink)
        case 0x6F:  // term or fallback
            let k = textEnd(i + 1)
            let key = unescaped(i + 1, k)
            if templates.entry(key) != nil { render(key: key, args: Args(start: nil, count: 0), into: &sink) } else { putText(k + 1, range.upperBound, &sink) }
        case 0x7B: _ = message(at: i, into: &sink)
        case 0x5B:
            var j = i + 1, first = true
            while j < range.upperBound - 1, let end = valueEnd(j) {
                if !first { sink.put(listSeparator) }
                first = false
                value(j..<end, into: &sink)
                j = end
                if j < bytes.count, bytes[j] == 0x2C { j += 1 }
            }
        default: break
        }
    }

    /// The unescaped bytes of `i ..< end` (keys rarely hold escapes: a slice when they do not).
    func unescaped(_ i: Int, _ end: Int) -> ArraySlice<UInt8> {
        guard bytes[i..<end].contains(0x5C) else { return bytes[i..<end] }
        var out: [UInt8] = [], j = i
        while j < end { if bytes[j] == 0x5C, j + 1 < end { out.append(bytes[j + 1]); j += 2 } else { out.append(bytes[j]); j += 1 } }
        return out[...]
    }

    /// An explanation, as `Catalog.explanation(_:)` writes it.
    func explanation(into sink: inout ByteSink) -> Bool {
        withMessage(at: 0) { key, args, _ -> Bool in
            guard equal(key, Names.explanation) else { return false }
            let all = self.bytes
            func arg(_ name: [UInt8]) -> Range<Int>? { args.first { equal($0.0, name) }?.1 }
            guard let rule = arg(Names.rule), let summary = arg(Names.summary), arg(Names.source) != nil else { return false }
            value(summary, into: &sink)
            sink.put(0x20)
            render(key: Names.ruleSource[...], args: args, into: &sink) { name, out in
                if name.elementsEqual(Names.rule) {
                    out.put(Names.rulesDocument)
                    var j = rule.lowerBound + 1
                    while j < rule.upperBound { if all[j] == 0x5C, j + 1 < rule.upperBound { out.put(all[j + 1]); j += 2 } else { out.put(all[j]); j += 1 } }
                    return true
                }
                return false
            }
            for (name, listKey) in [(Names.conventions, Names.conventionsKey), (Names.warnings, Names.warningsKey)] {
                guard let list = arg(name), list.count > 2 else { continue }
                sink.put(0x20)
                render(key: listKey[...], args: Args(start: nil, count: 0), into: &sink) { placeholder, out in
                    guard placeholder.elementsEqual(Names.list) else { return false }
                    self.value(list, into: &out)
                    return true
                }
            }
            return true
        } ?? false
    }
}

/// The names the explanation renderer looks for, as bytes.
private enum Names {
    static let explanation = Array("explanation".utf8), rule = Array("rule".utf8), summary = Array("summary".utf8)
    static let source = Array("source".utf8), conventions = Array("conventions".utf8), warnings = Array("warnings".utf8)
    static let list = Array("list".utf8), ruleSource = Array("explanation.rule-source".utf8), rulesDocument = Array("docs/rules.md ".utf8)
    static let conventionsKey = Array("explanation.conventions".utf8), warningsKey = Array("explanation.warnings".utf8)
}
