
/// Colours a cell can ask for; the backend maps them to the terminal's palette.
public enum Color: Int, Sendable, Equatable, CaseIterable {
    case red = 1, green, yellow, blue, magenta, cyan
}

/// How a cell is drawn.
public struct Style: Sendable, Equatable, Hashable {
    public var color: Color?
    public var bold = false
    public var reverse = false
    public var dim = false
    public var underline = false

    public init(color: Color? = nil, bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.color = color; self.bold = bold; self.reverse = reverse; self.dim = dim; self.underline = underline
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let selected = Style(reverse: true)
    public static let dim = Style(dim: true)
}

/// One terminal cell: a character (or the right half of a wide one) and its style.
public struct Cell: Sendable, Equatable {
    /// The text in the cell; empty for the right half of a double-width character.
    public var text: String
    public var style: Style
    public init(_ text: String = " ", _ style: Style = .plain) { self.text = text; self.style = style }
}

/// A rectangle of cells.
public struct Rect: Sendable, Equatable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxY: Int { y + height }
    public var maxX: Int { x + width }
    /// The rectangle without `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}

/// A whole screen drawn by `view`: a grid of cells and where the cursor goes.
/// Everything written into it is sanitized: no control character reaches the terminal.
public struct Frame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// The visible cursor position (text fields), or nil to hide it.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public static func == (a: Frame, b: Frame) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` cells (and the frame), by display width.
    /// Returns the number of cells used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        var col = x, used = 0
        for ch in TextSanitizer.clean(text) {
            let w = DisplayWidth.of(String(ch))
            if w == 0 {
                // Zero-width: attach to the previous cell.
                if col > x, col - 1 >= 0, col - 1 < width { self[col - 1, y].text += String(ch) }
                continue
            }
            if used + w > limit { break }
            if col >= 0 {
                if w == 2 && col + 1 >= width {
                    set(col, y, Cell(" ", style))  // a wide character cannot start in the last column
                } else {
                    set(col, y, Cell(String(ch), style))
                    if w == 2 { set(col + 1, y, Cell("", style)) }
                }
            }
            col += w; used += w
        }
        return used
    }

    /// Writes one cell, blanking the other half of any double-width character it cuts through,
    /// so that a row always adds up to the frame's width.
    mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let old = self[x, y]
        let nextIsRightHalf = x + 1 < width && self[x + 1, y].text.isEmpty
        if old.text.isEmpty, !cell.text.isEmpty, x > 0 {
            // Cutting a wide character's right half: its left half goes.
            self[x - 1, y] = Cell(" ", self[x - 1, y].style)
        }
        if !old.text.isEmpty, nextIsRightHalf {
            // Cutting a wide character's left half: its right half goes.
            self[x + 1, y] = Cell(" ", self[x + 1, y].style)
        }
        self[x, y] = cell
    }

    /// Fills a rectangle with spaces in `style`.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        for yy in max(rect.y, 0)..<min(rect.maxY, height) {
            for xx in max(rect.x, 0)..<min(rect.maxX, width) { set(xx, yy, Cell(" ", style)) }
        }
    }

    /// Applies `style` to a row segment, keeping the text.
    public mutating func restyle(y: Int, from x0: Int, to x1: Int, _ transform: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        for xx in max(x0, 0)..<min(x1, width) { transform(&self[xx, y].style) }
    }

    /// Draws a box border with a title.
    public mutating func box(_ rect: Rect, title: String = "", style: Style = .plain) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        for xx in rect.x..<rect.maxX {
            put("─", x: xx, y: rect.y, style: style); put("─", x: xx, y: rect.maxY - 1, style: style)
        }
        for yy in rect.y..<rect.maxY {
            put("│", x: rect.x, y: yy, style: style); put("│", x: rect.maxX - 1, y: yy, style: style)
        }
        put("┌", x: rect.x, y: rect.y, style: style); put("┐", x: rect.maxX - 1, y: rect.y, style: style)
        put("└", x: rect.x, y: rect.maxY - 1, style: style); put("┘", x: rect.maxX - 1, y: rect.maxY - 1, style: style)
        if !title.isEmpty { put(" \(title) ", x: rect.x + 2, y: rect.y, style: .bold, maxWidth: rect.width - 4) }
    }

    /// The frame as plain text lines (snapshots, tests), trailing spaces removed.
    public func lines() -> [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += self[x, y].text }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
    }

    /// The frame as one text block.
    public var text: String { lines().joined(separator: "\n") }
}
