import Foundation
import IkametCore
import IkametInterchange

/// One language's messages: every user-facing sentence of ikamet, by key, with
/// `{name}` placeholders. Catalogs are the files `data/i18n/<code>.json`
/// (built into the binary by `scripts/embed-data`); adding a language is adding
/// one such file. A catalog also says how its language writes dates, sorts
/// names and maps case (its `_meta` entry).
public struct Catalog: Sendable {
    /// The language code, e.g. `tr`.
    public let code: String
    /// The language's own name, e.g. "Türkçe".
    public let name: String
    /// How dates are written.
    public private(set) var dateStyle: DateStyle
    let templates: [String: Template]
    let listSeparator: String
    /// Letters in alphabetical order (for collation); letters not listed sort by their base letter.
    let alphabet: [Character: Int]
    /// Case pairs that differ from Unicode's default mapping (Turkish i/İ, ı/I).
    let upper: [Character: String]
    let lower: [Character: String]
    /// The catalog used for keys this one lacks (English), nil for English itself.
    let fallback: Template.Lookup?
    /// The alphabet's rank of each ASCII byte (nil: not a letter of the alphabet), for `collationKey`.
    let asciiRanks: [UInt32?]
    /// The templates as bytes, by key hash, for rendering stored facts without building messages
    /// (built on first use: the TUI never needs them).
    let lazyByteTemplates: LazyByteTemplates
    var byteTemplates: ByteTemplates { lazyByteTemplates.value }
    let listSeparatorBytes: [UInt8]

    /// How a catalog writes dates.
    public enum DateStyle: String, Sendable, CaseIterable {
        /// YYYY-MM-DD
        case iso
        /// DD.MM.YYYY
        case dotted
    }

    /// Every key of the catalog.
    public var keys: Set<String> { Set(templates.keys) }

    /// The same catalog writing dates in another style (the office setting `dateFormat` overrides the language's default).
    /// (Cheap: the derived tables are shared, not rebuilt; the TUI asks for it on every frame.)
    public func with(dateStyle: DateStyle) -> Catalog {
        var copy = self
        copy.dateStyle = dateStyle
        return copy
    }

    init(code: String, name: String, dateStyle: DateStyle, templates: [String: Template], listSeparator: String,
         alphabet: [Character: Int], upper: [Character: String], lower: [Character: String], fallback: Template.Lookup?) {
        self.code = code; self.name = name; self.dateStyle = dateStyle; self.templates = templates
        self.listSeparator = listSeparator; self.alphabet = alphabet; self.upper = upper; self.lower = lower; self.fallback = fallback
        lazyByteTemplates = LazyByteTemplates(templates, fallback: fallback?.templates)
        listSeparatorBytes = Array(listSeparator.utf8)
        asciiRanks = (0..<128).map { b in
            let c = Character(Unicode.Scalar(UInt8(b)))
            return c.isLetter ? alphabet[c].map(UInt32.init) : nil
        }
    }

    /// Parses a catalog file. Throws `CatalogError` naming what is wrong.
    public init(json: String, fallback: Catalog? = nil) throws {
        // The interchange format's tokenizer (one JSON tokenizer in the product; a fifth of the time
        // JSONSerialization took, which was a quarter of a small command's start).
        guard let object = JSONTokenizer.parse(json)?.object else { throw CatalogError("not a JSON object") }
        guard let meta = object.first(where: { $0.0 == "_meta" })?.1.object, let code = Catalog.text(meta, "code"),
              let name = Catalog.text(meta, "name") else {
            throw CatalogError("_meta needs code and name")
        }
        var templates: [String: Template] = [:]
        templates.reserveCapacity(object.count)
        for (key, value) in object where key != "_meta" {
            guard let text = value.string else { throw CatalogError("\(code): \(key) is not a string") }
            templates[key] = try Template(text, key: key)
        }
        let letters = Catalog.text(meta, "alphabet") ?? "abcdefghijklmnopqrstuvwxyz"
        var alphabet: [Character: Int] = [:]
        for (i, c) in letters.enumerated() where alphabet[c] == nil { alphabet[c] = i }
        func pairs(_ name: String) -> [Character: String] {
            var out: [Character: String] = [:]
            for (k, v) in meta.first(where: { $0.0 == name })?.1.object ?? [] { if let c = k.first, k.count == 1, let v = v.string { out[c] = v } }
            return out
        }
        self.init(code: code, name: name, dateStyle: DateStyle(rawValue: Catalog.text(meta, "dateStyle") ?? "iso") ?? .iso,
                  templates: templates, listSeparator: Catalog.text(meta, "listSeparator") ?? ", ",
                  alphabet: alphabet, upper: pairs("upper"), lower: pairs("lower"),
                  fallback: fallback.map { Template.Lookup($0.templates) })
    }

    /// The text of the `_meta` entry `name`.
    private static func text(_ meta: [(String, JSONTokenizer.Value)], _ name: String) -> String? {
        meta.first { $0.0 == name }?.1.string
    }

    // MARK: Rendering

    /// The sentence for `key` with plain-value arguments.
    public func callAsFunction(_ key: String, _ args: [String: any MessageArgConvertible] = [:]) -> String {
        render(Message(key, with: args))
    }

    /// The sentence a message stands for, in this language.
    public func render(_ m: Message) -> String {
        var out = ""
        append(m, to: &out)
        return out
    }

    /// One argument rendered on its own (a term, a date, a nested message).
    public func render(_ arg: MessageArg) -> String {
        var out = ""
        append(arg, to: &out)
        return out
    }

    /// Whether the catalog (or its fallback) has `key`.
    public func has(_ key: String) -> Bool { templates[key] != nil || fallback?.templates[key] != nil }

    func template(_ key: String) -> Template? { templates[key] ?? fallback?.templates[key] }

    func append(_ m: Message, to out: inout String) {
        guard let t = template(m.key) else {
            out += m.key  // a missing key shows itself; the catalog tests keep this from happening
            return
        }
        for segment in t.segments {
            switch segment {
            case .literal(let s): out += s
            case .placeholder(let name):
                if let v = m.args[name] { append(v, to: &out) } else { out += "{" + name + "}" }
            }
        }
    }

    func append(_ v: MessageArg, to out: inout String) {
        switch v {
        case .text(let s): out += s
        case .int(let n): out += String(n)
        case .date(let d): out += date(d)
        case .term(let k): append(Message(k), to: &out)
        case .termOr(let k, let fallbackText): if has(k) { append(Message(k), to: &out) } else { out += fallbackText }
        case .message(let m): append(m, to: &out)
        case .list(let items):
            for (i, item) in items.enumerated() {
                if i > 0 { out += listSeparator }
                append(item, to: &out)
            }
        }
    }

    /// A date in this catalog's style.
    public func date(_ d: CivilDate) -> String {
        switch dateStyle {
        case .iso: return d.iso
        case .dotted:
            let iso = Array(d.iso.utf8)  // YYYY-MM-DD
            guard iso.count == 10 else { return d.iso }
            return String(decoding: iso[8..<10] + [UInt8(ascii: ".")] + iso[5..<7] + [UInt8(ascii: ".")] + iso[0..<4], as: UTF8.self)
        }
    }

    /// An optional date, or the catalog's "none" mark.
    public func date(_ d: CivilDate?) -> String { d.map(date) ?? self("common.none") }

    /// An explanation as one paragraph: the summary, the rule and source, the conventions and the warnings.
    public func explanation(_ e: Explanation) -> String {
        var out = render(e.summary)
        out += " "
        out += self("explanation.rule-source", ["rule": "docs/rules.md " + e.rule, "source": e.source])
        if !e.conventions.isEmpty {
            out += " "
            out += self("explanation.conventions", ["list": MessageArg.list(e.conventions.map(MessageArg.message))])
        }
        if !e.warnings.isEmpty {
            out += " "
            out += self("explanation.warnings", ["list": MessageArg.list(e.warnings.map(MessageArg.message))])
        }
        return out
    }

    // MARK: Case and collation

    /// Upper case by this language's rules (Turkish: i → İ, ı → I).
    public func uppercased(_ s: String) -> String {
        if upper.isEmpty { return s.uppercased() }
        var out = ""
        for c in s { out += upper[c] ?? String(c).uppercased() }
        return out
    }

    /// Lower case by this language's rules (Turkish: I → ı, İ → i).
    public func lowercased(_ s: String) -> String {
        if lower.isEmpty { return s.lowercased() }
        var out = ""
        for c in s { out += lower[c] ?? String(c).lowercased() }
        return out
    }

    /// Whether this language orders names as the store's folded sort column does (its alphabet
    /// is the 26 Latin letters, every other letter sorting with its base letter): then the
    /// store's order is the language's order and nothing needs re-sorting.
    public var sortsByFolding: Bool { alphabet.count == 26 && "abcdefghijklmnopqrstuvwxyz".allSatisfy { alphabet[$0] != nil } }

    /// A key that sorts names in this language's alphabetical order (Turkish: C < Ç < D, I < İ, …).
    public func collationKey(_ s: String) -> [UInt32] {
        var key: [UInt32] = []
        key.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            // ASCII fast path: letters by rank (upper case as lower, except where the language maps it), digits and the rest by value.
            if v < 0x80, !(v == 0x49 && lower["I"] != nil) {
                var c = v
                if c >= 0x41 && c <= 0x5A { c += 0x20 }
                if let rank = asciiRanks[Int(c)] { key.append(1000 + rank) } else { key.append(c) }
                continue
            }
            for c in lowercased(String(scalar)) {
                if let rank = alphabet[c] { key.append(1000 + UInt32(rank)); continue }
                let base = String(c).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
                if let b = base.first, base.count == 1, let rank = alphabet[b] { key.append(1000 + UInt32(rank)); continue }
                key.append(200_000 + (c.unicodeScalars.first?.value ?? 0))
            }
        }
        return key
    }

    /// Whether `a` sorts before `b` in this language (ties broken by the text itself).
    public func precedes(_ a: String, _ b: String) -> Bool {
        let ka = collationKey(a), kb = collationKey(b)
        return ka == kb ? a < b : ka.lexicographicallyPrecedes(kb)
    }
}

/// A catalog file that cannot be used.
public struct CatalogError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}

/// A parsed catalog entry.
struct Template: Sendable {
    enum Segment: Sendable { case literal(String), placeholder(String) }
    let segments: [Segment]
    /// The placeholder names, in order of first use.
    var placeholders: [String] {
        var seen: [String] = []
        for case .placeholder(let n) in segments where !seen.contains(n) { seen.append(n) }
        return seen
    }

    /// A fallback catalog's templates.
    struct Lookup: Sendable {
        let templates: [String: Template]
        init(_ t: [String: Template]) { templates = t }
    }

    /// Parses a template: `{name}` is a placeholder; `{{` and `}}` are literal braces.
    /// (Over the UTF-8 bytes: the braces and names are ASCII; a catalog has a thousand templates to parse at start.)
    init(_ text: String, key: String) throws {
        var segments: [Segment] = []
        let bytes = Array(text.utf8)
        var literal: [UInt8] = [], i = 0
        func flush() {
            if !literal.isEmpty { segments.append(.literal(String(decoding: literal, as: UTF8.self))); literal = [] }
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x7B, i + 1 < bytes.count, bytes[i + 1] == 0x7B { literal.append(0x7B); i += 2; continue }
            if b == 0x7D, i + 1 < bytes.count, bytes[i + 1] == 0x7D { literal.append(0x7D); i += 2; continue }
            guard b == 0x7B else { literal.append(b); i += 1; continue }
            var j = i + 1
            while j < bytes.count, bytes[j] != 0x7D {
                let c = bytes[j]
                let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
                guard ok else {
                    throw CatalogError("\(key): bad placeholder name near \"\(String(decoding: bytes[i...j], as: UTF8.self))\" (write {{ for a literal brace)")
                }
                j += 1
            }
            guard j < bytes.count else { throw CatalogError("\(key): unclosed {") }
            guard j > i + 1 else { throw CatalogError("\(key): empty placeholder {}") }
            flush()
            segments.append(.placeholder(String(decoding: bytes[(i + 1)..<j], as: UTF8.self)))
            i = j + 1
        }
        flush()
        self.segments = segments
    }
}
