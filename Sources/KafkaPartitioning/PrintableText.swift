/// Whether bytes may be shown as text on a terminal: valid UTF-8 with no control characters
/// (C0, DEL, C1: escape sequences), no other whitespace than the space, no format characters
/// (bidirectional overrides, zero-width) and nothing unassigned.
public enum PrintableText {
    /// The bytes as text when they are printable, else nil.
    public static func text(_ bytes: some Collection<UInt8>) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let printable = text.unicodeScalars.allSatisfy { scalar in
            scalar == " " || !(scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
                || scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .unassigned)
        }
        return printable ? text : nil
    }
}
