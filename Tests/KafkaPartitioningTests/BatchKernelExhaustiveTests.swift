import KafkaPartitioning
import Testing

/// Every vector kernel against the one-key functions on every key length 0...320 at every
/// start alignment 0..<64 (a cache line, four AVX-512 quads), in buffers that end exactly at
/// the last key (groups near the end must load through masks or run one key at a time) and in
/// buffers with room after it (whole windows read past each key).
@Suite("BatchHasher: every length and alignment, every vector kernel")
struct BatchKernelExhaustiveTests {
    static let lengths = 0...320
    static let alignments = 0..<64
    /// One full AVX-512 group, one partial group (and two full AVX2 groups plus one partial).
    static let keysPerCase = 17
    static let kernels: [BatchKernel] = [.avx512, .avx2, .portableSIMD]

    /// Checks every kernel on `keysPerCase` keys of `length` bytes starting `alignment` bytes
    /// into a 64-byte aligned buffer, with `slack` bytes after the last key, against the
    /// one-key function; returns the kernels that differed.
    static func mismatchingKernels(
        _ function: HashFunction, length: Int, alignment: Int, slack: Int, pattern: [UInt8]
    ) throws -> [BatchKernel] {
        let used = alignment + keysPerCase * length
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, used + slack), alignment: 64)
        defer { buffer.deallocate() }
        for index in 0..<buffer.count { buffer[index] = pattern[index % pattern.count] }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<(used + slack)])
        let offsets = (0...keysPerCase).map { alignment + $0 * length }
        let expected = (0..<keysPerCase).map { key in
            function.hash(UnsafeRawBufferPointer(rebasing: bytes[offsets[key]..<offsets[key + 1]]))
        }
        var batch = [UInt32](repeating: 0, count: keysPerCase)
        return try kernels.filter { kernel in
            try offsets.withUnsafeBufferPointer { offsets in
                try ContiguousKeys.withKeys(bytes: bytes, offsets: offsets) { keys throws(PartitioningError) in
                    try batch.withUnsafeMutableBufferPointer { out throws(PartitioningError) in
                        try BatchHasher.hash(function, keys: keys, into: out, kernel: kernel)
                    }
                }
            }
            return batch != expected
        }
    }

    @Test("murmur2 and FNV-1a: lengths 0...320 × alignments 0..<64, tight and padded buffers",
          arguments: [HashFunction.murmur2, .fnv1a])
    func everyLengthAndAlignment(function: HashFunction) throws {
        let pattern = TestKeys.random(count: 1, lengths: 997...997, seed: 21)[0]
        var mismatches: [String] = []
        for length in Self.lengths {
            for alignment in Self.alignments {
                for slack in [0, 64] {
                    let failed = try Self.mismatchingKernels(function, length: length, alignment: alignment, slack: slack, pattern: pattern)
                    if !failed.isEmpty, mismatches.count < 10 {
                        mismatches.append("\(failed) length \(length) alignment \(alignment) slack \(slack)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(function): \(mismatches.joined(separator: "; "))")
    }

    @Test("groups mixing short and long keys (up to 5,000 bytes)", arguments: [HashFunction.murmur2, .fnv1a])
    func mixedLengths(function: HashFunction) throws {
        var keys = TestKeys.random(count: 200, lengths: 0...5000, seed: 7)
        keys.insert(contentsOf: [[], [UInt8](repeating: 0xff, count: 4096), [1]], at: 5)
        let expected = keys.map { function.hash($0) }
        for kernel in Self.kernels {
            #expect(BatchHasher.hashes(function, of: keys, kernel: kernel) == expected, "\(function) \(kernel)")
        }
    }
}
