/// Turkish-aware search folding: İ/I/ı → i, ş → s, ğ → g, ü → u, ö → o,
/// ç → c, other diacritics removed, lower case. "IŞIK", "Işık" and "isik" all
/// fold to "isik".
public enum TextFolding {
    /// The folded form used for search columns and filters.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "I", "İ", "ı", "i", "Î", "î", "Ì", "ì", "Í", "í", "Ï", "ï": out.append("i")
            case "Ş", "ş": out.append("s")
            case "Ğ", "ğ": out.append("g")
            case "Ü", "ü", "Û", "û", "Ù", "ù", "Ú", "ú": out.append("u")
            case "Ö", "ö", "Ô", "ô", "Ò", "ò", "Ó", "ó": out.append("o")
            case "Ç", "ç": out.append("c")
            case "Â", "â", "À", "à", "Á", "á", "Ä", "ä", "Ã", "ã", "Å", "å": out.append("a")
            case "Ê", "ê", "È", "è", "É", "é", "Ë", "ë": out.append("e")
            default:
                // Combining marks (U+0300–U+036F) are dropped; other letters lower-cased.
                if (0x0300...0x036F).contains(scalar.value) { continue }
                for lower in String(scalar).lowercased().unicodeScalars { out.append(lower) }
            }
        }
        return String(out)
    }
}

