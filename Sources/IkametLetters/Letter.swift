import IkametCore

/// A letter as blocks of text already in the letter's language, with the facts a page draws
/// (the permit timeline). Rendered as plain text (`TextLetter`) or a printable page (`HTMLLetter`).
public struct Letter: Sendable, Equatable {
    /// One part of the letter, in reading order.
    public enum Block: Sendable, Equatable {
        /// The office's name and contact, at the top.
        case letterhead([String])
        /// A line set to the right (the date).
        case right(String)
        /// Lines one under the other (the addressee, the identity table).
        case lines([String])
        /// Label and value pairs, aligned (the identity data of a petition).
        case fields([Field])
        /// A paragraph of running text.
        case paragraph(String)
        /// A heading before a list.
        case heading(String)
        /// A numbered list: each item's title and the lines under it.
        case numbered([Item])
        /// The closing and signature lines, at the bottom.
        case signature([String])
        /// The permit timeline (a drawing on the page; the text form leaves it out).
        case timeline(Timeline)

    }

    /// A label and its value (a line of a petition's identity table).
    public struct Field: Sendable, Equatable {
        public var label: String
        public var value: String
    }

    /// An item of a numbered list: its title and the lines under it.
    public struct Item: Sendable, Equatable {
        public var title: String
        public var details: [String]
    }

    /// The language code of the words (`tr`, `en`), for the page's `lang`.
    public var language: String
    /// The page title.
    public var title: String
    public var blocks: [Block]

    public init(language: String, title: String, blocks: [Block]) {
        self.language = language; self.title = title; self.blocks = blocks
    }
}

/// The facts of a client's permit timeline, with the words of its legend.
public struct Timeline: Sendable, Equatable {
    public struct Bar: Sendable, Equatable {
        public var from: CivilDate
        public var to: CivilDate
        public var label: String
    }
    public var from: CivilDate
    public var to: CivilDate
    public var today: CivilDate
    public var permits: [Bar]
    public var trips: [Bar]
    /// The extension window of the current permit (window opens – permit end), if any.
    public var window: Bar?
    /// Legend words: permits, trips abroad, today, extension window.
    public var legend: [String]
    /// A sentence describing the drawing (its text alternative).
    public var summary: String
    /// The first and last dates of the axis, in the letter's date format.
    public var fromLabel: String
    public var toLabel: String
}
