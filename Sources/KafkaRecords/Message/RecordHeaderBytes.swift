/// A record header whose key and value are borrowed bytes: the header form of the borrowed
/// key/value fast path (``RecordBatchBuilder/append(keyBytes:valueBytes:headerBytes:timestamp:offsetDelta:)``).
///
/// Appending from borrowed bytes copies them into the batch without touching a reference count
/// or allocating, where a `[RecordHeader]` held in a collection is retained and released around
/// each record. The pointers must stay valid for the duration of the `append` call only. Not
/// `Sendable`: it holds unsafe pointers.
public struct RecordHeaderBytes {
    /// The key's UTF-8 bytes (written as they are; Kafka keys are UTF-8 strings).
    public var key: UnsafeRawBufferPointer
    /// The value's bytes; `nil` is a null value.
    public var value: UnsafeRawBufferPointer?

    /// A header from borrowed key and value bytes.
    public init(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer?) {
        self.key = key
        self.value = value
    }
}
