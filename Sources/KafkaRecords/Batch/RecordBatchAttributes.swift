import KafkaCompression

/// The `attributes` int16 of a RecordBatch v2 header.
///
/// Bits 0–2 codec (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd), bit 3 timestamp type
/// (1 = LogAppendTime), bit 4 transactional, bit 5 control batch, bit 6 delete horizon set
/// (the base timestamp then holds the delete horizon, KIP-534). Other bits are kept as read.
public struct RecordBatchAttributes: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The int16 as stored.
    public var rawValue: Int16

    static let codecMask: Int16 = 0x07
    static let timestampTypeBit: Int16 = 0x08
    static let transactionalBit: Int16 = 0x10
    static let controlBit: Int16 = 0x20
    static let deleteHorizonBit: Int16 = 0x40

    /// Wraps a stored attributes value.
    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// Builds attributes from their parts.
    public init(
        compression: CompressionType = .none,
        timestampType: TimestampType = .createTime,
        isTransactional: Bool = false,
        isControl: Bool = false,
        hasDeleteHorizon: Bool = false
    ) {
        var raw = Int16(compression.rawValue)
        if timestampType == .logAppendTime { raw |= Self.timestampTypeBit }
        if isTransactional { raw |= Self.transactionalBit }
        if isControl { raw |= Self.controlBit }
        if hasDeleteHorizon { raw |= Self.deleteHorizonBit }
        rawValue = raw
    }

    /// The codec bits (0–7; 5–7 are not defined by Kafka).
    public var codecBits: UInt8 { UInt8(truncatingIfNeeded: rawValue & Self.codecMask) }

    /// The codec, or `nil` when the codec bits are 5–7.
    public var compression: CompressionType? { CompressionType(rawValue: codecBits) }

    /// Bit 3: who set the timestamps.
    public var timestampType: TimestampType {
        rawValue & Self.timestampTypeBit != 0 ? .logAppendTime : .createTime
    }

    /// Bit 4: the batch belongs to a transaction.
    public var isTransactional: Bool { rawValue & Self.transactionalBit != 0 }

    /// Bit 5: a control batch (transaction markers, KRaft control records).
    public var isControl: Bool { rawValue & Self.controlBit != 0 }

    /// Bit 6: the base timestamp holds the delete horizon.
    public var hasDeleteHorizon: Bool { rawValue & Self.deleteHorizonBit != 0 }

    /// Kafka's codec name (`none`, `gzip`, …) or `unknown(N)`.
    public var compressionName: String {
        compression?.description ?? "unknown(\(codecBits))"
    }

    /// e.g. `0x0011 (gzip, CreateTime, transactional)`.
    public var description: String {
        var parts = [compressionName, timestampType.description]
        if isTransactional { parts.append("transactional") }
        if isControl { parts.append("control") }
        if hasDeleteHorizon { parts.append("delete horizon") }
        let hex = String(UInt16(bitPattern: rawValue), radix: 16)
        return "0x" + String(repeating: "0", count: 4 - hex.count) + hex + " (" + parts.joined(separator: ", ") + ")"
    }
}
