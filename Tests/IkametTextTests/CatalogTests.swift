import IkametCore
@testable import IkametText
import Testing

@Suite("Catalogs, messages and languages")
struct CatalogTests {
    static let date = CivilDate(year: 2026, month: 10, day: 29) ?? CivilDate(dayNumber: 0)

    @Test("every catalog file parses (a broken one would silently fall back to showing keys)")
    func everyCatalogParses() throws {
        #expect(EmbeddedCatalogs.files.count >= 2)
        for (code, json) in EmbeddedCatalogs.files.sorted(by: { $0.key < $1.key }) {
            let catalog = try Catalog(json: json)
            #expect(catalog.code == code)
        }
        #expect(Catalog.english.render(Message("store.setting.attorneys")).contains(#"[{"initials":"EK","name":"Elif Kaya"}]"#))
    }

    @Test("every catalog has exactly the English keys, each with the same placeholders")
    func catalogsHaveTheSameKeysAndPlaceholders() throws {
        let english = try #require(Catalog.builtIn["en"])
        #expect(english.keys.count > 100, "the English catalog looks empty")
        #expect(Catalog.available.contains("tr"))
        for code in Catalog.available where code != "en" {
            let other = try #require(Catalog.builtIn[code])
            #expect(other.keys.subtracting(english.keys).sorted() == [], "\(code) has keys English lacks")
            #expect(english.keys.subtracting(other.keys).sorted() == [], "\(code) lacks keys")
            for key in english.keys.sorted() {
                guard let a = english.templates[key], let b = other.templates[key] else { continue }
                #expect(Set(a.placeholders) == Set(b.placeholders), "\(code) \(key): placeholders \(b.placeholders) ≠ \(a.placeholders)")
            }
        }
    }

    @Test("no catalog entry is empty, and Turkish entries are not left in English")
    func entriesAreFilled() throws {
        let english = try #require(Catalog.builtIn["en"]), turkish = try #require(Catalog.builtIn["tr"])
        var untranslated: [String] = []
        for key in english.keys.sorted() {
            let en = english(key), tr = turkish(key)
            #expect(!en.isEmpty || key.hasSuffix(".empty"), "\(key) is empty in English")
            // Long English sentences copied unchanged into Turkish are untranslated (short ids and symbols may match).
            let words = english.templates[key].map { $0.segments.compactMap { if case .literal(let l) = $0 { l } else { nil } }.joined() } ?? ""
            if en == tr, words.split(whereSeparator: { !$0.isLetter }).count >= 3 { untranslated.append(key) }
        }
        #expect(untranslated == [], "left in English in tr.json")
    }

    @Test("a message renders in each language with its dates in that language's style")
    func rendering() throws {
        let english = try #require(Catalog.named("en")), turkish = try #require(Catalog.named("tr"))
        #expect(english.date(Self.date) == "2026-10-29")
        #expect(turkish.date(Self.date) == "29.10.2026")
        #expect(turkish.with(dateStyle: .iso).date(Self.date) == "2026-10-29")
        let m = Message("store.error.client-not-found", ["client": .text("2026-0001")])
        #expect(english.render(m) == "no client with file number 2026-0001")
        #expect(turkish.render(m) == "2026-0001 dosya numaralı müvekkil yok")
        // A missing argument shows its placeholder; a missing key shows itself.
        #expect(english.render(Message("store.error.client-not-found")) == "no client with file number {client}")
        #expect(english.render(Message("no.such.key")) == "no.such.key")
        // termOr: the catalog's entry when it has one, else the fallback.
        #expect(english.render(Message("store.error.invalid-field", ["field": .text("x"), "problem": .termOr("no.such", fallback: "own words")]))
                == "x: own words")
    }

    @Test("the store keeps a message tree in MessageCodec's form and reads back the same facts")
    func codecRoundTrip() {
        let nested = Message("a.b", ["when": .date(Self.date), "n": .int(-5), "who": .text("Ö{|}=,[]~\\ name"),
                                     "what": .term("permit.family"), "h": .termOr("holiday.x", fallback: "Bayram, 1"),
                                     "list": .list([.int(1), .message(Message("c", [:])), .list([])])])
        let e = Explanation(rule: "§4 mail-documents", summary: nested, source: Message("source.none"),
                            conventions: [Message("x", ["d": .date(Self.date)])], warnings: [])
        let text = MessageCodec.encode(e.facts)
        #expect(MessageCodec.decode(text).flatMap(Explanation.init(facts:)) == e)
        #expect(MessageCodec.decode(MessageCodec.encode(nested)) == nested)
        #expect(MessageCodec.decodeList(MessageCodec.encode([nested, Message("z")])) == [nested, Message("z")])
        // Sentences are not facts: the encoded form holds keys and values only.
        #expect(!text.contains("Documents must"))
        for broken in ["", "{", "{a|b}", "{a|b=q1}", "{a|b=ifive}", "{a|b=d2026-13-01}", "{a}x", "[{a},]"] {
            #expect(MessageCodec.decode(broken) == nil, "\(broken) should not decode")
        }
    }

    @Test("the codec reads numbers and dates from their bytes as Int and CivilDate read them, escapes and all")
    func codecReadsValuesAsBefore() throws {
        // The byte-level fast paths, and the forms only the general readers take.
        let cases: [(String, MessageArg?)] = [
            ("{a|n=i0}", .int(0)), ("{a|n=i-42}", .int(-42)), ("{a|n=i007}", .int(7)), ("{a|n=i+5}", .int(5)),
            ("{a|n=i\(Int.max)}", .int(Int.max)), ("{a|n=i\(Int.min)}", .int(Int.min)), ("{a|n=i-}", nil), ("{a|n=i}", nil),
            ("{a|n=i1\\,2}", nil), ("{a|n=i12345678901234567890}", nil),
            ("{a|d=d2028-02-29}", .date(try #require(CivilDate(year: 2028, month: 2, day: 29)))),
            ("{a|d=d2027-02-29}", nil), ("{a|d=d0000-01-01}", nil), ("{a|d=d2026-1-011}", nil),
            ("{a|d=d01.02.2026}", .date(try #require(CivilDate(year: 2026, month: 2, day: 1)))),
            ("{a|d=d2026\\-02-01}", .date(try #require(CivilDate(year: 2026, month: 2, day: 1)))),
            ("{a|t=t}", .text("")), ("{a|t=tx\\|y\\\\z}", .text("x|y\\z")), ("{a|t=tÇağrı ışık}", .text("Çağrı ışık")),
        ]
        for (text, expected) in cases {
            let decoded = MessageCodec.decode(text)
            #expect(decoded?.args.values.first == expected, "\(text)")
            #expect((decoded == nil) == (expected == nil), "\(text)")
        }
        // Every value survives a round trip, whatever bytes its text holds.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab\\{}[]|=,~-0123456789 ıİ🙂")
        for _ in 0..<300 {
            let word = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            let m = Message(word, ["t": .text(word), "n": .int(Int.random(in: Int.min...Int.max, using: &generator)),
                                   "o": .termOr(word, fallback: word), "l": .list([.text(word), .int(-1)]),
                                   "d": .date(CivilDate(dayNumber: Int.random(in: -700_000...2_900_000, using: &generator)))])
            #expect(MessageCodec.decode(MessageCodec.encode(m)) == m, "\(MessageCodec.encode(m))")
        }
    }

    @Test("Turkish case mapping and collation")
    func turkishCaseAndOrder() throws {
        let turkish = try #require(Catalog.named("tr")), english = try #require(Catalog.named("en"))
        #expect(turkish.uppercased("istanbul ılıca") == "İSTANBUL ILICA")
        #expect(turkish.lowercased("İZMİR IŞIK") == "izmir ışık")
        #expect(english.uppercased("istanbul") == "ISTANBUL")
        let names = ["Zeynep", "Çelik", "Cem", "Işık", "İnci", "Ilgaz", "Öztürk", "Ozan", "Şahin", "Sarp", "Ünal", "Uslu", "Güler", "Ğ", "Gül"]
        #expect(names.sorted(by: turkish.precedes) ==
                ["Cem", "Çelik", "Gül", "Güler", "Ğ", "Ilgaz", "Işık", "İnci", "Ozan", "Öztürk", "Sarp", "Şahin", "Uslu", "Ünal", "Zeynep"])
        // English folds the letters onto their base letter.
        #expect(["Çelik", "Cem", "Dora"].sorted(by: english.precedes) == ["Çelik", "Cem", "Dora"])
    }

    @Test("the language is chosen from the option, IKAMET_LANG, the office setting, the locale, else English")
    func languageChoice() throws {
        #expect(try LanguageChoice.resolve(option: "tr", environment: ["IKAMET_LANG": "en"], setting: "en")
                == LanguageChoice(code: "tr", source: .option))
        #expect(try LanguageChoice.resolve(option: nil, environment: ["IKAMET_LANG": "TR", "LANG": "en_US.UTF-8"], setting: "en")
                == LanguageChoice(code: "tr", source: .environment))
        #expect(try LanguageChoice.resolve(option: nil, environment: ["LANG": "en_US.UTF-8"], setting: "tr")
                == LanguageChoice(code: "tr", source: .setting))
        #expect(try LanguageChoice.resolve(option: nil, environment: ["LANG": "tr_TR.UTF-8"], setting: nil)
                == LanguageChoice(code: "tr", source: .locale))
        #expect(try LanguageChoice.resolve(option: nil, environment: ["LC_ALL": "C", "LANG": "tr_TR.UTF-8"], setting: nil)
                == LanguageChoice(code: "en", source: .locale))
        #expect(try LanguageChoice.resolve(option: nil, environment: ["LANG": "de_DE.UTF-8"], setting: nil)
                == LanguageChoice(code: "en", source: .locale))
        #expect(try LanguageChoice.resolve(option: nil, environment: [:], setting: nil) == LanguageChoice(code: "en", source: .standard))
        #expect(throws: LanguageChoice.Unknown(value: "de", source: .option)) {
            try LanguageChoice.resolve(option: "de", environment: [:], setting: nil)
        }
    }

    @Test("a bound catalog is current for its task only, and can be switched within it")
    func binding() throws {
        let turkish = try #require(Catalog.named("tr"))
        #expect(Catalog.current.code == "en")
        Catalog.using(turkish) {
            #expect(L("common.pass") == "sağlanıyor")
            Catalog.switchCurrent(to: Catalog.english)
            #expect(L("common.pass") == "pass")
        }
        #expect(Catalog.current.code == "en")
    }

    @Test("a catalog file with a broken placeholder is refused with its key")
    func brokenCatalog() {
        #expect(throws: CatalogError.self) { try Catalog(json: #"{"_meta": {"code": "xx", "name": "X"}, "a.b": "oops {name"}"#) }
        #expect(throws: CatalogError.self) { try Catalog(json: #"{"a.b": "no meta"}"#) }
        #expect(throws: CatalogError.self) { try Catalog(json: #"{"_meta": {"code": "xx", "name": "X"}, "a.b": 3}"#) }
    }
}
