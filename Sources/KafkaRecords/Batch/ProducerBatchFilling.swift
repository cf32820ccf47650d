import KafkaCompression

/// librdkafka 2.0.2's rule for filling a batch (src/rdkafka_msgset_writer.c,
/// `rd_kafka_msgset_writer_write_msgq`): a record is added while
/// `P + bytes written so far + (36 + key + value + headers) ≤ min(batch.size, message.max.bytes)`
/// and fewer than `batch.num.messages` records are in the batch; the first record always goes in.
///
/// P is what the ProduceRequest buffer holds before the first record: the request header
/// (size, ApiKey, ApiVersion, CorrelationId, client.id string), the Produce v3+ header
/// (TransactionalId, acks, timeout, one topic string, one partition, MessageSetSize) and the
/// 61-byte batch header. 36 is librdkafka's worst-case record overhead
/// (`RD_KAFKAP_MESSAGE_V2_MAX_OVERHEAD`: five int32 varints, one int64 varint, attributes); the
/// bytes written so far are the records' real sizes. A null key or value counts 0 bytes.
public struct LibrdkafkaBatchFilling: Sendable, Hashable, Codable {
    /// librdkafka's worst-case per-record overhead, `RD_KAFKAP_MESSAGE_V2_MAX_OVERHEAD`.
    public static let maximumRecordOverhead = 36
    /// `message.max.bytes` default (src/rdkafka_conf.c): 1,000,000.
    public static let defaultMessageMaxBytes = 1_000_000
    /// `batch.num.messages` default: 10,000.
    public static let defaultBatchNumMessages = 10_000
    /// `client.id` default: `rdkafka`.
    public static let defaultClientID = "rdkafka"

    /// `batch.size` in bytes.
    public var batchSize: Int
    /// `message.max.bytes`.
    public var messageMaxBytes: Int
    /// `batch.num.messages`.
    public var batchNumMessages: Int
    /// UTF-8 length of the topic name.
    public var topicLength: Int
    /// UTF-8 length of `client.id`.
    public var clientIDLength: Int
    /// UTF-8 length of `transactional.id`; nil when not transactional (a null string).
    public var transactionalIDLength: Int?

    /// The rule for `batchSize` on `topic` with the given client settings (librdkafka defaults).
    public init(
        batchSize: Int, topic: String, clientID: String = defaultClientID,
        messageMaxBytes: Int = defaultMessageMaxBytes, batchNumMessages: Int = defaultBatchNumMessages
    ) {
        self.batchSize = batchSize
        self.messageMaxBytes = messageMaxBytes
        self.batchNumMessages = batchNumMessages
        topicLength = topic.utf8.count
        clientIDLength = clientID.utf8.count
        transactionalIDLength = nil
    }

    /// P: request header, Produce header and batch header, before the first record
    /// (101 + client.id + topic bytes for a non-transactional producer).
    public var requestOverhead: Int {
        let requestHeader = 4 + 2 + 2 + 4 + 2 + clientIDLength
        let produceHeader = 2 + (transactionalIDLength ?? 0) + 2 + 4 + 4 + 2 + topicLength + 4 + 4 + 4
        return requestHeader + produceHeader + RecordBatchHeader.size
    }

    /// The bytes a batch's request may reach: `min(batch.size, message.max.bytes)`.
    public var limit: Int { Swift.min(batchSize, messageMaxBytes) }

    /// Whether a record with `keyLength` and `valueLength` bytes (and `headersSize` bytes of
    /// serialized headers, `rd_kafka_headers_serialized_size`) joins a batch already holding
    /// `count` records of `recordsBytes` encoded bytes.
    public func admits(count: Int, recordsBytes: Int, keyLength: Int, valueLength: Int, headersSize: Int = 0) -> Bool {
        guard count < batchNumMessages else { return false }
        guard count > 0 else { return true }
        let worstCase = Self.maximumRecordOverhead + Swift.max(keyLength, 0) + Swift.max(valueLength, 0) + headersSize
        return requestOverhead + recordsBytes + worstCase <= limit
    }
}

/// The Java producer's rule for filling a batch (Apache Kafka 3.8+,
/// clients/…/record/MemoryRecordsBuilder.java `hasRoomFor`/`isFull`,
/// producer/internals/RecordAccumulator.java and ProducerBatch.java,
/// record/CompressionRatioEstimator.java): with a codec the batch is filled by an *estimate*
/// of its compressed size, `61 + (int)(records bytes × estimate × 1.05)` (float arithmetic),
/// and a record of exact encoded size `s` joins while `batch.size ≥ estimate + s`; without a
/// codec the estimate is the uncompressed size. The first record always goes in.
///
/// The estimate is per topic and codec, starts at 1.0 and, after each batch is closed, moves
/// towards the observed ratio `compressed records ÷ uncompressed records`: up at once (at least
/// +0.05) when a batch compressed worse, down by at most 0.005 when it compressed better.
public struct JavaBatchFilling: Sendable, Hashable, Codable {
    /// `COMPRESSION_RATE_ESTIMATION_FACTOR`: 1.05.
    public static let estimationFactor: Float = 1.05
    /// `COMPRESSION_RATIO_IMPROVING_STEP`: 0.005.
    public static let improvingStep: Float = 0.005
    /// `COMPRESSION_RATIO_DETERIORATE_STEP`: 0.05.
    public static let deterioratingStep: Float = 0.05

    /// `batch.size` in bytes (the builder's write limit).
    public var batchSize: Int
    /// Whether the batch is compressed (`compression.type` other than none).
    public var isCompressed: Bool
    /// The current estimate of compressed ÷ uncompressed records bytes (1.0 at start).
    public var estimatedRatio: Float

    /// The rule for `batchSize`, compressed or not, from `estimatedRatio` (Java starts at 1.0).
    public init(batchSize: Int, isCompressed: Bool, estimatedRatio: Float = 1.0) {
        self.batchSize = batchSize
        self.isCompressed = isCompressed
        self.estimatedRatio = estimatedRatio
    }

    /// `estimatedBytesWritten()`: the header plus the records bytes, scaled by the estimate
    /// when compressed.
    public func estimatedBytes(recordsBytes: Int) -> Int {
        guard isCompressed else { return RecordBatchHeader.size + recordsBytes }
        return RecordBatchHeader.size + Int(Float(recordsBytes) * estimatedRatio * Self.estimationFactor)
    }

    /// Whether a record of `recordSize` encoded bytes joins a batch already holding `count`
    /// records of `recordsBytes` uncompressed bytes.
    public func admits(count: Int, recordsBytes: Int, recordSize: Int) -> Bool {
        guard count > 0 else { return true }
        let estimated = estimatedBytes(recordsBytes: recordsBytes)
        guard batchSize > estimated else { return false }  // isFull()
        return batchSize >= estimated + recordSize
    }

    /// Updates the estimate after a batch closed with `compressedBytes` of records compressed
    /// from `recordsBytes` (`CompressionRatioEstimator.updateEstimation`).
    public mutating func batchClosed(compressedBytes: Int, recordsBytes: Int) {
        guard isCompressed, recordsBytes > 0 else { return }
        let observed = Float(compressedBytes) / Float(recordsBytes)
        if observed > estimatedRatio {
            estimatedRatio = Swift.max(estimatedRatio + Self.deterioratingStep, observed)
        } else if observed < estimatedRatio {
            estimatedRatio = Swift.max(estimatedRatio - Self.improvingStep, observed)
        }
    }
}
