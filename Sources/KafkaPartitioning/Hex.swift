/// Lowercase hex text: kbench's one hex encoder and decoder (golden vectors, `--key-hex`,
/// report cells, inspection dumps, chat topic escapes, generated keys and payloads). It lives
/// in the lowest module every user reaches: KBenchStudies, KBenchWorkloads and the CLI all
/// depend on KafkaPartitioning. (KafkaRecords and KBenchTerminal, below it, only print single
/// numbers with `String(_:radix:)`.)
public enum Hex {
    /// The lowercase digit of `nibble` (0…15; higher bits ignored). A table lookup: a compare
    /// would mispredict on random nibbles (UUID keys).
    @inlinable @inline(__always)
    public static func digit(_ nibble: UInt8) -> UInt8 {
        let digits: StaticString = "0123456789abcdef"
        return digits.utf8Start[Int(nibble & 0x0F)]
    }

    /// The value of the hex digit `character` (`0-9`, `a-f`, and `A-F` unless `lowercaseOnly`);
    /// nil for anything else.
    @inlinable
    public static func value(ofDigit character: UInt8, lowercaseOnly: Bool = false) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F") where !lowercaseOnly: return character &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    /// Appends the low `digits` hex digits of `value` to `text`, most significant first
    /// (`append(0x4b2, digits: 8, …)` → `000004b2`).
    @inlinable
    public static func append(_ value: UInt64, digits: Int, to text: inout [UInt8]) {
        for index in stride(from: digits - 1, through: 0, by: -1) {
            text.append(digit(UInt8(truncatingIfNeeded: value &>> UInt64(truncatingIfNeeded: index &* 4))))
        }
    }

    /// The bytes as lowercase hex pairs, `separator` between pairs (`encode([0, 4], separator: " ")`
    /// → `00 04`).
    public static func encode(_ bytes: some Collection<UInt8>, separator: String = "") -> String {
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * (2 + separator.utf8.count))
        for (index, byte) in bytes.enumerated() {
            if index > 0 { text.append(contentsOf: separator.utf8) }
            text.append(digit(byte &>> 4))
            text.append(digit(byte))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A 32-bit value as 8 lowercase hex digits.
    public static func word(_ value: UInt32) -> String {
        var text = [UInt8]()
        text.reserveCapacity(8)
        append(UInt64(value), digits: 8, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Bytes from hex text: pairs of `0-9`, `a-f`, `A-F`, with the bytes in `separators`
    /// skipped wherever they stand.
    ///
    /// - Throws: ``PartitioningError/invalidHex(offset:)`` with the UTF-8 offset of the first
    ///   byte that is neither a digit nor a separator, or with the text's length when the
    ///   digits are odd in number (without separators an odd length is reported first).
    public static func decode(_ text: some StringProtocol, skipping separators: [UInt8] = []) throws(PartitioningError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        if separators.isEmpty, utf8.count % 2 != 0 { throw .invalidHex(offset: utf8.count) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count / 2)
        var high: UInt8?
        for (offset, character) in utf8.enumerated() {
            if separators.contains(character) { continue }
            guard let value = value(ofDigit: character) else { throw .invalidHex(offset: offset) }
            if let pending = high {
                bytes.append(pending << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        guard high == nil else { throw .invalidHex(offset: utf8.count) }
        return bytes
    }
}
