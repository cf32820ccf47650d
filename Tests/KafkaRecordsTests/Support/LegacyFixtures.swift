import KafkaCompression
@testable import KafkaRecords

/// Hand-made legacy (magic 0/1) log entries, laid out as Apache Kafka's `LegacyRecord.java`
/// writes them, with a correct CRC-32 unless told otherwise.
enum LegacyFixtures {
    /// One log entry: `offset, size`, then `crc, magic, attributes, [timestamp], key, value`.
    static func entry(
        offset: Int64, magic: Int8 = 1, attributes: Int8 = 0, timestamp: Int64 = 1_700_000_000_000,
        key: [UInt8]?, value: [UInt8]?, keyLength: Int32? = nil
    ) -> [UInt8] {
        var body: [UInt8] = [UInt8(bitPattern: magic), UInt8(bitPattern: attributes)]
        if magic == 1 { body += bigEndian(timestamp) }
        body += bigEndian(keyLength ?? key.map { Int32($0.count) } ?? -1) + (key ?? [])
        body += bigEndian(value.map { Int32($0.count) } ?? -1) + (value ?? [])
        let crc = body.withUnsafeBytes { CRC32IEEE.checksum($0) }
        let message = bigEndian(crc) + body
        return bigEndian(offset) + bigEndian(Int32(message.count)) + message
    }

    /// A compressed wrapper entry around `inner` (log entries back to back).
    static func wrapper(offset: Int64, magic: Int8 = 1, codec: CompressionType, timestamp: Int64 = 1_700_000_000_000, inner: [UInt8], logAppendTime: Bool = false) throws -> [UInt8] {
        var compressed: [UInt8] = []
        var codecInstance = try makeCodec(codec)
        try inner.withUnsafeBytes { try codecInstance.compress($0, appendingTo: &compressed) }
        let attributes = Int8(codec.rawValue) | (logAppendTime ? 0x08 : 0)
        return entry(offset: offset, magic: magic, attributes: attributes, timestamp: timestamp, key: nil, value: compressed)
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}
