import KafkaCompression

/// One batch found in a byte buffer: its parsed header, where it sits, and its CRC check;
/// the records are read on demand with ``records(decompressionLimit:codecs:)`` or a
/// ``RecordBatchDecompressor``.
public struct RecordBatchFrame: Sendable {
    /// The parsed 61-byte header.
    public let header: RecordBatchHeader
    /// Byte position of the batch in the input (for a `.log` file: the file position).
    public let position: Int
    /// CRC-32C computed over bytes 21…end of the batch.
    public let computedCRC: UInt32
    /// The input the batch was read from (shared, not copied).
    public let storage: [UInt8]

    @usableFromInline
    init(header: RecordBatchHeader, position: Int, computedCRC: UInt32, storage: [UInt8]) {
        self.header = header
        self.position = position
        self.computedCRC = computedCRC
        self.storage = storage
    }

    /// Whether the stored CRC matches the computed one (kafka-dump-log's `isvalid`).
    public var isValid: Bool { computedCRC == header.crc }
    /// The batch's bytes in ``storage``.
    public var range: Range<Int> { position..<(position + header.sizeInBytes) }
    /// The records block (compressed when the attributes name a codec).
    public var recordsRange: Range<Int> { Self.recordsRange(header, at: position) }
    /// The batch's bytes.
    public var bytes: ArraySlice<UInt8> { storage[range] }

    /// An iterator over the records, decompressing the records block first when needed.
    ///
    /// Makes a fresh codec and decompression buffer for this batch; to read batch after batch
    /// without allocating, use a ``RecordBatchDecompressor``.
    ///
    /// - Parameter decompressionLimit: ceiling on the decompressed size of the records block;
    ///   a block that would expand past it fails with
    ///   KafkaCompression's `CompressionError.outputLimitExceeded`.
    /// - Parameter codecs: where the decompressing codec comes from.
    public func records(
        decompressionLimit: Int = defaultDecompressionLimit,
        codecs: CompressionCodecProvider = .kafkaCompression
    ) throws(RecordBatchError) -> RecordIterator {
        var decompressor = RecordBatchDecompressor(decompressionLimit: decompressionLimit, codecs: codecs)
        return try decompressor.records(of: self)
    }

    /// The codec `header`'s attributes name, after checking that the record count is not
    /// negative (errors point into the batch at `position`). Inlined: two tests per batch; the
    /// errors are built out of line.
    @inlinable
    static func checkedCompression(_ header: RecordBatchHeader, at position: Int) throws(RecordBatchError) -> CompressionType {
        guard header.recordsCount >= 0, let codecType = header.attributes.compression else {
            throw compressionCheckError(header, at: position)
        }
        return codecType
    }

    /// The records block of the batch with `header` at `position`: after the 61-byte header, to
    /// the batch's end.
    @inlinable
    static func recordsRange(_ header: RecordBatchHeader, at position: Int) -> Range<Int> {
        (position &+ RecordBatchHeader.size)..<(position &+ header.sizeInBytes)
    }

    /// The error ``checkedCompression(_:at:)`` throws: a negative record count first, else the
    /// unknown codec bits.
    @usableFromInline
    static func compressionCheckError(_ header: RecordBatchHeader, at position: Int) -> RecordBatchError {
        guard header.recordsCount >= 0 else {
            let available = recordsRange(header, at: position).count
            return RecordBatchError(field: "recordsCount", offset: position + 57, reason: .invalidLength(Int64(header.recordsCount), available: available))
        }
        return RecordBatchError(field: "attributes", offset: position + RecordBatchHeader.crcCoverageStart, reason: .unknownCodec(bits: header.attributes.codecBits))
    }
}
