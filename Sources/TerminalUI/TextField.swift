
/// An editable single-line text value with a cursor (by characters).
public struct TextField: Sendable, Equatable {
    public var text: String
    public var cursor: Int
    /// The whole text is selected (a prefilled value): typing replaces it, Backspace or Delete clears it,
    /// a movement key keeps it and ends the selection.
    public var selected = false

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// A prefilled value, selected, so that typing replaces it.
    public init(selecting text: String) {
        self.init(text)
        selected = !text.isEmpty
    }

    /// Applies an editing key; returns false if the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        if selected {
            selected = false
            switch key {
            case .character, .paste: text = ""; cursor = 0
            case .backspace, .delete, .control("u"): text = ""; cursor = 0; return true
            default: break
            }
        }
        var chars = Array(text)
        switch key {
        case .character(let c):
            guard !c.isNewline, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return true }
            chars.insert(c, at: cursor); cursor += 1
        case .backspace:
            if cursor > 0 { chars.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < chars.count { chars.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(chars.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = chars.count
        case .control("u"): chars.removeAll(); cursor = 0
        case .paste(let pasted):
            // Pasted text is text only: a newline, Tab or any control character becomes a space (never Enter or Esc).
            let clean = TextField.pastedText(pasted)
            chars.insert(contentsOf: clean, at: cursor); cursor += clean.count
        default: return false
        }
        text = String(chars)
        return true
    }

    /// Pasted text as one line of plain text: each run of line breaks, tabs and other control characters is one space.
    public static func pastedText(_ text: String) -> [Character] {
        var out: [Character] = [], lastWasSpace = false
        for ch in text {
            let control = ch.isNewline || ch.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
            if control {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(ch)
                lastWasSpace = ch == " "
            }
        }
        return out
    }

    /// Display column of the cursor.
    public var cursorColumn: Int { DisplayWidth.of(String(text.prefix(cursor))) }
}
