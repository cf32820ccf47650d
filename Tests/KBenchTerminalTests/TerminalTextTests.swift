import KBenchTerminal
import Testing

@Suite("TerminalText: the one escaping rule for text shown on a terminal")
struct TerminalTextTests {
    @Test("every single byte 0x00–0xFF: controls as \\xHH, printable ASCII as is, lone high bytes as U+FFFD")
    func everyByte() {
        for byte in UInt8.min...UInt8.max {
            let shown = TerminalText.escaped(bytes: [byte])
            let expected: String
            switch byte {
            case 0x00..<0x20, 0x7F:
                expected = "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            case 0x20..<0x7F:
                expected = String(UnicodeScalar(byte))
            default:
                expected = "\u{FFFD}"
            }
            #expect(shown == expected, "byte \(byte)")
            #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test("ESC, CSI and OSC sequences are shown, not interpreted")
    func escapeSequences() {
        #expect(TerminalText.escaped("\u{1B}[31mred\u{1B}[0m") == "\\x1b[31mred\\x1b[0m")
        #expect(TerminalText.escaped("\u{1B}]0;title\u{07}") == "\\x1b]0;title\\x07")
        #expect(TerminalText.escaped("a\rb\nc\td\u{08}") == "a\\x0db\\x0ac\\x09d\\x08")
        #expect(TerminalText.escaped("line 1\nline 2\tx\r", allowing: .multiLine) == "line 1\nline 2\tx\\x0d")
    }

    @Test("appendEscaped: printable ASCII copied as is, anything else as escaped(bytes:) spells it, after what is there")
    func appendEscaped() {
        for bytes: [UInt8] in [Array("user-42 {\"total\":12}".utf8), [0x6B, 0x1B, 0x5D, 0x07], [0xC2, 0x9B, 0xFF, 0x0A], Array(UInt8.min...UInt8.max), []] {
            for allowed: TerminalText.AllowedControls in [.none, .multiLine] {
                var output: [UInt8] = [0x3E]
                TerminalText.appendEscaped(bytes: bytes, to: &output, allowing: allowed)
                #expect(output == [0x3E] + Array(TerminalText.escaped(bytes: bytes, allowing: allowed).utf8), "\(bytes)")
            }
        }
    }

    @Test("allowed controls: only those named pass (CSV's CR with .carriageReturn), every other stays escaped")
    func allowedControls() {
        let allowed = TerminalText.AllowedControls.multiLine.union(.carriageReturn)
        #expect(TerminalText.escaped("a\r\nb\tc\u{1B}\u{0B}", allowing: allowed) == "a\r\nb\tc\\x1b\\x0b")
        #expect(TerminalText.escaped("a\r\n", allowing: .newline) == "a\\x0d\n")
        #expect(TerminalText.escaped("\u{7F}\u{9B}", allowing: TerminalText.AllowedControls(rawValue: .max)) == "\\x7f\\u009b")
    }

    @Test("C1 controls (as characters and as UTF-8) and bidi controls as \\uHHHH")
    func c1AndBidi() {
        #expect(TerminalText.escaped(bytes: [0xC2, 0x9B, 0x33, 0x31, 0x6D]) == "\\u009b31m")
        #expect(TerminalText.escaped("\u{85}\u{9D}") == "\\u0085\\u009d")
        #expect(TerminalText.escaped("abc\u{202E}cba\u{2066}x\u{2069}") == "abc\\u202ecba\\u2066x\\u2069")
        #expect(TerminalText.escaped("\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}") == "\\u202a\\u202b\\u202c\\u202d\\u2067\\u2068")
    }

    @Test("invalid UTF-8 becomes U+FFFD; the valid rest is kept")
    func invalidUTF8() {
        #expect(TerminalText.escaped(bytes: [0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
        #expect(TerminalText.escaped(bytes: [0xE1, 0xBB]) == "\u{FFFD}")  // truncated ệ
        #expect(TerminalText.escaped(bytes: [0xC0, 0x80]) == "\u{FFFD}\u{FFFD}")  // overlong NUL
        #expect(TerminalText.escaped(bytes: [0xED, 0xA0, 0x80]) == "\u{FFFD}\u{FFFD}\u{FFFD}")  // surrogate
    }

    @Test("Vietnamese, CJK, emoji and backslashes stay as they are")
    func printableUnchanged() {
        for text in ["Tiếng Việt có dấu: bình, Nguyễn, ờ ử ữ", "→ … € © ± \u{A0}¿", "日本語のテキスト", "👋🏽 👨‍👩‍👧 🇻🇳", "C:\\path\\x1b", "e\u{301}", ""] {
            #expect(TerminalText.escaped(text) == text)
            #expect(TerminalText.escaped(bytes: Array(text.utf8)) == text)
        }
    }
}

@Suite("TerminalText.printable: text shown as it is, or nil")
struct PrintableTextTests {
    @Test("printable UTF-8 with spaces comes back; controls, other whitespace, format characters, unassigned and invalid UTF-8 do not")
    func printable() {
        #expect(TerminalText.printable(Array("user-42 bình 日本 🙂".utf8)) == "user-42 bình 日本 🙂")
        #expect(TerminalText.printable([UInt8]()) == "")
        for refused in ["tab\there", "line\n", "esc\u{1b}[0m", "del\u{7f}", "c1\u{9b}", "nbsp\u{a0}", "rlo\u{202e}", "zw\u{200b}", "unassigned\u{378}"] {
            #expect(TerminalText.printable(Array(refused.utf8)) == nil, "\(refused.debugDescription)")
        }
        #expect(TerminalText.printable([0xff, 0x61]) == nil)
    }
}
