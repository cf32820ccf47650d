import Testing
import KafkaPartitioning
import TestSupport

/// kafka-go's `Consistent: true` balancers, its `Hash` balancer before v0.3.1 and Sarama's custom
/// CRC-32 hash partitioner, checked against the vectors of the clients' own tests (cited in
/// results/golden/README.md).
@Suite("Client variants: kafka-go Consistent balancers and Hash before v0.3.1, Sarama custom CRC-32")
struct ClientVariantTests {
    static func strategy(_ name: String) throws -> PartitionStrategy {
        try #require(StrategyRegistry.strategy(named: name))
    }

    /// kafka-go `TestCRC32Balancer` (vectors from librdkafka's 0048-partitioner.c): CRC-32 of the
    /// key modulo 17, for both `CRC32Balancer{}` and `{Consistent: true}`.
    @Test("CRC32Balancer vectors, both settings", arguments: [
        ("23456", UInt32(0xb1b4_51d7)), ("this is another string with more length to it perhaps", 0xb015_0df7),
        ("hejsan", 0xd077_037e),
    ] as [(String, UInt32)])
    func crc32Vectors(key: String, crc: UInt32) throws {
        for name in ["kafka-go:crc32", "kafka-go:crc32-consistent"] {
            let partition = try Self.strategy(name).makePartitioner().partition(key: Array(key.utf8), partitionCount: .valid(17))
            #expect(partition == Int32(crc % 17), "\(name)")
        }
    }

    /// `TestCRC32Balancer/consistent`: nil and empty keys always hash to one partition, the same.
    @Test("CRC32Balancer{Consistent: true}: nil and empty keys hash to partition 0 (crc32 of no bytes)")
    func consistentCRC32NullAndEmpty() throws {
        let balancer = try Self.strategy("kafka-go:crc32-consistent").makePartitioner()
        for _ in 0..<10 {
            #expect(balancer.partition(key: nil as [UInt8]?, partitionCount: .valid(17)) == 0)
            #expect(balancer.partition(key: [], partitionCount: .valid(17)) == 0)
        }
        let strategy = try Self.strategy("kafka-go:crc32-consistent")
        #expect(strategy.deterministicPartition(key: nil, partitionCount: .valid(17)) == 0)
        // The default balancer sends both to a random partition.
        #expect(try Self.strategy("kafka-go:crc32").deterministicPartition(key: nil, partitionCount: .valid(17)) == nil)
    }

    /// kafka-go `TestMurmur2Balancer` (librdkafka 0048-partitioner.c and kafka-python vectors).
    @Test("Murmur2Balancer vectors, both settings", arguments: [
        ("", 17, Int32(0x106e_08d9 % 17)), ("23456", 17, Int32(0x058d_780f % 17)),
        ("this is another string with more length to it perhaps", 17, Int32(0x4f77_03da % 17)),
        ("hejsan", 17, Int32(0x5ec1_9395 % 17)), ("", 1000, 681), ("a", 1000, 524), ("ab", 1000, 434), ("abc", 1000, 107),
    ] as [(String, Int, Int32)])
    func murmur2Vectors(key: String, partitions: Int, expected: Int32) throws {
        for name in ["kafka-go:murmur2", "kafka-go:murmur2-consistent"] {
            let partition = try Self.strategy(name).makePartitioner().partition(key: Array(key.utf8), partitionCount: .valid(partitions))
            #expect(partition == expected, "\(name)")
        }
    }

    @Test("Murmur2Balancer{Consistent: true}: a nil key hashes like the empty key; the default draws at random")
    func consistentMurmur2NullKey() throws {
        let consistent = try Self.strategy("kafka-go:murmur2-consistent")
        #expect(consistent.makePartitioner().partition(key: nil as [UInt8]?, partitionCount: .valid(17)) == Int32(0x106e_08d9 % 17))
        #expect(consistent.descriptor.keyless == .hashedAsEmpty)
        #expect(try Self.strategy("kafka-go:murmur2").deterministicPartition(key: nil, partitionCount: .valid(17)) == nil)
    }

    /// kafka-go v0.3.0 `TestHashBalancer` (`blah`, `boop`), and the case segmentio/kafka-go#336
    /// added in v0.3.1: `"20"` over 16 partitions is 1 under Sarama's rule; fnv1a("20") =
    /// 0x8df2997f has its top bit set, so the old `int(uint32) % n` gives 0x8df2997f % 16 = 15.
    @Test("Hash before v0.3.1: v0.3.0's vectors hold, and \"20\"@16 is 15 where v0.3.1+ gives 1")
    func legacyHash() throws {
        let legacy = try Self.strategy("kafka-go:hash-legacy").makePartitioner()
        let current = try Self.strategy("kafka-go:hash").makePartitioner()
        for (key, partitions, expected) in [("blah", 2, Int32(0)), ("blah", 3, 1), ("boop", 3, 2)] {
            #expect(legacy.partition(key: Array(key.utf8), partitionCount: .valid(partitions)) == expected, "\(key)@\(partitions)")
            #expect(current.partition(key: Array(key.utf8), partitionCount: .valid(partitions)) == expected, "\(key)@\(partitions)")
        }
        #expect(legacy.partition(key: Array("20".utf8), partitionCount: .valid(16)) == 15)
        #expect(current.partition(key: Array("20".utf8), partitionCount: .valid(16)) == 1)
        // v0.3.0 TestHashBalancer "nil": the round robin starts at partition 0.
        #expect(legacy.partition(key: nil as [UInt8]?, partitionCount: .valid(3)) == 0)
        #expect(legacy.partition(key: nil as [UInt8]?, partitionCount: .valid(3)) == 1)
    }

    /// IBM/sarama commit 29487f1b (v1.41.0) `TestConsistentCRCHashPartitioner` (100 partitions):
    /// "`SheetJS` has a crc32 hash value of 2647669026 (which is -1647298270 as a signed int32).
    /// Modding the signed value will give a partition of 70. Modding the unsigned value will give
    /// 26"; its other keys have CRCs below 2^31, where both rules agree.
    @Test("Sarama custom CRC-32 hash partitioner (signed): SheetJS → 70 where the unsigned rule gives 26", arguments: [
        ("abc123def456", Int32(57), Int32(57)), ("SheetJS", 70, 26), ("9e8c7f4cf45857cfff7645d6", 24, 24),
        ("3900446192ff85a5f67da10c", 75, 75), ("0f4407b7a67d6d27de372198", 50, 50),
    ] as [(String, Int32, Int32)])
    func saramaCustomCRC32(key: String, signed: Int32, unsigned: Int32) throws {
        let key = Array(key.utf8)
        #expect(try Self.strategy("sarama:custom-crc32").makePartitioner().partition(key: key, partitionCount: .valid(100)) == signed)
        #expect(try Self.strategy("sarama:crc").makePartitioner().partition(key: key, partitionCount: .valid(100)) == unsigned)
    }
}
