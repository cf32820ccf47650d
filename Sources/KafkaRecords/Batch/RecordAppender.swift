extension RecordBatchBuilder {
    /// Appends records through an appender lent to `body`: the fastest way to add many records.
    ///
    /// The builder's own `append` methods check, before each record, that its buffer is not
    /// shared with a copy of the builder. The appender checks once, here, and then writes record
    /// after record with its state in registers. Records appended before `body` throws stay in
    /// the batch; after ``finish()``, every append throws ``RecordBatchEncodingError/batchFinished``.
    ///
    /// ```swift
    /// try builder.withAppender { appender in
    ///     for event in events {
    ///         try appender.append(keyBytes: event.key, valueBytes: event.value, headers: event.headers, timestamp: event.time)
    ///     }
    /// }
    /// ```
    @inlinable
    public mutating func withAppender<Result, Failure: Error>(
        _ body: (inout RecordAppender) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        if !isFinished { makeStorageUnique() }
        var appender = RecordAppender(records, isOpen: !isFinished)
        defer { records = appender.records }
        return try body(&appender)
    }
}

/// Appends records to the batch of a ``RecordBatchBuilder`` inside
/// ``RecordBatchBuilder/withAppender(_:)``, with the same encoding, checks and errors as the
/// builder's `append` methods. It cannot be copied or kept: it lives as long as the call.
public struct RecordAppender: ~Copyable, RecordAppending {
    @usableFromInline var records: RecordWriter
    /// False when the batch was finished: appends throw.
    @usableFromInline let isOpen: Bool

    @inlinable
    init(_ records: RecordWriter, isOpen: Bool) {
        self.records = records
        self.isOpen = isOpen
    }

    /// Records in the batch so far (including those appended before this appender).
    @inlinable public var count: Int { Int(records.recordCount) }

    /// Header plus uncompressed records so far, in bytes.
    @inlinable public var sizeInBytes: Int { records.length }

    /// Appends a record without headers whose key and value are borrowed bytes (`nil` = null),
    /// with an absolute timestamp (ms); `offsetDelta` `nil` continues from the previous record.
    @inlinable @inline(__always)
    public mutating func append(
        keyBytes key: UnsafeRawBufferPointer?,
        valueBytes value: UnsafeRawBufferPointer?,
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        guard isOpen else { throw .batchFinished }
        try records.append(key: key, value: value, headers: NoHeaders(), timestamp: timestamp, offsetDelta: offsetDelta)
    }

    /// Appends a record whose key and value are borrowed bytes (`nil` = null), with headers
    /// encoded once (no reference count touched per header).
    @inlinable @inline(__always)
    public mutating func append(
        keyBytes key: UnsafeRawBufferPointer?,
        valueBytes value: UnsafeRawBufferPointer?,
        headers: EncodedRecordHeaders,
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        guard isOpen else { throw .batchFinished }
        try records.append(key: key, value: value, encodedHeaders: headers, timestamp: timestamp, offsetDelta: offsetDelta)
    }

    /// Appends a record whose key and value are borrowed bytes (`nil` = null), with its headers.
    @inlinable
    public mutating func append(
        keyBytes key: UnsafeRawBufferPointer?,
        valueBytes value: UnsafeRawBufferPointer?,
        headers: [RecordHeader],
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        guard isOpen else { throw .batchFinished }
        try RecordSizing.withHeaders(headers) { (headers) throws(RecordBatchEncodingError) in
            try records.append(key: key, value: value, headers: headers, timestamp: timestamp, offsetDelta: offsetDelta)
        }
    }
}
