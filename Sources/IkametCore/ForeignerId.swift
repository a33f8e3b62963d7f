/// The foreigner identity number (YKN) check of RULES.md §10.
public enum ForeignerId {
    /// The result of checking a YKN.
    public enum Verdict: Equatable, Sendable {
        case valid
        /// Format is right but the Turkish ID checksum does not hold: a warning only.
        case checksumMismatch(Message)
        /// Not 11 digits starting with 99: an error.
        case invalid(Message)
    }

    /// Checks the format (hard) and the checksum (warning).
    public static func check(_ text: String) -> Verdict {
        let digits = text.unicodeScalars.map { $0.value >= 48 && $0.value <= 57 ? Int($0.value) - 48 : -1 }
        guard digits.count == 11, !digits.contains(-1) else {
            return .invalid(Message("foreigner-id.length", ["value": .text(text)]))
        }
        guard digits[0] == 9, digits[1] == 9 else {
            return .invalid(Message("foreigner-id.prefix", ["value": .text(text)]))
        }
        let odd = digits[0] + digits[2] + digits[4] + digits[6] + digits[8]
        let even = digits[1] + digits[3] + digits[5] + digits[7]
        let d10 = ((7 * odd - even) % 10 + 10) % 10
        let d11 = digits[0..<10].reduce(0, +) % 10
        if digits[9] != d10 || digits[10] != d11 {
            return .checksumMismatch(Message("foreigner-id.checksum", ["value": .text(text), "expected": .text(String(d10) + String(d11))]))
        }
        return .valid
    }
}
