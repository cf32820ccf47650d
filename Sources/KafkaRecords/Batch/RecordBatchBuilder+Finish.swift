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
            lastOffsetDelta: settings.lastOffsetDelta ?? lastOffsetDeltaSeen,
            baseTimestamp: resolvedBaseTimestamp ?? settings.baseTimestamp ?? settings.deleteHorizonMs ?? -1,
            maxTimestamp: settings.maxTimestamp ?? (recordCount == 0 ? -1 : maxTimestampSeen),
            producerId: settings.producerId,
            producerEpoch: settings.producerEpoch,
            baseSequence: settings.baseSequence,
            recordsCount: recordCount
        )
        if holdsCompressedBatch {
            header.crc = Self.seal(&compressedBatch, size: size, header: header)
        } else {
            header.crc = Self.seal(&buffer, size: size, header: header)
        }
        isFinished = true
        finishedHeader = header
        return header
    }

    /// Writes `header` at the start of `batch` and the CRC-32C of bytes 21..<size; returns the CRC.
    static func seal(_ batch: inout [UInt8], size: Int, header: RecordBatchHeader) -> UInt32 {
        batch.withUnsafeMutableBytes { raw -> UInt32 in
            guard let base = raw.baseAddress else { return 0 }
            header.store(at: base)
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[RecordBatchHeader.crcCoverageStart..<size]))
            raw.storeBytes(of: crc.bigEndian, toByteOffset: 17, as: UInt32.self)
            return crc
        }
    }

    /// Compresses the records block of ``buffer`` into ``compressedBatch``, right after room
    /// for the header, with the cached codec (made again only when the codec or its options
    /// change).
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
        let end = length
        let failure: CompressionError? = buffer.withUnsafeBytes { raw in
            do throws(CompressionError) {
                try codec.compress(UnsafeRawBufferPointer(rebasing: raw[RecordBatchHeader.size..<end]), appendingTo: &output)
                return nil
            } catch {
                return error
            }
        }
        compressedBatch = output
        self.codec = codec
        codecOptions = options
        if let failure { throw .compression(failure) }
        holdsCompressedBatch = true
    }

    /// Calls `body` with the batch bytes (complete after ``finish()``).
    @inlinable
    public func withUnsafeBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        let batch = holdsCompressedBatch ? compressedBatch : buffer
        let end = sizeInBytes
        return try batch.withBytes { (raw) throws(Failure) -> Result in
            try body(UnsafeRawBufferPointer(rebasing: raw[0..<end]))
        }
    }

    /// A copy of the batch bytes (complete after ``finish()``).
    public var bytes: [UInt8] {
        holdsCompressedBatch ? compressedBatch : Array(buffer[0..<length])
    }
}
