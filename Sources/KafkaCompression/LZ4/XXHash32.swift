/// XXH32, the checksum of the LZ4 frame format (header checksum, block and content checksums).
public enum XXHash32 {
    @usableFromInline static let prime1: UInt32 = 2_654_435_761
    @usableFromInline static let prime2: UInt32 = 2_246_822_519
    @usableFromInline static let prime3: UInt32 = 3_266_489_917
    @usableFromInline static let prime4: UInt32 = 668_265_263
    @usableFromInline static let prime5: UInt32 = 374_761_393

    /// XXH32 of `bytes` with `seed` (LZ4 frames use seed 0).
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        let count = bytes.count
        var offset = 0
        var h: UInt32
        if count >= 16 {
            var v1 = seed &+ prime1 &+ prime2
            var v2 = seed &+ prime2
            var v3 = seed
            var v4 = seed &- prime1
            while count - offset >= 16 {
                v1 = round(v1, bytes.littleEndianUInt32(at: offset))
                v2 = round(v2, bytes.littleEndianUInt32(at: offset + 4))
                v3 = round(v3, bytes.littleEndianUInt32(at: offset + 8))
                v4 = round(v4, bytes.littleEndianUInt32(at: offset + 12))
                offset += 16
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
        } else {
            h = seed &+ prime5
        }
        h = h &+ UInt32(truncatingIfNeeded: count)
        while count - offset >= 4 {
            h = h &+ bytes.littleEndianUInt32(at: offset) &* prime3
            h = rotl(h, 17) &* prime4
            offset += 4
        }
        while offset < count {
            h = h &+ UInt32(bytes[offset]) &* prime5
            h = rotl(h, 11) &* prime1
            offset += 1
        }
        h ^= h >> 15
        h = h &* prime2
        h ^= h >> 13
        h = h &* prime3
        h ^= h >> 16
        return h
    }

    /// XXH32 of `bytes` with `seed`.
    @inlinable
    public static func hash(_ bytes: some Collection<UInt8>, seed: UInt32 = 0) -> UInt32 {
        let contiguous = bytes.withContiguousStorageIfAvailable { hash(UnsafeRawBufferPointer($0), seed: seed) }
        if let contiguous { return contiguous }
        return Array(bytes).withUnsafeBytes { hash($0, seed: seed) }
    }

    @inlinable
    static func round(_ accumulator: UInt32, _ lane: UInt32) -> UInt32 {
        rotl(accumulator &+ lane &* prime2, 13) &* prime1
    }

    @inlinable
    static func rotl(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value << count) | (value >> (32 - count))
    }
}
