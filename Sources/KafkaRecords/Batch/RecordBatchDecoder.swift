import KafkaCompression

/// A fully decoded RecordBatch v2: header, position, CRC check and every record.
public struct RecordBatch: Sendable, Hashable, Codable {
    /// The parsed header.
    public var header: RecordBatchHeader
    /// Byte position of the batch in the decoded input.
    public var position: Int
    /// CRC-32C computed over bytes 21…end.
    public var computedCRC: UInt32
    /// The records in stored order.
    public var records: [BatchRecord]

    /// Creates a decoded batch from its parts.
    public init(header: RecordBatchHeader, position: Int, computedCRC: UInt32, records: [BatchRecord]) {
        self.header = header
        self.position = position
        self.computedCRC = computedCRC
        self.records = records
    }

    /// Whether the stored CRC matches the computed one.
    public var isValid: Bool { computedCRC == header.crc }

    /// The records as stored in `topic`/`partition`.
    public func storedRecords(topic: String, partition: Int32) -> [StoredRecord] {
        records.map { StoredRecord($0, topic: topic, partition: partition) }
    }
}

/// Decodes RecordBatch v2 bytes into ``RecordBatch`` values (Java `DefaultRecordBatch`,
/// kafka-python `DefaultRecordBatch`), decompressing through `KafkaCompression.makeCodec`.
///
/// For streaming or allocation-free reading use ``LogSegmentReader`` and a
/// ``RecordBatchDecompressor`` directly; this type wraps them.
public struct RecordBatchDecoder: Sendable {
    /// Ceiling on each batch's decompressed records block.
    public var decompressionLimit: Int
    /// Report (default) or throw on CRC mismatches.
    public var crcCheck: CRCCheck
    /// Where decompressing codecs come from.
    public var codecs: CompressionCodecProvider

    /// A decoder with the given ceiling, CRC policy and codecs.
    public init(
        decompressionLimit: Int = defaultDecompressionLimit,
        crcCheck: CRCCheck = .report,
        codecs: CompressionCodecProvider = .kafkaCompression
    ) {
        self.decompressionLimit = decompressionLimit
        self.crcCheck = crcCheck
        self.codecs = codecs
    }

    /// Decodes exactly one batch filling `bytes`; bytes after it are an error.
    public func decodeBatch(_ bytes: [UInt8]) throws(RecordBatchError) -> RecordBatch {
        var reader = LogSegmentReader(bytes, crcCheck: crcCheck)
        guard let frame = try reader.next() else {
            throw RecordBatchError(field: "baseOffset", offset: 0, reason: .truncated(needed: RecordBatchHeader.size, available: 0))
        }
        if !reader.isAtEnd {
            throw RecordBatchError(field: "batchLength", offset: 8, reason: .unconsumedBytes(bytes.count - reader.position))
        }
        return try decode(frame)
    }

    /// Decodes every batch of a concatenation (a `.log` segment), each with its position.
    public func decodeSegment(_ bytes: [UInt8]) throws(RecordBatchError) -> [RecordBatch] {
        var reader = LogSegmentReader(bytes, crcCheck: crcCheck)
        var decompressor = makeDecompressor()
        var batches: [RecordBatch] = []
        while let frame = try reader.next() {
            batches.append(try decode(frame, using: &decompressor))
        }
        return batches
    }

    /// Decodes the records of one located batch.
    public func decode(_ frame: RecordBatchFrame) throws(RecordBatchError) -> RecordBatch {
        var decompressor = makeDecompressor()
        return try decode(frame, using: &decompressor)
    }

    /// Decodes the records of one located batch with `decompressor`'s kept codecs and buffer
    /// (its ceiling applies, not ``decompressionLimit``).
    public func decode(_ frame: RecordBatchFrame, using decompressor: inout RecordBatchDecompressor) throws(RecordBatchError) -> RecordBatch {
        var iterator = try decompressor.records(of: frame)
        return RecordBatch(header: frame.header, position: frame.position, computedCRC: frame.computedCRC, records: try iterator.collect())
    }

    /// A decompressor with this decoder's ceiling and codecs.
    public func makeDecompressor() -> RecordBatchDecompressor {
        RecordBatchDecompressor(decompressionLimit: decompressionLimit, codecs: codecs)
    }
}
