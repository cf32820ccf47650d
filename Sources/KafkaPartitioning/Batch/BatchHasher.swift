import CHashKernels
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which implementation a batch call uses.
public enum BatchKernel: String, Sendable, Hashable, CaseIterable, Codable {
    /// The fastest this CPU supports (AVX-512, else AVX2, else portable SIMD).
    case automatic
    /// The AVX2 C kernel, eight keys per group (falls back to ``portableSIMD`` on a CPU without AVX2).
    case avx2
    /// The AVX-512 C kernel, sixteen keys per group, masked loads at the end of the buffer
    /// (falls back to ``avx2`` on a CPU without AVX-512).
    case avx512
    /// Portable Swift, eight keys in `SIMD8<UInt32>` lanes.
    case portableSIMD = "portable-simd"
    /// One key at a time through the single-key functions: the reference.
    case scalar

    /// The kernel that actually runs for `self` and `function` on this CPU.
    ///
    /// `automatic` picks AVX-512, else AVX2 when present; otherwise SIMD lanes, except FNV-1a on x86-64:
    /// baseline x86-64 code has no 32-bit vector multiply, and FNV-1a needs one per byte, so
    /// the one-key chain wins there (NEON has the multiply). CRC-32 and KafkaJS's legacy hash
    /// run one key at a time under every kernel: CRC-32's slicing-by-8 is bound by table loads,
    /// which independent keys already overlap out of order (a four-chain interleave measured
    /// slower), and the legacy hash is double arithmetic.
    public func resolved(for function: HashFunction) -> BatchKernel {
        if function == .kafkaJSLegacyMurmur2 || function == .crc32 { return .scalar }
        switch self {
        case .automatic:
            if CPUFeatures.hasAVX512 { return .avx512 }
            if CPUFeatures.hasAVX2 { return .avx2 }
            #if arch(x86_64)
            if function == .fnv1a { return .scalar }
            #endif
            return .portableSIMD
        case .avx512:
            return CPUFeatures.hasAVX512 ? .avx512 : BatchKernel.avx2.resolved(for: function)
        case .avx2:
            return CPUFeatures.hasAVX2 ? .avx2 : .portableSIMD
        case .portableSIMD, .scalar:
            return self
        }
    }
}

/// Hashes and partitions many keys at once into a caller-provided buffer.
///
/// Independent keys are hashed side by side (sixteen murmur2 or FNV-1a states in AVX-512 lanes,
/// eight in AVX2 or portable SIMD lanes, fed by transposed loads), and remainders use ``PartitionCount``'s multiplier instead of a division. Results equal the one-key functions for every key (the tests check every
/// kernel against them). KafkaJS's legacy hash has no batch kernel and runs one key at a time.
public enum BatchHasher {
    /// Hashes key `i` of `keys` into `output[i]`.
    ///
    /// Throws ``PartitioningError/outputTooSmall(needed:available:)`` when `output` is shorter
    /// than `keys`.
    public static func hash(
        _ function: HashFunction,
        keys: ContiguousKeys,
        into output: UnsafeMutableBufferPointer<UInt32>,
        kernel: BatchKernel = .automatic
    ) throws(PartitioningError) {
        let count = keys.count
        guard output.count >= count else { throw .outputTooSmall(needed: count, available: output.count) }
        guard count > 0, let out = output.baseAddress else { return }
        let resolved = kernel.resolved(for: function)
        switch (function, resolved) {
        case (_, .scalar), (.kafkaJSLegacyMurmur2, _):
            for index in 0..<count { out[index] = function.hash(keys[index]) }
        case (.murmur2, .avx2), (.fnv1a, .avx2), (.murmur2, .avx512), (.fnv1a, .avx512):
            let kernelHash = resolved == .avx512 ? kbench_batch_hash_avx512 : kbench_batch_hash_avx2
            withKernelArguments(keys) { base, length, offsets in
                kernelHash(kernelKind(function), base, length, offsets, count, out)
            }
        default:
            PortableBatchKernels.hash(function, keys, out)
        }
    }

    /// Partitions key `i` of `keys` with `rule` into `output[i]`.
    public static func partition(
        _ rule: KeyHashing,
        keys: ContiguousKeys,
        partitionCount: PartitionCount,
        into output: UnsafeMutableBufferPointer<Int32>,
        kernel: BatchKernel = .automatic
    ) throws(PartitioningError) {
        let count = keys.count
        guard output.count >= count else { throw .outputTooSmall(needed: count, available: output.count) }
        guard count > 0, let out = output.baseAddress else { return }
        let resolved = kernel.resolved(for: rule.function)
        switch (rule.function, resolved) {
        case (_, .scalar):
            for index in 0..<count {
                out[index] = rule.partition(keys[index], partitionCount: partitionCount)
            }
        case (.murmur2, .avx2), (.fnv1a, .avx2), (.murmur2, .avx512), (.fnv1a, .avx512):
            let kernelPartition = resolved == .avx512 ? kbench_batch_partition_avx512 : kbench_batch_partition_avx2
            withKernelArguments(keys) { base, length, offsets in
                kernelPartition(
                    kernelKind(rule.function), kernelReduction(rule.reduction), partitionCount.kernelDivisor,
                    base, length, offsets, count, out)
            }
        default:
            out.withMemoryRebound(to: UInt32.self, capacity: count) { hashes in
                // Hashes are in range by the check above; the rebound output takes them.
                try? hash(rule.function, keys: keys, into: UnsafeMutableBufferPointer(start: hashes, count: count),
                          kernel: resolved)
                PortableBatchKernels.reduce(hashes, count: count, rule.reduction, partitionCount)
            }
        }
    }

    /// Hashes every key of a collection of byte buffers into `output` (same order).
    ///
    /// Keys are staged into contiguous, padded chunks (one allocation per call, reused per
    /// chunk), so the vector kernels take every group.
    public static func hash<Keys: Collection>(
        _ function: HashFunction,
        keys: Keys,
        into output: UnsafeMutableBufferPointer<UInt32>,
        kernel: BatchKernel = .automatic
    ) throws(PartitioningError) where Keys.Element: ContiguousBytes {
        try forEachStagedChunk(of: keys, into: output) { chunk, slice in
            try? hash(function, keys: chunk, into: slice, kernel: kernel)
        }
    }

    /// Partitions every key of a collection of byte buffers into `output` (same order).
    public static func partition<Keys: Collection>(
        _ rule: KeyHashing,
        keys: Keys,
        partitionCount: PartitionCount,
        into output: UnsafeMutableBufferPointer<Int32>,
        kernel: BatchKernel = .automatic
    ) throws(PartitioningError) where Keys.Element: ContiguousBytes {
        try forEachStagedChunk(of: keys, into: output) { chunk, slice in
            try? partition(rule, keys: chunk, partitionCount: partitionCount, into: slice, kernel: kernel)
        }
    }

    /// Hashes of every key, as a new array.
    public static func hashes<Keys: Collection>(
        _ function: HashFunction, of keys: Keys, kernel: BatchKernel = .automatic
    ) -> [UInt32] where Keys.Element: ContiguousBytes {
        zeroedArray(count: keys.count) { buffer in
            try? hash(function, keys: keys, into: buffer, kernel: kernel)
        }
    }

    /// Partitions of every key, as a new array.
    public static func partitions<Keys: Collection>(
        _ rule: KeyHashing, of keys: Keys, partitionCount: PartitionCount, kernel: BatchKernel = .automatic
    ) -> [Int32] where Keys.Element: ContiguousBytes {
        zeroedArray(count: keys.count) { buffer in
            try? partition(rule, keys: keys, partitionCount: partitionCount, into: buffer, kernel: kernel)
        }
    }

    /// Checks that `output` holds a result per key, then calls `body` with consecutive staged
    /// chunks of `keys` and the slice of `output` for each chunk's keys.
    static func forEachStagedChunk<Keys: Collection, Result>(
        of keys: Keys, into output: UnsafeMutableBufferPointer<Result>,
        _ body: (ContiguousKeys, UnsafeMutableBufferPointer<Result>) -> Void
    ) throws(PartitioningError) where Keys.Element: ContiguousBytes {
        let count = keys.count
        guard output.count >= count else { throw .outputTooSmall(needed: count, available: output.count) }
        var done = 0
        KeyStaging.forEachChunk(of: keys) { chunk in
            body(chunk, UnsafeMutableBufferPointer(rebasing: output[done..<(done + chunk.count)]))
            done += chunk.count
        }
    }

    /// A `count`-element array, zeroed, then written by `fill`.
    static func zeroedArray<Element: FixedWidthInteger>(
        count: Int, _ fill: (UnsafeMutableBufferPointer<Element>) -> Void
    ) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.initialize(repeating: 0)
            fill(buffer)
            initialized = count
        }
    }

    /// Base pointer, byte length and offsets pointer of `keys`, as the C kernels take them.
    @inline(__always)
    static func withKernelArguments(
        _ keys: ContiguousKeys, _ body: (UnsafePointer<UInt8>, Int, UnsafePointer<Int>) -> Void
    ) {
        // A key set whose byte buffer is empty still needs a valid base pointer.
        // (ContiguousKeys always holds at least one offset, so `offsets` has a base address.)
        guard let offsets = keys.offsets.baseAddress else { return }
        var empty: UInt8 = 0
        withUnsafePointer(to: &empty) { fallback in
            let base = keys.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? fallback
            body(base, keys.bytes.count, offsets)
        }
    }

    static func kernelKind(_ function: HashFunction) -> kbench_hash_kind {
        switch function {
        case .murmur2: return KBENCH_HASH_MURMUR2
        case .fnv1a: return KBENCH_HASH_FNV1A
        case .crc32, .kafkaJSLegacyMurmur2: return KBENCH_HASH_CRC32
        }
    }

    static func kernelReduction(_ reduction: HashReduction) -> kbench_reduction {
        switch reduction {
        case .clearSignBit: return KBENCH_REDUCE_CLEAR_SIGN
        case .unsigned: return KBENCH_REDUCE_UNSIGNED
        case .absoluteValue: return KBENCH_REDUCE_ABSOLUTE
        }
    }
}
