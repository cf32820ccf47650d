/// Byte-level formatting of per-key rows: keys as hex, CSV fields or JSON strings, and
/// partitions as decimals, appended to a reused buffer (no allocation per key).
enum PerKeyText {
    static let hexDigits = Array("0123456789abcdef".utf8)

    /// Why `key` cannot be written as text (not UTF-8, or a control character that would reach
    /// a terminal raw), or nil when it can. Printable ASCII takes a comparison per byte.
    static func problem(_ key: UnsafeRawBufferPointer) -> String? {
        var index = 0
        let count = key.count
        while index < count {
            let lead = key[index]
            if lead >= 0x20 && lead < 0x7f {
                index += 1
                continue
            }
            if lead < 0x20 || lead == 0x7f { return "holds control byte 0x\(hex(lead)) at offset \(index)" }
            guard let length = sequenceLength(lead) else {
                return "is not UTF-8 text (byte 0x\(hex(lead)) at offset \(index))"
            }
            guard index + length <= count else { return "is not UTF-8 text (truncated sequence at offset \(index))" }
            var scalar = UInt32(lead) & (0xff >> (length + 1))
            for offset in 1..<length {
                let byte = key[index + offset]
                guard byte & 0xc0 == 0x80 else { return "is not UTF-8 text (byte 0x\(hex(byte)) at offset \(index + offset))" }
                scalar = scalar << 6 | UInt32(byte & 0x3f)
            }
            let shortest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            guard scalar >= shortest, scalar <= 0x10ffff, scalar < 0xd800 || scalar > 0xdfff else {
                return "is not UTF-8 text (invalid sequence at offset \(index))"
            }
            if scalar >= 0x80 && scalar <= 0x9f { return "holds control character U+00\(hex(UInt8(scalar))) at offset \(index)" }
            index += length
        }
        return nil
    }

    /// The length of the UTF-8 sequence a lead byte starts (nil: not a lead byte).
    private static func sequenceLength(_ lead: UInt8) -> Int? {
        if lead >= 0xc2 && lead <= 0xdf { return 2 }
        if lead >= 0xe0 && lead <= 0xef { return 3 }
        if lead >= 0xf0 && lead <= 0xf4 { return 4 }
        return nil
    }

    /// True when `key` holds `first` or `second`.
    static func holds(_ key: UnsafeRawBufferPointer, _ first: UInt8, _ second: UInt8) -> Bool {
        var index = 0
        while index < key.count {
            if key[index] == first || key[index] == second { return true }
            index += 1
        }
        return false
    }

    private static func hex(_ byte: UInt8) -> String {
        String(decoding: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]], as: UTF8.self)
    }

    /// A write position in a buffer the caller sized for the row: appends are plain stores.
    struct Cursor {
        let base: UnsafeMutablePointer<UInt8>
        var position: Int

        /// Appends one byte.
        @inline(__always)
        mutating func append(_ byte: UInt8) {
            base[position] = byte
            position += 1
        }

        /// Appends raw bytes.
        mutating func append(_ bytes: UnsafeRawBufferPointer) {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            UnsafeMutableRawPointer(base + position).copyMemory(from: source, byteCount: bytes.count)
            position += bytes.count
        }

        /// Appends the UTF-8 of a (short, constant or column-name) string.
        mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
        }

        /// Appends `key` as lowercase hex.
        mutating func appendHex(_ key: UnsafeRawBufferPointer) {
            for byte in key {
                append(PerKeyText.hexDigits[Int(byte >> 4)])
                append(PerKeyText.hexDigits[Int(byte & 15)])
            }
        }

        /// Appends `key` as a CSV field: quoted (quotes doubled) when it holds a comma or quote.
        mutating func appendCSVField(_ key: UnsafeRawBufferPointer) {
            let quote = UInt8(ascii: "\"")
            guard PerKeyText.holds(key, UInt8(ascii: ","), quote) else { return append(key) }
            append(quote)
            for byte in key {
                if byte == quote { append(quote) }
                append(byte)
            }
            append(quote)
        }

        /// Appends `key` (printable UTF-8) as the inside of a JSON string.
        mutating func appendJSONString(_ key: UnsafeRawBufferPointer) {
            guard PerKeyText.holds(key, UInt8(ascii: "\""), UInt8(ascii: "\\")) else { return append(key) }
            for byte in key {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { append(UInt8(ascii: "\\")) }
                append(byte)
            }
        }

        /// Appends a non-negative partition in decimal.
        mutating func appendDecimal(_ value: Int32) {
            var remaining = UInt32(max(value, 0))
            var digits = 1
            var scale: UInt32 = 10
            while digits < 10, remaining >= scale {
                digits += 1
                scale = scale &* 10
            }
            var index = position + digits - 1
            repeat {
                base[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                index -= 1
            } while remaining > 0
            position += digits
        }
    }
}
