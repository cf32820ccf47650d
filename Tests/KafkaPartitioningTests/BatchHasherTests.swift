import KafkaPartitioning
import Testing
import TestSupport

@Suite("BatchHasher: every kernel equals the one-key functions")
struct BatchHasherTests {
    static let kernels: [BatchKernel] = [.automatic, .avx512, .avx2, .portableSIMD, .scalar]

    /// Keys of mixed lengths: short, around the 32-byte window, long (> the vector limit).
    static let keys: [[UInt8]] = {
        var keys = TestKeys.random(count: 2000, lengths: 0...40, seed: 1)
        keys += TestKeys.random(count: 300, lengths: 0...300, seed: 2)
        keys += [[], [0xff], [UInt8](repeating: 0xff, count: 33), [UInt8](repeating: 0x00, count: 257)]
        return keys
    }()

    /// A shorter mix for the many-combination tests.
    static let someKeys: [[UInt8]] = Array(keys.prefix(400)) + Array(keys.suffix(60))

    /// Contiguous storage of `keys` with no padding after the last key, so groups near the end
    /// must fall back to the in-bounds path.
    static func contiguous(_ keys: [[UInt8]]) -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = []
        var offsets = [0]
        for key in keys {
            bytes += key
            offsets.append(bytes.count)
        }
        return (bytes, offsets)
    }

    @Test("hashes, tight contiguous buffer (no padding)", arguments: [HashFunction.murmur2, .fnv1a, .crc32, .kafkaJSLegacyMurmur2])
    func hashesContiguous(function: HashFunction) throws {
        let (bytes, offsets) = Self.contiguous(Self.keys)
        let expected = Self.keys.map { function.hash($0) }
        for kernel in Self.kernels {
            var output = [UInt32](repeating: 0, count: Self.keys.count)
            try bytes.withUnsafeBytes { raw in
                try offsets.withUnsafeBufferPointer { offsets in
                    try ContiguousKeys.withKeys(bytes: raw, offsets: offsets) { keys throws(PartitioningError) in
                        try output.withUnsafeMutableBufferPointer { out throws(PartitioningError) in
                            try BatchHasher.hash(function, keys: keys, into: out, kernel: kernel)
                        }
                    }
                }
            }
            let mismatch = zip(output, expected).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(mismatch == nil, "\(function) \(kernel): first mismatch at key \(mismatch?.offset ?? -1)")
        }
    }

    @Test("partitions for every rule, kernel and several counts (collection API)")
    func partitionsCollection() throws {
        let rules = StrategyRegistry.keyRules.map(\.rule)
        for rule in rules {
            for n in [1, 3, 12, 1009, Int(Int32.max)] {
                let count = try PartitionCount(n)
                let expected = Self.someKeys.map { rule.partition($0, partitionCount: count) }
                for kernel in Self.kernels {
                    let actual = BatchHasher.partitions(rule, of: Self.someKeys, partitionCount: count, kernel: kernel)
                    let mismatch = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }
                    #expect(mismatch == nil, "\(rule) n=\(n) \(kernel): first mismatch at key \(mismatch?.offset ?? -1)")
                }
            }
        }
    }

    @Test("partitions, tight contiguous buffer, every rule")
    func partitionsContiguous() throws {
        let (bytes, offsets) = Self.contiguous(Self.keys)
        let count = try PartitionCount(12)
        for rule in StrategyRegistry.keyRules.map(\.rule) {
            let expected = Self.keys.map { rule.partition($0, partitionCount: count) }
            for kernel in Self.kernels {
                var output = [Int32](repeating: -1, count: Self.keys.count)
                try bytes.withUnsafeBytes { raw in
                    try offsets.withUnsafeBufferPointer { offsets in
                        try ContiguousKeys.withKeys(bytes: raw, offsets: offsets) { keys throws(PartitioningError) in
                            try output.withUnsafeMutableBufferPointer { out throws(PartitioningError) in
                                try BatchHasher.partition(rule, keys: keys, partitionCount: count, into: out, kernel: kernel)
                            }
                        }
                    }
                }
                #expect(output == expected, "\(rule) \(kernel)")
            }
        }
    }

    @Test("KeyBatch keeps keys and padding; empty batches and empty buffers are fine")
    func keyBatch() throws {
        var batch = KeyBatch(Self.keys.prefix(50))
        #expect(batch.count == 50)
        #expect(batch[3] == Self.keys[3])
        let hashes = try batch.withContiguousKeys { keys in
            var out = [UInt32](repeating: 0, count: keys.count)
            try out.withUnsafeMutableBufferPointer { try BatchHasher.hash(.murmur2, keys: keys, into: $0) }
            return out
        }
        #expect(hashes == Self.keys.prefix(50).map { Murmur2.hash($0) })
        // Keys shorter and longer than the padding: the padding moves behind each, still zero.
        let mixed: [[UInt8]] = [Array(repeating: 0xAB, count: 300), [1, 2, 3], [], Array(repeating: 0xCD, count: 288), [9]]
        var padded = KeyBatch()
        for key in mixed {
            padded.append(key)
            #expect(padded.storage.count == padded.byteCount + 288)
            #expect(padded.storage.suffix(288).allSatisfy { $0 == 0 })
        }
        #expect((0..<padded.count).map { padded[$0] } == mixed)
        #expect(padded == KeyBatch(mixed))
        batch.removeAll()
        #expect(batch.isEmpty)
        #expect(BatchHasher.hashes(.murmur2, of: [[UInt8]]()) == [])
        #expect(BatchHasher.hashes(.murmur2, of: [[UInt8]](repeating: [], count: 9)) == Array(repeating: 0x106e_08d9, count: 9))
    }

    @Test("bad offsets and short outputs are typed errors naming the index")
    func validation() throws {
        let bytes: [UInt8] = [1, 2, 3]
        func check(_ offsets: [Int], _ expected: PartitioningError) {
            _ = bytes.withUnsafeBytes { raw in
                offsets.withUnsafeBufferPointer { offsets in
                    #expect(throws: expected) { try ContiguousKeys.withKeys(bytes: raw, offsets: offsets) { $0.count } }
                }
            }
        }
        check([], .missingOffsets)
        check([0, 2, 1], .offsetOutOfOrder(index: 2, offset: 1))
        check([-1, 2], .offsetOutOfOrder(index: 0, offset: -1))
        check([0, 4], .offsetBeyondBytes(index: 1, offset: 4, byteCount: 3))
        let offsets = [0, 1, 3]
        var out = [UInt32](repeating: 0, count: 1)
        _ = bytes.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { offsets in
                out.withUnsafeMutableBufferPointer { out in
                    #expect(throws: PartitioningError.outputTooSmall(needed: 2, available: 1)) {
                        try ContiguousKeys.withKeys(bytes: raw, offsets: offsets) { keys throws(PartitioningError) in
                            try BatchHasher.hash(.murmur2, keys: keys, into: out)
                        }
                    }
                }
            }
        }
    }
}
