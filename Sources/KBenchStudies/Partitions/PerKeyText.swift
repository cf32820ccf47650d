/// Byte-level formatting of per-key rows: keys as hex, CSV fields or JSON strings, and
/// partitions as decimals, appended to a reused buffer (no allocation per key).
enum PerKeyText {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Why `key` cannot be written as text (not UTF-8, or a control character that would reach
    /// a terminal raw), or nil when it can.
    static func problem(_ key: UnsafeRawBufferPointer) -> String? {
        var index = 0
        while index < key.count {
            let lead = key[index]
            let length: Int
            switch lead {
            case 0x00..<0x20, 0x7f: return "holds control byte 0x\(hex(lead)) at offset \(index)"
            case 0x00..<0x80: length = 1
            case 0xc2...0xdf: length = 2
            case 0xe0...0xef: length = 3
            case 0xf0...0xf4: length = 4
            default: return "is not UTF-8 text (byte 0x\(hex(lead)) at offset \(index))"
            }
            guard index + length <= key.count else { return "is not UTF-8 text (truncated sequence at offset \(index))" }
            var scalar = UInt32(lead) & (length == 1 ? 0x7f : 0xff >> (length + 1))
            for offset in 1..<max(length, 1) {
                let byte = key[index + offset]
                guard byte & 0xc0 == 0x80 else { return "is not UTF-8 text (byte 0x\(hex(byte)) at offset \(index + offset))" }
                scalar = scalar << 6 | UInt32(byte & 0x3f)
            }
            let shortest: UInt32 = [0, 0, 0x80, 0x800, 0x10000][length]
            guard scalar >= shortest, scalar <= 0x10ffff, !(0xd800...0xdfff).contains(scalar) else {
                return "is not UTF-8 text (invalid sequence at offset \(index))"
            }
            if (0x80...0x9f).contains(scalar) { return "holds control character U+00\(hex(UInt8(scalar))) at offset \(index)" }
            index += length
        }
        return nil
    }

    private static func hex(_ byte: UInt8) -> String {
        String(decoding: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]], as: UTF8.self)
    }

    /// Appends `key` as lowercase hex.
    static func appendHex(_ key: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        for byte in key {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 15)])
        }
    }

    /// Appends `key` as a CSV field: quoted (quotes doubled) when it holds a comma or quote.
    static func appendCSVField(_ key: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        guard key.contains(where: { $0 == UInt8(ascii: ",") || $0 == quote }) else {
            output.append(contentsOf: key)
            return
        }
        output.append(quote)
        for byte in key {
            if byte == quote { output.append(quote) }
            output.append(byte)
        }
        output.append(quote)
    }

    /// Appends `key` (printable UTF-8) as the inside of a JSON string.
    static func appendJSONString(_ key: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        for byte in key {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { output.append(UInt8(ascii: "\\")) }
            output.append(byte)
        }
    }

    /// Appends a non-negative partition in decimal.
    static func appendDecimal(_ value: Int32, to output: inout [UInt8]) {
        var remaining = UInt32(max(value, 0))
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                count += 1
            } while remaining > 0
            for index in stride(from: count - 1, through: 0, by: -1) { output.append(buffer[index]) }
        }
    }
}
