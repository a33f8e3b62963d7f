import Foundation
import IkametCore

/// How the client filter finds people as offices type them (issue 12): the letters of the clients' languages
/// folded to plain Latin, and Cyrillic transliterated.
///
/// - Latin: Turkish letters and every diacritic (Vietnamese included) are dropped (`ễ` → `e`, `ş` → `s`); letters
///   that are not a base letter plus marks are spelled out (`đ` → `d`, `ø` → `o`, `ß` → `ss`, `æ` → `ae`).
/// - Azerbaijani `ə` (and the Cyrillic `ә`) is written `a` or `e` ("Əliyev" is "Aliyev" in most passports).
/// - Cyrillic (Russian, Ukrainian, Kyrgyz, Kazakh, Uzbek) follows one common passport-style scheme (BGN/PCGN-like:
///   `ж` zh, `ц` ts, `ч` ch, `ш` sh, `щ` shch, `ю` yu, `я` ya, `ь`/`ъ` dropped), with the usual alternatives:
///   `х` as `kh` or `h`, `й`/`ы` as `y` or `i`, and (for Ukrainian spellings) `г` as `g` or `h`.
///
/// The store keeps every variant of a name in its search column (computed once, when the client is written: the
/// filter stays one substring scan); a typed filter is folded with the first scheme (`searchKey`).
public enum SearchFolding {
    /// The folded form of a typed filter: Latin folded, Cyrillic by the first scheme (kh, y, a, g).
    public static func searchKey(_ text: String) -> String { variants(text, limit: 1).first ?? "" }

    /// Every folded spelling of `text` under the schemes' alternatives (at most `limit`, first scheme first).
    public static func variants(_ text: String, limit: Int = 8) -> [String] {
        // Letters that have alternatives, and which of them the text holds. Scalars are folded one by one, each
        // decomposed only when it is not a letter of its own (й is not и with a breve, ў not у).
        let scalars = Array(text.unicodeScalars)
        let ambiguous = Ambiguity.allCases.filter { a in scalars.contains { a.applies(to: $0) } }
        var out: [String] = []
        for combination in 0..<(1 << ambiguous.count) where out.count < limit {
            let alternate = Set(ambiguous.enumerated().filter { combination & (1 << $0.offset) != 0 }.map(\.element))
            var s = ""
            for scalar in scalars { s += fold(scalar, alternate: alternate) }
            if !out.contains(s) { out.append(s) }
        }
        return out
    }

    /// Letters spelled two ways; the first way is the first scheme's.
    enum Ambiguity: CaseIterable {
        case kha, shortI, schwa, ghe

        func applies(to s: Unicode.Scalar) -> Bool {
            switch self {
            case .kha: return "хХ".unicodeScalars.contains(s)
            case .shortI: return "йЙыЫ".unicodeScalars.contains(s)
            case .schwa: return "əƏәӘ".unicodeScalars.contains(s)
            case .ghe: return "гГ".unicodeScalars.contains(s)
            }
        }
    }

    /// One scalar folded (lower case, plain Latin); `alternate`: the letters spelled their second way.
    static func fold(_ scalar: Unicode.Scalar, alternate: Set<Ambiguity>) -> String {
        // ASCII, most of every name and all of a file number: lower-cased without Foundation.
        if scalar.value < 0x80 {
            let b = UInt8(scalar.value)
            return String(Unicode.Scalar((0x41...0x5A).contains(b) ? b + 0x20 : b))
        }
        if let letter = foldLetter(scalar, alternate: alternate) { return letter }
        let parts = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard parts.count > 1 else { return foldPart(scalar, alternate: alternate) }
        return parts.map { foldLetter($0, alternate: alternate) ?? foldPart($0, alternate: alternate) }.joined()
    }

    /// A letter folded whole (Cyrillic, and Latin letters that are not a base letter plus marks), nil otherwise.
    static func foldLetter(_ scalar: Unicode.Scalar, alternate: Set<Ambiguity>) -> String? {
        let lower = String(scalar).lowercased()
        switch lower {
        case "ı", "i̇": return "i"
        case "ə", "ә": return alternate.contains(.schwa) ? "e" : "a"
        case "đ", "ð": return "d"
        case "ø": return "o"
        case "æ": return "ae"
        case "œ": return "oe"
        case "ß": return "ss"
        case "ł": return "l"
        case "ħ": return "h"
        case "þ": return "th"
        case "ŋ": return "ng"
        case "х": return alternate.contains(.kha) ? "h" : "kh"
        case "й", "ы": return alternate.contains(.shortI) ? "i" : "y"
        case "г": return alternate.contains(.ghe) ? "h" : "g"
        default: return cyrillic[lower]
        }
    }

    /// A part of a decomposed letter: a mark is dropped, a base letter lower-cased.
    static func foldPart(_ scalar: Unicode.Scalar, alternate: Set<Ambiguity>) -> String {
        let v = scalar.value
        // Combining marks: accents, Vietnamese tones and hooks, Cyrillic breve and diaeresis after decomposition.
        if (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v) {
            return ""
        }
        // "İ" lower-cases to i plus a dot above: the dot is a mark like the others.
        return String(String(scalar).lowercased().unicodeScalars.filter { !(0x0300...0x036F).contains($0.value) })
    }

    /// The rest of the Cyrillic alphabets (`ё` decomposes to `е` plus a mark).
    static let cyrillic: [String: String] = [
        "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i", "к": "k", "л": "l", "м": "m",
        "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        // Ukrainian
        "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
        // Kazakh, Kyrgyz
        "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
        // Uzbek
        "ў": "o", "ҳ": "h",
        // Serbian, Macedonian
        "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
    ]
}
