import Testing
@testable import TerminalUI

/// The cells of row `y` as the terminal shows them (trailing spaces kept).
func row(_ f: Frame, _ y: Int) -> String {
    (0..<f.width).map { f[$0, y].text }.joined()
}

/// Display width of row `y`: what the terminal would advance after drawing it.
func rowWidth(_ f: Frame, _ y: Int) -> Int {
    (0..<f.width).reduce(0) { $0 + DisplayWidth.of(f[$1, y].text) }
}

/// Whether a scalar must never reach a terminal raw.
func isForbidden(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
        || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C || v == 0x2028 || v == 0x2029
}

/// Every scalar stored anywhere in the frame.
func scalars(_ f: Frame) -> [Unicode.Scalar] {
    f.cells.flatMap { Array($0.text.unicodeScalars) }
}

@Suite("Display width")
struct DisplayWidthTests {
    @Test func widthsByScript() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("Işık İnce") == 9)
        #expect(DisplayWidth.of("Ольга") == 5)
        #expect(DisplayWidth.of("مريم") == 4)
        #expect(DisplayWidth.of("李伟") == 4)
        #expect(DisplayWidth.of("田中 健二") == 9)
        #expect(DisplayWidth.of("김민준") == 6)
        #expect(DisplayWidth.of("ｶﾀｶﾅ") == 4)  // halfwidth katakana: 1 cell each
        #expect(DisplayWidth.of("ＡＢ") == 4)  // fullwidth Latin: 2 cells each
        #expect(DisplayWidth.of("👍") == 2)
    }

    @Test func combiningMarksAndZeroWidthTakeNoCell() {
        #expect(DisplayWidth.of("e\u{0301}") == 1)
        #expect(DisplayWidth.of("Bu\u{0300}i Thi\u{0323}") == 7)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("\u{FEFF}") == 0)
        #expect(DisplayWidth.of("\u{1B}") == 0)
    }

    @Test func clipAddsAnEllipsisWithinTheWidth() {
        #expect(DisplayWidth.clip("Lukas Becker", to: 20) == "Lukas Becker")
        #expect(DisplayWidth.clip("Lukas Becker", to: 6) == "Lukas…")
        #expect(DisplayWidth.of(DisplayWidth.clip("李伟李伟李伟", to: 6)) <= 6)
        #expect(DisplayWidth.clip("李伟李伟", to: 6) == "李伟…")
        #expect(DisplayWidth.clip("abc", to: 0) == "")
    }

    @Test func padFillsToExactlyTheWidth() {
        for text in ["", "abc", "李伟", "Işıklı", "e\u{0301}e\u{0301}", "a very long name that is cut", "李伟李伟李伟李伟"] {
            for width in [1, 2, 5, 10] {
                #expect(DisplayWidth.of(DisplayWidth.pad(text, to: width)) == width, "pad(\(text), \(width))")
            }
        }
    }
}

@Suite("Sanitizing")
struct SanitizerTests {
    @Test func controlAndBidiCharactersAreRemoved() {
        #expect(TextSanitizer.clean("a\u{1B}[31mred\u{1B}[0m") == "a[31mred[0m")
        #expect(TextSanitizer.clean("evil\u{202E}txt.exe") == "eviltxt.exe")
        #expect(TextSanitizer.clean("\u{2066}isolated\u{2069}\u{200F}") == "isolated")
        #expect(TextSanitizer.clean("bell\u{07}del\u{7F}c1\u{9B}") == "belldelc1")
        #expect(TextSanitizer.clean("line\nbreak\ttab\rcr") == "line break tab cr")
        #expect(TextSanitizer.clean("Ayşe Işık · 李伟 · مريم") == "Ayşe Işık · 李伟 · مريم")
    }
}

@Suite("Frame")
struct FrameTests {
    @Test func putWritesAndReportsTheCellsUsed() {
        var f = Frame(width: 10, height: 2)
        let r0 = f.put("abc", x: 2, y: 1)
        #expect(r0 == 3)
        #expect(f.lines() == ["", "  abc"])
        #expect(f.text == "\n  abc")
    }

    @Test func putClipsToMaxWidthAndToTheFrame() {
        var f = Frame(width: 8, height: 3)
        let r1 = f.put("abcdefgh", x: 0, y: 0, maxWidth: 3)
        #expect(r1 == 3)
        let r2 = f.put("abcdefgh", x: 5, y: 1)
        #expect(r2 == 3)
        let r3 = f.put("abcdefgh", x: 6, y: 2, maxWidth: 10)
        #expect(r3 == 2)
        #expect(f.lines() == ["abc", "     abc", "      ab"])
        let r4 = f.put("x", x: 8, y: 0)
        #expect(r4 == 0)
        let r5 = f.put("x", x: 0, y: 3)
        #expect(r5 == 0)
        let r6 = f.put("x", x: 0, y: -1)
        #expect(r6 == 0)
    }

    @Test func putStartingLeftOfTheFrameDrawsOnlyTheVisiblePart() {
        var f = Frame(width: 6, height: 1)
        f.put("abcdef", x: -2, y: 0)
        #expect(f.lines() == ["cdef"])
    }

    /// Text starting left of the frame is clipped by the frame's right edge, not
    /// by the frame's width counted from x (which loses the last -x columns).
    @Test func putStartingLeftOfTheFrameReachesTheRightEdge() {
        var f = Frame(width: 6, height: 1)
        f.put("abcdefgh", x: -2, y: 0)
        #expect(f.lines() == ["cdefgh"])
    }

    @Test func wideCharactersTakeTwoCellsAndAreNeverSplit() {
        var f = Frame(width: 10, height: 3)
        let r7 = f.put("李伟明", x: 0, y: 0, maxWidth: 5)
        #expect(r7 == 4)
        #expect(f[0, 0].text == "李" && f[1, 0].text == "" && f[2, 0].text == "伟" && f[3, 0].text == "")
        #expect(f[4, 0].text == " ")
        // At the right edge: a wide character that does not fit is left out, not cut in half.
        let r8 = f.put("a李伟", x: 6, y: 1)
        #expect(r8 == 3)
        #expect(row(f, 1) == "      a李 ")
        #expect(rowWidth(f, 1) == 10)
        let r9 = f.put("田中 健二", x: 0, y: 2)
        #expect(r9 == 9)
        #expect(f.lines()[2] == "田中 健二")
        for y in 0..<3 { #expect(rowWidth(f, y) == 10) }
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var f = Frame(width: 6, height: 1)
        let r10 = f.put("e\u{0301}xo\u{0308}", x: 0, y: 0)
        #expect(r10 == 3)
        #expect(f[0, 0].text == "e\u{0301}")
        #expect(f[1, 0].text == "x")
        #expect(f[2, 0].text == "o\u{0308}")
        #expect(rowWidth(f, 0) == 6)
        // A mark with no letter before it in this text is dropped, not drawn alone.
        var g = Frame(width: 4, height: 1)
        let r11 = g.put("\u{0301}ab", x: 1, y: 0)
        #expect(r11 == 2)
        #expect(row(g, 0) == " ab ")
    }

    @Test func controlCharactersAndBidiOverridesNeverReachACell() {
        var f = Frame(width: 40, height: 4)
        f.put("\u{1B}[2J\u{1B}]0;pwned\u{07}name", x: 0, y: 0)
        f.put("Ahmed\u{202E}fdp.exe\u{202C}", x: 0, y: 1)
        f.put("tab\there\nnew\u{0}nul\u{9B}c1\u{7F}", x: 0, y: 2)
        f.box(Rect(x: 20, y: 0, width: 20, height: 4), title: "t\u{1B}itle\u{202E}")
        #expect(!scalars(f).contains(where: isForbidden))
        #expect(f.lines()[0].hasPrefix("[2J]0;pwnedname"))
        #expect(f.lines()[1].hasPrefix("Ahmedfdp.exe"))
        #expect(f.lines()[2].hasPrefix("tab here newnulc1"))
        #expect(f.lines()[0].contains(" title "))
    }

    /// A deterministic generator, so the fuzz below is repeatable.
    struct LCG {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    @Test func randomTextNeverBreaksTheGrid() {
        let pieces: [String] = ["a", "Z", " ", "ş", "İ", "ı", "李", "伟", "김", "ｶ", "Ａ", "👍", "\u{0301}", "\u{0308}", "\u{200B}", "\u{1B}",
                                "\u{07}", "\u{7F}", "\u{9B}", "\u{202E}", "\u{202A}", "\u{2066}", "\u{200F}", "\n", "\t", "م", "ر", "Ж", "·", "…"]
        var rng = LCG(state: 42)
        for _ in 0..<400 {
            var f = Frame(width: 12, height: 1)
            var text = ""
            for _ in 0..<rng.next(20) { text += pieces[rng.next(pieces.count)] }
            let x = rng.next(14) - 2
            let maxWidth = rng.next(3) == 0 ? nil : rng.next(14)
            let used = f.put(text, x: x, y: 0, maxWidth: maxWidth)
            #expect(!scalars(f).contains(where: isForbidden), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(rowWidth(f, 0) == 12, "row width for \(text.unicodeScalars.map { String($0.value, radix: 16) }) at \(x)")
            #expect(used <= (maxWidth ?? 14))
        }
    }

    /// An overlay drawn over a row of CJK names must not leave half a wide
    /// character behind: the row would be one cell too wide on the terminal.
    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var f = Frame(width: 6, height: 2)
        f.put("李伟明", x: 0, y: 0)
        f.put("│", x: 1, y: 0)  // over the right half of 李
        #expect(rowWidth(f, 0) == 6, "row is \(row(f, 0).debugDescription)")
        #expect(f[0, 0].text == " ")
        f.put("李伟明", x: 0, y: 1)
        f.put("a", x: 2, y: 1)  // over the left half of 伟
        #expect(rowWidth(f, 1) == 6, "row is \(row(f, 1).debugDescription)")
        #expect(f[3, 1].text == " ")
    }

    @Test func overlayBoxOverCJKTextKeepsEveryRowTheFrameWidth() {
        var f = Frame(width: 20, height: 5)
        for y in 0..<5 { f.put("李伟李伟李伟李伟李伟", x: 0, y: y) }
        f.fill(Rect(x: 3, y: 1, width: 9, height: 3))
        f.box(Rect(x: 3, y: 1, width: 9, height: 3), title: "Keys")
        for y in 0..<5 { #expect(rowWidth(f, y) == 20, "row \(y) is \(row(f, y).debugDescription)") }
    }

    @Test func fillRestyleAndBox() {
        var f = Frame(width: 6, height: 4)
        f.put("abcdef", x: 0, y: 0)
        f.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: .selected)
        #expect(row(f, 0) == "a  def")
        #expect(f[1, 0].style.reverse && !f[0, 0].style.reverse)
        f.restyle(y: 0, from: 4, to: 99) { $0.bold = true }
        #expect(f[4, 0].style.bold && f[5, 0].style.bold && !f[3, 0].style.bold)
        #expect(f[5, 0].text == "f")
        f.box(Rect(x: 0, y: 1, width: 6, height: 3))
        #expect(f.lines()[1...] == ["┌────┐", "│    │", "└────┘"])
        // Rects never go negative; fills outside the frame are ignored.
        #expect(Rect(x: 0, y: 0, width: -3, height: 2).width == 0)
        f.fill(Rect(x: -5, y: -5, width: 100, height: 100))
        #expect(f.text.allSatisfy { $0 == " " || $0 == "\n" })
    }

    @Test func framesCompareCellsAndCursor() {
        var a = Frame(width: 4, height: 1), b = Frame(width: 4, height: 1)
        #expect(a == b)
        a.cursor = (1, 0)
        #expect(a != b)
        b.cursor = (1, 0)
        #expect(a == b)
        b.put("x", x: 0, y: 0)
        #expect(a != b)
        #expect(Frame(width: 4, height: 1) != Frame(width: 2, height: 2))
    }
}

@Suite("Text field")
struct TextFieldTests {
    func edit(_ start: String, _ keys: [Key]) -> TextField {
        var field = TextField(start)
        for key in keys { _ = field.handle(key) }
        return field
    }

    @Test func typingInsertsAtTheCursor() {
        var field = TextField()
        for c in "2026-02-30" {
            let handled = field.handle(.character(c))
            #expect(handled)
        }
        #expect(field.text == "2026-02-30" && field.cursor == 10)
        let f = edit("Ayse", [.left, .left, .character("ş"), .delete])
        #expect(f.text == "Ayşe")
        #expect(f.cursor == 3)
    }

    @Test func commandLettersAreJustText() {
        let f = edit("", [.character("q"), .character("1"), .character("?"), .character("u"), .character("/"), .character(" ")])
        #expect(f.text == "q1?u/ ")
    }

    @Test func backspaceDeleteAndMovement() {
        #expect(edit("abc", [.backspace]).text == "ab")
        #expect(edit("abc", [.home, .backspace]).text == "abc")
        #expect(edit("abc", [.home, .delete]).text == "bc")
        #expect(edit("abc", [.delete]).text == "abc")
        #expect(edit("abc", [.left, .left, .left, .left]).cursor == 0)
        #expect(edit("abc", [.right, .right]).cursor == 3)
        #expect(edit("abc", [.control("a")]).cursor == 0)
        #expect(edit("abc", [.home, .control("e")]).cursor == 3)
        #expect(edit("abc", [.home, .end]).cursor == 3)
        #expect(edit("abc", [.control("u")]) == TextField(""))
    }

    @Test func controlCharactersAreNotInserted() {
        let f = edit("ab", [.character("\u{1B}"), .character("\u{7F}"), .character("\n"), .character("\u{07}")])
        #expect(f.text == "ab" && f.cursor == 2)
    }

    @Test func nonEditingKeysAreLeftToTheCaller() {
        var f = TextField("x")
        for key: Key in [.enter, .escape, .tab, .backTab, .up, .down, .pageUp, .pageDown, .resize, .function(1), .control("c")] {
            let handled = f.handle(key)
            #expect(!handled, "\(key)")
        }
        #expect(f == TextField("x"))
    }

    @Test func cursorColumnCountsDisplayWidth() {
        #expect(edit("李伟", []).cursorColumn == 4)
        #expect(edit("李伟", [.left]).cursorColumn == 2)
        #expect(edit("e\u{0301}x", []).cursorColumn == 2)
        #expect(edit("Işık", [.home, .right]).cursorColumn == 1)
    }

    @Test func insertsTextOnlyForCharacters() {
        #expect(Key.character("a").insertsText)
        #expect(!Key.enter.insertsText && !Key.control("a").insertsText && !Key.backspace.insertsText)
    }
}

@Suite("List cursor")
struct ListCursorTests {
    func moved(_ keys: [Key], count: Int, page: Int, from start: ListCursor = ListCursor()) -> ListCursor {
        var c = start
        for key in keys {
            let handled = c.handle(key, count: count, page: page)
            #expect(handled, "\(key)")
        }
        return c
    }

    @Test func movesAndStaysInsideTheList() {
        #expect(moved([.down, .down, .character("j")], count: 10, page: 5).selected == 3)
        #expect(moved([.down, .up, .character("k"), .up], count: 10, page: 5).selected == 0)
        #expect(moved(Array(repeating: .down, count: 20), count: 10, page: 5).selected == 9)
        #expect(moved([.character("G")], count: 10, page: 5) == ListCursor(selected: 9, offset: 5))
        #expect(moved([.end, .character("g")], count: 10, page: 5) == ListCursor(selected: 0, offset: 0))
        #expect(moved([.end, .home], count: 10, page: 5) == ListCursor(selected: 0, offset: 0))
    }

    @Test func pagesByOneLessThanThePage() {
        let c = moved([.pageDown], count: 100, page: 10)
        #expect(c.selected == 9 && c.offset == 0)
        let d = moved([.pageDown, .pageDown], count: 100, page: 10)
        #expect(d.selected == 18 && d.offset == 9)
        #expect(moved([.pageDown, .pageDown, .pageUp], count: 100, page: 10).selected == 9)
        #expect(moved([.pageUp], count: 100, page: 10).selected == 0)
        #expect(moved([.control("f"), .control("f"), .control("b")], count: 100, page: 10).selected == 9)
        #expect(moved(Array(repeating: .pageDown, count: 30), count: 100, page: 10) == ListCursor(selected: 99, offset: 90))
        // A one-row page still moves.
        #expect(moved([.pageDown], count: 5, page: 1).selected == 1)
    }

    @Test func theSelectionIsAlwaysInTheVisibleWindow() {
        var rng = FrameTests.LCG(state: 7)
        let keys: [Key] = [.down, .up, .pageDown, .pageUp, .home, .end]
        for _ in 0..<300 {
            let count = rng.next(40), page = 1 + rng.next(12)
            var c = ListCursor()
            for _ in 0..<rng.next(15) {
                _ = c.handle(keys[rng.next(keys.count)], count: count, page: page)
                #expect(c.selected >= 0 && c.offset >= 0)
                if count > 0 {
                    #expect(c.selected < count)
                    #expect(c.offset <= c.selected && c.selected < c.offset + page, "\(c) count \(count) page \(page)")
                    #expect(c.offset <= max(0, count - page))
                }
            }
        }
    }

    @Test func clampAfterTheListShrinks() {
        var c = ListCursor(selected: 40, offset: 35)
        c.clamp(count: 10, page: 5)
        #expect(c == ListCursor(selected: 9, offset: 5))
        c.clamp(count: 0, page: 5)
        #expect(c == ListCursor(selected: 0, offset: 0))
        var d = ListCursor(selected: 3, offset: 0)
        d.clamp(count: 10, page: 2)  // the window shrank (terminal resized)
        #expect(d == ListCursor(selected: 3, offset: 2))
        var e = ListCursor(selected: 8, offset: 8)
        e.clamp(count: 10, page: 5)  // a taller window shows more rows above
        #expect(e == ListCursor(selected: 8, offset: 5))
    }

    @Test func emptyListsAndOtherKeys() {
        var c = ListCursor()
        let r12 = c.handle(.down, count: 0, page: 5)
        #expect(r12)
        #expect(c == ListCursor())
        let r13 = c.handle(.end, count: 0, page: 5)
        #expect(r13)
        #expect(c == ListCursor())
        for key: Key in [.enter, .character("x"), .tab, .escape] {
            let handled = c.handle(key, count: 5, page: 5)
            #expect(!handled, "\(key)")
        }
    }
}

@MainActor
@Suite("Headless terminal")
struct HeadlessTerminalTests {
    @Test func queuesKeysAndRecordsFrames() {
        let t = HeadlessTerminal(width: 30, height: 5, keys: [.character("a"), .enter])
        #expect(t.size.width == 30 && t.size.height == 5)
        #expect(t.readKey(timeoutMilliseconds: 0) == .character("a"))
        #expect(t.readKey(timeoutMilliseconds: 0) == .enter)
        #expect(t.readKey(timeoutMilliseconds: 0) == nil)
        var f = Frame(width: 30, height: 5)
        f.put("hello", x: 0, y: 0)
        t.draw(f)
        #expect(t.frames.count == 1 && t.lastFrame == f)
    }
}
