/// Why a date or verdict is what it is: the rule, the numbers, the conventions
/// and the source, as facts (messages). A catalog renders it in the reader's
/// language (`Catalog.explanation`). Every computed result carries one.
public struct Explanation: Sendable, Equatable, Hashable {
    /// The rule's reference in the product's rules document, e.g. "§3 extension-deadline"
    /// (rendered as "docs/rules.md §3 extension-deadline").
    public var rule: String
    /// One sentence with the numbers: what was computed from what.
    public var summary: Message
    /// Where the rule comes from, e.g. `source.law-24-2` ("[law] Law 6458 Art. 24(2)").
    public var source: Message
    /// The [ours] conventions and parameter values the result depends on.
    public var conventions: [Message]
    /// Caveats, e.g. a year whose religious holidays the table does not list.
    public var warnings: [Message]

    public init(rule: String, summary: Message, source: Message, conventions: [Message] = [], warnings: [Message] = []) {
        self.rule = rule; self.summary = summary; self.source = source
        self.conventions = conventions; self.warnings = warnings
    }

    /// The explanation as one message tree (for the store: `MessageCodec.encode(explanation.facts)`).
    public var facts: Message {
        Message("explanation", [
            "rule": .text(rule), "summary": .message(summary), "source": .message(source),
            "conventions": .list(conventions.map(MessageArg.message)), "warnings": .list(warnings.map(MessageArg.message)),
        ])
    }

    /// The explanation a `facts` message stands for (nil: not an explanation).
    public init?(facts m: Message) {
        guard m.key == "explanation", case .text(let rule)? = m.args["rule"], case .message(let summary)? = m.args["summary"],
              case .message(let source)? = m.args["source"] else { return nil }
        func messages(_ name: String) -> [Message] {
            guard case .list(let items)? = m.args[name] else { return [] }
            return items.compactMap { if case .message(let x) = $0 { x } else { nil } }
        }
        self.init(rule: rule, summary: summary, source: source, conventions: messages("conventions"), warnings: messages("warnings"))
    }
}
