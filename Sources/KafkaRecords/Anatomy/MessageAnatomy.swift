/// What one message becomes on the wire: its serialized key, value and headers, the encoded
/// record with every field's byte range, and the same record inside a one-record
/// uncompressed RecordBatch v2 with the 61-byte batch overhead.
///
/// Everything is plain data (`Codable`), so an annotated hex view can be rendered from it:
///
/// ```swift
/// let anatomy = try MessageAnatomy(ProducerMessage(topic: "orders", key: Array("user-42".utf8),
///                                                  value: Array("{\"total\":12}".utf8)),
///                                  timestamp: 1_700_000_000_000)
/// for field in anatomy.recordFields { print(field.offset, field.length, field.label, field.value) }
/// // 0 1 length "26 bytes follow" … 5 7 key "\"user-42\"" …
/// ```
public struct MessageAnatomy: Sendable, Hashable, Codable {
    /// Fixed cost of a batch: its 61-byte header.
    public static let batchOverhead = RecordBatchHeader.size

    /// The message described.
    public var message: ProducerMessage
    /// The timestamp written (the message's, or the one supplied).
    public var timestamp: Int64
    /// The encoded record (length varint included).
    public var recordBytes: [UInt8]
    /// Fields of the record; offsets inside ``recordBytes``, shares of ``recordSize``.
    public var recordFields: [AnatomyField]
    /// Bytes per category of the record.
    public var recordShares: [AnatomyShare]
    /// The record inside a one-record batch (offsets inside the batch, shares of its size).
    public var batch: BatchAnatomy

    /// Encoded record size in bytes.
    public var recordSize: Int { recordBytes.count }
    /// Size of the one-record batch (record + 61).
    public var batchSize: Int { batch.size }

    /// Describes `message`; `timestamp` is used when the message has none (default 0 keeps
    /// the output reproducible). `settings` set the batch header fields (compression ignored:
    /// the anatomy is of the uncompressed form).
    public init(_ message: ProducerMessage, timestamp: Int64? = nil, settings: RecordBatchSettings = RecordBatchSettings()) throws(MessageAnatomyError) {
        var settings = settings
        settings.compression = .none
        let resolvedTimestamp = message.timestamp ?? timestamp ?? 0
        var builder = RecordBatchBuilder(settings: settings, capacity: 256)
        do {
            try builder.append(message, defaultTimestamp: resolvedTimestamp)
            try builder.finish()
        } catch {
            throw .encoding(error)
        }
        let batchBytes = builder.bytes
        let batch: BatchAnatomy
        do {
            batch = try BatchAnatomy(batch: batchBytes)
        } catch {
            throw .decoding(error)
        }
        let recordBytes = Array(batchBytes[RecordBatchHeader.size...])
        let prefix = "records[0]."
        self.message = message
        self.timestamp = resolvedTimestamp
        self.recordBytes = recordBytes
        recordFields = batch.fields.filter { $0.category != .batchHeader }.map { field in
            var field = field
            field.label = String(field.label.dropFirst(field.label.hasPrefix(prefix) ? prefix.count : 0))
            field.offset -= RecordBatchHeader.size
            field.share = Double(field.length) / Double(recordBytes.count)
            return field
        }
        recordShares = AnatomyShare.summarize(recordFields, total: recordBytes.count)
        self.batch = batch
    }

    /// Describes a message built by serializing `key` and `value`.
    public init<KeySerializer: Serializer, ValueSerializer: Serializer>(
        topic: String,
        key: KeySerializer.Value,
        keySerializer: KeySerializer,
        value: ValueSerializer.Value,
        valueSerializer: ValueSerializer,
        headers: [RecordHeader] = [],
        timestamp: Int64 = 0
    ) throws(MessageAnatomyError) {
        let message: ProducerMessage
        do {
            message = try ProducerMessage(topic: topic, key: key, keySerializer: keySerializer, value: value, valueSerializer: valueSerializer, headers: headers, timestamp: timestamp)
        } catch {
            throw .serialization(error)
        }
        try self.init(message, timestamp: timestamp)
    }
}
