import KafkaCompression

extension RecordBatchBuilder {
    /// Completes the batch: compresses the records block if a codec is set, writes the
    /// header and the CRC. Returns the header; the bytes are in ``bytes`` /
    /// ``withUnsafeBytes(_:)`` until the next ``reset(_:)``. Calling it twice returns the
    /// same header.
    @discardableResult
    public mutating func finish() throws(RecordBatchEncodingError) -> RecordBatchHeader {
        if let finishedHeader { return finishedHeader }
        if settings.compression != .none {
            try compressRecords()
        }
        let size = sizeInBytes
        guard size &- RecordBatchHeader.logOverhead <= Int(Int32.max) else {
            throw .fieldTooLarge(field: "batch", size: size)
        }
        var header = RecordBatchHeader(
            baseOffset: settings.baseOffset,
            batchLength: Int32(size &- RecordBatchHeader.logOverhead),
            partitionLeaderEpoch: settings.partitionLeaderEpoch,
            magic: RecordBatchHeader.magicV2,
            crc: 0,
            attributes: settings.attributes,
            lastOffsetDelta: settings.lastOffsetDelta ?? records.lastOffsetDeltaSeen,
            baseTimestamp: records.baseTimestamp(firstRecordBase: -1),
            maxTimestamp: settings.maxTimestamp ?? (records.recordCount == 0 ? -1 : records.maxTimestampSeen),
            producerId: settings.producerId,
            producerEpoch: settings.producerEpoch,
            baseSequence: settings.baseSequence,
            recordsCount: records.recordCount
        )
        if holdsCompressedBatch {
            header.crc = compressedBatch.withUnsafeMutableBytes { Self.seal($0, size: size, header: header) }
        } else {
            makeStorageUnique()
            header.crc = Self.seal(records.storage.prefix(size), size: size, header: header)
        }
        isFinished = true
        finishedHeader = header
        return header
    }

    /// Writes `header` at the start of `batch` and the CRC-32C of bytes 21..<size; returns the CRC.
    static func seal(_ batch: UnsafeMutableRawBufferPointer, size: Int, header: RecordBatchHeader) -> UInt32 {
        guard let base = batch.baseAddress else { return 0 }
        header.store(at: base)
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: batch[RecordBatchHeader.crcCoverageStart..<size]))
        batch.storeBytes(of: crc.bigEndian, toByteOffset: 17, as: UInt32.self)
        return crc
    }

    /// Compresses the records block into ``compressedBatch``, right after room for the header,
    /// with the cached codec (made again only when the codec or its options change).
    mutating func compressRecords() throws(RecordBatchEncodingError) {
        let type = settings.compression
        let options = settings.compressionOptions
        var codec: any CompressionCodec
        if let cached = self.codec, cached.type == type, codecOptions == options {
            codec = cached
        } else {
            do { codec = try codecs.codec(type, options: options) } catch { throw .compression(error) }
        }
        self.codec = nil  // keep the codec's contexts uniquely referenced while it works
        var output = compressedBatch
        compressedBatch = []
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: repeatElement(0, count: RecordBatchHeader.size))
        let block = UnsafeRawBufferPointer(rebasing: records.storage.prefix(records.length)[RecordBatchHeader.size...])
        var failure: CompressionError? = nil
        do { try codec.compress(block, appendingTo: &output) } catch { failure = error }
        compressedBatch = output
        self.codec = codec
        codecOptions = options
        if let failure { throw .compression(failure) }
        holdsCompressedBatch = true
    }

    /// Calls `body` with the batch bytes (complete after ``finish()``).
    @inlinable
    public func withUnsafeBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        if holdsCompressedBatch { return try compressedBatch.withBytes(body) }
        return try withExtendedLifetime(records.storage) { (storage) throws(Failure) -> Result in
            try body(UnsafeRawBufferPointer(storage.prefix(records.length)))
        }
    }

    /// A copy of the batch bytes (complete after ``finish()``).
    public var bytes: [UInt8] {
        holdsCompressedBatch ? compressedBatch : Array(UnsafeRawBufferPointer(records.storage.prefix(records.length)))
    }
}
