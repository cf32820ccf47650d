/// Batch kernels in portable Swift: eight keys in the lanes of `SIMD8<UInt32>`, fed by
/// transposed loads (eight 32-byte rows, one per key, transposed so row j holds word j of every
/// key), masked lanes for keys that end early, and ``PartitionCount``'s multiplier instead of a
/// division. The same design as the AVX2 C kernel, for CPUs without it (and ARM's NEON); tested
/// against the one-key functions. Groups whose 32-byte windows would leave the buffer, or with
/// a key longer than ``vectorKeyLimit``, run one key at a time.
@usableFromInline
enum PortableBatchKernels {
    /// Longest key a vector group takes (the C kernel's `VECTOR_KEY_LIMIT`).
    @usableFromInline static var vectorKeyLimit: Int { 256 }

    /// Bytes a vector group reads from its last key's start when its longest key is `longest`
    /// bytes: quads up to the tail word, two quads per 32-byte window (the C kernel's
    /// `vector_group` reads exactly as far). At ``vectorKeyLimit`` this is 288.
    @inlinable @inline(__always)
    static func windowReach(longest: Int) -> Int {
        32 &* (((longest &>> 4) &+ 2) &>> 1)
    }

    /// Eight 32-byte rows (one per key) of a window.
    @usableFromInline
    struct Rows {
        @usableFromInline var r0, r1, r2, r3, r4, r5, r6, r7: SIMD8<UInt32>

        /// Loads window `chunk` (bytes `32*chunk ..< 32*chunk + 32`) of the keys starting at `starts`.
        @inlinable @inline(__always)
        init(_ base: UnsafeRawPointer, _ starts: UnsafePointer<Int>, chunk: Int) {
            let shift = chunk &* 32
            r0 = base.loadUnaligned(fromByteOffset: starts[0] &+ shift, as: SIMD8<UInt32>.self)
            r1 = base.loadUnaligned(fromByteOffset: starts[1] &+ shift, as: SIMD8<UInt32>.self)
            r2 = base.loadUnaligned(fromByteOffset: starts[2] &+ shift, as: SIMD8<UInt32>.self)
            r3 = base.loadUnaligned(fromByteOffset: starts[3] &+ shift, as: SIMD8<UInt32>.self)
            r4 = base.loadUnaligned(fromByteOffset: starts[4] &+ shift, as: SIMD8<UInt32>.self)
            r5 = base.loadUnaligned(fromByteOffset: starts[5] &+ shift, as: SIMD8<UInt32>.self)
            r6 = base.loadUnaligned(fromByteOffset: starts[6] &+ shift, as: SIMD8<UInt32>.self)
            r7 = base.loadUnaligned(fromByteOffset: starts[7] &+ shift, as: SIMD8<UInt32>.self)
            // Three unzip stages rotate the 6-bit (row, column) index by three: a transpose.
            unzip()
            unzip()
            unzip()
        }

        /// One stage: rows (2i, 2i+1) become (evens of both) at i and (odds of both) at i + 4.
        @inlinable @inline(__always)
        mutating func unzip() {
            let e0 = SIMD8(lowHalf: r0.evenHalf, highHalf: r1.evenHalf)
            let e1 = SIMD8(lowHalf: r2.evenHalf, highHalf: r3.evenHalf)
            let e2 = SIMD8(lowHalf: r4.evenHalf, highHalf: r5.evenHalf)
            let e3 = SIMD8(lowHalf: r6.evenHalf, highHalf: r7.evenHalf)
            let o0 = SIMD8(lowHalf: r0.oddHalf, highHalf: r1.oddHalf)
            let o1 = SIMD8(lowHalf: r2.oddHalf, highHalf: r3.oddHalf)
            let o2 = SIMD8(lowHalf: r4.oddHalf, highHalf: r5.oddHalf)
            let o3 = SIMD8(lowHalf: r6.oddHalf, highHalf: r7.oddHalf)
            (r0, r1, r2, r3, r4, r5, r6, r7) = (e0, e1, e2, e3, o0, o1, o2, o3)
        }

        /// Word `index` (0–7) of every key.
        @inlinable @inline(__always)
        subscript(index: Int) -> SIMD8<UInt32> {
            switch index {
            case 0: return r0
            case 1: return r1
            case 2: return r2
            case 3: return r3
            case 4: return r4
            case 5: return r5
            case 6: return r6
            default: return r7
            }
        }
    }

    /// Lengths and the longest length of keys `first ..< first + 8` when they can run in
    /// lanes (every 32-byte window they need lies inside `keys.bytes`), else nil.
    @inlinable @inline(__always)
    static func vectorGroup(_ keys: ContiguousKeys, _ first: Int) -> (SIMD8<UInt32>, Int)? {
        var lengths = SIMD8<UInt32>()
        var longest = 0
        for lane in 0..<8 {
            let length = keys.offsets[first &+ lane &+ 1] &- keys.offsets[first &+ lane]
            lengths[lane] = UInt32(truncatingIfNeeded: length)
            longest = max(longest, length)
        }
        guard longest <= vectorKeyLimit else { return nil }
        // Offsets are non-decreasing, so the last key's start is the largest.
        guard keys.offsets[first &+ 7] &+ windowReach(longest: longest) <= keys.bytes.count else { return nil }
        return (lengths, longest)
    }

    /// murmur2 of 8 keys whose windows are readable.
    @inlinable
    static func murmur2x8(_ base: UnsafeRawPointer, _ starts: UnsafePointer<Int>, _ lengths: SIMD8<UInt32>, _ longest: Int) -> SIMD8<UInt32> {
        let m = SIMD8<UInt32>(repeating: Murmur2.multiplier)
        let blocks = lengths &>> 2
        var h = SIMD8<UInt32>(repeating: Murmur2.seed) ^ lengths
        // The chain runs on past each key's full blocks; its state and tail word are captured
        // at the key's tail index, off the critical path.
        var captured = h
        var tail = SIMD8<UInt32>()
        let quads = (longest &>> 4) &+ 1
        var chunk = 0
        while chunk &* 2 < quads {
            let rows = Rows(base, starts, chunk: chunk)
            let blocksInChunk = chunk &* 2 &+ 1 < quads ? 8 : 4
            for j in 0..<blocksInChunk {
                let word = rows[j]
                let position = SIMD8<UInt32>(repeating: UInt32(truncatingIfNeeded: chunk &* 8 &+ j))
                let atTail = ~(lessMask(position, blocks) | lessMask(blocks, position))
                captured = select(h, captured, atTail)
                tail = select(word, tail, atTail)
                var k = word &* m
                k ^= k &>> 24
                k = k &* m
                h = (h &* m) ^ k
            }
            chunk &+= 1
        }
        h = captured
        let rest = lengths & 3
        let tailMask = (SIMD8<UInt32>(repeating: 1) &<< (rest &* 8)) &- 1
        h = select((h ^ (tail & tailMask)) &* m, h, lessMask(.zero, rest))
        h ^= h &>> 13
        h = h &* m
        h ^= h &>> 15
        return h
    }

    /// FNV-1a of 8 keys whose windows are readable.
    @inlinable
    static func fnv1ax8(_ base: UnsafeRawPointer, _ starts: UnsafePointer<Int>, _ lengths: SIMD8<UInt32>, _ longest: Int) -> SIMD8<UInt32> {
        let prime = SIMD8<UInt32>(repeating: FNV1a.prime)
        var h = SIMD8<UInt32>(repeating: FNV1a.offsetBasis)
        let quads = (longest &+ 15) &>> 4
        var chunk = 0
        while chunk &* 2 < quads {
            let rows = Rows(base, starts, chunk: chunk)
            let wordsInChunk = chunk &* 2 &+ 1 < quads ? 8 : 4
            for j in 0..<wordsInChunk {
                let word = rows[j]
                for byte in 0..<4 {
                    let position = UInt32(truncatingIfNeeded: (chunk &* 8 &+ j) &* 4 &+ byte)
                    let next = (h ^ ((word &>> UInt32(byte &* 8)) & 0xff)) &* prime
                    h = select(next, h, lessMask(SIMD8(repeating: position), lengths))
                }
            }
            chunk &+= 1
        }
        return h
    }

    /// Hashes every key with `function`: groups of eight in lanes (murmur2, FNV-1a), the rest
    /// one key at a time.
    @inlinable
    static func hash(_ function: HashFunction, _ keys: ContiguousKeys, _ output: UnsafeMutablePointer<UInt32>) {
        let count = keys.count
        var first = 0
        #if _endian(little)
        if let base = keys.bytes.baseAddress, let offsets = keys.offsets.baseAddress,
           function == .murmur2 || function == .fnv1a {
            while first &+ 8 <= count {
                if let (lengths, longest) = vectorGroup(keys, first) {
                    let starts = offsets + first
                    let hashes = function == .murmur2
                        ? murmur2x8(base, starts, lengths, longest) : fnv1ax8(base, starts, lengths, longest)
                    store(hashes, output + first)
                } else {
                    for index in first..<(first &+ 8) { output[index] = function.hash(keys[index]) }
                }
                first &+= 8
            }
        }
        #endif
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
            var lanes = UnsafeRawPointer(values + index).loadUnaligned(as: SIMD8<UInt32>.self)
            switch reduction {
            case .clearSignBit:
                lanes &= 0x7fff_ffff
            case .unsigned:
                break
            case .absoluteValue:
                let negative = signMask(lanes)
                lanes = (lanes ^ negative) &- negative
            }
            store(partitions.remainder(lanes), values + index)
            index &+= 8
        }
        while index < count {
            values[index] = partitions.remainder(reduction.apply(values[index]))
            index &+= 1
        }
    }

    /// All-ones lanes where `x < y` (both below 2^31), else zero: the sign of `x - y`.
    /// (Arithmetic masks instead of `SIMDMask`, which baseline x86-64 code scalarises.)
    @inlinable @inline(__always)
    static func lessMask(_ x: SIMD8<UInt32>, _ y: SIMD8<UInt32>) -> SIMD8<UInt32> {
        signMask(x &- y)
    }

    /// All-ones lanes where the top bit is set, else zero.
    @inlinable @inline(__always)
    static func signMask(_ x: SIMD8<UInt32>) -> SIMD8<UInt32> {
        SIMD8<UInt32>(truncatingIfNeeded: SIMD8<Int32>(truncatingIfNeeded: x) &>> 31)
    }

    /// Lanes of `a` where `mask` is all ones, of `b` where it is zero.
    @inlinable @inline(__always)
    static func select(_ a: SIMD8<UInt32>, _ b: SIMD8<UInt32>, _ mask: SIMD8<UInt32>) -> SIMD8<UInt32> {
        (a & mask) | (b & ~mask)
    }

    /// Writes the eight lanes to `destination[0 ..< 8]`.
    @inlinable @inline(__always)
    static func store(_ lanes: SIMD8<UInt32>, _ destination: UnsafeMutablePointer<UInt32>) {
        UnsafeMutableRawPointer(destination).storeBytes(of: lanes, as: SIMD8<UInt32>.self)
    }
}
