import KafkaCompression

/// Encodes records into RecordBatch v2 bytes, batch after batch, reusing its buffers.
///
/// Records are written straight into the batch buffer (no per-record allocation once the
/// buffer has grown to the batch size); ``finish()`` compresses the records block when a
/// codec is set (through `KafkaCompression.makeCodec`, cached between batches), writes the
/// header and the CRC-32C. Offset deltas count up from 0 unless given; timestamp deltas are
/// relative to the first record's timestamp (or the settings' base timestamp / delete
/// horizon), and may be negative.
///
/// ```swift
/// var builder = RecordBatchBuilder(settings: RecordBatchSettings(producerId: 7, producerEpoch: 0, baseSequence: 0))
/// try builder.append(key: Array("k".utf8), value: Array("v".utf8), timestamp: 1_700_000_000_000)
/// let header = try builder.finish()
/// builder.withUnsafeBytes { batch in … }   // or builder.bytes
/// builder.reset(nextSettings)              // reuse the buffers for the next batch
/// ```
///
/// Not `Sendable`: it caches a codec whose C context must not be shared; use one builder per
/// task. For the fastest path, append borrowed slices with
/// ``append(keyBytes:valueBytes:headers:timestamp:offsetDelta:)``.
public struct RecordBatchBuilder {
    /// Batch bytes; `count` may exceed ``sizeInBytes`` (spare, already initialized room).
    @usableFromInline var buffer: [UInt8]
    /// Bytes of ``buffer`` in use.
    @usableFromInline var length: Int
    /// Settings of the batch being built.
    public private(set) var settings: RecordBatchSettings
    @usableFromInline var recordCount: Int32 = 0
    @usableFromInline var resolvedBaseTimestamp: Int64? = nil
    @usableFromInline var maxTimestampSeen: Int64 = -1
    @usableFromInline var lastOffsetDeltaSeen: Int32 = -1
    @usableFromInline var nextOffsetDelta: Int32 = 0
    @usableFromInline var isFinished = false
    /// The header written by the last ``finish()`` (nil while building).
    public private(set) var finishedHeader: RecordBatchHeader? = nil
    /// Where codecs come from (`KafkaCompression.makeCodec` by default).
    public let codecs: CompressionCodecProvider
    var compressed: [UInt8] = []
    var codec: (any CompressionCodec)? = nil
    var codecLevel: Int? = nil

    /// A builder for a first batch with `settings`, its buffer sized for `capacity` bytes.
    public init(
        settings: RecordBatchSettings = RecordBatchSettings(),
        capacity: Int = 16 * 1024,
        codecs: CompressionCodecProvider = .kafkaCompression
    ) {
        buffer = [UInt8](repeating: 0, count: Swift.max(capacity, RecordBatchHeader.size))
        length = RecordBatchHeader.size
        self.settings = settings
        self.codecs = codecs
    }

    /// Starts a new batch with `settings`, keeping the buffers (and the cached codec).
    public mutating func reset(_ settings: RecordBatchSettings = RecordBatchSettings()) {
        self.settings = settings
        length = RecordBatchHeader.size
        recordCount = 0
        resolvedBaseTimestamp = nil
        maxTimestampSeen = -1
        lastOffsetDeltaSeen = -1
        nextOffsetDelta = 0
        isFinished = false
        finishedHeader = nil
    }

    /// Records appended to the current batch.
    public var count: Int { Int(recordCount) }

    /// Bytes of the batch so far: header plus uncompressed records while building, the final
    /// batch size after ``finish()``.
    public var sizeInBytes: Int { length }

    /// Appends a record with an absolute timestamp (ms).
    ///
    /// - Parameter offsetDelta: `nil` continues from the previous record (0 for the first).
    @inlinable
    public mutating func append(
        key: [UInt8]?,
        value: [UInt8]?,
        headers: [RecordHeader] = [],
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        let base = baseTimestamp(firstRecordBase: timestamp)
        let delta = offsetDelta ?? nextOffsetDelta
        let record = try plan(keyCount: key?.count, valueCount: value?.count, headers: headers, timestampDelta: timestamp &- base, offsetDelta: delta, attributes: 0)
        reserve(record.total)
        let start = length
        buffer.withUnsafeMutableBytes { raw in
            guard let destination = raw.baseAddress else { return }
            RecordSizing.withOptionalBytes(key) { key in
                RecordSizing.withOptionalBytes(value) { value in
                    RecordSizing.storeRecord(record, key: key, value: value, headers: headers, at: destination + start)
                }
            }
        }
        length = start &+ record.total
        noteAppended(timestamp: timestamp, offsetDelta: delta, base: base)
    }

    /// Appends a record whose key and value are borrowed buffers (`nil` = null).
    @inlinable
    public mutating func append(
        keyBytes key: UnsafeRawBufferPointer?,
        valueBytes value: UnsafeRawBufferPointer?,
        headers: [RecordHeader] = [],
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        let base = baseTimestamp(firstRecordBase: timestamp)
        let delta = offsetDelta ?? nextOffsetDelta
        let record = try plan(keyCount: key?.count, valueCount: value?.count, headers: headers, timestampDelta: timestamp &- base, offsetDelta: delta, attributes: 0)
        write(record, key: key, value: value, headers: headers)
        noteAppended(timestamp: timestamp, offsetDelta: delta, base: base)
    }

    /// Appends a producer message; `defaultTimestamp` is used when it has none.
    @inlinable
    public mutating func append(_ message: ProducerMessage, defaultTimestamp: Int64) throws(RecordBatchEncodingError) {
        try append(key: message.key, value: message.value, headers: message.headers, timestamp: message.timestamp ?? defaultTimestamp)
    }

    /// Appends a decoded record with its stored offset delta, timestamp delta and attributes,
    /// so that `RecordBatchSettings(header:)` plus every record of a batch re-encodes it
    /// byte for byte.
    public mutating func append(_ record: BatchRecord) throws(RecordBatchEncodingError) {
        let base = baseTimestamp(firstRecordBase: record.timestamp &- record.timestampDelta)
        let planned = try plan(
            keyCount: record.key?.count, valueCount: record.value?.count, headers: record.headers,
            timestampDelta: record.timestampDelta, offsetDelta: record.offsetDelta, attributes: record.attributes
        )
        RecordSizing.withOptionalBytes(record.key) { key in
            RecordSizing.withOptionalBytes(record.value) { value in
                write(planned, key: key, value: value, headers: record.headers)
            }
        }
        noteAppended(timestamp: base &+ record.timestampDelta, offsetDelta: record.offsetDelta, base: base)
    }

    /// The batch's base timestamp, fixed by the first record unless the settings give one.
    /// (Mutating only so that calling it never copies the builder.)
    @inlinable
    mutating func baseTimestamp(firstRecordBase: Int64) -> Int64 {
        resolvedBaseTimestamp ?? settings.baseTimestamp ?? settings.deleteHorizonMs ?? firstRecordBase
    }

    @inlinable
    mutating func noteAppended(timestamp: Int64, offsetDelta: Int32, base: Int64) {
        resolvedBaseTimestamp = base
        maxTimestampSeen = recordCount == 0 ? timestamp : Swift.max(maxTimestampSeen, timestamp)
        lastOffsetDeltaSeen = offsetDelta
        nextOffsetDelta = offsetDelta &+ 1
        recordCount &+= 1
    }

    /// Checks everything that can fail and sizes the record; nothing is written yet.
    /// (Mutating only so that calling it never copies the builder.)
    @inlinable
    mutating func plan(
        keyCount: Int?,
        valueCount: Int?,
        headers: [RecordHeader],
        timestampDelta: Int64,
        offsetDelta: Int32,
        attributes: Int8
    ) throws(RecordBatchEncodingError) -> PlannedRecord {
        guard !isFinished else { throw .batchFinished }
        guard recordCount < Int32.max else { throw .tooManyRecords }
        var body = 1 &+ Varint.size(of: timestampDelta) &+ Varint.size(of: offsetDelta)
        body &+= try RecordSizing.nullableField(keyCount, "key")
        body &+= try RecordSizing.nullableField(valueCount, "value")
        guard headers.count <= Int(Int32.max) else { throw .fieldTooLarge(field: "headers", size: headers.count) }
        body &+= Varint.size(of: Int32(headers.count))
        for header in headers {
            body &+= try RecordSizing.header(header)
        }
        guard body <= Int(Int32.max) else { throw .fieldTooLarge(field: "record", size: body) }
        let total = Varint.size(of: Int32(body)) &+ body
        guard length &+ total &- RecordBatchHeader.logOverhead <= Int(Int32.max) else {
            throw .fieldTooLarge(field: "batch", size: length &+ total)
        }
        return PlannedRecord(body: Int32(body), total: total, timestampDelta: timestampDelta, offsetDelta: offsetDelta, attributes: attributes)
    }

    /// Writes a planned record at the end of the buffer.
    @inlinable
    mutating func write(_ record: PlannedRecord, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, headers: [RecordHeader]) {
        reserve(record.total)
        let start = length
        buffer.withUnsafeMutableBytes { raw in
            guard let destination = raw.baseAddress else { return }
            RecordSizing.storeRecord(record, key: key, value: value, headers: headers, at: destination + start)
        }
        length = start &+ record.total
    }

    /// Makes room for `extra` more bytes (amortized doubling; no work once warm).
    @inlinable
    mutating func reserve(_ extra: Int) {
        let needed = length &+ extra
        if needed > buffer.count {
            buffer.append(contentsOf: repeatElement(0, count: Swift.max(needed, buffer.count &* 2) &- buffer.count))
        }
    }

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
        guard length &- RecordBatchHeader.logOverhead <= Int(Int32.max) else {
            throw .fieldTooLarge(field: "batch", size: length)
        }
        let empty = recordCount == 0
        var header = RecordBatchHeader(
            baseOffset: settings.baseOffset,
            batchLength: Int32(length &- RecordBatchHeader.logOverhead),
            partitionLeaderEpoch: settings.partitionLeaderEpoch,
            magic: RecordBatchHeader.magicV2,
            crc: 0,
            attributes: settings.attributes,
            lastOffsetDelta: settings.lastOffsetDelta ?? lastOffsetDeltaSeen,
            baseTimestamp: resolvedBaseTimestamp ?? settings.baseTimestamp ?? settings.deleteHorizonMs ?? -1,
            maxTimestamp: settings.maxTimestamp ?? (empty ? -1 : maxTimestampSeen),
            producerId: settings.producerId,
            producerEpoch: settings.producerEpoch,
            baseSequence: settings.baseSequence,
            recordsCount: recordCount
        )
        let end = length
        header.crc = buffer.withUnsafeMutableBytes { raw -> UInt32 in
            guard let base = raw.baseAddress else { return 0 }
            header.store(at: base)
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[RecordBatchHeader.crcCoverageStart..<end]))
            raw.storeBytes(of: crc.bigEndian, toByteOffset: 17, as: UInt32.self)
            return crc
        }
        isFinished = true
        finishedHeader = header
        return header
    }

    /// Replaces the records block with its compressed form.
    mutating func compressRecords() throws(RecordBatchEncodingError) {
        let type = settings.compression
        var codec: any CompressionCodec
        if let cached = self.codec, cached.type == type, codecLevel == settings.compressionLevel {
            codec = cached
        } else {
            do { codec = try codecs.makeCodec(type, settings.compressionLevel) } catch { throw .compression(error) }
        }
        self.codec = nil  // keep the codec's buffers uniquely referenced while it works
        var output = compressed
        compressed = []
        output.removeAll(keepingCapacity: true)
        let end = length
        do {
            try buffer.withBytes { (raw) throws(CompressionError) in
                try codec.compress(UnsafeRawBufferPointer(rebasing: raw[RecordBatchHeader.size..<end]), appendingTo: &output)
            }
        } catch {
            throw .compression(error)
        }
        length = RecordBatchHeader.size
        reserve(output.count)
        let start = length
        buffer.withUnsafeMutableBytes { raw in
            output.withUnsafeBytes { source in
                guard let base = raw.baseAddress, let from = source.baseAddress, source.count > 0 else { return }
                (base + start).copyMemory(from: from, byteCount: source.count)
            }
        }
        length = start &+ output.count
        compressed = output
        self.codec = codec
        codecLevel = settings.compressionLevel
    }

    /// Calls `body` with the batch bytes (complete after ``finish()``).
    @inlinable
    public func withUnsafeBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        let end = length
        return try buffer.withBytes { (raw) throws(Failure) -> Result in
            try body(UnsafeRawBufferPointer(rebasing: raw[0..<end]))
        }
    }

    /// A copy of the batch bytes (complete after ``finish()``).
    public var bytes: [UInt8] { Array(buffer[0..<length]) }
}

/// Encode everything at once.
public enum RecordBatchEncoder {
    /// Encodes `messages` into one batch; messages without a timestamp get `defaultTimestamp`
    /// (current time when `nil`).
    public static func encode(
        _ messages: [ProducerMessage],
        settings: RecordBatchSettings = RecordBatchSettings(),
        defaultTimestamp: Int64? = nil,
        codecs: CompressionCodecProvider = .kafkaCompression
    ) throws(RecordBatchEncodingError) -> [UInt8] {
        var builder = RecordBatchBuilder(settings: settings, capacity: estimatedCapacity(messages.count), codecs: codecs)
        let now = defaultTimestamp ?? currentTimeMillis()
        for message in messages {
            try builder.append(message, defaultTimestamp: now)
        }
        try builder.finish()
        return builder.bytes
    }

    /// Encodes decoded records with their stored deltas; with `RecordBatchSettings(header:)`
    /// of the batch they came from, the output equals the original uncompressed batch.
    public static func encode(
        _ records: [BatchRecord],
        settings: RecordBatchSettings,
        codecs: CompressionCodecProvider = .kafkaCompression
    ) throws(RecordBatchEncodingError) -> [UInt8] {
        var builder = RecordBatchBuilder(settings: settings, capacity: estimatedCapacity(records.count), codecs: codecs)
        for record in records {
            try builder.append(record)
        }
        try builder.finish()
        return builder.bytes
    }

    static func estimatedCapacity(_ count: Int) -> Int {
        RecordBatchHeader.size + Swift.min(count, 1 << 16) &* 64
    }
}
