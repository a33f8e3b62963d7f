import Foundation
import Testing
@testable import TerminalUI

/// The one gate for output text (issue 9): every class of character that must not
/// reach a terminal raw is escaped in text and in JSON; everything else passes unchanged.
@Suite("Output gate")
struct OutputGateTests {
    /// One sample of every forbidden class: C0 (but newline and tab), DEL, C1, bidi, line/paragraph separators.
    static let forbidden: [UInt32] = Array(0x00...0x08) + [0x0B, 0x0C, 0x0D] + Array(0x0E...0x1F) + [0x7F]
        + Array(0x80...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069) + [0x200E, 0x200F, 0x061C, 0x2028, 0x2029]

    @Test("every forbidden scalar is escaped in text, visibly; newline and tab stay")
    func textEscapesEveryClass() throws {
        for v in Self.forbidden {
            let scalar = try #require(Unicode.Scalar(v))
            let cleaned = OutputGate.clean("a" + String(Character(scalar)) + "b")
            #expect(!cleaned.unicodeScalars.contains { OutputGate.isForbidden($0.value) && $0.value != 0x0A && $0.value != 0x09 },
                    "U+\(String(v, radix: 16)) left raw")
            #expect(cleaned == "a" + OutputGate.escaped(v) + "b", "U+\(String(v, radix: 16)): \(cleaned)")
        }
        #expect(OutputGate.clean("l1\n\tl2") == "l1\n\tl2")
        #expect(OutputGate.clean("Ali \u{1B}]0;PWNED\u{07}\u{1B}[31m") == "Ali \\u{1B}]0;PWNED\\u{7}\\u{1B}[31m")
    }

    @Test("ordinary text passes unchanged, Turkish, Arabic, CJK, emoji, dashes included")
    func ordinaryTextUnchanged() {
        let text = "Ayşe Işık – Çağrı · محمد · 李伟 · 🙂 · © · «»"
        #expect(OutputGate.clean(text) == text)
        #expect(OutputGate.cleanJSON(text) == text)
    }

    @Test("CRLF is kept only for ICS documents, and only before a newline")
    func crlf() {
        #expect(OutputGate.clean("a\r\nb", crlf: true) == "a\r\nb")
        #expect(OutputGate.clean("a\rb", crlf: true) == "a\\u{D}b")
        #expect(OutputGate.clean("a\r\nb") == "a\\u{D}\nb")
    }

    @Test("JSON: forbidden scalars become \\u escapes and the document still decodes to the same text")
    func json() throws {
        let value = "x\u{7F}\u{85}\u{202E}\u{2066}\u{2028}y"
        let encoded = String(decoding: try JSONEncoder().encode([value]), as: UTF8.self)
        let cleaned = OutputGate.cleanJSON(encoded)
        #expect(cleaned == #"["x\u007f\u0085\u202e\u2066\u2028y"]"#)
        #expect(try JSONDecoder().decode([String].self, from: Data(cleaned.utf8)) == [value])
    }

    @Test("invalid UTF-8 bytes become U+FFFD before the gate")
    func invalidUTF8() {
        let text = OutputGate.text(of: Data([0x61, 0xFF, 0xC3, 0x28, 0x62]))
        #expect(text == "a\u{FFFD}\u{FFFD}(b")
        #expect(OutputGate.clean(text) == text)
    }
}

@Suite("Output gate: UTF-8 check of the JSON fast path")
struct OutputGateUTF8Tests {
    @Test("well-formed UTF-8 is accepted; overlong forms, surrogates, stray and truncated bytes are not",
          arguments: [([0x61, 0xC3, 0xA7, 0xE2, 0x80, 0x93, 0xF0, 0x9F, 0x99, 0x82], true),
                       ([0xC0, 0xAF], false), ([0xE0, 0x80, 0xAF], false), ([0xED, 0xA0, 0x80], false),
                       ([0xF4, 0x90, 0x80, 0x80], false), ([0x80], false), ([0xE2, 0x80], false), ([0xFF], false)] as [([UInt8], Bool)])
    func validity(bytes: [UInt8], valid: Bool) {
        #expect(bytes.withUnsafeBufferPointer { OutputGate.isValidUTF8($0) } == valid, "\(bytes)")
    }
}

@Suite("Output gate: the word-at-a-time clean-text check")
struct OutputGateCleanTextTests {
    /// The check as first written: validate all, then look for a forbidden scalar at every byte.
    static func reference(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard OutputGate.isValidUTF8(b) else { return false }
        var i = 0
        while i < b.count {
            if let (length, scalar) = OutputGate.forbidden(b, i) {
                if scalar != 0x0A && scalar != 0x09 { return false }
                i += length
            } else {
                i += 1
            }
        }
        return true
    }

    @Test("agrees with the byte-by-byte check on every text of up to three pieces, at every offset of the eight-byte word")
    func agreesWithReference() {
        // Pieces that sit on the word test's edges: printable ASCII runs, allowed and forbidden controls, DEL,
        // letters of two to four bytes, bidi controls, C1 controls, and broken sequences.
        let pieces: [[UInt8]] = [[0x61], Array(repeating: 0x62, count: 9), [0x20], [0x7E], [0x1F], [0x0A], [0x09], [0x7F],
                                 [0x0D], [0x00], [0xC3, 0xA7], [0xE2, 0x80, 0x93], [0xE2, 0x80, 0xAE], [0xE2, 0x81, 0xA6],
                                 [0xC2, 0x85], [0xD8, 0x9C], [0xF0, 0x9F, 0x99, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
                                 [0xFF], [0xE2, 0x80]]
        var texts: [[UInt8]] = [[]]
        for _ in 0..<3 { texts += texts.filter { $0.count < 40 }.flatMap { t in pieces.map { t + $0 } } }
        var clean = 0, mismatches: [[UInt8]] = []
        for text in Set(texts) {
            for shift in 0..<9 {  // moves the pieces across word boundaries
                let bytes = Array(repeating: UInt8(0x61), count: shift) + text
                let (fast, slow) = bytes.withUnsafeBufferPointer { (OutputGate.isCleanText($0), Self.reference($0)) }
                if fast != slow { mismatches.append(bytes) }
                if slow { clean += 1 }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(clean > 1_000, "both verdicts occur: \(clean) clean")
    }

    @Test("a forbidden byte in the last word, or after a clean word, is found",
          arguments: [Array("abcdefgh\u{1B}".utf8), Array("abcdefghijklmno\u{7F}".utf8), Array("abcdefg\u{202E}x".utf8),
                      Array("12345678".utf8) + [0xC3]])
    func tail(bytes: [UInt8]) {
        #expect(!bytes.withUnsafeBufferPointer { OutputGate.isCleanText($0) })
    }
}
