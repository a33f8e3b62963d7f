/// A key press, decoded by the terminal backend.
public enum Key: Sendable, Equatable, Hashable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    /// Ctrl plus a letter (lower case), e.g. `.control("c")`.
    case control(Character)
    case function(Int)
    /// The terminal was resized.
    case resize
    /// Text pasted in one piece (bracketed paste): text only, never keys or commands.
    case paste(String)

    /// Whether the key inserts text in a text field.
    public var insertsText: Bool {
        switch self {
        case .character, .paste: return true
        default: return false
        }
    }
}
