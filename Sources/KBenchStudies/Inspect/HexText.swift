/// Hex renderings of bytes for inspection reports.
package enum HexText {
    /// `00 00 04 b2`: lowercase pairs separated by spaces; after `limit` bytes (0 = no limit)
    /// the rest is summarised as `… (+N bytes)`.
    package static func spaced(_ bytes: some Collection<UInt8>, limit: Int = 0) -> String {
        let shown = limit > 0 ? Array(bytes.prefix(limit)) : Array(bytes)
        var text = shown.map(pair).joined(separator: " ")
        if shown.count < bytes.count { text += " … (+\(bytes.count - shown.count) bytes)" }
        return text
    }

    /// One byte as two lowercase hex digits.
    package static func pair(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// The bytes as printable ASCII, `.` for anything else (the right column of a hex dump).
    package static func ascii(_ bytes: some Collection<UInt8>) -> String {
        String(bytes.map { $0 >= 0x20 && $0 < 0x7F ? Character(UnicodeScalar($0)) : "." })
    }
}
