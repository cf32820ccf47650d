import CRdKafka
import KafkaPartitioning
import Testing
import TestSupport

/// The worked example of the KafkaPartitioning DocC catalog, run: the article shows the marked
/// regions below byte for byte, and its results are checked against the clients' own vectors.
@Suite("DocC worked example: place a key the way a given client does")
struct PartitioningArticleExampleTests {
    static let article = "Sources/KafkaPartitioning/KafkaPartitioning.docc/PlacingAKey.md"

    @Test("the article's code is the code run here")
    func articleShowsThisCode() throws {
        #expect(try ArticleCode.mismatch(articleAt: Self.article, sourceAt: #filePath) == nil)
    }

    @Test("the example places `kafka` as Java, librdkafka and Sarama do")
    func example() throws {
        // article-code: begin
        let key = Array("kafka".utf8)
        let twelve = try PartitionCount(12)  // validated once: a count is at least 1

        // Java's Utils.murmur2(key), a signed int in Java.
        let murmur2 = Int32(bitPattern: Murmur2.hash(key))  // -798503068

        // The Java producer: Utils.toPositive(murmur2) % numPartitions.
        let javaPartition = KeyHashing.kafkaDefault.partition(key, partitionCount: twelve)  // 4
        // article-code: end

        // article-code: begin
        let strategies = try StrategyRegistry.select("java,librdkafka:consistent_random,sarama:hash")
        let partitions = strategies.map { strategy in
            strategy.makePartitioner().partition(key: key, partitionCount: twelve)
        }
        // [4, 11, 5]
        // article-code: end

        // article-code: begin
        let nullKey = KeyPlacement.placements(
            key: nil, partitionCount: twelve,
            strategies: try StrategyRegistry.select("java,librdkafka:murmur2"))
        // java: nil, "null key: sticky for batch.size bytes (KIP-794 uniform sticky)"
        // librdkafka:murmur2: 9, "null key hashed like empty: (murmur2(key) & 0x7fffffff) % n"
        // article-code: end

        // article-code: begin
        let keys = ["kafka", "foobar", "user-42"].map { Array($0.utf8) }
        let javaPartitions = BatchHasher.partitions(
            .kafkaDefault, of: keys, partitionCount: twelve)
        // [4, 6, 4]
        // article-code: end

        // librdkafka's and Sarama's murmur2 vectors for `kafka`: 0xd067cf64 = 3496464228.
        #expect(murmur2 == Int32(bitPattern: 0xd067_cf64))
        #expect(javaPartition == Int32((0xd067_cf64 & 0x7fff_ffff) % 12))
        // librdkafka's own default partitioner, called in-process; Sarama's FNV-1a with the
        // sign dropped, from librdkafka's fnv1a vector for `kafka` (0x0d33c4e1, already ≥ 0).
        let librdkafka = key.withUnsafeBytes {
            rd_kafka_msg_partitioner_consistent_random(nil, $0.baseAddress, $0.count, 12, nil, nil)
        }
        #expect(partitions == [javaPartition, librdkafka, Int32(0x0d33_c4e1 % 12)])
        #expect(partitions == [4, 11, 5])

        #expect(nullKey.map(\.strategy) == ["java", "librdkafka:murmur2"])
        // murmur2 of no bytes is 0x106e08d9 (Java's and librdkafka's vector).
        #expect(nullKey.map(\.partition) == [nil, Int32(0x106e_08d9 % 12)])
        #expect(nullKey.map(\.rule) == [
            "null key: sticky for batch.size bytes (KIP-794 uniform sticky)",
            "null key hashed like empty: (murmur2(key) & 0x7fffffff) % n",
        ])

        // Java's UtilsTest vector for `foobar`: murmur2 = -790332482.
        let foobar = Int32((UInt32(bitPattern: -790_332_482) & 0x7fff_ffff) % 12)
        let userKey = KeyHashing.kafkaDefault.partition(Array("user-42".utf8), partitionCount: twelve)
        #expect(javaPartitions == [javaPartition, foobar, userKey])
        #expect(javaPartitions == [4, 6, 4])
    }
}
