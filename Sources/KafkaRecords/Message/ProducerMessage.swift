/// A message as a producer sends it, before the broker assigns an offset.
///
/// Key and value are the serialized bytes (`nil` = null); see ``Serializer`` for turning
/// typed values into bytes, and ``init(topic:partition:key:keySerializer:value:valueSerializer:headers:timestamp:)``
/// for doing both at once.
public struct ProducerMessage: Sendable, Hashable, Codable {
    /// The destination topic.
    public var topic: String
    /// An explicit partition, or `nil` to let the partitioner choose.
    public var partition: Int32?
    /// The serialized key; `nil` is a null key (no partitioning hash, not compactable).
    public var key: [UInt8]?
    /// The serialized value; `nil` is a null value (a tombstone on compacted topics).
    public var value: [UInt8]?
    /// Headers in order; keys may repeat, values may be null.
    public var headers: [RecordHeader]
    /// Milliseconds since the Unix epoch, or `nil` to use the time of sending.
    public var timestamp: Int64?

    /// Creates a message from already serialized bytes.
    public init(
        topic: String,
        partition: Int32? = nil,
        key: [UInt8]? = nil,
        value: [UInt8]? = nil,
        headers: [RecordHeader] = [],
        timestamp: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// Creates a message by serializing a typed key and value.
    public init<KeySerializer: Serializer, ValueSerializer: Serializer>(
        topic: String,
        partition: Int32? = nil,
        key: KeySerializer.Value,
        keySerializer: KeySerializer,
        value: ValueSerializer.Value,
        valueSerializer: ValueSerializer,
        headers: [RecordHeader] = [],
        timestamp: Int64? = nil
    ) throws(SerializationError) {
        self.init(
            topic: topic,
            partition: partition,
            key: try keySerializer.serialize(key),
            value: try valueSerializer.serialize(value),
            headers: headers,
            timestamp: timestamp
        )
    }
}
