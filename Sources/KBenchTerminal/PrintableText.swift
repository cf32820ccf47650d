extension TerminalText {
    /// The bytes as text when a terminal may show them as they are, else nil (callers then
    /// show hex or escape them): valid UTF-8 with no control characters (C0, DEL, C1: escape
    /// sequences), no other whitespace than the space, no format characters (bidirectional
    /// overrides, zero-width) and nothing unassigned. Stricter than ``escaped(_:allowing:)``,
    /// which keeps every printable character: this one also refuses text that would look
    /// different from its bytes (invisible or reordering characters).
    package static func printable(_ bytes: some Collection<UInt8>) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let printable = text.unicodeScalars.allSatisfy { scalar in
            scalar == " " || !(scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .unassigned)
        }
        return printable ? text : nil
    }
}
