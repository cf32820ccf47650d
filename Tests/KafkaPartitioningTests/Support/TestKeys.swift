import KafkaPartitioning

/// Helpers shared by the partitioning suites.
enum TestKeys {
    /// Calls `body` with the UTF-8 bytes of `text`.
    static func withBytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Array(text.utf8).withUnsafeBytes(body)
    }

    /// `count` random keys with lengths in `lengths`, random bytes, from a seeded generator
    /// (eight bytes per draw, so debug builds generate megabytes quickly).
    static func random(count: Int, lengths: ClosedRange<Int>, seed: UInt64) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: lengths, using: &random)
            return [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
                var index = 0
                while index < length {
                    var word = random.next()
                    for _ in 0..<min(8, length - index) {
                        buffer[index] = UInt8(truncatingIfNeeded: word)
                        word >>= 8
                        index += 1
                    }
                }
                initialized = length
            }
        }
    }

    /// The same keys as ``random(count:lengths:seed:)``, straight into a ``KeyBatch``.
    static func randomBatch(count: Int, lengths: ClosedRange<Int>, seed: UInt64) -> KeyBatch {
        var random = SeededRandom(seed: seed)
        var batch = KeyBatch(keyCapacity: count, byteCapacity: count * (lengths.lowerBound + lengths.upperBound) / 2)
        var key = [UInt8](repeating: 0, count: lengths.upperBound)
        for _ in 0..<count {
            let length = Int.random(in: lengths, using: &random)
            var index = 0
            while index < length {
                var word = random.next()
                for _ in 0..<min(8, length - index) {
                    key[index] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    index += 1
                }
            }
            key.withUnsafeBytes { batch.append(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
        }
        return batch
    }
}
