import IkametCore
import IkametText

// The engines return messages; these tests read them as the English catalog
// renders them, so every assertion is on the real English text a user sees.

extension Message {
    /// The message in English.
    var text: String { Catalog.english.render(self) }
    func contains(_ s: String) -> Bool { text.contains(s) }
    func hasPrefix(_ s: String) -> Bool { text.hasPrefix(s) }
    var isEmpty: Bool { text.isEmpty }
    static func == (a: Message, b: String) -> Bool { a.text == b }
}

extension MessageArg {
    /// The argument in English.
    var text: String { Catalog.english.render(self) }
}

extension Array where Element == Message {
    func joined(separator: String = "") -> String { map(\.text).joined(separator: separator) }
}

extension Explanation {
    /// The whole explanation in English.
    var text: String { Catalog.english.explanation(self) }
}

extension ValidationIssue {
    var description: String { full.text }
}

extension DateParseError {
    var description: String { message.text }
}

extension Message {
    func lowercased() -> String { text.lowercased() }
}

extension Array where Element == Message {
    /// Whether one of the messages reads exactly `s` in English.
    func contains(_ s: String) -> Bool { contains { $0.text == s } }
}
