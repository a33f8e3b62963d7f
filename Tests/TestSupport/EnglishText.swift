import IkametCore
import IkametText

// Test support shared by the test targets: the engines return messages; tests
// read them as the English catalog renders them, so every assertion is on the
// real English text a user sees.

extension Message {
    /// The message in English.
    public var text: String { Catalog.english.render(self) }
    public func contains(_ s: String) -> Bool { text.contains(s) }
    public func hasPrefix(_ s: String) -> Bool { text.hasPrefix(s) }
    public var isEmpty: Bool { text.isEmpty }
    public static func == (a: Message, b: String) -> Bool { a.text == b }
}

extension MessageArg {
    /// The argument in English.
    public var text: String { Catalog.english.render(self) }
}

extension Array where Element == Message {
    public func joined(separator: String = "") -> String { map(\.text).joined(separator: separator) }
}

extension Explanation {
    /// The whole explanation in English.
    public var text: String { Catalog.english.explanation(self) }
}

extension ValidationIssue {
    public var description: String { full.text }
}

extension DateParseError {
    public var description: String { message.text }
}

extension Message {
    public func lowercased() -> String { text.lowercased() }
}

extension Array where Element == Message {
    /// Whether one of the messages reads exactly `s` in English.
    public func contains(_ s: String) -> Bool { contains { $0.text == s } }
}

extension Explanation {
    public func contains(_ s: String) -> Bool { text.contains(s) }
}
