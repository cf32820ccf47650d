// libFuzzer target: TerminalText, the one escaping rule for untrusted text on a terminal.
//
// Byte 0 of the input picks the allowed controls (bit 0: newline, bit 1: tab), the rest is
// the untrusted text. Checks, for every input:
// - the output holds no C0 control except an allowed one, no DEL, no C1 control, no bidi
//   control (U+202A–U+202E, U+2066–U+2069): nothing a terminal would interpret;
// - the String entry point, the bytes entry point (bytes decoded as UTF-8 first) and
//   appendEscaped (the byte-output fast path) agree;
// - text that needs no escaping comes back unchanged, and escaping is per character: the
//   output is the concatenation of each scalar's own escaped form, each printable scalar kept
//   as it is (so printable text between controls round-trips unchanged);
// - escaping is idempotent (an escaped text needs no further escaping).
import FuzzSupport
import FuzzedKBenchTerminal

/// libFuzzer's entry point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    guard let selector = bytes.first else { return 0 }
    var allowed: TerminalText.AllowedControls = .none
    if selector & 1 != 0 { allowed.insert(.newline) }
    if selector & 2 != 0 { allowed.insert(.tab) }
    let input = bytes.dropFirst()
    let shown = TerminalText.escaped(bytes: input, allowing: allowed)
    for scalar in shown.unicodeScalars {
        let value = scalar.value
        let allowedControl = (value == 0x0A && allowed.contains(.newline)) || (value == 0x09 && allowed.contains(.tab))
        fuzzCheck(value >= 0x20 || allowedControl, "control U+\(String(value, radix: 16)) in the output")
        fuzzCheck(!(0x7F...0x9F).contains(value), "DEL or C1 control U+\(String(value, radix: 16)) in the output")
        fuzzCheck(!(0x202A...0x202E).contains(value) && !(0x2066...0x2069).contains(value), "bidi control U+\(String(value, radix: 16)) in the output")
    }
    var appended: [UInt8] = [0x3E]
    TerminalText.appendEscaped(bytes: Array(input), to: &appended, allowing: allowed)
    fuzzCheck(appended == [0x3E] + Array(shown.utf8), "appendEscaped and escaped(bytes:) disagree")
    let text = String(decoding: input, as: UTF8.self)
    fuzzCheck(TerminalText.escaped(text, allowing: allowed) == shown, "the String and bytes entry points disagree")
    var expected = ""
    for scalar in text.unicodeScalars {
        if TerminalText.needsEscaping(scalar, allowed) {
            let one = TerminalText.escaped(String(scalar), allowing: allowed)
            fuzzCheck(one.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }, "escape of U+\(String(scalar.value, radix: 16)) is not printable ASCII: \(one)")
            fuzzCheck(one.hasPrefix("\\x") || one.hasPrefix("\\u"), "escape of U+\(String(scalar.value, radix: 16)) is not \\x or \\u: \(one)")
            expected += one
        } else {
            expected.unicodeScalars.append(scalar)
        }
    }
    fuzzCheck(expected == shown, "escaping is not per character")
    if !text.unicodeScalars.contains(where: { TerminalText.needsEscaping($0, allowed) }) {
        fuzzCheck(shown == text, "printable text changed")
    }
    fuzzCheck(TerminalText.escaped(shown, allowing: allowed) == shown, "escaping is not idempotent")
    return 0
}

/// The process entry point (SwiftPM links `main` to `FuzzTerminalText_main`): libFuzzer's driver.
@_cdecl("FuzzTerminalText_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv) { data, size in data.map { fuzz($0, size) } ?? 0 }
}
