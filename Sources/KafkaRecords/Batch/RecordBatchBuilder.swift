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
/// ``append(keyBytes:valueBytes:timestamp:offsetDelta:)`` (headers: the overload taking
/// ``EncodedRecordHeaders``): no allocation and no reference counting per record (arrays read
/// out of a collection are retained and released around each call); for many records at once, the same call on the ``RecordAppender`` of
/// ``withAppender(_:)`` also skips the per-record copy-on-write check.
///
/// A copy of a builder is independent (value semantics): the records block is copied on the
/// first write after the copy.
public struct RecordBatchBuilder: RecordAppending {
    /// The records (after room for the header) and what the header needs to know about them.
    /// Its storage is the batch itself when no codec is set.
    @usableFromInline var records: RecordWriter
    /// Header plus compressed records, after ``finish()`` of a compressed batch.
    @usableFromInline var compressedBatch: [UInt8] = []
    /// Whether the finished batch is ``compressedBatch`` (else the records' storage).
    @usableFromInline var holdsCompressedBatch = false
    /// Settings of the batch being built.
    public private(set) var settings: RecordBatchSettings
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
        records = RecordWriter(capacity: capacity, settings: settings)
        self.settings = settings
        self.codecs = codecs
    }

    /// Starts a new batch with `settings`, keeping the buffers (and the cached codec).
    public mutating func reset(_ settings: RecordBatchSettings = RecordBatchSettings()) {
        self.settings = settings
        records.reset(settings)
        holdsCompressedBatch = false
        isFinished = false
        finishedHeader = nil
    }

    /// Records appended to the current batch.
    public var count: Int { Int(records.recordCount) }

    /// Bytes of the batch so far: header plus uncompressed records while building, the final
    /// batch size after ``finish()``.
    public var sizeInBytes: Int { holdsCompressedBatch ? compressedBatch.count : records.length }

    /// Appends a record whose key and value are borrowed buffers (`nil` = null).
    @inlinable
    public mutating func append(
        keyBytes key: UnsafeRawBufferPointer?,
        valueBytes value: UnsafeRawBufferPointer?,
        headers: [RecordHeader],
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        try RecordSizing.withHeaders(headers) { (headers) throws(RecordBatchEncodingError) in
            try prepareToWrite()
            try records.append(key: key, value: value, headers: headers, timestamp: timestamp, offsetDelta: offsetDelta)
        }
    }

    /// Appends a record without headers whose key and value are borrowed bytes (`nil` =
    /// null): the path that allocates nothing and touches no reference count per record.
    @inlinable @inline(__always)
    public mutating func append(
        keyBytes key: UnsafeRawBufferPointer?,
        valueBytes value: UnsafeRawBufferPointer?,
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        try prepareToWrite()
        try records.append(key: key, value: value, headers: NoHeaders(), timestamp: timestamp, offsetDelta: offsetDelta)
    }

    /// Appends a record whose key and value are borrowed bytes, with headers encoded once:
    /// allocates nothing and touches no reference count per header.
    @inlinable @inline(__always)
    public mutating func append(
        keyBytes key: UnsafeRawBufferPointer?,
        valueBytes value: UnsafeRawBufferPointer?,
        headers: EncodedRecordHeaders,
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        try prepareToWrite()
        try records.append(key: key, value: value, encodedHeaders: headers, timestamp: timestamp, offsetDelta: offsetDelta)
    }

    /// Appends a decoded record with its stored offset delta, timestamp delta and attributes,
    /// so that `RecordBatchSettings(header:)` plus every record of a batch re-encodes it
    /// byte for byte.
    public mutating func append(_ record: BatchRecord) throws(RecordBatchEncodingError) {
        try prepareToWrite()
        let base = records.baseTimestamp(firstRecordBase: record.timestamp &- record.timestampDelta)
        try RecordSizing.withHeaders(record.headers) { (headers) throws(RecordBatchEncodingError) in
            try RecordSizing.withOptionalBytes(record.key) { (key) throws(RecordBatchEncodingError) in
                try RecordSizing.withOptionalBytes(record.value) { (value) throws(RecordBatchEncodingError) in
                    try records.appendRecord(
                        key: key, value: value, headers: headers,
                        timestampDelta: record.timestampDelta, offsetDelta: record.offsetDelta, attributes: record.attributes
                    )
                }
            }
        }
        records.noteAppended(timestamp: base &+ record.timestampDelta, offsetDelta: record.offsetDelta, base: base)
    }

    /// Checks that records may be added and that the records' storage is not shared with a
    /// copy of this builder, before a record is written.
    @inlinable @inline(__always)
    mutating func prepareToWrite() throws(RecordBatchEncodingError) {
        guard !isFinished else { throw .batchFinished }
        makeStorageUnique()
    }

    /// Copies the records' storage if a copy of this builder shares it (value semantics).
    @inlinable @inline(__always)
    mutating func makeStorageUnique() {
        if !isKnownUniquelyReferenced(&records.storage) {
            records.storage = records.storage.copy(capacity: records.storage.capacity, keeping: records.length)
        }
    }
}
