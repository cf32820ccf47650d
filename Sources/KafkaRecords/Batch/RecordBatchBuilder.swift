import KafkaCompression

/// Encodes records into RecordBatch v2 bytes, batch after batch, reusing its buffers.
///
/// Records are written straight into the records buffer, after room for the 61-byte header
/// (no per-record allocation once the buffer has grown to the batch size). ``finish()``
/// writes the header and the CRC-32C; with a codec set it first compresses the records block
/// straight after the header of a second buffer (no intermediate copy), through a codec
/// from ``codecs`` that is kept between batches. Offset deltas count up from 0 unless given;
/// timestamp deltas are relative to the first record's timestamp (or the settings' base
/// timestamp / delete horizon), and may be negative.
///
/// ```swift
/// var builder = RecordBatchBuilder(settings: RecordBatchSettings(producerId: 7, producerEpoch: 0, baseSequence: 0))
/// try builder.append(key: Array("k".utf8), value: Array("v".utf8), timestamp: 1_700_000_000_000)
/// let header = try builder.finish()
/// builder.withUnsafeBytes { batch in … }   // or builder.bytes
/// builder.reset(nextSettings)              // reuse the buffers for the next batch
/// ```
///
/// Once warm (buffers grown to the batch size, codec created), building a batch allocates
/// nothing (some codec libraries allocate inside their own calls: libsnappy per block, liblz4's
/// optimal parser at levels 10–12). Not `Sendable`: it caches a codec whose C context must not
/// be shared; use one builder per task. For the fastest path, append borrowed slices with
/// ``append(keyBytes:valueBytes:headerBytes:timestamp:offsetDelta:)``: no allocation and no
/// reference counting per record (arrays read out of a collection are retained and released
/// around each call).
public struct RecordBatchBuilder {
    /// Header room plus the uncompressed records; `count` may exceed ``length`` (spare,
    /// already initialized room). It is the batch itself when no codec is set.
    @usableFromInline var buffer: [UInt8]
    /// Bytes of ``buffer`` in use.
    @usableFromInline var length: Int
    /// Header plus compressed records, after ``finish()`` of a compressed batch.
    @usableFromInline var compressedBatch: [UInt8] = []
    /// Whether the finished batch is ``compressedBatch`` (else ``buffer``).
    @usableFromInline var holdsCompressedBatch = false
    /// Settings of the batch being built.
    public private(set) var settings: RecordBatchSettings
    @usableFromInline var recordCount: Int32 = 0
    @usableFromInline var resolvedBaseTimestamp: Int64? = nil
    @usableFromInline var maxTimestampSeen: Int64 = -1
    @usableFromInline var lastOffsetDeltaSeen: Int32 = -1
    @usableFromInline var nextOffsetDelta: Int32 = 0
    @usableFromInline var isFinished = false
    /// The header written by the last ``finish()`` (nil while building).
    public internal(set) var finishedHeader: RecordBatchHeader? = nil
    /// Where codecs come from (`KafkaCompression.makeCodec` by default).
    public let codecs: CompressionCodecProvider
    /// The codec of the last compressed batch and the options it was made with.
    var codec: (any CompressionCodec)? = nil
    var codecOptions = CompressionOptions()

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
        holdsCompressedBatch = false
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
    public var sizeInBytes: Int { holdsCompressedBatch ? compressedBatch.count : length }

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
        try RecordSizing.withHeaders(headers) { (headers) throws(RecordBatchEncodingError) in
            let record = try plan(keyCount: key?.count, valueCount: value?.count, headers: headers, timestampDelta: timestamp &- base, offsetDelta: delta, attributes: 0)
            RecordSizing.withOptionalBytes(key) { key in
                RecordSizing.withOptionalBytes(value) { value in
                    write(record, key: key, value: value, headers: headers)
                }
            }
        }
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
        try RecordSizing.withHeaders(headers) { (headers) throws(RecordBatchEncodingError) in
            let record = try plan(keyCount: key?.count, valueCount: value?.count, headers: headers, timestampDelta: timestamp &- base, offsetDelta: delta, attributes: 0)
            write(record, key: key, value: value, headers: headers)
        }
        noteAppended(timestamp: timestamp, offsetDelta: delta, base: base)
    }

    /// Appends a record whose key, value and headers are all borrowed bytes: the path that
    /// allocates nothing and touches no reference count per record.
    @inlinable
    public mutating func append(
        keyBytes key: UnsafeRawBufferPointer?,
        valueBytes value: UnsafeRawBufferPointer?,
        headerBytes headers: UnsafeBufferPointer<RecordHeaderBytes>,
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        let base = baseTimestamp(firstRecordBase: timestamp)
        let delta = offsetDelta ?? nextOffsetDelta
        let borrowed = BorrowedHeaders(headers)
        let record = try plan(keyCount: key?.count, valueCount: value?.count, headers: borrowed, timestampDelta: timestamp &- base, offsetDelta: delta, attributes: 0)
        write(record, key: key, value: value, headers: borrowed)
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
        try RecordSizing.withHeaders(record.headers) { (headers) throws(RecordBatchEncodingError) in
            let planned = try plan(
                keyCount: record.key?.count, valueCount: record.value?.count, headers: headers,
                timestampDelta: record.timestampDelta, offsetDelta: record.offsetDelta, attributes: record.attributes
            )
            RecordSizing.withOptionalBytes(record.key) { key in
                RecordSizing.withOptionalBytes(record.value) { value in
                    write(planned, key: key, value: value, headers: headers)
                }
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
    @inlinable @inline(__always)
    mutating func plan<Headers: EncodableHeaders>(
        keyCount: Int?,
        valueCount: Int?,
        headers: Headers,
        timestampDelta: Int64,
        offsetDelta: Int32,
        attributes: Int8
    ) throws(RecordBatchEncodingError) -> PlannedRecord {
        guard !isFinished else { throw .batchFinished }
        guard recordCount < Int32.max else { throw .tooManyRecords }
        var body = 1 &+ Varint.size(of: timestampDelta) &+ Varint.size(of: offsetDelta)
        body &+= try RecordSizing.nullableField(keyCount, "key")
        body &+= try RecordSizing.nullableField(valueCount, "value")
        body &+= try RecordSizing.headers(headers)
        guard body <= Int(Int32.max) else { throw .fieldTooLarge(field: "record", size: body) }
        let total = Varint.size(of: Int32(body)) &+ body
        guard length &+ total &- RecordBatchHeader.logOverhead <= Int(Int32.max) else {
            throw .fieldTooLarge(field: "batch", size: length &+ total)
        }
        return PlannedRecord(body: Int32(body), total: total, timestampDelta: timestampDelta, offsetDelta: offsetDelta, attributes: attributes)
    }

    /// Writes a planned record at the end of the buffer.
    @inlinable @inline(__always)
    mutating func write<Headers: EncodableHeaders>(_ record: PlannedRecord, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, headers: Headers) {
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
}
