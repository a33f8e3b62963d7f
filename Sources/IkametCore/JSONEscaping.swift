/// The escaping of a JSON string's content, byte by byte (UTF-8 passes through; `"`, `\`
/// and control characters are escaped the way JSONEncoder writes them). The one definition
/// the canonical interchange writer and the catalogs' byte renderer both use.
public enum JSONEscaping {
    /// Whether `b` must be escaped inside a JSON string.
    @inlinable public static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

    /// Appends `b`, escaped when it must be.
    @inlinable public static func append(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(0x6E)
        case 0x0D: out.append(0x5C); out.append(0x72)
        case 0x09: out.append(0x5C); out.append(0x74)
        case 0x08: out.append(0x5C); out.append(0x62)
        case 0x0C: out.append(0x5C); out.append(0x66)
        case 0..<0x20:
            let digit = { (n: UInt8) -> UInt8 in n < 10 ? 0x30 + n : 0x57 + n }  // 0-9, a-f
            out += [0x5C, 0x75, 0x30, 0x30, digit(b >> 4), digit(b & 0xF)]
        default: out.append(b)
        }
    }
}
