import KafkaPartitioning
import KBenchWorkloads

/// Seeded random keys of one size, back to back in a ``KeyBatch`` (key `i` starts at byte
/// `i × size`, so the one-key loops need no offsets and the batch kernels get their padding).
struct HashKeySet {
    /// Bytes per key.
    let size: Int
    /// The keys.
    let batch: KeyBatch

    /// `count` keys of `size` random bytes from `seed` (same seed and size, same bytes).
    init(size: Int, count: Int, seed: UInt64) {
        self.size = size
        var random = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: size) &* 0x9E37_79B9_7F4A_7C15))
        var batch = KeyBatch(keyCapacity: count, byteCapacity: count * size)
        var key = [UInt8](repeating: 0, count: size)
        for _ in 0..<count {
            key.withUnsafeMutableBytes { raw in
                var offset = 0
                while offset + 8 <= size {
                    raw.storeBytes(of: random.next().littleEndian, toByteOffset: offset, as: UInt64.self)
                    offset += 8
                }
                if offset < size {
                    let word = random.next()
                    for index in offset..<size {
                        raw[index] = UInt8(truncatingIfNeeded: word &>> UInt64(8 * (index - offset)))
                    }
                }
            }
            key.withUnsafeBytes { batch.append(bytes: $0) }
        }
        self.batch = batch
    }
}
