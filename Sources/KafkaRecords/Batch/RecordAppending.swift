/// What records can be appended to: ``RecordBatchBuilder`` and the ``RecordAppender`` it lends.
/// Each implements the borrowed-bytes append; the conveniences for arrays and producer
/// messages are written once, here, on top of it.
public protocol RecordAppending: ~Copyable {
    /// Appends a record whose key and value are borrowed bytes (`nil` = null), with its
    /// headers and an absolute timestamp (ms); `offsetDelta` `nil` continues from the previous
    /// record (0 for the first).
    mutating func append(
        keyBytes key: UnsafeRawBufferPointer?,
        valueBytes value: UnsafeRawBufferPointer?,
        headers: [RecordHeader],
        timestamp: Int64,
        offsetDelta: Int32?
    ) throws(RecordBatchEncodingError)
}

extension RecordAppending where Self: ~Copyable {
    /// Appends a record from arrays (`nil` = null) with an absolute timestamp (ms).
    ///
    /// - Parameters:
    ///   - key: the serialized key; `nil` is a null key.
    ///   - value: the serialized value; `nil` is a null value.
    ///   - headers: the record's headers, in order.
    ///   - timestamp: milliseconds since the Unix epoch.
    ///   - offsetDelta: `nil` continues from the previous record (0 for the first).
    @inlinable
    public mutating func append(
        key: [UInt8]?,
        value: [UInt8]?,
        headers: [RecordHeader] = [],
        timestamp: Int64,
        offsetDelta: Int32? = nil
    ) throws(RecordBatchEncodingError) {
        try RecordSizing.withOptionalBytes(key) { (key) throws(RecordBatchEncodingError) in
            try RecordSizing.withOptionalBytes(value) { (value) throws(RecordBatchEncodingError) in
                try append(keyBytes: key, valueBytes: value, headers: headers, timestamp: timestamp, offsetDelta: offsetDelta)
            }
        }
    }

    /// Appends a producer message; `defaultTimestamp` is used when it has none.
    @inlinable
    public mutating func append(_ message: ProducerMessage, defaultTimestamp: Int64) throws(RecordBatchEncodingError) {
        try append(key: message.key, value: message.value, headers: message.headers, timestamp: message.timestamp ?? defaultTimestamp)
    }
}
