import KafkaCompression
import KafkaPartitioning
import KafkaRecords

/// What `kbench inspect message` is asked to build: key and value as text with their types,
/// headers, timestamp, codec, topic and partition count.
package struct MessageInspectionInput: Sendable, Hashable {
    /// Topic name (only shown; partitioners do not hash it).
    package var topic: String
    /// Key text (nil = a null key).
    package var key: String?
    /// How the key text is serialized.
    package var keyType: MessageValueType
    /// Value text (nil = a null value, a tombstone).
    package var value: String?
    /// How the value text is serialized.
    package var valueType: MessageValueType
    /// Headers in order (a nil value is a null header value); values are UTF-8.
    package var headers: [RecordHeader]
    /// CreateTime in Unix milliseconds.
    package var timestamp: Int64
    /// Codec of the one-record batch.
    package var compression: CompressionType
    /// Codec level (nil = the codec's default).
    package var compressionLevel: Int?
    /// Partitions of the topic.
    package var partitionCount: Int32
    /// Seed of the simulated first choice of key-ignoring strategies.
    package var seed: UInt64
    /// Hex dumps stop after this many bytes (0 = no limit).
    package var dumpLimit: Int

    /// An input; everything but the timestamp has the CLI's default.
    package init(
        topic: String = "topic", key: String? = nil, keyType: MessageValueType = .string,
        value: String? = nil, valueType: MessageValueType = .string, headers: [RecordHeader] = [],
        timestamp: Int64, compression: CompressionType = .none, compressionLevel: Int? = nil,
        partitionCount: Int32 = 12, seed: UInt64 = 0, dumpLimit: Int = 4096
    ) {
        self.topic = topic
        self.key = key
        self.keyType = keyType
        self.value = value
        self.valueType = valueType
        self.headers = headers
        self.timestamp = timestamp
        self.compression = compression
        self.compressionLevel = compressionLevel
        self.partitionCount = partitionCount
        self.seed = seed
        self.dumpLimit = dumpLimit
    }

    /// A header from `KEY=VALUE` (`KEY` alone: a null value). The key must not be empty.
    package static func header(_ argument: String) throws(MessageInspectionError) -> RecordHeader {
        guard let equals = argument.firstIndex(of: "=") else {
            guard !argument.isEmpty else { throw .invalidHeader(argument) }
            return RecordHeader(key: argument, value: nil)
        }
        let key = String(argument[..<equals])
        guard !key.isEmpty else { throw .invalidHeader(argument) }
        return RecordHeader(key: key, text: String(argument[argument.index(after: equals)...]))
    }
}

/// Why a message could not be inspected.
package enum MessageInspectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A key or value its type cannot serialize.
    case value(MessageValueError)
    /// A header argument without a key (`=v`, empty).
    case invalidHeader(String)
    /// A partition count below 1.
    case invalidPartitionCount(Int32)
    /// The codec rejected the level.
    case compression(CompressionError)
    /// The message could not be encoded or walked.
    case anatomy(String)

    /// One line.
    package var description: String {
        switch self {
        case .value(let error): error.description
        case .invalidHeader(let argument): "header '\(argument)' has no key (expected KEY=VALUE, or KEY for a null value)"
        case .invalidPartitionCount(let count): "partition count must be at least 1, got \(count)"
        case .compression(let error): error.description
        case .anatomy(let reason): reason
        }
    }
}

/// Where one strategy puts the message.
package struct StrategyPlacement: Sendable, Hashable, Codable {
    /// Registry name (`java`, `librdkafka:consistent_random`, …).
    package var strategy: String
    /// Client library.
    package var client: String
    /// Whether it is its client's default partitioner.
    package var isClientDefault: Bool
    /// The partition when it follows from the key alone.
    package var partition: Int32?
    /// For strategies that decide by producer state: the first choice of a fresh producer
    /// seeded with the inspection's seed.
    package var simulatedPartition: Int32?
    /// How the partition is chosen for this key.
    package var rule: String
}

/// One hash rule applied to the key: the hash, the non-negative dividend, the partition, and
/// the strategies following the rule.
package struct KeyHashEvaluation: Sendable, Hashable, Codable {
    /// `murmur2/clear-sign-bit`, …
    package var rule: String
    /// The formula as the clients write it.
    package var formula: String
    /// The 32-bit hash of the key.
    package var hash: UInt32
    /// The value taken modulo the partition count.
    package var dividend: UInt32
    /// The partition.
    package var partition: Int32
    /// Strategies using this rule.
    package var strategies: [String]
}

/// Everything `kbench inspect message` shows about one message: its serialized key and value,
/// the record and one-record batch with every field's bytes, sizes and shares, and its
/// partition under every client strategy.
package struct MessageInspection: Sendable, Hashable {
    /// What was asked.
    package var input: MessageInspectionInput
    /// The serialized message.
    package var message: ProducerMessage
    /// The record and the uncompressed one-record batch, field by field.
    package var anatomy: MessageAnatomy
    /// The batch as written with the codec (nil when uncompressed).
    package var compressedBatch: BatchAnatomy?
    /// Placement under every strategy of `StrategyRegistry.all`.
    package var placements: [StrategyPlacement]
    /// The key under each distinct hash rule (empty for a null key).
    package var keyHashes: [KeyHashEvaluation]

    /// Serializes, encodes and places the message described by `input`.
    package init(_ input: MessageInspectionInput) throws(MessageInspectionError) {
        guard let partitionCount = try? PartitionCount(Int(input.partitionCount)) else {
            throw .invalidPartitionCount(input.partitionCount)
        }
        let key: [UInt8]?, value: [UInt8]?
        do {
            key = try input.keyType.serialize(input.key, field: "key")
            value = try input.valueType.serialize(input.value, field: "value")
        } catch {
            throw .value(error)
        }
        let message = ProducerMessage(topic: input.topic, key: key, value: value, headers: input.headers, timestamp: input.timestamp)
        do {
            anatomy = try MessageAnatomy(message, timestamp: input.timestamp)
        } catch {
            throw .anatomy(error.description)
        }
        if input.compression != .none {
            do throws(CompressionError) {
                _ = try makeCodec(input.compression, level: input.compressionLevel)
            } catch {
                throw .compression(error)
            }
            var builder = RecordBatchBuilder(settings: RecordBatchSettings(compression: input.compression, compressionLevel: input.compressionLevel), capacity: 256)
            do {
                try builder.append(message, defaultTimestamp: input.timestamp)
                try builder.finish()
                compressedBatch = try BatchAnatomy(batch: builder.bytes)
            } catch let error as RecordBatchEncodingError {
                throw .anatomy("encoding the \(input.compression) batch failed: \(error)")
            } catch {
                throw .anatomy("walking the \(input.compression) batch failed: \(error)")
            }
        } else {
            compressedBatch = nil
        }
        self.input = input
        self.message = message
        placements = Self.placements(key: key, partitionCount: partitionCount, seed: input.seed)
        keyHashes = Self.hashes(key: key, partitionCount: partitionCount)
    }

    /// The batch a producer would send: compressed if a codec was asked for.
    package var sentBatch: BatchAnatomy { compressedBatch ?? anatomy.batch }

    static func placements(key: [UInt8]?, partitionCount: PartitionCount, seed: UInt64) -> [StrategyPlacement] {
        StrategyRegistry.all.map { strategy in
            let descriptor = strategy.descriptor
            let exact: Int32? = withOptionalBytes(key) { strategy.deterministicPartition(key: $0, partitionCount: partitionCount) }
            var simulated: Int32? = nil
            let rule: String
            if exact != nil, let keyRule = descriptor.keyRule {
                rule = key == nil ? "null key hashed like an empty key: \(StrategyDescriptor.formula(keyRule))"
                    : StrategyDescriptor.formula(keyRule)
            } else {
                let partitioner = strategy.makePartitioner(seed: seed)
                simulated = partitioner.partition(key: key, partitionCount: partitionCount)
                let why = descriptor.keyRule == nil ? "keys ignored" : (key == nil ? "null key" : "empty key")
                rule = "\(why); \(descriptor.keyless.rawValue): depends on producer state"
            }
            return StrategyPlacement(
                strategy: strategy.name, client: strategy.client, isClientDefault: descriptor.isClientDefault,
                partition: exact, simulatedPartition: simulated, rule: rule
            )
        }
    }

    static func hashes(key: [UInt8]?, partitionCount: PartitionCount) -> [KeyHashEvaluation] {
        guard let key else { return [] }
        return StrategyRegistry.keyRules.map { entry in
            let hash = entry.rule.function.hash(key)
            return KeyHashEvaluation(
                rule: entry.rule.description, formula: StrategyDescriptor.formula(entry.rule), hash: hash,
                dividend: entry.rule.reduction.apply(hash),
                partition: entry.rule.partition(key, partitionCount: partitionCount),
                strategies: entry.strategies.map(\.name)
            )
        }
    }

    /// Calls `body` with the bytes of `bytes`, or nil.
    static func withOptionalBytes<T>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> T) -> T {
        guard let bytes else { return body(nil) }
        return bytes.withUnsafeBytes { body($0) }
    }
}
