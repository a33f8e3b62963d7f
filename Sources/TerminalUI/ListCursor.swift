/// Selection and scroll position of a list, kept by the app between frames.
public struct ListCursor: Sendable, Equatable {
    public var selected: Int = 0
    public var offset: Int = 0

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Applies a navigation key for a list of `count` rows showing `page` at once.
    /// Returns false when the key is not a navigation key.
    public mutating func handle(_ key: Key, count: Int, page: Int) -> Bool {
        switch key {
        case .down, .character("j"): selected += 1
        case .up, .character("k"): selected -= 1
        case .pageDown, .control("f"): selected += max(1, page - 1)
        case .pageUp, .control("b"): selected -= max(1, page - 1)
        case .home, .character("g"): selected = 0
        case .end, .character("G"): selected = count - 1
        default: return false
        }
        clamp(count: count, page: page)
        return true
    }

    /// Keeps the selection inside the list and visible in a window of `page` rows.
    public mutating func clamp(count: Int, page: Int) {
        selected = max(0, min(selected, count - 1))
        if count == 0 { selected = 0 }
        let page = max(page, 1)
        if selected < offset { offset = selected }
        if selected >= offset + page { offset = selected - page + 1 }
        offset = max(0, min(offset, max(0, count - page)))
    }
}
