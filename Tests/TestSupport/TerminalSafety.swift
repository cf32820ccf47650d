/// The acceptance oracle for output shown on a terminal, written independently of the code
/// it checks (kbench's `TerminalText`): no C0 control but newline and tab (and CR only as
/// part of CRLF, where a format's records end so), no DEL, valid UTF-8, no C1 control
/// U+0080–U+009F and no bidi control U+202A–U+202E / U+2066–U+2069.
package enum TerminalSafety {
    /// The first thing in `bytes` a terminal could interpret, described with its position;
    /// nil when there is none.
    package static func violation(in bytes: [UInt8], allowingCRLF: Bool = false) -> String? {
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x0A, 0x09: continue
            case 0x0D where allowingCRLF && index + 1 < bytes.count && bytes[index + 1] == 0x0A: continue
            case 0x00..<0x20, 0x7F: return "byte 0x\(String(byte, radix: 16)) at \(index)"
            default: continue
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return "invalid UTF-8" }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x80...0x9F).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
                return "U+\(String(value, radix: 16)) (a C1 or bidi control)"
            }
        }
        return nil
    }

    /// ``violation(in:allowingCRLF:)`` for text.
    package static func violation(in text: String, allowingCRLF: Bool = false) -> String? {
        violation(in: Array(text.utf8), allowingCRLF: allowingCRLF)
    }

    /// Hostile text: every byte 0x00–0xFF decoded as UTF-8 (invalid ones as U+FFFD), ESC/CSI/
    /// OSC sequences (a title change, colours, clear screen), 8-bit CSI and other C1 controls,
    /// bidi overrides, CRLF — and printable Vietnamese, CJK and emoji that must survive as is.
    package static let hostileStrings: [String] = [
        String(decoding: Array(UInt8.min...UInt8.max), as: UTF8.self),
        "k \u{1B}]0;PWNED\u{07}",
        "v \u{1B}[31mRED\u{1B}[0m",
        "h \u{1B}[2J",
        "c1 \u{9B}31m \u{85} \u{9D}0;t\u{9C}",
        "bidi \u{202E}cba\u{2066}x\u{2069}",
        "line\r\nbreak\ttab\u{7F}",
        printable,
    ]

    /// Printable text every escaping must keep unchanged.
    package static let printable = "Tiếng Việt 日本語 👋🏽"
}
