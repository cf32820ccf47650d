// IBM/sarama (formerly Shopify/sarama) partitioners, `Config.Producer.Partitioner`.
// Every Sarama hash partitioner sends a nil key (`ProducerMessage.Key == nil`) to a random
// partition per message (`rand.Intn(n)`); a non-nil encoder with empty bytes is hashed.
// All of them run as ``RandomNullKeyPartitioner``.

/// `sarama:hash` — `sarama.NewHashPartitioner`, Sarama's DEFAULT.
///
/// - Non-nil key, empty included: `p = int32(fnv1a(key)) % n` (Go's truncating remainder),
///   negated when negative — i.e. `|int32(fnv1a)| % n`. (Sarama before the MinInt32 fix
///   negated first and could return a negative partition for hash 2^31; current Sarama and this
///   type give 2^31 % n.)
/// - Nil key: a random partition per message.
public enum SaramaHash: StrategyDefinition {
    /// Registry entry `sarama:hash`.
    public static let descriptor = StrategyDescriptor(
        name: "sarama:hash", client: "Sarama", matches: "NewHashPartitioner (Sarama default)",
        keyRule: KeyHashing(.fnv1a, .absoluteValue), keyless: .randomPerRecord, isClientDefault: true)
}

/// The running ``SaramaHash`` partitioner (`sarama:hash`).
public typealias SaramaHashPartitioner = RandomNullKeyPartitioner<SaramaHash>

/// `sarama:reference` — `sarama.NewReferenceHashPartitioner`: Java's sign handling but still
/// FNV-1a (not murmur2), so NOT Java-compatible placement.
///
/// - Non-nil key, empty included: `(int32(fnv1a(key)) & 0x7fffffff) % n`.
/// - Nil key: a random partition per message.
public enum SaramaReferenceHash: StrategyDefinition {
    /// Registry entry `sarama:reference`.
    public static let descriptor = StrategyDescriptor(
        name: "sarama:reference", client: "Sarama", matches: "NewReferenceHashPartitioner (FNV-1a, Java-style sign bit)",
        keyRule: KeyHashing(.fnv1a, .clearSignBit), keyless: .randomPerRecord)
}

/// The running ``SaramaReferenceHash`` partitioner (`sarama:reference`).
public typealias SaramaReferenceHashPartitioner = RandomNullKeyPartitioner<SaramaReferenceHash>

/// `sarama:crc` — `sarama.NewConsistentCRCHashPartitioner` (`WithHashUnsigned` +
/// `crc32.NewIEEE`): librdkafka `consistent` placement for non-nil keys.
///
/// - Non-nil key, empty included: `crc32(key) % uint32(n)`.
/// - Nil key: a random partition per message.
public enum SaramaConsistentCRC: StrategyDefinition {
    /// Registry entry `sarama:crc`.
    public static let descriptor = StrategyDescriptor(
        name: "sarama:crc", client: "Sarama", matches: "NewConsistentCRCHashPartitioner (librdkafka consistent placement)",
        keyRule: KeyHashing(.crc32, .unsigned), keyless: .randomPerRecord)
}

/// The running ``SaramaConsistentCRC`` partitioner (`sarama:crc`).
public typealias SaramaConsistentCRCPartitioner = RandomNullKeyPartitioner<SaramaConsistentCRC>

/// `sarama:custom-crc32` — `sarama.NewCustomHashPartitioner(crc32.NewIEEE)` (or
/// `NewCustomPartitioner(WithCustomHashFunction(crc32.NewIEEE))` without `WithHashUnsigned`):
/// the way to hash with CRC-32 before `NewConsistentCRCHashPartitioner` (v1.41.0, IBM/sarama
/// commit 29487f1b, "implement unsigned modulus for partitioning with crc32 hashing"), and
/// what these calls still give. Sarama's signed rule on the CRC: NOT librdkafka placement for
/// keys whose CRC-32 has its top bit set (`"SheetJS"`, CRC 2647669026, over 100 partitions:
/// 70 here, 26 under librdkafka and `sarama:crc`).
///
/// - Non-nil key, empty included: `p = int32(crc32(key)) % n`, negated when negative.
/// - Nil key: a random partition per message.
public enum SaramaCustomCRC32: StrategyDefinition {
    /// Registry entry `sarama:custom-crc32`.
    public static let descriptor = StrategyDescriptor(
        name: "sarama:custom-crc32", client: "Sarama", matches: "NewCustomHashPartitioner(crc32.NewIEEE) (signed CRC-32; before v1.41.0 the only CRC option)",
        keyRule: KeyHashing(.crc32, .absoluteValue), keyless: .randomPerRecord)
}

/// The running ``SaramaCustomCRC32`` partitioner (`sarama:custom-crc32`).
public typealias SaramaCustomCRC32Partitioner = RandomNullKeyPartitioner<SaramaCustomCRC32>

/// `sarama:murmur2` — `sarama.NewMurmur2Partitioner` (Sarama v1.50+): Java-compatible keys.
///
/// - Non-nil key, empty included: `(murmur2(key) & 0x7fffffff) % n`.
/// - Nil key: a random partition per message (not Java's sticky choice).
public enum SaramaMurmur2: StrategyDefinition {
    /// Registry entry `sarama:murmur2`.
    public static let descriptor = StrategyDescriptor(
        name: "sarama:murmur2", client: "Sarama", matches: "NewMurmur2Partitioner (v1.50+, Java-compatible keys)",
        keyRule: .kafkaDefault, keyless: .randomPerRecord)
}

/// The running ``SaramaMurmur2`` partitioner (`sarama:murmur2`).
public typealias SaramaMurmur2Partitioner = RandomNullKeyPartitioner<SaramaMurmur2>
