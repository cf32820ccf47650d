/// Compact JSON text as Jackson's `ObjectNode.toString()` writes it (what kafka-dump-log prints
/// for `__consumer_offsets`): no spaces, strings with `"` `\` escaped, the control characters
/// below U+0020 as `\b \t \n \f \r` or `\u00XX` (upper-case hex), everything else as is; bytes
/// as standard Base64 with padding (Jackson's `BinaryNode`).
struct JSONText {
    private(set) var text = ""
    private var needsComma = false

    /// `{`; fields follow with ``key(_:)``.
    mutating func openObject() { separate(); text += "{"; needsComma = false }
    /// `}`.
    mutating func closeObject() { text += "}"; needsComma = true }
    /// `[`.
    mutating func openArray() { separate(); text += "["; needsComma = false }
    /// `]`.
    mutating func closeArray() { text += "]"; needsComma = true }

    /// `"name":` inside an object.
    mutating func key(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &text)
        text += ":"
        needsComma = false
    }

    /// A number.
    mutating func number(_ value: some BinaryInteger) { separate(); text += "\(value)"; needsComma = true }
    /// A string, or `null`.
    mutating func string(_ value: String?) {
        separate()
        if let value { Self.appendQuoted(value, to: &text) } else { text += "null" }
        needsComma = true
    }
    /// Bytes as Base64, or `null`.
    mutating func base64(_ bytes: UnsafeRawBufferPointer?) {
        separate()
        if let bytes { text += "\"" + Self.base64(bytes) + "\"" } else { text += "null" }
        needsComma = true
    }
    /// Already formed JSON (a nested document).
    mutating func raw(_ json: String) { separate(); text += json; needsComma = true }

    private mutating func separate() {
        if needsComma { text += "," }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    static func appendQuoted(_ value: String, to text: inout String) {
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(value.utf8.count + 2)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
            case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
            case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case ..<0x20: bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        text += String(decoding: bytes, as: UTF8.self)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard Base64 (RFC 4648) with padding.
    static func base64(_ bytes: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let word = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(word >> 18 & 63)])
            out.append(alphabet[Int(word >> 12 & 63)])
            out.append(index + 1 < bytes.count ? alphabet[Int(word >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(word & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
