import KafkaLive
import KafkaPartitioning

/// A kbench key rule and the librdkafka partitioner that places keys the same way.
struct HashPairing: Sendable {
    /// The hash function measured.
    let function: HashFunction
    /// kbench's rule (hash, reduction, `% n`).
    let rule: KeyHashing
    /// librdkafka's `partitioner` name (`murmur2`, `consistent`, `fnv1a`).
    let librdkafkaName: String
    /// librdkafka's exported partitioner function.
    let librdkafka: LibrdkafkaPartitioners.Function

    /// The pairing for one of ``HashStudyConfiguration/supportedFunctions``.
    init(_ function: HashFunction) {
        self.function = function
        switch function {
        case .crc32:
            (rule, librdkafkaName, librdkafka) = (KeyHashing(.crc32, .unsigned), "consistent", LibrdkafkaPartitioners.consistent)
        case .fnv1a:
            (rule, librdkafkaName, librdkafka) = (KeyHashing(.fnv1a, .absoluteValue), "fnv1a", LibrdkafkaPartitioners.fnv1a)
        case .murmur2, .kafkaJSLegacyMurmur2:
            (rule, librdkafkaName, librdkafka) = (KeyHashing(.murmur2, .clearSignBit), "murmur2", LibrdkafkaPartitioners.murmur2)
        }
    }

    /// A pairing from its parts (tests pair a rule with the wrong partitioner on purpose).
    init(function: HashFunction, rule: KeyHashing, librdkafkaName: String, librdkafka: @escaping LibrdkafkaPartitioners.Function) {
        self.function = function
        self.rule = rule
        self.librdkafkaName = librdkafkaName
        self.librdkafka = librdkafka
    }

    /// The C function as librdkafka names it: `rd_kafka_msg_partitioner_murmur2`.
    var librdkafkaSymbol: String { "rd_kafka_msg_partitioner_\(librdkafkaName)" }

    /// One pass of kbench's one-key partition over `count` keys of `size` bytes at `base`,
    /// with the rule fixed at compile time (as in code calling `Murmur2.hash` directly).
    func kbenchSinglePass(base: UnsafeRawPointer, size: Int, count: Int, partitionCount: PartitionCount) -> Int32 {
        switch function {
        case .crc32: SingleKeyLoop.run(CRC32Rule.self, base: base, size: size, count: count, partitionCount: partitionCount)
        case .fnv1a: SingleKeyLoop.run(FNV1aRule.self, base: base, size: size, count: count, partitionCount: partitionCount)
        case .murmur2, .kafkaJSLegacyMurmur2:
            SingleKeyLoop.run(Murmur2Rule.self, base: base, size: size, count: count, partitionCount: partitionCount)
        }
    }

    /// One pass of librdkafka's partitioner over the same keys, one call per key.
    func librdkafkaSinglePass(base: UnsafeRawPointer, size: Int, count: Int, partitionCount: Int32) -> Int32 {
        SingleKeyLoop.runC(librdkafka, base: base, size: size, count: count, partitionCount: partitionCount)
    }
}

/// A key rule known at compile time, so the one-key loop is specialised and inlined.
protocol StaticKeyRule {
    /// The rule.
    static var rule: KeyHashing { get }
}

enum Murmur2Rule: StaticKeyRule {
    static var rule: KeyHashing { KeyHashing(.murmur2, .clearSignBit) }
}

enum CRC32Rule: StaticKeyRule {
    static var rule: KeyHashing { KeyHashing(.crc32, .unsigned) }
}

enum FNV1aRule: StaticKeyRule {
    static var rule: KeyHashing { KeyHashing(.fnv1a, .absoluteValue) }
}

/// The timed one-key loops: keys of one size back to back, partitions summed so nothing is
/// optimised away.
enum SingleKeyLoop {
    @inline(never)
    static func run<Rule: StaticKeyRule>(
        _: Rule.Type, base: UnsafeRawPointer, size: Int, count: Int, partitionCount: PartitionCount
    ) -> Int32 {
        var sum: Int32 = 0
        var offset = 0
        for _ in 0..<count {
            sum &+= Rule.rule.partition(UnsafeRawBufferPointer(start: base + offset, count: size), partitionCount: partitionCount)
            offset &+= size
        }
        return sum
    }

    @inline(never)
    static func runC(
        _ function: LibrdkafkaPartitioners.Function, base: UnsafeRawPointer, size: Int, count: Int, partitionCount: Int32
    ) -> Int32 {
        var sum: Int32 = 0
        var offset = 0
        for _ in 0..<count {
            sum &+= function(nil, base + offset, size, partitionCount, nil, nil)
            offset &+= size
        }
        return sum
    }

    /// librdkafka over contiguous keys into `output`, one call per key (the batch-mode peer).
    @inline(never)
    static func runC(
        _ function: LibrdkafkaPartitioners.Function, keys: ContiguousKeys, partitionCount: Int32,
        into output: UnsafeMutablePointer<Int32>
    ) {
        for index in 0..<keys.count {
            let key = keys[index]
            output[index] = function(nil, key.baseAddress, key.count, partitionCount, nil, nil)
        }
    }
}

/// Keeps `value` alive as far as the optimiser can tell: an opaque call it cannot see into.
@inline(never) @_optimize(none)
func blackHole<Value>(_ value: Value) {}
