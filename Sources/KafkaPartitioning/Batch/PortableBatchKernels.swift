/// Batch kernels in portable Swift: eight keys in the lanes of `SIMD8<UInt32>`, every load
/// inside its key (no over-read), remainders by ``PartitionCount``'s multiplier.
/// They run where the AVX2 kernel cannot and are tested against the one-key functions.
@usableFromInline
enum PortableBatchKernels {
    /// Word `index` (bytes `4*index ..< 4*index + 4`) of `key`, zero-padded past its end.
    @inlinable @inline(__always)
    static func word(_ key: UnsafeRawBufferPointer, _ index: Int) -> UInt32 {
        let start = index &* 4
        let count = key.count
        guard let base = key.baseAddress, start < count else { return 0 }
        if start &+ 4 <= count {
            return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: start, as: UInt32.self))
        }
        var value: UInt32 = 0
        var shift: UInt32 = 0
        for offset in start..<count {
            value |= UInt32(base.load(fromByteOffset: offset, as: UInt8.self)) &<< shift
            shift &+= 8
        }
        return value
    }

    /// Keys `first ..< first + 8` of `keys`: their lengths and longest length.
    @inlinable @inline(__always)
    static func lengths(_ keys: ContiguousKeys, _ first: Int) -> (SIMD8<UInt32>, Int) {
        var lengths = SIMD8<UInt32>()
        var longest = 0
        for lane in 0..<8 {
            let length = keys.offsets[first &+ lane &+ 1] &- keys.offsets[first &+ lane]
            lengths[lane] = UInt32(truncatingIfNeeded: length)
            longest = max(longest, length)
        }
        return (lengths, longest)
    }

    /// murmur2 of keys `first ..< first + 8`.
    @inlinable
    static func murmur2x8(_ keys: ContiguousKeys, _ first: Int) -> SIMD8<UInt32> {
        let m = SIMD8<UInt32>(repeating: Murmur2.multiplier)
        let (lengths, longest) = lengths(keys, first)
        let blocks = lengths &>> 2
        let rest = lengths & 3
        var h = SIMD8<UInt32>(repeating: Murmur2.seed) ^ lengths
        var tail = SIMD8<UInt32>()
        for index in 0...(longest >> 2) {
            var words = SIMD8<UInt32>()
            for lane in 0..<8 {
                words[lane] = word(keys[first &+ lane], index)
            }
            let position = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: index))
            var k = words &* m
            k ^= k &>> 24
            k = k &* m
            let mixed = (h &* m) ^ k
            h.replace(with: mixed, where: blocks .> position)
            tail.replace(with: words, where: blocks .== position)
        }
        let withTail = (h ^ tail) &* m
        h.replace(with: withTail, where: rest .!= 0)
        h ^= h &>> 13
        h = h &* m
        h ^= h &>> 15
        return h
    }

    /// FNV-1a of keys `first ..< first + 8`.
    @inlinable
    static func fnv1ax8(_ keys: ContiguousKeys, _ first: Int) -> SIMD8<UInt32> {
        let prime = SIMD8<UInt32>(repeating: FNV1a.prime)
        let (lengths, longest) = lengths(keys, first)
        var h = SIMD8<UInt32>(repeating: FNV1a.offsetBasis)
        var index = 0
        while index &* 4 < longest {
            var words = SIMD8<UInt32>()
            for lane in 0..<8 {
                words[lane] = word(keys[first &+ lane], index)
            }
            for byte in 0..<4 {
                let position = index &* 4 &+ byte
                let next = (h ^ ((words &>> UInt32(byte &* 8)) & 0xff)) &* prime
                h.replace(with: next, where: lengths .> UInt32(truncatingIfNeeded: position))
            }
            index &+= 1
        }
        return h
    }

    /// Hashes every key with `function`, eight at a time (murmur2, FNV-1a), else one by one.
    @inlinable
    static func hash(_ function: HashFunction, _ keys: ContiguousKeys, _ output: UnsafeMutablePointer<UInt32>) {
        let count = keys.count
        var first = 0
        switch function {
        case .murmur2:
            while first &+ 8 <= count {
                store(murmur2x8(keys, first), output + first)
                first &+= 8
            }
        case .fnv1a:
            while first &+ 8 <= count {
                store(fnv1ax8(keys, first), output + first)
                first &+= 8
            }
        case .crc32, .kafkaJSLegacyMurmur2:
            break
        }
        while first < count {
            output[first] = function.hash(keys[first])
            first &+= 1
        }
    }

    /// Reduction and remainder over `count` hashes in place, eight lanes at a time.
    @inlinable
    static func reduce(
        _ values: UnsafeMutablePointer<UInt32>, count: Int, _ reduction: HashReduction, _ partitions: PartitionCount
    ) {
        var index = 0
        while index &+ 8 <= count {
            var lanes = SIMD8<UInt32>()
            for lane in 0..<8 { lanes[lane] = values[index &+ lane] }
            switch reduction {
            case .clearSignBit:
                lanes &= 0x7fff_ffff
            case .unsigned:
                break
            case .absoluteValue:
                lanes.replace(with: 0 &- lanes, where: lanes .>= 0x8000_0000)
            }
            store(partitions.remainder(lanes), values + index)
            index &+= 8
        }
        while index < count {
            values[index] = partitions.remainder(reduction.apply(values[index]))
            index &+= 1
        }
    }

    /// Writes the eight lanes to `destination[0 ..< 8]`.
    @inlinable @inline(__always)
    static func store(_ lanes: SIMD8<UInt32>, _ destination: UnsafeMutablePointer<UInt32>) {
        for lane in 0..<8 { destination[lane] = lanes[lane] }
    }
}
