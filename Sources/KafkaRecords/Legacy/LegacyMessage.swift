import KafkaCompression

/// One log entry in message format v0 or v1 (magic 0 or 1), as brokers before Kafka 0.11
/// stored it: `offset int64, size int32` (the 12-byte log header), then the message
/// `crc uint32, magic int8, attributes int8, [timestamp int64 (v1)], key bytes, value bytes`,
/// where `bytes` is an int32 length (negative = null) and the data.
///
/// Apache Kafka: clients' `record/LegacyRecord.java` (layout, CRC-32 over magic…end,
/// `isValid`) and `AbstractLegacyRecordBatch.java` (log entries). A parsed message holds its
/// fields and the positions of its key and value in the buffer it was read from; nothing is
/// copied.
public struct LegacyMessage: Sendable, Hashable {
    /// `offset int64, size int32` before each message.
    public static let logOverhead = 12
    /// Smallest v0 message: crc, magic, attributes, key length, value length.
    public static let minimumSizeV0 = 14
    /// Smallest v1 message: the v0 fields and the timestamp.
    public static let minimumSizeV1 = 22
    /// Bits 0–2 of the attributes: the codec of a wrapper message's value.
    static let codecMask: Int8 = 0x07
    /// Bit 3 of the attributes (v1): the timestamp was set by the broker.
    static let logAppendTimeBit: Int8 = 0x08

    /// The entry's offset: absolute in a log; for a message inside a compressed v1 wrapper,
    /// relative to the set (0…n−1); for one inside a v0 wrapper, absolute.
    public var offset: Int64
    /// Position of the log entry (its offset field) in the buffer.
    public var position: Int
    /// The message size declared after the offset (bytes from `crc` to the end).
    public var size: Int32
    /// The stored CRC-32.
    public var crc: UInt32
    /// CRC-32 (IEEE) computed over the magic byte to the end of the message.
    public var computedCRC: UInt32
    /// 0 or 1.
    public var magic: Int8
    /// Codec bits 0–2, timestamp type bit 3 (v1).
    public var attributes: Int8
    /// The stored timestamp (v1), -1 for v0.
    public var storedTimestamp: Int64
    /// The key length as stored (negative = null key).
    public var keySize: Int32
    /// The value length as stored (negative = null value).
    public var valueSize: Int32
    /// Position of the key bytes (after the key length) in the buffer.
    public var keyStart: Int
    /// Position of the value bytes (after the value length) in the buffer.
    public var valueStart: Int

    /// Whether the stored CRC matches the computed one (kafka-dump-log's `isvalid`).
    public var isValid: Bool { crc == computedCRC }
    /// Bytes of the entry in the log: the 12-byte log header and the message.
    public var sizeInBytes: Int { Self.logOverhead &+ Int(size) }
    /// The entry's bytes in the buffer.
    public var range: Range<Int> { position..<(position &+ sizeInBytes) }
    /// The key bytes in the buffer, or nil for a null key.
    public var key: Range<Int>? { keySize < 0 ? nil : keyStart..<(keyStart &+ Int(keySize)) }
    /// The value bytes in the buffer, or nil for a null value.
    public var value: Range<Int>? { valueSize < 0 ? nil : valueStart..<(valueStart &+ Int(valueSize)) }
    /// The codec bits (0 none, 1 gzip, 2 snappy, 3 lz4; 4 zstd is not valid before magic 2).
    public var codecBits: UInt8 { UInt8(truncatingIfNeeded: attributes & Self.codecMask) }
    /// Whether this is a compressed wrapper whose value holds a message set.
    public var isCompressed: Bool { codecBits != 0 }
    /// Kafka's codec name (`none`, `gzip`, …) or `unknown(N)`.
    public var compressionName: String {
        CompressionType(rawValue: codecBits)?.description ?? "unknown(\(codecBits))"
    }
    /// Who set the timestamp: nil for v0 (Kafka's `NoTimestampType`), else bit 3.
    public var timestampType: TimestampType? {
        guard magic > 0 else { return nil }
        return attributes & Self.logAppendTimeBit != 0 ? .logAppendTime : .createTime
    }

    /// Kafka's name of a legacy timestamp type: `NoTimestampType`, `CreateTime`, `LogAppendTime`.
    public static func timestampTypeName(_ type: TimestampType?) -> String {
        type?.description ?? "NoTimestampType"
    }

    /// Parses the log entry at `index`; every length is checked against the bytes left.
    ///
    /// Errors name the field and its absolute offset (through `location` when the bytes are a
    /// decompressed wrapper value). The CRC is computed, not enforced (see ``isValid``).
    @usableFromInline
    static func parse(
        _ bytes: UnsafeRawBufferPointer,
        at index: Int,
        location: ByteLocation,
        fieldPrefix: String = ""
    ) throws(RecordBatchError) -> LegacyMessage {
        var cursor = ByteCursor(bytes, from: index, location: location)
        let offset = try cursor.readInteger(Int64.self, fieldPrefix + "offset")
        let sizeStart = cursor.index
        let size = try cursor.readInteger(Int32.self, fieldPrefix + "size")
        guard size >= Self.minimumSizeV0 else {
            throw location.error(fieldPrefix + "size", at: sizeStart, .invalidLength(Int64(size), available: Swift.max(cursor.remaining, 0)))
        }
        guard Int(size) <= cursor.remaining else {
            throw location.error(fieldPrefix + "size", at: sizeStart, .truncated(needed: Int(size), available: cursor.remaining))
        }
        let messageStart = cursor.index
        cursor.end = messageStart &+ Int(size)
        let crc = try cursor.readInteger(UInt32.self, fieldPrefix + "crc")
        let magicStart = cursor.index
        let magic = try cursor.readInteger(Int8.self, fieldPrefix + "magic")
        guard magic == 0 || magic == 1 else {
            throw location.error(fieldPrefix + "magic", at: magicStart, .unsupportedMagic(magic))
        }
        let attributes = try cursor.readInteger(Int8.self, fieldPrefix + "attributes")
        var timestamp: Int64 = -1
        if magic == 1 {
            guard size >= Self.minimumSizeV1 else {
                throw location.error(fieldPrefix + "size", at: sizeStart, .invalidLength(Int64(size), available: Int(size)))
            }
            timestamp = try cursor.readInteger(Int64.self, fieldPrefix + "timestamp")
        }
        let keySize = try readLength(&cursor, fieldPrefix + "key")
        let keyStart = cursor.index
        cursor.index &+= Swift.max(Int(keySize), 0)
        let valueSize = try readLength(&cursor, fieldPrefix + "value")
        let valueStart = cursor.index
        let covered = UnsafeRawBufferPointer(rebasing: bytes[magicStart..<(messageStart &+ Int(size))])
        return LegacyMessage(
            offset: offset, position: index, size: size, crc: crc, computedCRC: CRC32IEEE.checksum(covered),
            magic: magic, attributes: attributes, storedTimestamp: timestamp,
            keySize: keySize, valueSize: valueSize, keyStart: keyStart, valueStart: valueStart
        )
    }

    /// An int32 length (negative = null, as Kafka's `Utils.sizeDelimited`) whose bytes must fit
    /// in the message.
    private static func readLength(_ cursor: inout ByteCursor, _ field: @autoclosure () -> String) throws(RecordBatchError) -> Int32 {
        let start = cursor.index
        let length = try cursor.readInteger(Int32.self, field())
        guard length < 0 || Int(length) <= cursor.remaining else {
            throw cursor.location.error(field(), at: start, .invalidLength(Int64(length), available: cursor.remaining))
        }
        return length
    }
}
