/// A record as stored in a partition: the message plus its partition, offset and timestamp type.
public struct StoredRecord: Sendable, Hashable, Codable {
    /// The topic the record belongs to.
    public var topic: String
    /// The partition it was appended to.
    public var partition: Int32
    /// Its offset in the partition.
    public var offset: Int64
    /// Milliseconds since the Unix epoch (the batch max timestamp under LogAppendTime).
    public var timestamp: Int64
    /// Whether ``timestamp`` is the producer's or the broker's.
    public var timestampType: TimestampType
    /// Key bytes; `nil` is a null key.
    public var key: [UInt8]?
    /// Value bytes; `nil` is a null value.
    public var value: [UInt8]?
    /// Headers in order; keys may repeat, values may be null.
    public var headers: [RecordHeader]

    /// Creates a stored record from its parts.
    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        timestamp: Int64,
        timestampType: TimestampType = .createTime,
        key: [UInt8]? = nil,
        value: [UInt8]? = nil,
        headers: [RecordHeader] = []
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.timestampType = timestampType
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// A stored record from one decoded batch record, placed in `topic`/`partition`.
    public init(_ record: BatchRecord, topic: String, partition: Int32) {
        self.init(
            topic: topic,
            partition: partition,
            offset: record.offset,
            timestamp: record.timestamp,
            timestampType: record.timestampType,
            key: record.key,
            value: record.value,
            headers: record.headers
        )
    }

    /// The message a producer would send to recreate this record in the same partition.
    public var message: ProducerMessage {
        ProducerMessage(topic: topic, partition: partition, key: key, value: value, headers: headers, timestamp: timestamp)
    }
}
