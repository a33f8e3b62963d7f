import IkametCore
import IkametText
import TerminalUI

/// One line of an attorney's morning list.
public struct DigestItem: Sendable, Equatable {
    public var clientId: String
    public var name: String
    public var item: DeadlineItem
    /// Who changed the client's file since yesterday, when it was changed.
    public var changedBy: String?

    public init(clientId: String, name: String, item: DeadlineItem, changedBy: String?) {
        self.clientId = clientId; self.name = name; self.item = item; self.changedBy = changedBy
    }
}

/// An attorney's morning list: what is new since yesterday, what is overdue, what is due within the horizon.
public struct DigestSection: Sendable, Equatable {
    /// The attorney's initials (nil: files with no attorney) and full name from the settings.
    public var attorney: String?
    public var attorneyName: String?
    public var new: [DigestItem]
    public var overdue: [DigestItem]
    public var upcoming: [DigestItem]

    public var isEmpty: Bool { new.isEmpty && overdue.isEmpty && upcoming.isEmpty }
}

/// The daily digest (`ikamet digest`): one section per attorney (docs/user-guide.md "Daily digest").
public struct Digest: Sendable, Equatable {
    public var today: CivilDate
    public var within: Int
    public var sections: [DigestSection]

    public init(today: CivilDate, within: Int, sections: [DigestSection]) {
        self.today = today; self.within = within; self.sections = sections
    }

    /// Sorts the items into sections: an item is new when it was not on yesterday's list (`yesterday`
    /// holds, per client, the keys of the items computed for yesterday) or its file changed since
    /// yesterday; every other item is overdue or upcoming. Each item is listed once.
    public static func make(today: CivilDate, within: Int, items: [(attorney: String?, item: DigestItem)],
                            yesterday: [String: Set<String>], attorneys: [(initials: String, name: String)],
                            fold: (String) -> String) -> Digest {
        var byAttorney: [String: (String?, [DigestItem])] = [:]
        var order: [String] = []
        for (a, i) in items {
            let key = a.map(fold) ?? ""
            if byAttorney[key] == nil { byAttorney[key] = (a, []); order.append(key) }
            byAttorney[key]?.1.append(i)
        }
        let sections = order.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }.compactMap { key -> DigestSection? in
            guard let (initials, list) = byAttorney[key] else { return nil }
            var section = DigestSection(attorney: initials, attorneyName: initials.flatMap { i in attorneys.first { fold($0.initials) == fold(i) }?.name },
                                        new: [], overdue: [], upcoming: [])
            for d in list {
                if d.changedBy != nil || !(yesterday[d.clientId]?.contains(Digest.key(of: d.item)) ?? false) {
                    section.new.append(d)
                } else if d.item.severity == .overdue {
                    section.overdue.append(d)
                } else {
                    section.upcoming.append(d)
                }
            }
            return section
        }
        return Digest(today: today, within: within, sections: sections)
    }

    /// The identity of an item from one day to the next: kind, application, date.
    public static func key(of item: DeadlineItem) -> String {
        item.kind.rawValue + "|" + (item.applicationId ?? "") + "|" + item.date.iso
    }
}

/// The digest as text (an e-mail body) or a small HTML page.
public enum DigestRendering {
    static func line(_ d: DigestItem, _ cat: Catalog) -> String {
        let when = d.item.daysLeft < 0 ? cat("digest.days-late", ["days": -d.item.daysLeft])
            : d.item.daysLeft == 0 ? cat("digest.today") : cat("digest.days-left", ["days": d.item.daysLeft])
        return cat("digest.item", ["mark": d.item.severity.mark, "date": d.item.date, "days": when, "name": d.name, "client": d.clientId,
                            "kind": d.item.kind.term, "reason": d.item.reason,
                            "changed": d.changedBy.map { cat("digest.changed-by", ["user": $0]) } ?? ""])
    }

    static func title(_ s: DigestSection, _ cat: Catalog) -> String {
        guard let initials = s.attorney else { return cat("digest.no-attorney") }
        return s.attorneyName.map { cat("digest.attorney-named", ["initials": initials, "name": $0]) } ?? cat("digest.attorney", ["initials": initials])
    }

    /// The three groups. The overdue and upcoming headings count every such item, new ones included, and say
    /// how many of them are listed above as new (an item is listed once).
    static func groups(_ s: DigestSection, _ d: Digest, _ cat: Catalog) -> [(String, [DigestItem])] {
        let newOverdue = s.new.filter { $0.item.severity == .overdue }.count, newUpcoming = s.new.count - newOverdue
        func also(_ n: Int) -> String { n == 0 ? "" : cat("digest.also-new", ["count": n]) }
        return [(cat("digest.group.new", ["count": s.new.count]), s.new),
                (cat("digest.group.overdue", ["count": s.overdue.count + newOverdue, "alsoNew": also(newOverdue)]), s.overdue),
                (cat("digest.group.upcoming", ["count": s.upcoming.count + newUpcoming, "days": d.within, "through": d.today.adding(days: d.within),
                                               "alsoNew": also(newUpcoming)]), s.upcoming)]
    }

    /// The subject line of the digest's e-mail.
    public static func subject(_ d: Digest, _ cat: Catalog) -> String {
        let count = d.sections.reduce(0) { $0 + $1.new.count + $1.overdue.count + $1.upcoming.count }
        return cat("digest.subject", ["date": d.today, "count": count])
    }

    public static func text(_ d: Digest, _ cat: Catalog) -> String {
        var out = [cat("digest.heading", ["date": d.today, "days": d.within])]
        if d.sections.isEmpty { out.append(""); out.append(cat("digest.nothing")) }
        for s in d.sections {
            out.append("")
            out.append(title(s, cat))
            out.append(String(repeating: "=", count: DisplayWidth.of(title(s, cat))))
            for (heading, list) in groups(s, d, cat) {
                out.append(heading)
                out += list.map { "  " + line($0, cat) }
            }
        }
        out.append("")
        out.append(cat("digest.footer"))
        return out.map { TextSanitizer.clean($0) }.joined(separator: "\n") + "\n"
    }

    public static func html(_ d: Digest, _ cat: Catalog) -> String {
        var body = ["<h1>\(HTMLLetter.escape(cat("digest.heading", ["date": d.today, "days": d.within])))</h1>"]
        if d.sections.isEmpty { body.append("<p>\(HTMLLetter.escape(cat("digest.nothing")))</p>") }
        for s in d.sections {
            body.append("<h2>\(HTMLLetter.escape(title(s, cat)))</h2>")
            for (heading, list) in groups(s, d, cat) {
                body.append("<h3>\(HTMLLetter.escape(heading))</h3>")
                // One item per line: a mail line stays well under RFC 5322's 998 bytes.
                if !list.isEmpty { body.append("<ul>\n" + list.map { "<li>\(HTMLLetter.escape(line($0, cat)))</li>" }.joined(separator: "\n") + "\n</ul>") }
            }
        }
        body.append("<p><small>\(HTMLLetter.escape(cat("digest.footer")))</small></p>")
        let style = #"body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; } h3 { font-size: 11pt; margin-bottom: 2pt; }"#
        return HTMLLetter.page(language: cat.code, title: subject(d, cat), style: style, body: body)
    }
}
