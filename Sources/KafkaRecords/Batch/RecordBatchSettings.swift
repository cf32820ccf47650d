import KafkaCompression

/// The header fields a ``RecordBatchBuilder`` writes that do not follow from the records.
///
/// Defaults are what Java's producer writes for a non-idempotent producer: base offset 0,
/// leader epoch -1, no producer id/epoch/sequence, CreateTime, no compression. The derived
/// fields (batchLength, crc, lastOffsetDelta, base/max timestamp, recordsCount) are computed
/// unless overridden here (to re-encode a decoded batch exactly, use ``init(header:)``).
public struct RecordBatchSettings: Sendable, Hashable {
    /// Offset of the first record (0 from producers; the broker rewrites it).
    public var baseOffset: Int64 = 0
    /// Leader epoch (-1 from Java producers; kafka-python writes 0).
    public var partitionLeaderEpoch: Int32 = -1
    /// Codec for the records block; the codec comes from the builder's
    /// ``CompressionCodecProvider`` (`KafkaCompression.makeCodec` by default).
    public var compression: CompressionType = .none
    /// Codec level (`nil` = the codec's Kafka default).
    public var compressionLevel: Int? = nil
    /// The snappy framing written when ``compression`` is snappy: xerial (Java's, the default)
    /// or one raw block (librdkafka's). Readers accept both.
    public var snappyFraming: SnappyFraming = .xerial
    /// Timestamp type bit.
    public var timestampType: TimestampType = .createTime
    /// Transactional bit.
    public var isTransactional: Bool = false
    /// Control-batch bit.
    public var isControl: Bool = false
    /// Delete horizon (KIP-534): sets attributes bit 6 and becomes the base timestamp.
    public var deleteHorizonMs: Int64? = nil
    /// Producer id (-1 = none).
    public var producerId: Int64 = -1
    /// Producer epoch (-1 = none).
    public var producerEpoch: Int16 = -1
    /// Sequence of the first record (-1 = none).
    public var baseSequence: Int32 = -1
    /// Overrides the base timestamp (default: the delete horizon, else the first record's
    /// timestamp, else -1 for an empty batch).
    public var baseTimestamp: Int64? = nil
    /// Overrides the max timestamp (default: the largest record timestamp, -1 when empty).
    /// Set it to the append time for LogAppendTime batches.
    public var maxTimestamp: Int64? = nil
    /// Overrides lastOffsetDelta (default: the last record's offset delta, -1 when empty).
    public var lastOffsetDelta: Int32? = nil
    /// Writes these raw attributes instead of composing them (unknown bits included); the
    /// records are still compressed with ``compression``.
    public var rawAttributes: Int16? = nil

    /// Settings with every default; set fields afterwards or pass them here.
    public init(
        baseOffset: Int64 = 0,
        partitionLeaderEpoch: Int32 = -1,
        compression: CompressionType = .none,
        compressionLevel: Int? = nil,
        timestampType: TimestampType = .createTime,
        isTransactional: Bool = false,
        isControl: Bool = false,
        deleteHorizonMs: Int64? = nil,
        producerId: Int64 = -1,
        producerEpoch: Int16 = -1,
        baseSequence: Int32 = -1,
        snappyFraming: SnappyFraming = .xerial
    ) {
        self.baseOffset = baseOffset
        self.partitionLeaderEpoch = partitionLeaderEpoch
        self.compression = compression
        self.compressionLevel = compressionLevel
        self.timestampType = timestampType
        self.isTransactional = isTransactional
        self.isControl = isControl
        self.deleteHorizonMs = deleteHorizonMs
        self.producerId = producerId
        self.producerEpoch = producerEpoch
        self.baseSequence = baseSequence
        self.snappyFraming = snappyFraming
    }

    /// The codec options these settings compress with (level and snappy framing).
    public var compressionOptions: CompressionOptions {
        get { CompressionOptions(level: compressionLevel, snappyFraming: snappyFraming) }
        set {
            compressionLevel = newValue.level
            snappyFraming = newValue.snappyFraming
        }
    }

    /// Settings that reproduce `header` exactly when the same records are appended with
    /// ``RecordBatchBuilder/append(_:)`` (raw attributes, timestamps and last offset delta
    /// copied; the codec taken from the attributes, `.none` if unknown).
    public init(header: RecordBatchHeader) {
        self.init(
            baseOffset: header.baseOffset,
            partitionLeaderEpoch: header.partitionLeaderEpoch,
            compression: header.attributes.compression ?? .none,
            timestampType: header.attributes.timestampType,
            isTransactional: header.attributes.isTransactional,
            isControl: header.attributes.isControl,
            deleteHorizonMs: header.deleteHorizonMs,
            producerId: header.producerId,
            producerEpoch: header.producerEpoch,
            baseSequence: header.baseSequence
        )
        baseTimestamp = header.baseTimestamp
        maxTimestamp = header.maxTimestamp
        lastOffsetDelta = header.lastOffsetDelta
        rawAttributes = header.attributes.rawValue
    }

    /// The attributes these settings write.
    public var attributes: RecordBatchAttributes {
        if let rawAttributes { return RecordBatchAttributes(rawValue: rawAttributes) }
        return RecordBatchAttributes(
            compression: compression,
            timestampType: timestampType,
            isTransactional: isTransactional,
            isControl: isControl,
            hasDeleteHorizon: deleteHorizonMs != nil
        )
    }
}
