import KafkaCompression

/// One batch found in a byte buffer: its parsed header, where it sits, and its CRC check;
/// the records are read on demand with ``records(decompressionLimit:)``.
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
    public var recordsRange: Range<Int> { (position + RecordBatchHeader.size)..<range.upperBound }
    /// The batch's bytes.
    public var bytes: ArraySlice<UInt8> { storage[range] }

    /// An iterator over the records, decompressing the records block first when needed.
    ///
    /// - Parameter decompressionLimit: ceiling on the decompressed size of the records block;
    ///   a block that would expand past it fails with
    ///   ``KafkaCompression/CompressionError/outputLimitExceeded(codec:limit:)``.
    /// - Parameter codecs: where the decompressing codec comes from.
    public func records(
        decompressionLimit: Int = defaultDecompressionLimit,
        codecs: CompressionCodecProvider = .kafkaCompression
    ) throws(RecordBatchError) -> RecordIterator {
        guard header.recordsCount >= 0 else {
            throw RecordBatchError(field: "recordsCount", offset: position + 57, reason: .invalidLength(Int64(header.recordsCount), available: recordsRange.count))
        }
        let attributes = header.attributes
        guard let codecType = attributes.compression else {
            throw RecordBatchError(field: "attributes", offset: position + RecordBatchHeader.crcCoverageStart, reason: .unknownCodec(bits: attributes.codecBits))
        }
        if codecType == .none {
            return RecordIterator(header: header, storage: storage, range: recordsRange, location: ByteLocation())
        }
        let block = recordsRange
        do throws(CompressionError) {
            var codec = try codecs.makeCodec(codecType, nil)
            var decompressed: [UInt8] = []
            try storage.withBytes { (buffer) throws(CompressionError) in
                try codec.decompress(UnsafeRawBufferPointer(rebasing: buffer[block]), appendingTo: &decompressed, limit: decompressionLimit)
            }
            return RecordIterator(
                header: header,
                storage: decompressed,
                range: 0..<decompressed.count,
                location: ByteLocation(origin: block.lowerBound, isDecompressed: true)
            )
        } catch {
            throw RecordBatchError(field: "records", offset: block.lowerBound, reason: .compression(error))
        }
    }
}
