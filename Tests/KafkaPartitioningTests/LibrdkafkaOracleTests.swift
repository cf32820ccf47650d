import CRdKafka
import KafkaPartitioning
import Testing
import TestSupport

/// librdkafka's exported partitioners, called in-process, as the oracle for kbench's.
@Suite("librdkafka in-process oracle: rd_kafka_msg_partitioner_* equal kbench")
struct LibrdkafkaOracleTests {
    typealias CPartitioner = (OpaquePointer?, UnsafeRawPointer?, Int, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Int32

    static let counts: [Int32] = [1, 2, 3, 7, 12, 100, 1009]

    /// 100,000 random keys, lengths 0–300, random bytes, fixed seed.
    static let keys = TestKeys.randomBatch(count: 100_000, lengths: 0...300, seed: 20_240_611)

    /// The first 20,000 of them, for the batch kernels (compared with the one-key path on many
    /// more inputs in BatchHasherTests).
    static let batchKeys = TestKeys.randomBatch(count: 20_000, lengths: 0...300, seed: 20_240_611)

    /// Compares kbench's `strategy` with librdkafka's `function` for every key and count:
    /// kbench's hash and reduction for all keys, the strategy's partitioner object and
    /// deterministic answer for every tenth key (debug builds are slow), the batch kernel for all.
    func compare(_ name: String, _ function: CPartitioner, skipEmpty: Bool = false, keyLimit: Int = .max) throws {
        let strategy = try #require(StrategyRegistry.strategy(named: name))
        let rule = try #require(strategy.keyRule)
        let partitioner = strategy.makePartitioner(seed: 1)
        var compared = 0
        var dummy: UInt8 = 0
        let batches = try Self.counts.map { n in
            let count = try PartitionCount(Int(n))
            return try Self.batchKeys.withContiguousKeys { keys in
                var output = [Int32](repeating: -1, count: keys.count)
                try output.withUnsafeMutableBufferPointer { try BatchHasher.partition(rule, keys: keys, partitionCount: count, into: $0) }
                return output
            }
        }
        let counts = Self.counts
        let divisors = Self.counts.map { PartitionCount.valid(Int($0)) }
        Self.keys.withContiguousKeys { keys in
            for index in 0..<min(keys.count, keyLimit) {
                let key = keys[index]
                if skipEmpty && key.isEmpty { continue }
                // A non-null pointer even for empty keys: a non-null empty key.
                let pointer = UnsafeRawPointer(key.baseAddress) ?? withUnsafePointer(to: &dummy) { UnsafeRawPointer($0) }
                let dividend = rule.reduction.apply(rule.function.hash(key))
                for countIndex in 0..<counts.count {
                    let n = counts[countIndex]
                    let expected = function(nil, pointer, key.count, n, nil, nil)
                    let viaRule = Int32(dividend % UInt32(n))
                    var mismatch = viaRule != expected
                    if index < batches[countIndex].count { mismatch = mismatch || batches[countIndex][index] != expected }
                    if index % 10 == 0 {
                        let divisor = divisors[countIndex]
                        mismatch = mismatch || partitioner.partition(key: key, partitionCount: divisor) != expected
                            || strategy.deterministicPartition(key: key, partitionCount: divisor) != expected
                    }
                    if mismatch {
                        Issue.record("\(name): key #\(index) (\(key.count) bytes) n=\(n): librdkafka \(expected), kbench rule \(viaRule)")
                        return
                    }
                    compared += 1
                }
            }
        }
        #expect(compared >= 6 * min(100_000, keyLimit))
    }

    @Test("murmur2, 100,000 keys x 7 counts: rd_kafka_msg_partitioner_murmur2")
    func murmur2() throws { try compare("librdkafka:murmur2", rd_kafka_msg_partitioner_murmur2) }

    @Test("murmur2_random, non-null keys (20,000): rd_kafka_msg_partitioner_murmur2_random")
    func murmur2Random() throws { try compare("librdkafka:murmur2_random", rd_kafka_msg_partitioner_murmur2_random, keyLimit: 20_000) }

    @Test("consistent, 100,000 keys x 7 counts: rd_kafka_msg_partitioner_consistent")
    func consistent() throws { try compare("librdkafka:consistent", rd_kafka_msg_partitioner_consistent) }

    @Test("consistent_random, non-empty keys (20,000): rd_kafka_msg_partitioner_consistent_random")
    func consistentRandom() throws {
        try compare("librdkafka:consistent_random", rd_kafka_msg_partitioner_consistent_random, skipEmpty: true, keyLimit: 20_000)
    }

    @Test("fnv1a, 100,000 keys x 7 counts: rd_kafka_msg_partitioner_fnv1a")
    func fnv1a() throws { try compare("librdkafka:fnv1a", rd_kafka_msg_partitioner_fnv1a) }

    @Test("fnv1a_random, non-null keys (20,000): rd_kafka_msg_partitioner_fnv1a_random")
    func fnv1aRandom() throws { try compare("librdkafka:fnv1a_random", rd_kafka_msg_partitioner_fnv1a_random, keyLimit: 20_000) }

    @Test("consistent, murmur2 and fnv1a hash a NULL key like an empty one, as librdkafka does")
    func nullKeys() throws {
        let pairs: [(String, CPartitioner)] = [
            ("librdkafka:consistent", rd_kafka_msg_partitioner_consistent),
            ("librdkafka:murmur2", rd_kafka_msg_partitioner_murmur2),
            ("librdkafka:fnv1a", rd_kafka_msg_partitioner_fnv1a),
        ]
        for (name, function) in pairs {
            let strategy = try #require(StrategyRegistry.strategy(named: name))
            let partitioner = strategy.makePartitioner(seed: 3)
            for n in Self.counts {
                let expected = function(nil, nil, 0, n, nil, nil)
                #expect(partitioner.partition(key: nil as [UInt8]?, partitionCount: .valid(Int(n))) == expected, "\(name) n=\(n)")
                #expect(strategy.deterministicPartition(key: nil, partitionCount: .valid(Int(n))) == expected, "\(name) n=\(n)")
            }
        }
    }

    @Test("murmur2 and fnv1a at every length 0...1,100 and 4 start offsets (every loop and its tail): librdkafka's hash")
    func everyLength() {
        var state: UInt64 = 0x1100  // a 64-bit LCG: fixed bytes on every run
        let bytes = (0..<1_104).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let pairs: [(KeyHashing, CPartitioner)] = [
            (KeyHashing(.murmur2, .clearSignBit), rd_kafka_msg_partitioner_murmur2),
            (KeyHashing(.fnv1a, .absoluteValue), rd_kafka_msg_partitioner_fnv1a),
        ]
        bytes.withUnsafeBytes { raw in
            for (rule, function) in pairs {
                var mismatches = 0
                for start in 0..<4 {
                    for length in 0...1_100 {
                        let key = UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])
                        // n = Int32.max keeps 31 bits of the reduced hash: the hash itself, nearly.
                        let expected = function(nil, key.baseAddress, length, Int32.max, nil, nil)
                        let dividend = rule.reduction.apply(rule.function.hash(key))
                        if Int32(dividend % UInt32(Int32.max)) != expected { mismatches += 1 }
                    }
                }
                #expect(mismatches == 0, "\(rule.function): \(mismatches) of 4,404 keys differ from librdkafka")
            }
        }
    }

    @Test("the facts-file vectors through librdkafka's own functions (the oracle itself is sound)")
    func oracleVectors() {
        TestKeys.withBytes("kafka") { key in
            // (murmur2 & 0x7fffffff) % large n is the masked hash itself.
            #expect(rd_kafka_msg_partitioner_murmur2(nil, key.baseAddress, key.count, Int32.max, nil, nil) == Int32(0xd067_cf64 & 0x7fff_ffff))
            #expect(rd_kafka_msg_partitioner_fnv1a(nil, key.baseAddress, key.count, Int32.max, nil, nil) == 0x0d33_c4e1)
        }
    }
}
