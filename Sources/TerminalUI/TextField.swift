
/// An editable single-line text value with a cursor (by characters).
public struct TextField: Sendable, Equatable {
    public var text: String
    public var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Applies an editing key; returns false if the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
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
        default: return false
        }
        text = String(chars)
        return true
    }

    /// Display column of the cursor.
    public var cursorColumn: Int { DisplayWidth.of(String(text.prefix(cursor))) }
}
