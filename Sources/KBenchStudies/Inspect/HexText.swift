import KafkaPartitioning

/// Hex dumps of bytes for inspection reports (digits by KafkaPartitioning's ``Hex``).
package enum HexText {
    /// `00 00 04 b2`: lowercase pairs separated by spaces; after `limit` bytes (0 = no limit)
    /// the rest is summarised as `… (+N bytes)`.
    package static func spaced(_ bytes: some Collection<UInt8>, limit: Int = 0) -> String {
        let shown = limit > 0 ? bytes.prefix(limit) : bytes.prefix(bytes.count)
        var text = Hex.encode(shown, separator: " ")
        if shown.count < bytes.count { text += " … (+\(bytes.count - shown.count) bytes)" }
        return text
    }

    /// The bytes as printable ASCII, `.` for anything else (the right column of a hex dump).
    package static func ascii(_ bytes: some Collection<UInt8>) -> String {
        String(bytes.map { $0 >= 0x20 && $0 < 0x7F ? Character(UnicodeScalar($0)) : "." })
    }
}
