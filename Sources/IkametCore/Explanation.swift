/// Why a date or verdict is what it is: the rule, the numbers, the conventions
/// and the source. Every computed result carries one.
public struct Explanation: Codable, Sendable, Equatable, Hashable {
    /// The rule, e.g. "docs/rules.md §3 extension-deadline".
    public var rule: String
    /// One sentence with the numbers: what was computed from what.
    public var summary: String
    /// Where the rule comes from, e.g. "[law] Law 6458 Art. 24(2)".
    public var source: String
    /// The [ours] conventions and parameter values the result depends on.
    public var conventions: [String]
    /// Caveats, e.g. a year whose religious holidays the table does not list.
    public var warnings: [String]

    public init(rule: String, summary: String, source: String, conventions: [String] = [], warnings: [String] = []) {
        self.rule = rule; self.summary = summary; self.source = source
        self.conventions = conventions; self.warnings = warnings
    }

    /// The explanation as one paragraph of plain text.
    public var text: String {
        // An explanation read back from the store carries its whole text as the summary.
        var parts = [summary]
        if !rule.isEmpty || !source.isEmpty { parts.append("Rule: \(rule). Source: \(source).") }
        if !conventions.isEmpty { parts.append("Conventions: " + conventions.joined(separator: "; ") + ".") }
        if !warnings.isEmpty { parts.append("Warning: " + warnings.joined(separator: "; ") + ".") }
        return parts.joined(separator: " ")
    }
}
