/// The one rule for showing untrusted text (peer messages, record keys, header values, topic
/// names) on a terminal: nothing in it can move the cursor, recolour, retitle the window or
/// reorder the line, and every printable character stays as it is.
///
/// - C0 controls U+0000–U+001F, except those the caller allows (e.g. newline and tab for
///   multi-line output; a chat line allows none) → `\xHH`, lowercase hex (`ESC` → `\x1b`);
/// - DEL U+007F → `\x7f`;
/// - C1 controls U+0080–U+009F (`CSI` U+009B, …) → `\u009b`: `\u` and four lowercase hex digits;
/// - Unicode bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, the
///   "Trojan Source" characters) → `\u202e` likewise;
/// - invalid UTF-8 (bytes entry point) → U+FFFD;
/// - everything else (Vietnamese, CJK, emoji, the backslash itself) unchanged.
///
/// Text that needs no escaping is returned as is, without copying.
package enum TerminalText {
    /// C0 controls a caller lets through unchanged.
    package struct AllowedControls: OptionSet, Sendable, Hashable {
        /// The bit set: bit n allows U+000n (n < 32).
        package let rawValue: UInt32

        /// The set with these bits.
        package init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Line feed, U+000A.
        package static let newline = AllowedControls(rawValue: 1 << 0x0A)
        /// Horizontal tab, U+0009.
        package static let tab = AllowedControls(rawValue: 1 << 0x09)
        /// Carriage return, U+000D (CSV's CRLF record end; never for text a peer sent).
        package static let carriageReturn = AllowedControls(rawValue: 1 << 0x0D)
        /// Nothing allowed: the rule for one line of output (a chat line).
        package static let none: AllowedControls = []
        /// Newline and tab: the rule for multi-line text.
        package static let multiLine: AllowedControls = [.newline, .tab]

        func contains(control value: UInt32) -> Bool { rawValue & (1 << value) != 0 }
    }

    /// `text` with every control character and escape sequence shown escaped.
    package static func escaped(_ text: String, allowing allowed: AllowedControls = .none) -> String {
        guard mayNeedEscaping(text), text.unicodeScalars.contains(where: { needsEscaping($0, allowed) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            append(scalar, to: &result, allowed)
        }
        return result
    }

    /// `bytes` decoded as UTF-8 (invalid sequences become U+FFFD), escaped as ``escaped(_:allowing:)``.
    package static func escaped(bytes: some Collection<UInt8>, allowing allowed: AllowedControls = .none) -> String {
        escaped(String(decoding: bytes, as: UTF8.self), allowing: allowed)
    }

    /// Appends `bytes`, escaped as ``escaped(bytes:allowing:)``, to the UTF-8 `output`: the fast
    /// path for byte output (dump lines): printable ASCII, the common case, is copied as is
    /// without decoding.
    package static func appendEscaped(bytes: [UInt8], to output: inout [UInt8], allowing allowed: AllowedControls = .none) {
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            output += bytes
        } else {
            output += escaped(bytes: bytes, allowing: allowed).utf8
        }
    }

    /// Whether `scalar` is shown escaped under `allowed`.
    package static func needsEscaping(_ scalar: Unicode.Scalar, _ allowed: AllowedControls = .none) -> Bool {
        let value = scalar.value
        if value < 0x20 { return !allowed.contains(control: value) }
        if value < 0x7F { return false }
        if value <= 0x9F { return true }
        return isBidiControl(value)
    }

    /// A byte scan that clears most text at once: everything escaped starts with a byte below
    /// 0x20, DEL, 0xC2 (the lead byte of U+0080–U+00BF) or 0xE2 (of U+2000–U+2FFF). Vietnamese
    /// (0xC3–0xC6, 0xE1), CJK and emoji never take the slow path.
    private static func mayNeedEscaping(_ text: String) -> Bool {
        func scan(_ bytes: some Sequence<UInt8>) -> Bool {
            bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }
        }
        return text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(text.utf8)
    }

    private static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    private static func append(_ scalar: Unicode.Scalar, to result: inout String, _ allowed: AllowedControls) {
        guard needsEscaping(scalar, allowed) else {
            result.unicodeScalars.append(scalar)
            return
        }
        let value = scalar.value
        if value <= 0x7F {
            result += "\\x"
            appendHex(value, digits: 2, to: &result)
        } else {
            result += "\\u"
            appendHex(value, digits: 4, to: &result)
        }
    }

    private static let hexDigits: [Unicode.Scalar] = Array("0123456789abcdef".unicodeScalars)

    private static func appendHex(_ value: UInt32, digits: Int, to result: inout String) {
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            result.unicodeScalars.append(hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
