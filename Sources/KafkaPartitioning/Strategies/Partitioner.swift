/// One client's partitioning strategy, running: asked once per record.
///
/// Key-deterministic strategies answer from the key alone; stateful ones (random, round-robin,
/// sticky) keep thread-safe state and may consult the ``ProducerState`` (clock, open batches),
/// exactly where their client's producer does. Use ``ProducerSimulation`` to replay a key stream
/// with a modelled accumulator, or ``partition(key:partitionCount:)-([UInt8]?,_)`` for a one-off answer.
public protocol Partitioner: Sendable {
    /// The partition the client chooses for a record with `key` (nil: a null key) among
    /// `partitionCount` partitions.
    func partition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount, producer: some ProducerState) -> Int32

    /// Called after the record was appended to `partition`, adding `appendedBytes` to its
    /// batch; `producer` shows the batches after the append (KIP-794 counts bytes here).
    func recordAppended(
        key: UnsafeRawBufferPointer?, partition: Int32, appendedBytes: Int, partitionCount: PartitionCount,
        producer: some ProducerState
    )
}

extension Partitioner {
    /// Most strategies ignore appends.
    public func recordAppended(
        key: UnsafeRawBufferPointer?, partition: Int32, appendedBytes: Int, partitionCount: PartitionCount,
        producer: some ProducerState
    ) {}

    /// The partition for one record outside a simulation (see ``UnbatchedProducerState``).
    public func partition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount) -> Int32 {
        partition(key: key, partitionCount: partitionCount, producer: UnbatchedProducerState())
    }

    /// The partition for one record whose key is any contiguous bytes (nil: a null key).
    public func partition(key: [UInt8]?, partitionCount: PartitionCount) -> Int32 {
        guard let key else {
            return partition(key: nil, partitionCount: partitionCount, producer: UnbatchedProducerState())
        }
        return key.withUnsafeBytes { partition(key: $0, partitionCount: partitionCount) }
    }
}

/// A registered client strategy: its descriptor and a seeded initialiser.
public protocol ClientStrategy: Partitioner {
    /// What the strategy is and how it treats keys (the registry entry's metadata).
    static var descriptor: StrategyDescriptor { get }
    /// A fresh partitioner whose random choices are determined by `seed`.
    init(seed: UInt64, configuration: ProducerConfiguration)
}

/// A strategy that hashes non-null keys with one ``KeyHashing`` rule and hands null keys (and,
/// for some clients, empty keys) to a keyless choice.
public protocol KeyHashingStrategy: ClientStrategy {
    /// The partition of a record the strategy does not hash (null key, or empty key when the
    /// descriptor says empty keys are keyless).
    func keylessPartition(partitionCount: PartitionCount, producer: some ProducerState) -> Int32
}

extension KeyHashingStrategy {
    /// Hashes hashable keys with the descriptor's rule, else asks ``keylessPartition``.
    public func partition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount, producer: some ProducerState) -> Int32 {
        if let key, let rule = Self.descriptor.keyRule, !(key.isEmpty && Self.descriptor.emptyKey == .likeNullKey) {
            return rule.partition(key, partitionCount: partitionCount)
        }
        return keylessPartition(partitionCount: partitionCount, producer: producer)
    }
}

/// How a strategy treats a record without a usable key.
public enum KeylessChoice: String, Sendable, Hashable, Codable, CaseIterable {
    /// Hashed like an empty key: every null key lands on one fixed partition.
    case hashedAsEmpty = "hashed-as-empty"
    /// A uniformly random partition for each record.
    case randomPerRecord = "random"
    /// A counter walking the partitions in turn.
    case roundRobin = "round-robin"
    /// One partition until a record opens a new batch (Java KIP-480, franz-go sticky).
    case stickyUntilNewBatch = "sticky-per-batch"
    /// One partition until `batch.size` bytes went to it (Java KIP-794 uniform sticky).
    case uniformSticky = "uniform-sticky"
    /// One partition until a number of bytes was partitioned (franz-go `UniformBytesPartitioner`).
    case stickyByBytes = "sticky-by-bytes"
    /// One partition for `sticky.partitioning.linger.ms` (librdkafka).
    case stickyForInterval = "sticky-for-interval"

    /// One line for tables and help text.
    public var summary: String {
        switch self {
        case .hashedAsEmpty: return "hashed like an empty key (one fixed partition)"
        case .randomPerRecord: return "random partition per record"
        case .roundRobin: return "round-robin over the partitions"
        case .stickyUntilNewBatch: return "sticky until a new batch opens (KIP-480)"
        case .uniformSticky: return "sticky for batch.size bytes (KIP-794 uniform sticky)"
        case .stickyByBytes: return "sticky for a fixed number of bytes"
        case .stickyForInterval: return "sticky for sticky.partitioning.linger.ms"
        }
    }
}

/// Whether a strategy hashes an empty (non-null) key or treats it like a null key.
public enum EmptyKeyHandling: String, Sendable, Hashable, Codable {
    /// The empty byte string is hashed like any key.
    case hashed
    /// An empty key is treated like a null key (librdkafka `consistent_random`, kafka-go `CRC32Balancer`).
    case likeNullKey = "like-null"
}

/// Everything the registry, the CLI and reports show about a strategy.
public struct StrategyDescriptor: Sendable, Hashable, Codable {
    /// The stable registry name, e.g. `librdkafka:murmur2_random`.
    public let name: String
    /// The client library, e.g. `librdkafka`.
    public let client: String
    /// The client API the strategy reproduces and the versions it applies to.
    public let matches: String
    /// The rule for non-null keys; nil when the strategy ignores keys.
    public let keyRule: KeyHashing?
    /// What happens to a null key (and to every record when `keyRule` is nil).
    public let keyless: KeylessChoice
    /// What happens to an empty, non-null key.
    public let emptyKey: EmptyKeyHandling
    /// True when the client's default partitioner is this strategy.
    public let isClientDefault: Bool

    /// A descriptor from its parts.
    public init(
        name: String, client: String, matches: String, keyRule: KeyHashing?, keyless: KeylessChoice,
        emptyKey: EmptyKeyHandling = .hashed, isClientDefault: Bool = false
    ) {
        self.name = name
        self.client = client
        self.matches = matches
        self.keyRule = keyRule
        self.keyless = keyless
        self.emptyKey = emptyKey
        self.isClientDefault = isClientDefault
    }

    /// True when every non-empty key's partition depends on the key bytes and `n` alone.
    public var isKeyDeterministic: Bool { keyRule != nil }

    /// The partition of `key` when it follows from the key alone, else nil (a null or empty key
    /// the strategy sends to a random, round-robin or sticky choice; any key when keys are
    /// ignored).
    public func deterministicPartition(key: UnsafeRawBufferPointer?, partitionCount: PartitionCount) -> Int32? {
        guard let rule = keyRule else { return nil }
        guard let key else {
            return keyless == .hashedAsEmpty ? rule.partition(UnsafeRawBufferPointer(start: nil, count: 0), partitionCount: partitionCount) : nil
        }
        if key.isEmpty && emptyKey == .likeNullKey { return nil }
        return rule.partition(key, partitionCount: partitionCount)
    }

    /// One line: how keys, empty keys and null keys are placed.
    public var summary: String {
        guard let rule = keyRule else { return "keys ignored; every record: \(keyless.summary)" }
        let empty = emptyKey == .hashed ? "empty key hashed" : "empty key like null"
        return "key: \(Self.formula(rule)); \(empty); null key: \(keyless.summary)"
    }

    /// The formula of a rule in the notation of the clients' sources.
    public static func formula(_ rule: KeyHashing) -> String {
        let hash: String
        switch rule.function {
        case .murmur2: hash = "murmur2(key)"
        case .crc32: hash = "crc32(key)"
        case .fnv1a: hash = "fnv1a(key)"
        case .kafkaJSLegacyMurmur2: hash = "legacyMurmur2(key)"
        }
        switch rule.reduction {
        case .clearSignBit: return "(\(hash) & 0x7fffffff) % n"
        case .unsigned: return "\(hash) % n (unsigned)"
        case .absoluteValue: return "|int32(\(hash))| % n"
        }
    }
}
