// kbench's key hashing and partitioning next to librdkafka's C partitioners, in the same run.
//
//   single <hash> <size> kbench       1,000 one-key partition calls (64 at 65536 bytes) through
//                                     KeyHashing (inlinable Swift, a compile-time rule)
//   single <hash> <size> librdkafka   as many calls of rd_kafka_msg_partitioner_<name> through its
//                                     function pointer, as librdkafka calls its partitioner
//   batch <hash> 1M keys kbench <kernel>   BatchHasher.partition over 1M contiguous keys of 16–36
//                                     bytes into 12 partitions (automatic = AVX-512, else AVX2)
//   batch <hash> 1M keys librdkafka   the same keys, one C call per key
//
// Targets: single-key kbench ≥ librdkafka at every size (p50 wall clock per iteration no higher);
// batch murmur2 ≥ 4× the per-key C calls. Each single-key iteration cycles through 64 different
// keys (4 at 65536 bytes) so neither side hashes one constant buffer.
//
// Measured on the 2-core AMD EPYC (Zen 5, AVX2/AVX-512) build machine, shared with other jobs,
// p50 librdkafka ÷ p50 kbench (higher is better for kbench):
//   batch 1M keys, 12 partitions: murmur2 AVX2 10.5x (portable SIMD8 1.7x), FNV-1a AVX2 2.9x,
//     CRC-32 per-key slicing-by-8 2.0x
//   single murmur2 8..65536 B: 1.19 1.07 1.08 1.05 1.02 1.02 1.01
//   single CRC-32 8..65536 B:  2.8 2.4 4.5 11.9 6.8 3.9 2.3
//   single FNV-1a 8..65536 B:  1.45 1.19 1.12 1.07 0.97-1.04 1.00 1.01
// Issue 21 (2026-12-04, kbench hash --min-time 0.25, same-run ratios, AVX-512 kernels: 16 keys
// per group, any length; machine heavily shared): batch murmur2 8..4096 B 4.53 4.66 5.11 6.04
// 6.87 8.17 5.42; batch FNV-1a 4.26 5.28 7.34 8.64 9.16 9.13 8.05 (AVX2 alone, 8 keys: murmur2
// 2.6-3.4, FNV-1a 2.0-5.8; before, keys over 256 B ran one at a time: 1.0). Instructions per key
// (`kbench hash --instructions callgrind`, release build, 8 B..64 KiB): one-key murmur2 50..139322
// vs librdkafka 68..163905 (1.18-1.35x fewer), FNV-1a 1.54-1.78x fewer, CRC-32 1.9-8.8x fewer;
// batch (AVX2 kernel: valgrind hides AVX-512) murmur2 3.0-4.8x, FNV-1a 2.6-5.1x fewer.
// One-key murmur2 and FNV-1a are one serial chain per key in both implementations (murmur2
// h = h*m ^ k per 4-byte block, FNV-1a h = (h ^ b)*p per byte: imul 3 + xor 1 cycles a step;
// multiply and xor do not distribute, so no rewrite shortens it). Measured in the same runs
// (core clock from a chain of dependent imuls, 3.8-4.1 GHz), 64 KiB keys: murmur2 kbench
// 3.95-4.13 cycles per block vs librdkafka 3.91-4.19, FNV-1a 3.93-4.07 cycles per byte vs
// 3.91-4.20: both at the bound of 4. Same-run one-key ratios over 9 runs of --min-time 0.3
// (median, min-max): murmur2 256 B 1.029 (0.96-1.09), 1 KiB 1.018 (1.01-1.03), 4 KiB 0.985
// (0.976-0.993), 64 KiB 1.009 (0.98-1.01); FNV-1a 1.041, 1.012, 0.997 (0.96-1.00), 1.001
// (1.00-1.03). kbench's murmur2 loop (objdump) is librdkafka's chain, unrolled twice, no bounds
// checks, unaligned 4-byte loads; the 1-2 % left at 2-16 KiB (about 0.05 cycle per block) is
// not the loop's: the same loop in a standalone harness (swiftc -O, keys of one size in a 256 KiB
// set, thread CPU time, 15 alternating rounds, librdkafka's partitioner through dlsym; 2026-12-04,
// 3 runs) ties librdkafka at 1.000-1.005 (2 KiB), 0.998-1.001 (4 KiB), 0.998-1.000 (8 KiB).
// Variants there were slower, none faster: a pointer loop counting down 0.98-1.00; both blocks'
// k computed before the two chain steps 0.885-0.89 (the chain's multiply then waits behind the
// k multiplies); the k side in SIMD8 vectors (off the scalar multiplier, chain scalar) 0.94-0.96
// at >= 1 KiB, 0.96-0.97 with AVX2 codegen. Since 2026-12-04 `kbench hash` reports cycles per
// step for every one-key cell of both sides (table "chain-cycles") and names each one-key loss
// with whether the two sides' middle halves of rounds overlap (finding "one-key losses").
// 2026-12-05 (host at 3.65 GHz): FNV-1a one key lost at 16 B (0.91x, 2.32 vs 2.11 cycles a byte:
// under the bound of 4 because consecutive keys' chains overlap, and the 4-step unrolled loop let
// them overlap less). FNV1a.hash now runs keys under 128 bytes through the plain byte loop:
// kbench hash, 3 runs, 8 B 1.18-1.34, 16 B 1.25-1.27, 32 B 1.02-1.03, 64 B 0.97-1.00, 256 B
// 0.997-0.998, 1 KiB 1.002-1.003 (before: 1.28, 0.91, 0.99-1.00, 0.99, 1.00, 1.00); with a
// 32-byte threshold 32 B was 0.98-1.01. Murmur2.hash now mixes four blocks an iteration, then
// one at a time: one key, 2 runs of --min-time 0.2, 8 B 1.24-1.25, 16 B 1.07, 32 B 1.09, 64 B
// 1.07, 128 B 1.02, 256 B 0.99, 1 KiB 0.98-1.00, 4 KiB and 64 KiB 1.00 (before: 1.01-1.05 up to
// 64 B, 0.99 at 128 B, 0.975 at 256 B, 0.98 at 1 KiB). Tried and dropped, same runs: the
// blocks behind a non-inlined call from 128 or 512 bytes (1 KiB 0.99-1.00 in one build, 0.98 in
// the next), librdkafka's exact one-block loop in C behind a call (256 B 0.93-0.99), FNV-1a's
// long keys behind a call (which moved FNV-1a at 16 B from 1.27 to 0.91: code elsewhere in the
// function changes how the short keys' chains overlap). What stays under 1.00, murmur2 at
// 256 B - 1 KiB and FNV-1a at 64-256 B (0.98-1.00), sits at the chain's bound on both sides
// (4 cycles a step for one key; results/hash.md's chain-cycles table): the difference is how
// much of the next key's chain the core starts before this one ends, which moves with code
// layout by more than the gap itself.
//
// Run: cd Benchmarks && swift package --disable-sandbox benchmark --target HashingBenchmarks

import Benchmark
import CRdKafkaPartitioners
import KafkaPartitioning

/// librdkafka's exported partitioner functions, called through a C function pointer exactly as
/// librdkafka calls its partitioner. The hashing partitioners never touch the topic handle.
enum LibrdkafkaPartitioners {
    /// `(rkt, key, keylen, partition_cnt, rkt_opaque, msg_opaque) -> partition`.
    typealias Function = @convention(c) (
        OpaquePointer?, UnsafeRawPointer?, Int, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
    ) -> Int32

    /// `rd_kafka_msg_partitioner_murmur2`: `(murmur2(key) & 0x7fffffff) % n`.
    static let murmur2: Function = rd_kafka_msg_partitioner_murmur2
    /// `rd_kafka_msg_partitioner_consistent`: `crc32(key) % n`.
    static let consistent: Function = rd_kafka_msg_partitioner_consistent
    /// `rd_kafka_msg_partitioner_fnv1a`: `rd_fnv1a(key) % n`.
    static let fnv1a: Function = rd_kafka_msg_partitioner_fnv1a

    /// Calls `function` for one non-null key.
    @inline(__always)
    static func partition(_ function: Function, key: UnsafeRawBufferPointer, partitionCount: Int32) -> Int32 {
        function(nil, key.baseAddress, key.count, partitionCount, nil, nil)
    }
}

/// Keys of one size for the single-key benchmarks, stored back to back (8-byte aligned starts).
struct SizedKeys: Sendable {
    let size: Int
    let count: Int
    let storage: [UInt8]

    init(size: Int, seed: UInt64) {
        self.size = size
        count = size >= 65536 ? 4 : 64
        var random = SeededRandom(seed: seed)
        storage = (0..<(size * count)).map { _ in UInt8.random(in: 0...255, using: &random) }
    }
}

/// 1M keys of 16–36 random bytes in one buffer with offsets.
struct BatchKeys: Sendable {
    let batch: KeyBatch

    init(count: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var batch = KeyBatch(keyCapacity: count, byteCapacity: count * 26)
        var key = [UInt8](repeating: 0, count: 36)
        for _ in 0..<count {
            let length = Int.random(in: 16...36, using: &random)
            for index in 0..<length { key[index] = UInt8.random(in: 0...255, using: &random) }
            key.withUnsafeBytes { batch.append(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
        }
        self.batch = batch
    }
}

/// One hash measured: kbench's one-key partition (a compile-time rule, as in code that calls
/// `KeyHashing.kafkaDefault.partition` or `Murmur2.hash`) and librdkafka's C partitioner with the
/// same placement.
protocol Pairing {
    static var name: String { get }
    static var rule: KeyHashing { get }
    static var librdkafka: LibrdkafkaPartitioners.Function { get }
}

extension Pairing {
    @inline(__always)
    static func kbench(_ key: UnsafeRawBufferPointer, _ partitionCount: PartitionCount) -> Int32 {
        rule.partition(key, partitionCount: partitionCount)
    }
}

enum Murmur2Pairing: Pairing {
    static var name: String { "murmur2" }
    static var rule: KeyHashing { KeyHashing(.murmur2, .clearSignBit) }
    static var librdkafka: LibrdkafkaPartitioners.Function { LibrdkafkaPartitioners.murmur2 }
}

enum CRC32Pairing: Pairing {
    static var name: String { "crc32" }
    static var rule: KeyHashing { KeyHashing(.crc32, .unsigned) }
    static var librdkafka: LibrdkafkaPartitioners.Function { LibrdkafkaPartitioners.consistent }
}

enum FNV1aPairing: Pairing {
    static var name: String { "fnv1a" }
    static var rule: KeyHashing { KeyHashing(.fnv1a, .absoluteValue) }
    static var librdkafka: LibrdkafkaPartitioners.Function { LibrdkafkaPartitioners.fnv1a }
}

/// Registers the single-key benchmarks of `pairing` at every size.
func singleKeyBenchmarks<P: Pairing>(_ pairing: P.Type, partitions: PartitionCount) {
    for size in [8, 16, 32, 64, 256, 1024, 65536] {
        // About the same work per iteration at every size, so every benchmark gets many samples.
        let callsPerIteration = size >= 65536 ? 64 : 1000
        let keys = SizedKeys(size: size, seed: UInt64(size))
        let label = "single \(P.name) \(size)B x\(callsPerIteration)"
        Benchmark("\(label) kbench") { benchmark in
            keys.storage.withUnsafeBytes { raw in
                for _ in benchmark.scaledIterations {
                    var sum: Int32 = 0
                    for call in 0..<callsPerIteration {
                        let start = (call & (keys.count - 1)) * keys.size
                        sum &+= P.kbench(UnsafeRawBufferPointer(rebasing: raw[start..<(start + keys.size)]), partitions)
                    }
                    blackHole(sum)
                }
            }
        }
        Benchmark("\(label) librdkafka") { benchmark in
            let function = P.librdkafka
            keys.storage.withUnsafeBytes { raw in
                for _ in benchmark.scaledIterations {
                    var sum: Int32 = 0
                    for call in 0..<callsPerIteration {
                        let start = (call & (keys.count - 1)) * keys.size
                        let key = UnsafeRawBufferPointer(rebasing: raw[start..<(start + keys.size)])
                        sum &+= LibrdkafkaPartitioners.partition(function, key: key, partitionCount: partitions.value)
                    }
                    blackHole(sum)
                }
            }
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 3,
        maxDuration: .seconds(1),
        maxIterations: 3000
    )
    guard let count = try? PartitionCount(12) else { return }

    singleKeyBenchmarks(Murmur2Pairing.self, partitions: count)
    singleKeyBenchmarks(CRC32Pairing.self, partitions: count)
    singleKeyBenchmarks(FNV1aPairing.self, partitions: count)

    let batchKeys = BatchKeys(count: 1_000_000, seed: 36)
    let batchConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], timeUnits: .microseconds, warmupIterations: 2,
        maxDuration: .seconds(2), maxIterations: 100)
    let pairings: [(name: String, rule: KeyHashing, librdkafka: LibrdkafkaPartitioners.Function)] = [
        (Murmur2Pairing.name, Murmur2Pairing.rule, Murmur2Pairing.librdkafka),
        (CRC32Pairing.name, CRC32Pairing.rule, CRC32Pairing.librdkafka),
        (FNV1aPairing.name, FNV1aPairing.rule, FNV1aPairing.librdkafka),
    ]
    for pairing in pairings {
        let label = "batch \(pairing.name) 1M keys 16-36B"
        // CRC-32 runs one key at a time under every kernel (see BatchKernel.resolved(for:)).
        let kernels: [BatchKernel] = pairing.name == "crc32" ? [.automatic] : [.automatic, .portableSIMD, .scalar]
        for kernel in kernels {
            Benchmark("\(label) kbench \(kernel.resolved(for: pairing.rule.function).rawValue)", configuration: batchConfiguration) { benchmark in
                var output = [Int32](repeating: 0, count: batchKeys.batch.count)
                for _ in benchmark.scaledIterations {
                    batchKeys.batch.withContiguousKeys { keys in
                        output.withUnsafeMutableBufferPointer { out in
                            try? BatchHasher.partition(pairing.rule, keys: keys, partitionCount: count, into: out, kernel: kernel)
                        }
                    }
                    blackHole(output[output.count / 2])
                }
            }
        }
        Benchmark("\(label) librdkafka per-key", configuration: batchConfiguration) { benchmark in
            var output = [Int32](repeating: 0, count: batchKeys.batch.count)
            for _ in benchmark.scaledIterations {
                batchKeys.batch.withContiguousKeys { keys in
                    output.withUnsafeMutableBufferPointer { out in
                        for index in 0..<keys.count {
                            out[index] = LibrdkafkaPartitioners.partition(pairing.librdkafka, key: keys[index], partitionCount: count.value)
                        }
                    }
                }
                blackHole(output[output.count / 2])
            }
        }
    }
}
