import KafkaCompression

extension RecordBatchDecompressor {
    /// The records of a legacy log entry: the message itself when uncompressed, else the inner
    /// messages of its value decompressed into the kept buffer with the kept codecs.
    ///
    /// gzip, snappy (xerial-framed, as Java wrote it, or a raw block) and lz4 are read; an lz4
    /// value under magic 0 is read with its frame-header checksum ignored, as Kafka's
    /// `Lz4BlockInputStream` does for the checksum that pre-0.10 clients computed over the wrong
    /// bytes (KAFKA-3160). zstd (codec 4) needs magic 2 and is refused, as Kafka refuses it.
    public mutating func records(of frame: LegacyMessageFrame) throws(RecordBatchError) -> LegacyRecordIterator {
        let message = frame.message
        guard message.isCompressed else { return LegacyRecordIterator(uncompressed: frame) }
        let attributesOffset = message.position &+ 17
        guard let type = CompressionType(rawValue: message.codecBits) else {
            throw RecordBatchError(field: "attributes", offset: attributesOffset, reason: .unknownCodec(bits: message.codecBits))
        }
        guard type != .zstd else {
            throw RecordBatchError(field: "attributes", offset: attributesOffset, reason: .unsupportedCodecForMagic(codecBits: message.codecBits, magic: message.magic))
        }
        guard let value = message.value else {
            throw RecordBatchError(field: "value", offset: message.valueStart &- 4, reason: .invalidLength(Int64(message.valueSize), available: 0))
        }
        let length: Int
        do throws(CompressionError) {
            let limit = decompressionLimit
            length = try frame.storage.withBytes { (bytes) throws(CompressionError) in
                let input = UnsafeRawBufferPointer(rebasing: bytes[value])
                if type == .lz4, message.magic == 0 {
                    buffer.removeAll(keepingCapacity: true)
                    try LZ4FrameCodec.decompressIgnoringHeaderChecksum(input, appendingTo: &buffer, limit: limit)
                    return buffer.count
                }
                return try decodeIntoBuffer(type, input)
            }
        } catch {
            throw RecordBatchError(field: "value", offset: value.lowerBound, reason: .compression(error))
        }
        return try LegacyRecordIterator(wrapper: message, inner: buffer, length: length, valueStart: value.lowerBound)
    }
}
